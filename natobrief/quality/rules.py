"""The registry of lint rules: each has an id (used in both outputs and in ``x-lint-ok``),
a one-line summary for ``natobrief lint --rules``, and a check over one deck.

A check yields ``(card, message)`` pairs; the message says what is wrong and
what to change. Adding a rule is adding one decorated function in the module
of its family (natobrief.quality.lint.all_rules imports the families).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from natobrief.deck.model import AnyCard, Deck

Check = Callable[[Deck], Iterable[tuple[AnyCard, str]]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule."""

    id: str
    summary: str
    check: Check


RULES: dict[str, Rule] = {}


def rule(rule_id: str, summary: str) -> Callable[[Check], Check]:
    """Register ``check`` as the rule ``rule_id``."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"lint rule {rule_id!r} is registered twice")
        RULES[rule_id] = Rule(rule_id, summary, check)
        return check

    return register

"""Run the item-writing rules over decks: findings (file:line, card, rule, what to change)
and each deck's figures. A card accepts a rule's findings on purpose with
``x-lint-ok: [rule, ...]``; they are kept, marked accepted, and do not count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from natobrief.deck.discover import deck_files
from natobrief.deck.loader import read_deck
from natobrief.deck.model import AnyCard, Deck, LoadResult
from natobrief.quality.figures import DeckFigures, deck_figures
from natobrief.quality.rules import RULES, Rule

ACCEPT_KEY = "x-lint-ok"


def all_rules() -> dict[str, Rule]:
    """Every rule, its family modules imported (they register themselves)."""
    from natobrief.quality import cues, options, stems  # noqa: F401  (registration)

    return RULES


@dataclass(frozen=True, slots=True)
class Finding:
    """One flaw of one card."""

    path: Path
    deck: str
    card: str
    rule: str
    line: int
    message: str
    accepted: bool = False  # the card's x-lint-ok names this rule

    def as_json(self) -> dict[str, object]:
        return {
            "deck": self.deck,
            "card": self.card,
            "rule": self.rule,
            "line": self.line,
            "message": self.message,
            "file": str(self.path),
        }


@dataclass(frozen=True, slots=True)
class LintReport:
    """Every deck linted: its load result, findings and figures."""

    results: tuple[LoadResult, ...]
    findings: tuple[Finding, ...]
    figures: dict[str, DeckFigures]

    @property
    def open_findings(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.accepted]

    @property
    def refused(self) -> list[LoadResult]:
        return [result for result in self.results if result.deck is None]

    def as_json(self) -> dict[str, object]:
        """``natobrief lint --json``: findings, accepted ones apart, and figures by deck id."""
        return {
            "findings": [finding.as_json() for finding in self.open_findings],
            "accepted": [finding.as_json() for finding in self.findings if finding.accepted],
            "figures": {deck: figures.as_json() for deck, figures in self.figures.items()},
            "refused": [str(result.path) for result in self.refused],
        }


def lint_deck(deck: Deck) -> list[Finding]:
    """Every finding for ``deck``, in card order, rule by rule within a card."""
    rules = all_rules()
    found: list[Finding] = []
    for rule_id, rule in rules.items():
        for card, message in rule.check(deck):
            accepted = rule_id in _accepted(card)
            found.append(
                Finding(deck.path, deck.id, card.id, rule_id, card.line, message, accepted)
            )
    for card in deck.cards:
        unknown = sorted(_accepted(card) - set(rules))
        if unknown:
            found.append(
                Finding(
                    deck.path,
                    deck.id,
                    card.id,
                    ACCEPT_KEY,
                    card.line,
                    f"{ACCEPT_KEY} names no rule '{unknown[0]}'; the rules are " + ", ".join(rules),
                )
            )
    order = {card.id: at for at, card in enumerate(deck.cards)}
    return sorted(found, key=lambda f: (order.get(f.card, 0), f.rule))


def _accepted(card: AnyCard) -> set[str]:
    value = card.extra.get(ACCEPT_KEY)
    if isinstance(value, str):
        return {value}
    if isinstance(value, list | tuple):
        return {str(item) for item in value}
    return set()


def lint_paths(paths: Sequence[Path]) -> LintReport:
    """Lint every deck file named or found below ``paths`` (as ``natobrief check`` finds them)."""
    results = tuple(read_deck(file) for file in deck_files(paths))
    findings: list[Finding] = []
    figures: dict[str, DeckFigures] = {}
    for result in results:
        if result.deck is not None:
            findings.extend(lint_deck(result.deck))
            figures[result.deck.id] = deck_figures(result.deck)
    return LintReport(results, tuple(findings), figures)

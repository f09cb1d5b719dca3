"""How a key is described, the same in the command palette and on the help screen."""

from __future__ import annotations

from functools import cache

from textual.binding import Binding
from textual.screen import Screen


def is_textual_default(binding: Binding) -> bool:
    """A key every Textual screen has (Tab, copy), not one of natobrief's own."""
    return (binding.key, binding.action, binding.description) in _textual_defaults()


@cache
def _textual_defaults() -> frozenset[tuple[str, str, str]]:
    bindings = Binding.make_bindings(Screen.BINDINGS)
    return frozenset((b.key, b.action, b.description) for b in bindings)


def action_doc(node: object, action: str) -> str:
    """The first line of the action method's docstring, without its full stop (plain text).

    The palette and the help screen both describe a key by it.
    """
    name = action.split("(", 1)[0]
    method = getattr(node, f"action_{name}", None)
    doc = (getattr(method, "__doc__", None) or "").strip().splitlines()
    return doc[0].rstrip(".") if doc else ""

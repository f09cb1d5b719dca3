"""Adding one card to a deck file as text, so that nothing else in the file changes.

Instructors write decks by hand: their comments, key order, blank lines and
quoting must survive a card added by ``natobrief new`` or the reader's ``n``.
So the file is never re-dumped. The new card is rendered on its own, in the
list indentation the file already uses, and spliced in after the last card;
every other byte stays where it was.

Nothing reaches the deck unless it loads: the would-be text is checked by the
real loader in memory, then written to a temporary file beside the deck, loaded
again from there, and renamed over the deck in one atomic step. A crash leaves
either the old deck or the new one, never half of either.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import yaml

from natobrief.deck.draft import propose_card_id
from natobrief.deck.loader import LoadResult, read_deck
from natobrief.deck.yaml_nodes import YamlProblem, parse_yaml
from natobrief.deck.yaml_text import render_card
from natobrief.errors import DeckProblem, NatobriefError
from natobrief.files import write_atomically
from natobrief.text import strip_control_in

_NULL_VALUES = ("", "~", "null", "Null", "NULL")


class CardRejected(NatobriefError):
    """The card was not added; ``problems`` says why, each with file:line and a hint."""

    def __init__(self, problems: Iterable[DeckProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems) or "the card was refused")


@dataclass(frozen=True, slots=True)
class CardCheck:
    """What adding a card would give: the new file text, where the card starts, and problems."""

    text: str
    line: int
    errors: tuple[DeckProblem, ...]  # problems the card brings; empty means it can be added
    warnings: tuple[DeckProblem, ...]  # author hints about the card that do not refuse it
    other_errors: int  # errors the deck already had before this card


@dataclass(frozen=True, slots=True)
class Appended:
    """A card written to a deck file."""

    path: Path
    card_id: str
    line: int
    warnings: tuple[DeckProblem, ...]
    other_errors: int


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where the cards list is and how it is indented."""

    insert_at: int  # offset of the line where the new card starts
    remove: tuple[int, int] | None  # an empty flow list or null to replace by the block
    dash_column: int
    key_offset: int  # columns from the dash to the card's keys
    nested_step: int  # extra indentation of a nested mapping or list
    card_lines: dict[str, int]  # existing card id -> its line


def bundled_refusal(deck_path: Path) -> str | None:
    """Why cards are not added to this deck file, when it is one of the bundled decks."""
    from natobrief import paths

    bundled = paths.bundled_decks_dir().resolve()
    if not deck_path.resolve().is_relative_to(bundled):
        return None
    return (
        f"{deck_path.name} is a bundled deck; natobrief replaces those when it is upgraded, "
        "so new cards are not added to them. Copy the deck file and its sources/ folder into "
        f"your decks folder ({paths.user_decks_dir()}), give it a new 'id:', and add cards there."
    )


def check_card(
    deck_path: Path, card: Mapping[str, object], deck_text: str | None = None
) -> CardCheck:
    """Check adding ``card`` to the deck in memory, with the real loader; nothing is written.

    ``deck_text`` is the deck's current text (read from ``deck_path`` when not given).
    Raises CardRejected when the deck itself cannot take a card (a YAML error, no
    cards list, a duplicate id).
    """
    text = _deck_text(deck_path) if deck_text is None else deck_text
    body, bom = (text[1:], "\ufeff") if text.startswith("\ufeff") else (text, "")
    before, layout = _baseline(deck_path, body)
    card_id = str(card.get("id", ""))
    taken = list(layout.card_lines)
    if card_id in layout.card_lines:
        raise CardRejected(
            [
                DeckProblem(
                    deck_path,
                    layout.card_lines[card_id],
                    0,
                    card_id,
                    "a card with this id is already in the deck",
                    f"choose another id, e.g. '{propose_card_id('card', taken, card_id)}'",
                )
            ]
        )
    clean = cast("Mapping[str, object]", strip_control_in(dict(card)))
    removed = () if clean == dict(card) else (_control_removed(deck_path, card_id),)
    new_body, line = _spliced(body, layout, clean)  # the text enters here: cleaned here
    after = read_deck(deck_path, text=new_body)
    # The card's own problems have no line in the file yet: report them without one, as
    # the new card's. That includes one found inside its lines before its id was known
    # (an empty id), which would otherwise point at a line the file does not have.
    card_lines = range(line, line + new_body.count("\n") - body.count("\n"))
    errors = tuple(
        replace(p, line=0, column=0, card=card_id)
        if p.card == card_id or (p.card is None and p.line in card_lines)
        else p
        for p in _new_errors(before, after, card_id)
    )
    warnings = removed + _warnings_for(after, card_id)
    return CardCheck(bom + new_body, line, errors, warnings, len(before.errors))


def _control_removed(deck_path: Path, card_id: str) -> DeckProblem:
    """The warning that a new card's text held characters that would drive a terminal."""
    return DeckProblem(
        deck_path,
        0,
        0,
        card_id,
        "the card's text held control or invisible characters; they were removed",
        "check the card reads as you meant",
        "warning",
    )


def append_card(deck_path: Path, card: Mapping[str, object]) -> Appended:
    """Append ``card`` (a deck-format mapping) to the deck file's ``cards:`` list.

    Raises CardRejected (nothing written) when the card is invalid or its id is
    taken, NatobriefError when the file cannot be written.
    """
    refusal = bundled_refusal(deck_path)
    if refusal is not None:
        raise NatobriefError(refusal)
    original = _deck_text(deck_path)
    checked = check_card(deck_path, card, original)
    if checked.errors:
        raise CardRejected(checked.errors)
    card_id = str(card.get("id", ""))
    _replace_atomically(deck_path, original, checked, card_id)
    return Appended(deck_path, card_id, checked.line, checked.warnings, checked.other_errors)


def _deck_text(deck_path: Path) -> str:
    try:
        return deck_path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise NatobriefError(f"no deck file {deck_path}; check the path") from None
    except UnicodeDecodeError:
        raise CardRejected(read_deck(deck_path).errors) from None
    except OSError as error:
        raise NatobriefError(
            f"cannot read {deck_path}: {error.strerror}; check the file's permissions"
        ) from None


@functools.lru_cache(maxsize=4)
def _baseline(deck_path: Path, body: str) -> tuple[LoadResult, _Layout]:
    """The deck as it stands: what the loader says of it, and where its cards list is.

    Kept for the few last texts: the new-card form checks a card on every key
    press against the same deck, which need not be parsed twice each time.
    Both are only read (the layout's ids are copied before use).
    """
    return read_deck(deck_path, text=body), _layout(deck_path, body)


def _layout(deck_path: Path, body: str) -> _Layout:
    """Find the cards list and its indentation (the deck's YAML must parse)."""

    def refuse(line: int, message: str, hint: str) -> CardRejected:
        return CardRejected([DeckProblem(deck_path, line, 0, None, message, hint)])

    try:
        parse_yaml(body)  # bounded checks first: depth, aliases, unsafe tags
    except YamlProblem as problem:
        raise CardRejected(
            [DeckProblem(deck_path, problem.line, problem.column, None, problem.message,
                         "fix the deck first (natobrief check shows every problem)")]
        ) from None  # fmt: skip
    root = yaml.compose(body, Loader=yaml.CSafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise refuse(1, "the deck is not a mapping of keys", "start it with 'natobrief: 1'")
    cards_key = next((k for k, _ in root.value if k.value == "cards"), None)
    if cards_key is None:
        raise refuse(0, "the deck has no 'cards:' list", "add 'cards: []' at the end of the file")
    cards = next(v for k, v in root.value if k is cards_key)
    line_end = _after_line(body, cards_key.end_mark.index)
    if isinstance(cards, yaml.ScalarNode) and cards.value in _NULL_VALUES:
        return _Layout(line_end, _same_line_span(body, cards), 2, 2, 2, {})
    if not isinstance(cards, yaml.SequenceNode):
        raise refuse(
            cards.start_mark.line + 1,
            "'cards' is not a list",
            "write 'cards:' then '- id: ...' entries",
        )
    if cards.flow_style:
        if cards.value:
            raise refuse(cards.start_mark.line + 1, "the cards are written as a [...] list",
                         "write them as a block list ('- id: ...' lines) to add cards")  # fmt: skip
        return _Layout(line_end, _same_line_span(body, cards), 2, 2, 2, {})
    if not cards.value:
        return _Layout(line_end, None, 2, 2, 2, {})
    first = cards.value[0]
    dash = cards.start_mark.column
    offset = first.start_mark.column - dash if isinstance(first, yaml.MappingNode) else 2
    return _Layout(
        _after_line(body, content_end(cards.value[-1], body)),
        None,
        dash,
        max(offset, 2),
        _nested_step(cards.value),
        _card_lines(cards.value),
    )


def content_end(node: yaml.Node, body: str) -> int:
    """Offset just past the last character the node's own text uses (not trailing blanks)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        end = node.end_mark.index
    elif isinstance(node, yaml.MappingNode) and node.value:
        end = content_end(node.value[-1][1], body)
    elif isinstance(node, yaml.SequenceNode) and node.value:
        end = content_end(node.value[-1], body)
    else:
        end = node.end_mark.index
    while end > 0 and body[end - 1] in " \t\r\n":
        end -= 1
    return end


def _after_line(body: str, offset: int) -> int:
    """The offset of the line after the one holding ``offset`` (the end when it is the last)."""
    found = body.find("\n", offset)
    return len(body) if found < 0 else found + 1


def _same_line_span(body: str, node: yaml.Node) -> tuple[int, int] | None:
    """The span of an empty list or null written after 'cards:', with its blanks when alone."""
    start, end = node.start_mark.index, node.end_mark.index
    if end <= start or "\n" in body[start:end]:
        return None
    rest = body[end : _after_line(body, end)]
    if not rest.strip():
        while start > 0 and body[start - 1] in " \t":
            start -= 1
    return start, end


def _nested_step(cards: list[yaml.Node]) -> int:
    for card in cards:
        if not isinstance(card, yaml.MappingNode):
            continue
        for key, value in card.value:
            if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
                step: int = value.start_mark.column - key.start_mark.column
                return max(step, 1)
    return 2


def _card_lines(cards: list[yaml.Node]) -> dict[str, int]:
    found: dict[str, int] = {}
    for card in cards:
        if isinstance(card, yaml.MappingNode):
            for key, value in card.value:
                if key.value == "id" and isinstance(value, yaml.ScalarNode):
                    found.setdefault(value.value, card.start_mark.line + 1)
    return found


def _spliced(body: str, layout: _Layout, card: Mapping[str, object]) -> tuple[str, int]:
    """The deck text with the card inserted, and the 1-based line where the card starts."""
    newline = "\r\n" if "\r\n" in body else "\n"
    block = render_card(card, layout.dash_column, layout.key_offset, layout.nested_step, newline)
    head, tail = body[: layout.insert_at], body[layout.insert_at :]
    if layout.remove is not None:
        a, b = layout.remove
        head = body[:a] + body[b : layout.insert_at]
    if head and not head.endswith("\n"):
        head += newline
    return head + block + tail, head.count("\n") + 1


def _problem_key(problem: DeckProblem) -> tuple[str | None, str, str]:
    return problem.card, problem.message, problem.hint


def _new_errors(before: LoadResult, after: LoadResult, card_id: str) -> tuple[DeckProblem, ...]:
    """Errors the new card brings: its own, and any the deck did not have before."""
    old = Counter(_problem_key(p) for p in before.errors if p.card != card_id)
    found = []
    for problem in after.errors:
        key = _problem_key(problem)
        if problem.card != card_id and old[key] > 0:
            old[key] -= 1
            continue
        found.append(problem)
    return tuple(found)


def _warnings_for(result: LoadResult, card_id: str) -> tuple[DeckProblem, ...]:
    if result.deck is None:
        return ()
    from natobrief.deck.lint import lint_deck  # only a deck that loaded is linted
    from natobrief.quality.lint import lint_deck as item_lint

    own = [p for p in result.warnings if p.card == card_id]
    items = [
        DeckProblem(f.path, f.line, 0, f.card, f"{f.rule}: {f.message}", "", "warning")
        for f in item_lint(result.deck)
        if f.card == card_id and not f.accepted
    ]
    return tuple(own + [p for p in lint_deck(result.deck) if p.card == card_id] + items)


def _replace_atomically(deck_path: Path, original: str, checked: CardCheck, card_id: str) -> None:
    """Write the deck with its new card beside it, load that copy, then rename it over the deck.

    ``write_atomically`` does the writing (a deck reached through a symbolic link
    is replaced beside the file the link points to, so the link stays); the copy
    is loaded before it replaces the deck, and any problem leaves the deck as it was.
    """

    def load_copy(partial: Path) -> None:
        if partial.parent == deck_path.parent.resolve():
            written = read_deck(partial)
        else:  # a link from another folder: read it back as the link, whose sources resolve there
            written = read_deck(deck_path, text=partial.read_bytes().decode("utf-8-sig"))
        errors = _new_errors(read_deck(deck_path, text=original.lstrip("\ufeff")), written, card_id)
        if errors:
            raise CardRejected(replace(p, file=deck_path) for p in errors)
        if _deck_text(deck_path) != original:
            raise NatobriefError(
                f"{deck_path} changed while the card was being added; nothing was written, "
                "try again"
            )

    try:
        write_atomically(deck_path, checked.text, check=load_copy)
    except OSError as error:
        raise NatobriefError(
            f"cannot write {deck_path}: {error.strerror}; nothing was changed, "
            "check the file's permissions and the folder's"
        ) from None

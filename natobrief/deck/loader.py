"""Loading a deck file: bytes -> safe YAML -> validated, grounded, immutable Deck.

A deck is all or nothing: when any problem is an error, :func:`load_deck`
raises :class:`DeckError` listing every problem found, and no partial deck
ever reaches a session.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from natobrief.deck.cards import CARD_KEYS, SOURCE_REF_KEYS, CardReader
from natobrief.deck.fields import Fields, Problems, describe
from natobrief.deck.grounding import SourceIndex
from natobrief.deck.model import FORMAT_VERSION as FORMAT_VERSION  # re-exported
from natobrief.deck.model import AnyCard, Deck, Source
from natobrief.deck.model import LoadResult as LoadResult  # re-exported
from natobrief.deck.renamed import read_renamed
from natobrief.deck.source_files import MAX_SOURCE_BYTES as MAX_SOURCE_BYTES  # re-exported
from natobrief.deck.source_files import SOURCE_KEYS as SOURCE_KEYS  # re-exported
from natobrief.deck.source_files import read_limited, read_source_entry
from natobrief.deck.yaml_layout import card_at
from natobrief.deck.yaml_nodes import YamlProblem, YMap, YScalar, YSeq, YValue, parse_yaml
from natobrief.errors import DeckError, DeckProblem, by_position
from natobrief.gc_pause import gc_paused
from natobrief.text import byte_position

MAX_DECK_BYTES = 32 * 1024 * 1024
DECK_KEYS = {
    "natobrief", "id", "title", "description", "aliases", "renamed", "sources", "cards"
}  # fmt: skip
# Keys of nested mappings that are not deck keys: at the top level they lost their indentation.
_NESTED_KEY_HINTS = {
    **{
        key: f"'{key}' is a key of a card; indent it under its card's '- id:' in 'cards:'"
        for key in CARD_KEYS - DECK_KEYS - {"source"}  # 'source:' is more likely 'sources:'
    },
    **{
        key: f"'{key}' belongs under a card's 'source:'; indent it there" for key in SOURCE_REF_KEYS
    },
    **{
        key: f"'{key}' is a key of a source; indent it under the source's id in 'sources:'"
        for key in SOURCE_KEYS - DECK_KEYS
    },
}


def load_deck(path: Path | str) -> Deck:
    """Load and validate one deck file; raise DeckError listing every problem."""
    result = read_deck(path)
    if result.deck is None:
        raise DeckError(list(result.problems))
    return result.deck


def read_deck(path: Path | str, text: str | None = None) -> LoadResult:
    """Read one deck file, collecting every problem instead of raising.

    With ``text``, that text is checked as if it were the file's content (sources
    still resolve beside ``path``): a would-be deck is validated without writing it.
    """
    deck_path = Path(path)
    problems = Problems(deck_path)
    with gc_paused():
        deck = _read(deck_path, problems, text)
    if problems.has_errors:
        deck = None
    return LoadResult(deck_path, deck, tuple(by_position(problems.items)))


def _read(path: Path, problems: Problems, given: str | None = None) -> Deck | None:
    text = _read_text(path, problems, MAX_DECK_BYTES, "deck") if given is None else given
    if text is None:
        return None
    if not text.strip():
        problems.add(
            None,
            "the deck file is empty",
            "a deck starts with 'natobrief: 1', then id, title, sources and cards",
        )
        return None
    try:
        root = parse_yaml(text)
    except YamlProblem as problem:
        card = card_at(text, problem.line)
        problems.items.append(
            DeckProblem(path, problem.line, problem.column, card, problem.message, problem.hint)
        )
        return None
    if root is None:
        problems.add(
            None,
            "the deck file holds only comments",
            "a deck starts with 'natobrief: 1', then id, title, sources and cards",
        )
        return None
    if not isinstance(root, YMap):
        problems.add(
            root,
            f"a deck must be a mapping of keys, not {describe(root)}",
            "start the file with 'natobrief: 1' on its own line",
        )
        return None
    fields = Fields(root, problems, "the deck")
    if not _check_version(fields):
        return None
    fields.check_keys(DECK_KEYS, _NESTED_KEY_HINTS)
    deck_id = fields.identifier("id", "deck")
    title = fields.text("title", required=True, hint="add 'title: ...', shown on the deck list")
    description = fields.text("description") or ""
    aliases = _read_aliases(fields)
    sources = _read_sources(fields, path)
    cards = _read_cards(fields, sources)
    renamed = read_renamed(fields, cards)
    if deck_id is None or title is None or problems.has_errors:
        return None
    return Deck(
        id=deck_id,
        title=title,
        path=path,
        sources=MappingProxyType({s.id: s for s, _ in sources.values()}),
        cards=tuple(cards),
        description=description,
        format_version=FORMAT_VERSION,
        extra=MappingProxyType(fields.extra()),
        aliases=MappingProxyType(aliases),
        renamed=MappingProxyType(renamed),
    )


def _read_aliases(fields: Fields) -> dict[str, tuple[str, ...]]:
    """The deck's ``aliases:``: a name to its other names (a list, or one text)."""
    node = fields.node("aliases")
    if node is None:
        return {}
    hint = "write one 'name: [other name, another]' line per thing, indented under 'aliases:'"
    if not isinstance(node, YMap):
        fields.error(node, f"'aliases' must be a mapping, not {describe(node)}", hint)
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for key in node.order:
        name = fields.text_of(node.keys[key], "a name under 'aliases'")
        value = node.values[key]
        label = f"the other names of '{key}'"
        if isinstance(value, YSeq):
            others = [fields.text_of(item, label) for item in value.items]
        elif isinstance(value, YScalar):
            others = [fields.text_of(value, label)]
        else:
            fields.error(value, f"{label} must be a list of texts, not {describe(value)}", hint)
            continue
        if name is None or any(other is None for other in others):
            continue
        found[name] = tuple(other for other in others if other is not None)
    return found


def _read_text(
    path: Path, problems: Problems, limit: int, what: str, where: YValue | None = None
) -> str | None:
    """The UTF-8 text of a file, or a problem saying why it cannot be read.

    Problems are reported at ``where`` (the ``file:`` key of a source); for the
    deck file itself, a bad byte is reported at its own line and column.
    """
    named = f" ({path.name})" if where is not None else ""
    data = read_limited(path, problems, limit, what, where)
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        message = (
            f"the {what} file{named} is not UTF-8 (byte 0x{data[error.start]:02x} at line {line})"
        )
        hint = "save the file as UTF-8 in your editor"
        if where is None:
            card = card_at(data.decode("utf-8", errors="replace"), line)
            problems.items.append(DeckProblem(problems.file, line, column, card, message, hint))
        else:
            problems.add(where, message, hint)
        return None


def _check_version(fields: Fields) -> bool:
    node = fields.node("natobrief")
    if node is None:
        fields.missing("natobrief", "add 'natobrief: 1' as the first line (the format version)")
        return False
    version = node.value if isinstance(node, YScalar) else None
    if isinstance(version, bool) or not isinstance(version, int):
        fields.error(
            node, "'natobrief' must be the format version number, 1", "write 'natobrief: 1'"
        )
        return False
    if version > FORMAT_VERSION:
        fields.error(
            node,
            f"this deck uses format version {version}; this natobrief reads "
            f"version {FORMAT_VERSION}",
            "upgrade natobrief to load it",
        )
        return False
    if version < 1:
        fields.error(node, f"unknown format version {version}", "write 'natobrief: 1'")
        return False
    return True


def _read_sources(fields: Fields, deck_path: Path) -> dict[str, tuple[Source, SourceIndex]]:
    node = fields.node("sources")
    if node is None:
        fields.missing("sources", "add 'sources:' with at least one source document")
        return {}
    if not isinstance(node, YMap) or not node.values:
        fields.error(
            node,
            "'sources' must map source ids to their title and file",
            "write sources:, then an indented id such as 'article:' with title: and file:",
        )
        return {}
    sources: dict[str, tuple[Source, SourceIndex]] = {}
    for source_id in node.order:
        value = node.values[source_id]
        key_node = node.keys[source_id]
        id_fields = Fields(
            YMap({"id": key_node}, {"id": key_node}, key_node.line, key_node.column),
            fields.problems,
            "the source",
        )
        if id_fields.identifier("id", "source") is None:
            continue
        if not isinstance(value, YMap):
            fields.error(
                value,
                f"source '{source_id}' must be a mapping with title and file",
                "indent 'title:' and 'file:' under the source id",
            )
            continue
        loaded = read_source_entry(
            Fields(value, fields.problems, f"source '{source_id}'"), source_id, deck_path
        )
        if loaded is not None:
            sources[source_id] = loaded
    return sources


def _read_cards(fields: Fields, sources: dict[str, tuple[Source, SourceIndex]]) -> list[AnyCard]:
    node = fields.node("cards")
    if node is None:
        fields.missing("cards", "add 'cards:' with at least one card")
        return []
    if not isinstance(node, YSeq) or not node.items:
        fields.error(
            node,
            "'cards' must be a list of cards, each starting with '- id:'",
            "write cards:, then one '- id: ...' entry per card",
        )
        return []
    reader = CardReader({source_id: index for source_id, (_, index) in sources.items()})
    unknown_sources_ok = len(sources) != len(fields.node("sources").values)  # type: ignore[union-attr]
    cards: list[AnyCard] = []
    first_line: dict[str, int] = {}
    for entry in node.items:
        if not isinstance(entry, YMap):
            fields.error(
                entry,
                f"each card must be a mapping of keys, not {describe(entry)}",
                "start each card with '- id: ...' and indent its keys below",
            )
            continue
        card_fields = Fields(entry, fields.problems, "the card")
        card_id = card_fields.text("id", required=True, hint="add 'id: some-unique-name'")
        if card_id is None:
            continue
        card_fields.card = card_id
        if card_id in first_line:
            card_fields.error(
                card_fields.node("id"),
                f"duplicate card id (first used on line {first_line[card_id]})",
                "give every card its own id; progress is kept by card id",
            )
            continue
        first_line[card_id] = entry.line
        if unknown_sources_ok and _cites_broken_source(entry, sources):
            continue  # the source itself was already reported
        card = reader.read(card_fields, card_id)
        if card is not None:
            cards.append(card)
    return cards


def _cites_broken_source(entry: YMap, sources: dict[str, tuple[Source, SourceIndex]]) -> bool:
    """True when the card cites a source that failed to load (not worth a second error)."""
    source = entry.values.get("source")
    if not isinstance(source, YMap):
        return False
    doc = source.values.get("doc")
    return isinstance(doc, YScalar) and doc.raw not in sources

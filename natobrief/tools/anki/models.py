"""The Anki note types natobrief writes: one per card type, with stable ids.

``natobrief export --to anki`` builds them; ``natobrief import`` recognises a
note it wrote by its note type id (or name) and reads its fields back by name.
Ids come from fixed strings, so every export names the same note types and
Anki updates them instead of adding copies.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from natobrief.deck.model import CardType

if TYPE_CHECKING:  # genanki is imported only when an export runs
    import genanki

# Anki ids are 64-bit integers; Anki makes its own from millisecond timestamps
# (about 2**40.6 today). Ids from 2**51 up never meet those and stay exact in
# Anki's JavaScript (below 2**53).
_ID_BASE = 1 << 51

MODEL_NAME_PREFIX = "natobrief "
CARD_ID_FIELD = "Card ID"
SOURCE_FIELD = "Source"
TAG_PREFIX = "natobrief::"

# The fields of each note type, in order. Prompt and Source are on every type;
# "Card ID" (not shown on the cards) brings a note back to its card on import.
MODEL_FIELDS: dict[CardType, tuple[str, ...]] = {
    "short": ("Prompt", "Answer", "Accepted", "Note", SOURCE_FIELD, CARD_ID_FIELD),
    "choice": ("Prompt", "Options", "Answer", "Note", SOURCE_FIELD, CARD_ID_FIELD),
    "truefalse": ("Prompt", "Answer", "Note", SOURCE_FIELD, CARD_ID_FIELD),
    "cloze": ("Text", "Prompt", "Accepted", "Note", SOURCE_FIELD, CARD_ID_FIELD),
    "number": ("Prompt", "Answer", "Tolerance", "Unit", "Note", SOURCE_FIELD, CARD_ID_FIELD),
    "order": ("Prompt", "Items", "Order", "Note", SOURCE_FIELD, CARD_ID_FIELD),
    "match": ("Prompt", "Left", "Right", "Pairs", "Note", SOURCE_FIELD, CARD_ID_FIELD),
}

_FRONT_EXTRA: dict[CardType, str] = {
    "short": "",
    "choice": '<div class="options">{{Options}}</div>',
    "truefalse": '<div class="hint">True or false?</div>',
    "cloze": '<div class="text">{{cloze:Text}}</div>',
    "number": '<div class="hint">A number{{#Unit}} ({{Unit}}){{/Unit}}.</div>',
    "order": '<div class="hint">Put in order:</div><div class="items">{{Items}}</div>',
    "match": '<div class="hint">Match each letter to a number:</div>'
    '<table class="columns"><tr><td>{{Left}}</td><td>{{Right}}</td></tr></table>',
}

_ANSWER: dict[CardType, str] = {
    "short": '<div class="answer">{{Answer}}</div>'
    '{{#Accepted}}<div class="accepted">Also accepted:<br>{{Accepted}}</div>{{/Accepted}}',
    "choice": '<div class="answer">{{Answer}}</div>',
    "truefalse": '<div class="answer">{{Answer}}</div>',
    "cloze": '<div class="text">{{cloze:Text}}</div>'
    '{{#Accepted}}<div class="accepted">Also accepted:<br>{{Accepted}}</div>{{/Accepted}}',
    "number": '<div class="answer">{{Answer}}{{#Unit}} {{Unit}}{{/Unit}}'
    "{{#Tolerance}} (± {{Tolerance}}){{/Tolerance}}</div>",
    "order": '<div class="answer">{{Order}}</div>',
    "match": '<div class="answer">{{Pairs}}</div>',
}

_BACK_TAIL = (
    '{{#Note}}<div class="note">{{Note}}</div>{{/Note}}'
    '<div class="source">{{' + SOURCE_FIELD + "}}</div>"
)

CSS = """\
.card { font-family: sans-serif; font-size: 20px; text-align: left; max-width: 40em;
        margin: 0 auto; color: black; background-color: white; }
.nightMode .card, .card.nightMode { color: #eee; background-color: #222; }
.prompt { font-weight: bold; margin-bottom: 0.6em; }
.hint { font-size: 0.8em; opacity: 0.7; }
.answer { font-weight: bold; color: #1a7f37; }
.accepted, .note { margin-top: 0.6em; }
.source { margin-top: 1em; font-size: 0.85em; border-left: 3px solid #999; padding-left: 0.8em; }
.source blockquote { margin: 0 0 0.4em 0; font-style: italic; }
.source mark { background-color: #fff3b0; color: inherit; font-style: normal; }
.nightMode .source mark, .card.nightMode .source mark { background-color: #5c5200; }
.cite { opacity: 0.8; }
.cloze { font-weight: bold; color: #0a58ca; }
table.columns td { vertical-align: top; padding-right: 2em; }
table.pairs td { padding: 0 0.6em 0 0; }
"""


def stable_id(text: str) -> int:
    """A 64-bit Anki id from ``text``: the same text gives the same id on every export."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return _ID_BASE + int.from_bytes(digest[:8], "big") % _ID_BASE


def model_id(card_type: CardType) -> int:
    """The Anki note type id of a natobrief card type."""
    return stable_id(f"natobrief note type v1: {card_type}")


def build_model(card_type: CardType) -> genanki.Model:
    """The Anki note type for ``card_type`` (a fresh object: genanki writes into it)."""
    import genanki  # deferred: only `export --to anki` needs it (and its YAML/chevron imports)

    front = '<div class="prompt">{{Prompt}}</div>' + _FRONT_EXTRA[card_type]
    if card_type == "cloze":
        template = {
            "name": "Cloze",
            "qfmt": '{{#Prompt}}<div class="prompt">{{Prompt}}</div>{{/Prompt}}'
            '<div class="text">{{cloze:Text}}</div>',
            "afmt": '{{#Prompt}}<div class="prompt">{{Prompt}}</div>{{/Prompt}}'
            + _ANSWER["cloze"]
            + _BACK_TAIL,
        }
    else:
        template = {
            "name": "Card 1",
            "qfmt": front,
            "afmt": '{{FrontSide}}<hr id="answer">' + _ANSWER[card_type] + _BACK_TAIL,
        }
    return genanki.Model(
        model_id(card_type),
        f"{MODEL_NAME_PREFIX}{card_type}",
        fields=[{"name": name} for name in MODEL_FIELDS[card_type]],
        templates=[template],
        css=CSS,
        model_type=genanki.Model.CLOZE if card_type == "cloze" else genanki.Model.FRONT_BACK,
    )

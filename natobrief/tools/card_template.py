"""The card an author edits in $EDITOR for ``natobrief new``, and reading it back.

The template is the card in deck format with a comment above each key saying
what it holds, values pre-filled from the command line (the quote at least).
After a failed check the same text comes back with the problems listed at the
top, so the author fixes them where they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

import yaml

from natobrief.deck.draft import CardDraft
from natobrief.deck.model import CARD_TYPES, Source
from natobrief.deck.yaml_text import yaml_lines
from natobrief.errors import DeckProblem
from natobrief.text import normalise_passage

PROBLEM_MARK = "# ! "  # lines natobrief adds above the card to list its problems
_EMPTY_DEFAULTS: dict[str, object] = {
    "prompt": "",
    "answer": "",
    "accept": [],
    "options": ["", ""],
    "text": "",
    "items": ["", ""],
    "pairs": {},
    "tolerance": 0,
    "unit": "",
    "note": "",
    "tags": [],
}

_COMMENTS: dict[str, dict[str, str]] = {
    "short": {
        "prompt": "The question the learner sees.",
        "answer": "The expected answer, in a few words.",
        "accept": "Further answers graded correct (optional), e.g. [the answer in other words]",
    },
    "choice": {
        "prompt": "The question the learner sees.",
        "options": "2 to 8 options, one per line (shown shuffled).",
        "answer": "The right option's text, copied from the options.",
    },
    "truefalse": {
        "prompt": "The statement the learner judges true or false.",
        "answer": "true or false",
    },
    "cloze": {
        "prompt": "Optional; 'Fill in the gaps.' when left empty.",
        "text": "The passage with each hidden part in double braces: {{like this}}",
    },
    "number": {
        "prompt": "The question the learner sees.",
        "answer": "The number alone (90); put any unit in 'unit'.",
        "tolerance": "How far off an answer may be and still count (0: exact).",
        "unit": "Optional, e.g. '%' or 'days'.",
    },
    "order": {
        "prompt": "The question, e.g. 'Put these events in order.'",
        "items": "2 to 8 items, in their correct order, one per line.",
    },
    "match": {
        "prompt": "The question, e.g. 'Match each term to its meaning.'",
        "pairs": "2 to 8 pairs: replace {} by one indented 'left: right' line per pair.",
    },
}


def template(draft: CardDraft, deck_title: str, sources: Mapping[str, str]) -> str:
    """The card as commented YAML for the author to complete (``sources``: id -> title)."""
    card = draft.mapping()
    keys = list(_COMMENTS[draft.card_type])
    lines = [
        f"# New {draft.card_type} card for the deck {deck_title!r}.",
        "# Fill in the values, then save and close the editor. Lines starting with # are",
        "# ignored. To add nothing, empty the file (or delete every line that is not a comment).",
        f"# Card types: {', '.join(CARD_TYPES)}.",
        "# Another type needs other keys: see 'natobrief schema' or the deck format guide.",
        "",
        "# Unique in the deck; progress is kept by card id.",
        *yaml_lines("id", draft.card_id, 0),
        *yaml_lines("type", draft.card_type, 0),
    ]
    for key in keys:
        value = card.get(key)
        if value in (None, "", [], {}):
            value = _EMPTY_DEFAULTS.get(key, "")
        if key == "answer" and draft.card_type == "truefalse" and not draft.answer:
            value = True
        if key == "answer" and draft.card_type == "number" and not draft.value:
            value = 0
        lines += ["", f"# {_COMMENTS[draft.card_type][key]}", *yaml_lines(key, value, 0)]
    shown = ", ".join(f"{doc} ({title})" for doc, title in sources.items())
    lines += [
        "",
        "source:",
        f"  # One of this deck's sources: {shown}",
        *yaml_lines("doc", draft.doc, 2),
        "  # Copied word for word from the source; natobrief checks that it is there.",
        *yaml_lines("quote", draft.quote, 2),
        "",
        "# Shown after the learner answers (optional).",
        *yaml_lines("note", draft.note, 0),
        "",
        "# Optional tags, e.g. [history, people]",
        *yaml_lines("tags", list(draft.tags), 0),
    ]
    return "\n".join(lines) + "\n"


def with_problems(text: str, problems: Sequence[str]) -> str:
    """The author's text with ``problems`` listed above it (replacing any listed before)."""
    header = [f"{PROBLEM_MARK}{line}" for problem in problems for line in problem.splitlines()]
    header = [
        f"{PROBLEM_MARK}This card was not added. Fix what is listed here and save again:",
        *header,
    ]
    return "\n".join(header) + "\n" + without_problems(text)


def without_problems(text: str) -> str:
    """The text without the problem lines natobrief put at its top."""
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(PROBLEM_MARK.rstrip()):
        lines.pop(0)
    return "".join(lines)


def problem_text(problem: DeckProblem) -> str:
    """A problem as the editor shows it: no file or line (the card is not in the file yet)."""
    text = problem.message
    if problem.hint:
        text += f"\n  hint: {problem.hint}"
    return text


def read_card(text: str) -> dict[str, object] | None:
    """The card mapping the author wrote; None when they left nothing but comments.

    Raises ValueError with a message for text that is not a card mapping. Empty
    optional values are dropped and dates read back as the text typed, so the
    loader judges what the author meant.
    """
    try:
        data = yaml.safe_load(without_problems(text))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ValueError(
            f"YAML syntax error{where}: {problem}\n  hint: quote a value that holds ': ' or "
            'starts with a special character, e.g. prompt: "Who said: ...?"'
        ) from None
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ValueError("the card must be 'key: value' lines (id:, type:, prompt: ...)")
    return {
        str(key): _plain(value)
        for key, value in data.items()
        if not (value in ("", None, [], {}) and key not in ("id", "type"))
    }


def _plain(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def closest_sentence(source: Source, quote: str) -> str:
    """The sentence of the source most like ``quote`` (for 'quote not found' messages)."""
    from natobrief.tools.coverage import split_sentences

    wanted = normalise_passage(quote).lower()
    best, best_score = "", 0.0
    for start, end in split_sentences(source.text):
        sentence = " ".join(source.text[start:end].split())
        folded = normalise_passage(sentence).lower()
        matcher = SequenceMatcher(None, wanted, folded, autojunk=False)
        score = matcher.ratio()
        longest = matcher.find_longest_match(0, len(wanted), 0, len(folded)).size
        score = max(score, longest / max(len(wanted), 1))
        if score > best_score:
            best, best_score = sentence, score
    return best

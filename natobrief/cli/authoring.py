"""Writing cards: ``natobrief new`` adds one card to a deck file, from options or in $EDITOR."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from natobrief.cli.group import cli
from natobrief.deck.model import CARD_TYPES
from natobrief.errors import ExitCode
from natobrief.text import counted

if TYPE_CHECKING:
    from natobrief.deck.draft import CardDraft
    from natobrief.deck.loader import LoadResult
    from natobrief.errors import DeckProblem


@cli.command()
@click.argument("deck_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--source",
    "document",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The document the cards quote: .txt, .md, .html or .pdf.",
)
@click.option("--id", "deck_id", help="The deck id (default: made from the file name).")
@click.option("--title", help="The deck's title (default: the document's own).")
def init(deck_file: Path, document: Path, deck_id: str | None, title: str | None) -> None:
    """Start DECK_FILE, a new deck quoting the document given with --source.

    The document is copied under sources/ beside the deck (unless it is in the
    deck's folder already); its title and date are taken from the document where
    it states them. The deck holds one card, a cloze on the document's first
    sentence that bears a fact, and commented examples of every other card type
    quoting its next sentences. Nothing is overwritten.
    """
    from natobrief.tools.deck_starter import start_deck

    started = start_deck(deck_file, document, deck_id, title)
    where = f"copied to {started.source}" if started.copied else f"at {started.source}"
    click.echo(
        f'Wrote {deck_file}: 1 card, a cloze on "{started.first_quote}", and '
        f"{counted(started.examples, 'commented example')} of the other card types "
        f"(the document is {where})."
    )
    click.echo(
        f"Next: natobrief new {deck_file} adds a card; natobrief brief {deck_file} shows the "
        "document, and n there writes a card from the sentence picked."
    )


@cli.command()
@click.argument("deck_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--type", "card_type", type=click.Choice(CARD_TYPES), default="short", show_default=True
)
@click.option("--doc", help="The source id the card quotes (default: the deck's only source).")
@click.option("--quote", default="", help="The passage, copied word for word from the source.")
@click.option("--prompt", default="", help="The question (truefalse: the statement).")
@click.option("--answer", default="", help="short: the answer; truefalse: true or false.")
@click.option("--accept", multiple=True, help="short: a further answer graded correct.")
@click.option("--option", "options", multiple=True, help="choice: one option (2 to 8).")
@click.option(
    "--correct", default="", help="choice: the right option (its text, letter or number)."
)
@click.option("--text", default="", help="cloze: the text with gaps marked {{like this}}.")
@click.option("--items", multiple=True, help="order: one item, in the correct order.")
@click.option("--pair", "pairs", multiple=True, help="match: one pair written 'left=right'.")
@click.option("--value", default="", help="number: the answer.")
@click.option("--tolerance", default="", help="number: how far off an answer may be.")
@click.option("--unit", default="", help="number: the unit, e.g. '%'.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for more).")
@click.option("--note", default="", help="Shown after the learner answers.")
@click.option("--id", "card_id", default="", help="The card id (default: made from the prompt).")
@click.option("--edit", is_flag=True, help="Open $EDITOR on the card even when it is complete.")
def new(deck_file: Path, card_type: str, doc: str | None, **fields: object) -> None:
    """Add one card to DECK_FILE, quoting one of its sources.

    With every value its type needs given as options, the card is checked and
    added. Otherwise (or with --edit) $EDITOR opens on a commented template of
    the card, the quote filled in, until the card is valid or the file is emptied.
    Nothing else in the deck file changes.

    Exit status: 0 added; 1 not added (the card was refused, or the editor was
    emptied); 2 bad usage (an unknown --doc, a quote not in the source, a
    bundled deck).
    """
    # Deferred: the loader and YAML writer are only needed by this command.
    from natobrief.deck.append import append_card, bundled_refusal
    from natobrief.deck.loader import read_deck
    from natobrief.errors import UsageError

    refusal = bundled_refusal(deck_file)
    if refusal is not None:
        raise UsageError(refusal)
    loaded = read_deck(deck_file)
    sources = _source_titles(loaded, deck_file)
    doc = _chosen_doc(doc, sources)
    draft = _draft(card_type, doc, fields, loaded)
    given_id: str | None = str(fields["card_id"]).strip() or None
    if fields["edit"] or draft.missing() or not draft.quote.strip():
        _need_terminal(draft, bool(fields["edit"]))
        card = _edit_until_valid(deck_file, draft, loaded, sources)
        given_id = str(card.get("id", "")).strip() or None  # as the author left it
    else:
        _check_quote(loaded, draft)
        card = draft.mapping()
    from natobrief.deck.append import CardRejected

    try:
        done = append_card(deck_file, card)
    except CardRejected as rejected:
        for problem in rejected.problems:
            click.echo(_refusal_text(problem, deck_file, card, given_id), err=True)
        click.echo("Nothing was written; fix the above and run the command again.", err=True)
        sys.exit(ExitCode.CHECK_FAILED)
    click.echo(f"Card {done.card_id} added to {deck_file} (line {done.line}).")
    marked = _marked_correct(card)
    if marked:
        click.echo(marked)
    for warning in done.warnings:
        click.echo(f"  warning: {warning.message}" + (f" ({warning.hint})" if warning.hint else ""))
    if done.other_errors:
        click.echo(
            f"The deck had {counted(done.other_errors, 'other error')} before this card; "
            f"run 'natobrief check {deck_file}' to see them."
        )


def _refusal_text(
    problem: DeckProblem, deck_file: Path, card: dict[str, object], given_id: str | None
) -> str:
    """A refusal as the author can act on it.

    The new card is not in the file, so its own problems have no line: they
    are said to be about the new card, named by the id the author gave, or
    said to have none (an id made up from the prompt would name a card the
    author never heard of).
    """
    if problem.line > 0 or problem.card is None or problem.card != card.get("id"):
        return problem.format()
    who = f"the new card '{given_id}'" if given_id else "the new card (no --id was given)"
    text = f"{deck_file}: {who}: {problem.message}"
    return text + (f"\n    hint: {problem.hint}" if problem.hint else "")


def _marked_correct(card: dict[str, object]) -> str:
    """For a choice card, which option's text was marked correct ('' for other types).

    ``--correct`` takes a letter, a number or the text; the letter or number
    picks from the options in the order given, so the author sees which text
    that turned out to be.
    """
    options, answer = card.get("options"), card.get("answer")
    if card.get("type") != "choice" or not isinstance(options, list) or answer not in options:
        return ""
    letter = chr(ord("a") + options.index(answer))
    return (
        f"Marked correct: {letter}) {answer} (in the order of --option; "
        "learners see the options shuffled)."
    )


def _source_titles(loaded: LoadResult, deck_file: Path) -> dict[str, str]:
    """Source id -> title, from the loaded deck or, when it does not load, its YAML."""
    if loaded.deck is not None:
        return {doc: source.title for doc, source in loaded.deck.sources.items()}
    import yaml

    try:
        data = yaml.safe_load(deck_file.read_text(encoding="utf-8-sig"))
        sources = data.get("sources") if isinstance(data, dict) else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        sources = None
    if not isinstance(sources, dict):
        from natobrief.errors import DeckError

        raise DeckError(list(loaded.errors))
    return {str(doc): str((v or {}).get("title", doc)) for doc, v in sources.items()}


def _chosen_doc(doc: str | None, sources: dict[str, str]) -> str:
    from natobrief.errors import UsageError

    listed = ", ".join(f"{d} ({title})" for d, title in sources.items())
    if doc is None:
        if len(sources) == 1:
            return next(iter(sources))
        raise UsageError(f"this deck has several sources; name one with --doc: {listed}")
    if doc not in sources:
        raise UsageError(f"the deck has no source '{doc}'; use --doc with one of: {listed}")
    return doc


def _draft(card_type: str, doc: str, fields: dict[str, object], loaded: LoadResult) -> CardDraft:
    from natobrief.deck.draft import CardDraft, propose_card_id, split_pair
    from natobrief.errors import UsageError

    pairs = []
    for text in fields["pairs"]:  # type: ignore[attr-defined]
        pair = split_pair(str(text))
        if pair is None:
            raise UsageError(
                f"--pair {text!r} needs the form 'left=right', e.g. --pair France=Paris"
            )
        pairs.append(pair)
    draft = CardDraft(
        card_type=card_type,
        doc=doc,
        quote=str(fields["quote"]),
        prompt=str(fields["prompt"]),
        answer=str(fields["answer"]),
        accept=tuple(fields["accept"]),  # type: ignore[arg-type]
        options=tuple(fields["options"]),  # type: ignore[arg-type]
        correct=str(fields["correct"]),
        text=str(fields["text"]) or (str(fields["quote"]) if card_type == "cloze" else ""),
        items=tuple(fields["items"]),  # type: ignore[arg-type]
        pairs=tuple(pairs),
        value=str(fields["value"]),
        tolerance=str(fields["tolerance"]),
        unit=str(fields["unit"]),
        tags=tuple(fields["tags"]),  # type: ignore[arg-type]
        note=str(fields["note"]),
    )
    # Trimmed as the reader's form trims it: a space at either end is a slip, not part of the id.
    card_id = str(fields["card_id"]).strip()
    if not card_id:
        deck_id = loaded.deck.id if loaded.deck is not None else "card"
        taken = [card.id for card in loaded.deck.cards] if loaded.deck is not None else []
        card_id = propose_card_id(deck_id, taken, draft.prompt or draft.text or draft.quote)
    from dataclasses import replace

    if card_type == "cloze" and draft.text == draft.quote and not fields["text"]:
        draft = replace(draft, text="")  # the quote alone has no gap; the template offers it
    return replace(draft, card_id=card_id)


def _check_quote(loaded: LoadResult, draft: CardDraft) -> None:
    """Refuse a quote that is not in the source, naming the source's closest sentence."""
    if loaded.deck is None:
        return  # the loader reports it with the card
    from natobrief.deck.grounding import SourceIndex
    from natobrief.errors import UsageError
    from natobrief.tools.card_template import closest_sentence

    source = loaded.deck.sources[draft.doc]
    if SourceIndex.build(source.text).find(draft.quote) is not None:
        return
    closest = closest_sentence(source, draft.quote)
    raise UsageError(
        f"the quote is not in source '{draft.doc}' ({source.path.name}). "
        + (f'The closest sentence there is: "{closest}" ' if closest else "")
        + "Copy the passage word for word from the source into --quote."
    )


# The option that gives each field a card draft may lack.
_OPTION_OF = {
    "prompt": "--prompt", "answer": "--answer", "options": "--option (2 to 8)",
    "correct": "--correct", "text": "--text", "value": "--value", "items": "--items (2 or more)",
    "pairs": "--pair (2 or more)", "quote": "--quote",
}  # fmt: skip


def has_terminal() -> bool:
    """True when both standard input and output are a terminal $EDITOR can take over."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _need_terminal(draft: CardDraft, edit: bool) -> None:
    """Refuse to open an editor with no terminal to show it in: say which options are missing."""
    if has_terminal():
        return
    from natobrief.errors import UsageError

    missing = [*draft.missing(), *(["quote"] if not draft.quote.strip() else [])]
    if edit or not missing:
        raise UsageError("--edit opens $EDITOR, which needs a terminal; leave --edit out")
    options = ", ".join(_OPTION_OF.get(name, f"--{name}") for name in missing)
    raise UsageError(
        f"a {draft.card_type} card needs {options}; give them as options (with no terminal, "
        "$EDITOR cannot open to ask for them)"
    )


def _edit_until_valid(
    deck_file: Path, draft: CardDraft, loaded: LoadResult, sources: dict[str, str]
) -> dict[str, object]:
    """Open $EDITOR on the card until it is valid; exit 1 when the author gives up."""
    from natobrief.deck.append import CardRejected, check_card
    from natobrief.tools.card_template import problem_text, read_card, template, with_problems

    title = loaded.deck.title if loaded.deck is not None else deck_file.stem
    text = template(draft, title, sources)
    while True:
        edited = click.edit(text, extension=".yaml", require_save=True)
        if edited is None:
            click.echo("Nothing added: the editor closed without saving.", err=True)
            sys.exit(ExitCode.CHECK_FAILED)
        try:
            card = read_card(edited)
        except ValueError as error:
            text = with_problems(edited, [str(error)])
            continue
        if card is None:
            click.echo("Nothing added: the card was left empty.", err=True)
            sys.exit(ExitCode.CHECK_FAILED)
        try:
            checked = check_card(deck_file, card)
        except CardRejected as rejected:
            text = with_problems(edited, [problem_text(p) for p in rejected.problems])
            continue
        if not checked.errors:
            return card
        text = with_problems(edited, [problem_text(p) for p in checked.errors])

"""Finding deck files: in folders given on the command line, or the default places."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from natobrief.errors import UsageError

DECK_SUFFIXES = (".yaml", ".yml")


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """Every deck file named or found below the given paths, in a stable order.

    Folders are searched recursively for ``*.yaml`` / ``*.yml``, skipping hidden
    folders. A path that does not exist is a usage error.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_in_folder(path))
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    unique: dict[Path, None] = {}
    for file in found:
        unique.setdefault(file, None)
    return list(unique)


def _in_folder(folder: Path) -> list[Path]:
    files = [
        file
        for file in folder.rglob("*")
        if file.suffix.lower() in DECK_SUFFIXES
        and file.is_file()
        and not any(part.startswith(".") for part in file.relative_to(folder).parts)
    ]
    return sorted(files)


def default_deck_paths() -> list[Path]:
    """The bundled decks, plus the user's decks folder when it exists."""
    from natobrief import paths

    found = [paths.bundled_decks_dir()]
    user = paths.user_decks_dir()
    if user.is_dir():
        found.append(user)
    return found


def resolve_decks(names: Iterable[str]) -> list[Path]:
    """Deck files for command-line arguments: deck ids of installed decks, or paths.

    No names means every installed deck. A name that is neither an existing path
    nor the id of an installed deck is a usage error that lists the ids.
    """
    wanted = list(names)
    installed = deck_files(default_deck_paths())
    if not wanted:
        return installed
    by_id = {deck_id_of(file): file for file in installed}
    chosen: list[Path] = []
    for name in wanted:
        path = Path(name)
        if path.exists():
            chosen.extend(deck_files([path]))
        elif name in by_id:
            chosen.append(by_id[name])
        else:
            raise UsageError(_not_found(name, [k for k in by_id if k]))
    return list(dict.fromkeys(chosen))


def _not_found(name: str, ids: list[str]) -> str:
    """What to say of a name that is no path and no installed deck: the closest id, and all."""
    import difflib

    if "/" in name or Path(name).suffix.lower() in DECK_SUFFIXES:  # meant as a path
        return f"no such file or folder: {name}"
    known = ", ".join(sorted(ids)) or "none"
    close = [i for i in ids if i.startswith(name)] or difflib.get_close_matches(name, ids, 1, 0.6)
    guess = f"; did you mean '{close[0]}'?" if close else ""
    return f"no deck file or installed deck called '{name}'{guess} (installed: {known})"


def deck_id_of(file: Path) -> str:
    """The ``id:`` a deck file declares, read cheaply from its top lines ('' if none)."""
    from natobrief.files import read_bounded

    try:
        head = read_bounded(file, 16 * 1024, head=True).decode("utf-8", errors="replace")
    except OSError:  # not a file (a pipe, a device), unreadable, a link loop
        return ""
    for line in head.splitlines()[:50]:
        if line.startswith("id:"):
            return line[3:].split("#", 1)[0].strip().strip("'\"")
    return ""

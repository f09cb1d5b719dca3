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

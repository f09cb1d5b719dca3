"""The learner's editor ($VISUAL, then $EDITOR), opened on a file at a line.

Editors do not agree on how to be told a line: vi, Vim, Neovim, nano, Emacs,
micro, Kakoune and Helix take ``+LINE FILE``; VS Code and its kin take
``--goto FILE:LINE``; any other editor gets the file alone.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

_PLUS_LINE = frozenset(
    {"vi", "vim", "nvim", "gvim", "view", "nano", "pico", "emacs", "emacsclient", "micro",
     "kak", "hx", "helix", "joe", "jed", "ne", "mg", "ed", "ex", "vis"}
)  # fmt: skip
_GOTO = frozenset({"code", "codium", "code-insiders", "subl", "zed"})


class NoEditor(Exception):
    """Neither $VISUAL nor $EDITOR names a program that is installed; says what to set."""


def editor_command(path: Path, line: int, environ: dict[str, str] | None = None) -> list[str]:
    """The command that opens ``path`` at ``line`` (1-based; 0 for the top) in the editor."""
    env = os.environ if environ is None else environ
    chosen = (env.get("VISUAL") or env.get("EDITOR") or "").strip()
    if not chosen:
        found = next((name for name in ("nano", "vi") if shutil.which(name)), None)
        if found is None:
            raise NoEditor("set EDITOR to your editor (e.g. export EDITOR=nano), then try again")
        chosen = found
    words = shlex.split(chosen)
    if not words or shutil.which(words[0]) is None:
        raise NoEditor(
            f"the editor '{chosen}' (from $VISUAL or $EDITOR) is not installed; set EDITOR "
            "to one that is"
        )
    name = Path(words[0]).name
    if line > 0 and name in _PLUS_LINE:
        return [*words, f"+{line}", str(path)]
    if line > 0 and name in _GOTO:
        return [*words, "--goto", f"{path}:{line}"]
    return [*words, str(path)]

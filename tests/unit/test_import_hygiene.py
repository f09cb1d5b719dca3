"""The core never imports Textual; only the TUI does, and only when the app starts."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "natobrief.cli",
    "natobrief.check",
    "natobrief.deck.loader",
    "natobrief.deck.grounding",
    "natobrief.paths",
    "natobrief.text",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print(','.join(leaked))"
    )
    process = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert process.stdout.strip() == "", f"{module} imports {process.stdout.strip()}"


def test_checking_decks_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from natobrief.cli import main\n"
        "sys.argv = ['natobrief', 'check', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert not [m for m in sys.modules if m.startswith('textual')], 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)


def test_no_module_outside_the_tui_imports_textual() -> None:
    """Every module of the package but natobrief.tui, imported together: still no Textual."""
    code = (
        "import importlib, pkgutil, sys, natobrief\n"
        "names = [m.name for m in pkgutil.walk_packages(natobrief.__path__, 'natobrief.')\n"
        "         if not m.name.startswith('natobrief.tui')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print(len(names), ','.join(leaked))"
    )
    process = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    count, _, leaked = process.stdout.strip().partition(" ")
    assert int(count) > 40, "the package's modules were not found"
    assert leaked == "", f"imported outside natobrief.tui: {leaked}"

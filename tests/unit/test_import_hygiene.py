"""The core never imports Textual (only the TUI does, when the app starts), and no module
imports another that imports it back."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import natobrief

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


def _imports_of(module: str, path: Path, modules: set[str]) -> set[str]:
    """Every natobrief module ``module`` imports: at the top, inside functions and under
    TYPE_CHECKING alike, since each is a dependency between two jobs."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {name for name in found if name in modules and name != module}


def test_no_import_circle_in_the_package() -> None:
    """An import circle means one job is split across two modules (../shared/STYLE.md)."""
    root = Path(natobrief.__file__).parent
    paths: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        name = ".".join(("natobrief", *path.relative_to(root).with_suffix("").parts))
        paths[name.removesuffix(".__init__")] = path
    graph = {name: _imports_of(name, path, set(paths)) for name, path in paths.items()}
    assert len(graph) > 100 and graph["natobrief.session"], "the import graph was not read"
    circles: list[list[str]] = []
    done: set[str] = set()

    def walk(name: str, trail: list[str]) -> None:
        if name in trail:
            circles.append([*trail[trail.index(name) :], name])
            return
        if name in done:
            return
        for imported in sorted(graph[name]):
            walk(imported, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        walk(name, [])
    assert circles == [], "import circles: " + "; ".join(" -> ".join(c) for c in circles)

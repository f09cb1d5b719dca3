"""Every file location natobrief uses, in one place (``natobrief locate`` prints them).

By default the platform's user folders (platformdirs). ``NATOBRIEF_HOME`` moves
everything under one folder (tests point it at a temporary directory so they
never touch a user's data); ``NATOBRIEF_DB`` moves only the progress database.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "natobrief"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _home() -> Path | None:
    value = os.environ.get("NATOBRIEF_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Where progress and the user's own decks live."""
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs  # deferred: only commands that touch user files need it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Where the settings file lives."""
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where parsed decks may be cached (safe to delete)."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    """The settings file (TOML)."""
    return config_dir() / "settings.toml"


def database_file() -> Path:
    """The progress database: ``NATOBRIEF_DB`` if set, else in the data folder."""
    value = os.environ.get("NATOBRIEF_DB", "").strip()
    if value:
        return Path(value).expanduser()
    return data_dir() / "progress.sqlite3"


def user_decks_dir() -> Path:
    """Decks the user adds; loaded beside the bundled ones."""
    return data_dir() / "decks"


def bundled_decks_dir() -> Path:
    """The decks shipped with natobrief.

    An installed wheel carries them inside the package (natobrief/decks); a
    source checkout keeps them at the top of the repository (decks/).
    """
    inside = _PACKAGE_DIR / "decks"
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / "decks"


def locations() -> dict[str, Path]:
    """Every location by name, for ``natobrief locate``."""
    return {
        "bundled decks": bundled_decks_dir(),
        "your decks": user_decks_dir(),
        "database": database_file(),
        "settings": settings_file(),
        "cache": cache_dir(),
    }

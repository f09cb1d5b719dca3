"""The settings file: a few typed fields in TOML, each with its meaning.

Missing file or missing keys mean the defaults. A malformed file is reported
with file:line and what to do, and never silently replaced.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from natobrief.errors import NatobriefError
from natobrief.files import file_in_the_way, write_atomically

# How many questions an exam asks when not told (the command line, the app's exam dialog).
EXAM_QUESTIONS = 20


class SettingsError(NatobriefError):
    """The settings file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What a learner may change."""

    desired_retention: float = 0.9
    """The chance of recall fsrs aims for at each review (0.7 to 0.97)."""
    new_per_day: int = 20
    """New cards introduced per study day."""
    reviews_per_day: int = 200
    """Reviews of already-seen cards per study day."""
    day_starts_hour: int = 4
    """The local hour at which a new study day begins (0-23)."""
    theme: str = "textual-dark"
    """The app's colour theme (any Textual theme name)."""
    keep_apart: bool = True
    """In study, hold back a card while a recent feedback screen shows its answer."""


_RANGES: dict[str, tuple[float, float]] = {
    "desired_retention": (0.7, 0.97),
    "new_per_day": (0, 9999),
    "reviews_per_day": (0, 99999),
    "day_starts_hour": (0, 23),
}


def load_settings(path: Path) -> Settings:
    """Read the settings file at ``path`` (defaults when it does not exist)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        blocking = file_in_the_way(path)
        if blocking is not None:  # NATOBRIEF_HOME or a folder above it is a file
            raise SettingsError(
                f"{path}: cannot read the settings file: {blocking} is a file, not a folder; "
                "move it aside, or set NATOBRIEF_HOME to a folder"
            ) from None
        raise SettingsError(f"{path}: cannot read the settings file ({error})") from None
    import tomllib  # here, not at the top: the app starts without a settings file to read

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(
            f"{path}: {error}; fix the line, or delete the file to go back to the defaults"
        ) from None
    settings = Settings()
    known = {field.name: field for field in fields(Settings)}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in known:
            raise SettingsError(
                f"{path}:{line}: unknown setting '{key}'; known settings: {', '.join(known)}"
            )
        default = getattr(settings, key)
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not type(default):
            kinds = {int: "a whole number", float: "a number", str: "text in quotes"}
            kind = kinds.get(type(default), "true or false")
            example = f'"{default}"' if isinstance(default, str) else _toml(default)
            raise SettingsError(f"{path}:{line}: '{key}' must be {kind}, e.g. {key} = {example}")
        low_high = _RANGES.get(key)
        if low_high and not low_high[0] <= value <= low_high[1]:
            raise SettingsError(
                f"{path}:{line}: '{key}' must be between {low_high[0]} and {low_high[1]}"
            )
        settings = replace(settings, **{key: value})
    return settings


def _toml(value: object) -> str:
    """A number or a truth value as TOML writes it (true, not True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def save_settings(settings: Settings, path: Path) -> None:
    """Write the settings file atomically: a crash or a full disk leaves the old file whole.

    Raises OSError when the file cannot be written; the caller says so to the user.
    """
    lines = ["# natobrief settings (see 'natobrief locate')"]
    for key, value in asdict(settings).items():
        shown = f'"{value}"' if isinstance(value, str) else _toml(value)
        lines.append(f"{key} = {shown}")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, "\n".join(lines) + "\n")


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1

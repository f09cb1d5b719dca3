"""``natobrief doctor`` on a healthy setup and on a file that is not a database."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from natobrief.cli import cli


def test_healthy_setup() -> None:
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "deck washington-summit-2024: 64 cards, 0 warnings" in result.output
    assert result.output.rstrip().endswith("Nothing needs fixing.")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my notes\n")
    result = CliRunner().invoke(cli, ["doctor", "--db", str(path)])
    assert result.exit_code == 1
    assert "is not a natobrief database" in result.output
    assert "1 problem found." in result.output
    assert path.read_text() == "my notes\n"


def test_a_broken_settings_file(isolated_home: Path) -> None:
    settings = isolated_home / "config" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("new_per_day = 'many'\n")
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert (
        "settings.toml:1: 'new_per_day' must be a whole number, e.g. new_per_day = 20"
        in result.output
    )


def test_a_database_in_a_folder_where_no_file_can_be_made() -> None:
    # /proc passes permission checks for root but takes no new files: tried for real.
    result = CliRunner().invoke(cli, ["doctor", "--db", "/proc/natobrief-test.db"])
    assert result.exit_code == 1
    assert "/proc cannot be written" in result.output

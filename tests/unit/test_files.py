"""write_atomically on real targets: a symbolic link, a named pipe, a device, standard output.

Every special file here is made inside ``tmp_path``; no test opens a real
device or the real standard output (pytest's captured one stands in for it).
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from natobrief.files import os_error_message, write_atomically
from tests.conftest import DATA

GOOD_DECK = DATA / "good" / "deck.yaml"


def leftovers(*folders: Path) -> list[str]:
    """Temporary files left behind in ``folders``."""
    return [p.name for folder in folders for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "cards.gift"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.gift"
    link.symlink_to(Path("real") / "cards.gift")
    write_atomically(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "cards.gift")
    assert real.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the replaced file's permissions stay
    assert leftovers(tmp_path, real_folder) == []


def test_a_dangling_link_gets_its_file(tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to("made-now.csv")
    write_atomically(link, b"a,b\n")
    assert link.is_symlink()
    assert (tmp_path / "made-now.csv").read_bytes() == b"a,b\n"


def test_a_named_pipe_is_written_into(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read_all() -> None:
        with fifo.open("rb") as reader:  # blocks until the writer opens the pipe
            received.append(reader.read())

    reader = threading.Thread(target=read_all)
    reader.start()
    write_atomically(fifo, "through the pipe\n")
    reader.join()
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still a pipe, not a regular file
    assert leftovers(tmp_path) == []


def test_dash_is_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.chdir(tmp_path)
    print("before", flush=False)  # text printed earlier comes out first
    write_atomically(Path("-"), "é text\n")
    write_atomically(Path("-"), b"\x00binary")
    assert capsysbinary.readouterr().out == "before\né text\n".encode() + b"\x00binary"
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_a_missing_folder_is_named_not_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "cards.csv"
    with pytest.raises(FileNotFoundError) as raised:
        write_atomically(target, "x")
    assert raised.value.filename == str(target)
    assert "check the path" in os_error_message(raised.value, target, "the file", "another")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError) as raised:
        write_atomically(tmp_path, "x")
    assert raised.value.filename == str(tmp_path)


def test_standard_output_is_named_in_messages() -> None:
    error = OSError(errno.ENOSPC, "No space left on device", "-")
    assert os_error_message(error, None, "the file", "another place").startswith(
        "cannot write the file to standard output: the disk is full"
    )


def full_device(folder: Path) -> Path:
    """A node for the kernel's full device (as /dev/full) inside ``folder``, or skip."""
    node = folder / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        with node.open("wb") as handle:
            handle.write(b"x")
    except PermissionError:
        pytest.skip("making a device node needs root and a folder without nodev")
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise
    return node


def test_export_to_a_full_device_fails_with_a_message(tmp_path: Path) -> None:
    device = full_device(tmp_path)
    export = [sys.executable, "-m", "natobrief", "export", str(GOOD_DECK), "--to", "gift"]
    done = subprocess.run(
        [*export, "-o", str(device)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2, done.stdout
    assert "Traceback" not in done.stderr and "written to" not in done.stdout
    assert f"cannot write the file {device}: the disk is full" in done.stderr
    assert "free some space, or choose another place" in done.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)  # still the device, not a file in its place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]


def test_export_to_dash_writes_only_the_export_on_stdout(tmp_path: Path) -> None:
    def export(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "natobrief", "export", str(GOOD_DECK), "--to", "gift", *args],
            capture_output=True,
            check=False,
            timeout=60,
            cwd=tmp_path,
        )

    to_file = export("-o", "cards.gift")
    to_stdout = export("-o", "-")
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == (tmp_path / "cards.gift").read_bytes()  # the same bytes
    assert b"written to standard output (gift)" in to_stdout.stderr
    assert to_stdout.stderr.replace(b"standard output", b"cards.gift") == to_file.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.gift"]  # no file named "-"


def test_a_check_that_refuses_the_written_copy_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "deck.yaml"
    target.write_text("old\n")
    seen: list[str] = []

    def refuse(partial: Path) -> None:
        seen.append(partial.read_text())
        raise RuntimeError("not a deck")

    with pytest.raises(RuntimeError):
        write_atomically(target, "new\n", check=refuse)
    assert seen == ["new\n"] and target.read_text() == "old\n" and leftovers(tmp_path) == []
    write_atomically(target, "new\n", check=lambda partial: None)
    assert target.read_text() == "new\n"
    with pytest.raises(ValueError):
        write_atomically(Path("-"), "x", check=lambda partial: None)

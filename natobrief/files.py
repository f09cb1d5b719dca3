"""Files a user names: written without leaving half of one, read as UTF-8 or refused.

:func:`write_atomically` writes beside the target and renames, so a full disk
or a killed process leaves the old file whole and no partial file behind;
:func:`os_error_message` turns an ``OSError`` into a sentence that says what
happened and what to do (a full disk, a read-only folder, a missing one);
:func:`read_utf8` reads a text file a user named and says where it is not
UTF-8; :func:`can_create_in` tries whether a folder takes a new file.

A target is what the user would get from a shell's ``>``: ``-`` is standard
output, a symbolic link is followed (the file it points to is replaced and the
link stays), and a named pipe or a device is written straight into.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from natobrief.errors import NatobriefError, UsageError
from natobrief.text import byte_position

# EFBIG is what a write past the process's file size limit (ulimit -f) gets.
FULL_DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
# The file name that means standard output, as it does for Unix tools.
STANDARD_OUTPUT = "-"


class FileWriteError(NatobriefError):
    """A file the user asked for could not be written; the message says why and what to do."""


def is_standard_output(path: Path | str) -> bool:
    """Whether ``path`` is ``-``: standard output, not a file of that name."""
    return str(path) == STANDARD_OUTPUT


def os_error_message(
    error: OSError, path: Path | str | None, what: str, remedy: str, doing: str = "write"
) -> str:
    """One sentence for ``error`` while handling ``path`` (described as ``what``).

    ``remedy`` names the other place a user can choose, e.g. "another file with -o".
    """
    where = error.filename if error.filename is not None else path
    reason = error.strerror or str(error)
    if where is None:
        head = f"cannot {doing} {what}"
    elif is_standard_output(where):
        head = f"cannot {doing} {what} to standard output"
    else:
        head = f"cannot {doing} {what} {where}"
    if error.errno in FULL_DISK_ERRNOS:
        return f"{head}: the disk is full ({reason}); free some space, or choose {remedy}"
    if error.errno in READ_ONLY_ERRNOS:
        return f"{head}: {reason}; check the permissions, or choose {remedy}"
    blocking = file_in_the_way(Path(where)) if where is not None else None
    if blocking is not None:
        return f"{head}: {blocking} is a file, not a folder; move it aside, or choose {remedy}"
    return f"{head}: {reason}; check the path, or choose {remedy}"


def file_in_the_way(path: Path) -> Path | None:
    """The first folder of ``path`` that is not a folder but a file (ENOTDIR's cause), if any."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return None


def write_atomically(
    path: Path, content: str | bytes, check: Callable[[Path], None] | None = None
) -> None:
    """Write ``content`` (text as UTF-8, as given) to ``path`` so a failure leaves no half file.

    - ``-`` is standard output: the bytes go to ``sys.stdout.buffer``, flushed.
    - A symbolic link is followed to the file it points to, which is replaced
      beside itself; the link stays a link.
    - A target that exists and is not a regular file (a named pipe, a terminal,
      ``/dev/full``) is written straight into: it cannot be replaced without
      cutting off whatever reads it, and a pipe cannot be synced.
    - Anything else is written to a temporary file beside it, synced, and renamed
      over it, keeping the replaced file's permissions. On any failure the
      temporary file is removed, so the previous file (if any) is left as it was.

    ``check``, when given, is called with the synced temporary file before it
    replaces the target (``natobrief new`` loads the deck from it); whatever it
    raises leaves the target as it was. Such a target must be a regular file.

    An ``OSError`` is raised naming the file the user asked for (or the file its
    link points to), never the temporary one.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if check is not None and (is_standard_output(path) or not _regular_or_new(path)):
        raise ValueError(f"{path}: a checked write needs a regular file")
    if is_standard_output(path):
        _write_standard_output(data)
        return
    target = Path(os.path.realpath(path))
    shown = str(target) if path.is_symlink() else str(path)
    try:
        mode: int | None = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None  # a new file (or a link to one not made yet)
    except OSError as error:  # a link loop, a folder we may not enter
        raise OSError(error.errno, error.strerror, shown) from error
    try:
        if mode is not None and not stat.S_ISREG(mode) and _wrote_into(target, data):
            return
        _replace(target, data, mode, check)
    except OSError as error:  # name the user's file, not the temporary one beside it
        raise OSError(error.errno, error.strerror, shown) from error


def _write_standard_output(data: bytes) -> None:
    """Write ``data`` to standard output after any text already printed there."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as error:
        raise OSError(error.errno, error.strerror, STANDARD_OUTPUT) from error


def _wrote_into(target: Path, data: bytes) -> bool:
    """Write ``data`` into an existing pipe or device; False if it is a regular file by now."""
    descriptor = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    if stat.S_ISREG(os.fstat(descriptor).st_mode):  # replaced since we looked: do it atomically
        os.close(descriptor)
        return False
    with os.fdopen(descriptor, "wb") as handle:  # closing flushes; a full device fails here
        handle.write(data)
    return True


def _replace(
    target: Path, data: bytes, mode: int | None, check: Callable[[Path], None] | None = None
) -> None:
    """Write ``data`` to a new file beside ``target``, sync it and rename it over ``target``."""
    descriptor, partial = _create_beside(target)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if check is not None:
            check(partial)
        if mode is not None:
            os.chmod(partial, stat.S_IMODE(mode))
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: not every system can open a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _regular_or_new(path: Path) -> bool:
    """Whether ``path`` (through any link) is a regular file or does not exist yet."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return True  # write_atomically reports it, naming the file


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new, empty, hidden file in ``target``'s folder, opened for writing.

    Created exclusively (never through a link planted under its name) with the
    permissions a new file gets from the umask, unlike ``tempfile.mkstemp``'s 0600.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    for _ in range(100):
        partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(partial, flags, 0o666), partial
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


MIB = 1024 * 1024


class NotAFile(OSError):
    """The path names a folder, a named pipe, a device or a socket, not a file."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"it is {kind}, not a file", str(path))
        self.kind = kind


class TooLarge(OSError):
    """The file holds more bytes than its limit (read up to the limit and one more)."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(errno.EFBIG, f"it is larger than {limit / MIB:.0f} MB", str(path))
        self.limit = limit


def file_kind(mode: int) -> str:
    """What a file's mode says it is, for a message ("a folder", "a device")."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: Path, limit: int, *, head: bool = False) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them, whatever the file says its size is.

    Opened without blocking (a named pipe with no writer would hang the command)
    and checked to be a regular file once open, so a device such as /dev/zero
    is refused by what it is (NotAFile) and a file past the limit is refused
    after reading ``limit + 1`` bytes (TooLarge), or with ``head`` cut to its
    first ``limit`` bytes. Other failures are OSError: no such file, no
    permission, a symbolic link loop.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(path, file_kind(info.st_mode))
        if info.st_size > limit and not head:  # a regular file's size is its own: no read
            raise TooLarge(path, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(MIB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        data = b"".join(chunks)
        if total > limit:
            if head:
                return data[:limit]
            raise TooLarge(path, limit)
        return data
    finally:
        os.close(descriptor)


def read_utf8(path: Path, remedy: str, limit: int = 64 * MIB) -> str:
    """The text of a file a user named, refused with line and column when it is not UTF-8.

    ``remedy`` says how to save the file as UTF-8 (after a semicolon). A byte
    order mark is fine. Raises UsageError, never OSError or UnicodeDecodeError.
    """
    try:
        data = read_bounded(path, limit)
    except (NotAFile, TooLarge) as error:
        raise UsageError(f"cannot read {path}: {error.strerror}; name a file") from None
    except OSError as error:
        message = os_error_message(error, path, "the file", "another file", doing="read")
        raise UsageError(message) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        kind = (
            "it is UTF-16, as Excel's 'Unicode Text' saves"
            if data.startswith((b"\xff\xfe", b"\xfe\xff"))
            else "probably Windows-1252, as Excel's plain 'CSV' saves"
        )
        raise UsageError(
            f"{path}:{line}:{column}: the file is not UTF-8 (byte 0x{data[error.start]:02x}: "
            f"{kind}); {remedy}"
        ) from None


def can_create_in(folder: Path) -> bool:
    """Whether a file can be made in ``folder``, tried for real.

    Permission bits are not enough: root passes every access check, yet cannot
    create a file in /proc or on a read-only mount.
    """
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False

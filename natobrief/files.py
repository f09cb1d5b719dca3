"""Writing files a user asked for (reports, exports, settings) without leaving half of one.

Two jobs: :func:`write_atomically` writes beside the target and renames, so a
full disk or a killed process leaves the old file whole and no partial file
behind; :func:`os_error_message` turns an ``OSError`` into a sentence that says
what happened and what to do (a full disk, a read-only folder, a missing one).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from natobrief.errors import NatobriefError

# EFBIG is what a write past the process's file size limit (ulimit -f) gets.
FULL_DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class FileWriteError(NatobriefError):
    """A file the user asked for could not be written; the message says why and what to do."""


def os_error_message(
    error: OSError, path: Path | str | None, what: str, remedy: str, doing: str = "write"
) -> str:
    """One sentence for ``error`` while handling ``path`` (described as ``what``).

    ``remedy`` names the other place a user can choose, e.g. "another file with -o".
    """
    where = error.filename if error.filename is not None else path
    reason = error.strerror or str(error)
    head = f"cannot {doing} {what}" if where is None else f"cannot {doing} {what} {where}"
    if error.errno in FULL_DISK_ERRNOS:
        return f"{head}: the disk is full ({reason}); free some space, or choose {remedy}"
    if error.errno in READ_ONLY_ERRNOS:
        return f"{head}: {reason}; check the permissions, or choose {remedy}"
    return f"{head}: {reason}; check the path, or choose {remedy}"


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, as given) to ``path`` through a temporary file beside it.

    On any failure the temporary file is removed and the error re-raised, so the
    previous ``path`` (if any) is left exactly as it was.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename == str(partial):
            # Name the file the user asked for, not our temporary one beside it.
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise

"""Opening the progress database safely: pragmas, migrations, and clear refusals.

The database is never created over a file that is not ours: a corrupt file or
one that is not SQLite gets a message and is left untouched, and so is a
database from a newer natobrief.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from natobrief.errors import StoreError
from natobrief.files import file_kind
from natobrief.store.failures import corrupt_error, operational_error, read_only_error
from natobrief.store.migrations import LATEST, NewerDatabase, current_version, migrate
from natobrief.store.progress import Progress

BUSY_TIMEOUT_MS = 5000


def open_store(path: Path, read_only: bool = False) -> Progress:
    """Open (creating if needed) the progress database at ``path``.

    ``read_only``, for commands that only read (stats, appeals, export of
    reviews): the file must exist and is opened without writing anything, so a
    database on a read-only disk, or one the user may not write, can still be read.
    """
    path = path.expanduser()
    existed = path.exists()
    if existed and path.is_dir():
        raise StoreError(f"{path} is a folder, not a database; pass a file path with --db")
    if existed and not path.is_file():  # /dev/null, a named pipe: SQLite would write beside it
        raise StoreError(
            f"{path} is {file_kind(path.stat().st_mode)}, not a database file; pass a file "
            "path with --db"
        )
    if read_only:
        return _open_read_only(path)
    if not existed:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the folder for the database {path}: {error.strerror}; "
                "choose another place with --db or NATOBRIEF_DB"
            ) from None
    if existed:
        _refuse_foreign_file(path)
        _refuse_read_only_file(path)
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:  # e.g. a read-only folder cannot hold a new file
        raise operational_error(path, error) from None
    try:
        _configure(connection)
        migrate(connection, path if existed else None)
    except NewerDatabase as newer:
        connection.close()
        raise StoreError(
            f"the database {path} was written by a newer natobrief (schema {newer.version}; "
            f"this one knows up to {LATEST}); it was left untouched: upgrade natobrief, "
            "or use another database with --db"
        ) from None
    except sqlite3.OperationalError as error:
        connection.close()
        raise operational_error(path, error) from None
    except sqlite3.DatabaseError as error:
        connection.close()
        raise corrupt_error(path, error) from None
    return Progress(connection, path)


def _open_read_only(path: Path) -> Progress:
    """Open an existing database for reading only (see :func:`open_store`)."""
    if not path.exists():
        raise StoreError(f"there is no database at {path}; check the path, or study first")
    _refuse_foreign_file(path)
    uri = f"{path.absolute().as_uri()}?mode=ro"
    try:
        try:
            connection = sqlite3.connect(
                uri, uri=True, isolation_level=None, check_same_thread=False
            )
            current_version(connection)  # a WAL database in a folder we cannot write fails here
        except sqlite3.OperationalError:
            # Nothing can write where we cannot: read the file as it stands.
            connection = sqlite3.connect(
                f"{uri}&immutable=1", uri=True, isolation_level=None, check_same_thread=False
            )
        version = current_version(connection)
    except sqlite3.DatabaseError as error:
        raise corrupt_error(path, error) from None
    if version > LATEST:
        connection.close()
        raise StoreError(
            f"the database {path} was written by a newer natobrief (schema {version}; this one "
            f"knows up to {LATEST}); upgrade natobrief to read it"
        )
    if version < LATEST:
        connection.close()
        raise StoreError(
            f"the database {path} was written by an older natobrief and cannot be updated "
            "here, since it is read-only: open it once where it can be written (e.g. with "
            "'natobrief study'), or copy it somewhere writable and pass the copy with --db"
        )
    return Progress(connection, path)


def _configure(connection: sqlite3.Connection) -> None:
    """WAL so readers never block the writer; NORMAL sync is safe against a killed process."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = _switch_to_wal(connection)
    if str(mode).lower() != "wal":  # e.g. a read-only folder cannot hold the -wal file
        raise sqlite3.OperationalError(f"could not switch to WAL journal mode (got {mode})")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")


def _switch_to_wal(connection: sqlite3.Connection) -> str:
    """Set WAL mode, retrying while another process holds the lock.

    SQLite does not call the busy handler for this pragma, so two processes
    opening a new database at once would otherwise see "database is locked".
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            return str(connection.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


def _refuse_foreign_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, before SQLite touches it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise StoreError(
            f"cannot read the database {path}: {error.strerror}; check its permissions"
        ) from None
    if header and header != b"SQLite format 3\x00":
        raise StoreError(
            f"{path} is not a natobrief database (not an SQLite file); it was left untouched. "
            "Move it aside or choose another place with --db"
        )


def _refuse_read_only_file(path: Path) -> None:
    """Refuse a database file we may read but not write, before any question is asked.

    SQLite opens such a file without complaint and fails only at the first
    answer; asking the kernel for write access (without writing) finds out now.
    """
    try:
        descriptor = os.open(path, os.O_RDWR)
    except OSError as error:
        raise read_only_error(path, error.strerror or str(error)) from None
    os.close(descriptor)

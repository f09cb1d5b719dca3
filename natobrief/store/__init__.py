"""The progress database: SQLite in the user's data folder (see natobrief.paths)."""

from natobrief.store.connection import open_store
from natobrief.store.progress import Progress
from natobrief.store.records import CardProgress, ReviewRecord

__all__ = ["CardProgress", "Progress", "ReviewRecord", "open_store"]

"""Progress follows renamed cards: what is kept under an old card id moves to the new one.

Decks list renamed cards under ``renamed:`` (:mod:`natobrief.deck.renamed`); a
session moves their progress before it reads any state, so a learner loses
nothing when an author renames a card. The move is one transaction and costs
two indexed lookups per deck once it is done.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping
from pathlib import Path

from natobrief.store.locking import locked


class RenameQueries:
    """Mixed into Progress: following a deck's renamed cards."""

    connection: sqlite3.Connection
    path: Path
    _lock: threading.RLock

    @locked
    def follow_renames(self, deck_id: str, renamed: Mapping[str, str]) -> int:
        """Move what is kept under each old id of ``deck_id`` to its new id; how many moved.

        Should the new id hold a state of its own already, that state stays and
        the old one goes (its reviews still move into the new id's log).
        """
        olds = list(renamed)
        marks = ",".join("?" * len(olds))
        held = {
            str(row[0])
            for table in ("review_log", "card_state")
            for row in self.connection.execute(
                f"SELECT DISTINCT card_id FROM {table} WHERE deck_id = ? AND card_id IN ({marks})",
                (deck_id, *olds),
            )
        }  # two indexed lookups for the whole map: most sessions find nothing to move
        waiting = [(old, new) for old, new in renamed.items() if old in held]
        if not waiting:
            return 0
        with self.connection:
            for old, new in waiting:
                for table in ("review_log", "appeals"):
                    self.connection.execute(
                        f"UPDATE {table} SET card_id = ? WHERE deck_id = ? AND card_id = ?",
                        (new, deck_id, old),
                    )
                self.connection.execute(
                    "DELETE FROM card_state WHERE deck_id = ? AND card_id = ? AND EXISTS "
                    "(SELECT 1 FROM card_state WHERE deck_id = ? AND card_id = ?)",
                    (deck_id, old, deck_id, new),
                )
                self.connection.execute(
                    "UPDATE card_state SET card_id = ? WHERE deck_id = ? AND card_id = ?",
                    (new, deck_id, old),
                )
        return len(waiting)

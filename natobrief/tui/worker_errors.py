"""Errors in background work become a notification, never a traceback.

Workers run with ``exit_on_error=False``; a screen (or the app) that mixes this
in shows what went wrong, with what to do next when natobrief knows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from natobrief.errors import NatobriefError

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel


class ReportsWorkerErrors:
    """Mix into a Screen or the App: failed workers are reported, then ``worker_failed`` runs."""

    if TYPE_CHECKING:  # what the Screen or App it is mixed into provides

        def notify(
            self,
            message: str,
            *,
            title: str = "",
            severity: SeverityLevel = "information",
            timeout: float | None = None,
            markup: bool = True,
        ) -> None: ...

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        self.report_failure(event.worker.error, event.worker)

    def report_failure(self, error: BaseException | None, worker: object = None) -> None:
        """Say what went wrong (and what to do), then let the screen recover."""
        if isinstance(error, NatobriefError):
            text = str(error)
        else:
            text = (
                f"Something went wrong ({type(error).__name__}: {error}). Nothing was lost; "
                "try again, and report it if it happens again."
            )
        self.notify(text, severity="error", timeout=10)
        self.worker_failed(worker)

    def worker_failed(self, worker: object) -> None:
        """Put the screen back in a usable state after ``worker`` (or database work) failed."""

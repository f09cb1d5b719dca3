"""Telling when two report files hold the same exam, so that it is counted once.

A student may hand in one report twice (copied, renamed, or both written with
``--report`` and saved with ``w``); counting it twice would weigh that student
double in every figure. Two signs give a repeat away:

- the same content: the same JSON document, whatever its layout or key order;
- the same session id, when natobrief drew that id at random for the session
  (no two sessions share one).

A seeded session's id is ``seed-N`` for everybody who sat the exam with
``--seed N``, and an instructor may well give the whole class one seed so that
everyone gets the same questions; such an id says nothing about who sat the
exam, so only identical content counts then. Two students who sat one seeded
exam and gave the very same answers do write identical reports: the warning
says how to keep both.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from natobrief.session import SEEDED_SESSION_PREFIX
from natobrief.text import strip_control


@dataclass(slots=True)
class DuplicateFinder:
    """The reports seen so far, by content and by random session id; the first one seen counts."""

    by_content: dict[str, Path] = field(default_factory=dict)
    by_session: dict[str, Path] = field(default_factory=dict)

    def repeat_of(self, document: object, path: Path) -> str | None:
        """Why the report at ``path`` repeats one seen before (naming that file), else None.

        A report that is not a repeat is remembered, so that later ones are
        compared with it.
        """
        content = _fingerprint(document)
        session = random_session_id(document)
        first = self.by_content.get(content) if content is not None else None
        if first is not None:
            # Without a random session id, identical answers may come from two students.
            return same_content_problem(first, may_be_two_students=session is None)
        first = self.by_session.get(session) if session is not None else None
        if first is not None and session is not None:
            return (
                f"the same exam session as {first} (session {session}) but with different "
                f"content, so only {first} is counted; check which of the two files is the "
                "student's report and remove the other"
            )
        if content is not None:
            self.by_content[content] = path
        if session is not None:
            self.by_session[session] = path
        return None


def same_content_problem(first: Path, may_be_two_students: bool) -> str:
    """The warning for a file whose report is the same as ``first``'s."""
    problem = f"the same report as {first} (identical content), so it is counted once"
    if may_be_two_students:
        return problem + (
            "; if these are two students who sat one seeded exam and gave the same answers, "
            'add "student": "NAME" to each file to count both, otherwise remove one file'
        )
    return problem + "; remove one of the two files"


def random_session_id(document: object) -> str | None:
    """The report's session id when natobrief drew it at random (so unique), else None."""
    session = document.get("session") if isinstance(document, dict) else None
    if not isinstance(session, str):
        return None
    session = strip_control(session).strip()
    if not session or session.startswith(SEEDED_SESSION_PREFIX):
        return None
    return session


def _fingerprint(document: object) -> str | None:
    """A digest of the document's content, independent of its layout and key order."""
    try:
        canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (RecursionError, TypeError, ValueError):
        return None  # cannot happen for a document json.loads gave; then only ids are compared
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()

"""Answer fields: text that never reaches the terminal as control codes, and a lock.

The lock is why the study screen can show feedback without moving the focus:
once an answer is given, its field keeps the focus but stops taking keys, so
1-4, u, b, s and o fall through to the screen's bindings and Enter goes on.
Moving the focus instead would restyle the field and its ancestors after every
answer, about half the time that the whole screen change takes.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, OptionList

from natobrief.text import strip_control


class Lockable:
    """Mixed into a field: once locked, none of its own key actions run.

    Textual then looks the key up in the next binding of the chain, the
    screen's: Enter goes to the next question, the arrows scroll the feedback.
    """

    locked = False

    def set_locked(self, locked: bool) -> None:
        """Stop (or resume) taking keys."""
        self.locked = locked

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked:
            return False
        return super().check_action(action, parameters)  # type: ignore[misc, no-any-return]


class PlainInput(Lockable, Input):
    """An Input that drops control characters from whatever is typed or pasted.

    Input echoes its value to the terminal as it is, so a pasted escape
    sequence (a screen clear, an OSC 52 clipboard write) would otherwise be
    sent to the terminal while the learner or author is still typing. Every
    free-text field of the app is one of these.
    """

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit of the value passes here (typing, pasting, deleting)."""
        if not self.locked:
            super().replace(strip_control(text), start, end)

    def set_locked(self, locked: bool) -> None:
        """Stop (or resume) taking keys. Locking changes nothing on screen yet."""
        super().set_locked(locked)
        # Input has no public switch for its cursor; these are what focus and blur call.
        if locked:
            self._pause_blink(visible=self._cursor_visible)  # no blink, and no repaint now
        else:
            self._restart_blink()

    def hide_cursor(self) -> None:
        """Take the cursor away, in the same frame as the feedback."""
        self._cursor_visible = False

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # An Input hides the screen's bindings for printable keys; a locked one does not.
        return not self.locked and super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if self.locked and event.is_printable:
            # Input would type the key and stop it; preventing that also keeps the
            # app from looking up its binding, so a copy is sent on from the screen
            # as a forwarded key (Textual's own way to hand a key to a widget).
            event.prevent_default()
            event.stop()
            self.screen._forward_event(events.Key(event.key, event.character))


class LockableOptionList(Lockable, OptionList):
    """An OptionList whose keys (Enter and the arrows too) go to the screen once answered."""

    async def _on_click(self, event: events.Click) -> None:
        if self.locked:
            event.prevent_default()  # a click would select an option: a second answer

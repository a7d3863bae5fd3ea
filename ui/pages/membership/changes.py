"""What the Membership page changes: a sign-up, a withdrawal, a new commissioner, a correction,
and Undo (status bar, Edit › Undo, Ctrl+Z) of the last of them made here.

Each goes through the core on top of the record shown. A refusal (a date in the future, a name
too long) asks again with the reason above the form and what was typed kept; a change someone
else made meanwhile is reported and the page shows the area as it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ... import messages
from ...records.conflicts import conflict_words
from .dialog import Change, MembershipDialog, MembershipInput


@dataclass(frozen=True)
class LastChange:
    """What Undo takes back: a record opened (deleted again) or a record corrected (its old
    values saved back), on top of the version the change left."""

    text: str  # "Recorded Kent Police as signed up."
    code: str
    record_id: int
    version: int
    old_values: dict[str, object] = field(default_factory=dict)  # empty: a record opened


def _draft_from(typed: MembershipInput, status):
    from commissioner_desk.network.membership import MembershipDraft

    return MembershipDraft(
        status=status,
        starts_on=typed.day,
        signed_on=typed.day,
        commissioner=typed.commissioner,
        signatory=typed.signatory,
        lead_officer=typed.lead_officer,
        contact=typed.contact,
        notes=typed.notes,
    )


class MembershipChanges:
    """Mixed into MembershipPage (a RecordPage): uses its selected_area() and status_note."""

    _last: LastChange | None = None

    def today(self) -> date:
        return date.today()

    def _ask_and_save(self, change: Change, area, values: MembershipInput, save: Callable):
        """Ask until the core accepts what was typed, or the user cancels (None)."""
        from commissioner_desk.network.editing import EditConflict
        from commissioner_desk.network.membership import MembershipError

        error = ""
        while True:
            typed = MembershipDialog.ask(self, change, area.name, values, self.today(), error)
            if typed is None:
                return None
            try:
                return save(typed)
            except MembershipError as exc:
                values, error = typed, str(exc)
            except EditConflict as exc:
                messages.show_warning(
                    self, "Not saved", f"{exc.what} was not saved: {conflict_words(exc)}"
                )
                self._changed(area.code)
                return None

    def _recorded(self, area, row, what: str) -> None:
        self._remember(
            LastChange(f"Recorded {area.name} as {what}.", area.code, row.id, row.version)
        )

    def sign_up_selected(self) -> None:
        from commissioner_desk.domain.enums import MembershipStatus
        from commissioner_desk.network.membership import sign_up

        area = self.selected_area()
        if area is None or self._db is None:
            self.say("Choose an area in the list first, then record its sign-up.")
            return
        if area.signed_up:
            self.say(f"{area.name} is already signed up. Edit its record to correct it.")
            return
        r = area.record
        values = MembershipInput(
            day=self.today(),
            commissioner=r.commissioner if r else "",
            lead_officer=r.lead_officer if r else "",
            contact=r.contact if r else "",
        )
        expected = (r.id, r.version) if r else None
        row = self._ask_and_save(
            Change.SIGN_UP,
            area,
            values,
            lambda t: sign_up(
                self._db, area.code, _draft_from(t, MembershipStatus.SIGNED_UP), expected,
                self.today(),
            ),
        )  # fmt: skip
        if row is not None:
            self._recorded(area, row, "signed up")

    def withdraw_selected(self) -> None:
        from commissioner_desk.network.membership import withdraw

        area = self.selected_area()
        if area is None or self._db is None or not area.signed_up:
            self.say("Only an area that is signed up can withdraw.")
            return
        r = area.record
        row = self._ask_and_save(
            Change.WITHDRAW,
            area,
            MembershipInput(day=self.today()),
            lambda t: withdraw(self._db, r.id, r.version, t.day, t.notes, self.today()),
        )
        if row is not None:
            self._recorded(area, row, "withdrawn")

    def new_commissioner_selected(self) -> None:
        from commissioner_desk.network.membership import new_commissioner

        area = self.selected_area()
        if area is None or self._db is None or area.record is None:
            self.say("Record the area's sign-up (or that it has not signed) first.")
            return
        r = area.record
        values = MembershipInput(day=self.today(), lead_officer=r.lead_officer, contact=r.contact)

        def save(t: MembershipInput):
            changes = {"lead_officer": t.lead_officer, "contact": t.contact}
            return new_commissioner(
                self._db, r.id, r.version, t.day, t.commissioner,
                changes=changes | ({"notes": t.notes} if t.notes.strip() else {}),
                today=self.today(),
            )  # fmt: skip

        row = self._ask_and_save(Change.NEW_COMMISSIONER, area, values, save)
        if row is not None:
            self._recorded(area, row, f"having a new commissioner, {row.commissioner}")

    def edit_selected(self) -> None:
        from commissioner_desk.network.membership import edit_record

        area = self.selected_area()
        if area is None or self._db is None or area.record is None:
            self.say("The area has no record to edit yet: record a sign-up first.")
            return
        r = area.record
        values = MembershipInput(
            day=r.signed_on or self.today(),
            has_day=r.signed_on is not None,
            commissioner=r.commissioner,
            signatory=r.signatory,
            lead_officer=r.lead_officer,
            contact=r.contact,
            notes=r.notes,
        )

        def save(t: MembershipInput):
            changes = {k: getattr(t, k) for k in ("commissioner", "signatory", "lead_officer")}
            changes |= {"contact": t.contact, "notes": t.notes}
            if t.has_day:
                changes["signed_on"] = t.day
            return edit_record(self._db, r.id, r.version, changes, self.today())

        saved = self._ask_and_save(Change.EDIT, area, values, save)
        if saved is None:
            return
        if not saved.changed:
            self._changed(area.code)
            return
        old = {name: getattr(r, name) for name in saved.changed}
        words = f"Corrected {area.name}'s record."
        self._remember(LastChange(words, area.code, saved.id, saved.version, old))

    def _remember(self, last: LastChange) -> None:
        self._last = last
        self._changed(last.code)
        self.offer_undo(last.text)

    def undo(self) -> None:
        """Take back the last change made here."""
        from commissioner_desk.network.editing import EditConflict
        from commissioner_desk.network.membership import edit_record, undo_last

        last = self._last
        if last is None or self._db is None:
            self.say(self.words.nothing_to_undo)
            return
        try:
            if last.old_values:
                edit_record(self._db, last.record_id, last.version, last.old_values, self.today())
            else:
                undo_last(self._db, last.record_id, last.version)
        except EditConflict as exc:
            messages.show_warning(
                self, "Not undone", f"{exc.what} was not put back: {conflict_words(exc)}"
            )
            self._last = None
            self._changed(last.code)
            return
        self._last = None
        self.withdraw_undo()
        self._changed(last.code)
        self.say(f"Undone: {last.text[0].lower()}{last.text[1:]}")

    def say(self, text: str, ms: int = 6000) -> None:
        """In the status bar, and on the page for when there is none."""
        super().say(text, ms)
        if text:
            self.status_note.setText(text)

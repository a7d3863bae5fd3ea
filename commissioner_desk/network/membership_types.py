"""Network membership's data: what pages, the map and the command line receive (frozen).

An *area* is a police force area: each of the 43 territorial forces of England and Wales (its
PCC signs up), and Police Scotland, PSNI and BTP, which take part as themselves. The 43 always
count towards "n of N signed up"; the other three count only once they have a record, as they
take part only where they choose to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..domain.enums import MembershipStatus
from ..domain.forces import ForceKind
from ..formatting import uk_date

STATUS_LABELS = {
    MembershipStatus.SIGNED_UP: "Signed up",
    MembershipStatus.NOT_SIGNED: "Not signed",
    MembershipStatus.WITHDRAWN: "Withdrawn",
}
PCC_NATIONS = ("England", "Wales")  # where every area has a PCC and always counts
OPTIONAL_NOTE = "Police Scotland, PSNI and BTP count only where they take part"


class Standing(StrEnum):
    """An area's place on the membership list today: its current record's status, or why
    it has none."""

    SIGNED_UP = "signed_up"
    NOT_SIGNED = "not_signed"
    WITHDRAWN = "withdrawn"
    NO_RECORD = "no_record"  # a PCC area nobody has recorded yet: on the chase list
    NOT_TAKING_PART = "not_taking_part"  # Police Scotland, PSNI or BTP with no record


STANDING_LABELS = {
    Standing.SIGNED_UP: "Signed up",
    Standing.NOT_SIGNED: "Not signed",
    Standing.WITHDRAWN: "Withdrawn",
    Standing.NO_RECORD: "No record",
    Standing.NOT_TAKING_PART: "Not taking part",
}
STANDING_ORDER = {s: n for n, s in enumerate(Standing)}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class MembershipRow:
    """One membership record: an area's standing while one commissioner was in office."""

    id: int
    version: int  # what an editor opened: saving on top of a newer version is refused
    force_id: int
    force_code: str
    force_name: str
    organisation_id: int | None
    organisation_name: str  # the PCC office (or force) that signed, "" if not known
    status: MembershipStatus
    commissioner: str
    signed_on: date | None
    signatory: str
    lead_officer: str
    contact: str
    notes: str
    starts_on: date
    ends_on: date | None  # None: the current record
    is_demo: bool

    @property
    def is_current(self) -> bool:
        return self.ends_on is None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def term(self) -> str:
        """ "From 13 May 2024" or "13 May 2024 to 2 Jun 2025"."""
        if self.ends_on is None:
            return f"From {uk_date(self.starts_on)}"
        return f"{uk_date(self.starts_on)} to {uk_date(self.ends_on)}"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "version": self.version,
            "status": self.status.value,
            "status_label": self.status_label,
            "commissioner": self.commissioner,
            "signed_on": _iso(self.signed_on),
            "signatory": self.signatory,
            "lead_officer": self.lead_officer,
            "contact": self.contact,
            "notes": self.notes,
            "organisation": self.organisation_name,
            "starts_on": _iso(self.starts_on),
            "ends_on": _iso(self.ends_on),
            "is_demo": self.is_demo,
        }


@dataclass(frozen=True)
class AreaMembership:
    """One area and its current record (None when it has none)."""

    force_id: int
    code: str
    name: str
    kind: ForceKind
    nation: str
    region: str
    record: MembershipRow | None

    @property
    def always_counted(self) -> bool:
        """A PCC area of England and Wales: part of N whether or not it has a record."""
        return self.kind == ForceKind.TERRITORIAL and self.nation in PCC_NATIONS

    @property
    def counted(self) -> bool:
        """Part of the N in "n of N signed up"."""
        return self.always_counted or self.record is not None

    @property
    def standing(self) -> Standing:
        if self.record is not None:
            return Standing(self.record.status.value)
        return Standing.NO_RECORD if self.always_counted else Standing.NOT_TAKING_PART

    @property
    def standing_label(self) -> str:
        return STANDING_LABELS[self.standing]

    @property
    def signed_up(self) -> bool:
        return self.standing == Standing.SIGNED_UP

    @property
    def on_chase_list(self) -> bool:
        """Counted but not signed up: no record yet, not signed, or withdrawn."""
        return self.counted and not self.signed_up

    @property
    def since(self) -> date | None:
        """When the current record began (None without one)."""
        return self.record.starts_on if self.record else None

    @property
    def group(self) -> str:
        """What the country filter offers: the nation, or BTP on its own."""
        return "British Transport Police" if self.kind == ForceKind.NON_TERRITORIAL else self.nation

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind.value,
            "nation": self.nation,
            "counted": self.counted,
            "standing": self.standing.value,
            "standing_label": self.standing_label,
            "on_chase_list": self.on_chase_list,
            "record": self.record.to_json() if self.record else None,
        }


@dataclass(frozen=True)
class AreaFilter:
    """Which areas the list shows; every part left empty shows them all."""

    standings: tuple[Standing, ...] = ()
    groups: tuple[str, ...] = ()  # AreaMembership.group values: "England", "Wales", …
    chase_only: bool = False
    text: str = ""  # words in the area's name, commissioner, signatory or lead officer

    def accepts(self, area: AreaMembership) -> bool:
        if self.standings and area.standing not in self.standings:
            return False
        if self.groups and area.group not in self.groups:
            return False
        if self.chase_only and not area.on_chase_list:
            return False
        words = self.text.casefold().split()
        if words:
            r = area.record
            hay = " ".join(
                [
                    area.name,
                    area.code,
                    *((r.commissioner, r.signatory, r.lead_officer) if r else ()),
                ]
            ).casefold()
            return all(w in hay for w in words)
        return True


@dataclass(frozen=True)
class MembershipSummary:
    signed_up: int  # n
    counted: int  # N
    by_standing: dict[Standing, int]  # every area, counted or not

    @property
    def text(self) -> str:
        return f"{self.signed_up} of {self.counted} signed up"

    @property
    def to_chase(self) -> int:
        return sum(
            self.by_standing.get(s, 0)
            for s in (Standing.NO_RECORD, Standing.NOT_SIGNED, Standing.WITHDRAWN)
        )


def summarise(areas: list[AreaMembership] | tuple[AreaMembership, ...]) -> MembershipSummary:
    by: dict[Standing, int] = {}
    for a in areas:
        by[a.standing] = by.get(a.standing, 0) + 1
    return MembershipSummary(
        signed_up=sum(1 for a in areas if a.counted and a.signed_up),
        counted=sum(1 for a in areas if a.counted),
        by_standing=by,
    )


def chase_list(areas: list[AreaMembership] | tuple[AreaMembership, ...]) -> list[AreaMembership]:
    """Counted areas not signed up: withdrawn first (they left), then not signed, then those
    with no record; longest waiting first within each."""
    order = {Standing.WITHDRAWN: 0, Standing.NOT_SIGNED: 1, Standing.NO_RECORD: 2}
    return sorted(
        (a for a in areas if a.on_chase_list),
        key=lambda a: (order[a.standing], a.since or date.min, a.name.casefold()),
    )


@dataclass(frozen=True)
class MembershipDraft:
    """The next record for an area, as the user filled it in. `starts_on` is the day the
    sign-up, withdrawal or new commissioner took effect; the current record ends that day."""

    status: MembershipStatus
    starts_on: date
    signed_on: date | None = None
    commissioner: str = ""
    signatory: str = ""
    lead_officer: str = ""
    contact: str = ""
    notes: str = ""

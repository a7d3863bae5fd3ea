"""Demo network business: organisations, people, quarterly meetings, decisions and actions.

Written through the ORM (a few hundred rows), so the audit log records each insert as it would
for anything a user adds. Dates are relative to `today`: eight meetings over the last two years
and one coming up, with actions overdue, due soon, done and closed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from random import Random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Force,
    Meeting,
    MeetingSeries,
    MinuteErratum,
    Organisation,
    Person,
)
from ..domain.enums import AgendaItemKind, AttendanceStatus, MinutesStatus
from ..domain.periods import Period, latest_complete_quarter
from . import network_content as nc
from .network_actions import add_action

MEETING_MONTHS = (2, 5, 8, 11)
PAST_MEETINGS = 8


@dataclass(frozen=True)
class NetworkSummary:
    organisations: int
    people: int
    meetings: int
    decisions: int
    actions: int


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (demo)`, `name (demo 2)`… when real data already uses it."""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        candidate = f"{name} (demo)" if n == 1 else f"{name} (demo {n})"
        n += 1
    taken.add(candidate.casefold())
    return candidate


def meeting_days(today: date) -> tuple[list[date], date]:
    """The last PAST_MEETINGS meeting days before `today` and the next one (second Tuesday of
    February, May, August and November)."""
    days = []
    for year in range(today.year - 3, today.year + 2):
        for month in MEETING_MONTHS:
            first = date(year, month, 1)
            days.append(first + timedelta(days=(1 - first.weekday()) % 7 + 7))
    past = [d for d in days if d < today][-PAST_MEETINGS:]
    upcoming = next(d for d in days if d >= today)
    return past, upcoming


def add_network(
    s: Session,
    rng: Random,
    today: date,
    forces: dict[str, Force],
    metric_ids: dict[str, int],
    national: dict[Period, int],
) -> NetworkSummary:
    orgs = _organisations(s, forces)
    people = _people(s, orgs)
    taken = {n.casefold() for n in s.scalars(select(MeetingSeries.name))}
    series = MeetingSeries(
        name=unique_name(nc.SERIES_NAME, taken),
        action_prefix=nc.ACTION_PREFIX,
        quorum=nc.QUORUM,
        is_demo=True,
    )
    s.add(series)
    s.flush()

    past, upcoming = meeting_days(today)
    first_decision = (s.scalar(select(func.max(Decision.number))) or 0) + 1
    builder = _MeetingBuilder(s, rng, today, series, orgs, people, forces, metric_ids, national)
    builder.next_decision = first_decision
    topics = _TopicPool(rng)
    meetings = []
    for i, day in enumerate([*past, upcoming]):
        rank = len(past) - 1 - i  # 0 = the latest past meeting, -1 the upcoming one
        meetings.append(builder.meeting(day, i, topics.take(1 + (rng.random() < 0.5)), rank))
    _minutes_statuses(s, meetings[:-1], meetings[-1], people, today)
    decisions = builder.next_decision - first_decision
    return NetworkSummary(len(orgs), len(people), len(meetings), decisions, builder.actions)


class _TopicPool:
    """Topics in a shuffled order; once all are used, follow-ups of earlier ones."""

    def __init__(self, rng: Random) -> None:
        self.fresh = list(nc.TOPICS)
        rng.shuffle(self.fresh)
        self.used: list[nc.Topic] = []

    def take(self, n: int) -> list[nc.Topic]:
        out = []
        for _ in range(n):
            if self.fresh:
                topic = self.fresh.pop(0)
            else:
                earlier = self.used.pop(0)
                topic = replace(
                    earlier, title=f"{earlier.title}: progress report", decision=None, actions=()
                )
            self.used.append(topic)
            out.append(topic)
        return out


def _organisations(s: Session, forces: dict[str, Force]) -> dict[str, Organisation]:
    taken = {n.casefold() for n in s.scalars(select(Organisation.name))}
    specs = [(key, name, kind, None) for key, name, kind in nc.OTHER_ORGANISATIONS]
    for code in nc.NETWORK_FORCES:
        if (force := forces.get(code)) is None:
            continue
        specs.append((nc.force_key(code), force.display_name, nc.OrganisationKind.FORCE, force.id))
        specs.append(
            (
                nc.pcc_key(code),
                nc.pcc_office_name(code, force.ons_name),
                nc.OrganisationKind.PCC_OFFICE,
                force.id,
            )
        )
    orgs = {}
    for key, name, kind, force_id in specs:
        org = Organisation(
            name=unique_name(name, taken), kind=kind, force_id=force_id, is_demo=True
        )
        s.add(org)
        orgs[key] = org
    s.flush()
    return orgs


def _people(s: Session, orgs: dict[str, Organisation]) -> dict[str, Person]:
    people = {}
    for spec in nc.PEOPLE:
        if (org := orgs.get(spec.organisation)) is None:
            continue
        email = spec.name.lower().replace(" ", ".") + "@example.org"  # reserved domain
        person = Person(
            name=spec.name, role=spec.role, organisation_id=org.id, email=email, is_demo=True
        )
        s.add(person)
        people[spec.key] = person
    s.flush()
    return people


class _MeetingBuilder:
    """Adds meetings one by one, numbering decisions and actions as it goes."""

    def __init__(
        self,
        s: Session,
        rng: Random,
        today: date,
        series: MeetingSeries,
        orgs: dict[str, Organisation],
        people: dict[str, Person],
        forces: dict[str, Force],
        metric_ids: dict[str, int],
        national: dict[Period, int],
    ) -> None:
        self.s, self.rng, self.today, self.series = s, rng, today, series
        self.orgs, self.people, self.forces = orgs, people, forces
        self.metric_ids, self.national = metric_ids, national
        self.references: set[str] = set(s.scalars(select(ActionItem.reference)))
        self.members = {p.organisation_id: p for p in reversed(people.values())}  # first wins
        self.next_decision = 1
        self.actions = 0

    def meeting(self, day: date, index: int, topics: list[nc.Topic], rank: int) -> Meeting:
        is_past = day < self.today
        location, online = nc.LOCATIONS[index % len(nc.LOCATIONS)]
        meeting = Meeting(
            series_id=self.series.id,
            title=f"Network meeting, {nc.MONTH_NAMES[day.month]} {day.year}",
            starts_at=datetime.combine(day, time(10, 30)),
            location=location,
            online=online,
            minutes_status=MinutesStatus.DRAFT,
            is_demo=True,
        )
        self.s.add(meeting)
        self.s.flush()
        apologies = self._attendance(meeting, is_past)
        items = [
            (nc.WELCOME, AgendaItemKind.INFORMATION, nc.CHAIR, self._welcome(apologies)),
            (nc.MINUTES, AgendaItemKind.DECISION, nc.SECRETARY, self._minutes_item(index)),
            (nc.FIGURES, AgendaItemKind.INFORMATION, nc.ANALYST, self._figures(day)),
        ]
        # Decision numbers first, so the minutes can quote them without a later update.
        numbers: list[int | None] = []
        for topic in topics:
            numbers.append(self.next_decision if is_past and topic.decision else None)
            self.next_decision += numbers[-1] is not None
        for topic, number in zip(topics, numbers, strict=True):
            minutes = f"<p>{topic.minutes}</p>"
            if number is not None:
                minutes += f"<p><b>Decision {number}:</b> {topic.decision}</p>"
            items.append((topic.title, topic.kind, topic.presenter, minutes))
        if len(items) < 6 and self.rng.random() < 0.5:
            items.append((nc.AOB, AgendaItemKind.INFORMATION, nc.CHAIR, "<p>None.</p>"))
        agenda = []
        for pos, (title, kind, presenter, minutes) in enumerate(items, start=1):
            who = self.people.get(presenter)
            item = AgendaItem(
                position=pos,
                title=title,
                kind=kind,
                presenter_id=who.id if who else None,
                minutes=minutes if is_past else "",
            )
            meeting.agenda.append(item)
            agenda.append(item)
        self.s.flush()
        if not is_past:
            return meeting

        made = 0  # actions from this meeting
        for topic, number, item in zip(topics, numbers, agenda[3:], strict=False):
            if number is not None:
                self.s.add(
                    Decision(
                        number=number,
                        meeting_id=meeting.id,
                        agenda_item_id=item.id,
                        decided_on=day,
                        text=topic.decision,
                    )
                )
            for spec in topic.actions:
                self._action(spec, meeting, item, day, rank, made)
                made += 1
        if rank <= 3:  # the figures prompt a question to one force at recent meetings
            self._action(self._figures_action(), meeting, agenda[2], day, rank, made)
            made += 1
        self.actions += made
        return meeting

    def _action(
        self, spec: nc.ActionSpec, meeting: Meeting, item: AgendaItem, day: date, rank: int, j: int
    ) -> None:
        owner = self.people.get(spec.owner)
        add_action(
            self.s,
            self.rng,
            spec,
            reference=self._reference(day.year),
            meeting=meeting,
            agenda_item=item,
            owner=owner,
            force_id=self.forces[spec.force].id if spec.force in self.forces else None,
            metric_id=self.metric_ids.get(spec.metric or ""),
            day=day,
            today=self.today,
            rank=rank,
            index=j,
            closer=self.people.get(nc.SECRETARY),
        )

    def _reference(self, year: int) -> str:
        n = 1
        while (ref := f"{nc.ACTION_PREFIX}-{year}-{n:03d}") in self.references:
            n += 1
        self.references.add(ref)
        return ref

    def _figures_action(self) -> nc.ActionSpec:
        code = self.rng.choice([c for c in nc.NETWORK_FORCES if c in self.forces])
        name = self.forces[code].display_name
        return nc.ActionSpec(
            f"Ask {name} what explains the change in referrals on last year",
            nc.ANALYST,
            force=code,
            metric="nrm_referrals",
        )

    def _attendance(self, meeting: Meeting, is_past: bool) -> list[str]:
        """Record who came; returns the names of organisations that sent apologies."""
        chair_org = self.orgs[nc.COMMISSIONER].id
        members = list(self.members.items())
        if not is_past:  # ahead of the meeting only apologies are known
            rows = [(o, p, AttendanceStatus.APOLOGIES) for o, p in self.rng.sample(members, 2)]
        else:
            rows = []
            for org_id, person in members:
                r = self.rng.random()
                status = (
                    AttendanceStatus.PRESENT
                    if org_id == chair_org or r < 0.72
                    else AttendanceStatus.APOLOGIES
                    if r < 0.88
                    else AttendanceStatus.DEPUTY
                )
                rows.append((org_id, person, status))
        names = {o.id: o.name for o in self.orgs.values()}
        for org_id, person, status in rows:
            deputy = self.rng.choice(nc.DEPUTY_NAMES) if status is AttendanceStatus.DEPUTY else ""
            self.s.add(
                Attendance(
                    meeting_id=meeting.id,
                    organisation_id=org_id,
                    person_id=person.id,
                    status=status,
                    deputy_name=deputy,
                )
            )
        return [names[o] for o, _, st in rows if st is AttendanceStatus.APOLOGIES]

    @staticmethod
    def _welcome(apologies: list[str]) -> str:
        return f"<p>The chair welcomed members. Apologies: {', '.join(apologies) or 'none'}.</p>"

    @staticmethod
    def _minutes_item(index: int) -> str:
        if index == 0:
            return "<p>The minutes of the last meeting were approved. Open actions reviewed.</p>"
        return (
            "<p>The minutes of the last meeting were approved as a true record. Members "
            "reviewed the open actions; those completed were closed.</p>"
        )

    def _figures(self, day: date) -> str:
        quarter = latest_complete_quarter(day - timedelta(days=42))  # returns take ~six weeks
        total = self.national.get(quarter)
        if total is None:
            return "<p>Returns for the last quarter are still coming in.</p>"
        text = f"{total:,} NRM referrals by forces in {quarter.label}"
        if before := self.national.get(quarter.same_period_last_year()):
            change = (total - before) / before * 100
            text += f", {change:+.0f}% on the same quarter last year"
        return f"<p>The secretariat presented the returns: {text}.</p>"


def _minutes_statuses(
    s: Session, past: list[Meeting], upcoming: Meeting, people: dict[str, Person], today: date
) -> None:
    """Older minutes locked, approved at the next meeting; the latest circulated; next, draft."""
    for meeting, following in zip(past, [*past[1:], upcoming], strict=True):
        if following is upcoming:
            meeting.minutes_status = MinutesStatus.CIRCULATED
        else:
            meeting.approved_at_meeting_id = following.id
            last_approved = following is past[-1]
            meeting.minutes_status = (
                MinutesStatus.APPROVED if last_approved else MinutesStatus.LOCKED
            )
    if len(past) >= 3:  # an erratum to long-approved minutes, as the app records them
        oldest = past[0]
        figures = next(i for i in oldest.agenda if i.title == nc.FIGURES)
        clerk = people.get(nc.SECRETARY)
        s.add(
            MinuteErratum(
                meeting_id=oldest.id,
                agenda_item_id=figures.id,
                made_on=min(today, past[2].starts_at.date()),
                made_by=clerk.name if clerk else "Secretariat",
                text="Item 3: the change should be read as on the same quarter last year, not on "
                "the previous quarter.",
            )
        )
    s.flush()

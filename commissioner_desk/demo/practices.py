"""Demo entries for the best-practice library: a dozen plausible pieces of work across the
themes, linked to demo forces, a few to demo actions and to the meetings where they were
presented. Every entry is flagged demo and says DEMO where it shows.

Written through the ORM (a few dozen rows), so the audit log and the search index see them as
they would anything a user adds. Dates are relative to `today`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import (
    ActionItem,
    Force,
    Meeting,
    Organisation,
    Practice,
    PracticeAction,
    PracticeDocument,
    PracticeForce,
    PracticeMeeting,
)
from ..domain.enums import OrganisationKind, PracticeStatus
from ..domain.enums import PracticeTheme as T

CONTACT = "DEMO contact: {name}, {role} ({email}@example.org)"


@dataclass(frozen=True)
class Spec:
    title: str
    theme: T
    force: str  # ONS code; the entry's organisation is that force's, or `organisation`
    days_ago: int  # added to the library
    months_running: int
    summary: str
    done: str
    outcomes: str
    contact: tuple[str, str, str]  # name, role, e-mail user
    organisation: str = ""  # when it is not the force's own work
    more_forces: tuple[str, ...] = ()
    action_words: str = ""  # links the first demo action whose title holds these words
    presented: int | None = None  # presented at the n-th latest past demo meeting (0: latest)
    documents: tuple[tuple[str, str], ...] = ()
    draft: bool = False


SPECS: tuple[Spec, ...] = (
    Spec(
        "A dedicated human trafficking unit", T.INVESTIGATION, "E23000014", 18, 30,
        "The force set up a standing unit of 24 detectives and analysts for trafficking and "
        "modern slavery, instead of borrowing officers case by case.",
        "Officers moved from the major crime pool; a detective inspector leads. Every slavery "
        "crime is reviewed by the unit within 24 hours and complex cases stay with it.",
        "Charges for slavery offences rose from 9 to 31 in two years; average time to charge "
        "fell from 14 to 8 months. An internal evaluation is attached.",
        ("Dev Sandhu", "Detective Inspector", "dev.sandhu"),
        action_words="charge",
        presented=1,
        documents=(("Unit terms of reference", "https://www.example.org/demo/htu-terms"),),
    ),
    Spec(
        "County network trained 3,000 front-line staff", T.TRAINING, "E23000028", 35, 18,
        "The county's anti-slavery network trained 3,000 front-line staff in spotting and "
        "reporting exploitation: council, health, housing, fire and police.",
        "A two-hour course written with survivors, run by twelve trained trainers, with a "
        "shorter e-learning version for night and weekend staff.",
        "Referrals to the force from partner agencies doubled in the year after; 94% of staff "
        "said they would know what to do.",
        ("Helen Marsh", "Network coordinator", "helen.marsh"),
        organisation="Essex Anti-Slavery Partnership",
        action_words="training",
        presented=0,
    ),
    Spec(
        "Supply-chain audit with the city council", T.SUPPLY_CHAINS, "E23000005", 52, 12,
        "The force and the city council audited the council's cleaning, care and construction "
        "contracts for signs of labour exploitation.",
        "Joint visits to 40 sub-contractors, worker interviews away from managers, and a "
        "modern slavery clause added to every new contract.",
        "Two sub-contractors removed from framework agreements; 17 workers referred for support.",
        ("Sam Okafor", "Procurement lead", "sam.okafor"),
        documents=(
            ("Audit checklist", "https://www.example.org/demo/supply-audit-checklist"),
            ("Contract clause (Word)", "https://www.example.org/demo/clause.docx"),
        ),
    ),
    Spec(
        "Victim navigator scheme", T.VICTIM_SUPPORT, "E23000036", 66, 24,
        "Independent navigators from a charity work alongside investigators to keep survivors "
        "engaged from first contact to court.",
        "Two navigators based in the custody suite and the slavery team, funded by the PCC.",
        "Survivors supporting prosecutions rose from about a third to over half; no survivor "
        "withdrew before trial in the last year.",
        ("Grace Adeyemi", "Navigator service manager", "grace.adeyemi"),
        action_words="survivor",
        presented=2,
    ),
    Spec(
        "Hand car wash safeguarding visits", T.PREVENTION, "E23000010", 80, 9,
        "Planned visits to hand car washes with HMRC and the fire service, talking to workers "
        "in their own languages.",
        "Interpreters on every visit; leaflets in eight languages; follow-up visits after a "
        "month.",
        "Eleven potential victims referred to the NRM; three sites closed for fire safety.",
        ("Tomasz Nowak", "Sergeant", "tomasz.nowak"),
    ),
    Spec(
        "Regional slavery intelligence hub", T.DATA_INTELLIGENCE, "E23000004", 101, 15,
        "A shared analyst post with the regional organised crime unit pulls slavery "
        "intelligence from six forces into one picture.",
        "Weekly intelligence digest; common flags on crime records; helpline reports matched "
        "to force records.",
        "Four cross-border networks identified that no single force had linked.",
        ("Ruth Ellison", "Principal analyst", "ruth.ellison"),
        more_forces=("E23000003",),
        presented=3,
    ),
    Spec(
        "Hotel staff awareness scheme", T.PREVENTION, "E23000001", 125, 20,
        "Hotel receptionists and housekeepers are shown what trafficking can look like and how "
        "to report it without putting anyone at risk.",
        "Short briefings by neighbourhood officers to 300 hotels; a reporting card at each desk.",
        "Reports from hotels rose from 12 to 70 a year.",
        ("Aisha Rahman", "Inspector", "aisha.rahman"),
    ),
    Spec(
        "Joint modern slavery partnership board", T.PARTNERSHIP, "E23000029", 150, 36,
        "The force, three councils, health and the PCC meet quarterly as one board with a "
        "shared plan and a shared risk register.",
        "Each partner names a lead; cases that cross boundaries are reviewed together.",
        "Duplicate safeguarding referrals fell by 40%; one plan replaced four.",
        ("Mark Lowry", "Partnership manager", "mark.lowry"),
        action_words="referral pathway",
    ),
    Spec(
        "Nail bar checks with trading standards", T.PARTNERSHIP, "W15000003", 182, 8,
        "Trading standards and the force visit nail bars together, pairing licensing checks "
        "with safeguarding conversations.",
        "Joint visit plan; welfare questions asked privately; interpreters booked ahead.",
        "Six children found working were safeguarded.",
        ("Ceri Pritchard", "Trading standards officer", "ceri.pritchard"),
    ),
    Spec(
        "First responder e-learning for PCSOs", T.TRAINING, "E23000007", 213, 6,
        "Every police community support officer completed a first responder module on the NRM "
        "and Duty to Notify.",
        "A 45-minute module with a short test, built into the annual training plan.",
        "Duty to Notify reports from the force rose from 3 to 19 in a year.",
        ("Paul Brennan", "Training manager", "paul.brennan"),
    ),
    Spec(
        "Modern slavery clauses in PCC contracts", T.SUPPLY_CHAINS, "E23000032", 240, 12,
        "The PCC's office added slavery clauses and supplier checks to all its contracts over "
        "£25,000.",
        "Suppliers declare their supply chains; the office checks five each year.",
        "All 38 major suppliers returned declarations; one changed its labour agency.",
        ("Nina Walsh", "Head of commissioning", "nina.walsh"),
        organisation="pcc",
    ),
    Spec(
        "Child exploitation referral review panel", T.VICTIM_SUPPORT, "E23000003", 9, 4,
        "A monthly panel reviews every NRM referral for a child to check the support offered.",
        "Police, children's services and a youth charity sit together; notes are shared.",
        "To be evaluated: first three months only.",
        ("Lee Fairclough", "Detective Sergeant", "lee.fairclough"),
        draft=True,
    ),
)  # fmt: skip


def _organisations(s: Session) -> dict[tuple[int, OrganisationKind], int]:
    """Demo organisations by (force id, kind): each network force and its PCC's office."""
    rows = s.execute(
        select(Organisation.force_id, Organisation.kind, Organisation.id).where(
            Organisation.is_demo, Organisation.force_id.is_not(None)
        )
    )
    return {(f, OrganisationKind(k)): i for f, k, i in rows}


def add_practices(s: Session, today: date, forces: dict[str, Force]) -> int:
    """Add the demo entries; returns how many."""
    orgs = _organisations(s)
    actions = s.execute(
        select(ActionItem.id, ActionItem.title).where(ActionItem.is_demo).order_by(ActionItem.id)
    ).all()
    meetings = list(
        s.scalars(
            select(Meeting.id)
            .where(Meeting.is_demo, Meeting.starts_at < datetime.combine(today, time()))
            .order_by(Meeting.starts_at.desc())
        )
    )
    added = 0
    for spec in SPECS:
        force = forces.get(spec.force)
        if force is None:
            continue
        kind = OrganisationKind.PCC_OFFICE if spec.organisation == "pcc" else OrganisationKind.FORCE
        org_id = None if spec.organisation not in ("", "pcc") else orgs.get((force.id, kind))
        added_on = today - timedelta(days=spec.days_ago)
        name, role, email = spec.contact
        practice = Practice(
            title=spec.title,
            theme=spec.theme,
            status=PracticeStatus.DRAFT if spec.draft else PracticeStatus.PUBLISHED,
            organisation_id=org_id,
            organisation_name="" if org_id else spec.organisation or force.display_name,
            summary=spec.summary,
            what_was_done=spec.done,
            outcomes=spec.outcomes,
            contacts=CONTACT.format(name=name, role=role, email=email),
            started_on=added_on - timedelta(days=30 * spec.months_running),
            added_on=added_on,
            added_by="demo",
            is_demo=True,
            documents=[
                PracticeDocument(position=n, label=label, target=target)
                for n, (label, target) in enumerate(spec.documents)
            ],
        )
        s.add(practice)
        s.flush()
        codes = [spec.force, *spec.more_forces]
        s.add_all(
            PracticeForce(practice_id=practice.id, force_id=forces[c].id)
            for c in codes
            if c in forces
        )
        words = spec.action_words.lower()
        action = next((a for a, title in actions if words and words in title.lower()), None)
        if action is not None:
            s.add(PracticeAction(practice_id=practice.id, action_id=action))
        if spec.presented is not None and spec.presented < len(meetings):
            s.add(PracticeMeeting(practice_id=practice.id, meeting_id=meetings[spec.presented]))
        added += 1
    s.flush()
    return added


def removal_steps(actions, meetings) -> tuple[tuple[str, object], ...]:
    """What demo removal deletes for the library, before the demo actions and meetings go:
    demo entries with their links, and links from real entries to demo actions or meetings
    (`actions`, `meetings`: subqueries of the demo ids)."""
    from sqlalchemy import delete, or_

    demo = select(Practice.id).where(Practice.is_demo).scalar_subquery()
    return (
        (
            "practice_documents",
            delete(PracticeDocument).where(PracticeDocument.practice_id.in_(demo)),
        ),
        ("practice_forces", delete(PracticeForce).where(PracticeForce.practice_id.in_(demo))),
        (
            "practice_actions",
            delete(PracticeAction).where(
                or_(PracticeAction.practice_id.in_(demo), PracticeAction.action_id.in_(actions))
            ),
        ),
        (
            "practice_meetings",
            delete(PracticeMeeting).where(
                or_(PracticeMeeting.practice_id.in_(demo), PracticeMeeting.meeting_id.in_(meetings))
            ),
        ),
        ("practices", delete(Practice).where(Practice.is_demo)),
    )

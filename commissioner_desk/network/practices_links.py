"""What a practice entry links to: forces, actions in the action log, meetings where it was
presented, and documents (a label with a web address or a file path).

Read in bulk for a list of entries (one query per kind of link), written as whole sets inside
the caller's transaction, so a save of the entry and its links is one change.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..db.models import (
    ActionItem,
    Force,
    Meeting,
    Practice,
    PracticeAction,
    PracticeDocument,
    PracticeForce,
    PracticeMeeting,
)
from .errors import NetworkError
from .practices_types import DocumentLink, LinkedAction, LinkedForce, LinkedMeeting

LINK_FIELDS = ("force_codes", "action_ids", "meeting_ids", "documents")
LABEL_MAX = 300


@dataclass(frozen=True)
class Links:
    forces: tuple[LinkedForce, ...] = ()
    actions: tuple[LinkedAction, ...] = ()
    meetings: tuple[LinkedMeeting, ...] = ()
    documents: tuple[DocumentLink, ...] = ()


def load_links(s: Session, ids: Collection[int]) -> dict[int, Links]:
    """Every link of these entries: forces by name, actions by reference, meetings latest
    first, documents in the order given."""
    ids = list(ids)
    if not ids:
        return {}
    forces: dict[int, list[LinkedForce]] = {}
    for pid, code, name in s.execute(
        select(PracticeForce.practice_id, Force.code, Force.display_name)
        .join(Force, Force.id == PracticeForce.force_id)
        .where(PracticeForce.practice_id.in_(ids))
        .order_by(Force.display_name)
    ):
        forces.setdefault(pid, []).append(LinkedForce(code, name))
    actions: dict[int, list[LinkedAction]] = {}
    for pid, aid, ref, title, status in s.execute(
        select(
            PracticeAction.practice_id,
            ActionItem.id,
            ActionItem.reference,
            ActionItem.title,
            ActionItem.status,
        )
        .join(ActionItem, ActionItem.id == PracticeAction.action_id)
        .where(PracticeAction.practice_id.in_(ids))
        .order_by(ActionItem.reference)
    ):
        actions.setdefault(pid, []).append(LinkedAction(aid, ref, title, status))
    meetings: dict[int, list[LinkedMeeting]] = {}
    for pid, mid, title, starts in s.execute(
        select(PracticeMeeting.practice_id, Meeting.id, Meeting.title, Meeting.starts_at)
        .join(Meeting, Meeting.id == PracticeMeeting.meeting_id)
        .where(PracticeMeeting.practice_id.in_(ids))
        .order_by(Meeting.starts_at.desc())
    ):
        meetings.setdefault(pid, []).append(LinkedMeeting(mid, title, starts))
    documents: dict[int, list[DocumentLink]] = {}
    for pid, label, target in s.execute(
        select(PracticeDocument.practice_id, PracticeDocument.label, PracticeDocument.target)
        .where(PracticeDocument.practice_id.in_(ids))
        .order_by(PracticeDocument.practice_id, PracticeDocument.position, PracticeDocument.id)
    ):
        documents.setdefault(pid, []).append(DocumentLink(label, target))
    return {
        pid: Links(
            tuple(forces.get(pid, ())),
            tuple(actions.get(pid, ())),
            tuple(meetings.get(pid, ())),
            tuple(documents.get(pid, ())),
        )
        for pid in ids
    }


def clean_documents(documents: Iterable[DocumentLink | tuple[str, str]]) -> list[DocumentLink]:
    """Documents with spaces trimmed; one without an address or path is refused in words."""
    out = []
    for n, doc in enumerate(documents, start=1):
        label, target = (doc.label, doc.target) if isinstance(doc, DocumentLink) else doc
        label, target = " ".join((label or "").split()), (target or "").strip()
        if not target:
            raise NetworkError(
                f"Document {n}{f' ({label})' if label else ''} has no web address or file: "
                "give one, or remove the document."
            )
        if len(label) > LABEL_MAX:
            raise NetworkError(f"The label of document {n} is too long: keep it to {LABEL_MAX}.")
        out.append(DocumentLink(label, target))
    return out


def _ids_of(s: Session, model: type, wanted: Sequence[int], what: str) -> list[int]:
    wanted = list(dict.fromkeys(wanted))
    found = set(s.scalars(select(model.id).where(model.id.in_(wanted)))) if wanted else set()
    if missing := [i for i in wanted if i not in found]:
        raise NetworkError(
            f"{what} {', '.join(map(str, missing))} no longer exists: someone has deleted it. "
            "Remove it from the links and save again."
        )
    return wanted


def force_ids(s: Session, codes: Sequence[str]) -> list[int]:
    codes = list(dict.fromkeys(c for c in codes if c))
    found = dict(s.execute(select(Force.code, Force.id).where(Force.code.in_(codes))).all())
    if missing := [c for c in codes if c not in found]:
        raise NetworkError(f"There is no force with the code {', '.join(missing)}.")
    return [found[c] for c in codes]


def current_links(s: Session, practice_id: int) -> dict[str, object]:
    """The entry's links as LINK_FIELDS values, to tell what a save changes."""
    links = load_links(s, [practice_id])[practice_id]
    return {
        "force_codes": sorted(f.code for f in links.forces),
        "action_ids": sorted(a.id for a in links.actions),
        "meeting_ids": sorted(m.id for m in links.meetings),
        "documents": list(links.documents),
    }


def write_links(s: Session, practice: Practice, changes: dict[str, object]) -> list[str]:
    """Replace the link sets named in `changes` (LINK_FIELDS); the names of those that
    changed. Everything linked must exist, or NetworkError says which does not."""
    was = current_links(s, practice.id)
    changed = []
    pid = practice.id
    # Old links go by a plain statement on the connection: through the session it would count
    # as a bulk change and rebuild the search text of every entry.
    conn = s.connection()
    if "force_codes" in changes:
        codes = [str(c) for c in changes["force_codes"] or ()]
        ids = force_ids(s, codes)
        if sorted(dict.fromkeys(codes)) != was["force_codes"]:
            conn.execute(delete(PracticeForce.__table__).where(PracticeForce.practice_id == pid))
            s.add_all(PracticeForce(practice_id=pid, force_id=i) for i in ids)
            changed.append("force_codes")
    for name, model, link, column, what in (
        ("action_ids", ActionItem, PracticeAction, "action_id", "Action number"),
        ("meeting_ids", Meeting, PracticeMeeting, "meeting_id", "Meeting number"),
    ):
        if name not in changes:
            continue
        ids = _ids_of(s, model, [int(i) for i in changes[name] or ()], what)
        if sorted(ids) != was[name]:
            conn.execute(delete(link.__table__).where(link.practice_id == pid))
            s.add_all(link(practice_id=pid, **{column: i}) for i in ids)
            changed.append(name)
    if "documents" in changes:
        docs = clean_documents(changes["documents"] or ())
        if docs != was["documents"]:
            conn.execute(
                delete(PracticeDocument.__table__).where(PracticeDocument.practice_id == pid)
            )
            s.add_all(
                PracticeDocument(practice_id=pid, position=n, label=d.label, target=d.target)
                for n, d in enumerate(docs)
            )
            changed.append("documents")
    s.flush()
    return changed


@dataclass(frozen=True)
class PracticeMention:
    """A practice entry as an action's detail lists it."""

    id: int
    title: str
    is_draft: bool


def practices_for_action(s: Session, action_id: int) -> list[PracticeMention]:
    return _mentions(s, PracticeAction, PracticeAction.action_id == action_id)


def practices_for_meeting(s: Session, meeting_id: int) -> list[PracticeMention]:
    return _mentions(s, PracticeMeeting, PracticeMeeting.meeting_id == meeting_id)


def _mentions(s: Session, link: type, where) -> list[PracticeMention]:
    from ..domain.enums import PracticeStatus

    rows = s.execute(
        select(Practice.id, Practice.title, Practice.status)
        .join(link, link.practice_id == Practice.id)
        .where(where)
        .order_by(Practice.title)
    ).all()
    return [PracticeMention(i, t, st == PracticeStatus.DRAFT) for i, t, st in rows]

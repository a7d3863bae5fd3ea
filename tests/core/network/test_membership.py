"""Network membership: sign-up and withdrawal, history kept when a PCC changes, edits on top of
the version seen, undo, "n of N signed up", the chase list and the list's filters."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.domain.enums import MembershipStatus
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.membership import (
    AreaFilter,
    MembershipDraft,
    MembershipError,
    Standing,
    area_history,
    area_of,
    areas_to_chase,
    edit_record,
    list_areas,
    membership_summary,
    new_commissioner,
    record_status,
    sign_up,
    undo_last,
    withdraw,
)

TODAY = date(2026, 3, 2)
KENT = "E23000032"
ESSEX = "E23000028"
CAMBS = "E23000023"
GWENT = "W15000002"
SCOTLAND = "S23000009"
BTP = "BTP"
SIGNED = MembershipStatus.SIGNED_UP


def signed(day: date, commissioner: str = "Matthew Scott", **more) -> MembershipDraft:
    return MembershipDraft(
        status=SIGNED,
        starts_on=day,
        commissioner=commissioner,
        signatory=more.pop("signatory", commissioner),
        lead_officer=more.pop("lead_officer", "DCI Rachel Moss"),
        contact=more.pop("contact", "rachel.moss@kent.example"),
        **more,
    )


def join(db, code: str, day: date = date(2024, 6, 3), **more):
    return sign_up(db, code, signed(day, **more), None, TODAY)


def test_every_area_is_listed_and_only_the_43_count_until_the_others_take_part(db):
    areas = list_areas(db)
    codes = {a.code for a in areas}
    assert len(areas) == 46 and {KENT, SCOTLAND, BTP, "N92000002"} <= codes
    assert [a.name for a in areas] == sorted((a.name for a in areas), key=str.casefold)
    assert membership_summary(db).text == "0 of 43 signed up"
    assert area_of(db, SCOTLAND).standing == Standing.NOT_TAKING_PART
    assert area_of(db, KENT).standing == Standing.NO_RECORD

    join(db, KENT)
    join(db, SCOTLAND, commissioner="")  # Police Scotland takes part: it now counts
    summary = membership_summary(db)
    assert summary.text == "2 of 44 signed up"
    assert summary.by_standing[Standing.NO_RECORD] == 42
    assert summary.by_standing[Standing.NOT_TAKING_PART] == 2  # PSNI and BTP
    assert summary.to_chase == 42


def test_a_sign_up_keeps_what_was_typed_and_defaults_the_date_of_signing(db):
    row = join(db, KENT, signatory="  Matthew   Scott ", notes="  Signed at the\nconference ")
    assert row.status == SIGNED and row.is_current
    assert row.signed_on == date(2024, 6, 3) and row.starts_on == date(2024, 6, 3)
    assert row.signatory == "Matthew Scott" and row.notes == "Signed at the\nconference"
    assert row.force_code == KENT and row.term == "From 3 Jun 2024"
    assert area_of(db, KENT).signed_up


def test_history_is_kept_when_the_pcc_changes(db):
    first = join(db, KENT)
    second = new_commissioner(
        db, first.id, first.version, date(2024, 7, 1), "Jane Doe", today=TODAY
    )
    # The new PCC carries the standing, signature and contacts; the old term is closed.
    assert (second.status, second.commissioner, second.signatory) == (
        SIGNED,
        "Jane Doe",
        "Matthew Scott",
    )
    assert second.signed_on == date(2024, 6, 3) and second.contact == first.contact
    history = area_history(db, KENT)
    assert [(r.commissioner, r.starts_on, r.ends_on) for r in history] == [
        ("Jane Doe", date(2024, 7, 1), None),
        ("Matthew Scott", date(2024, 6, 3), date(2024, 7, 1)),
    ]
    assert history[1].term == "3 Jun 2024 to 1 Jul 2024"
    assert area_of(db, KENT).record.id == second.id
    assert membership_summary(db).signed_up == 1  # one area, however many terms

    # The new PCC re-signs in their own name: that is a change, not a new term.
    third = new_commissioner(
        db,
        second.id,
        second.version,
        date(2025, 5, 8),
        "Sam Green",
        changes={"signatory": "Sam Green", "signed_on": date(2025, 6, 1)},
        today=TODAY,
    )
    assert (third.signatory, third.signed_on) == ("Sam Green", date(2025, 6, 1))
    assert len(area_history(db, KENT)) == 3


def test_a_new_commissioner_of_an_area_that_had_not_signed_carries_no_signature(db):
    row = record_status(
        db,
        ESSEX,
        MembershipDraft(status=MembershipStatus.NOT_SIGNED, starts_on=date(2024, 1, 8)),
        None,
        TODAY,
    )
    assert row.signed_on is None
    nxt = new_commissioner(db, row.id, row.version, date(2024, 5, 10), "Roger Hirst", today=TODAY)
    assert nxt.status == MembershipStatus.NOT_SIGNED and nxt.signed_on is None
    with pytest.raises(MembershipError, match="already the commissioner"):
        new_commissioner(db, nxt.id, nxt.version, date(2024, 6, 1), "roger hirst", today=TODAY)
    with pytest.raises(MembershipError, match="new commissioner's name"):
        new_commissioner(db, nxt.id, nxt.version, date(2024, 6, 1), "  ", today=TODAY)


def test_withdrawing_and_signing_again(db):
    row = join(db, KENT)
    gone = withdraw(db, row.id, row.version, date(2025, 2, 1), "Budget pressures", today=TODAY)
    assert gone.status == MembershipStatus.WITHDRAWN and gone.signed_on is None
    assert (gone.commissioner, gone.lead_officer, gone.notes) == (
        "Matthew Scott",
        "DCI Rachel Moss",  # who to chase
        "Budget pressures",
    )
    area = area_of(db, KENT)
    assert area.standing == Standing.WITHDRAWN and area.on_chase_list
    assert membership_summary(db).text == "0 of 43 signed up"
    with pytest.raises(MembershipError, match="not signed up, so it cannot withdraw"):
        withdraw(db, gone.id, gone.version, date(2025, 3, 1), today=TODAY)

    back = sign_up(db, KENT, signed(date(2025, 9, 1)), (gone.id, gone.version), TODAY)
    assert back.status == SIGNED and back.commissioner == "Matthew Scott"
    assert [r.status for r in area_history(db, KENT)] == [
        SIGNED,
        MembershipStatus.WITHDRAWN,
        SIGNED,
    ]


def test_moves_the_rules_refuse(db):
    row = join(db, KENT)
    with pytest.raises(MembershipError, match="already signed up"):
        sign_up(db, KENT, signed(date(2025, 1, 1)), (row.id, row.version), TODAY)
    with pytest.raises(MembershipError, match="in the future"):
        join(db, ESSEX, day=date(2026, 3, 3))
    with pytest.raises(MembershipError, match="cannot take effect before"):
        new_commissioner(db, row.id, row.version, date(2024, 1, 1), "Jane Doe", today=TODAY)
    with pytest.raises(MembershipError, match="not an area of the network"):
        join(db, "E23999999")
    with pytest.raises(MembershipError, match="keep it to 200"):
        join(db, ESSEX, signatory="x" * 201)
    with pytest.raises(MembershipError, match="cannot withdraw"):
        record_status(
            db,
            ESSEX,
            MembershipDraft(status=MembershipStatus.WITHDRAWN, starts_on=date(2025, 1, 1)),
            None,
            TODAY,
        )
    assert len(area_history(db, KENT)) == 1 and area_history(db, ESSEX) == []


def test_recording_on_top_of_a_change_someone_else_made_is_refused(db_url):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    try:
        seen = area_of(alice, KENT).record  # none yet
        assert seen is None
        join(bob, KENT)
        with pytest.raises(EditConflict) as caught:
            sign_up(alice, KENT, signed(date(2024, 6, 4)), None, TODAY)
        assert caught.value.change.who == "bob"
        assert caught.value.theirs["Status"] == "Signed up"
        assert len(area_history(alice, KENT)) == 1
    finally:
        alice.dispose()
        bob.dispose()


def test_edits_correct_details_in_place_and_conflicts_name_who_saved(db_url):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    try:
        row = join(alice, KENT)
        saved = edit_record(bob, row.id, row.version, {"contact": " 01622 000000 "}, TODAY)
        assert saved.changed == ("contact",) and saved.version == row.version + 1
        assert area_of(alice, KENT).record.contact == "01622 000000"
        assert len(area_history(alice, KENT)) == 1  # a correction is not a new term

        with pytest.raises(EditConflict) as caught:  # alice still holds the old version
            edit_record(alice, row.id, row.version, {"notes": "Mine"}, TODAY)
        assert caught.value.change.who == "bob"
        with pytest.raises(EditConflict):
            withdraw(alice, row.id, row.version, date(2025, 1, 1), today=TODAY)
        assert area_of(alice, KENT).record.notes == ""

        with pytest.raises(MembershipError, match="Record a sign-up"):
            edit_record(alice, row.id, saved.version, {"status": "withdrawn"}, TODAY)
        with pytest.raises(MembershipError, match="needs the date of signing"):
            edit_record(alice, row.id, saved.version, {"signed_on": None}, TODAY)
    finally:
        alice.dispose()
        bob.dispose()


def test_undo_takes_back_the_latest_change_and_reopens_the_one_before(db):
    first = join(db, KENT)
    second = new_commissioner(
        db, first.id, first.version, date(2024, 7, 1), "Jane Doe", today=TODAY
    )
    with pytest.raises(MembershipError, match="Only Kent Police's current record"):
        undo_last(db, first.id, first.version + 1)  # closing it bumped its version
    back = undo_last(db, second.id, second.version)
    assert back is not None and back.id == first.id and back.is_current
    assert [r.commissioner for r in area_history(db, KENT)] == ["Matthew Scott"]
    assert undo_last(db, back.id, back.version) is None
    assert area_history(db, KENT) == [] and area_of(db, KENT).standing == Standing.NO_RECORD
    with pytest.raises(EditConflict):
        undo_last(db, back.id, back.version)  # already gone


def test_the_chase_list_puts_those_who_left_first_then_the_longest_waiting(db):
    for code in (KENT, ESSEX):
        join(db, code)
    k = area_of(db, KENT).record
    withdraw(db, k.id, k.version, date(2025, 2, 1), today=TODAY)
    asked = record_status(
        db,
        CAMBS,  # asked, not yet signed
        MembershipDraft(status=MembershipStatus.NOT_SIGNED, starts_on=date(2025, 4, 1)),
        None,
        TODAY,
    )
    chase = areas_to_chase(db)
    assert len(chase) == 42  # 43 less Essex, the one signed up
    assert [a.code for a in chase[:2]] == [KENT, CAMBS]
    assert all(a.standing == Standing.NO_RECORD for a in chase[2:])
    assert ESSEX not in {a.code for a in chase} and SCOTLAND not in {a.code for a in chase}
    assert membership_summary(db).to_chase == len(chase)

    sign_up(db, CAMBS, signed(date(2025, 6, 1), "Darryl Preston"), (asked.id, asked.version), TODAY)
    assert len(areas_to_chase(db)) == 41


def test_filters_by_standing_country_chase_and_words(db):
    join(db, KENT, lead_officer="DCI Rachel Moss")
    join(db, GWENT, commissioner="Jane Mudd", lead_officer="DI Owen")
    join(db, SCOTLAND, commissioner="", lead_officer="Ch Supt Brown")

    def codes(**kw) -> set[str]:
        return {a.code for a in list_areas(db, AreaFilter(**kw))}

    assert codes(standings=(Standing.SIGNED_UP,)) == {KENT, GWENT, SCOTLAND}
    assert codes(groups=("Wales",)) == {"W15000001", GWENT, "W15000003", "W15000004"}
    assert codes(groups=("Wales",), standings=(Standing.SIGNED_UP,)) == {GWENT}
    assert codes(groups=("British Transport Police",)) == {BTP}
    assert codes(standings=(Standing.NOT_TAKING_PART,)) == {BTP, "N92000002"}
    assert codes(text="rachel moss") == {KENT}
    assert codes(text="kent") == {KENT}
    assert codes(text="mudd") == {GWENT}
    assert codes(text="nobody called this") == set()
    chase = codes(chase_only=True)
    assert len(chase) == 41 and KENT not in chase and BTP not in chase


def test_the_demo_has_most_areas_signed_up_some_history_and_goes_when_removed(db):
    from commissioner_desk.demo import load_demo, remove_demo

    join(db, ESSEX, commissioner="Roger Hirst")  # a real record: the demo leaves it alone
    load_demo(db, today=TODAY)
    summary = membership_summary(db)
    assert summary.text == "39 of 45 signed up"  # Police Scotland and BTP take part
    chase = areas_to_chase(db)
    assert [a.standing for a in chase[:3]] == [
        Standing.WITHDRAWN,
        Standing.NOT_SIGNED,
        Standing.NOT_SIGNED,
    ]
    assert len(chase) == 6
    kent = area_history(db, KENT)
    assert len(kent) == 2 and kent[0].commissioner != kent[1].commissioner
    assert all(r.is_demo and "DEMO" in r.notes for r in kent)
    assert area_of(db, ESSEX).record.commissioner == "Roger Hirst"
    assert not area_of(db, ESSEX).record.is_demo

    remove_demo(db)
    assert membership_summary(db).text == "1 of 43 signed up"
    assert len(area_history(db, ESSEX)) == 1 and area_history(db, KENT) == []


def test_the_map_colours_each_area_by_standing_and_counts_them(db):
    from commissioner_desk.network.membership_map import COLOURS, membership_map

    join(db, KENT)
    essex = join(db, ESSEX)
    withdraw(db, essex.id, essex.version, date(2025, 1, 6), today=TODAY)
    cmap = membership_map(list_areas(db), TODAY)
    assert cmap.colour_of(KENT) == COLOURS[Standing.SIGNED_UP]
    assert cmap.colour_of(ESSEX) == COLOURS[Standing.WITHDRAWN]
    assert cmap.colour_of(CAMBS) == COLOURS[Standing.NO_RECORD]
    assert cmap.colour_of(BTP) == COLOURS[Standing.NOT_TAKING_PART]
    assert len(set(COLOURS.values())) == len(Standing)
    counts = {c.key: c.count for c in cmap.categories}
    assert counts == {
        "signed_up": 1,
        "not_signed": 0,
        "withdrawn": 1,
        "no_record": 41,
        "not_taking_part": 3,
    }
    assert [c.legend_label for c in cmap.categories][:1] == ["Signed up (1)"]
    assert cmap.subtitle == "1 of 43 signed up · as at 2 Mar 2026"
    assert "Commissioner: Matthew Scott" in cmap.details[KENT]
    assert "On the chase list" in cmap.details[ESSEX]

"""The Membership page on the demo data: "n of N signed up", the list and its filters, the map
coloured by membership, the chase list; recording a sign-up through the real dialog, a new
commissioner and a withdrawal (history kept), a correction, and Undo (Ctrl+Z)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from commissioner_desk.network.membership import Standing, area_history, area_of
from commissioner_desk.network.membership_map import COLOURS

from .action_helpers import demo_template, on_next_dialog
from .loading import open_page, wait_loaded

SUFFOLK, KENT, LINCS, ESSEX = "E23000025", "E23000032", "E23000020", "E23000028"


@pytest.fixture(scope="module")
def sqlite_template(sqlite_template, tmp_path_factory):
    return demo_template(sqlite_template, tmp_path_factory)


@pytest.fixture
def page(window, qtbot):
    open_page(qtbot, window, "membership")  # opening the page reads in the background
    window.activateWindow()  # shortcuts (Ctrl+N, Ctrl+Z) work in the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window.page("membership")


def chase_codes(page) -> list[str]:
    model = page.chase_proxy
    return [
        model.index(n, 0).data(Qt.ItemDataRole.UserRole + 2).code for n in range(model.rowCount())
    ]


def press_undo(window, qtbot, widget) -> None:
    """Ctrl+Z as a user presses it: the window is active again once a dialog has closed."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def legend(page) -> tuple[str, ...]:
    page.tabs.setCurrentIndex(1)
    page.map.canvas.repaint()  # paint now: the hits hold what was drawn
    return page.map.canvas.hits.legend.class_labels


def fill(**values):
    def run(dialog) -> None:
        if "day" in values:
            d = values["day"]
            dialog.day.setDate(QDate(d.year, d.month, d.day))
        for name, text in values.items():
            if name != "day":
                box = dialog.boxes[name]
                box.setPlainText(text) if name == "notes" else box.setText(text)
        dialog.accept()

    return run


def test_opening_the_page_reads_in_the_background_its_own_changes_at_once(page, window, qtbot):
    """A page switch reads the areas off the UI thread (the switch must not hold the window
    up); a refresh after a change made on the page reads on the UI thread, as before."""
    window.show_page("home")
    wait_loaded(qtbot, window)
    window._stale.add("membership")  # changed meanwhile: opening the page reads it again
    window.show_page("membership")
    assert window.loader.busy("membership")
    wait_loaded(qtbot, window)
    assert page.summary_label.text() == "39 of 45 signed up"
    window.notify_changed()
    assert not window.loader.busy("membership")


def test_the_page_shows_the_count_the_list_the_map_and_the_chase_list(page, qtmodeltester):
    assert page.summary_label.text() == "39 of 45 signed up"
    assert page.chase_label.text() == "6 areas to chase."
    assert not page.empty_note.isVisible()
    assert page.count_label.text() == "Showing 46 of 46 areas."
    assert page.tabs.tabText(2) == "C&hase list (6)"
    assert chase_codes(page)[0] == LINCS  # withdrawn first
    assert set(chase_codes(page)[3:]) == {SUFFOLK, "E23000017", "W15000001"}  # no record
    assert legend(page) == (
        "Signed up (39)",
        "Not signed (2)",
        "Withdrawn (1)",
        "No record (3)",
        "Not taking part (1)",
    )
    assert page.map.cmap.colour_of(SUFFOLK) == COLOURS[Standing.NO_RECORD]
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.chase_model)


def test_recording_a_sign_up_through_the_dialog(page, window, qtbot):
    page.tabs.setCurrentIndex(2)
    row = chase_codes(page).index(SUFFOLK)
    page.chase_view.setCurrentIndex(page.chase_proxy.index(row, 0))
    assert "Suffolk Constabulary" in page.detail.toPlainText()
    assert page.sign_up_button.isEnabled()
    day = date.today() - timedelta(days=3)
    values = dict(
        day=day,
        commissioner="Tim Passmore",
        signatory="Tim Passmore",
        lead_officer="DCI Ann Roe",
        contact="ann.roe@suffolk.example",
        notes="Signed at the regional meeting",
    )
    with on_next_dialog(fill(**values)) as seen:
        qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert "Suffolk Constabulary" in seen[0].windowTitle()

    record = area_of(window.db, SUFFOLK).record
    assert (record.status.value, record.signed_on, record.lead_officer) == (
        "signed_up",
        day,
        "DCI Ann Roe",
    )
    assert page.summary_label.text() == "40 of 45 signed up"
    assert SUFFOLK not in chase_codes(page) and len(chase_codes(page)) == 5
    assert page.tabs.tabText(2) == "C&hase list (5)"
    assert page.map.cmap.colour_of(SUFFOLK) == COLOURS[Standing.SIGNED_UP]
    assert legend(page)[0] == "Signed up (40)" and legend(page)[3] == "No record (2)"
    text = page.detail.toPlainText()
    assert "Signed up since" in text and "PCC Tim Passmore, signed" in text

    # Undo (status bar, Edit › Undo, Ctrl+Z) takes it back.
    assert page.undo_offer.button.isVisible()
    assert page.undo_offer.label.text() == "Recorded Suffolk Constabulary as signed up."
    press_undo(window, qtbot, page.map.canvas)  # legend() left the map tab showing
    assert area_of(window.db, SUFFOLK).record is None
    assert page.summary_label.text() == "39 of 45 signed up"
    assert SUFFOLK in chase_codes(page)
    assert page.map.cmap.colour_of(SUFFOLK) == COLOURS[Standing.NO_RECORD]


def test_a_refused_sign_up_asks_again_with_the_reason_and_what_was_typed(page, window, monkeypatch):
    from ui.pages.membership.dialog import MembershipDialog, MembershipInput

    asked = []
    answers = [
        MembershipInput(day=date.today(), commissioner="Tim Passmore", signatory="x" * 201),
        MembershipInput(day=date.today(), commissioner="Tim Passmore", signatory="Tim Passmore"),
    ]

    def ask(parent, change, area_name, values, today, error=""):
        asked.append((area_name, values, error))
        return answers.pop(0)

    monkeypatch.setattr(MembershipDialog, "ask", ask)
    page.select_area(SUFFOLK)
    page.sign_up_button.click()
    assert [a[0] for a in asked] == ["Suffolk Constabulary"] * 2
    assert asked[0][2] == "" and "keep it to 200" in asked[1][2]
    assert asked[1][1].signatory == "x" * 201  # what was typed comes back to be corrected
    assert area_of(window.db, SUFFOLK).record.signatory == "Tim Passmore"


def test_a_new_commissioner_and_a_withdrawal_keep_the_history(page, window, qtbot):
    page.select_area(KENT)
    before = area_history(window.db, KENT)
    assert len(before) == 2  # the demo's PCC change
    took_office = date.today() - timedelta(days=10)
    with on_next_dialog(fill(day=took_office, commissioner="Jane Doe")):
        page.commissioner_button.click()
    history = area_history(window.db, KENT)
    assert [r.commissioner for r in history[:2]] == ["Jane Doe", before[0].commissioner]
    assert history[1].ends_on == took_office and history[0].signatory == before[0].signatory
    assert page.detail.toPlainText().count("PCC ") == 3

    with on_next_dialog(fill(day=date.today(), notes="Budget pressures")):
        page.withdraw_button.click()
    assert area_of(window.db, KENT).standing == Standing.WITHDRAWN
    assert chase_codes(page)[:2] == [LINCS, KENT]  # those who left, longest gone first
    assert page.summary_label.text() == "38 of 45 signed up"
    assert page.map.cmap.colour_of(KENT) == COLOURS[Standing.WITHDRAWN]
    assert COLOURS[Standing.WITHDRAWN] != COLOURS[Standing.SIGNED_UP]
    assert not page.withdraw_button.isEnabled() and page.sign_up_button.isEnabled()

    press_undo(window, qtbot, page.view)
    assert area_of(window.db, KENT).standing == Standing.SIGNED_UP
    assert len(area_history(window.db, KENT)) == 3  # only the last change was taken back


def test_editing_corrects_the_record_and_undo_puts_it_back(page, window, qtbot):
    page.select_area(ESSEX)
    old = area_of(window.db, ESSEX).record
    page.view.setFocus()
    with on_next_dialog(fill(contact="01245 000000", lead_officer="DI New Lead")):
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    now = area_of(window.db, ESSEX).record
    assert (now.contact, now.lead_officer, now.id) == ("01245 000000", "DI New Lead", old.id)
    assert "DI New Lead" in page.detail.toPlainText()
    page.undo()
    back = area_of(window.db, ESSEX).record
    assert (back.contact, back.lead_officer) == (old.contact, old.lead_officer)
    assert "Undone" in page.status_note.text()
    page.undo()
    assert "Nothing to undo" in page.status_note.text()


def test_filters_by_standing_country_and_words(page):
    f = page.filters
    f.standing.setCurrentIndex(f.standing.findData(Standing.WITHDRAWN))
    assert [a.code for a in page.visible_areas()] == [LINCS]
    f.show_everything()
    f.group.setCurrentIndex(f.group.findData("Wales"))
    assert len(page.visible_areas()) == 4
    f.chase.setChecked(True)
    assert [a.name for a in page.visible_areas()] == ["North Wales Police"]
    f.show_everything()
    f.find.setText("suffolk")
    assert [a.code for a in page.visible_areas()] == [SUFFOLK]
    f.find.setText("no such words")
    assert page.count_label.text().startswith("None of the 46 areas matches")
    page.select_area(KENT)  # hidden by the filter: the filters are cleared to show it
    assert len(page.visible_areas()) == 46 and f.find.text() == ""
    assert page.selected_area().code == KENT


def test_clicking_an_area_on_the_map_selects_it(page, qtbot):
    page.tabs.setCurrentIndex(1)
    canvas = page.map.canvas
    canvas.repaint()
    at = canvas.hits.label_points[LINCS]
    assert canvas.force_at(at) == LINCS
    assert "Withdrawn" in canvas.tooltip_for(LINCS)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at.toPoint())
    assert page.selected_area().code == LINCS
    assert "Lincolnshire Police" in page.detail.toPlainText()


def test_with_nothing_recorded_the_page_says_what_to_do(page, window):
    from commissioner_desk.demo import remove_demo

    remove_demo(window.db)
    window.notify_changed()
    assert page.empty_note.isVisible() and "Record sign-up" in page.empty_note.text()
    assert page.summary_label.text() == "0 of 43 signed up"
    assert page.tabs.tabText(2) == "C&hase list (43)"
    assert legend(page)[0] == "Signed up (0)"
    page.tabs.setCurrentIndex(0)
    page.select_area(KENT)
    assert page.sign_up_button.isEnabled() and not page.edit_button.isEnabled()
    assert "Nothing recorded yet." in page.detail.toPlainText()

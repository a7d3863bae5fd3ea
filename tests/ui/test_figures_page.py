"""The Figures page shows a count that disclosure control hides as [c], like every other
screen, until the user ticks "Show hidden counts" to check it against a return; the tick does
not survive leaving the page."""

from __future__ import annotations

from tests.core.test_series import ESSEX, KENT, SURREY, put

from .loading import wait_loaded


def _cells(page) -> dict[str, str]:
    model = page.model
    return {model.index(r, 0).data(): model.index(r, 2).data() for r in range(model.rowCount())}


def test_hidden_counts_are_c_until_asked_and_asked_again_after_a_refresh(window, qtbot):
    put(
        window.db,
        [(KENT, "2023-Q1", 3, ""), (ESSEX, "2023-Q1", 17, ""), (SURREY, "2023-Q1", 260, "")],
    )
    window.notify_changed()
    window.show_page("figures")
    assert window.loader.busy("figures")  # opening the page reads in the background
    wait_loaded(qtbot, window)
    page = window.page("figures")
    shown = _cells(page)
    assert shown == {"Essex Police": "[c]", "Kent Police": "[c]", "Surrey Police": "260"}
    assert "2 shown as [c]" in page.count_label.text()
    page.reveal.setChecked(True)
    assert _cells(page) == {
        "Essex Police": "17 [c]",
        "Kent Police": "3 [c]",
        "Surrey Police": "260",
    }
    assert "do not share, print or project" in page.count_label.text()
    page.refresh(window.db)
    assert not page.reveal.isChecked() and _cells(page)["Kent Police"] == "[c]"

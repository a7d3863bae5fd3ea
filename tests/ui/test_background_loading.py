"""Pages read in the background (issue 17): the data arrives after the read, a result that
arrives for a page that has changed since is dropped, quitting during a read is clean, and
self-test reports how long each page took to show its data and the longest stall."""

from __future__ import annotations

import json
import threading
from datetime import date

from commissioner_desk.demo import load_demo
from tests.ui.loading import changed, open_page, wait_loaded
from ui.operations import read_pool
from ui.pages.base import Page


class SlowPage(Page):
    """A page whose read waits until the test lets it go, and says what it was asked."""

    title = "Slow"
    key = "home"  # stands in for Home in the window's loader

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0
        self.shown: list[int] = []
        self.gates: list[threading.Event] = []

    def query(self):
        self.asked += 1
        number, gate = self.asked, threading.Event()
        self.gates.append(gate)

        def read(db) -> int:
            assert db is not None
            gate.wait(10)
            return number

        return read

    def show_data(self, data: int) -> None:
        self.shown.append(data)


def test_a_page_shows_its_data_once_the_background_read_arrives(qtbot, window, problems):
    load_demo(window.db, today=date(2016, 6, 1))
    changed(qtbot, window)
    window.show_page("map")
    page = window.page("map")
    assert window.loader.busy("map")  # asked, not read on the UI thread
    assert page.period_box.count() == 0  # nothing shown before the read arrives
    wait_loaded(qtbot, window)
    assert page.period_box.currentText() == "2016-Q1"
    assert "forces reporting" in page.note.text()
    assert window.loader.seconds["map"] > 0
    assert not page.is_loading() and problems == []


def test_home_trends_and_map_read_in_the_background(qtbot, window):
    load_demo(window.db, today=date(2016, 6, 1))
    changed(qtbot, window)
    for key in ("home", "trends", "map"):
        window.show_page(key)
        window.refresh_current()
        assert window.loader.busy(key), key
        wait_loaded(qtbot, window)
    assert window.page("home").card("figures").value.text() not in ("", "0")
    assert window.page("trends").data is not None


def test_reads_do_not_pile_up_in_the_window(qtbot, window):
    from ui.operations import Read

    for _ in range(5):
        window.reload_current()
        wait_loaded(qtbot, window)
    qtbot.waitUntil(lambda: not window.loader.findChildren(Read))


def test_a_result_for_a_page_asked_again_meanwhile_is_dropped(qtbot, window):
    page = SlowPage()
    window.loader.load(page, window.db, page.query())
    window.loader.load(page, window.db, page.query())  # the choices changed: ask again
    page.gates[1].set()
    qtbot.waitUntil(lambda: page.shown == [2])
    page.gates[0].set()  # the first answer comes last
    read_pool().waitForDone(10_000)
    qtbot.wait(50)  # let its queued result be delivered, were it to be
    assert page.shown == [2]
    assert not window.loader.busy()


def test_a_read_begun_before_the_database_changed_is_dropped(qtbot, window):
    page = SlowPage()
    window.loader.load(page, window.db, page.query())
    window.notify_changed()  # e.g. an import committed while the page was reading
    page.gates[0].set()
    read_pool().waitForDone(10_000)
    qtbot.wait(50)
    assert page.shown == []
    wait_loaded(qtbot, window)  # Home's own read, asked by the change, arrives


def test_a_slow_read_says_loading_while_the_page_keeps_its_content(qtbot, window, monkeypatch):
    home = window.page("home")
    shown_before = home._stack.currentWidget()  # the empty database's first steps
    gate = threading.Event()
    real = home.query()
    monkeypatch.setattr(home, "query", lambda: lambda db: (gate.wait(10), real(db))[1])
    window.refresh_current()
    assert not home.is_loading() and window.loading_label.text() == ""  # never flashes
    qtbot.waitUntil(home.is_loading)
    assert window.loading_label.text() == "Loading Home…"
    assert home._stack.currentWidget() is shown_before  # its last content meanwhile
    gate.set()
    wait_loaded(qtbot, window)
    assert not home.is_loading() and window.loading_label.text() == ""


def test_quitting_during_a_read_is_clean(qtbot, window, problems):
    page = SlowPage()
    window.loader.load(page, window.db, page.query())
    threading.Timer(0.3, page.gates[0].set).start()  # the read ends while the window waits
    window.close()
    assert read_pool().activeThreadCount() == 0  # waited for, not left running
    qtbot.wait(50)
    assert page.shown == [] and problems == []


def test_quitting_while_the_map_reads_is_clean(qtbot, window, problems):
    load_demo(window.db, today=date(2016, 6, 1))
    changed(qtbot, window)
    window.show_page("map")
    assert window.loader.busy("map")
    window.close()
    assert read_pool().activeThreadCount() == 0
    assert problems == []


def test_a_failed_read_is_reported_and_the_page_read_again_next_time(qtbot, window, problems):
    home = window.page("home")

    def broken(db):
        raise RuntimeError("the disk went away")

    home.query = lambda: broken
    window.refresh_current()
    wait_loaded(qtbot, window)
    assert problems and "Home page could not be shown" in problems[0]
    assert "home" in window._stale  # read again when next shown
    open_page(qtbot, window, "forces")
    del home.query  # the disk is back
    open_page(qtbot, window, "home")
    assert "home" not in window._stale and len(problems) == 1


def test_a_choice_waits_for_the_pages_read_and_is_dropped_if_the_read_fails(
    qtbot, window, problems
):
    from ui.page_loading import when_loaded

    page = SlowPage()
    done: list[str] = []
    window.loader.load(page, window.db, page.query())
    when_loaded(window.loader, "home", lambda: done.append("chosen"))
    assert done == []  # not before the read's result is shown: it would be overwritten
    page.gates[0].set()
    qtbot.waitUntil(lambda: done == ["chosen"])

    def broken(db):
        raise RuntimeError("the disk went away")

    window.loader.load(page, window.db, broken)
    when_loaded(window.loader, "home", lambda: done.append("too late"))
    qtbot.waitUntil(lambda: not window.loader.busy())
    window.loader.load(page, window.db, page.query())
    page.gates[-1].set()
    wait_loaded(qtbot, window)
    assert done == ["chosen"]  # the failed read's choice is not made by a later load
    assert len(problems) == 1 and "the disk went away" in problems[0]


def test_self_test_reports_time_to_data_and_the_longest_stall(tmp_path):
    import subprocess
    import sys

    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(tmp_path), "self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["ok"], report
    assert set(report["page_stall_ms"]) == set(report["pages"])
    assert all(v > 0 for v in report["pages"].values())
    assert report["max_stall_ms"] >= max(report["page_stall_ms"].values()) >= 0
    assert 0 < report["window_shown_s"] <= report["first_data_s"] <= report["startup_s"]

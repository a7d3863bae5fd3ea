"""The team's list of chart events: shipped, replaced from the data folder, bad files named."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.domain.events import EventsError, load_events


def test_shipped_list_is_in_date_order_and_has_the_act():
    events = load_events()
    assert [e.on for e in events] == sorted(e.on for e in events)
    act = next(e for e in events if "Modern Slavery Act" in e.title)
    assert act.on == date(2015, 7, 31) and act.detail


def test_a_list_in_the_data_folder_replaces_the_shipped_one(tmp_path):
    (tmp_path / "events.toml").write_text(
        '[[event]]\ndate = 2024-01-01\ntitle = "Our own"\n', encoding="utf-8"
    )
    events = load_events(tmp_path)
    assert [(e.on, e.title, e.detail) for e in events] == [(date(2024, 1, 1), "Our own", "")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[[event]\n", "not a valid events list"),
        ('[[event]]\ndate = "2024-01-01"\ntitle = "x"\n', "event 1 needs a date"),
        ("[[event]]\ndate = 2024-01-01\n", "event 1 needs a date"),
    ],
)
def test_bad_lists_are_named(tmp_path, text, words):
    path = tmp_path / "events.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EventsError, match=words) as err:
        load_events(tmp_path)
    assert str(path) in str(err.value)

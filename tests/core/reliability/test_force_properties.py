"""Force-name resolution under hypothesis (issue 9): every name, alias and code in the registry,
written with any case, spacing, punctuation between words and footnote markers, resolves to its
own body; any text at all resolves or not without raising; a near miss is only ever suggested,
never taken, by the resolver or by an import.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from commissioner_desk.domain.forces import UnknownForceError, load_registry, normalise_force_name
from commissioner_desk.importing import plan_file

from .conftest import TODAY
from .corpus import good_xlsx

RECORDS = load_registry()
NAMES = [(record, name) for record in RECORDS for name in (*record.names(), record.code)]
# Between words: what spreadsheets put there (NFKC makes the odd spaces plain ones).
SEPARATORS = [" ", "  ", "\t", "\u00a0", "\u2009", " - ", "-", "_", ", ", ". ", " / "]
MARKERS = ["", " [note 6]", "[Note 12]", " [x]", " (note 3)", " (1)", "*", " †", ".", "  "]


@st.composite
def written(draw):
    """A registry name or code as someone might type it, and the body it names."""
    record, name = draw(st.sampled_from(NAMES))
    words = name.split()
    text = words[0]
    for word in words[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + word
    text = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in text)
    marker = draw(st.sampled_from(MARKERS))
    if re.search(r"[^\W\d_]$", text) and name != record.code and draw(st.booleans()):
        marker = draw(st.sampled_from(["1", "12", "²"]))  # a footnote number glued on
    space = st.sampled_from(["", " ", "\u00a0", "\t"])
    return record, draw(space) + text + marker + draw(space)


@settings(max_examples=600, deadline=None)
@given(written())
def test_every_name_alias_and_code_resolves_however_written(resolver, case):
    record, text = case
    found = resolver.resolve(text)
    assert found is not None and found.code == record.code, text
    assert resolver.resolve_or_raise(text).code == record.code


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(codec="utf-8")), st.binary().map(repr)))
def test_any_text_resolves_or_not_without_raising(resolver, text):
    found = resolver.resolve(text)
    suggestions = resolver.suggest(text)
    assert len(suggestions) <= 3
    if found is None:
        with pytest.raises(UnknownForceError) as refused:
            resolver.resolve_or_raise(text)
        assert str(refused.value)  # a message for the person who typed it
        assert refused.value.suggestions == suggestions
    else:
        assert resolver.resolve_or_raise(text) == found


@st.composite
def near_misses(draw):
    """A registry name with one letter dropped, doubled or changed."""
    record, name = draw(st.sampled_from([(r, n) for r, n in NAMES if n != r.code and len(n) > 5]))
    at = draw(st.integers(min_value=1, max_value=len(name) - 1))
    letter = draw(st.sampled_from("aeioustkx"))
    edit = draw(st.sampled_from(["drop", "double", "change"]))
    typo = {
        "drop": name[:at] + name[at + 1 :],
        "double": name[:at] + name[at] + name[at:],
        "change": name[:at] + letter + name[at + 1 :],
    }[edit]
    return record, typo


@settings(max_examples=300, deadline=None)
@given(near_misses())
def test_a_near_miss_is_suggested_never_accepted(resolver, case):
    _, typo = case
    found = resolver.resolve(typo)
    if found is not None:  # only ever as written: the typo spells one of that body's own names
        key = normalise_force_name(typo)
        own = {normalise_force_name(n) for n in (*found.names(), found.code)}
        assert any(key == k or key.startswith(k + " ") for k in own), (typo, found.code)
    assume(found is None)  # "SW ROCU" → "SE ROCU" is another body's name: taken, rightly
    with pytest.raises(UnknownForceError) as refused:
        resolver.resolve_or_raise(typo)
    assert all(s.code for s in refused.value.suggestions)


def test_an_import_never_takes_a_suggestion(tmp_path, resolver):
    rows = [("Force", "Period", "Metric", "Value"), ("Kentt Police", "2024-Q1", "NRM referrals", 9)]
    assert [s.display_name for s in resolver.suggest("Kentt Police")] == ["Kent Police"]
    plan = plan_file(good_xlsx(tmp_path / "typo.xlsx", rows), resolver, today=TODAY)
    assert not plan.figures and not plan.ok
    assert plan.unresolved == ("Kentt Police",)
    assert "Did you mean Kent Police?" in plan.errors[0].message

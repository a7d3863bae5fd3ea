"""The plan as JSON, and the refusal message."""

from __future__ import annotations

import hashlib
import json

from commissioner_desk.importing import ImportRefused, Problem, plan_file

from .conftest import KENT, TODAY, table, write_xlsx


def test_to_json_shape(tmp_path, resolver):
    path = write_xlsx(
        tmp_path / "kent.xlsx",
        table(
            ("Kent", "2024-Q3", "NRM referrals", "Child", 5),
            ("Kent", "2024-Q3", "NRM referrals", "Child, Criminal", "[c]"),
            ("Kentt", "2024-Q3", "NRM referrals", None, 1),
            ("England and Wales", "2024-Q3", "NRM referrals", None, 999),
        ),
    )
    p = plan_file(path, resolver, today=TODAY)
    assert p.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert p.size_bytes == path.stat().st_size
    out = p.to_json()
    json.dumps(out)  # plain data all the way down
    assert out["path"] == str(path)
    assert out["status"] == "error" and out["layout"] == "long"
    assert out["unresolved"] == ["Kentt"]
    assert out["errors"] == [
        {
            "sheet": "Returns",
            "cell": "A8",
            "message": '"Kentt" is not a police force the app knows. Did you mean Kent Police?',
        }
    ]
    assert [(w["sheet"], w["cell"]) for w in out["warnings"]] == [("Returns", "A9")]
    assert out["observations"] == [
        {
            "force_code": KENT,
            "force_name": "Kent Police",
            "period": "2024-Q3",
            "metric": "nrm_referrals",
            "breakdown": {"age": "child"},
            "value": 5,
            "status": "reported",
            "source": "Returns!E6",
        },
        {
            "force_code": KENT,
            "force_name": "Kent Police",
            "period": "2024-Q3",
            "metric": "nrm_referrals",
            "breakdown": {"age": "child", "exploitation": "criminal"},
            "value": None,
            "status": "suppressed",
            "source": "Returns!E7",
        },
    ]


def test_ok_plan_json_status(tmp_path, resolver):
    path = write_xlsx(tmp_path / "k.xlsx", table(("Kent", "2024-Q3", "NRM referrals", None, "nil")))
    out = plan_file(path, resolver, today=TODAY).to_json()
    assert out["status"] == "ok" and out["errors"] == [] and out["unresolved"] == []
    assert out["observations"][0]["status"] == "nil"
    assert out["observations"][0]["breakdown"] == {}


def test_problem_location_and_text():
    assert str(Problem("error", "Returns", "D14", "Bad.")) == "Returns!D14: Bad."
    assert Problem("error", "Returns", None, "Bad.").location == "Returns"
    assert str(Problem("warning", None, None, "Bad.")) == "Bad."


def test_refusal_message_names_file_count_and_first_problems(tmp_path, resolver):
    rows = [("Kentt", f"2024-Q{q}", "NRM referrals", None, 1) for q in (1, 2, 3)]
    rows += [("Kent", f"{y}-Q1", "NRM referrals", None, -1) for y in range(2015, 2020)]
    p = plan_file(write_xlsx(tmp_path / "kent.xlsx", table(*rows)), resolver, today=TODAY)
    text = str(ImportRefused(p))
    assert text.startswith("kent.xlsx was not imported because it has 8 errors:")
    assert "Returns!A6: " in text and "… and 3 more." in text
    assert ImportRefused(p).plan is p

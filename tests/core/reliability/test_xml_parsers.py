"""No workbook XML is ever parsed by a parser that expands entities (issue 9): the app reads
sheets with calamine (which does not expand them) and its own byte scans (sheet_xml.py); the
only XML parser that sees a force's workbook is openpyxl's, when a marked-up copy is written,
and openpyxl parses through defusedxml when it is installed (a dependency for that reason)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from commissioner_desk.importing.checks.annotate import annotate_workbook
from commissioner_desk.importing.checks.problems import error
from commissioner_desk.importing.plan import ImportPlan

from . import corpus as c

ROOT = Path(__file__).resolve().parents[3]
_PARSERS = re.compile(
    r"^\s*(?:from|import)\s+(?:xml\.(?:etree|dom|sax|parsers)|lxml|defusedxml|xmltodict)\b"
    r"|QXmlStreamReader|QDomDocument",
    re.MULTILINE,
)


def test_the_app_has_no_xml_parser_of_its_own():
    found = [
        str(path.relative_to(ROOT))
        for folder in ("commissioner_desk", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if _PARSERS.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_openpyxl_parses_through_defusedxml():
    from openpyxl.xml import DEFUSEDXML, functions

    assert DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")  # worksheets, strings


def test_an_entity_bomb_is_never_expanded_into_a_marked_up_copy(tmp_path):
    for where in ("shared", "sheet", "workbook"):
        source = c.entity_bomb(where)(tmp_path)
        plan = ImportPlan(source, "", 0, "none", None, (), (error(None, None, "damaged"),), ())
        out = annotate_workbook(plan, source, tmp_path / f"back {where}.xlsx")
        with zipfile.ZipFile(out) as copy:
            assert all(b"lollol" not in copy.read(part) for part in copy.namelist()), where
        if where != "workbook":  # entities used in cells: defusedxml refused the workbook,
            # so the app wrote the list of problems on its own instead of a copy
            assert openpyxl.load_workbook(out).sheetnames == ["Problems"], where

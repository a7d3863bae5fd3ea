"""`commissioner-desk import`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    imp = sub.add_parser(
        "import",
        help="import force returns from spreadsheets (.xlsx .xlsm .xls .xlsb .ods .csv)",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files to import")
    imp.add_argument(
        "--dry-run", action="store_true", help="check the files and report; store nothing"
    )
    imp.add_argument("--json", action="store_true", help="print one JSON document")
    imp.add_argument(
        "--list-tables",
        action="store_true",
        help="list the tables each file holds (sheet, cells, title, periods); store nothing",
    )
    imp.add_argument(
        "--metric",
        metavar="KEY",
        help="what the figures count (a key or a name); wins over the file",
    )
    imp.add_argument("--period", metavar="P", help="the period (e.g. 2024-Q1); wins over the file")
    imp.add_argument("--force", metavar="CODE", help="the force (a code or a name)")
    imp.add_argument("--sheet", metavar="NAME", help="the sheet holding the table to import")
    imp.add_argument(
        "--table", type=int, metavar="N", help="which table of a sheet that holds several (1, 2…)"
    )
    imp.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="HEADING=WHAT",
        help='what a column the file leaves in doubt is: "Not recorded=exploitation" (or =age, '
        "=total for the figures of the metric chosen, =skip to leave it out); may be given more "
        "than once",
    )
    imp.set_defaults(run=runs("ui.commands.importing", "run"))

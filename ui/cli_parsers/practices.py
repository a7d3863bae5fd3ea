"""`commissioner-desk practices list|digest`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    prc = sub.add_parser("practices", help="the best-practice library")
    prc_sub = prc.add_subparsers(dest="practices_command", metavar="ACTION", required=True)
    pl = prc_sub.add_parser("list", help="practice entries, newest first")
    pl.add_argument("--search", metavar="TEXT", help="words to find, as the Find dialog reads them")
    pl.add_argument(
        "--theme",
        action="append",
        metavar="T",
        type=_theme,
        help="only this theme (repeat for more): training, victim support, investigation, "
        "partnership, prevention, data and intelligence, supply chains",
    )
    pl.add_argument("--json", action="store_true", help="print one JSON document")
    pl.set_defaults(run=runs("ui.commands.practices", "list_practices"))
    pd = prc_sub.add_parser(
        "digest", help="the entries added in a period, to PDF or Word (marking on every page)"
    )
    pd.add_argument("--from", dest="first", required=True, metavar="DD/MM/YYYY", type=_uk_date)
    pd.add_argument("--to", dest="last", required=True, metavar="DD/MM/YYYY", type=_uk_date)
    pd.add_argument("--out", required=True, metavar="FILE", help="the .pdf or .docx to write")
    pd.add_argument(
        "--marking",
        metavar="TEXT",
        help="OFFICIAL (default), OFFICIAL-SENSITIVE or a handling caveat, printed in capitals",
    )
    pd.set_defaults(run=runs("ui.commands.practices", "digest"))


def _theme(text: str) -> str:
    from ui.commands.practices import theme_arg

    return theme_arg(text)


def _uk_date(text: str):
    from ui.commands.practices import uk_date_arg

    return uk_date_arg(text)

"""The one entry point, `commissioner-desk`. No arguments starts the app.

Keep the module top free of heavy imports: `--version` must answer without loading Qt,
SQLAlchemy or pandas. Each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from commissioner_desk import APP_NAME, __version__

Command = Callable[[argparse.Namespace], int]


class UserError(Exception):
    """A problem to report in one plain sentence (exit code 2), not a traceback."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="commissioner-desk",
        description=f"{APP_NAME}: force returns, national map, trends, network business and "
        "briefing packs. Run without a command to start the app.",
    )
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument(
        "--database",
        metavar="URL",
        help="database to use, e.g. postgresql://user@server/desk (default: a SQLite file in "
        "the data folder; also COMMISSIONER_DESK_DATABASE_URL)",
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the database, settings and backups (also COMMISSIONER_DESK_DATA_DIR)",
    )
    p.add_argument(
        "--geo-dir",
        metavar="DIR",
        help="folder holding police_force_areas.geojson and pfa_population.csv "
        "(also COMMISSIONER_DESK_GEO_DIR)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="load the synthetic DEMO data set (or --remove it)")
    demo.add_argument("--remove", action="store_true", help="remove all demo data")
    demo.set_defaults(run=_run("ui.commands.demo", "run"))

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
    imp.set_defaults(run=_run("ui.commands.importing", "run"))

    bat = sub.add_parser("batches", help="list import batches, or undo one")
    bat_sub = bat.add_subparsers(dest="batches_command", metavar="ACTION", required=True)
    bl = bat_sub.add_parser("list", help="every import, newest first, undone ones included")
    bl.add_argument("--json", action="store_true", help="print one JSON document")
    bl.set_defaults(run=_run("ui.commands.batches", "list_batches"))
    bu = bat_sub.add_parser("undo", help="undo an import: put back what was there before it")
    bu.add_argument("id", type=int, metavar="ID", help="the batch number from 'batches list'")
    bu.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    bu.set_defaults(run=_run("ui.commands.batches", "undo"))

    _metrics_parser(sub)

    mtg = sub.add_parser("meetings", help="list the network's meetings")
    mtg_sub = mtg.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)
    ml = mtg_sub.add_parser(
        "list", help="every meeting, latest first: minutes status, attendance, open actions"
    )
    ml.add_argument("--json", action="store_true", help="print one JSON document")
    ml.set_defaults(run=_run("ui.commands.meetings", "list_meetings"))

    act = sub.add_parser("actions", help="the network's action log")
    act_sub = act.add_subparsers(dest="actions_command", metavar="ACTION", required=True)
    al = act_sub.add_parser(
        "list", help="actions, soonest due first, with their RAG and the reason for it"
    )
    al.add_argument(
        "--status",
        nargs="+",
        action="extend",
        metavar="S",
        type=_action_status,
        help="only these statuses: open, in_progress, on_hold, done, closed",
    )
    al.add_argument("--overdue", action="store_true", help="only open actions past their due date")
    al.add_argument("--json", action="store_true", help="print one JSON document")
    al.set_defaults(run=_run("ui.commands.actions", "list_actions"))

    net = sub.add_parser("network", help="the network's membership")
    net_sub = net.add_subparsers(dest="network_command", metavar="ACTION", required=True)
    nm = net_sub.add_parser("members", help='every area\'s membership, with "n of N signed up"')
    nm.add_argument("--chase", action="store_true", help="only the areas not yet signed up")
    nm.add_argument("--json", action="store_true", help="print one JSON document")
    nm.set_defaults(run=_run("ui.commands.network", "members"))

    prc = sub.add_parser("practices", help="the best-practice library")
    prc_sub = prc.add_subparsers(dest="practices_command", metavar="ACTION", required=True)
    pl = prc_sub.add_parser("list", help="practice entries, newest first")
    pl.add_argument("--search", metavar="TEXT", help="words to find, as the Find dialog reads them")
    pl.add_argument(
        "--theme",
        action="append",
        metavar="T",
        type=_practice_theme,
        help="only this theme (repeat for more): training, victim support, investigation, "
        "partnership, prevention, data and intelligence, supply chains",
    )
    pl.add_argument("--json", action="store_true", help="print one JSON document")
    pl.set_defaults(run=_run("ui.commands.practices", "list_practices"))
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
    pd.set_defaults(run=_run("ui.commands.practices", "digest"))

    tpl = sub.add_parser("template", help="write the workbook a force fills in for a quarter")
    tpl.add_argument("--period", required=True, metavar="P", help="quarter, e.g. 2024-Q1")
    who = tpl.add_mutually_exclusive_group(required=True)
    who.add_argument("--force", metavar="CODE", help="one force (registry code)")
    who.add_argument("--all", action="store_true", help="every territorial force and BTP")
    tpl.add_argument(
        "--out",
        metavar="FILE or DIR",
        required=True,
        help="the .xlsx to write (with --all: the folder, one file per force)",
    )
    tpl.set_defaults(run=_run("ui.commands.template", "run"))

    pops = sub.add_parser("populations", help="population estimates behind rates per 100,000")
    pops_sub = pops.add_subparsers(dest="populations_command", metavar="ACTION", required=True)
    pl = pops_sub.add_parser(
        "load", help="add or update estimates from an ONS CSV (code, name, population, year)"
    )
    pl.add_argument("file", metavar="FILE")
    pl.set_defaults(run=_run("ui.commands.populations", "load"))

    db = sub.add_parser("db", help="database upkeep: upgrade, backup, restore, backups")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser("upgrade", help="upgrade the database schema (copies it first)")
    up.set_defaults(run=_run("ui.commands.database", "upgrade"))
    bk = db_sub.add_parser("backup", help="write a backup file")
    bk.add_argument(
        "--out",
        required=True,
        metavar="FILE or DIR",
        help="backup file to write, or a folder to write a dated one in",
    )
    bk.set_defaults(run=_run("ui.commands.database", "backup"))
    rs = db_sub.add_parser("restore", help="replace the database's content with a backup")
    rs.add_argument("file", metavar="FILE", help="backup file made by 'db backup'")
    rs.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    rs.set_defaults(run=_run("ui.commands.database", "restore"))
    bl = db_sub.add_parser(
        "backups", help="list the backups in the data folder (daily, manual, before upgrades)"
    )
    bl.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help="keep this many daily automatic backups from now on (1 to 365; default 7)",
    )
    bl.add_argument("--json", action="store_true", help="print one JSON document")
    bl.set_defaults(run=_run("ui.commands.database", "list_backups"))

    mp = sub.add_parser("map", help="draw the national map to a PNG, SVG or PDF file")
    mp.add_argument(
        "--metric", required=True, metavar="KEY", help="metric key or name, e.g. nrm_referrals"
    )
    mp.add_argument("--breakdown", metavar="KEY=VALUE", help="e.g. age=child (default: the total)")
    mp.add_argument("--period", required=True, metavar="P", help="period, e.g. 2024-Q1")
    mp.add_argument("--measure", choices=("count", "rate", "change"), default="count")
    mp.add_argument("--style", choices=("geo", "hex"), default="geo")
    mp.add_argument("--classes", choices=("quantile", "equal", "jenks"), default="quantile")
    mp.add_argument("--palette", metavar="NAME", help="Blues, Purples, YlGnBu, OrRd, RdBu, PuOr")
    mp.add_argument("--out", required=True, metavar="FILE", help="the .png, .svg or .pdf to write")
    mp.add_argument(
        "--dpi", type=int, default=300, help="resolution of a PNG (default 300; 72 to 1200)"
    )
    mp.add_argument(
        "--low-reporting",
        action="store_true",
        help="mark the forces flagged as low reporting by the rule stored in the database",
    )
    mp.set_defaults(run=_run("ui.commands.map", "run"))

    ch = sub.add_parser("chart", help="draw a trend chart to a PNG, SVG or CSV file")
    ch.add_argument(
        "--metric", required=True, metavar="KEY", help="metric key or name, e.g. nrm_referrals"
    )
    ch.add_argument(
        "--force",
        action="append",
        metavar="CODE",
        help="a force to compare, by code or name (repeat, up to 8; default: all forces' total)",
    )
    ch.add_argument(
        "--with-all-forces",
        action="store_true",
        help="with --force: draw all forces' total beside the forces compared",
    )
    ch.add_argument("--breakdown", metavar="KEY=VALUE", help="e.g. age=child (default: the total)")
    ch.add_argument("--stack-by", metavar="DIM", help="stacked areas by age or exploitation")
    ch.add_argument("--measure", choices=("count", "rate"), default="count")
    ch.add_argument(
        "--by", choices=("quarter", "calendar_year", "financial_year"), default="quarter"
    )
    ch.add_argument("--rolling", action="store_true", help="rolling four-quarter sums")
    ch.add_argument("--change", action="store_true", help="%% change on a year before")
    ch.add_argument("--from", dest="first", metavar="P", help="first period, e.g. 2019-Q1")
    ch.add_argument("--to", dest="last", metavar="P", help="last period, e.g. 2024 Q4")
    ch.add_argument("--out", required=True, metavar="FILE", help="the .png, .svg or .csv to write")
    ch.add_argument(
        "--width", type=int, default=2000, help="width of a PNG in pixels (default 2000)"
    )
    ch.set_defaults(run=_run("ui.commands.chart", "run"))

    pk = sub.add_parser(
        "pack", help="write a briefing pack for a quarter to PDF (marking on every page)"
    )
    pk.add_argument("--period", required=True, metavar="P", help="quarter, e.g. 2024-Q1")
    pk.add_argument(
        "--sections",
        metavar="LIST",
        help="comma-separated: cover,contents,key_figures,map,charts,forces,returns,actions,"
        "practices,annex (default: all)",
    )
    pk.add_argument(
        "--marking",
        metavar="TEXT",
        help="OFFICIAL (default), OFFICIAL-SENSITIVE or a handling caveat, printed in capitals",
    )
    pk.add_argument("--audience", metavar="TEXT", help="who it is for (default: The Commissioner)")
    pk.add_argument("--version", dest="pack_version", metavar="V", default="1.0", help="e.g. 2.1")
    pk.add_argument("--per-force", action="store_true", help="add one page per force")
    pk.add_argument("--map-style", choices=("geo", "hex"), default="geo")
    pk.add_argument(
        "--metric",
        metavar="KEY",
        default="nrm_referrals",
        help="the figure mapped and ranked: a key or a name",
    )
    pk.add_argument("--out", required=True, metavar="FILE", help="the .pdf to write")
    pk.set_defaults(run=_run("ui.commands.pack", "run"))

    st = sub.add_parser(
        "self-test", help="start the app offscreen, open every page, print timings as JSON"
    )
    st.set_defaults(run=_run("ui.selftest", "run"))
    return p


def _metrics_parser(sub) -> None:
    met = sub.add_parser("metrics", help="the metrics figures are held for; add the office's own")
    met_sub = met.add_subparsers(dest="metrics_command", metavar="ACTION", required=True)
    ml = met_sub.add_parser("list", help="every metric: key, name, unit, built in or not")
    ml.add_argument("--json", action="store_true", help="print one JSON document")
    ml.set_defaults(run=_run("ui.commands.metrics", "list_metrics"))
    ma = met_sub.add_parser(
        "add", help="add a metric, e.g. police officers (FTE) as context for the figures"
    )
    ma.add_argument("key", metavar="KEY", help="lowercase letters, digits and _, e.g. officers_fte")
    ma.add_argument("--name", required=True, metavar="NAME", help="as tables and charts show it")
    ma.add_argument(
        "--unit",
        required=True,
        choices=("count", "decimal", "percent"),
        help="count: whole numbers (small ones hidden); decimal: e.g. FTE; percent: 0 to 100",
    )
    ma.add_argument(
        "--description", default="", metavar="TEXT", help="what it counts, and where from"
    )
    ma.set_defaults(run=_run("ui.commands.metrics", "add"))
    mr = met_sub.add_parser("rename", help="give one of the office's metrics another name")
    mr.add_argument("key", metavar="KEY")
    mr.add_argument("--name", required=True, metavar="NAME")
    mr.set_defaults(run=_run("ui.commands.metrics", "rename"))
    mx = met_sub.add_parser("remove", help="remove one of the office's metrics no figure uses")
    mx.add_argument("key", metavar="KEY")
    mx.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    mx.set_defaults(run=_run("ui.commands.metrics", "remove"))


def _action_status(text: str) -> str:
    from ui.commands.actions import status_arg  # light: argparse only

    return status_arg(text)


def _practice_theme(text: str) -> str:
    from ui.commands.practices import theme_arg

    return theme_arg(text)


def _uk_date(text: str):
    from ui.commands.practices import uk_date_arg

    return uk_date_arg(text)


def _run(module: str, name: str) -> Command:
    def command(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(module), name)(args)

    return command


CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `… | head` cutting a tool short


def _quiet_after_closed_pipe() -> int:
    """The reader went away (`| head`): stop without a word. Standard output is pointed at
    the null device, or Python's own flush at exit would fail and print a traceback."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):  # no real file behind stdout: a test's
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return CLOSED_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    from ui.terminal_text import escaping_output

    try:
        with escaping_output():  # user text never drives the terminal
            code = _main(argv)
            sys.stdout.flush()  # here, where a closed pipe can still be told apart
        return code
    except BrokenPipeError:
        return _quiet_after_closed_pipe()
    except SystemExit:  # --help, --version, a usage error: printed, maybe into a closed pipe
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            return _quiet_after_closed_pipe()
        raise


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    run: Command | None = getattr(args, "run", None)
    try:
        if run is None:
            from ui.app import run_gui

            return run_gui(args)
        return run(args)
    except UserError as exc:
        print(f"commissioner-desk: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from commissioner_desk.db.failures import plain_words

        words = plain_words(exc)  # disk full, read-only, busy: words, not a traceback
        if words is None:
            raise
        print(f"commissioner-desk: {words}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

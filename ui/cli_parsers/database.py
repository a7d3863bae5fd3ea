"""`commissioner-desk db upgrade|backup|restore|backups`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    db = sub.add_parser("db", help="database upkeep: upgrade, backup, restore, backups")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser("upgrade", help="upgrade the database schema (copies it first)")
    up.set_defaults(run=runs("ui.commands.database", "upgrade"))
    bk = db_sub.add_parser("backup", help="write a backup file")
    bk.add_argument(
        "--out",
        required=True,
        metavar="FILE or DIR",
        help="backup file to write, or a folder to write a dated one in",
    )
    bk.set_defaults(run=runs("ui.commands.database", "backup"))
    rs = db_sub.add_parser("restore", help="replace the database's content with a backup")
    rs.add_argument("file", metavar="FILE", help="backup file made by 'db backup'")
    rs.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    rs.set_defaults(run=runs("ui.commands.database", "restore"))
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
    bl.set_defaults(run=runs("ui.commands.database", "list_backups"))

"""The command line's commands: one module per command group, each adding its own sub-parser.

Light by rule, like `ui/cli.py`: a module here imports argparse and nothing heavy, because
every command's parser is built for every run (even `--version`). What a command does lives in
`ui/commands/`, imported only when it runs (see `lazy.runs`).
"""

from __future__ import annotations

from . import (
    actions,
    batches,
    chart,
    database,
    demo,
    importing,
    map,
    meetings,
    metrics,
    network,
    pack,
    populations,
    practices,
    selftest,
    template,
)

# In the order `--help` lists them.
GROUPS = (
    demo,
    importing,
    batches,
    metrics,
    meetings,
    actions,
    network,
    practices,
    template,
    populations,
    database,
    map,
    chart,
    pack,
    selftest,
)


def add_commands(sub) -> None:
    for group in GROUPS:
        group.register(sub)

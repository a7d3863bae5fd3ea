"""A command's parser names the function that runs it; the function's module is imported only
then, so building the parser stays light."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Command = Callable[[argparse.Namespace], int]


def runs(module: str, name: str) -> Command:
    """`module.name(args)`, imported when the command runs."""

    def command(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(module), name)(args)

    return command

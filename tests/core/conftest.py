"""Fixtures for the core tests."""

from .cli_run import ready_dir  # noqa: F401 - a fixture, found by name

"""What the command line prints, with control characters shown escaped.

Names, titles and notes come from users and from the files they import; an escape sequence in
one (ESC [ …, or a carriage return that rewrites the line) would otherwise be obeyed by the
terminal: colours, a cleared screen, a line that hides another. Every character below space
except line feed and tab (and, on the error stream, the carriage return the progress line
uses), DEL and the C1 controls are printed as \\xNN instead. JSON output escapes them already.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

_OUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ERR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # \r kept: the progress line


def escaped(text: str, pattern: re.Pattern[str] = _OUT) -> str:
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class EscapingStream:
    """A text stream that escapes control characters, then writes to `stream`."""

    def __init__(self, stream: TextIO, pattern: re.Pattern[str]) -> None:
        self._stream, self._pattern = stream, pattern

    def write(self, text: str) -> int:
        self._stream.write(escaped(text, self._pattern))
        return len(text)

    def __getattr__(self, name: str):  # flush, fileno, isatty, encoding…: the stream's own
        return getattr(self._stream, name)


@contextmanager
def escaping_output() -> Iterator[None]:
    """sys.stdout and sys.stderr escaping control characters, for the length of a command."""
    out, err = sys.stdout, sys.stderr
    # A windowed Windows build has no streams (None): print() then writes nothing, as it must.
    if out is not None:
        sys.stdout = EscapingStream(out, _OUT)
    if err is not None:
        sys.stderr = EscapingStream(err, _ERR)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err

"""Footnote markers that publishers glue to labels, titles and headings, and taking them off.

Published tables mark notes in many ways: "Greater Manchester8,9", "ENGLAND AND WALES7,8",
"Devon and Cornwall 4", "Sussex¹" (a superscript), "Kent*", "Surrey (a)", "[note 3]", and a
title ending "October to December 20191,2" (2019, notes 1 and 2).

Stripping is always a second try: callers read the text as written first and strip only when
that is not understood, so a name or heading that really ends in digits ("Under 18",
"Table P1", "Q1") is never damaged.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from commissioner_desk.domain.periods import MONTH_NAMES

_NOTE_LIST = r"\d{1,2}(?:\s*,\s*\d{1,2})*"
_BRACKETED = re.compile(r"\[[^\]]*\]")
_PAREN_NOTE = re.compile(r"\((?:notes?\s*)?(?:\d{1,2}|[a-z])(?:\s*,\s*(?:\d{1,2}|[a-z]))*\)", re.I)
_SYMBOLS = re.compile(r"[*†‡§¶#^]+\s*$")
# Digits glued to the end of a word or a closing bracket: "Manchester8,9", "(18 or over)2".
_GLUED = re.compile(rf"(?<=[^\W\d_]|\)){_NOTE_LIST}\s*$")
# A separate trailing note number after a name: "Devon and Cornwall 4". Labels only: in a
# heading "Under 18" the number is the meaning.
_SPACED = re.compile(rf"(?<=[^\W\d_])\s+{_NOTE_LIST}\s*$")
_MONTH_WORDS = "|".join(n for name in MONTH_NAMES if name for n in (name, name[:3]))
# A year with notes glued on: "December 20191,2", "2023/241" (but "2023/2024" is a year).
_YEAR_NOTES = re.compile(
    rf"\b(?:((?:{_MONTH_WORDS}) (?:19|20)\d\d)|(\d{{4}}/\d\d)(?!\d\d\b)){_NOTE_LIST}"
    r"(?=\s*(?:$|[,;:.)\]]))",
    re.IGNORECASE,
)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())  # superscripts → digits


def _strip(text: str, *patterns: re.Pattern[str]) -> str:
    previous = None
    while text != previous:  # "Kent[note 2]*" has two markers
        previous = text
        for pattern in patterns:
            text = pattern.sub("", text).strip()
    return text


@lru_cache(maxsize=8192)  # a label is tried as a force, a total and a region in turn
def strip_label_notes(text: str) -> str:
    """A row label without its note markers: "Greater Manchester8,9" → "Greater Manchester",
    "Devon and Cornwall 4" → "Devon and Cornwall"."""
    text = _BRACKETED.sub(" ", _normal(text))
    return _strip(" ".join(_PAREN_NOTE.sub(" ", text).split()), _SYMBOLS, _GLUED, _SPACED)


def strip_heading_notes(text: str) -> str:
    """A column heading without glued note markers: "Adult (18 or over)2" → "Adult (18 or
    over)", "2019/201" → "2019/20", "20191" → "2019". A spaced number is kept."""
    text = _normal(_BRACKETED.sub(" ", text))
    text = _YEAR_NOTES.sub(lambda m: m[1] or m[2], text)
    if re.fullmatch(rf"((?:19|20)\d\d){_NOTE_LIST}", text):
        return text[:4]
    return _strip(" ".join(_PAREN_NOTE.sub(" ", text).split()), _SYMBOLS, _GLUED)


def strip_title_notes(text: str) -> str:
    """A title without its note markers: "… October to December 20191,2" → "… October to
    December 2019"; "[note 1]" and a number glued to the last word go too."""
    text = _normal(_BRACKETED.sub(" ", text))
    text = _YEAR_NOTES.sub(lambda m: m[1] or m[2], text)
    return _strip(text, _SYMBOLS, re.compile(rf"(?<=[^\W\d_]{{3}}){_NOTE_LIST}\s*$"))

"""Full-text search across actions, minutes, decisions and practice entries: one interface,
two engines.

SQLite answers with FTS5 (bm25 ranking, snippet()), PostgreSQL with its text search
(ts_rank, ts_headline). What the user types is read the same way on both, and never as query
syntax, so no input can raise a syntax error:

- each word matches words starting with it ("traff" finds "trafficking");
- "quoted words" must appear together, in that order;
- a -word excludes items containing it;
- punctuation separates words, so NET-2026-014 finds that action;
- common words ("the", "and") are ignored on their own, as PostgreSQL's English search does;
- a word said twice counts once; a long paste is looked for by its first MAX_TERMS terms.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, select, text

from ..db import search_index
from ..db.database import Database

HIT_START, HIT_END = "\x02", "\x03"  # around matched words in snippets, from either engine
SNIPPET_WORDS = 16
_WORD = re.compile(r"[^\W_]+")
# PostgreSQL's English stop words: ignored on SQLite too, so both find the same items.
STOP_WORDS = frozenset((
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
    "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
    "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
    "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
    "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for",
    "with", "about", "against", "between", "into", "through", "during", "before", "after",
    "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under",
    "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all",
    "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
    "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don",
    "should", "now",
))  # fmt: skip
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')  # -"a phrase", "a phrase" (closing " optional), word
# PostgreSQL ranks and highlights with every term of the query for every item found, so a
# pasted page of repeated words took minutes (2,800 "police": 343 s on the demo data). Nobody
# looks for more words than these; the rest of a long paste is left out.
MAX_TERMS = 16
MAX_PHRASE_WORDS = 8  # a longer quote is looked for by its first words
MAX_TEXT = 2_000  # characters read of what was typed or pasted


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "action", "minute" (agenda item id), "decision", "practice"
    id: int  # the item's id in its own table
    title: str
    snippet: str  # plain text around the best match
    rank: float  # higher is better; compare only within one result list
    marks: tuple[tuple[int, int], ...] = ()  # (start, end) of matched words in `snippet`

    @property
    def kind_label(self) -> str:
        source = search_index.SOURCES.get(self.kind)
        return source.label if source else self.kind.title()

    def snippet_html(self, tag: str = "b") -> str:
        """The snippet escaped for rich text, matched words in <b>…</b>."""
        out, at = [], 0
        for start, end in self.marks:
            out += [html.escape(self.snippet[at:start]), f"<{tag}>"]
            out += [html.escape(self.snippet[start:end]), f"</{tag}>"]
            at = end
        out.append(html.escape(self.snippet[at:]))
        return "".join(out)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase
    prefix: bool  # the last word may be the start of a longer one
    exclude: bool = False


def parse_query(user_text: str) -> list[Term]:
    """The user's words as terms, each once, at most MAX_TERMS; empty when there is nothing to
    look for."""
    text = user_text or ""
    if len(text) > MAX_TEXT:  # cut at a space, so the last word read is a whole one
        text = next(iter(text[: MAX_TEXT + 1].rsplit(None, 1)), "")
    terms: list[Term] = []
    for m in _CHUNK.finditer(text):
        negative, phrase, chunk = m.group(1), m.group(2), m.group(3)
        if phrase is not None:
            words, prefix, exclude = _WORD.findall(phrase), False, bool(negative)
        else:
            exclude = chunk.startswith("-") and len(chunk) > 1
            # NET-2026-014: several words in one chunk match as a phrase.
            words, prefix = _WORD.findall(chunk[1:] if exclude else chunk), True
        if len(words) == 1 and words[0].lower() in STOP_WORDS:
            continue
        term = Term(tuple(w.lower() for w in words[:MAX_PHRASE_WORDS]), prefix, exclude)
        if words and term not in terms:
            terms.append(term)
            if len(terms) == MAX_TERMS:
                break
    if not any(not t.exclude for t in terms):
        return []  # only exclusions: there is nothing to find
    return terms


def fts5_query(terms: Iterable[Term]) -> str:
    """FTS5 MATCH text: every term a quoted string, so nothing is read as an operator."""

    def one(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")

    terms = list(terms)
    wanted = " AND ".join(one(t) for t in terms if not t.exclude)
    unwanted = "".join(f" NOT {one(t)}" for t in terms if t.exclude)
    return f"({wanted}){unwanted}"


def tsquery(terms: Iterable[Term]) -> str:
    """PostgreSQL to_tsquery text; words are letters and digits only, so it always parses."""

    def one(t: Term) -> str:
        words = [f"'{w}'" for w in t.words]
        if t.prefix:
            words[-1] += ":*"
        body = " <-> ".join(words)
        return f"!({body})" if t.exclude else f"({body})"

    return " & ".join(one(t) for t in terms)


def search(
    db: Database, user_text: str, kinds: Iterable[str] | None = None, limit: int = 50
) -> list[SearchHit]:
    """Items matching the user's words, best first."""
    terms = parse_query(user_text)
    kinds = list(kinds) if kinds is not None else list(search_index.SOURCES)
    if not terms or not kinds or limit <= 0:
        return []
    with db.engine.connect() as conn:
        if db.backend == "sqlite":
            rows = conn.execute(_SQLITE, {"q": fts5_query(terms), "kinds": kinds, "limit": limit})
        else:
            rows = conn.execute(_POSTGRES, {"q": tsquery(terms), "kinds": kinds, "limit": limit})
        return [_hit(*row) for row in rows]


def meeting_of(db: Database, hit: SearchHit) -> int | None:
    """The meeting a minutes or decision hit belongs to; None for an action, or if it is gone."""
    from ..db.models import AgendaItem, Decision

    model = {"minute": AgendaItem, "decision": Decision}.get(hit.kind)
    if model is None:
        return None
    with db.session() as s:
        return s.scalar(select(model.meeting_id).where(model.id == hit.id))


def reindex(db: Database) -> int:
    """Rebuild the search text of every item; returns how many items are searchable."""
    with db.session() as s:
        return search_index.rebuild(s.connection())


def _hit(kind: str, ref_id: int, title: str, raw: str, body: str, rank: float) -> SearchHit:
    raw = (raw or "").replace("\n", " ")  # one line; same length, so marks stay in place
    if body and raw and not raw.startswith("…"):  # ts_headline adds no ellipses of its own
        plain = raw.replace(HIT_START, "").replace(HIT_END, "")
        body = body.replace("\n", " ")
        if not body.startswith(plain):
            raw = "…" + raw
        if not body.endswith(plain):
            raw += "…"
    snippet, marks, at = [], [], 0
    for part in re.split(f"({HIT_START}|{HIT_END})", raw):
        if part == HIT_START:
            start = at
        elif part == HIT_END:
            marks.append((start, at))
        else:
            snippet.append(part)
            at += len(part)
    return SearchHit(kind, ref_id, title, "".join(snippet), float(rank), tuple(marks))


# bm25 weighs a match in the title ten times one in the body; it is negative, lower is better.
_SQLITE = text(
    f"""
    SELECT d.kind, d.ref_id, d.title,
           snippet(search_fts, 1, '{HIT_START}', '{HIT_END}', '…', {SNIPPET_WORDS}),
           '', -bm25(search_fts, 10.0, 1.0) AS rank
    FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid
    WHERE search_fts MATCH :q AND d.kind IN :kinds
    ORDER BY rank DESC, d.id
    LIMIT :limit
    """
).bindparams(bindparam("kinds", expanding=True))

# ts_headline is slow, so only the rows kept after ranking get one.
_POSTGRES = text(
    f"""
    WITH q AS (SELECT to_tsquery('english', :q) AS query),
    best AS (
        SELECT d.id, d.kind, d.ref_id, d.title, d.body, ts_rank(d.tsv, q.query) AS rank
        FROM search_documents d, q
        WHERE d.tsv @@ q.query AND d.kind IN :kinds
        ORDER BY rank DESC, d.id
        LIMIT :limit
    )
    SELECT best.kind, best.ref_id, best.title,
           ts_headline('english', best.body, q.query,
                       'StartSel={HIT_START}, StopSel={HIT_END}, MaxWords={SNIPPET_WORDS}, '
                       'MinWords={SNIPPET_WORDS // 2}, ShortWord=2'),
           best.body, best.rank
    FROM best, q
    ORDER BY best.rank DESC, best.id
    """
).bindparams(bindparam("kinds", expanding=True))

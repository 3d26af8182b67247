"""Questions asked of a quotetrack database, answered as pandas DataFrames (see docs/architecture.md, Query contract).

Names of speakers and targets match any alias, ignoring case and accents: the name is folded and looked up in the
stored `entity_keys` (canonical names, aliases and surnames) and, through the knowledge base, by canonical name.
Dates filter on a statement's `published`, the date of its earliest dated source; a statement no source dates has
`published` None, never matches a date window, and is found with `dated=False`.

`db` is a path (opened read-only: a query never changes the file), a `Store`, a `sqlite_utils.Database` or a
`sqlite3.Connection`.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
import sqlite_utils

from .kb import KnowledgeBase, default_kb, fold
from .models import STANCE_MEASURES, STANCES, STATEMENT_KINDS
from .schema import check_readable
from .store import Store

__all__ = [
    "QueryError", "statements", "statement_rows", "statement_dates", "speakers", "stance_pairs", "stance_matrix",
]

# `article` is the article's external id, as in the extract-jsonl records
STATEMENT_COLUMNS = [
    "id", "speaker", "speaker_mention", "cue", "kind", "quote", "confidence", "published",
    "article", "title", "source", "url", "sources", "targets",
]
SPEAKER_COLUMNS = ["speaker", "kind", "statements", "articles", "first", "last"]
STANCE_COLUMNS = ["speaker", "target", "support", "oppose", "neutral", "n", "mean_score"]

DbLike = Store | sqlite_utils.Database | sqlite3.Connection | str | Path
_MAIN_COLUMNS = STATEMENT_COLUMNS[:12]  # what the main SELECT returns, in order
_SOURCE_KEYS = ("article", "title", "source", "url", "published")
_TARGET_KEYS = ("entity", "stance", "score", "evidence")


class QueryError(ValueError):
    """A query the user asked for that cannot be run (bad date, unknown stance, unparsable search)."""


def statements(
    db: DbLike,
    speaker: str | Iterable[str] | None = None,
    target: str | None = None,
    stance: str | None = None,
    kind: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    search: str | None = None,
    limit: int | None = None,
    dated: bool | None = None,
    min_confidence: float | None = None,
) -> pd.DataFrame:
    """One row per statement, newest first (undated ones last), with its sources and targets as lists of dicts.

    `dated=False` keeps only the statements whose date is unknown, `dated=True` only those with a date;
    `min_confidence` keeps those whose speaker the engine is at least that sure of (0–1, the speaker model's
    probability: cross-validated on gold-dev, 0.85 or more meant the right speaker for about nine statements in ten,
    below 0.5 for about two in five; the digest's `--min-confidence` keeps the same ones: `models.confident`)."""
    rows = statement_rows(db, speaker, target, stance, kind, since, until, search, limit, dated, min_confidence)
    frame = pd.DataFrame(rows, columns=STATEMENT_COLUMNS, dtype=object)  # object keeps None as None, not NaN
    return frame.astype({"confidence": float})


def statement_rows(
    db: DbLike,
    speaker: str | Iterable[str] | None = None,
    target: str | None = None,
    stance: str | None = None,
    kind: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    search: str | None = None,
    limit: int | None = None,
    dated: bool | None = None,
    min_confidence: float | None = None,
) -> list[dict]:
    """The rows of `statements` as plain dicts, for callers that walk them one by one (no DataFrame to unpack).

    `speaker` may name several people (any of them matches). Sources and targets come in two set-based queries over
    the chosen ids, whatever their number, and are grouped in one pass."""
    if stance is not None and stance not in STANCES:
        raise QueryError(f"invalid stance {stance!r}: expected one of {', '.join(STANCES)}")
    if kind is not None and kind not in STATEMENT_KINDS:
        raise QueryError(f"invalid kind {kind!r}: expected one of {', '.join(STATEMENT_KINDS)}")
    with _opened(db) as (database, kb):
        where, params = _filters(since, until, database, kb, speaker)
        if target is not None or stance is not None:
            clauses, target_params = [], []
            if target is not None:
                ids = _entity_ids(database, kb, target)
                clauses.append(f"entity IN ({_marks(ids)})")
                target_params += ids
            if stance is not None:
                clauses.append("stance = ?")
                target_params.append(stance)
            where.append(f"s.id IN (SELECT statement FROM statement_targets WHERE {' AND '.join(clauses)})")
            params += target_params
        if kind is not None:
            where.append("s.kind = ?")
            params.append(kind)
        if dated is not None:
            where.append(f"s.published IS {'NOT ' if dated else ''}NULL")
        if min_confidence is not None:
            where.append("s.confidence >= ?")
            params.append(min_confidence)
        if search is not None:
            where.append("s.seq IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)")
            params.append(_fts_phrase(database, search))
        sql = (
            "SELECT s.id, e.name, s.speaker_mention, s.cue, s.kind, s.quote, s.confidence, s.published,"
            " a.external_id, a.title, a.source, a.url"
            " FROM statements s JOIN articles a ON a.uid = s.article LEFT JOIN entities e ON e.id = s.speaker"
            f" {_where(where)} ORDER BY s.published DESC, s.seq DESC"
        )
        sql += _limit(limit, params)
        rows = [
            dict(zip(_MAIN_COLUMNS, values))
            for values in _tuples(database, sql, params, "search" if search is not None else None)
        ]
        chosen = json.dumps([row["id"] for row in rows])
        sources = _grouped(
            database,
            "SELECT ss.statement, a.external_id, a.title, a.source, a.url, a.published"
            " FROM statement_sources ss JOIN articles a ON a.uid = ss.article"
            " WHERE ss.statement IN (SELECT value FROM json_each(?)) ORDER BY a.published IS NULL, a.published, ss.rowid",
            chosen,
            _SOURCE_KEYS,
        )
        targets = _grouped(
            database,
            "SELECT st.statement, e.name, st.stance, st.score, st.evidence"
            " FROM statement_targets st JOIN entities e ON e.id = st.entity"
            " WHERE st.statement IN (SELECT value FROM json_each(?)) ORDER BY st.rowid",
            chosen,
            _TARGET_KEYS,
        )
    for row in rows:
        row["published"] = _to_date(row["published"])
        row["sources"] = sources.get(row["id"], [])
        row["targets"] = targets.get(row["id"], [])
    return rows


def statement_dates(db: DbLike, speaker: str | Iterable[str] | None = None) -> list[date]:
    """The days with at least one statement (by any of the speakers named), oldest first: which weeks have any,
    without loading the statements themselves."""
    with _opened(db) as (database, kb):
        where, params = _filters(None, None, database, kb, speaker)
        where.append("s.published IS NOT NULL")
        rows = database.execute(
            f"SELECT DISTINCT s.published FROM statements s {_where(where)} ORDER BY s.published", params
        ).fetchall()
    return [_to_date(day) for (day,) in rows]


def speakers(
    db: DbLike,
    since: date | str | None = None,
    until: date | str | None = None,
    speaker: str | Iterable[str] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Who spoke, how often and in how many articles, most quoted first (only the speakers named, when given)."""
    with _opened(db) as (database, kb):
        where, params = _filters(since, until, database, kb, speaker)
        found = _tuples(
            database,
            "SELECT e.name AS speaker, e.kind, count(DISTINCT s.id) AS statements,"
            " count(DISTINCT ss.article) AS articles, min(s.published) AS first, max(s.published) AS last"
            " FROM statements s JOIN entities e ON e.id = s.speaker"
            " JOIN statement_sources ss ON ss.statement = s.id"
            f" {_where(where)} GROUP BY e.id ORDER BY statements DESC, speaker{_limit(limit, params)}",
            params,
        )
    rows = [(*row[:4], _to_date(row[4]), _to_date(row[5])) for row in found]
    frame = pd.DataFrame(rows, columns=SPEAKER_COLUMNS, dtype=object)
    return frame.astype({"statements": int, "articles": int})


def stance_pairs(
    db: DbLike,
    since: date | str | None = None,
    until: date | str | None = None,
    speaker: str | Iterable[str] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per (speaker, counterpart), most statements first: how many support, oppose or are neutral toward
    it, and the mean score (rounded to 3 places). `stance_matrix` is the same figures as a speaker × target table."""
    with _opened(db) as (database, kb):
        where, params = _filters(since, until, database, kb, speaker)
        rows = _tuples(
            database,
            # grouped on ids first and named afterwards: a fifth cheaper on a busy week than grouping the joined names
            "SELECT sp.name, te.name, g.support, g.oppose, g.neutral, g.n, round(g.mean_score, 3) FROM ("
            " SELECT s.speaker, st.entity, sum(st.stance = 'support') AS support, sum(st.stance = 'oppose') AS oppose,"
            " sum(st.stance = 'neutral') AS neutral, count(*) AS n, avg(st.score) AS mean_score"
            " FROM statement_targets st JOIN statements s ON s.id = st.statement"
            f" {_where(where + ['s.speaker IS NOT NULL'])} GROUP BY s.speaker, st.entity) g"
            " JOIN entities sp ON sp.id = g.speaker JOIN entities te ON te.id = g.entity"
            f" ORDER BY g.n DESC, sp.name, te.name{_limit(limit, params)}",
            params,
        )
    frame = pd.DataFrame(rows, columns=STANCE_COLUMNS, dtype=object)
    return frame.astype({"support": int, "oppose": int, "neutral": int, "n": int, "mean_score": float})


def stance_matrix(
    db: DbLike,
    since: date | str | None = None,
    until: date | str | None = None,
    speaker: str | Iterable[str] | None = None,
    value: str = "mean_score",
    limit: int | None = None,
) -> pd.DataFrame:
    """Speaker × counterpart: one row per speaker, one column per target, each cell the `value` of that pair (the
    mean stance score, or a count: support, oppose, neutral, n). Speakers and targets come most statements first,
    at most `limit` of each; a pair with no statement is NaN for the score and 0 for a count."""
    if value not in STANCE_MEASURES:
        raise QueryError(f"invalid value {value!r}: expected one of {', '.join(STANCE_MEASURES)}")
    pairs = stance_pairs(db, since, until, speaker)
    rows = _most_frequent(pairs, "speaker", limit)
    columns = _most_frequent(pairs[pairs["speaker"].isin(rows)], "target", limit)
    matrix = pairs.pivot(index="speaker", columns="target", values=value).reindex(index=rows, columns=columns)
    if value != "mean_score":
        matrix = matrix.fillna(0).astype(int)
    matrix.columns.name = None
    return matrix


def _most_frequent(pairs: pd.DataFrame, column: str, limit: int | None) -> list[str]:
    """The names in `column`, by their statements in all pairs (then by name), at most `limit` of them."""
    totals = pairs.groupby(column, sort=False)["n"].sum().reset_index()
    ordered = totals.sort_values(["n", column], ascending=[False, True], kind="stable")[column].tolist()
    return ordered[:limit] if limit is not None else ordered


# -- helpers ---------------------------------------------------------------------------------------------------
@contextmanager
def _opened(db: DbLike) -> Iterator[tuple[sqlite_utils.Database, KnowledgeBase]]:
    """The database behind a Store, a Database, a Connection or a path (opened read-only here, closed afterwards)."""
    if isinstance(db, Store):
        yield db.db, db.kb
    elif isinstance(db, sqlite_utils.Database):
        yield db, default_kb()
    elif isinstance(db, sqlite3.Connection):
        database = sqlite_utils.Database(db, recursive_triggers=False)  # leaves the caller's connection as it was
        check_readable(database, "the connection's database")
        yield database, default_kb()
    else:
        store = Store(db, read_only=True)
        try:
            yield store.db, store.kb
        finally:
            store.close()


def _entity_ids(database: sqlite_utils.Database, kb: KnowledgeBase, name: str) -> list[int]:
    keys = {fold(name)}
    known = kb.get(name)
    if known is not None:
        keys.add(fold(known.name))
    rows = database.execute(f"SELECT DISTINCT entity FROM entity_keys WHERE key IN ({_marks(keys)})", list(keys))
    return sorted(row[0] for row in rows)


def _speaker_filter(database, kb: KnowledgeBase, names: str | Iterable[str], where: list[str], params: list) -> None:
    """Restrict `s.speaker` to anyone the name(s) may mean."""
    names = [names] if isinstance(names, str) else list(names)
    ids = sorted({i for name in names for i in _entity_ids(database, kb, name)})
    where.append(f"s.speaker IN ({_marks(ids)})")
    params += ids


def _filters(since, until, database=None, kb=None, speaker=None) -> tuple[list[str], list]:
    """WHERE clauses and parameters for a date window and, when given, the statements of some speakers."""
    where, params = [], []
    if speaker is not None:
        _speaker_filter(database, kb, speaker, where, params)
    if since is not None:
        where.append("s.published >= ?")
        params.append(_iso(since))
    if until is not None:
        where.append("s.published <= ?")
        params.append(_iso(until))
    return where, params


def _iso(value: date | str) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise QueryError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def _fts_phrase(database: sqlite_utils.Database, text: str) -> str:
    """User text as FTS5 quoted terms, so operators and stray quotes are plain words, not syntax."""
    phrase = database.quote_fts(text)
    if not phrase.strip('" '):
        raise QueryError(f"invalid search {text!r}: nothing to search for")
    return phrase


def _tuples(database: sqlite_utils.Database, sql: str, params: list, what: str | None = None) -> list[tuple]:
    """Plain tuples: building a dict per row inside sqlite-utils cost more than SQLite's own work on big results."""
    try:
        return database.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if what == "search" and "fts5" in str(exc):
            raise QueryError(f"invalid search: {exc}") from None
        raise


def _grouped(database: sqlite_utils.Database, sql: str, ids_json: str, keys: tuple[str, ...]) -> dict[str, list[dict]]:
    """Rows of `sql` (its first column the statement id) as dicts of `keys`, keyed by statement."""
    grouped: dict[str, list[dict]] = {}
    for statement, *values in database.execute(sql, [ids_json]):
        row = dict(zip(keys, values))
        if "published" in row:
            row["published"] = _to_date(row["published"])
        grouped.setdefault(statement, []).append(row)
    return grouped


def _marks(values) -> str:
    """Placeholders for an IN list; an empty list becomes NULL, which matches nothing."""
    return ", ".join("?" for _ in values) or "NULL"


def _limit(limit: int | None, params: list) -> str:
    """A LIMIT clause (its value appended to `params`), or nothing."""
    if limit is None:
        return ""
    params.append(int(limit))
    return " LIMIT ?"


def _where(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


@lru_cache(maxsize=4096)
def _to_date(value: str | None) -> date | None:
    """Cached: a week of statements shares a handful of days."""
    return date.fromisoformat(value) if value else None

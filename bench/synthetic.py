"""A database of many synthetic statements, built in seconds by bulk inserts, for query and digest timings.

Running extraction a million times would take hours and measure extraction, not queries. Instead `Store` creates the
real schema (tables, indexes, full-text index and its triggers) and rows of the same shape are inserted in big
batches (`executemany`; see `_insert`). Quotes are random runs of real Italian words, so full-text search sees a
realistic vocabulary; speakers, targets and stances are drawn with a seeded RNG.
"""
from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from quotetrack.kb import fold
from quotetrack.models import STANCES, STATEMENT_KINDS
from quotetrack.store import Store

BATCH = 20_000
WORD = re.compile(r"[a-zàèéìòù]{4,}")


@dataclass(frozen=True)
class Shape:
    """How a synthetic database looks: sizes, and the days its statements are spread over."""

    statements: int
    first_day: date = date(2024, 1, 1)
    days: int = 730
    speakers: int = 2000
    targets: int = 300
    per_article: int = 10
    seed: int = 7

    def speaker_name(self, i: int) -> str:
        return f"Speaker {i:04d}"

    def target_name(self, i: int) -> str:
        return f"Target {i:04d}"


def vocabulary(texts: list[str], size: int = 5000) -> list[str]:
    """The `size` most frequent lower-case words (4+ letters) of real articles."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in WORD.findall(text.lower()):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))[:size]


def build(path: Path, shape: Shape, words: list[str]) -> Path:
    """Create the database at `path` (reused when it exists: building 1M rows takes a while)."""
    if path.exists():
        return path
    partial = path.with_name(path.name + ".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    rng = random.Random(shape.seed)
    with Store(partial) as store:
        db = store.db
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -400000")  # 400 MB: random-hash keys thrash the default 2 MB cache
        speakers = _entities(db, shape.speaker_name, shape.speakers, "person", start_id=1)
        targets = _entities(db, shape.target_name, shape.targets, "country", start_id=shape.speakers + 1)
        n_articles = -(-shape.statements // shape.per_article)
        with db.conn:
            _insert(db, "articles", list(_articles(shape, n_articles)))
        rows = _statement_rows(shape, rng, words, speakers, targets)
        triggers = _drop_triggers(db, "statements")  # the full-text index is rebuilt once at the end instead
        for _ in range(0, shape.statements, BATCH):
            statements, sources, stances = [], [], []
            for statement, source, target_rows in _take(rows, BATCH):
                statements.append(statement)
                sources.append(source)
                stances.extend(target_rows)
            with db.conn:  # one transaction per batch
                _insert(db, "statements", statements)
                _insert(db, "statement_sources", sources)
                _insert(db, "statement_targets", stances)
        db.table("statements").rebuild_fts()
        for sql in triggers:
            db.execute(sql)
        db.execute("ANALYZE")
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.replace(path)
    return path


def _insert(db, table: str, rows: list[dict]) -> None:
    """executemany with the rows' keys as columns: sqlite-utils' insert_all spent 3x the time of SQLite itself
    converting values one by one, which made a 1M-row build take minutes."""
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' for _ in columns)})"
    db.conn.executemany(sql, [tuple(row[c] for c in columns) for row in rows])


def _drop_triggers(db, table: str) -> list[str]:
    """Drop the table's triggers and return the SQL that recreates them."""
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]).fetchall()
    for name, _ in rows:
        db.execute(f"DROP TRIGGER [{name}]")
    return [sql for _, sql in rows]


def _entities(db, name_of, n: int, kind: str, start_id: int) -> list[int]:
    ids = list(range(start_id, start_id + n))
    with db.conn:
        _insert(db, "entities", [{"id": i, "name": name_of(i - start_id), "kind": kind, "aliases": "[]"} for i in ids])
        _insert(db, "entity_keys", [{"key": fold(name_of(i - start_id)), "entity": i} for i in ids])
    return ids


def _day(shape: Shape, i: int, n: int) -> str:
    return (shape.first_day + timedelta(days=i * shape.days // n)).isoformat()


def _articles(shape: Shape, n: int):
    for i in range(n):
        yield {
            "uid": _hash("article", i),
            "external_id": f"synthetic-{i:07d}",
            "title": f"Synthetic article {i}",
            "source": "bench",
            "url": f"https://example.org/{i}",
            "published": _day(shape, i, n),
            "dated": 1,
            "text": "",
            "path": None,
            "ingested_at": "2026-01-01T00:00:00+00:00",
        }


def _statement_rows(shape: Shape, rng: random.Random, words: list[str], speakers: list[int], targets: list[int]):
    n_articles = -(-shape.statements // shape.per_article)
    for i in range(shape.statements):
        article = i // shape.per_article
        sid = _hash("statement", i)
        quote = " ".join(rng.choices(words, k=rng.randint(6, 24)))
        fields = {
            "article": _hash("article", article),
            "start": 0,
            "end": len(quote),
            "cue": "ha detto",
            "speaker_mention": None,
            "confidence": round(rng.random(), 3),
        }
        statement = {
            "id": sid,
            "quote": quote,
            "kind": rng.choice(STATEMENT_KINDS),
            "speaker": rng.choice(speakers),
            "published": _day(shape, article, n_articles),
            **fields,
        }
        chosen = rng.sample(targets, rng.choice((0, 1, 1, 2)))
        target_rows = [
            {"statement": sid, "entity": t, "stance": rng.choice(STANCES), "score": 0.0, "evidence": ""} for t in chosen
        ]
        yield statement, {"statement": sid, **fields}, target_rows


def _take(iterator, n: int):
    for _, item in zip(range(n), iterator):
        yield item


def _hash(kind: str, i: int) -> str:
    return hashlib.sha256(f"{kind}:{i}".encode()).hexdigest()[:16]

"""SQLite storage of articles and their statements (sqlite-utils), safe for several ingesting processes at once.

Each article is stored whole or not at all. Re-ingesting the same text is a no-op (articles are keyed by a hash of
their normalised text), and the same quote by the same speaker reported by several articles is one statement with
several sources.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

import sqlite_utils

from . import schema
from .kb import KnowledgeBase, default_kb, fold
from .models import Article, Statement, Target
from .schema import StoreError

__all__ = ["AddResult", "Store", "StoreError", "normalise_quote", "statement_id"]

_END_NOISE = "\"'«»“”‘’„‚‹›`.,;:!?…-–—()[] "


def normalise_quote(text: str) -> str:
    """The form two reports of one quote share: no case, accents, spacing or surrounding quote marks."""
    return fold(text).strip(_END_NOISE)


def statement_id(speaker: str | None, quote: str) -> str:
    """Stable id of what one speaker said, whichever article reported it."""
    key = f"{fold(speaker or '')}\x1f{normalise_quote(quote)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class AddResult:
    article_uid: str
    new: bool  # False when the article was already stored (nothing changed)
    statements_added: int  # statements seen for the first time
    statements_merged: int  # statements already stored from another article, now with this one as a source


class Store:
    """One SQLite database file. Open it, `add` articles, query it through `.db` or `quotetrack.query`.

    `read_only=True` (what the query commands use) never changes the file: no table is created, the journal mode is
    left alone, and a read-only file can be read. Only an older quotetrack schema is upgraded first (with a backup),
    when the file can be written.
    """

    def __init__(self, path: str | Path, kb: KnowledgeBase | None = None, create: bool = True, read_only: bool = False):
        self.path = Path(path)
        if not self.path.exists():
            if read_only or not create:
                raise StoreError(f"no database at {self.path} — run quotetrack ingest first")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create its folder ({exc.strerror or exc})") from None
        elif self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a database file")
        self.kb = kb or default_kb()
        try:
            if read_only:
                self.db: sqlite_utils.Database = self._read_only()
                self.migrated_from = schema.CURRENT_VERSION
            else:
                self.db = schema.connect(self.path)
                self.migrated_from = schema.migrate(self.db, self.path)
        except StoreError:
            self._close_quietly()
            raise
        except Exception as exc:  # sqlite3.DatabaseError for a file that is not SQLite, and the like
            self._close_quietly()
            if "readonly" in str(exc) and not read_only:
                raise StoreError(f"{self.path}: read-only database (cannot store articles in it)") from exc
            raise StoreError(f"{self.path}: cannot open as a quotetrack database ({exc})") from exc

    def _read_only(self) -> sqlite_utils.Database:
        db = schema.connect_read_only(self.path)
        if 0 < schema.version(db) < schema.CURRENT_VERSION:  # quotetrack's own older schema
            db.close()
            Store(self.path, self.kb, create=False).close()  # migrates, keeping a backup copy
            db = schema.connect_read_only(self.path)
        try:
            schema.check_readable(db, self.path)
        except StoreError:
            db.close()
            raise
        return db

    def has_article(self, uid: str) -> bool:
        """Whether an article with this `Article.uid` is stored, so callers can skip analysing it again."""
        return self.db.execute("SELECT 1 FROM articles WHERE uid = ?", [uid]).fetchone() is not None

    def article(self, uid: str) -> Article | None:
        """The stored article with this `Article.uid`, as it was stored (its text is what offsets point into)."""
        row = self.db.execute(
            "SELECT external_id, text, title, published, dated, source, url, path, author FROM articles WHERE uid = ?",
            [uid],
        ).fetchone()
        if row is None:
            return None
        external_id, text, title, published, dated, source, url, path, author = row
        known = date.fromisoformat(published) if published and dated else None  # older files kept an ingest day
        return Article(id=external_id, text=text, title=title, published=known, source=source, url=url, path=path,
                       author=author)

    # -- writing ---------------------------------------------------------------------------------------------
    def add(self, article: Article, statements: list[Statement]) -> AddResult:
        """Store one article and its statements in one transaction."""
        return self._write(lambda: self._insert(article, statements))

    def add_many(self, items: Iterable, batch: int = 100) -> list[AddResult]:
        """Store many `(article, statements)` pairs (or `pipeline.Processed`), `batch` articles per transaction.

        If one article fails, the whole articles before it are kept and the error names the failing one.
        """
        results: list[AddResult] = []
        for chunk in _chunks((_pair(item) for item in items), batch):
            stored, failure = self._write(lambda: self._insert_chunk(chunk))
            results.extend(stored)
            if failure is not None:
                article, exc = failure
                raise StoreError(f"{article.path or article.id}: could not store article ({exc})") from exc
        return results

    def _write(self, work):
        """One write transaction. The entity ids it looks up are kept for it alone (a chunk's articles name the same
        people over and over; a rolled-back transaction must not leave stale ids behind)."""
        self._entity_ids: dict[tuple[str, str | None], tuple[int, str]] = {}

        def work_then_index():
            done = work()
            schema.index_new_quotes(self.db)
            return done

        try:
            return schema.write(self.db, work_then_index, self.path)
        finally:
            self._entity_ids = {}

    def _insert_chunk(self, chunk: list[tuple[Article, list[Statement]]]):
        """Store a chunk in one savepoint; if an article fails, redo it article by article so the ones before it
        are kept. (A savepoint per article costs a full-text index flush each: the common case takes one.)

        A problem of the database itself (disk full, I/O error, read-only file) is no article's fault: it ends the
        transaction, and what earlier transactions stored stays."""
        try:
            with self.db.atomic():
                return [self._insert(article, statements) for article, statements in chunk], None
        except sqlite3.OperationalError:
            raise
        except Exception:
            self._entity_ids = {}  # rolled back with the savepoint
        stored: list[AddResult] = []
        for article, statements in chunk:
            try:
                with self.db.atomic():  # a savepoint: a failing article leaves no trace
                    stored.append(self._insert(article, statements))
            except sqlite3.OperationalError:
                raise
            except Exception as exc:
                return stored, (article, exc)
        return stored, None

    def _insert(self, article: Article, statements: list[Statement]) -> AddResult:
        uid = article.uid
        if self.has_article(uid):
            return AddResult(uid, False, 0, 0)
        published = article.published.isoformat() if article.published else None
        self._insert_row(
            "articles",
            {
                "uid": uid,
                "external_id": article.id,
                "title": article.title,
                "source": article.source,
                "url": article.url,
                "published": published,
                "dated": int(article.dated),
                "text": article.text,
                "path": article.path,
                "author": article.author,
                "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            }
        )
        added = merged = 0
        for statement in statements:
            if self._insert_statement(uid, published, statement):
                added += 1
            else:
                merged += 1
        return AddResult(uid, True, added, merged)

    def _insert_statement(self, uid: str, published: str | None, statement: Statement) -> bool:
        """Store one statement reported by article `uid`; False when it merged into a stored one."""
        speaker_id, speaker_name = (
            self._entity(statement.speaker, statement.speaker_kind or "person") if statement.speaker else (None, None)
        )
        sid = statement_id(speaker_name, statement.quote)
        fields = {
            "article": uid,
            "start": statement.start,
            "end": statement.end,
            "cue": statement.cue,
            "speaker_mention": statement.speaker_mention,
            "confidence": statement.confidence,
        }
        stored = self.db.execute("SELECT published FROM statements WHERE id = ?", [sid]).fetchone()
        if stored is None:
            self._insert_row(
                "statements",
                {"id": sid, "quote": statement.quote, "kind": statement.kind, "speaker": speaker_id,
                 "published": published, **fields},
            )
            self._insert_row("statement_sources", {"statement": sid, **fields})
            source_added = False
        else:
            source_added = self.db.execute(
                'INSERT OR IGNORE INTO statement_sources (statement, article, "start", "end", cue, speaker_mention, '
                "confidence) VALUES (:statement, :article, :start, :end, :cue, :speaker_mention, :confidence)",
                {"statement": sid, **fields},
            ).rowcount
        if source_added and published and (stored[0] is None or published < stored[0]):
            # an earlier report of the same statement becomes its first source
            self.db.execute(
                'UPDATE statements SET article = :article, "start" = :start, "end" = :end, cue = :cue, '
                "speaker_mention = :speaker_mention, confidence = :confidence, kind = :kind, quote = :quote, "
                "published = :published WHERE id = :id",
                {"id": sid, "kind": statement.kind, "quote": statement.quote, "published": published, **fields},
            )
        for target in statement.targets:
            self._insert_target(sid, target)
        return stored is None

    def _insert_target(self, sid: str, target: Target) -> None:
        entity_id, _ = self._entity(target.entity, target.kind)
        self.db.execute(
            "INSERT OR IGNORE INTO statement_targets (statement, entity, stance, score, evidence) "
            "VALUES (?, ?, ?, ?, ?)",
            [sid, entity_id, target.stance, target.score, target.evidence],
        )

    def _entity(self, name: str, kind: str | None) -> tuple[int, str]:
        """The id and canonical name of the entity a name refers to, creating it (with its KB aliases) on first sight."""
        if (name, kind) not in self._entity_ids:
            self._entity_ids[(name, kind)] = self._stored_entity(name, kind)
        return self._entity_ids[(name, kind)]

    def _stored_entity(self, name: str, kind: str | None) -> tuple[int, str]:
        known = self.kb.get(name)
        canonical = known.name if known else name.strip()
        row = self.db.execute("SELECT id FROM entities WHERE name = ?", [canonical]).fetchone()
        if row:
            return row[0], canonical
        aliases = list(known.aliases) if known else []
        kind = known.kind if known else kind
        entity_id = self.db.execute(
            "INSERT INTO entities (name, kind, aliases) VALUES (?, ?, ?)",
            [canonical, kind, json.dumps(aliases, ensure_ascii=False)],
        ).lastrowid
        keys = {fold(canonical), *(fold(a) for a in aliases)}
        parts = canonical.split()
        if kind == "person" and len(parts) > 1:
            keys.add(fold(parts[-1]))
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO entity_keys (key, entity) VALUES (?, ?)", [(k, entity_id) for k in keys]
        )
        return entity_id, canonical

    def _insert_row(self, table: str, record: dict) -> None:
        # plain INSERT: sqlite-utils' insert() re-inspects the table on every call, which dominated ingest time
        self.db.execute(_insert_sql(table, tuple(record)), list(record.values()))

    # -- lifecycle -------------------------------------------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def _close_quietly(self) -> None:
        db = self.__dict__.get("db")
        if db is not None:
            db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@cache  # a handful of (table, columns) shapes, written thousands of times
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'


def _pair(item) -> tuple[Article, list[Statement]]:
    if isinstance(item, tuple):
        return item
    return item.article, item.statements


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= max(1, size):
            yield chunk
            chunk = []
    if chunk:
        yield chunk

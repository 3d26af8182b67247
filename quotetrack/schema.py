"""The SQLite schema as an ordered list of migrations, and the write transactions every change goes through.

A database records how many migrations it has seen in `PRAGMA user_version`. Opening an older one writes a backup
copy (`<db>.bak-v<N>`) and then applies the missing migrations in order, each in its own transaction; a database
written by a newer quotetrack is refused rather than misread.
"""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Callable, TypeVar

import sqlite_utils

T = TypeVar("T")

BUSY_TIMEOUT_MS = 30_000
LOCK_RETRIES = 5


class StoreError(Exception):
    """A database problem worth one clear sentence to the user (missing file, newer schema, busy database)."""


def _create_tables(db: sqlite_utils.Database) -> None:
    # statements get an INTEGER PRIMARY KEY so the full-text index's rowids survive VACUUM; `id` is the stable hash
    for sql in (
        """CREATE TABLE articles (
            uid TEXT PRIMARY KEY,
            external_id TEXT,
            title TEXT,
            source TEXT,
            url TEXT,
            published TEXT,
            dated INTEGER NOT NULL DEFAULT 1,
            text TEXT NOT NULL,
            path TEXT,
            ingested_at TEXT NOT NULL
        )""",
        """CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT,
            aliases TEXT NOT NULL DEFAULT '[]'
        )""",
        """CREATE TABLE entity_keys (
            key TEXT NOT NULL,
            entity INTEGER NOT NULL REFERENCES entities(id),
            PRIMARY KEY (key, entity)
        )""",
        """CREATE TABLE statements (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            article TEXT NOT NULL REFERENCES articles(uid),
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            kind TEXT NOT NULL,
            cue TEXT,
            speaker INTEGER REFERENCES entities(id),
            speaker_mention TEXT,
            confidence REAL,
            published TEXT
        )""",
        """CREATE TABLE statement_sources (
            statement TEXT NOT NULL REFERENCES statements(id),
            article TEXT NOT NULL REFERENCES articles(uid),
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            cue TEXT,
            speaker_mention TEXT,
            confidence REAL,
            PRIMARY KEY (statement, article)
        )""",
        """CREATE TABLE statement_targets (
            statement TEXT NOT NULL REFERENCES statements(id),
            entity INTEGER NOT NULL REFERENCES entities(id),
            stance TEXT NOT NULL,
            score REAL NOT NULL DEFAULT 0,
            evidence TEXT,
            PRIMARY KEY (statement, entity)
        )""",
        "CREATE INDEX idx_articles_published ON articles(published)",
        "CREATE INDEX idx_entity_keys_entity ON entity_keys(entity)",
        "CREATE INDEX idx_statements_speaker ON statements(speaker, published)",
        "CREATE INDEX idx_statements_published ON statements(published)",
        "CREATE INDEX idx_statements_article ON statements(article)",
        "CREATE INDEX idx_statement_sources_article ON statement_sources(article)",
        "CREATE INDEX idx_statement_targets_entity ON statement_targets(entity, stance)",
    ):
        db.execute(sql)


def _add_search_and_view(db: sqlite_utils.Database) -> None:
    """Full-text search over quotes (accent-insensitive) and a browsing view for Datasette."""
    statements = db.table("statements")
    statements.enable_fts(["quote"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    statements.populate_fts(["quote"])
    db.create_view(
        "statements_view",
        """SELECT s.id, s.published, e.name AS speaker, s.speaker_mention, s.kind, s.cue, s.quote, s.confidence,
       a.title, a.source, a.url, s.article,
       (SELECT count(*) FROM statement_sources ss WHERE ss.statement = s.id) AS sources
FROM statements s
JOIN articles a ON a.uid = s.article
LEFT JOIN entities e ON e.id = s.speaker""",
    )


def _index_quotes_per_transaction(db: sqlite_utils.Database) -> None:
    """New quotes are indexed once per write transaction (`index_new_quotes`), not by a trigger per row, which
    was half the cost of storing. Updates and deletes keep their triggers, for the rows already indexed: a row
    added in the same transaction is indexed with its final text when the transaction ends."""
    indexed = "EXISTS (SELECT 1 FROM statements_fts_docsize WHERE id = old.rowid)"
    remove_old = """INSERT INTO statements_fts (statements_fts, rowid, quote) VALUES ('delete', old.rowid, old.quote);"""
    for name in ("statements_ai", "statements_ad", "statements_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute(f"CREATE TRIGGER statements_ad AFTER DELETE ON statements WHEN {indexed} BEGIN {remove_old} END")
    db.execute(
        f"CREATE TRIGGER statements_au AFTER UPDATE ON statements WHEN {indexed} BEGIN {remove_old} "
        "INSERT INTO statements_fts (rowid, quote) VALUES (new.rowid, new.quote); END"
    )
    index_new_quotes(db)


def index_new_quotes(db: sqlite_utils.Database) -> None:
    """Add the statements stored since the last call to the full-text index (rowids only grow). Writers call it
    at the end of each write transaction; a row another tool inserted is picked up by the next quotetrack write."""
    db.execute(
        "INSERT INTO statements_fts (rowid, quote) SELECT seq, quote FROM statements "
        "WHERE seq > (SELECT coalesce(max(id), 0) FROM statements_fts_docsize)"
    )


def _record_authors(db: sqlite_utils.Database) -> None:
    """An article's byline (web pages and `author:` headers state one)."""
    db.execute("ALTER TABLE articles ADD COLUMN author TEXT")


def _record_web_fetches(db: sqlite_utils.Database) -> None:
    """What web ingest fetched, per URL, so a daily run asks only for what is new (`quotetrack.web`).

    A page's row names the article it gave: the URL counts as stored only while that article is stored, so a run
    killed between fetching and storing fetches it again. A feed's row keeps its validators (ETag, Last-Modified)
    and the items it listed, which a 304 answer means are still current."""
    db.execute(
        """CREATE TABLE web_fetches (
            url TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('page', 'feed')),
            article TEXT,
            items TEXT,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_articles_url ON articles(url)")


# the ISO week ('2025-W12') of a date: the year and day of year of the Thursday of its week (SQLite before 3.46
# has no %G/%V)
_ISO_WEEK = """CASE WHEN {day} IS NOT NULL THEN printf('%s-W%02d', strftime('%Y', {day}, '-3 days', 'weekday 4'),
       (strftime('%j', {day}, '-3 days', 'weekday 4') - 1) / 7 + 1) END"""


def _browse_statements_with_stances(db: sqlite_utils.Database) -> None:
    """Views for browsing (Datasette, `quotetrack serve`): one row per statement with its targets, stances, offsets,
    outlet and ISO week; one row per statement and target. Both keep the statement's `seq`, the rowid of the
    full-text index, so a search can run on them."""
    db.execute("DROP VIEW IF EXISTS statements_view")
    db.create_view(
        "statements_view",
        f"""SELECT s.published, {_ISO_WEEK.format(day="s.published")} AS week, e.name AS speaker, s.quote,
       (SELECT group_concat(name || ': ' || stance, '; ') FROM (SELECT te.name, t.stance FROM statement_targets t
            JOIN entities te ON te.id = t.entity WHERE t.statement = s.id ORDER BY te.name)) AS stance_toward,
       (SELECT json_group_array(name) FROM (SELECT te.name FROM statement_targets t
            JOIN entities te ON te.id = t.entity WHERE t.statement = s.id ORDER BY te.name)) AS targets,
       (SELECT json_group_array(DISTINCT stance) FROM (SELECT t.stance FROM statement_targets t
            WHERE t.statement = s.id ORDER BY t.stance)) AS stances,
       s.kind, s.cue, s.speaker_mention, a.source AS outlet, a.title, a.url, s.confidence,
       (SELECT count(*) FROM statement_sources ss WHERE ss.statement = s.id) AS sources,
       s.article, s."start", s."end", s.id, s.seq
FROM statements s
JOIN articles a ON a.uid = s.article
LEFT JOIN entities e ON e.id = s.speaker""",
    )
    db.create_view(
        "stances_view",
        f"""SELECT s.published, {_ISO_WEEK.format(day="s.published")} AS week, e.name AS speaker,
       te.name AS target, t.stance, t.score, t.evidence, s.quote, a.source AS outlet, a.title, s.article,
       s."start", s."end", s.id AS statement, s.seq
FROM statement_targets t
JOIN statements s ON s.id = t.statement
JOIN entities te ON te.id = t.entity
JOIN articles a ON a.uid = s.article
LEFT JOIN entities e ON e.id = s.speaker""",
    )


# Append new migrations at the end; never edit or reorder the released ones.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _create_tables,
    _add_search_and_view,
    _index_quotes_per_transaction,
    _record_authors,
    _record_web_fetches,
    _browse_statements_with_stances,
]
CURRENT_VERSION = len(MIGRATIONS)


def connect(path: Path) -> sqlite_utils.Database:
    """A connection that waits for other writers instead of failing, with WAL and foreign keys on."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    # a 64 MB page cache: on a million statements the default 2 MB makes a speaker query re-read its index pages
    db.execute("PRAGMA cache_size = -65536")
    db.enable_wal()
    return db


def connect_read_only(path: Path) -> sqlite_utils.Database:
    """A connection that cannot change the file: no table created, journal mode left as it is (SQLite's mode=ro).

    A WAL database in a folder where its shared-memory file cannot be created is opened as immutable: no process can
    be writing to it then, since writers need that file too.
    """
    path = Path(path).resolve()
    uri = path.as_uri()  # percent-encodes '?', '#' and newlines in the name
    try:
        conn = _opened_uri(f"{uri}?mode=ro")
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc) or not _frozen(path):
            raise
        conn = _opened_uri(f"{uri}?mode=ro&immutable=1")
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA cache_size = -65536")
    return db


def _frozen(path: Path) -> bool:
    """Whether nobody can be changing the file: its folder takes no new file (no -wal, no -shm) and no -wal holds
    changes not yet in the database."""
    wal = path.with_name(path.name + "-wal")
    return not os.access(path.parent, os.W_OK) and (not wal.exists() or wal.stat().st_size == 0)


def _opened_uri(uri: str) -> sqlite3.Connection:
    """A connection that has read the schema: SQLite opens files lazily, so problems show up here, not later."""
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def check_readable(db: sqlite_utils.Database, path: Path) -> None:
    """Refuse, in one sentence, a file the queries cannot read: another program's database, or a newer schema."""
    # one statement, so one snapshot: a writer creating the tables meanwhile cannot make them look foreign
    found, tables = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)"
    ).fetchone()
    if found == 0 and not tables:
        raise StoreError(f"{path}: empty database — run quotetrack ingest first")
    if found == 0:
        raise StoreError(f"{path}: not a quotetrack database (no quotetrack tables in it)")
    _refuse_newer(found, path)


def _refuse_newer(found: int, path: Path) -> None:
    if found > CURRENT_VERSION:
        raise StoreError(
            f"{path}: database schema version {found} is newer than this quotetrack supports "
            f"({CURRENT_VERSION}); upgrade quotetrack to open it"
        )


def version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, path: Path) -> int:
    """Bring the schema to CURRENT_VERSION; returns the version the file had before."""
    found = version(db)
    _refuse_newer(found, path)
    if 0 < found < CURRENT_VERSION:
        _backup(db, path.with_name(f"{path.name}.bak-v{found}"))
    for number, migration in enumerate(MIGRATIONS, start=1):
        if number > found:
            write(db, lambda: _apply(db, number, migration), path)
    return found


def _backup(db: sqlite_utils.Database, backup: Path) -> None:
    """A copy of the database, written under a name of its own and then renamed: two processes opening the same old
    file at once (a writer and a query, say) each write whole copies instead of one file together."""
    partial = backup.with_name(f"{backup.name}.{os.getpid()}.partial")
    target = sqlite3.connect(str(partial))
    try:
        db.conn.backup(target)
    finally:
        target.close()
    os.replace(partial, backup)


def _apply(db: sqlite_utils.Database, number: int, migration: Callable[[sqlite_utils.Database], None]) -> None:
    # another process may have migrated while we waited for the write lock
    if version(db) < number:
        migration(db)
        db.execute(f"PRAGMA user_version = {int(number)}")


def write(db: sqlite_utils.Database, work: Callable[[], T], path: Path | str) -> T:
    """Run `work` in one BEGIN IMMEDIATE transaction, retrying a bounded number of times if the file stays locked.

    Taking the write lock up front means a transaction never fails halfway for lack of it; the busy timeout
    makes each attempt wait for other writers before the retry kicks in.
    """
    if db.conn.in_transaction:
        return work()  # already inside a write transaction: nest in it
    attempt = 1
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                result = work()
                db.execute("COMMIT")
            except BaseException:
                db.rollback()
                raise
            return result
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc):
                raise
            if attempt == LOCK_RETRIES:
                raise StoreError(f"{path}: database stayed locked by another process; try again later") from exc
            time.sleep(0.2 * attempt)
            attempt += 1


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    message = str(exc)
    return "locked" in message or "busy" in message

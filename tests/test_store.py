"""The SQLite store: schema, whole-article transactions, idempotent re-ingest, cross-article dedup, migrations."""
from __future__ import annotations

import ctypes
import json
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import date

import pytest
from dataclasses import replace
from click.testing import CliRunner

from quotetrack import schema
from quotetrack.cli import cli
from quotetrack.models import Article, Statement, Target
from quotetrack.store import Store, StoreError, normalise_quote, statement_id


def make_article(external_id: str, quotes: list[tuple[str, str]], published: date = date(2025, 3, 3), **extra):
    """An article whose text holds each (speaker, quote) as «quote», with statements pointing at them."""
    text, statements = f"Articolo {external_id}.", []
    for speaker, quote in quotes:
        text += f" {speaker} ha detto: «"
        start = len(text)
        text += quote + "»."
        statements.append(
            Statement(external_id, quote, "direct", start, start + len(quote), speaker=speaker,
                      speaker_mention=speaker, cue="ha detto", confidence=0.9)
        )
    return Article(external_id, text, title=f"Titolo {external_id}", published=published, **extra), statements


def counts(store: Store) -> dict[str, int]:
    return {t: store.db.table(t).count for t in ("articles", "statements", "statement_sources", "statement_targets")}


def test_schema_has_tables_foreign_keys_indexes_fts_and_view(db_path):
    with Store(db_path) as store:
        db = store.db
        assert {"articles", "entities", "statements", "statement_sources", "statement_targets"} <= set(
            db.table_names()
        )
        fks = {(fk.column, fk.other_table, fk.other_column) for fk in db.table("statement_sources").foreign_keys}
        assert fks == {("statement", "statements", "id"), ("article", "articles", "uid")}
        assert ("speaker", "entities", "id") in {
            (fk.column, fk.other_table, fk.other_column) for fk in db.table("statements").foreign_keys
        }
        indexed = {tuple(ix.columns) for t in ("statements", "statement_targets") for ix in db.table(t).indexes}
        assert ("speaker", "published") in indexed and ("published",) in indexed and ("entity", "stance") in indexed
        assert db.table("statements").detect_fts() == "statements_fts"
        assert "statements_view" in db.view_names()
        assert db.journal_mode == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert schema.version(db) == schema.CURRENT_VERSION


def test_store_creates_parent_folders(tmp_path):
    path = tmp_path / "nested" / "deeper" / "q.db"
    Store(path).close()
    assert path.exists()


def test_add_stores_article_statements_speakers_and_view(db_path):
    article, statements = make_article("a1", [("Zelenskyj", "Non ci arrenderemo mai"), ("Mario Rossi", "Piove")])
    statements[0] = replace(statements[0], targets=(Target("Russia", "oppose", -0.7, "arrenderemo"),))
    with Store(db_path) as store:
        result = store.add(article, statements)
        assert (result.new, result.statements_added, result.statements_merged) == (True, 2, 0)
        row = store.db.table("articles").get(article.uid)
        assert (row["external_id"], row["published"], row["dated"], row["text"]) == ("a1", "2025-03-03", 1, article.text)
        stored = {r["speaker"]: r for r in store.db.query("SELECT * FROM statements_view")}
        # a KB speaker is stored under its canonical name with its aliases; an unknown one as a new entity
        assert set(stored) == {"Volodymyr Zelensky", "Mario Rossi"}
        zelensky = stored["Volodymyr Zelensky"]
        assert article.text[statements[0].start : statements[0].end] == zelensky["quote"]
        assert "Zelenskyj" in store.db.table("entities").rows_where("name = ?", ["Volodymyr Zelensky"]).__next__()[
            "aliases"
        ]
        target = next(store.db.query(
            "SELECT e.name, t.stance, t.score FROM statement_targets t JOIN entities e ON e.id = t.entity"
        ))
        assert target == {"name": "Russia", "stance": "oppose", "score": -0.7}


def test_reingesting_the_same_article_is_a_no_op(db_path):
    article, statements = make_article("a1", [("Putin", "Andremo avanti")])
    with Store(db_path) as store:
        store.add(article, statements)
        before = counts(store)
        again = store.add(Article("renamed", article.text), statements)  # same text, other file name
        assert (again.new, again.statements_added, again.statements_merged) == (False, 0, 0)
        assert counts(store) == before == {"articles": 1, "statements": 1, "statement_sources": 1,
                                          "statement_targets": 0}


def test_same_quote_in_two_articles_is_one_statement_with_two_sources(db_path):
    first, s1 = make_article("a1", [("Peskov", "«Mosca è pronta al dialogo.»")], published=date(2025, 3, 5))
    second, s2 = make_article("a2", [("Dmitri Peskov", "mosca e  pronta al DIALOGO")], published=date(2025, 3, 2))
    with Store(db_path) as store:
        store.add(first, s1)
        result = store.add(second, s2)
        assert (result.statements_added, result.statements_merged) == (0, 1)
        assert store.db.table("statements").count == 1
        sources = {r["article"] for r in store.db.table("statement_sources").rows}
        assert sources == {first.uid, second.uid}
        # the earlier report becomes the statement's first source
        (row,) = store.db.table("statements").rows
        assert (row["article"], row["published"]) == (second.uid, "2025-03-02")


def test_full_text_index_follows_inserts_updates_deletes_and_other_writers(db_path):
    # quotes are indexed once per write transaction: one added and then updated in the same transaction (the
    # second report is earlier, so its text becomes the quote) is indexed once, with its final text
    first, s1 = make_article("a1", [("Peskov", "Mosca è pronta al dialogo")], published=date(2025, 3, 5))
    second, s2 = make_article("a2", [("Dmitri Peskov", "Mosca è pronta al DIALOGO")], published=date(2025, 3, 2))
    with Store(db_path) as store:
        db = store.db

        def found(word):
            sql = "SELECT s.quote FROM statements_fts JOIN statements s ON s.seq = statements_fts.rowid "
            return [r["quote"] for r in db.query(sql + "WHERE statements_fts MATCH ?", [word])]

        def index_is_consistent():
            db.execute("INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')")
            return True

        store.add_many([(first, s1), (second, s2)])
        assert found("dialogo") == ["Mosca è pronta al DIALOGO"] and index_is_consistent()
        # a row another tool inserts is indexed by the next quotetrack write
        with db.conn:
            db.execute("INSERT INTO statements (id, article, \"start\", \"end\", quote, kind) "
                       "VALUES ('other', ?, 0, 1, 'Frase esterna', 'direct')", [first.uid])
        store.add(*make_article("a3", [("Putin", "Altro")]))
        assert found("esterna") == ["Frase esterna"]
        # updates and deletes of indexed rows keep the index in step
        with db.conn:
            db.execute("UPDATE statements SET quote = 'Frase cambiata' WHERE id = 'other'")
        assert found("esterna") == [] and found("cambiata") == ["Frase cambiata"] and index_is_consistent()
        with db.conn:
            db.execute("DELETE FROM statements WHERE id = 'other'")
        assert found("cambiata") == [] and index_is_consistent()


def test_quote_normalisation_and_statement_id():
    assert normalise_quote(" «Perché  NO?» ") == "perche no"
    assert statement_id("Putin", "«Perché no?»") == statement_id("putin", "perche   no")
    assert statement_id("Putin", "Perché no") != statement_id("Biden", "Perché no")


def test_a_failing_article_leaves_nothing_and_earlier_articles_remain(db_path, monkeypatch):
    good, good_statements = make_article("good", [("Putin", "Primo")])
    bad, bad_statements = make_article("bad", [("Biden", "Secondo"), ("Mario Rossi", "Terzo")])
    with Store(db_path) as store:
        store.add(good, good_statements)
        real_entity = Store._entity

        def entity_failing_on_rossi(self, name, kind):
            if name == "Mario Rossi":
                raise sqlite3.IntegrityError("simulated failure while inserting an entity")
            return real_entity(self, name, kind)

        monkeypatch.setattr(Store, "_entity", entity_failing_on_rossi)
        with pytest.raises(sqlite3.IntegrityError):
            store.add(bad, bad_statements)
        assert [r["external_id"] for r in store.db.table("articles").rows] == ["good"]
        assert [r["quote"] for r in store.db.table("statements").rows] == ["Primo"]
        assert not list(store.db.query("SELECT * FROM entities WHERE name = 'Joe Biden'"))


def test_add_many_batches_and_keeps_whole_articles_before_a_failure(db_path, monkeypatch):
    items = [make_article(f"a{i}", [("Putin", f"Frase {i}")]) for i in range(5)]
    with Store(db_path) as store:
        results = store.add_many(items[:3], batch=2)
        assert [r.new for r in results] == [True, True, True]
        broken_article, broken_statements = make_article("broken", [("Putin", "x")])
        broken_statements[0] = replace(broken_statements[0], quote=None)  # NOT NULL quote: fails after the article row
        with pytest.raises(StoreError, match="broken: could not store article"):
            store.add_many([items[3], (broken_article, broken_statements), items[4]], batch=10)
        assert sorted(r["external_id"] for r in store.db.table("articles").rows) == ["a0", "a1", "a2", "a3"]
        assert store.db.table("statements").count == 4


def test_an_entity_created_by_a_rolled_back_article_is_created_again_later(db_path):
    # entity ids are remembered within one transaction: a rolled-back one must not leave a stale id behind
    broken_article, broken_statements = make_article("broken", [("Gianni Nuovo", "Prima"), ("Putin", "x")])
    broken_statements[1] = replace(broken_statements[1], quote=None)  # fails after "Gianni Nuovo" got an entity row
    later = make_article("later", [("Gianni Nuovo", "Dopo")])
    with Store(db_path) as store:
        with pytest.raises(StoreError):
            store.add_many([(broken_article, broken_statements)])
        assert not list(store.db.query("SELECT * FROM entities WHERE name = 'Gianni Nuovo'"))
        store.add_many([later])
        rows = list(store.db.query("SELECT e.name FROM statements s JOIN entities e ON e.id = s.speaker"))
        assert rows == [{"name": "Gianni Nuovo"}]


def test_a_file_that_is_not_sqlite_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text, not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.db: cannot open as a quotetrack database"):
        Store(path)


def test_missing_database_is_refused_when_not_creating(db_path):
    with pytest.raises(StoreError, match="no database at .* run quotetrack ingest first"):
        Store(db_path, create=False)
    assert not db_path.exists()


def write_version_1(db_path):
    db = schema.connect(db_path)
    schema.MIGRATIONS[0](db)  # the version-1 schema: no full-text index, no view
    db.execute("PRAGMA user_version = 1")
    article, statements = make_article("old", [("Putin", "Una frase antica")])
    db.table("articles").insert({"uid": article.uid, "external_id": "old", "text": article.text,
                                 "ingested_at": "2024-01-01T00:00:00+00:00", "published": "2024-01-01"})
    db.execute("INSERT INTO statements (id, article, \"start\", \"end\", quote, kind, published) "
               "VALUES ('s1', ?, 0, 5, 'Una frase antica', 'direct', '2024-01-01')", [article.uid])
    db.conn.commit()
    db.close()


def test_older_database_is_backed_up_and_migrated(db_path):
    write_version_1(db_path)
    with Store(db_path) as store:
        assert store.migrated_from == 1
        assert schema.version(store.db) == schema.CURRENT_VERSION
        assert "statements_view" in store.db.view_names()
        hits = list(store.db.query("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'antica'"))
        assert len(hits) == 1  # rows from before the migration are searchable
    backup = db_path.with_name(db_path.name + ".bak-v1")
    with sqlite3.connect(backup) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_a_query_upgrades_an_older_quotetrack_database_once_then_reads_it(db_path):
    from quotetrack import query

    write_version_1(db_path)
    assert list(query.statements(db_path, search="antica")["quote"]) == ["Una frase antica"]
    assert sorted(p.name for p in db_path.parent.iterdir() if ".bak" in p.name) == [db_path.name + ".bak-v1"]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION


def test_newer_database_is_refused_with_a_clear_message(db_path):
    Store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this quotetrack supports"):
        Store(db_path)


def test_has_article_tells_whether_a_text_is_stored(db_path):
    article, statements = make_article("a1", [("Putin", "Sì")])
    with Store(db_path) as store:
        assert not store.has_article(article.uid)
        store.add(article, statements)
        assert store.has_article(article.uid)


# -- the database as a hostile environment: read-only files, other programs' files, a full disk (issue 16) ---------

QUERIES = (["quotes", "--format", "json"], ["speakers"], ["stance"])


def quotetrack(*args, preexec_fn=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quotetrack", *map(str, args)], capture_output=True, text=True,
                          preexec_fn=preexec_fn, **kwargs)


def without_root_powers() -> None:
    """In the child: a root process loses the power to write files it has no permission for, as any user would."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped from the bounding set
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


RUN_COMMANDS = """
import json, sys
from click.testing import CliRunner
from quotetrack.cli import cli
results = [CliRunner().invoke(cli, args) for args in json.loads(sys.argv[1])]
print(json.dumps([(r.exit_code, r.output) for r in results]))
"""  # several commands in one process without root's powers: one start-up, not one per command


@pytest.mark.skipif(sys.platform != "linux", reason="file modes and capabilities as on Linux")
def test_a_read_only_database_in_a_read_only_folder_can_be_queried(tmp_path):
    folder = tmp_path / "archivio"
    folder.mkdir()
    path = folder / "q.db"
    article, statements = make_article("a1", [("Zelenskyj", "Non ci arrenderemo mai")])
    statements[0] = replace(statements[0], targets=(Target("Russia", "oppose", -0.7, "arrenderemo"),))
    with Store(path) as store:
        store.add(article, statements)
    before = path.read_bytes()
    path.chmod(0o444)
    folder.chmod(0o555)
    out = tmp_path / "w10.html"
    commands = [[*args, "--db", str(path)] for args in QUERIES]
    commands.append(["digest", "--db", str(path), "--week", "2025-W10", "--out", str(out)])
    try:
        done = subprocess.run([sys.executable, "-c", RUN_COMMANDS, json.dumps(commands)], capture_output=True,
                              text=True, preexec_fn=without_root_powers)
        assert done.returncode == 0, done.stderr
        for command, (code, output) in zip(commands, json.loads(done.stdout)):
            assert code == 0 and ("Zelensky" in output or "wrote" in output), (command, output)
        assert "Zelensky" in out.read_text(encoding="utf-8")
        written = quotetrack("ingest", tmp_path / "manca.txt", "--db", path, preexec_fn=without_root_powers)
        assert written.returncode == 1 and "Traceback" not in written.stderr
        assert written.stderr.splitlines()[-1] == f"Error: {path}: read-only database (cannot store articles in it)"
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert path.read_bytes() == before


def test_read_only_commands_leave_another_programs_database_as_it_was(tmp_path):
    path = tmp_path / "altro.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE appunti (testo TEXT)")
        conn.execute("INSERT INTO appunti VALUES ('da non toccare')")
    conn.close()
    before = path.read_bytes()
    for args in QUERIES:
        done = CliRunner().invoke(cli, [*args, "--db", str(path)])
        assert done.exit_code == 1
        assert done.stderr.strip() == f"Error: {path}: not a quotetrack database (no quotetrack tables in it)"
    assert path.read_bytes() == before  # no table added, journal mode unchanged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["altro.db"]


def test_queries_never_create_tables_in_a_new_or_empty_file(tmp_path):
    empty = tmp_path / "vuoto.db"
    empty.write_bytes(b"")
    done = CliRunner().invoke(cli, ["speakers", "--db", str(empty)])
    assert done.exit_code == 1 and "empty database" in done.stderr
    assert empty.read_bytes() == b""
    assert CliRunner().invoke(cli, ["quotes", "--db", str(tmp_path / "nuovo.db")]).exit_code == 1
    assert not (tmp_path / "nuovo.db").exists()


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs RLIMIT_FSIZE")
def test_a_full_disk_is_one_line_and_keeps_what_was_stored(tmp_path):
    import resource

    db = tmp_path / "q.db"
    first = tmp_path / "primo"
    first.mkdir()
    (first / "a.txt").write_text("«Resteremo uniti», ha detto Antonio Tajani.\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["ingest", str(first), "--db", str(db), "--engine", "builtin"]).exit_code == 0
    many = tmp_path / "molti.jsonl"
    many.write_text("".join(
        json.dumps({"id": f"n{i}", "text": f"«Frase numero {i} sul porto di Genova», ha detto il sindaco {i}. " * 20})
        + "\n" for i in range(300)))
    limit = db.stat().st_size  # no file may grow past the database's present size: the disk is full

    def full_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = quotetrack("ingest", many, "--db", db, "--engine", "builtin", preexec_fn=full_disk)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "Error" not in done.stderr.replace(errors[0], ""), done.stderr
    line = errors[0]
    assert line.startswith(f"Error: {db}: cannot write to the database (") and "what was stored before is kept" in line
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT external_id FROM articles").fetchall() == [("a",)]

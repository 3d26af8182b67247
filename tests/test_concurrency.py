"""Several processes on one database: concurrent writers with a reader, and a writer killed mid-batch."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap

from quotetrack import query
from quotetrack.store import Store

# A writer process: stores COUNT articles named PREFIX-i, each with a statement of its own and one that every
# writer shares, BATCH articles per transaction, printing a line after each committed batch.
WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from quotetrack.models import Article, Statement
    from quotetrack.store import Store

    path, prefix, count, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

    def article(i):
        own, shared = f"Frase {prefix} numero {i}", f"Frase comune numero {i}"
        text = f"Putin ha detto: «{own}». Poi: «{shared}». Lavrov: «{own}»."
        statements = [
            Statement(prefix, quote, "direct", text.index(quote), text.index(quote) + len(quote), speaker=speaker)
            for quote, speaker in ((own, "Putin"), (shared, "Putin"), (own, "Lavrov"))
        ]
        return Article(f"{prefix}-{i}", text, published=date(2025, 1, 1 + i % 28)), statements

    with Store(path) as store:
        for start in range(0, count, batch):
            store.add_many([article(i) for i in range(start, min(count, start + batch))], batch=batch)
            print(start + batch, flush=True)
    """
)


def start_writer(tmp_path, db_path, prefix, count, batch):
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    return subprocess.Popen(
        [sys.executable, str(script), str(db_path), prefix, str(count), str(batch)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_two_writers_and_a_reader_lose_nothing(tmp_path, db_path):
    writers = [start_writer(tmp_path, db_path, prefix, 120, 8) for prefix in ("alfa", "beta")]
    reads = 0
    while any(w.poll() is None for w in writers):
        if db_path.exists():
            try:
                query.statements(db_path, speaker="putin", limit=20)
                reads += 1
            except Exception as exc:  # the store may not be created yet; anything else is a failure
                assert "no database" in str(exc) or "empty database" in str(exc), exc
    outputs = [w.communicate() for w in writers]
    for writer, (out, err) in zip(writers, outputs):
        assert writer.returncode == 0, err
        assert "locked" not in err
    assert reads > 0
    with Store(db_path) as store:
        counts = {t: store.db.table(t).count for t in ("articles", "statements", "statement_sources")}
        # per article: its own quote by Putin and by Lavrov, plus a quote shared with the other writer
        assert counts == {"articles": 240, "statements": 2 * 240 + 120, "statement_sources": 3 * 240}
        shared = query.statements(store, search="comune numero 7")
        assert len(shared) == 1 and len(shared.iloc[0]["sources"]) == 2


def test_killed_writer_leaves_whole_articles_and_a_rerun_completes(tmp_path, db_path):
    writer = start_writer(tmp_path, db_path, "kill", 1500, 20)
    for _ in range(3):  # three batches committed, the next ones under way
        assert writer.stdout.readline(), writer.stderr.read()
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert 60 <= stored < 1500
        partial = conn.execute(
            "SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM statement_sources s"
            " WHERE s.article = a.uid) != 3"
        ).fetchone()[0]
        assert partial == 0
        assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 3 * stored

    rerun = start_writer(tmp_path, db_path, "kill", 1500, 500)
    _, err = rerun.communicate()
    assert rerun.returncode == 0, err
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1500
        assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 4500
        assert conn.execute("SELECT count(*) FROM statement_sources").fetchone()[0] == 4500

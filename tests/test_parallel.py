"""Parallel and distributed ingest give exactly what a sequential ingest gives: same articles, statements, targets.

Worker pools and the Dask cluster are real (processes started with forkserver/spawn); inputs are a handful of articles
so the whole file runs in seconds. Dask tests share one LocalCluster and carry the `dask` mark.
"""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrack.models import Article, ReadFailure, Statement, Target
from quotetrack.parallel import ingest_parallel
from quotetrack.ingest import read_paths
from quotetrack.pipeline import IngestReport, process
from quotetrack.store import Store

ARTICLES = {
    "vertice.txt": (
        "Vertice a Roma sulla crisi energetica\n\n"
        "Il ministro Mario Rossi ha dichiarato: «La Francia ha tradito gli accordi sull'energia». "
        "Secondo Rossi, la Germania ha invece mantenuto ogni impegno preso con l'Italia.\n\n"
        "«Con Berlino lavoriamo bene», ha aggiunto il ministro."
    ),
    "sanzioni.txt": (
        "Sanzioni, la replica di Mosca\n\n"
        "Il portavoce Dmitry Peskov ha detto che le sanzioni americane sono «un errore grave». "
        "«Gli Stati Uniti non capiscono la situazione», ha affermato Peskov ai giornalisti."
    ),
    "scuola.txt": (
        "Scuola, nuove regole dal prossimo anno\n\n"
        "La preside Anna Bianchi ha spiegato che le nuove regole aiuteranno gli studenti. "
        "«È una riforma attesa da anni», ha commentato Bianchi."
    ),
    "porto.txt": (
        "Il porto di Genova chiude per sciopero\n\n"
        "Secondo il sindacalista Luca Verdi, i lavoratori chiedono soltanto rispetto. "
        "«Non ci fermeremo finché l'azienda non ci ascolterà», ha detto Verdi."
    ),
    "meteo.txt": "Allerta meteo in Liguria\n\nPiogge intense sono previste per domani su tutta la regione.",
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("parallel") / "articles")


def snapshot(db_path: Path) -> dict:
    """What a database holds, independent of insertion order."""
    conn = sqlite3.connect(db_path)
    try:
        query = lambda sql: sorted(conn.execute(sql).fetchall())  # noqa: E731
        return {
            "articles": query("SELECT uid, external_id, title, published, text FROM articles"),
            "statements": query("SELECT id, quote, kind FROM statements"),
            "sources": query('SELECT statement, article, "start", "end", cue FROM statement_sources'),
            "targets": query(
                "SELECT st.statement, e.name, st.stance FROM statement_targets st JOIN entities e ON e.id = st.entity"
            ),
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def sequential(tmp_path_factory, corpus):
    """The reference: every article of the corpus processed and stored one at a time, by hand."""
    path = tmp_path_factory.mktemp("sequential") / "sequential.db"
    report = IngestReport()
    with Store(path) as store:
        for done in process(a for a in read_paths([str(corpus)]) if isinstance(a, Article)):
            store.add(done.article, done.statements)
            report.new += 1
            report.statements += len(done.statements)
    assert report.statements > 0, "the sample articles should yield statements, or these tests compare nothing"
    return report, snapshot(path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_ingest_stores_what_sequential_ingest_stores(tmp_path, corpus, sequential, jobs):
    reference_report, reference = sequential
    path = tmp_path / f"jobs{jobs}.db"
    with Store(path) as store:
        report = ingest_parallel([str(corpus)], store, jobs=jobs, engine="builtin")
    assert (report.new, report.already_stored, report.failed, report.statements) == (
        reference_report.new, 0, 0, reference_report.statements,
    ), [str(f) for f in report.failures]
    assert snapshot(path) == reference


def test_ingesting_again_is_a_no_op(tmp_path, corpus):
    path = tmp_path / "again.db"
    with Store(path) as store:
        ingest_parallel([str(corpus)], store, jobs=2, engine="builtin")
    before = snapshot(path)
    with Store(path) as store:
        report = ingest_parallel([str(corpus)], store, jobs=2, engine="builtin")
    assert (report.new, report.already_stored, report.statements) == (0, len(ARTICLES), 0)
    assert snapshot(path) == before


def test_report_is_exact_with_failures_and_duplicates(tmp_path):
    corpus = write_corpus(tmp_path / "articles")
    (corpus / "copia.txt").write_text(ARTICLES["vertice.txt"], encoding="utf-8")  # same text, other name
    (corpus / "rotto.json").write_text("{non è json", encoding="utf-8")
    failures, done = [], []
    with Store(tmp_path / "mixed.db") as store:
        report = ingest_parallel(
            [str(corpus)], store, jobs=2, engine="builtin", on_failure=failures.append, progress=done.append
        )
    assert (report.new, report.already_stored, report.failed) == (len(ARTICLES), 1, 1)
    assert len(failures) == 1 and isinstance(failures[0], ReadFailure) and "rotto.json" in str(failures[0])
    assert sum(done) == len(ARTICLES) + 2  # every input counted once: stored, duplicate or failed


def test_jobs_must_be_at_least_one(tmp_path, corpus):
    with Store(tmp_path / "x.db") as store, pytest.raises(ValueError, match="at least 1"):
        ingest_parallel([str(corpus)], store, jobs=0)


# -- Parquet partitions ----------------------------------------------------------------------------------------------


def test_partition_round_trip_keeps_every_field(tmp_path):
    pytest.importorskip("pyarrow")
    from datetime import date

    from quotetrack.distributed import read_partition, write_partition

    quoted = Article("a1", "Rossi ha detto: «Ottimo lavoro».", title="T", published=date(2025, 3, 4), source="S")
    silent = Article("a2", "Nessuno ha parlato.")  # undated
    statements = [
        Statement("a1", "Ottimo lavoro", "direct", 17, 30, speaker="Mario Rossi", cue="ha detto", confidence=0.9,
                  targets=(Target("Italia", "support", 0.8, "Ottimo", "country"), Target("Francia")),
                  cue_start=6, cue_end=14, speaker_start=0, speaker_end=5),
        Statement("a1", "altro", "indirect", 0, 5),
    ]
    path = write_partition(tmp_path, [(quoted, statements), (silent, [])])
    assert path.name.startswith("part-") and path.suffix == ".parquet"
    assert read_partition(path) == [(quoted, statements), (silent, [])]


def test_load_of_a_missing_folder_is_one_clear_sentence(tmp_path):
    pytest.importorskip("pyarrow")
    from quotetrack.cli import cli
    from quotetrack.cli import scale_cmds  # noqa: F401  (registers `load` until the lead wires it in)

    result = CliRunner().invoke(cli, ["load", str(tmp_path / "nowhere"), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    assert "nowhere: no such folder" in result.output and "Traceback" not in result.output


# -- Dask ------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scheduler():
    """One small local cluster for the module: starting one takes seconds."""
    pytest.importorskip("dask.distributed")
    pytest.importorskip("pyarrow")
    from dask.distributed import LocalCluster

    with LocalCluster(processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.dask
def test_dask_ingest_stores_what_sequential_ingest_stores(tmp_path, corpus, sequential, scheduler):
    from quotetrack.distributed import ingest_dask

    reference_report, reference = sequential
    path = tmp_path / "dask.db"
    with Store(path) as store:
        report = ingest_dask([str(corpus)], store, scheduler=scheduler, engine="builtin", partition_size=2)
    assert (report.new, report.statements) == (reference_report.new, reference_report.statements)
    assert snapshot(path) == reference


@pytest.mark.dask
def test_parquet_partitions_load_into_the_same_database(tmp_path, corpus, sequential, scheduler):
    from quotetrack.cli import cli
    from quotetrack.cli import scale_cmds  # noqa: F401
    from quotetrack.distributed import ingest_dask, load_parquet

    reference_report, reference = sequential
    parts = tmp_path / "parts"
    report = ingest_dask([str(corpus)], scheduler=scheduler, out_parquet=parts, engine="builtin", partition_size=2)
    assert (report.new, report.statements) == (reference_report.new, reference_report.statements)
    assert len(list(parts.glob("*.parquet"))) == 3  # 5 articles in partitions of 2

    path = tmp_path / "loaded.db"
    with Store(path) as store:
        loaded = load_parquet(parts, store)
    assert (loaded.new, loaded.statements) == (reference_report.new, reference_report.statements)
    assert snapshot(path) == reference

    again = CliRunner().invoke(cli, ["load", str(parts), "--db", str(path), "--no-progress"])
    assert again.exit_code == 0, again.output
    assert f"0 new, {reference_report.new} already stored" in again.output
    assert snapshot(path) == reference


@pytest.mark.dask
def test_a_damaged_partition_is_reported_and_the_rest_loaded(tmp_path, corpus, scheduler):
    from quotetrack.distributed import ingest_dask, load_parquet

    parts = tmp_path / "parts"
    written = ingest_dask([str(corpus)], scheduler=scheduler, out_parquet=parts, engine="builtin", partition_size=2)
    (parts / "part-broken.parquet").write_bytes(b"not parquet at all")
    failures = []
    with Store(tmp_path / "partial.db") as store:
        report = load_parquet(parts, store, on_failure=failures.append)
    assert (report.new, report.failed) == (written.new, 1)
    assert "part-broken.parquet" in str(failures[0]) and "not a readable Parquet file" in str(failures[0])


# -- workers end with their parent (issue 16) -----------------------------------------------------------------------


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc (a worker's parent is the forkserver, itself a child of `pid`)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended while we looked
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":  # a zombie has ended; only its parent has not collected it yet
            living.add(pid)
    return living


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_workers_end_when_the_ingesting_parent_is_killed(tmp_path, how):
    feed = tmp_path / "archivio.jsonl"
    texts = list(ARTICLES.values())
    feed.write_text("".join(json.dumps({"id": f"a{i}", "text": f"{texts[i % len(texts)]} Numero {i}."}) + "\n"
                            for i in range(10_000)), encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, "-m", "quotetrack", "ingest", str(feed), "--jobs", "2", "--engine", "builtin",
         "--no-progress", "--db", str(tmp_path / "q.db")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    for _ in range(300):  # the forkserver and two workers, once they have started
        workers = descendants(parent.pid)
        if len(workers) >= 3 or parent.poll() is not None:
            break
        time.sleep(0.05)
    assert parent.poll() is None and len(workers) >= 3, "the ingest ended before its workers could be seen"
    parent.send_signal(how)
    parent.wait()
    for _ in range(200):
        if not alive(workers):
            break
        time.sleep(0.05)
    assert not alive(workers), f"still running after their parent was killed: {sorted(alive(workers))}"

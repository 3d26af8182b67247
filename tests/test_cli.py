"""The analysing commands end to end: ingest, extract, demo, evaluate --corpus (built-in engine, real SQLite)."""
import json
import subprocess
import sys

from bs4 import BeautifulSoup
from click.testing import CliRunner

from quotetrack.cli import cli

ARTICLE = """title: Vertice a Bruxelles
date: 2025-03-18

«Non accetteremo nessun ricatto sui dazi», ha dichiarato Ursula von der Leyen al termine del vertice.
Il ministro degli Esteri Antonio Tajani ha sottolineato che l'Italia resta al fianco di Kiev.
"""


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)


def test_ingest_stores_then_reingest_is_a_no_op_and_quotes_finds_the_speaker(tmp_path):
    (tmp_path / "vertice.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "q.db"
    first = run("ingest", tmp_path / "vertice.txt", "--db", db, "--engine", "builtin")
    assert first.exit_code == 0
    assert "1 new, 0 already stored, 0 failed; statements found: 2" in first.output
    again = run("ingest", tmp_path / "vertice.txt", "--db", db, "--engine", "builtin")
    assert "0 new, 1 already stored, 0 failed; statements found: 0" in again.output
    found = json.loads(run("quotes", "--speaker", "von der leyen", "--db", db, "--format", "json").output)
    assert [r["quote"] for r in found] == ["Non accetteremo nessun ricatto sui dazi"]
    assert found[0]["published"] == "2025-03-18"


def test_ingest_reports_a_bad_file_by_name_stores_the_rest_and_exits_1(tmp_path):
    (tmp_path / "vertice.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "rotto.jsonl").write_text('{"id": "a", "text": "Il sindaco ha detto che piove."}\n{rotto\n')
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "q.db"), "--engine", "builtin"])
    assert result.exit_code == 1
    assert "rotto.jsonl" in result.output and "invalid JSON" in result.output
    assert "2 new, 0 already stored, 1 failed" in result.output
    assert "Traceback" not in result.output


def test_extract_prints_the_contract_fields_without_storing(tmp_path):
    (tmp_path / "vertice.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("extract", tmp_path / "vertice.txt", "--engine", "builtin")
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    first = records[0]
    assert list(first)[:10] == [
        "article", "quote", "kind", "speaker", "speaker_mention", "cue", "start", "end", "confidence", "targets"
    ]
    assert (first["article"], first["kind"], first["speaker"]) == ("vertice", "direct", "Ursula von der Leyen")
    assert not list(tmp_path.glob("*.db"))


def test_demo_ingests_the_samples_into_db_and_writes_a_digest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUOTETRACK_DB", raising=False)
    result = run("demo", "--engine", "builtin")
    assert "db/quotetrack.db: articles: 5 new, 0 already stored, 0 failed" in result.output
    digest_line = next(line for line in result.output.splitlines() if line.startswith("digest of "))
    path = tmp_path / digest_line.split(": ", 1)[1]
    assert path.parent == tmp_path / "db" / "digests"
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")
    assert page.find("h1") is not None
    assert "Trump" in page.get_text()


def test_evaluate_runs_the_extractor_on_a_corpus_folder(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "vertice.txt").write_text(ARTICLE, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "article": "vertice", "quote": "Non accetteremo nessun ricatto sui dazi", "kind": "direct",
        "speaker": "Ursula von der Leyen", "targets": [],
    }) + "\n")
    figures = json.loads(run("evaluate", gold, "--corpus", corpus, "--engine", "builtin", "--json").output)
    assert figures["quote_recall"] == 1.0 and figures["speaker_accuracy"] == 1.0
    assert figures["system"] == 2  # Tajani's reported statement is not in this gold


def test_ingest_with_two_jobs_reports_like_one_job(tmp_path):
    for n in range(4):
        (tmp_path / f"v{n}.txt").write_text(ARTICLE.replace("vertice", f"vertice numero {n}"), encoding="utf-8")
    one = run("ingest", tmp_path, "--db", tmp_path / "one.db", "--engine", "builtin")
    two = run("ingest", tmp_path, "--db", tmp_path / "two.db", "--engine", "builtin", "--jobs", "2")
    assert "4 new, 0 already stored, 0 failed; statements found: 8" in one.output
    assert one.output.splitlines()[-1] == two.output.splitlines()[-1]


def test_dask_options_without_dask_engine_are_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "go with --engine dask" in result.output


def test_ingest_into_a_file_that_is_not_a_database_is_one_clear_error(tmp_path):
    (tmp_path / "vertice.txt").write_text(ARTICLE, encoding="utf-8")
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("appunti personali, non un database\n" * 100)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "vertice.txt"), "--db", str(not_a_db)])
    assert result.exit_code == 1
    assert "Error:" in result.output and "Traceback" not in result.output
    assert not_a_db.read_text().startswith("appunti personali")  # untouched


def test_the_cli_starts_without_pandas_or_sqlite_utils():
    """Half a second of imports that `extract` and `--help` never use: loaded by the commands that need them."""
    code = "import sys, quotetrack.cli; print(sorted({'pandas', 'sqlite_utils', 'torch'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

"""The analysing commands end to end: ingest, extract, demo, evaluate --corpus (built-in engine, real SQLite)."""
import json
import sqlite3
import subprocess
import sys

import pytest

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


def test_the_reading_commands_name_the_database_when_sqlite_fails(tmp_path):
    (tmp_path / "vertice.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "q.db"
    run("ingest", tmp_path / "vertice.txt", "--db", db, "--engine", "builtin")
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE statement_targets")
    for command in (["quotes"], ["digest", "--week", "2025-W12", "--out", tmp_path / "w.html"]):
        result = run(*command, "--db", db)
        assert result.exit_code == 1
        assert f"Error: {db}: cannot read the database (no such table: statement_targets)" in result.output


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


def test_demo_prints_a_summary_of_several_lines_line_by_line(tmp_path, monkeypatch):
    from quotetrack import ingest

    samples = ingest.sample_paths()
    (tmp_path / "README.md").write_text("# Notes\n", encoding="utf-8")
    monkeypatch.setattr(ingest, "sample_paths", lambda: [*samples, tmp_path / "README.md"])
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUOTETRACK_DB", raising=False)
    lines = run("demo", "--engine", "builtin").output.splitlines()
    assert "db/quotetrack.db: skipped 1 file that is not an article: 1 documentation (README.md)" in lines
    assert any(line.startswith("articles: 5 new, 0 already stored, 0 failed; statements found: ") for line in lines)
    assert not any("\\n" in line for line in lines)


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


# -- what a new user meets in the first hour (issue 16) ---------------------------------------------------------

UNDATED = "«Le tasse non aumenteranno», ha detto Ursula von der Leyen ai cronisti.\n"


def test_an_undated_article_is_stored_without_a_date_and_shown_as_unknown(tmp_path):
    (tmp_path / "senza-data.txt").write_text(UNDATED, encoding="utf-8")
    db = tmp_path / "q.db"
    assert run("ingest", tmp_path / "senza-data.txt", "--db", db, "--engine", "builtin").exit_code == 0
    [record] = json.loads(run("quotes", "--db", db, "--format", "json").output)
    assert record["published"] is None
    assert run("quotes", "--db", db).output.splitlines()[1].startswith("?  ")  # the date column
    assert json.loads(run("quotes", "--db", db, "--undated", "--format", "json").output) == [record]
    assert "No statements found." in run("quotes", "--db", db, "--since", "2000-01-01").output
    # a `date:` header or --date gives the date
    (tmp_path / "con-data.txt").write_text("date: 2025-03-04\n\n" + UNDATED.replace("tasse", "accise"))
    (tmp_path / "forzata.txt").write_text(UNDATED.replace("tasse", "bollette"), encoding="utf-8")
    run("ingest", tmp_path / "con-data.txt", "--db", db, "--engine", "builtin")
    run("ingest", tmp_path / "forzata.txt", "--db", db, "--engine", "builtin", "--date", "2025-03-05")
    dates = {r["quote"].split()[1]: r["published"] for r in json.loads(run("quotes", "--db", db, "--format", "json").output)}
    assert dates == {"bollette": "2025-03-05", "accise": "2025-03-04", "tasse": None}


def test_a_shell_glob_over_a_corpus_reads_the_articles_and_says_what_it_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "001.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "001.entities.json").write_text('[{"text": "Tajani", "label": "PER", "start": 0, "end": 6}]')
    (corpus / "README.md").write_text("# Corpus\n\nArticoli di prova, uno per file.\n")
    (corpus / "LICENSE").write_text("Licenza d'uso del corpus.\n")
    glob = sorted(str(p) for p in corpus.iterdir())  # what `quotetrack ingest corpus/*` receives from the shell
    result = run("ingest", *glob, "--db", tmp_path / "q.db", "--engine", "builtin")
    assert result.exit_code == 0, result.output
    assert ("skipped 3 files that are not articles: 1 sidecar annotations (001.entities.json); "
            "2 documentation (LICENSE, …)") in result.output
    assert "1 new, 0 already stored, 0 failed" in result.output


def test_a_mostly_utf8_file_with_a_stray_byte_stays_utf8_with_a_warning(tmp_path):
    path = tmp_path / "quasi.txt"
    path.write_bytes(ARTICLE.replace("resta", "è già").encode("utf-8") + b"\xe8\n")
    result = run("ingest", path, "--db", tmp_path / "q.db", "--engine", "builtin")
    assert result.exit_code == 0
    assert f"Warning: {path}: 1 invalid UTF-8 sequence (the first at byte" in result.stderr
    [text] = sqlite3.connect(tmp_path / "q.db").execute("SELECT text FROM articles").fetchone()
    assert "è già" in text and "Ã" not in text and text.endswith("\ufffd")


def test_help_errors_and_empty_results_read_the_same_everywhere(tmp_path):
    assert run("-h").exit_code == 0 and run("quotes", "-h").output.startswith("Usage: ")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "manca.txt"), "--format", "table",
                                      "--engine", "builtin"])
    assert result.exit_code == 1
    assert result.stdout == ""  # no table header before (or after) the error
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'manca.txt'}: not found", "No statements found."]


def test_speakers_and_stance_take_a_limit_and_stance_is_a_matrix(tmp_path):
    (tmp_path / "vertice.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "q.db"
    run("ingest", tmp_path / "vertice.txt", "--db", db, "--engine", "builtin")
    assert len(json.loads(run("speakers", "--db", db, "--limit", "1", "--format", "json").output)) == 1
    matrix = run("stance", "--db", db, "--value", "n").output.splitlines()
    assert matrix[0].split()[0] == "speaker" and len(matrix) >= 2  # a header of targets, a row per speaker
    pairs = json.loads(run("stance", "--db", db, "--pairs", "--limit", "1", "--format", "json").output)
    assert len(pairs) == 1 and set(pairs[0]) == {"speaker", "target", "support", "oppose", "neutral", "n",
                                                 "mean_score"}


def test_quotes_and_extract_name_their_fields_alike_and_invent_no_outlet(tmp_path):
    (tmp_path / "vertice.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "q.db"
    run("ingest", tmp_path / "vertice.txt", "--db", db, "--engine", "builtin")
    stored = json.loads(run("quotes", "--db", db, "--format", "json").output)[0]
    extracted = json.loads(run("extract", tmp_path / "vertice.txt", "--engine", "builtin").output.splitlines()[0])
    shared = {"article", "quote", "kind", "speaker", "speaker_mention", "cue", "targets"}
    assert shared <= set(stored) and shared <= set(extracted)
    assert stored["article"] == extracted["article"] == "vertice"
    assert stored["source"] is None
    header, *lines = run("quotes", "--db", db).output.splitlines()
    column = header.index("source")
    assert [line[column:].split()[0] for line in lines] == ["?", "?"]  # the file name is not an outlet


def test_every_command_that_prints_rows_takes_every_registered_format(tmp_path):
    from quotetrack.cli.output import FORMATS

    (tmp_path / "vertice.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "q.db"
    run("ingest", tmp_path / "vertice.txt", "--db", db, "--engine", "builtin")
    commands = [["quotes"], ["speakers"], ["stance"], ["stance", "--pairs"]]
    for name in FORMATS:
        for command in commands:
            result = run(*command, "--db", db, "--format", name)
            assert result.exit_code == 0 and result.stdout.strip(), (command, name, result.output)
        result = run("extract", tmp_path / "vertice.txt", "--engine", "builtin", "--format", name)
        assert result.exit_code == 0 and "Ursula von der Leyen" in result.stdout, (name, result.output)
    csv_stance = run("stance", "--db", db, "--pairs", "--format", "csv").stdout
    assert all(len(value.split(".")[-1]) <= 3 for value in csv_stance.replace("\n", ",").split(",")
               if value.lstrip("-").replace(".", "", 1).isdigit())  # no float noise: at most 3 decimals


def test_escape_sequences_in_articles_and_file_names_never_reach_the_terminal(tmp_path):
    hostile = ("«Votate \x1b]0;pwned\x07 per noi \x1b[2J adesso», ha detto Antonio Tajani ai cronisti.\n"
               + ARTICLE)  # enough text around the three control characters not to look binary
    (tmp_path / "ostile.txt").write_text(hostile, encoding="utf-8")
    bad_name = tmp_path / "rotto\n\x1b[31mrosso.txt"
    bad_name.write_bytes(b"")
    db = tmp_path / "q.db"
    result = run("ingest", tmp_path, "--db", db, "--engine", "builtin")
    assert "\x1b" not in result.output
    [error] = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert error == f"Error: {tmp_path}/rotto\\n\\x1b[31mrosso.txt: empty file"  # one line, escaped
    for fmt in ("table", "json", "jsonl"):
        shown = run("quotes", "--db", db, "--format", fmt).output
        assert "Votate" in shown and "\x1b" not in shown and "\x07" not in shown, fmt
    assert "\x1b" not in run("extract", tmp_path / "ostile.txt", "--engine", "builtin", "--format", "table").output
    assert "\x1b" not in run("quotes", "--db", tmp_path / "non\x1b[2Jesiste.db").output


def test_a_kb_alias_given_at_ingest_finds_the_speaker_later(tmp_path):
    kb = tmp_path / "persone.yaml"
    kb.write_text("entities:\n  - name: Lucia Ferraresi\n    aliases: [Ferraresi, la Ferraresi, L. Ferraresi]\n")
    (tmp_path / "a.txt").write_text("«Il porto riaprirà presto», ha detto Lucia Ferraresi.\n", encoding="utf-8")
    db = tmp_path / "q.db"
    run("ingest", tmp_path / "a.txt", "--db", db, "--engine", "builtin", "--kb", kb)
    found = json.loads(run("quotes", "--db", db, "--speaker", "L. Ferraresi", "--format", "json").output)
    assert [r["speaker"] for r in found] == ["Lucia Ferraresi"]


def test_the_progress_bar_knows_its_total_and_nothing_is_printed_onto_it(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"v{n}.txt").write_text(ARTICLE.replace("vertice", f"vertice numero {n}"), encoding="utf-8")
    (corpus / "feed.jsonl").write_text('{"text": "«Uno», ha detto Rossi."}\n\n{"text": "«Due», ha detto Rossi."}\n')
    (corpus / "vuoto.txt").write_bytes(b"")  # a failure counts as done too
    result = subprocess.run(  # a process of its own: the engine line is said once per process
        [sys.executable, "-m", "quotetrack", "ingest", str(corpus), "--db", str(tmp_path / "q.db"), "--engine",
         "builtin", "--progress"], capture_output=True)
    stderr = result.stderr.decode("utf-8")  # as bytes: text mode would turn the bar's \r into \n
    lines = stderr.split("\n")
    assert lines[0] == "engine: builtin"  # said before the bar starts, on a line of its own
    frames = [frame for line in lines[1:] for frame in line.split("\r") if "%|" in frame]
    assert frames[0].lstrip().startswith("0%") and "0/6" in frames[0]
    assert frames[-1].lstrip().startswith("100%") and "6/6" in frames[-1]
    assert f"\rError: {corpus / 'vuoto.txt'}: empty file\n" in stderr  # the bar cleared, not written onto


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_csv_to_a_terminal_is_escaped_and_csv_to_a_file_is_exact(tmp_path):
    import os
    import pty

    hostile = "«Votate \x1b[2J per noi», ha detto Antonio Tajani ai cronisti.\n" + ARTICLE
    (tmp_path / "ostile.txt").write_text(hostile, encoding="utf-8")
    db = tmp_path / "q.db"
    run("ingest", tmp_path / "ostile.txt", "--db", db, "--engine", "builtin")
    assert "Votate \x1b[2J per noi" in run("quotes", "--db", db, "--format", "csv").stdout  # a file: exact
    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "quotetrack", "quotes", "--db", str(db), "--format", "csv"],
                          stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    shown = b""
    while chunk := _read_some(leader):
        shown += chunk
    os.close(leader)
    assert done.returncode == 0, done.stderr
    assert b"Votate \\x1b[2J per noi" in shown and b"\x1b" not in shown


def _read_some(fd: int) -> bytes:
    import os

    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the terminal's other end is closed and everything has been read
        return b""

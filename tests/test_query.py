"""Querying the store: alias-aware filters, full-text search, speaker counts, the stance matrix and the CLI."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from dataclasses import replace
from click.testing import CliRunner

from quotetrack import query
from quotetrack.cli import cli
from quotetrack.models import Target
from quotetrack.store import Store
from test_store import make_article


@pytest.fixture()
def store(db_path):
    """Three articles over two weeks: Zelensky, Peskov and Putin talking about each other."""
    a1, s1 = make_article("kyiv", [("Zelenskyj", "Non ci arrenderemo mai"), ("Peskov", "Il dialogo è possibile")],
                          published=date(2025, 3, 3), source="La Milano", url="https://example.org/kyiv")
    s1[0] = replace(s1[0], targets=(Target("Russia", "oppose", -0.8, "arrenderemo"),))
    s1[1] = replace(s1[1], targets=(Target("Volodymyr Zelensky", "support", 0.4, "dialogo"),))
    a2, s2 = make_article("mosca", [("Putin", "La Russia non cederà"), ("Dmitri Peskov", "Nessun commento")],
                          published=date(2025, 3, 10), source="Il Corriere")
    s2[0] = replace(s2[0], targets=(Target("Ucraina", "oppose", -0.6, "non cederà"),))
    s2[1] = replace(s2[1], kind="indirect")
    a3, s3 = make_article("ripresa", [("Zelensky", "non ci arrenderemo MAI!")], published=date(2025, 3, 11))
    s3[0] = replace(s3[0], targets=(Target("Russia", "oppose", -0.4, "arrenderemo"),))
    with Store(db_path) as opened:
        opened.add_many([(a1, s1), (a2, s2), (a3, s3)])
        yield opened


def quotes_of(frame) -> list[str]:
    return list(frame["quote"])


def test_statements_follow_the_query_contract(store):
    frame = query.statements(store)
    assert list(frame.columns) == query.STATEMENT_COLUMNS
    assert list(frame["published"]) == [date(2025, 3, 10), date(2025, 3, 10), date(2025, 3, 3), date(2025, 3, 3)]
    zelensky = frame[frame["speaker"] == "Volodymyr Zelensky"].iloc[0]
    assert zelensky["article"] == "kyiv" and zelensky["source"] == "La Milano"
    assert [s["article"] for s in zelensky["sources"]] == ["kyiv", "ripresa"]
    assert zelensky["sources"][1]["published"] == date(2025, 3, 11)
    assert zelensky["targets"] == [{"entity": "Russia", "stance": "oppose", "score": -0.8, "evidence": "arrenderemo"}]
    assert frame[frame["speaker"] == "Vladimir Putin"].iloc[0]["url"] is None  # None, not NaN


@pytest.mark.parametrize("name", ["zelenskyj", "ZELENSKY", "Volodymyr Zelensky", "zelenskij"])
def test_speaker_matches_any_alias_case_and_accents(store, name):
    assert quotes_of(query.statements(store, speaker=name)) == ["Non ci arrenderemo mai"]


@pytest.mark.parametrize("name", ["Dmitri Peskov", "peskov", "Dmitry Peskov", "PESKOV"])
def test_peskov_aliases(store, name):
    assert quotes_of(query.statements(store, speaker=name)) == ["Nessun commento", "Il dialogo è possibile"]


def test_unknown_speaker_matches_nothing(store):
    assert query.statements(store, speaker="Nessuno Mai Visto").empty


def test_target_stance_kind_and_date_filters(store):
    assert quotes_of(query.statements(store, target="Federazione Russa")) == ["Non ci arrenderemo mai"]
    assert quotes_of(query.statements(store, target="zelenskyj", stance="support")) == ["Il dialogo è possibile"]
    assert query.statements(store, target="Russia", stance="support").empty
    assert quotes_of(query.statements(store, stance="oppose")) == ["La Russia non cederà", "Non ci arrenderemo mai"]
    assert quotes_of(query.statements(store, kind="indirect")) == ["Nessun commento"]
    assert len(query.statements(store, since="2025-03-04")) == 2
    assert len(query.statements(store, until=date(2025, 3, 3))) == 2
    assert query.statements(store, since="2025-03-11").empty  # dated by the earliest source
    assert len(query.statements(store, limit=3)) == 3
    with pytest.raises(query.QueryError, match="invalid date"):
        query.statements(store, since="3 marzo")
    with pytest.raises(query.QueryError, match="invalid stance"):
        query.statements(store, stance="angry")


def test_min_confidence_keeps_the_statements_whose_speaker_the_engine_is_sure_of(db_path):
    article, said = make_article("sure", [("Peskov", "Il dialogo è possibile"), ("Putin", "Nessun commento")],
                                 published=date(2025, 3, 3))
    said = [replace(said[0], confidence=0.92), replace(said[1], confidence=0.41)]
    with Store(db_path) as opened:
        opened.add(article, said)
    assert quotes_of(query.statements(db_path, min_confidence=0.85)) == ["Il dialogo è possibile"]
    assert len(query.statements(db_path, min_confidence=0.4)) == 2
    result = run("quotes", "--min-confidence", "0.85", "--format", "jsonl", "--db", str(db_path))
    assert [json.loads(line)["speaker"] for line in result.output.splitlines()] == ["Dmitry Peskov"]
    assert run("quotes", "--min-confidence", "1.5", "--db", str(db_path)).exit_code == 2


def test_the_quotes_table_shows_the_confidence_and_marks_an_uncertain_speaker(db_path):
    article, said = make_article("dubbio", [("Mario Rossi", "Il bilancio è in ordine"),
                                            ("Anna Neri", "Il bilancio va rifatto")], published=date(2025, 3, 3))
    said = [replace(said[0], confidence=0.92), replace(said[1], confidence=0.41)]
    with Store(db_path) as opened:
        opened.add(article, said)
    header, *lines = run("quotes", "--db", str(db_path)).output.splitlines()
    column = header.index("confidence")
    cells = {line.split("  ")[-1].strip(): line[column:].split("  ")[0] for line in lines}
    assert cells == {"Il bilancio è in ordine": "0.92", "Il bilancio va rifatto": "0.41 uncertain"}


def test_search_is_full_text_accent_insensitive_and_safe(store):
    assert quotes_of(query.statements(store, search="cedera")) == ["La Russia non cederà"]
    assert quotes_of(query.statements(store, search="dialogo possibile")) == ["Il dialogo è possibile"]
    # FTS syntax typed by a user is searched as words, never a raw sqlite error
    assert query.statements(store, search='"unbalanced').empty
    assert query.statements(store, search="AND OR").empty
    assert quotes_of(query.statements(store, search="NOT commento")) == []
    with pytest.raises(query.QueryError, match="invalid search"):
        query.statements(store, search='"')


@pytest.mark.parametrize("hostile", ["x' OR '1'='1", "'; DROP TABLE statements; --", "%", "_"])
def test_names_and_filters_are_parameters_never_sql(store, hostile):
    for filters in ({"speaker": hostile}, {"target": hostile}):
        assert query.statements(store, **filters).empty
    assert query.statements(store, search=hostile).empty
    assert len(query.statements(store)) == 4  # nothing dropped, nothing widened (5 reports, one deduplicated)


def test_query_accepts_a_path_or_a_database(store, db_path):
    assert len(query.statements(db_path, speaker="putin")) == 1
    assert len(query.statements(store.db, speaker="putin")) == 1


def test_several_speakers_match_any_of_them(store):
    assert quotes_of(query.statements(store, speaker=["putin", "zelenskyj"])) == [
        "La Russia non cederà", "Non ci arrenderemo mai"]
    assert query.statements(store, speaker=[]).empty


def test_statement_rows_are_the_statements_as_plain_dicts(store):
    rows = query.statement_rows(store, speaker="peskov")
    assert rows == query.statements(store, speaker="peskov").to_dict("records")
    assert [row["quote"] for row in rows] == ["Nessun commento", "Il dialogo è possibile"]
    assert rows[1]["targets"] == [
        {"entity": "Volodymyr Zelensky", "stance": "support", "score": 0.4, "evidence": "dialogo"}]


def test_sources_and_targets_of_many_statements_come_back_complete(db_path):
    """More statements than any IN (...) list would take: each keeps exactly its own sources and targets."""
    pairs = [(f"Persona {i}", f"Frase numero {i} sul governo") for i in range(1200)]
    article, said = make_article("molte", pairs, published=date(2025, 4, 1))
    said = [replace(statement, targets=(Target("Russia", "oppose", -0.1 * (i % 10)),)) for i, statement in enumerate(said)]
    with Store(db_path) as store:
        store.add(article, said)
        rows = query.statement_rows(store)
    assert len(rows) == 1200
    assert all(len(row["sources"]) == 1 and row["sources"][0]["article"] == "molte" for row in rows)
    scores = {row["quote"]: row["targets"][0]["score"] for row in rows}
    assert scores["Frase numero 7 sul governo"] == pytest.approx(-0.7)


def test_statement_dates_are_the_days_with_statements_without_loading_them(store):
    # 2025-03-11 is missing: a statement is dated by its earliest source
    assert query.statement_dates(store) == [date(2025, 3, 3), date(2025, 3, 10)]
    assert query.statement_dates(store, speaker="putin") == [date(2025, 3, 10)]
    assert query.statement_dates(store, speaker=["zelenskyj", "Peskov"]) == [date(2025, 3, 3), date(2025, 3, 10)]
    assert query.statement_dates(store, speaker=["Nessuno Mai Visto"]) == []


def test_speakers_counts_statements_and_articles(store):
    frame = query.speakers(store)
    rows = {r["speaker"]: r for r in frame.to_dict("records")}
    assert list(frame.columns) == query.SPEAKER_COLUMNS
    assert (rows["Volodymyr Zelensky"]["statements"], rows["Volodymyr Zelensky"]["articles"]) == (1, 2)
    assert rows["Dmitry Peskov"]["statements"] == 2
    assert (rows["Dmitry Peskov"]["first"], rows["Dmitry Peskov"]["last"]) == (date(2025, 3, 3), date(2025, 3, 10))
    assert list(query.speakers(store, since="2025-03-05")["speaker"]) == ["Dmitry Peskov", "Vladimir Putin"]
    assert list(query.speakers(store, speaker=["zelenskyj", "putin"])["speaker"]) == [
        "Vladimir Putin", "Volodymyr Zelensky"]


def test_stance_pairs_counts_and_mean(store):
    frame = query.stance_pairs(store)
    rows = {(r["speaker"], r["target"]): r for r in frame.to_dict("records")}
    assert set(rows) == {("Volodymyr Zelensky", "Russia"), ("Dmitry Peskov", "Volodymyr Zelensky"),
                         ("Vladimir Putin", "Ucraina")}
    assert rows[("Dmitry Peskov", "Volodymyr Zelensky")] == {
        "speaker": "Dmitry Peskov", "target": "Volodymyr Zelensky", "support": 1, "oppose": 0, "neutral": 0,
        "n": 1, "mean_score": pytest.approx(0.4)}
    only_putin = query.stance_pairs(store, speaker=["putin"])
    assert list(only_putin["target"]) == ["Ucraina"] and only_putin["oppose"].tolist() == [1]


def test_stance_matrix_is_speaker_by_target(store):
    matrix = query.stance_matrix(store)
    assert list(matrix.index) == ["Dmitry Peskov", "Vladimir Putin", "Volodymyr Zelensky"]  # one statement each
    assert list(matrix.columns) == ["Russia", "Ucraina", "Volodymyr Zelensky"]
    assert matrix.loc["Volodymyr Zelensky", "Russia"] == -0.8
    assert matrix.isna().loc["Vladimir Putin", "Russia"]  # no statement: no score
    counts = query.stance_matrix(store, value="oppose", speaker="putin")
    assert counts.to_dict("index") == {"Vladimir Putin": {"Ucraina": 1}}
    assert query.stance_matrix(store, limit=1).to_dict("index") == {"Dmitry Peskov": {"Volodymyr Zelensky": 0.4}}
    with pytest.raises(query.QueryError, match="invalid value"):
        query.stance_matrix(store, value="anger")


def test_a_connection_is_accepted_wherever_a_path_is(store, db_path):
    import sqlite3

    connection = sqlite3.connect(db_path)
    assert len(query.statements(connection, speaker="putin")) == 1
    assert list(query.speakers(connection, limit=1)["speaker"]) == ["Dmitry Peskov"]
    assert query.stance_matrix(connection).shape == (3, 3)
    assert query.statement_dates(connection) == [date(2025, 3, 3), date(2025, 3, 10)]
    assert connection.execute("SELECT count(*) FROM articles").fetchone() == (3,)  # still the caller's to use


def test_dates_come_back_as_dates(store):
    row = query.statement_rows(store, speaker="zelensky")[0]
    assert type(row["published"]) is date and all(type(s["published"]) is date for s in row["sources"])
    first, last = query.speakers(store).iloc[0][["first", "last"]]
    assert type(first) is date and type(last) is date


def test_an_undated_statement_keeps_no_date_and_can_be_selected(store):
    article, said = make_article("senza-data", [("Putin", "Nessuna data per questa frase")], published=None)
    store.add(article, said)
    undated = query.statements(store, dated=False)
    assert list(undated["quote"]) == ["Nessuna data per questa frase"] and undated["published"].tolist() == [None]
    assert query.statements(store)["quote"].iloc[-1] == "Nessuna data per questa frase"  # newest first, undated last
    assert "Nessuna data per questa frase" not in quotes_of(query.statements(store, dated=True))
    assert "Nessuna data per questa frase" not in quotes_of(query.statements(store, since="2000-01-01"))
    assert query.statement_dates(store) == [date(2025, 3, 3), date(2025, 3, 10)]
    # a dated report of the same statement dates it
    later, again = make_article("con-data", [("Putin", "Nessuna data per questa frase")], published=date(2025, 3, 12))
    store.add(later, again)
    assert query.statements(store, dated=False).empty
    [row] = query.statement_rows(store, search="Nessuna data")
    assert row["published"] == date(2025, 3, 12) and row["article"] == "con-data"
    assert [s["published"] for s in row["sources"]] == [date(2025, 3, 12), None]


def test_mean_score_averages_several_statements(db_path):
    article, statements = make_article("x", [("Putin", "Uno"), ("Putin", "Due")])
    statements[0] = replace(statements[0], targets=(Target("NATO", "oppose", -1.0),))
    statements[1] = replace(statements[1], targets=(Target("NATO", "neutral", 0.0),))
    with Store(db_path) as store:
        store.add(article, statements)
        (row,) = query.stance_pairs(store).to_dict("records")
    assert (row["oppose"], row["neutral"], row["n"], row["mean_score"]) == (1, 1, 2, -0.5)


# -- CLI -------------------------------------------------------------------------------------------------------
def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_quotes_json_and_jsonl(store, db_path):
    result = run("quotes", "--speaker", "peskov", "--format", "json", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [r["quote"] for r in records] == ["Nessun commento", "Il dialogo è possibile"]
    assert records[1]["published"] == "2025-03-03"
    assert records[1]["targets"][0]["entity"] == "Volodymyr Zelensky"
    lines = run("quotes", "--target", "Russia", "--format", "jsonl", "--db", str(db_path)).output.splitlines()
    assert [json.loads(line)["speaker"] for line in lines] == ["Volodymyr Zelensky"]


def test_cli_quotes_csv_and_table(store, db_path):
    result = run("quotes", "--since", "2025-03-04", "--format", "csv", "--db", str(db_path))
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["speaker"] for r in rows] == ["Dmitry Peskov", "Vladimir Putin"]
    assert json.loads(rows[1]["targets"])[0]["entity"] == "Ucraina"
    table = run("quotes", "--db", str(db_path)).output
    assert table.splitlines()[0].split() == ["published", "speaker", "confidence", "source", "kind", "quote"]
    assert "La Milano" in table and "Non ci arrenderemo mai" in table


def test_cli_speakers_and_stance(store, db_path):
    speakers = json.loads(run("speakers", "--format", "json", "--db", str(db_path)).output)
    assert speakers[0] == {"speaker": "Dmitry Peskov", "kind": "person", "statements": 2, "articles": 2,
                           "first": "2025-03-03", "last": "2025-03-10"}
    rows = list(csv.DictReader(io.StringIO(
        run("stance", "--pairs", "--speaker", "zelenskyj", "--format", "csv", "--db", str(db_path)).output)))
    assert rows == [{"speaker": "Volodymyr Zelensky", "target": "Russia", "support": "0", "oppose": "1",
                     "neutral": "0", "n": "1", "mean_score": "-0.8"}]


def test_cli_missing_database_and_bad_input(tmp_path):
    missing = tmp_path / "db" / "quotetrack.db"
    result = run("quotes", "--db", str(missing))
    assert result.exit_code == 1
    assert f"no database at {missing} — run quotetrack ingest first" in result.output
    assert not missing.exists()
    bad_date = run("quotes", "--since", "2025-02-30", "--db", str(missing))
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output

"""`quotetrack serve`: Datasette on a real database through its own test client — full-text search on the
statement views, facets, canned queries, and a quote's page with the quote marked in its article."""
from __future__ import annotations

import asyncio
import json
from datetime import date
from urllib.parse import quote as urlquote

import pytest
from dataclasses import replace
from bs4 import BeautifulSoup
from click.testing import CliRunner
from readme_examples import commands
from test_store import make_article

from quotetrack.cli import cli
from quotetrack.models import Target
from quotetrack.store import Store

pytest.importorskip("datasette", reason="datasette is not installed (pip install 'quotetrack[serve]')")

from quotetrack.serve import datasette_for, metadata_for  # noqa: E402

NAME = "archivio"  # the database's file stem is its name in Datasette's URLs


def add(store, external_id, published, quotes, targets=()):
    """One article of (speaker, quote) pairs; `targets[i]` (a Target or None) goes with the i-th quote."""
    article, statements = make_article(external_id, quotes, published=published, source=f"Testata {external_id[0]}")
    statements = [replace(statement, targets=(target,)) if target is not None else statement
                  for statement, target in zip(statements, [*targets, *[None] * len(statements)])]
    store.add(article, statements)
    return article, statements


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Three weeks of invented statements; week 2025-W13 (24–30 March) has a stance change and a new speaker."""
    path = tmp_path_factory.mktemp("serve") / f"{NAME}.db"
    with Store(path) as store:
        add(store, "a-marzo", date(2025, 3, 5), [("Giorgia Meloni", "La difesa comune si costruisce insieme")])
        add(store, "b-marzo", date(2025, 3, 12),
            [("Donald Trump", "Zelensky è un leader coraggioso e lo aiuteremo")],
            [Target("Volodymyr Zelensky", "support", 0.6, "coraggioso", "person")])
        article, statements = add(
            store, "c-marzo", date(2025, 3, 26),
            [("Donald Trump", "Zelensky deve firmare subito o resterà solo"),
             ("Elena Ferraris", "I porti del Mediterraneo vanno protetti"),
             ("Giorgia Meloni", "Nessun soldato italiano partirà senza un mandato")],
            [Target("Volodymyr Zelensky", "oppose", -0.5, "resterà solo", "person")])
    datasette = datasette_for(path)
    asyncio.run(datasette.invoke_startup())
    return datasette, path, article, statements


def get(datasette, path):
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200, (path, response.text[:500])
    return response


def rows(datasette, path):
    return get(datasette, path + ("&" if "?" in path else "?") + "_shape=objects").json()["rows"]


def test_full_text_search_on_the_statements_view_returns_only_matching_statements(archive):
    datasette, *_ = archive
    found = rows(datasette, f"/{NAME}/statements_view.json?_search=zelensky")
    assert sorted(r["quote"] for r in found) == ["Zelensky deve firmare subito o resterà solo",
                                                 "Zelensky è un leader coraggioso e lo aiuteremo"]
    # accents are ignored, and a search combines with a facet's filter
    assert [r["speaker"] for r in rows(datasette, f"/{NAME}/statements_view.json?_search=partira")] == [
        "Giorgia Meloni"]
    assert rows(datasette, f"/{NAME}/statements_view.json?_search=zelensky&speaker=Giorgia+Meloni") == []
    assert rows(datasette, f"/{NAME}/statements_view.json?_search=sanzioni") == []
    # the one-row-per-counterpart view searches the same index
    assert [r["target"] for r in rows(datasette, f"/{NAME}/stances_view.json?_search=firmare")] == [
        "Volodymyr Zelensky"]


def test_the_view_carries_stance_targets_offsets_outlet_and_week(archive):
    datasette, _, article, statements = archive
    [row] = rows(datasette, f"/{NAME}/statements_view.json?_search=firmare")
    assert (json.loads(row["targets"]), json.loads(row["stances"]), row["stance_toward"]) == (
        ["Volodymyr Zelensky"], ["oppose"], "Volodymyr Zelensky: oppose")
    assert article.text[row["start"]:row["end"]] == row["quote"]
    assert (row["outlet"], row["week"], row["published"]) == ("Testata c", "2025-W13", "2025-03-26")


def test_facets_speaker_target_stance_outlet_and_week(archive):
    datasette, *_ = archive
    facets = get(datasette, f"/{NAME}/statements_view.json").json()["facet_results"]
    counted = {name: {r["value"]: r["count"] for r in facet["results"]} for name, facet in facets.items()}
    assert counted["speaker"] == {"Donald Trump": 2, "Giorgia Meloni": 2, "Elena Ferraris": 1}
    assert counted["targets"] == {"Volodymyr Zelensky": 2}
    assert counted["stances"] == {"support": 1, "oppose": 1}
    assert counted["outlet"] == {"Testata a": 1, "Testata b": 1, "Testata c": 3}
    assert counted["week"] == {"2025-W10": 1, "2025-W11": 1, "2025-W13": 3}
    stances = get(datasette, f"/{NAME}/stances_view.json").json()["facet_results"]
    assert set(stances) == {"speaker", "target", "stance", "outlet", "week"}
    opposed = rows(datasette, f"/{NAME}/stances_view.json?target=Volodymyr+Zelensky&stance=oppose")
    assert [(r["speaker"], r["published"]) for r in opposed] == [("Donald Trump", "2025-03-26")]


def test_canned_query_what_did_x_say_about_y_between_two_dates(archive):
    datasette, *_ = archive
    said = f"/{NAME}/said_about.json?speaker=trump&target=zelenskyj"  # any alias, any case
    assert [r["stance"] for r in rows(datasette, f"{said}&since=&until=")] == ["support", "oppose"]
    assert [r["quote"] for r in rows(datasette, f"{said}&since=2025-03-20&until=2025-03-31")] == [
        "Zelensky deve firmare subito o resterà solo"]
    assert rows(datasette, f"/{NAME}/said_about.json?speaker=meloni&target=zelensky&since=&until=") == []


def test_canned_queries_stance_changes_and_new_speakers_this_week(archive):
    datasette, *_ = archive
    [change] = rows(datasette, f"/{NAME}/stance_changes.json?day=2025-03-27")
    assert (change["speaker"], change["target"], change["stance_before"], change["stance_now"]) == (
        "Donald Trump", "Volodymyr Zelensky", "support", "oppose")
    assert rows(datasette, f"/{NAME}/stance_changes.json?day=2025-03-12") == []  # nothing before to change from
    new = rows(datasette, f"/{NAME}/new_speakers.json?day=2025-03-30")  # a Sunday: the same week
    assert [(r["speaker"], r["statements_this_week"]) for r in new] == [("Elena Ferraris", 1)]


def test_a_quote_links_to_its_article_with_the_quote_marked(archive):
    datasette, _, article, statements = archive
    html = get(datasette, f"/{NAME}/statements_view?_search=firmare").text
    assert "What the columns mean" in html  # the long list of column descriptions folds away
    page = BeautifulSoup(html, "html.parser")
    link = page.select_one("td.col-quote a")
    assert link.get_text() == "Zelensky deve firmare subito o resterà solo"
    shown = BeautifulSoup(get(datasette, link["href"].split("#")[0]).text, "html.parser")
    mark = shown.select_one(".qt-article mark#quote")
    assert mark.get_text() == statements[0].quote
    whole = shown.select_one(".qt-article").get_text()
    assert whole == article.text  # the whole article, the span marked where the offsets say
    assert whole.index(mark.get_text()) == statements[0].start
    # canned queries link their quotes too
    said = BeautifulSoup(get(datasette, f"/{NAME}/said_about?speaker=trump&target=zelensky&since=&until=").text,
                         "html.parser")
    assert len(said.select("td.col-quote a[href^='/-/quotetrack/']")) == 2


def test_an_uncertain_speaker_reads_speaker_uncertain_in_the_table_and_on_the_statement_page(tmp_path):
    path = tmp_path / f"{NAME}.db"
    article, said = make_article("dubbio", [("Mario Rossi", "Il bilancio è in ordine"),
                                            ("Anna Neri", "Il bilancio va rifatto")], published=date(2025, 3, 3))
    with Store(path) as store:
        store.add(article, [replace(said[0], confidence=0.92), replace(said[1], confidence=0.41)])
    datasette = datasette_for(path)
    asyncio.run(datasette.invoke_startup())
    table = BeautifulSoup(get(datasette, f"/{NAME}/statements_view").text, "html.parser")
    cells = {row.select_one("td.col-quote").get_text(strip=True):
             row.select_one("td.col-confidence").get_text(" ", strip=True) for row in table.select("tbody tr")}
    assert cells == {"Il bilancio è in ordine": "0.92", "Il bilancio va rifatto": "0.41 speaker uncertain"}
    pages = {link.get_text(): BeautifulSoup(get(datasette, link["href"].split("#")[0]).text, "html.parser")
             for link in table.select("td.col-quote a")}
    assert "speaker uncertain" in pages["Il bilancio va rifatto"].select_one(".qt-confidence").get_text()
    assert "uncertain" not in pages["Il bilancio è in ordine"].select_one(".qt-confidence").get_text()


def test_every_view_column_is_described_in_the_shipped_metadata(archive):
    _, path, *_ = archive
    described = metadata_for(NAME)["databases"][NAME]["tables"]
    with Store(path) as store:
        assert set(store.db["statements_view"].columns_dict) == set(described["statements_view"]["columns"])
        assert set(store.db["stances_view"].columns_dict) <= set(described["stances_view"]["columns"])
        tables = {t for t in store.db.table_names() if not t.startswith("statements_fts")}
        assert tables <= set(described)


def test_serve_get_prints_the_answer_and_a_missing_database_is_one_line(archive, tmp_path):
    _, path, *_ = archive
    search = f"/{NAME}/statements_view.json?_search={urlquote('Mediterraneo')}&_shape=objects"
    result = CliRunner().invoke(cli, ["serve", "--db", str(path), "--get", search])
    assert result.exit_code == 0
    assert [r["speaker"] for r in json.loads(result.stdout)["rows"]] == ["Elena Ferraris"]
    missing = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "nessuno.db")])
    assert missing.exit_code == 1
    assert missing.output.strip() == f"Error: no database at {tmp_path / 'nessuno.db'} — run quotetrack ingest first"


def test_the_readmes_serve_examples_answer_on_the_demo_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUOTETRACK_DB", raising=False)
    assert CliRunner().invoke(cli, ["demo", "--engine", "builtin"]).exit_code == 0
    examples = [args for args in commands("Browse in Datasette", "quotetrack serve --get")]
    assert len(examples) == 3
    for args in examples:
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, (args, result.output[:300])
        assert json.loads(result.stdout)["rows"], args

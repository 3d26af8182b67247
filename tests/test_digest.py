"""Weekly HTML digests and speaker pages: built from a real SQLite store, parsed back with a real HTML5 parser."""
from __future__ import annotations

import json
import os
import re
import shlex
import sqlite3
import xml.etree.ElementTree as ET
from contextlib import closing
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from quotetrack import digest, digest_views
from quotetrack.ingest import sample_paths
from quotetrack.cli import cli
from quotetrack.digest import Headline, Period, SpeakerSection, WeekContext
from quotetrack.models import Article, Statement, Target
from quotetrack.store import Store

W46, W47 = "2026-W46", "2026-W47"
SCRIPT_QUOTE = "Zelensky avrà <script>alert('x')</script> grandi problemi"
IMG_QUOTE = 'Basta "><img src=x onerror=alert(1)> con le bugie'


def article(n: int, day: date | None, url: str | None = "https://news.example/a{n}", source="La Milano", text=None):
    return Article(
        id=f"a{n}", text=text or f"Articolo numero {n}.", title=f"Titolo {n}", published=day, source=source,
        url=url.format(n=n) if url else None,
    )


def said(n, quote, speaker, *targets, kind="direct", cue="ha detto", mention=None, confidence=0.5):
    return Statement(f"a{n}", quote, kind, 0, len(quote), speaker=speaker, speaker_mention=mention, cue=cue,
                     targets=list(targets), confidence=confidence)


def fill(store: Store) -> None:
    """Week 46: Trump praises Zelensky, Macron speaks twice. Week 47: Trump turns against Zelensky (reported by two
    outlets, one with a javascript: URL), backs Putin; Zelensky speaks; Macron is silent."""
    store.add(article(1, date(2026, 11, 10)), [
        said(1, "Zelensky è un ottimo alleato", "Donald Trump", Target("Volodymyr Zelensky", "support", 0.7, "ottimo alleato")),
        said(1, "Serve una tregua subito", "Emmanuel Macron", Target("Russia", "oppose", -0.4, "tregua subito")),
        said(1, "La tregua va discussa", "Emmanuel Macron"),
    ])
    store.add(article(2, date(2026, 11, 17)), [
        said(2, SCRIPT_QUOTE, "Donald Trump", Target("Volodymyr Zelensky", "oppose", -0.8, "grandi problemi"), cue="attacca"),
        said(2, "Putin non si rimangerà la parola", "Donald Trump", Target("Vladimir Putin", "support", 0.6, "non si rimangerà"),
             mention="il tycoon", cue="ha sottolineato che"),
    ])
    store.add(article(3, date(2026, 11, 18), url="javascript:alert(document.cookie)", source="Il Post"), [
        said(3, SCRIPT_QUOTE, "Donald Trump", Target("Volodymyr Zelensky", "oppose", -0.8, "grandi problemi")),
        said(3, IMG_QUOTE, "Donald Trump", cue=":"),
        said(3, "l'Europa deve fare di più", "Volodymyr Zelensky", Target("Unione europea", "neutral", 0.0, ""),
             kind="indirect", cue="Secondo"),
    ])


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("digest") / "quotetrack.db"
    with Store(path) as store:
        fill(store)
    return path


def page(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html5lib")


@pytest.fixture(scope="module")
def w47(db) -> BeautifulSoup:
    return page(digest.render_week(digest.week_context(db, W47)))


def figure(soup, name) -> int:
    return int(soup.select_one(f'[data-figure="{name}"]').get_text(strip=True))


def section(soup, name):
    return next(s for s in soup.select("section.speaker") if s.h3.get_text(" ", strip=True).startswith(name))


def text(element) -> str:
    return element.get_text(" ", strip=True)


# -- a week's page -----------------------------------------------------------------------------------------------
def test_headline_counts_articles_statements_speakers_and_counterparts_with_singular_and_plural(w47):
    assert [figure(w47, key) for key in ("statements", "articles", "speakers", "counterparts")] == [4, 2, 2, 3]
    labels = [dt.get_text() for dt in w47.select(".figures dt")]
    assert labels == ["dichiarazioni", "articoli", "persone citate", "interlocutori"]
    assert [text(li) for li in w47.select(".most-quoted li")] == ["Donald Trump (3)", "Volodymyr Zelensky (1)"]


def test_the_lead_puts_the_reversed_strong_widely_reported_statement_first_one_per_speaker(db, w47):
    context = digest.week_context(db, W47)
    assert [item.statement.speaker for item in context.lead] == ["Donald Trump", "Volodymyr Zelensky"]
    first = context.lead[0]
    assert first.statement.quote == SCRIPT_QUOTE and first.target.entity == "Volodymyr Zelensky"
    assert first.reversal is not None and first.outlets == 2
    card = w47.select_one("#lead li.item")
    assert text(card.select_one(".who")) == "Donald Trump su Volodymyr Zelensky"
    assert text(card.select_one(".chip.oppose")) == "▼ Volodymyr Zelensky : contro (parole che lo indicano) grandi problemi"
    assert [text(li) for li in card.select(".why li")] == ["posizione ribaltata: prima a favore", "riportata da 2 testate"]
    assert len(card.select(".sources li")) == 2


def test_the_lead_ranks_strength_outlets_and_prominence():
    """Built by hand: a strongly worded statement of a busy speaker, reported by three outlets, beats a neutral one
    of the same speaker and a milder one of a quiet speaker."""
    def view(i, speaker, stance, score, outlets):
        sources = tuple(digest.SourceView(f"x{i}{k}", "t", f"Outlet {k}", None, date(2026, 1, 5)) for k in range(outlets))
        return digest.StatementView(str(i), speaker, f"q{i}", "direct", "ha detto", None, date(2026, 1, 5), sources,
                                    (digest.TargetView("Bruno", stance, score, "parole"),))
    statements = [view(1, "Anna", "neutral", 0.0, 1), view(2, "Anna", "oppose", -0.9, 3), view(3, "Anna", "support", 0.2, 1),
                  view(4, "Carla", "support", 0.3, 1)]
    lead = digest.lead(statements, digest.pair_stances(statements), {})
    assert [item.statement.id for item in lead] == ["2", "4"]


def test_matrix_cells_give_the_net_stance_as_count_and_words_with_no_empty_row(w47):
    table = w47.select_one("table.matrix")
    columns = [th.get_text(strip=True) for th in table.select('thead th[scope="col"]')][1:]
    rows = {tr.th.get_text(strip=True): tr.select("td") for tr in table.select("tbody tr")}
    assert all(tr.th["scope"] == "row" for tr in table.select("tbody tr"))
    trump = dict(zip(columns, rows["Donald Trump"]))
    assert text(trump["Volodymyr Zelensky"]) == "1 contro"  # two outlets, one statement
    assert "o1" in trump["Volodymyr Zelensky"]["class"]  # colour too, but never colour alone
    assert text(trump["Vladimir Putin"]) == "1 a favore"
    assert text(dict(zip(columns, rows["Volodymyr Zelensky"]))["Unione Europea"]) == "1 neutrale"
    assert all(any(td.b for td in cells) for cells in rows.values())
    phone = [text(li) for li in w47.select(".matrix-list > li")]
    assert phone[0] == "Donald Trump Vladimir Putin: 1 a favore Volodymyr Zelensky: 1 contro"


@pytest.mark.parametrize("support, oppose, neutral, stance, tone", [
    (3, 1, 0, "support", "s2"), (1, 0, 5, "support", "s1"), (0, 1, 0, "oppose", "o1"), (1, 4, 0, "oppose", "o2"),
    (2, 2, 1, "mixed", "m0"), (0, 0, 3, "neutral", "n0"),
])
def test_a_pairs_net_stance(support, oppose, neutral, stance, tone):
    pair = digest.PairStance("A", "B", support, oppose, neutral)
    assert (pair.stance, pair.tone, pair.n) == (stance, tone, support + oppose + neutral)


def test_the_matrix_shows_the_busiest_pairs_with_no_empty_row_or_column_and_lists_the_rest(monkeypatch):
    monkeypatch.setattr(digest_views, "MATRIX_TARGETS", 2)
    monkeypatch.setattr(digest_views, "MATRIX_SPEAKERS", 2)
    pairs = {(s, t): digest.PairStance(s, t, n, 0, 0) for s, t, n in [
        ("A", "X", 5), ("B", "X", 4), ("C", "Z", 3), ("A", "Y", 1), ("D", "W", 1)]}
    m = digest.matrix(pairs)
    # X and Z are the busiest counterparts, A and B the busiest speakers about them; nobody of the two talks
    # about Z, so its column would be empty and is left out
    assert m.targets == ["X"] and [row.speaker for row in m.rows] == ["A", "B"]
    assert [(s, [p.target for p in ps]) for s, ps in m.others] == [("C", ["Z"]), ("A", ["Y"]), ("D", ["W"])]
    assert m.others_total == 3


def test_what_changed_lists_reversals_first_then_new_pairs_and_who_went_quiet(w47):
    changes = w47.select_one("#changes")
    lines = [text(li) for li in changes.select("ol.changes li")]
    assert lines[0] == "ribaltata Donald Trump su Volodymyr Zelensky: a favore (1) → contro (1 dichiarazione)"
    assert sorted(lines[1:]) == ["nuova Donald Trump su Vladimir Putin: a favore (1 dichiarazione)",
                                 "nuova Volodymyr Zelensky su Unione Europea: neutrale (1 dichiarazione)"]
    assert [text(li) for li in changes.select(".quiet li")] == ["Emmanuel Macron (2 dichiarazioni prima)"]


def test_what_changed_is_capped_with_the_rest_counted(db, monkeypatch):
    monkeypatch.setattr(digest_views, "CHANGES_SHOWN", 2)
    changes = page(digest.render_week(digest.week_context(db, W47))).select_one("#changes")
    assert len(changes.select("ol.changes li")) == 2
    assert text(changes.select_one(".more")) == "e un'altra coppia nuova"
    english = page(digest.render_week(digest.week_context(db, W47), lang="en")).select_one("#changes")
    assert text(english.select_one(".more")) == "and 1 more new pair"


def test_meta_lines_read_as_a_reader_says_them(w47):
    trump = section(w47, "Donald Trump")
    metas = {a.blockquote.get_text(): text(a.select_one(".meta")) for a in trump.select("article.statement")}
    assert metas[f"«{SCRIPT_QUOTE}»"] == "ha attaccato, 17 novembre — La Milano e un'altra testata"
    assert metas["«Putin non si rimangerà la parola»"] == "ha sottolineato, 17 novembre — La Milano · nell'articolo: «il tycoon»"
    assert metas[f"«{IMG_QUOTE}»"] == "ha detto, 18 novembre — Il Post"  # the cue was ":"
    zelensky = section(w47, "Volodymyr Zelensky").select_one("article.statement")
    assert text(zelensky.select_one(".meta")) == "ha detto (in sintesi), 18 novembre — Il Post"  # cue "Secondo"
    assert "verbo" not in w47.get_text() and "citato come" not in w47.get_text()


def test_meta_lines_in_english(db):
    english = page(digest.render_week(digest.week_context(db, W47), lang="en"))
    card = next(a for a in section(english, "Donald Trump").select("article.statement") if "Putin" in a.get_text())
    assert text(card.select_one(".meta")) == "stressed, 17 November — La Milano · in the article: “il tycoon”"
    assert card.blockquote.get_text() == "“Putin non si rimangerà la parola”"
    assert text(section(english, "Volodymyr Zelensky").h3) == "Volodymyr Zelensky (1 statement)"
    assert text(section(english, "Donald Trump").h3) == "Donald Trump (3 statements)"


def test_speaker_sections_most_quoted_first_with_counterparts_and_evidence(w47):
    assert [text(s.h3) for s in w47.select("section.speaker")] == [
        "Donald Trump (3 dichiarazioni)", "Volodymyr Zelensky (1 dichiarazione)"]
    trump = section(w47, "Donald Trump")
    assert text(trump.select_one(".pairs-line")) == "Vladimir Putin: a favore (1) · Volodymyr Zelensky: contro (1)"
    chip = trump.select_one('li.chip[data-entity="Vladimir Putin"]')
    assert "support" in chip["class"] and chip.select_one(".stance").get_text() == "a favore"
    assert chip.select_one("q.evidence").get_text() == "non si rimangerà"
    assert chip.find_parent("article").select_one("time")["datetime"] == "2026-11-17"


def test_a_statement_from_two_outlets_appears_once_with_both_sources(w47):
    matches = [a for a in section(w47, "Donald Trump").select("article.statement") if "grandi problemi" in a.blockquote.get_text()]
    assert len(matches) == 1
    sources = [text(li) for li in matches[0].select(".sources li")]
    assert sources[0].startswith("Titolo 2 — La Milano") and sources[1].startswith("Titolo 3 — Il Post")


def test_previous_and_next_links_are_relative_sibling_files(db, w47):
    assert [a["href"] for a in w47.select('a[rel="prev"]')] == [f"{W46}.html"]
    assert not w47.select('a[rel="next"]')
    w46 = page(digest.render_week(digest.week_context(db, W46)))
    assert [a["href"] for a in w46.select('a[rel="next"]')] == [f"{W47}.html"]


def test_page_language_follows_lang(db, w47):
    assert w47.html["lang"] == "it"
    english = page(digest.render_week(digest.week_context(db, W47), lang="en"))
    assert english.html["lang"] == "en"
    assert english.h1.get_text() == "Week 47 of 2026 (16 November 2026 – 22 November 2026)"
    assert english.select_one("#matrix h2").get_text() == "Who talks about whom"


def test_a_busy_speaker_shows_the_most_relevant_statements_and_counts_the_rest(db):
    capped = digest.week_context(db, W47, per_speaker=1)
    full = digest.week_context(db, W47)
    trump = capped.sections[0]
    assert trump.name == "Donald Trump" and (len(trump.statements), trump.hidden, trump.count) == (1, 2, 3)
    assert trump.statements[0].quote == SCRIPT_QUOTE  # one counterpart and two outlets
    assert capped.headline == full.headline and capped.matrix == full.matrix and capped.lead == full.lead
    soup = page(digest.render_week(capped))
    assert len(section(soup, "Donald Trump").select("article.statement")) == 1
    assert text(section(soup, "Donald Trump").select_one(".more")).startswith("e altre 2 dichiarazioni")
    english = page(digest.render_week(digest.week_context(db, W47, per_speaker=2), lang="en"))
    assert text(section(english, "Donald Trump").select_one(".more")).startswith("and 1 more statement (")


def test_weeks_with_statements_come_from_their_dates(db):
    assert digest.statement_weeks(db) == [W46, W47]
    assert digest.statement_weeks(db, speakers=["macron"]) == [W46]
    assert digest.statement_weeks(db, speakers=["Nessuno Mai Visto"]) == []


# -- safety and self-containment ---------------------------------------------------------------------------------
def test_page_is_self_contained(w47):
    assert not w47.find_all(["script", "img", "iframe", "object", "embed", "link", "video", "audio", "source"])
    css = " ".join(style.string for style in w47.find_all("style"))
    assert "@import" not in css and "url(" not in css
    resource_attrs = [el.get(attr) for el in w47.find_all(True) for attr in ("src", "srcset", "data", "poster")]
    assert resource_attrs == [None] * len(resource_attrs)
    assert "@media print" in css and re.search(r"@media \(max-width: [\d.]+rem\)", css)


def test_quotes_are_escaped_text_never_markup(w47):
    assert not w47.find_all(["script", "img"])
    texts = [a.blockquote.get_text() for a in w47.select("section.speaker article.statement")]
    assert f"«{SCRIPT_QUOTE}»" in texts and f"«{IMG_QUOTE}»" in texts


def test_only_http_urls_become_links(w47):
    hrefs = [a["href"] for a in w47.find_all("a", href=True)]
    assert "https://news.example/a2" in hrefs
    assert not any("javascript" in href.lower() for href in hrefs)
    assert all(re.match(r"https?://|#|[\w-]+\.html$", href) for href in hrefs)
    il_post = next(li for li in w47.select(".sources li") if "Il Post" in li.get_text())
    assert il_post.a is None and il_post.select_one(".title").get_text() == "Titolo 3"


@pytest.mark.parametrize("url, safe", [
    ("https://x.example/a?b=1", "https://x.example/a?b=1"),
    (" http://x.example ", "http://x.example"),
    ("javascript:alert(1)", None),
    ("  JaVa\tScRiPt:alert(1)", None),
    ("data:text/html,<b>x</b>", None),
    ("//x.example/a", None),
    ("ftp://x.example/a", None),
    ("http://[x", None),  # an unclosed IPv6 bracket: urlsplit raises
    ("http://x.example:99999999/", "http://x.example:99999999/"),  # a bad port only fails when asked for
    (None, None),
])
def test_safe_url(url, safe):
    assert digest.safe_url(url) == safe


def test_a_malformed_url_neither_crashes_nor_stops_the_other_weeks(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        fill(store)
        store.add(article(8, date(2026, 11, 19), url="http://[x", text="Un articolo con un indirizzo rotto."),
                  [said(8, "Frase con un link rotto", "Donald Trump")])
    result = CliRunner().invoke(cli, ["digest", "--db", str(path), "--all", "--out-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "site").glob("2026-W*.html")} == {f"{W46}.html", f"{W47}.html"}
    card = next(a for a in page((tmp_path / "site" / f"{W47}.html").read_text(encoding="utf-8")).select("article.statement")
                if "link rotto" in a.get_text())
    assert card.select_one(".sources li").a is None


# -- the command: empty, filtered and undated digests ----------------------------------------------------------
def test_an_empty_week_says_so_and_writes_nothing(db, tmp_path):
    out = tmp_path / "empty.html"
    result = CliRunner().invoke(cli, ["digest", "--db", str(db), "--week", "2025-W10", "--out", str(out)])
    assert result.exit_code == 1
    assert "no statements in 2025-W10 (2025-03-03 to 2025-03-09): nothing written" in result.output
    assert not out.exists()


def test_a_filtered_digest_gets_its_own_file_and_never_replaces_the_page_of_everyone(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        fill(store)
    runner = CliRunner()
    everyone = runner.invoke(cli, ["digest", "--db", str(path), "--week", W47])
    assert everyone.exit_code == 0 and everyone.output.startswith(f"wrote {tmp_path / 'digests' / W47}.html ({W47}: 4 statements)")
    before = (tmp_path / "digests" / f"{W47}.html").read_bytes()
    only = runner.invoke(cli, ["digest", "--db", str(path), "--week", W47, "--speaker", "zelensky"])
    assert only.exit_code == 0, only.output
    own = tmp_path / "digests" / f"{W47}_only_zelensky.html"
    assert only.output.strip() == f"wrote {own} ({W47}, only zelensky: 1 statement)"
    assert (tmp_path / "digests" / f"{W47}.html").read_bytes() == before
    soup = page(own.read_text(encoding="utf-8"))
    assert text(soup.select_one(".filter")) == "Solo le dichiarazioni di: zelensky"
    assert [s.name for s in digest.week_context(path, W47, speakers=["zelensky"]).sections] == ["Volodymyr Zelensky"]
    nobody = runner.invoke(cli, ["digest", "--db", str(path), "--week", W47, "--speaker", "Nessuno"])
    assert nobody.exit_code == 1 and "no statements by Nessuno in 2026-W47" in nobody.output


def test_undated_statements_are_in_no_week_but_on_their_own_page(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        fill(store)
        store.add(article(9, None, text="Un articolo senza data."),
                  [said(9, "Nessuno sa quando l'ho detto", "Donald Trump", Target("Vladimir Putin", "oppose", -0.5, "mai"))])
    assert digest.statement_weeks(path) == [W46, W47]
    assert digest.week_context(path, W47).headline.statements == 4
    result = CliRunner().invoke(cli, ["digest", "--db", str(path), "--week", W47])
    assert result.output.splitlines()[1] == (
        "1 statement without a date is in no week: `quotetrack digest --all` lists it on undated.html")
    site = tmp_path / "site"
    digest.write_all(path, site)
    undated = page((site / "undated.html").read_text(encoding="utf-8"))
    assert [a.blockquote.get_text() for a in undated.select("article.statement")] == ["«Nessuno sa quando l'ho detto»"]
    assert text(undated.select_one(".meta")).startswith("ha detto, senza data")
    index = page((site / "index.html").read_text(encoding="utf-8"))
    assert index.select_one('a[href="undated.html"]').get_text() == "Un'altra dichiarazione non ha data: è nella sua pagina."
    week = page((site / f"{W47}.html").read_text(encoding="utf-8"))
    assert week.select_one('nav a[href="undated.html"]') and "Nessuno sa quando" not in week.get_text()


@pytest.mark.parametrize("how", ["itself", "symlink", "other sqlite"])
def test_out_never_overwrites_a_database(tmp_path, how):
    path = tmp_path / "q.db"
    with Store(path) as store:
        fill(store)
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as other_db:
        other_db.execute("CREATE TABLE t (x)")
    out = {"itself": path, "symlink": tmp_path / "page.html", "other sqlite": other}[how]
    if how == "symlink":
        os.symlink(path, out)
    before = {p: p.read_bytes() for p in (path, other)}
    result = CliRunner().invoke(cli, ["digest", "--db", str(path), "--week", W47, "--out", str(out)])
    assert result.exit_code == 1 and "database" in result.output and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in (path, other)} == before
    with closing(sqlite3.connect(path)) as check:
        assert check.execute("SELECT count(*) FROM statements").fetchone() == (7,)  # still readable


def test_all_never_writes_through_a_page_name_linked_to_the_database(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        fill(store)
    site = tmp_path / "site"
    site.mkdir()
    os.symlink(path, site / f"{W47}.html")
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["digest", "--db", str(path), "--all", "--out-dir", str(site)])
    assert result.exit_code == 1 and "is the database being read" in result.output
    assert path.read_bytes() == before


# -- rendering without a database ----------------------------------------------------------------------------------
def test_render_week_takes_a_hand_built_context_and_user_templates_override(tmp_path):
    week = Period.week("2026-W01")
    context = WeekContext(
        period=week,
        headline=Headline(statements=1, speakers=1, most_quoted=[("Anna <b>", 1)]),
        lead=[],
        matrix=digest.Matrix(),
        changes=digest.Changes(quiet=[("Bruno", 2)]),
        sections=[SpeakerSection("Anna <b>", "s-anna", [], [])],
        compared_to=week.before(),
    )
    soup = page(digest.render_week(context, lang="en"))
    assert soup.h1.get_text() == "Week 1 of 2026 (29 December 2025 – 4 January 2026)"
    assert soup.select_one(".most-quoted a")["href"] == "#s-anna"
    assert soup.select_one(".most-quoted a").get_text() == "Anna <b>"
    assert soup.select_one("#matrix .empty").get_text() == "No stances found."
    (tmp_path / "_changes.html").write_text("<p id='mine'>{{ c.changes.quiet[0][0] }}</p>", encoding="utf-8")
    overridden = page(digest.render_week(context, lang="en", templates_dir=tmp_path))
    assert overridden.select_one("#mine").get_text() == "Bruno"
    assert overridden.select_one("#matrix")  # the other templates are still the built-in ones


def test_week_names_are_validated_so_they_cannot_name_other_paths():
    assert Period.week("2026-W47") == Period(date(2026, 11, 16), date(2026, 11, 22), "2026-W47")
    for bad in ("../../etc/passwd", "2026-W54", "2026-47", "2026-W47/../x"):
        with pytest.raises(digest.DigestError):
            Period.week(bad)
    assert Period.between(date(2026, 11, 1), date(2026, 11, 14)).before() == Period.between(
        date(2026, 10, 18), date(2026, 10, 31))


def test_default_week_is_the_last_complete_week_with_statements(db):
    assert digest.default_week(db, today=date(2026, 12, 1)).key == W47
    assert digest.default_week(db, today=date(2026, 11, 19)).key == W46  # W47 still running
    assert digest.default_week(db, today=date(2026, 11, 11)).key == W47  # only incomplete ones: the latest


# -- the whole site: weeks, speaker pages, index, feed ---------------------------------------------------------------
@pytest.fixture(scope="module")
def site(db, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(cli, ["digest", "--db", str(db), "--all", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def read(path) -> BeautifulSoup:
    return page(path.read_text(encoding="utf-8"))


def test_all_writes_weeks_speaker_pages_index_and_feed(site):
    out, output = site
    assert output.splitlines()[-1] == (
        f"2 weeks, 3 speaker pages, 0 statements without a date: 8 files written, 0 unchanged in {out}")
    assert sorted(p.name for p in out.glob("*.html")) == [f"{W46}.html", f"{W47}.html", "index.html"]
    assert sorted(p.name for p in (out / "speakers").glob("*.html")) == [
        "donald-trump.html", "emmanuel-macron.html", "index.html", "volodymyr-zelensky.html"]
    index = read(out / "index.html")
    assert [tr.a["href"] for tr in index.select("tbody tr")] == [f"{W47}.html", f"{W46}.html"]
    assert [td.get_text(strip=True) for td in index.select("tbody tr")[0].find_all("td")][:3] == ["4", "2", "2"]
    assert index.select_one('a[href="speakers/index.html"]')


def test_every_week_page_links_to_the_speaker_pages(site):
    out, _ = site
    w47 = read(out / f"{W47}.html")
    assert section(w47, "Donald Trump").h3.a["href"] == "speakers/donald-trump.html"
    assert w47.select_one("table.matrix tbody th a")["href"] == "speakers/donald-trump.html"
    assert w47.select_one('nav a[href="index.html"]') and w47.select_one('nav a[href="speakers/index.html"]')
    assert read(out / f"{W46}.html").select_one('a[href="speakers/emmanuel-macron.html"]')


def test_a_speaker_page_has_every_statement_grouped_by_counterpart_with_a_chart(site):
    out, _ = site
    trump = read(out / "speakers" / "donald-trump.html")
    assert trump.h1.get_text() == "Donald Trump"
    groups = {text(s.h2): s for s in trump.select("section.counterpart")}
    assert list(groups) == ["Su Volodymyr Zelensky", "Su Vladimir Putin", "Senza interlocutori"]
    zelensky = groups["Su Volodymyr Zelensky"]
    assert text(zelensky.select_one(".summary")) == "2 dichiarazioni: 1 a favore, 1 contro · ultima: 17 novembre 2026"
    chart = zelensky.select_one("svg")
    assert chart["role"] == "img" and chart.title.get_text() == chart["aria-label"]
    assert ("settimana del 9 novembre 2026: 1 a favore; settimana del 16 novembre 2026: 1 contro" in chart["aria-label"])
    assert len(chart.select("rect.support")) == 1 and len(chart.select("rect.oppose")) == 1
    assert zelensky.select_one("a")["href"] == "volodymyr-zelensky.html"  # the counterpart's own page
    dates = [a["href"] for a in zelensky.select(".meta a")]
    assert dates == [f"../{W47}.html#q-" + zelensky.select("article")[0]["id"][2:], f"../{W46}.html#q-"
                     + zelensky.select("article")[1]["id"][2:]]
    assert not groups["Su Vladimir Putin"].select("svg")  # one point in time says nothing a chart could add
    assert [a["href"] for a in trump.select("p.weeks a")] == [f"../{W46}.html", f"../{W47}.html"]


def test_the_speakers_index_lists_everyone_most_quoted_first(site):
    out, _ = site
    rows = read(out / "speakers" / "index.html").select("tbody tr")
    assert [(tr.a["href"], tr.td.get_text()) for tr in rows] == [
        ("donald-trump.html", "4"), ("emmanuel-macron.html", "2"), ("volodymyr-zelensky.html", "1")]


def test_the_atom_feed_is_valid(site):
    out, _ = site
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.tag == f"{atom}feed" and all(feed.find(atom + name).text for name in ("id", "title", "updated"))
    entries = feed.findall(atom + "entry")
    assert [e.find(atom + "link").get("href") for e in entries] == [f"{W47}.html", f"{W46}.html"]
    for entry in entries:
        assert datetime.fromisoformat(entry.find(atom + "updated").text).tzinfo is not None
    assert entries[0].find(atom + "summary").text.startswith("4 dichiarazioni di 2 persone citate in 2 articoli")


def test_rerunning_all_rewrites_only_the_weeks_whose_data_changed(tmp_path):
    path, out = tmp_path / "q.db", tmp_path / "site"
    with Store(path) as store:
        fill(store)
    first = digest.write_all(path, out, now=datetime(2026, 11, 23, tzinfo=timezone.utc))
    assert len(first.written) == 8 and not first.unchanged
    again = digest.write_all(path, out, now=datetime(2026, 11, 24, tzinfo=timezone.utc))
    assert again.written == [] and len(again.unchanged) == 8
    with Store(path) as store:
        store.add(article(9, date(2026, 11, 19), text="Un altro articolo."), [
            said(9, "Nuova frase sul cessate il fuoco", "Volodymyr Zelensky")])
    later = datetime(2026, 11, 25, tzinfo=timezone.utc)
    third = digest.write_all(path, out, now=later)
    assert sorted(str(p.relative_to(out)) for p in third.written) == [
        f"{W47}.html", "feed.xml", "index.html", "speakers/index.html", "speakers/volodymyr-zelensky.html"]
    entries = ET.parse(out / "feed.xml").getroot().findall("{http://www.w3.org/2005/Atom}entry")
    updated = [e.find("{http://www.w3.org/2005/Atom}updated").text for e in entries]
    assert updated == [later.isoformat(), "2026-11-23T00:00:00+00:00"]


def test_a_filtered_site_goes_to_its_own_folder_and_never_into_the_site_of_everyone(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        fill(store)
    runner = CliRunner()
    assert runner.invoke(cli, ["digest", "--db", str(path), "--all"]).exit_code == 0
    only = runner.invoke(cli, ["digest", "--db", str(path), "--all", "--speaker", "Trump"])
    assert only.exit_code == 0, only.output
    assert (tmp_path / "digests" / "only_trump" / f"{W47}.html").exists()
    mixed = runner.invoke(cli, ["digest", "--db", str(path), "--all", "--speaker", "Trump",
                                "--out-dir", str(tmp_path / "digests")])
    assert mixed.exit_code == 1 and "holds the digests of every speaker" in mixed.output


# -- statements whose speaker is uncertain ---------------------------------------------------------------------------
def fill_unsure(store: Store) -> None:
    """Week 47: Mario Rossi (sure, 0.92) opposes Anna Neri; Luca Bianchi (0.31: uncertain, named "il ministro")
    backs her; Paola Verdi (0.62) says nothing about anyone. Week 46: Luca Bianchi (0.2) opposed her."""
    store.add(article(1, date(2026, 11, 10)), [
        said(1, "Anna Neri non capisce", "Luca Bianchi", Target("Anna Neri", "oppose", -0.7, "non capisce"),
             confidence=0.2),
    ])
    store.add(article(2, date(2026, 11, 17)), [
        said(2, "Anna Neri sbaglia tutto", "Mario Rossi", Target("Anna Neri", "oppose", -0.7, "sbaglia tutto"),
             confidence=0.92),
        said(2, "Anna Neri ha ragione", "Luca Bianchi", Target("Anna Neri", "support", 0.6, "ha ragione"),
             confidence=0.31, mention="il ministro", cue="ha aggiunto"),
        said(2, "La riunione è finita tardi", "Paola Verdi", confidence=0.62, cue="ha spiegato"),
    ])


@pytest.fixture()
def unsure_db(tmp_path) -> Path:
    path = tmp_path / "q.db"
    with Store(path) as store:
        fill_unsure(store)
    return path


def card_of(soup, quote: str):
    return next(card for card in soup.select("article.statement") if quote in card.blockquote.get_text())


def test_an_uncertain_speaker_is_labelled_with_the_words_the_attribution_rests_on(unsure_db):
    soup = page(digest.render_week(digest.week_context(unsure_db, W47)))
    unsure, sure = card_of(soup, "Anna Neri ha ragione"), card_of(soup, "Anna Neri sbaglia tutto")
    assert text(unsure.select_one(".uncertain-label")) == "Attribuzione incerta"
    assert text(unsure.select_one(".uncertain-why")) == ("sicurezza 31 %; si basa su: chi parla nominato come "
                                                         "«il ministro», introdotta da «ha aggiunto». Da verificare nella fonte.")
    assert "il ministro" not in text(unsure.select_one(".meta"))  # said once, in the label
    assert sure.select_one(".uncertain") is None and card_of(soup, "La riunione").select_one(".uncertain") is None
    english = page(digest.render_week(digest.week_context(unsure_db, W47), lang="en"))
    assert text(card_of(english, "Anna Neri ha ragione").select_one(".uncertain-label")) == "Speaker uncertain"


def test_uncertain_statements_are_counted_but_kept_out_of_the_stance_summaries(unsure_db):
    context = digest.week_context(unsure_db, W47)
    assert [item.statement.speaker for item in context.lead] == ["Mario Rossi", "Paola Verdi"]
    assert [row.speaker for row in context.matrix.rows] == ["Mario Rossi"]
    assert context.changes.shown == [digest.PairChange("Mario Rossi", "Anna Neri", None,
                                                       digest.PairStance("Mario Rossi", "Anna Neri", oppose=1))]
    soup = page(digest.render_week(context))
    assert figure(soup, "statements") == 3
    assert soup.select_one(".uncertain-note")["data-uncertain"] == "1"
    assert "Non contata qui: 1 dichiarazione con attribuzione incerta." in text(soup.select_one("#matrix .note"))
    assert text(soup.select_one(f"#{context.section_of('Luca Bianchi').anchor}-h")) == \
        "Luca Bianchi (1 dichiarazione, 1 con attribuzione incerta)"
    assert "(1, 1 incerta)" in text(soup.select_one(".most-quoted"))
    assert text(soup.select_one(f"#{context.section_of('Mario Rossi').anchor}-h")) == "Mario Rossi (1 dichiarazione)"


def test_digest_min_confidence_leaves_out_what_quotes_leaves_out_and_the_page_says_how_many(unsure_db):
    runner = CliRunner()
    everyone = runner.invoke(cli, ["digest", "--db", str(unsure_db), "--week", W47])
    assert everyone.exit_code == 0, everyone.output
    full = (unsure_db.parent / "digests" / f"{W47}.html").read_bytes()
    result = runner.invoke(cli, ["digest", "--db", str(unsure_db), "--week", W47, "--min-confidence", "0.6"])
    own = unsure_db.parent / "digests" / f"{W47}_min0.6.html"
    assert result.output.strip() == f"wrote {own} ({W47}: 2 statements, 1 below --min-confidence left out)"
    listed = runner.invoke(cli, ["quotes", "--db", str(unsure_db), "--since", "2026-11-16", "--until", "2026-11-22",
                                 "--min-confidence", "0.6", "--format", "json"])
    soup = read(own)
    assert {card["id"] for card in soup.select("article.statement[id]")} == \
        {f"q-{row['id']}" for row in json.loads(listed.output)}
    assert soup.select_one(".left-out")["data-left-out"] == "1"
    assert text(soup.select_one(".left-out")) == ("Esclusa da questa pagina 1 dichiarazione con sicurezza "
                                                  "dell'attribuzione sotto 0.6 (--min-confidence).")
    assert (unsure_db.parent / "digests" / f"{W47}.html").read_bytes() == full  # the page of everything is kept
    assert read(unsure_db.parent / "digests" / f"{W47}.html").select_one(".left-out") is None


def test_a_site_of_the_surest_statements_counts_what_each_page_left_out_and_keeps_its_own_folder(unsure_db):
    runner = CliRunner()
    result = runner.invoke(cli, ["digest", "--db", str(unsure_db), "--all", "--min-confidence", "0.5"])
    assert result.exit_code == 0, result.output
    folder = unsure_db.parent / "digests" / "min0.5"
    assert read(folder / f"{W47}.html").select_one(".left-out")["data-left-out"] == "1"
    assert not (folder / f"{W46}.html").exists()  # its only statement was below the minimum
    assert not (folder / "speakers" / "luca-bianchi.html").exists()
    assert runner.invoke(cli, ["digest", "--db", str(unsure_db), "--all"]).exit_code == 0
    speaker = read(unsure_db.parent / "digests" / "speakers" / "luca-bianchi.html")  # every statement uncertain
    assert len(speaker.select(".speaker-uncertain .uncertain-label")) == 2
    assert "2 con attribuzione incerta, non contate nel grafico" in text(speaker.select_one(".counterpart .summary"))
    mixed = runner.invoke(cli, ["digest", "--db", str(unsure_db), "--all", "--min-confidence", "0.5",
                                "--out-dir", str(unsure_db.parent / "digests")])
    assert mixed.exit_code == 1 and "holds the digests of every statement" in mixed.output


# -- the command's edges ---------------------------------------------------------------------------------------------
def test_digest_command_default_output_is_next_to_the_db(db):
    result = CliRunner().invoke(cli, ["digest", "--db", str(db), "--week", W47, "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = db.parent / "digests" / f"{W47}.html"
    assert result.output.strip() == f"wrote {out} ({W47}: 4 statements)"
    assert read(out).html["lang"] == "en"


@pytest.mark.parametrize("args, message", [
    (["--week", "../../etc/passwd"], "is not an ISO week"),
    (["--from", "2026-11-10"], "--since and --until go together"),
    (["--from", "2026-11-10", "--to", "2026-11-01"], "ends (2026-11-01) before it starts"),
    (["--all", "--week", W47], "--all writes every week"),
])
def test_digest_command_rejects_bad_input_in_one_line(db, args, message):
    result = CliRunner().invoke(cli, ["digest", "--db", str(db), *args])
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, (KeyError, TypeError))


def test_missing_database_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["digest", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "none.db" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_date_range_page(db, tmp_path):
    out = tmp_path / "range.html"
    result = CliRunner().invoke(
        cli, ["digest", "--db", str(db), "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    soup = read(out)
    assert soup.h1.get_text() == "Dal 1 novembre 2026 al 30 novembre 2026"
    assert figure(soup, "statements") == 7


def test_the_readme_digest_examples_run_on_the_sample_articles(tmp_path, monkeypatch):
    readme = Path(__file__).resolve().parent.parent / "README.md"
    block = readme.read_text(encoding="utf-8").split("### Weekly digests", 1)[1].split("```bash", 1)[1]
    commands = [shlex.split(line.split("#", 1)[0])[1:] for line in block.split("```", 1)[0].splitlines() if line.strip()]
    assert len(commands) == 6
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ingested = runner.invoke(cli, ["ingest", "--engine", "builtin", "--no-progress", *map(str, sample_paths())])
    assert ingested.exit_code == 0, ingested.output
    for command in commands:
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, (command, result.output)
    assert (tmp_path / "db" / "digests" / "2025-W13_only_trump_peskov.html").exists()
    assert read(tmp_path / "db" / "digests" / "2025-W13_min0.85.html").select_one(".left-out")
    assert (tmp_path / "site" / "speakers" / "donald-trump.html").exists()

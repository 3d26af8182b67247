"""Weekly HTML digests: built from a real SQLite store, parsed back with a real HTML5 parser."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from quotetrack import digest
from quotetrack.cli import cli
from quotetrack.digest import Headline, Period, SpeakerSection, WeekContext
from quotetrack.models import Article, Statement, Target
from quotetrack.store import Store

W46, W47 = "2026-W46", "2026-W47"
SCRIPT_QUOTE = "Zelensky avrà <script>alert('x')</script> grandi problemi"
IMG_QUOTE = 'Basta "><img src=x onerror=alert(1)> con le bugie'


def article(n: int, day: date, url: str | None = "https://news.example/a{n}", source="La Milano", text=None):
    return Article(
        id=f"a{n}", text=text or f"Articolo numero {n}.", title=f"Titolo {n}", published=day, source=source,
        url=url.format(n=n) if url else None,
    )


def said(n, quote, speaker, *targets, kind="direct", cue="ha detto", mention=None):
    return Statement(f"a{n}", quote, kind, 0, len(quote), speaker=speaker, speaker_mention=mention, cue=cue,
                     targets=list(targets))


def fill(store: Store) -> None:
    """Week 46: Trump praises Zelensky, Macron speaks. Week 47: Trump turns against Zelensky (reported by two
    outlets, one with a javascript: URL), backs Putin; Zelensky speaks; Macron is silent."""
    store.add(article(1, date(2026, 11, 10)), [
        said(1, "Zelensky è un ottimo alleato", "Donald Trump", Target("Volodymyr Zelensky", "support", 0.7, "ottimo alleato")),
        said(1, "Serve una tregua subito", "Emmanuel Macron", Target("Russia", "oppose", -0.4, "tregua subito")),
        said(1, "La tregua va discussa", "Emmanuel Macron"),
    ])
    store.add(article(2, date(2026, 11, 17)), [
        said(2, SCRIPT_QUOTE, "Donald Trump", Target("Volodymyr Zelensky", "oppose", -0.8, "grandi problemi"), cue="attacca"),
        said(2, "Putin non si rimangerà la parola", "Donald Trump", Target("Vladimir Putin", "support", 0.6, "non si rimangerà"),
             mention="il tycoon", cue="ha sottolineato"),
    ])
    store.add(article(3, date(2026, 11, 18), url="javascript:alert(document.cookie)", source="Il Post"), [
        said(3, SCRIPT_QUOTE, "Donald Trump", Target("Volodymyr Zelensky", "oppose", -0.8, "grandi problemi")),
        said(3, IMG_QUOTE, "Donald Trump"),
        said(3, "l'Europa deve fare di più", "Volodymyr Zelensky", Target("Unione europea", "neutral", 0.0, ""),
             kind="indirect"),
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


# -- content ----------------------------------------------------------------------------------------------------
def test_headline_counts_articles_statements_speakers_and_counterparts(w47):
    assert [figure(w47, key) for key in ("articles", "statements", "speakers", "counterparts")] == [2, 4, 2, 3]
    assert [li.a.get_text() for li in w47.select(".most-quoted li")] == ["Donald Trump", "Volodymyr Zelensky"]
    assert w47.select_one(".most-quoted li").get_text(" ", strip=True) == "Donald Trump (3)"


def test_stance_matrix_is_a_table_with_scoped_headers_and_text_labels(w47):
    table = w47.select_one("table.matrix")
    columns = [th.get_text(strip=True) for th in table.select('thead th[scope="col"]')][1:]
    rows = {tr.th.get_text(strip=True): tr.select("td") for tr in table.select("tbody tr")}
    assert all(tr.th["scope"] == "row" for tr in table.select("tbody tr"))
    trump = dict(zip(columns, rows["Donald Trump"]))
    assert trump["Volodymyr Zelensky"].get_text(strip=True) == "▲0 ▼1 ●0"  # two outlets, one statement
    assert "o2" in trump["Volodymyr Zelensky"]["class"]  # colour too, but never colour alone
    assert trump["Vladimir Putin"].get_text(strip=True) == "▲1 ▼0 ●0"
    assert trump["Unione Europea"].get_text(strip=True) == ""
    assert dict(zip(columns, rows["Volodymyr Zelensky"]))["Unione Europea"].get_text(strip=True) == "▲0 ▼0 ●1"


def test_changes_since_last_week(w47):
    changes = w47.select_one("#changes")
    new = [li.get_text(" ", strip=True) for li in changes.select(".new-pairs li")]
    assert "Donald Trump → Vladimir Putin: ▲ a favore" in new
    assert not any("Donald Trump → Volodymyr Zelensky" in line for line in new)
    assert [li.get_text(" ", strip=True) for li in changes.select(".flipped li")] == [
        "Donald Trump → Volodymyr Zelensky: ▲ a favore → ▼ contro"
    ]
    assert [li.get_text(strip=True) for li in changes.select(".quiet li")] == ["Emmanuel Macron"]


def test_speaker_sections_most_quoted_first_with_stance_chips_and_evidence(w47):
    names = [s.h3.contents[0].strip() for s in w47.select("section.speaker")]
    assert names == ["Donald Trump", "Volodymyr Zelensky"]
    trump = section(w47, "Donald Trump")
    assert "3 dichiarazioni" in trump.h3.get_text()
    chip = trump.select_one('li.chip[data-entity="Vladimir Putin"]')
    assert "support" in chip["class"]
    assert chip.select_one(".stance").get_text() == "a favore"
    assert chip.select_one("q.evidence").get_text() == "non si rimangerà"
    putin = chip.find_parent("article")
    assert "il tycoon" in putin.select_one(".meta").get_text()
    assert putin.select_one(".cue").get_text() == "ha sottolineato"
    assert putin.select_one("time")["datetime"] == "2026-11-17"
    reported = section(w47, "Volodymyr Zelensky").select_one("article.statement")
    assert reported.select_one(".kind").get_text() == "riportata"


def test_a_statement_from_two_outlets_appears_once_with_both_sources(w47):
    matches = [a for a in w47.select("article.statement") if "grandi problemi" in a.blockquote.get_text()]
    assert len(matches) == 1
    sources = [li.get_text(" ", strip=True) for li in matches[0].select(".sources li")]
    assert len(sources) == 2
    assert sources[0].startswith("Titolo 2 — La Milano") and sources[1].startswith("Titolo 3 — Il Post")


def test_timelines_are_inline_svg_with_text_alternatives(w47):
    trump = section(w47, "Donald Trump")
    days, trend = trump.select("svg")
    assert days["role"] == "img" and days.title.get_text() == days["aria-label"]
    assert "lun 16: 0, mar 17: 2, mer 18: 1" in days["aria-label"]
    assert len(days.select("rect")) == 7
    assert f"{W46}: +0.70" in trend["aria-label"] and f"{W47}: -0.10" in trend["aria-label"]
    assert "2026-W45: nessun dato" in trend["aria-label"]


def test_previous_and_next_links_are_relative_sibling_files(db, w47):
    assert [a["href"] for a in w47.select('header a[rel="prev"]')] == [f"{W46}.html"]
    assert not w47.select('a[rel="next"]')
    w46 = page(digest.render_week(digest.week_context(db, W46)))
    assert [a["href"] for a in w46.select('header a[rel="next"]')] == [f"{W47}.html"]
    assert not w46.select('a[rel="prev"]')


def test_page_language_follows_lang(db, w47):
    assert w47.html["lang"] == "it"
    english = page(digest.render_week(digest.week_context(db, W47), lang="en"))
    assert english.html["lang"] == "en"
    assert english.h1.get_text() == "Week 47 of 2026 (16 November 2026 – 22 November 2026)"
    assert english.select_one("#matrix h2").get_text() == "Who talks about whom"


def test_a_busy_speaker_shows_the_most_relevant_statements_and_counts_the_rest(db):
    """Capped at one statement per speaker: the one with most counterparts, then most sources, is kept; the
    figures, the matrix and the charts still count everything."""
    capped = digest.week_context(db, W47, per_speaker=1)
    full = digest.week_context(db, W47)
    trump = capped.sections[0]
    assert trump.name == "Donald Trump" and (len(trump.statements), trump.hidden, trump.count) == (1, 2, 3)
    assert trump.statements[0].quote == SCRIPT_QUOTE  # one counterpart and two outlets
    assert sum(trump.per_day) == 3 and trump.trend == full.sections[0].trend
    assert capped.headline == full.headline and capped.matrix == full.matrix
    soup = page(digest.render_week(capped))
    section_html = section(soup, "Donald Trump")
    assert "3 dichiarazioni" in section_html.h3.get_text()
    assert len(section_html.select("article.statement")) == 1
    assert section_html.select_one(".more").get_text(strip=True).startswith("+ altre 2 dichiarazioni")
    assert not section(soup, "Volodymyr Zelensky").select(".more")  # one statement: nothing hidden
    english = page(digest.render_week(digest.week_context(db, W47, per_speaker=2), lang="en"))
    assert section(english, "Donald Trump").select_one(".more").get_text(strip=True).startswith("+ 1 more statement")


def test_cli_per_speaker_caps_the_cards(db, tmp_path):
    out = tmp_path / "capped.html"
    result = CliRunner().invoke(cli, ["digest", "--db", str(db), "--week", W47, "--per-speaker", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    soup = page(out.read_text(encoding="utf-8"))
    assert len(section(soup, "Donald Trump").select("article.statement")) == 1


def test_by_default_every_statement_of_a_quiet_week_is_shown(w47):
    assert len(section(w47, "Donald Trump").select("article.statement")) == 3
    assert not w47.select(".more")


def test_what_changed_lists_the_most_frequent_pairs_and_counts_the_rest(db, monkeypatch):
    monkeypatch.setattr(digest, "PAIRS_SHOWN", 1)
    changes = page(digest.render_week(digest.week_context(db, W47))).select_one("#changes")
    assert len(changes.select(".new-pairs li")) == 1
    assert changes.select_one(".new-pairs .more").get_text(strip=True) == "+ altre 1"
    assert len(changes.select(".flipped li")) == 1 and not changes.select(".flipped .more")


def test_weeks_with_statements_come_from_their_dates(db):
    assert digest.statement_weeks(db) == [W46, W47]
    assert digest.statement_weeks(db, speakers=["macron"]) == [W46]
    assert digest.statement_weeks(db, speakers=["Nessuno Mai Visto"]) == []


# -- safety and self-containment ---------------------------------------------------------------------------------
def test_page_is_self_contained(w47):
    assert not w47.find_all(["script", "img", "iframe", "object", "embed", "link", "video", "audio", "source"])
    css = " ".join(style.string for style in w47.find_all("style"))
    assert len(css) > 1000
    assert "@import" not in css and "url(" not in css
    resource_attrs = [el.get(attr) for el in w47.find_all(True) for attr in ("src", "srcset", "data", "poster")]
    assert resource_attrs == [None] * len(resource_attrs)
    assert "@media print" in css and re.search(r"@media \(max-width: \d+px\)", css)


def test_quotes_are_escaped_text_never_markup(w47):
    assert not w47.find_all(["script", "img"])
    texts = [a.blockquote.get_text() for a in w47.select("article.statement")]
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
    (None, None),
])
def test_safe_url(url, safe):
    assert digest.safe_url(url) == safe


def test_an_empty_week_says_so_and_the_command_still_writes_it(db, tmp_path):
    out = tmp_path / "empty.html"
    result = CliRunner().invoke(cli, ["digest", "--db", str(db), "--week", "2025-W10", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    soup = page(out.read_text(encoding="utf-8"))
    assert soup.select_one("#empty").get_text() == "Nessuna dichiarazione in questo periodo."
    assert figure(soup, "statements") == 0 and not soup.select("table.matrix")


# -- rendering without a database ----------------------------------------------------------------------------------
def test_render_week_takes_a_hand_built_context_and_user_templates_override(tmp_path):
    week = Period.week("2026-W01")
    context = WeekContext(
        period=week,
        headline=Headline(statements=1, speakers=1, most_quoted=[("Anna <b>", 1)]),
        matrix=digest.Matrix(),
        changes=digest.Changes(quiet=["Bruno"]),
        sections=[SpeakerSection("Anna <b>", "s-anna", [], [1, 0, 0, 0, 0, 0, 0], [None] * 8)],
        compared_to=week.before(),
        trend_weeks=[week] * 8,
    )
    soup = page(digest.render_week(context, lang="en"))
    assert soup.h1.get_text() == "Week 1 of 2026 (29 December 2025 – 4 January 2026)"
    assert soup.select_one(".most-quoted a")["href"] == "#s-anna"
    assert soup.select_one(".most-quoted a").get_text() == "Anna <b>"
    assert soup.select_one("#matrix .empty").get_text() == "No stances found."
    (tmp_path / "_changes.html").write_text("<p id='mine'>{{ c.changes.quiet|join }}</p>", encoding="utf-8")
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


# -- the command and the whole site ------------------------------------------------------------------------------
def test_digest_command_default_output_is_next_to_the_db(db):
    result = CliRunner().invoke(cli, ["digest", "--db", str(db), "--week", W47, "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = db.parent / "digests" / f"{W47}.html"
    assert result.output.strip() == f"wrote {out} ({W47}, 4 statements)"
    assert page(out.read_text(encoding="utf-8")).html["lang"] == "en"


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


def test_all_writes_weeks_index_and_a_valid_atom_feed(db, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["digest", "--db", str(db), "--all", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 weeks" in result.output and "4 files written, 0 unchanged" in result.output
    assert sorted(p.name for p in out.glob("*.html")) == [f"{W46}.html", f"{W47}.html", "index.html"]

    index = page((out / "index.html").read_text(encoding="utf-8"))
    rows = [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in index.select("tbody tr")]
    assert [tr.a["href"] for tr in index.select("tbody tr")] == [f"{W47}.html", f"{W46}.html"]
    assert rows[0][1:5] == ["4", "2", "2", "3"]
    assert page((out / f"{W46}.html").read_text(encoding="utf-8")).select_one('a[href="index.html"]')

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.tag == f"{atom}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(atom + name).text
    entries = feed.findall(atom + "entry")
    assert [e.find(atom + "link").get("href") for e in entries] == [f"{W47}.html", f"{W46}.html"]
    for entry in entries:
        assert entry.find(atom + "id").text.endswith(entry.find(atom + "link").get("href")[:-5])
        assert datetime.fromisoformat(entry.find(atom + "updated").text).tzinfo is not None
        assert entry.find(atom + "title").text.startswith("Settimana")
    assert entries[0].find(atom + "summary").text.startswith("4 dichiarazioni di 2 persone in 2 articoli")


def test_rerunning_all_rewrites_only_the_weeks_whose_data_changed(tmp_path):
    path, out = tmp_path / "q.db", tmp_path / "site"
    with Store(path) as store:
        fill(store)
    first = digest.write_all(path, out, now=datetime(2026, 11, 23, tzinfo=timezone.utc))
    assert len(first.written) == 4 and not first.unchanged
    again = digest.write_all(path, out, now=datetime(2026, 11, 24, tzinfo=timezone.utc))
    assert again.written == [] and len(again.unchanged) == 4

    with Store(path) as store:
        store.add(article(9, date(2026, 11, 19), text="Un altro articolo."), [
            said(9, "Nuova frase sul cessate il fuoco", "Volodymyr Zelensky")])
    later = datetime(2026, 11, 25, tzinfo=timezone.utc)
    third = digest.write_all(path, out, now=later)
    assert sorted(p.name for p in third.written) == [f"{W47}.html", "feed.xml", "index.html"]
    assert [p.name for p in third.unchanged] == [f"{W46}.html"]
    entries = ET.parse(out / "feed.xml").getroot().findall("{http://www.w3.org/2005/Atom}entry")
    updated = [e.find("{http://www.w3.org/2005/Atom}updated").text for e in entries]
    assert updated == [later.isoformat(), "2026-11-23T00:00:00+00:00"]


def test_speaker_filter_keeps_only_those_speakers(db):
    context = digest.week_context(db, W47, speakers=["zelensky"])
    assert [s.name for s in context.sections] == ["Volodymyr Zelensky"]
    assert context.headline.statements == 1
    assert [row.speaker for row in context.matrix.rows] == ["Volodymyr Zelensky"]
    soup = page(digest.render_week(context))
    assert soup.select_one(".filter").get_text() == "Solo: zelensky"


def test_a_date_range_page(db, tmp_path):
    out = tmp_path / "range.html"
    result = CliRunner().invoke(
        cli, ["digest", "--db", str(db), "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    soup = page(out.read_text(encoding="utf-8"))
    assert soup.h1.get_text() == "Dal 1 novembre 2026 al 30 novembre 2026"
    assert figure(soup, "statements") == 7
    assert len(section(soup, "Donald Trump").select_one("svg.days").select("rect")) == 30

"""Web ingest against a local news site (tests/localweb.py, pages in tests/web/): feeds and pages in, only the
article bodies' statements stored, polite and conditional fetching, one line per failed URL."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import socket
import sqlite3

import pytest
from click.testing import CliRunner
from localweb import PAGES, LocalSite, Route
from readme_examples import commands

from quotetrack import __version__
from quotetrack.cli import cli
from quotetrack.ingest import read_paths
from quotetrack.models import Article, ReadFailure
from quotetrack.web import Fetcher, FetchError, FetchPolicy, Validators, WebReader, parse_feed, read_url_list

# statements of the three article bodies, and quotes that stand in their pages' boilerplate (a related-articles box,
# comment threads, image captions, a newsletter box, a "most read" sidebar, a cookie notice)
BODY_QUOTES = [
    "Il ponte sarà pronto a maggio, e non un giorno dopo",
    "la parte più difficile è alle spalle",
    "Preferiamo aspettare e fare una gara seria",
    "I ragazzi ritroveranno una scuola più sicura e più luminosa",
]
BOILERPLATE = [
    "Lavoriamo anche di notte", "Sulla frana serve un piano nuovo", "Chiuderemo la scuola", "Lo dicono da anni",
    "Accetta tutto", "Qui non cambia mai niente", "La fiera di maggio", "Tariffe troppo alte", "Le notizie di Collina",
    "entro l'estate", "Aspettare", "Strada chiusa", "Accogliamo tutti", "Sembra un'altra scuola",
    "Apriremo anche la domenica", "Così non si può andare avanti", "Era ora",
]
NO_WAIT = FetchPolicy(delay=0, backoff=0, timeout=5)


def ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args), "--engine", "builtin", "--delay", "0"],
                              catch_exceptions=False)


@pytest.fixture()
def site():
    with LocalSite() as local:
        local.page("/feed.xml", "feed.xml", etag='"feed-v1"')
        local.page("/cronaca/ponte.html", "ponte.html")
        local.page("/comune/mercato.html", "mercato.html")
        local.page("/scuola/carducci.html", "scuola.html")
        yield local


def stored(db) -> tuple[list[dict], list[str]]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        articles = [dict(r) for r in conn.execute("SELECT * FROM articles ORDER BY url")]
        quotes = [r["quote"] for r in conn.execute("SELECT quote FROM statements")]
    return articles, quotes


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- the acceptance: a feed of N items ------------------------------------------------------------------


def test_a_feed_stores_its_items_with_the_feeds_titles_and_dates_and_only_body_statements(site, tmp_path):
    db = tmp_path / "q.db"
    result = ingest(site.url("/feed.xml"), "--db", db)
    assert result.exit_code == 0, result.output
    assert "articles: 3 new, 0 already stored, 0 failed" in result.output
    articles, quotes = stored(db)
    by_url = {a["url"]: a for a in articles}
    pages = ("/cronaca/ponte.html", "/comune/mercato.html", "/scuola/carducci.html")
    assert set(by_url) == {site.url(p) for p in pages}
    ponte, mercato, scuola = (by_url[site.url(p)] for p in pages)
    # the feed's title and date win; 00:30 at +0200 is still the 2nd where it was written (1 April in UTC)
    assert (ponte["title"], ponte["published"], ponte["author"]) == (
        "Ponte sul fiume, il sindaco: pronto a maggio", "2025-04-02", "Giulia Ferraresi")
    # no date in the feed: the page's article:published_time; a relative item link is made absolute
    assert (mercato["title"], mercato["published"], mercato["source"]) == (
        "Mercato coperto, gara rinviata di sei mesi", "2025-04-03", "Corriere di Collina")
    # outlet and author from the page's JSON-LD
    assert (scuola["published"], scuola["source"], scuola["author"]) == ("2025-04-04", "Eco della Pianura",
                                                                          "Paolo Ruggeri")
    for quote in BODY_QUOTES:
        assert any(quote in q for q in quotes), quote
    text = "\n".join(a["text"] for a in articles) + "\n".join(quotes)
    for phrase in BOILERPLATE:
        assert phrase not in text, phrase


def test_running_it_again_asks_only_for_the_feed_which_answers_304_and_stores_nothing(site, tmp_path):
    db = tmp_path / "q.db"
    ingest(site.url("/feed.xml"), "--db", db)
    first = stored(db)
    site.requests.clear()
    again = ingest(site.url("/feed.xml"), "--db", db)
    assert again.exit_code == 0
    assert "articles: 0 new, 3 already stored, 0 failed; statements found: 0" in again.output
    assert site.paths() == ["/robots.txt", "/feed.xml"]
    feed_request = site.requests[1]
    assert (feed_request.headers.get("If-None-Match"), feed_request.status) == ('"feed-v1"', 304)
    assert stored(db) == first


def test_a_changed_feed_brings_only_its_new_item(site, tmp_path):
    db = tmp_path / "q.db"
    ingest(site.url("/feed.xml"), "--db", db)
    feed = (PAGES / "feed.xml").read_text(encoding="utf-8").replace("{base}", site.base)
    new_item = "<item><title>Nuova rotonda</title><link>/cronaca/rotonda.html</link></item>\n  <item>"
    site.routes["/feed.xml"] = Route(feed.replace("<item>", new_item, 1).encode(), "application/rss+xml",
                                     etag='"feed-v2"')
    site.routes["/cronaca/rotonda.html"] = Route(
        "<html><body><article><p>La rotonda di via Dante aprirà domani, ha annunciato il comune.</p>"
        "<p>«Sarà più sicura per tutti», ha detto l'assessore Piero Gatti.</p></article></body></html>".encode())
    site.requests.clear()
    result = ingest(site.url("/feed.xml"), "--db", db)
    assert "articles: 1 new, 3 already stored, 0 failed" in result.output
    assert site.paths() == ["/robots.txt", "/feed.xml", "/cronaca/rotonda.html"]


def test_a_missing_or_unreachable_item_gets_one_line_the_others_are_stored_and_exit_status_is_1(site, tmp_path):
    dead = f"http://127.0.0.1:{closed_port()}/esteri/vertice.html"
    feed = (PAGES / "feed.xml").read_text(encoding="utf-8").replace("{base}", site.base)
    extra = (f"<item><title>Sparito</title><link>{site.base}/cronaca/sparito.html</link></item>"
             f"<item><title>Irraggiungibile</title><link>{dead}</link></item></channel>")
    site.routes["/feed.xml"] = Route(feed.replace("</channel>", extra).encode(), "application/rss+xml", etag='"x"')
    db = tmp_path / "q.db"
    result = CliRunner().invoke(cli, ["ingest", site.url("/feed.xml"), "--db", str(db), "--engine", "builtin",
                                      "--delay", "0"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {site.base}/cronaca/sparito.html: HTTP 404 Not Found",
                      f"Error: {dead}: connection refused"]
    assert "articles: 3 new, 0 already stored, 2 failed" in result.stdout
    assert "Traceback" not in result.output
    assert len(stored(db)[0]) == 3
    # the next run answers the stored items from the database and asks again for the failed ones only
    site.requests.clear()
    again = CliRunner().invoke(cli, ["ingest", site.url("/feed.xml"), "--db", str(db), "--engine", "builtin",
                                     "--delay", "0"])
    assert again.exit_code == 1
    assert site.paths() == ["/robots.txt", "/feed.xml", "/cronaca/sparito.html"]


def test_robots_txt_disallow_is_respected_without_a_request(site, tmp_path):
    site.page("/privato/bozza.html", "ponte.html")
    result = CliRunner().invoke(cli, ["ingest", site.url("/privato/bozza.html"), site.url("/cronaca/ponte.html"),
                                      "--db", str(tmp_path / "q.db"), "--engine", "builtin", "--delay", "0"])
    assert result.exit_code == 1
    assert f"Error: {site.base}/privato/bozza.html: disallowed by robots.txt" in result.stderr
    assert "/privato/bozza.html" not in site.paths()
    assert site.paths() == ["/robots.txt", "/cronaca/ponte.html"]


def test_a_page_url_is_stored_once_and_not_fetched_again(site, tmp_path):
    db = tmp_path / "q.db"
    first = ingest(site.url("/cronaca/ponte.html"), "--db", db)
    assert "articles: 1 new" in first.output
    [article], _ = stored(db)
    # no feed: title, date, author and outlet come from the page itself
    assert (article["title"], article["published"], article["author"], article["source"]) == (
        "Il sindaco di Borgoverde: «Il ponte sarà pronto a maggio»", "2025-04-02", "Giulia Ferraresi",
        "La Gazzetta di Valle")
    site.requests.clear()
    again = ingest(site.url("/cronaca/ponte.html"), "--db", db)
    assert "articles: 0 new, 1 already stored" in again.output
    assert site.requests == []


def test_feeds_file_and_a_progress_bar_whose_total_comes_from_the_feed(site, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# cronaca locale\n{site.url('/feed.xml')}\n\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--feeds", str(feeds), "--db", str(tmp_path / "q.db"),
                                      "--engine", "builtin", "--delay", "0", "--progress"])
    assert result.exit_code == 0
    assert "3/3" in result.stderr and "100%" in result.stderr
    bad = tmp_path / "bad.txt"
    bad.write_text("https://example.org/feed.xml\nfeed.xml\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["ingest", "--feeds", str(bad), "--db", str(tmp_path / "q.db")])
    assert refused.exit_code == 2 and "line 2 is not an http(s) URL: feed.xml" in refused.output


def test_extract_reads_a_url_without_a_database(site, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["extract", site.url("/scuola/carducci.html"), "--engine", "builtin"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["article"] for r in records} == {site.url("/scuola/carducci.html")}
    assert any(r["speaker"] == "Elena Marchi" for r in records)
    assert not list(tmp_path.rglob("*.db"))


def test_the_readmes_local_example_runs(tmp_path):
    with LocalSite() as local:
        local.page("/ponte.html", "ponte.html")
        outputs = []
        for args in commands("Follow feeds and web pages", "quotetrack "):
            if "/tmp/prova.db" in args:  # the try-it-locally lines
                args = [a.replace("http://127.0.0.1:8000", local.base).replace("/tmp/prova.db", str(tmp_path / "p.db"))
                        for a in args]
                outputs.append(CliRunner().invoke(cli, args + ["--delay", "0"] * (args[0] == "ingest")))
    ingested, listed = outputs
    assert "articles: 1 new" in ingested.output
    assert "Il ponte sarà pronto a maggio" in listed.output and "Lavoriamo anche di notte" not in listed.output


# --- saved pages read the same way --------------------------------------------------------------------------------


def test_saved_html_files_keep_only_the_article_body(tmp_path):
    articles = [a for a in read_paths([str(PAGES)]) if isinstance(a, Article)]
    assert len(articles) == 3
    text = "\n".join(a.text for a in articles)
    for quote in BODY_QUOTES:
        assert quote in text
    for phrase in BOILERPLATE:
        assert phrase not in text
    ponte = next(a for a in articles if a.id == "ponte")
    # paragraphs stay paragraphs
    assert "del cantiere.\n\nSecondo l'assessore" in ponte.text


# --- the Python API: WebReader, Fetcher, parse_feed -------------------------------------------------------------


def test_web_reader_without_a_store_reads_a_feed_and_counts_its_items(site):
    counted = []
    reader = WebReader(fetcher=Fetcher(NO_WAIT), on_found=counted.append)
    results = list(reader.read(site.url("/feed.xml"), date=dt.date(2025, 5, 1)))
    assert [type(r) for r in results] == [Article] * 3 and counted == [3]
    assert {r.published for r in results} == {dt.date(2025, 5, 1)}  # `date` overrides feed and page


def test_fetcher_retries_a_busy_server_with_growing_pauses(site):
    site.routes["/lento.html"] = [Route(b"", status=503), Route(b"", status=502), Route(b"<p>Ecco.</p>")]
    pauses = []
    fetcher = Fetcher(FetchPolicy(delay=0, backoff=0.5), sleep=pauses.append)
    assert fetcher.get(site.url("/lento.html")).body == b"<p>Ecco.</p>"
    assert pauses == [0.5, 1.0]
    assert [r.status for r in site.requests if r.path == "/lento.html"] == [503, 502, 200]


def test_fetcher_gives_up_after_its_attempts_and_says_why(site):
    site.routes["/giu.html"] = Route(b"", status=503)
    with pytest.raises(FetchError, match=r"^HTTP 503 Service Unavailable after 3 tries$"):
        Fetcher(NO_WAIT).get(site.url("/giu.html"))
    site.routes["/troppi.html"] = Route(b"", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match=r"HTTP 429 Too Many Requests \(asked to retry after 3600 s\)"):
        Fetcher(NO_WAIT).get(site.url("/troppi.html"))


def test_fetcher_waits_its_turn_per_host_and_honours_crawl_delay(site):
    clock = [100.0]
    pauses = []

    def sleep(seconds):
        pauses.append(round(seconds, 3))
        clock[0] += seconds

    fetcher = Fetcher(FetchPolicy(delay=2.0), sleep=sleep, clock=lambda: clock[0])
    fetcher.get(site.url("/cronaca/ponte.html"))  # robots.txt, then the page: one turn apart
    fetcher.get(site.url("/comune/mercato.html"))
    assert pauses == [2.0, 2.0]
    site.routes["/robots.txt"] = Route(b"User-agent: quotetrack\nCrawl-delay: 5\n", content_type="text/plain")
    slow = Fetcher(FetchPolicy(delay=2.0), sleep=sleep, clock=lambda: clock[0])
    pauses.clear()
    slow.get(site.url("/cronaca/ponte.html"))
    slow.get(site.url("/comune/mercato.html"))
    assert pauses == [5.0, 5.0]


def test_fetcher_names_itself_and_sends_validators(site):
    site.routes["/pagina.html"] = Route(b"<p>x</p>", etag='"e1"', last_modified="Wed, 02 Apr 2025 10:00:00 GMT")
    fetcher = Fetcher(NO_WAIT)
    first = fetcher.get(site.url("/pagina.html"))
    assert first.validators == Validators('"e1"', "Wed, 02 Apr 2025 10:00:00 GMT")
    assert site.requests[-1].headers["User-Agent"].startswith(f"quotetrack/{__version__}")
    assert fetcher.get(site.url("/pagina.html"), first.validators).status == 304
    site.routes["/vecchia.html"] = Route(b"<p>y</p>", last_modified="Tue, 01 Apr 2025 10:00:00 GMT")
    assert fetcher.get(site.url("/vecchia.html"), Validators(None, "Tue, 01 Apr 2025 10:00:00 GMT")).status == 304


def test_fetcher_unpacks_gzip_and_refuses_oversized_answers(site):
    page = "<p>Testo compresso «con virgolette».</p>".encode()
    site.routes["/gz.html"] = Route(gzip.compress(page), headers={"Content-Encoding": "gzip"})
    assert Fetcher(NO_WAIT).get(site.url("/gz.html")).body == page
    site.routes["/enorme.html"] = Route(gzip.compress(b" " * 3_000_000), headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="response too large"):
        Fetcher(FetchPolicy(delay=0, max_bytes=1_000_000)).get(site.url("/enorme.html"))


def test_a_robots_txt_server_error_forbids_the_host(site):
    site.routes["/robots.txt"] = Route(b"", status=500)
    with pytest.raises(FetchError, match=r"robots.txt unreachable \(HTTP 500 .*\), so nothing is fetched"):
        Fetcher(NO_WAIT).get(site.url("/cronaca/ponte.html"))
    assert "/cronaca/ponte.html" not in site.paths()


def test_urls_with_spaces_accents_or_a_broken_host(site, tmp_path):
    site.routes["/cronaca/perch%C3%A9%20no.html"] = Route((PAGES / "ponte.html").read_bytes())
    result = CliRunner().invoke(cli, ["ingest", site.url("/cronaca/perché no.html"), "http://[x/pagina.html",
                                      "--db", str(tmp_path / "q.db"), "--engine", "builtin", "--delay", "0"])
    assert result.exit_code == 1
    assert "articles: 1 new, 0 already stored, 1 failed" in result.stdout
    assert result.stderr.splitlines()[-1] == "Error: http://[x/pagina.html: invalid URL (Invalid IPv6 URL)"


def test_a_non_article_answer_is_a_failure_not_an_article(site):
    site.routes["/foto.jpg"] = Route(b"\xff\xd8\xff\xe0", content_type="image/jpeg")
    [failure] = WebReader(fetcher=Fetcher(NO_WAIT)).read(site.url("/foto.jpg"))
    assert failure == ReadFailure(site.url("/foto.jpg"), "not an article page (content type image/jpeg)")


def test_parse_feed_reads_atom_links_dates_as_written_and_skips_repeats_and_broken_links():
    base = "https://eco.example.it"
    feed = parse_feed((PAGES / "atom.xml").read_bytes().replace(b"{base}", base.encode()), base + "/atom.xml")
    assert feed.title == "Eco della Pianura"
    assert [(i.url, i.published, i.author) for i in feed.items] == [
        (base + "/scuola/carducci.html", dt.date(2025, 4, 4), "Paolo Ruggeri"),  # 23:10 at +0200: the 4th
        (base + "/comune/mercato.html", dt.date(2025, 4, 3), None),  # only <updated>
    ]
    assert parse_feed((PAGES / "ponte.html").read_bytes(), base) is None


def test_a_url_list_skips_comments_and_blank_lines():
    assert read_url_list("# feed\nhttps://a.example/rss\n\n  http://b.example/x#frammento\n") == [
        "https://a.example/rss", "http://b.example/x#frammento"]
    with pytest.raises(ValueError, match="line 1 is not an http"):
        read_url_list("ftp://a.example/rss")

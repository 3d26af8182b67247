"""Reading articles: formats, header styles, metadata, encodings, the shared seeds and the built-in samples."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from quotetrack.ingest import article_from_text, normalise, read_paths, sample_paths
from quotetrack.models import Article
from quotetrack.textnorm import strip_markdown

BODY = "Il vertice si è chiuso in serata.\n«Siamo soddisfatti», ha detto Tajani."


def read_one(path, **kwargs) -> Article:
    results = list(read_paths([str(path)], **kwargs))
    assert len(results) == 1 and isinstance(results[0], Article), results
    return results[0]


# --- formats and header styles ------------------------------------------------------------------------------------


def test_plain_text_header_block_gives_metadata_and_the_body_after_it(tmp_path):
    path = tmp_path / "001_vertice.txt"
    path.write_text(f"title: Vertice a Roma\ndate: 2025-03-14\nsource: Il Quotidiano\nurl: https://x.it/a\n\n{BODY}\n",
                    encoding="utf-8")
    article = read_one(path)
    assert article.id == "001_vertice"
    assert article.text == BODY
    assert (article.title, article.published, article.dated) == ("Vertice a Roma", dt.date(2025, 3, 14), True)
    assert (article.source, article.url, article.path) == ("Il Quotidiano", "https://x.it/a", str(path))


def test_a_colon_headline_is_text_not_a_header(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Meloni: «Nessun soldato in Ucraina»\n\nLa premier ha parlato a Bruxelles.", encoding="utf-8")
    article = read_one(path)
    assert article.text.startswith("Meloni: «Nessun soldato in Ucraina»")
    assert article.title == "Meloni: «Nessun soldato in Ucraina»"


def test_markdown_front_matter_heading_and_emphasis(tmp_path):
    path = tmp_path / "nota.md"
    path.write_text("---\ntitle: Nota\ndate: 2025-03-20\nsource: Blog\n---\n\n# Un titolo\n\n"
                    "Testo **forte**, __sottolineato__ e *enfatico*; 5 * 3 resta.\n", encoding="utf-8")
    article = read_one(path)
    assert article.text == "Un titolo\n\nTesto forte, sottolineato e enfatico; 5 * 3 resta."
    assert (article.title, article.published, article.source) == ("Nota", dt.date(2025, 3, 20), "Blog")


def test_html_drops_chrome_keeps_paragraphs_and_reads_meta_tags(tmp_path):
    path = tmp_path / "pagina.html"
    path.write_text(
        """<html><head><title>Titolo - Sito</title>
        <meta property="og:site_name" content="Il Sito"><meta name="date" content="2025-03-18">
        <meta property="og:url" content="https://sito.it/p"><script>var q = "«no»";</script><style>p{}</style></head>
        <body><nav>Home | Esteri</nav><header>Testata</header>
        <article><h1>Il titolo</h1><p>Primo &laquo;paragrafo&raquo;
        su due righe.</p><p>Secondo<br>a capo</p></article>
        <aside>Leggi anche</aside><form>Iscriviti</form><noscript>JS</noscript><footer>Contatti</footer></body></html>""",
        encoding="utf-8",
    )
    article = read_one(path)
    assert article.text == "Il titolo\n\nPrimo «paragrafo» su due righe.\n\nSecondo\na capo"
    assert (article.title, article.published) == ("Il titolo", dt.date(2025, 3, 18))
    assert (article.source, article.url) == ("Il Sito", "https://sito.it/p")


def test_html_time_element_and_canonical_link(tmp_path):
    path = tmp_path / "p.htm"
    path.write_text('<link rel="canonical" href="https://cronaca.it/x">'
                    '<p><time datetime="2025-03-24T08:00">oggi</time></p>'
                    "<p>Testo dell'articolo.</p>", encoding="utf-8")
    article = read_one(path)
    assert (article.published, article.url) == (dt.date(2025, 3, 24), "https://cronaca.it/x")


def test_json_object_and_list(tmp_path):
    (tmp_path / "uno.json").write_text(json.dumps({"id": "x1", "text": BODY, "title": "T", "date": "2025-03-10"}),
                                       encoding="utf-8")
    (tmp_path / "lista.json").write_text(json.dumps([{"body": "Primo testo."}, {"text": "Secondo testo."}]),
                                         encoding="utf-8")
    results = list(read_paths([str(tmp_path)]))
    assert [(a.id, a.text) for a in results] == [
        ("lista-1", "Primo testo."), ("lista-2", "Secondo testo."), ("x1", BODY)]
    assert results[2].title == "T" and results[2].published == dt.date(2025, 3, 10)


def test_jsonl_records_with_fields(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": 7, "text": "Uno.", "source": "Agenzia", "url": "https://a.it/7"}) + "\n\n"
                    + json.dumps({"text": "Due."}) + "\n", encoding="utf-8")
    first, second = read_paths([str(path)])
    assert (first.id, first.source, first.url) == ("7", "Agenzia", "https://a.it/7")
    assert (second.id, second.text) == ("feed-2", "Due.")


def test_stdin_plain_text_and_json(tmp_path):
    [article] = read_paths(["-"], stdin=io.StringIO("title: Da stdin\n\nTesto letto da stdin.\n"))
    assert (article.id, article.title, article.text) == ("stdin", "Da stdin", "Testo letto da stdin.")
    records = list(read_paths(["-"], stdin=io.StringIO('{"text": "a."}\n{"text": "b."}\n')))
    assert [a.id for a in records] == ["stdin-1", "stdin-2"]


def test_folders_are_read_recursively_sorted_skipping_hidden_and_unknown_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Due.", encoding="utf-8")
    (tmp_path / "1.md").write_text("Uno.", encoding="utf-8")
    (tmp_path / "3.txt").write_text("Tre.", encoding="utf-8")
    (tmp_path / ".nascosto.txt").write_text("No.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("No.", encoding="utf-8")
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    items = list(read_paths([str(tmp_path)]))
    assert [a.text for a in items if isinstance(a, Article)] == ["Uno.", "Tre.", "Due."]
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Article", "Skipped"]  # foto.jpg


# --- normalisation -------------------------------------------------------------------------------------------------


def test_normalise_keeps_every_quote_mark_and_fixes_only_layout():
    text = "Titolo  \r\n«uno» “due” \"tre\" ‘quattro’ „cinque“ l’ho detto\r\n\r\n\r\n"
    assert normalise(text) == "Titolo\n«uno» “due” \"tre\" ‘quattro’ „cinque“ l’ho detto"


def test_normalise_is_nfc_and_idempotent():
    decomposed = "perche\u0301 cosi\u0300"
    assert normalise(decomposed) == "perché così"
    assert normalise(normalise(decomposed)) == normalise(decomposed)


@pytest.mark.parametrize("markdown, text", [
    ("# Titolo ##", "Titolo"), ("## Titolo#", "Titolo#"), ("# ###", "###"), ("# Titolo  \t", "Titolo"),
    ("**grassetto** e __sottolineato__", "grassetto e sottolineato"), ("***tutti e due***", "tutti e due"),
    ("*corsivo*, 5 * 3 e snake_case", "corsivo, 5 * 3 e snake_case"),
    ("**aperto e mai chiuso *e __altro", "**aperto e mai chiuso *e __altro"),
    ("# Titolo" + " " * 5000 + "fine", "Titolo" + " " * 5000 + "fine"),  # a run of spaces: read once, not per space
])
def test_markdown_marks_are_removed_and_unclosed_ones_kept(markdown, text):
    """The patterns behind this run in linear time (bench/linearity.py: unclosed_emphasis, heading_spaces)."""
    assert strip_markdown(markdown) == text


def test_code_fences_are_removed_and_html_inside_them_is_parsed():
    # the answer's preamble stands outside the page's paragraphs: main-text extraction leaves it out
    article = article_from_text("Risposta:\n```html\n<p>Uno.</p>\n<p>Due.</p>\n```\n", "x")
    assert article.text == "Uno.\n\nDue."


def test_a_repeated_headline_stays_in_the_text():
    article = article_from_text("Titolo breve\nSommario.\nTitolo breve\nCorpo dell'articolo.", "x")
    assert article.title == "Titolo breve"
    assert article.text.count("Titolo breve") == 2


# --- metadata ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("start, expected", [
    ("Mosca, 14 Giugno 2024 - Il portavoce", dt.date(2024, 6, 14)),
    ("Roma, 29 settembre 2010. Dopo i toni", dt.date(2010, 9, 29)),
    ("ROMA, lunedì 10 marzo 2025 – La premier", dt.date(2025, 3, 10)),
    ("Kiev, 1° marzo 2025: nuovi attacchi", dt.date(2025, 3, 1)),
])
def test_an_italian_dateline_dates_the_article(start, expected):
    article = article_from_text(f"Un titolo\n{start} e altro testo.", "x")
    assert (article.published, article.dated) == (expected, True)


def test_a_date_in_the_middle_of_a_sentence_is_not_a_dateline():
    article = article_from_text("Il 14 marzo 2025, Trump ha parlato con Putin.", "x")
    assert article.dated is False


def test_an_undated_article_keeps_no_invented_date():
    article = article_from_text("Testo senza data.", "x")
    assert (article.published, article.dated) == (None, False)


def test_an_unparseable_header_or_record_date_keeps_the_article_undated(tmp_path):
    (tmp_path / "a.txt").write_text("date: ieri sera\n\nTesto.", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"text": "Testo.", "date": "2025-02-30"}', encoding="utf-8")
    results = list(read_paths([str(tmp_path)]))
    assert [type(r) for r in results] == [Article, Article]
    assert [(r.published, r.dated) for r in results] == [(None, False), (None, False)]


def test_the_date_argument_overrides_every_date_found(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date: 2025-03-14\n\nRoma, 1 marzo 2025 - Testo.", encoding="utf-8")
    article = read_one(path, date=dt.date(2025, 3, 20))
    assert (article.published, article.dated) == (dt.date(2025, 3, 20), True)


def test_a_copyright_footer_names_the_outlet():
    article = article_from_text("Testo dell'articolo.\nRiproduzione riservata © Copyright La Milano", "x")
    assert article.source == "La Milano"


# --- encodings -----------------------------------------------------------------------------------------------------

ITALIAN = "Perché la città è già lì: «più forza», disse."


@pytest.mark.parametrize("encoded", [
    ITALIAN.encode("utf-8"),
    b"\xef\xbb\xbf" + ITALIAN.encode("utf-8"),
    ITALIAN.encode("utf-16"),  # with BOM
    ITALIAN.encode("utf-16-le"),
    ITALIAN.encode("utf-16-be"),
    ITALIAN.encode("cp1252"),
    (ITALIAN + " “virgolette” e l’apostrofo").encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "cp1252", "cp1252-curly"])
def test_encodings_are_decoded_without_mojibake(tmp_path, encoded):
    path = tmp_path / "a.txt"
    path.write_bytes(encoded)
    text = read_one(path).text
    assert text.startswith(ITALIAN)
    assert "Ã" not in text and "\ufeff" not in text


# --- the shared seeds and the built-in samples ----------------------------------------------------------------------


def test_seed_004_loses_its_fence_and_emphasis_and_is_dated_by_its_dateline(seeds_dir):
    [article] = [a for a in read_paths([str(seeds_dir)]) if isinstance(a, Article) and a.id.startswith("004_")]
    assert "```" not in article.text and "**" not in article.text
    assert article.text.startswith("Guerra in Ucraina: Mosca strizza l'occhio")
    assert (article.published, article.dated) == (dt.date(2024, 6, 14), True)


def test_seed_000_source_comes_from_its_footer_and_offsets_match_the_gold(seeds_dir):
    [article] = [a for a in read_paths([str(seeds_dir)]) if isinstance(a, Article) and a.id.startswith("000_")]
    assert article.source == "La Milano"
    gold = [json.loads(line) for line in (seeds_dir / "expected.jsonl").read_text(encoding="utf-8").splitlines()]
    direct = [g["quote"] for g in gold if g["article"] == article.id and g["kind"] == "direct"]
    assert direct and all(quote in article.text for quote in direct)


def test_the_samples_read_cleanly_and_contain_every_expected_quote():
    articles = [r for r in read_paths(str(p) for p in sample_paths())]
    assert all(isinstance(a, Article) for a in articles) and len(articles) == 5
    assert all(a.dated and a.title and a.source for a in articles)
    assert {a.published.isocalendar().week for a in articles} <= {10, 11, 12, 13}
    texts = {a.id: a.text for a in articles}
    expected_file = sample_paths()[0].parent.parent / "expected.jsonl"
    expected = [json.loads(line) for line in expected_file.read_text(encoding="utf-8").splitlines()]
    assert len(expected) >= 20
    assert all(e["quote"] in texts[e["article"]] for e in expected)
    assert {e["kind"] for e in expected} == {"direct", "mixed", "indirect"}


def test_stdin_bytes_get_the_same_encoding_detection_as_files():
    stdin = io.TextIOWrapper(io.BytesIO(ITALIAN.encode("cp1252")))
    [article] = read_paths(["-"], stdin=stdin)
    assert article.text == ITALIAN


def test_a_folder_skips_its_readme_json_that_holds_no_articles_and_sidecar_annotations(tmp_path):
    (tmp_path / "001.txt").write_text("Il ministro ha parlato a lungo con i giornalisti.\n", encoding="utf-8")
    (tmp_path / "001.entities.json").write_text('[{"text": "ministro", "label": "PER", "start": 3, "end": 11}]')
    (tmp_path / "expected.jsonl").write_text('{"article": "001", "quote": "x"}\n')
    (tmp_path / "002.jsonl").write_text("")
    (tmp_path / "README.md").write_text("# Il corpus\n\nQuesta cartella contiene articoli.\n")
    items = list(read_paths([str(tmp_path)]))
    assert [(type(i).__name__, Path(i.path).name) for i in items] == [
        ("Skipped", "001.entities.json"), ("Article", "001.txt"), ("Skipped", "002.jsonl"),
        ("Skipped", "README.md"), ("Skipped", "expected.jsonl")]
    # named explicitly, the same gold file is an error the user sees
    [failure] = read_paths([str(tmp_path / "expected.jsonl")])
    assert "none of its 1 records has 'text' or 'body'" in failure.reason

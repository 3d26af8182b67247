"""The digest as a reader's browser shows it: a realistic archive's pages opened in headless Chromium (Playwright
driving Debian's chromium), at a desktop and a phone width, checked for clipped or overflowing content, for
accessibility with axe-core, and for requests that leave the page.

Needs Debian's `chromium` (`.ci/install-chromium`) and the `test` extra (playwright, axe-playwright-python);
skipped without them unless QUOTETRACK_REQUIRE_BROWSER=1. The archive is built from ../shared's Wikinews articles.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import realistic_archive
from quotetrack import digest

pytestmark = [pytest.mark.browser, pytest.mark.shared]

FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # belt and braces: even a stray request cannot leave the machine
]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SERIOUS = ("serious", "critical")

# Everything on the page that is drawn outside the window, and every element that clips or scrolls its content
# sideways (or a table cell whose content is wider than the cell). Visually hidden text is meant to be clipped.
FIND_OVERFLOW = """() => {
  const found = [];
  const root = document.documentElement, width = root.clientWidth;
  if (root.scrollWidth > width) found.push(`page scrolls sideways: ${root.scrollWidth} > ${width}`);
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.visually-hidden')) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.display === 'none' || (box.width === 0 && box.height === 0)) continue;
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls;
    if (box.right > width + 0.5 || box.left < -0.5) found.push(`${name} is drawn at ${box.left}..${box.right} of ${width}`);
    const cell = el.tagName === 'TD' || el.tagName === 'TH';
    if ((style.overflowX !== 'visible' || cell) && el.scrollWidth > el.clientWidth + 1)
      found.push(`${name} clips or scrolls: ${el.scrollWidth} > ${el.clientWidth}`);
  }
  return found;
}"""


def _require(reason: str):
    if os.environ.get("QUOTETRACK_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + "; QUOTETRACK_REQUIRE_BROWSER=1 makes it mandatory")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if not executable:
        _require("headless chromium not found (install it with .ci/install-chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory, wikinews_dir) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    db = realistic_archive.build(folder / "q.db", wikinews_dir)
    digest.write_all(db, folder / "site")
    return folder / "site"


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Path]:
    """The pages the issue names: a busy week, the index, a speaker's page (of the speaker quoted in the most weeks,
    so it has charts); and the undated statements."""
    busiest = max(digest.speaker_pages(digest.load_statements(site.parent / "q.db")),
                  key=lambda p: (len(p.weeks), p.statements, p.name))
    return {
        "week": site / f"{realistic_archive.MAIN_WEEK_KEY}.html",
        "index": site / "index.html",
        "speaker": site / "speakers" / f"{busiest.slug}.html",
        "undated": site / "undated.html",
    }


def open_page(browser, path: Path, width: str, requests: list[str] | None = None):
    w, h = WIDTHS[width]
    page = browser.new_page(viewport={"width": w, "height": h})
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page


def test_the_week_is_a_realistic_one(browser, pages):
    page = open_page(browser, pages["week"], "desktop")
    try:
        articles = int(page.inner_text('[data-figure="articles"]'))
        statements = int(page.inner_text('[data-figure="statements"]'))
    finally:
        page.close()
    assert articles >= 50 and statements >= 150


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["week", "index", "speaker", "undated"])
def test_nothing_clips_or_overflows_and_axe_finds_nothing_serious(browser, pages, name, width):
    from axe_playwright_python.sync_playwright import Axe

    requests: list[str] = []
    page = open_page(browser, pages[name], width, requests)
    try:
        overflow = page.evaluate(FIND_OVERFLOW)
        violations = Axe().run(page).response["violations"]
    finally:
        page.close()
    assert overflow == []
    serious = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}" for v in violations if v["impact"] in SERIOUS]
    assert serious == []
    assert [url for url in requests if not url.startswith("file:")] == []


def test_an_uncertain_speaker_is_marked_in_words_and_only_below_the_threshold(browser, pages):
    from quotetrack.models import SPEAKER_UNCERTAIN_BELOW

    page = open_page(browser, pages["week"], "phone")
    try:
        cards = page.eval_on_selector_all(
            "#speakers article.statement[data-confidence]",
            "cards => cards.map(c => [parseFloat(c.dataset.confidence), c.querySelector('.uncertain-label') !== null])")
        label = page.locator("#speakers .uncertain-label").first
        shown = label.is_visible() and label.inner_text()
    finally:
        page.close()
    assert any(marked for _, marked in cards) and not all(marked for _, marked in cards)
    assert all(marked == (confidence < SPEAKER_UNCERTAIN_BELOW) for confidence, marked in cards)
    assert shown == "Attribuzione incerta"


def test_the_matrix_is_a_grid_on_a_desktop_and_a_list_on_a_phone(browser, pages):
    desktop, phone = (open_page(browser, pages["week"], width) for width in WIDTHS)
    try:
        assert desktop.is_visible("table.matrix") and not desktop.is_visible(".matrix-list")
        assert phone.is_visible(".matrix-list") and not phone.is_visible("table.matrix")
        rows = desktop.eval_on_selector_all("table.matrix tbody tr", "rows => rows.map(r => r.querySelectorAll('td b').length)")
        assert rows and all(cells > 0 for cells in rows)  # no empty row
    finally:
        desktop.close()
        phone.close()


def test_the_speaker_page_draws_its_stance_over_time(browser, pages):
    page = open_page(browser, pages["speaker"], "phone")
    try:
        charts = page.eval_on_selector_all("svg.chart", "charts => charts.map(c => c.getBoundingClientRect().width)")
        labels = page.eval_on_selector_all(".axis li", "labels => labels.map(l => l.textContent)")
    finally:
        page.close()
    assert charts and all(width > 300 for width in charts)  # the chart spans the phone's column
    assert labels and labels[0].startswith("feb")


def test_print_shows_the_grid_and_hides_the_navigation(browser, pages):
    page = open_page(browser, pages["week"], "phone")
    try:
        page.emulate_media(media="print")
        assert page.is_visible("table.matrix") and not page.is_visible("nav.pages")
    finally:
        page.close()


def test_the_request_check_does_catch_a_page_that_loads_something(browser, tmp_path):
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!doctype html><title>x</title><img src="http://tracker.example/pixel.png">', encoding="utf-8")
    requests: list[str] = []
    page = open_page(browser, leaky, "phone", requests)
    page.close()
    assert "http://tracker.example/pixel.png" in requests


def test_the_overflow_check_does_catch_a_clipped_table(browser, tmp_path):
    clipped = tmp_path / "clipped.html"
    clipped.write_text('<!doctype html><title>x</title><div style="overflow-x:auto;width:200px">'
                       '<table><tr><td style="white-space:nowrap">' + "parola " * 60 + "</td></tr></table></div>",
                       encoding="utf-8")
    page = open_page(browser, clipped, "desktop")
    try:
        found = page.evaluate(FIND_OVERFLOW)
    finally:
        page.close()
    assert any(line.startswith("div clips or scrolls") for line in found)

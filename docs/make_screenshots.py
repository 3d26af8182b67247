"""Regenerate the README's screenshots of the digest: a real week and a speaker page.

Builds a scratch archive from ../shared/corpus/it-wikinews (every article, analysed by the built-in engine, dated
over twenty weeks by tests/realistic_archive.py), writes the whole site with `digest --all`, and photographs two
pages in headless Chromium (Playwright driving Debian's chromium) at 1280 px:

    python docs/make_screenshots.py [CORPUS_DIR]      # default: ../shared/corpus/it-wikinews

writes docs/digest-week.png and docs/digest-speaker.png. The text in them is Italian Wikinews' (CC BY 2.5).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))

import realistic_archive  # noqa: E402  (tests/ holds the archive builder the browser tests use too)

from quotetrack import digest  # noqa: E402

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SPEAKER = "Silvio Berlusconi"  # the speaker of the corpus quoted in the most weeks: his page has a history


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS.parent.parent / "shared" / "corpus" / "it-wikinews"
    browser = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as work:
        db = realistic_archive.build(Path(work) / "q.db", corpus, articles=2000, weeks_before=19, main_share=0.07)
        site = Path(work) / "site"
        digest.write_all(db, site)
        speaker = next(p for p in digest.speaker_pages(digest.load_statements(db)) if p.name == SPEAKER)
        shots = {
            "digest-week.png": (site / f"{realistic_archive.MAIN_WEEK_KEY}.html", 2300),
            "digest-speaker.png": (site / "speakers" / f"{speaker.slug}.html", 1500),
        }
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=browser, args=FLAGS)
            for name, (page_file, height) in shots.items():
                page = chromium.new_page(viewport={"width": 1280, "height": height})
                page.goto(page_file.as_uri())
                page.screenshot(path=DOCS / name)
                page.close()
                print(f"wrote {DOCS / name}")
            chromium.close()


if __name__ == "__main__":
    main()

"""A realistic archive for the digest's browser tests and its screenshots: real Wikinews articles, analysed by the
built-in engine, with fixed dates so every run gives the same pages.

By default the busiest week holds well over 50 articles; the weeks before it give the speaker pages a history and "what
changed" something to compare with; a few articles carry no date (they must land on the undated page, never in a
week); some are reprinted by a second outlet (one statement, two sources), as agencies' copy is.
"""
from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

from quotetrack import ingest, pipeline
from quotetrack.analysis import get_engine
from quotetrack.models import Article
from quotetrack.store import Store

MAIN_WEEK = date(2025, 3, 17)  # a Monday: 2025-W12
MAIN_WEEK_KEY = "2025-W12"
OUTLETS = ("Cronache d'Esempio", "Il Quotidiano di Prova", "La Gazzetta Inventata", "Radio Immaginaria")


def dated(article: Article, i: int, weeks_before: int, main_share: float) -> Article:
    """A `main_share` of the articles fall in the main week, the others in the weeks before it, spread evenly by a
    fixed rule; one in 17 has no date."""
    outlet = OUTLETS[i % len(OUTLETS)]
    if i % 17 == 5:
        return dataclasses.replace(article, published=None, source=outlet, url=None)
    back = 0 if (i * 37) % 100 < main_share * 100 else 1 + (i * 13) % weeks_before
    return dataclasses.replace(article, published=MAIN_WEEK - timedelta(days=7 * back) + timedelta(days=i % 7),
                               source=outlet, url=f"https://news.example/{article.id}")


def reprint(article: Article, i: int) -> Article:
    """The same report in another outlet a day later (a different text, so a different article)."""
    outlet = OUTLETS[(i + 1) % len(OUTLETS)]
    return dataclasses.replace(
        article, id=f"{article.id}-r", text=f"{article.text}\n\nRipreso da {outlet}.", source=outlet,
        published=article.published + timedelta(days=1) if article.published else None,
        url=f"https://other.example/{article.id}",
    )


def build(db: Path, corpus: Path, articles: int = 120, weeks_before: int = 5, main_share: float = 0.67) -> Path:
    paths = sorted(corpus.glob("*.txt"))[:articles]
    read = [a for a in ingest.read_paths([str(p) for p in paths]) if isinstance(a, Article)]
    chosen = [dated(article, i, weeks_before, main_share) for i, article in enumerate(read)]
    chosen += [reprint(article, i) for i, article in enumerate(chosen) if i % 7 == 3 and article.published]
    with Store(db) as store:
        store.add_many(pipeline.process(chosen, get_engine("builtin")))
    return db

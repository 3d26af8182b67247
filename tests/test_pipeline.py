"""pipeline.process: the garbage collector's pace while articles are analysed."""
from __future__ import annotations

import gc
from datetime import date

from quotetrack.models import Article
from quotetrack.pipeline import process

ARTICLE = Article(
    id="a1",
    text="Il ministro Mario Rossi ha dichiarato: «La Francia ha tradito gli accordi sull'energia».",
    published=date(2025, 3, 1),
)


def test_collector_runs_rarely_while_articles_are_processed_and_as_before_afterwards():
    before = gc.get_threshold()
    seen = []
    for done in process([ARTICLE, ARTICLE]):
        seen.append(gc.get_threshold())
        assert done.statements and done.statements[0].speaker == "Mario Rossi"
    assert seen and all(threshold[0] >= 50_000 for threshold in seen)
    assert gc.get_threshold() == before


def test_threshold_is_restored_when_the_consumer_stops_early():
    before = gc.get_threshold()
    articles = process([ARTICLE] * 3)
    next(articles)
    articles.close()
    assert gc.get_threshold() == before

"""Run the stages over articles: analysis → extraction → stance. Storing is the caller's choice."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .analysis import Document, Engine, get_engine
from .kb import KnowledgeBase, default_kb
from .lang import get as get_language
from .models import Article, Statement, skipped_summary


@dataclass(frozen=True)
class Processed:
    article: Article
    statements: tuple[Statement, ...] = ()


def statements_of(doc: Document) -> tuple[Statement, ...]:
    """Statements of one analysed article, each with its targets and stances."""
    from .extract import extract_statements
    from .stance import annotate

    return annotate(doc, extract_statements(doc))


def process(
    articles: Iterable[Article],
    engine: Engine | None = None,
    kb: KnowledgeBase | None = None,
    batch_size: int = 16,
) -> Iterator[Processed]:
    """Analyse articles in batches (Stanza is much faster on batches) and yield their statements in order."""
    engine = engine or get_engine("builtin")
    kb = kb or default_kb()
    batch: list[Article] = []
    with rare_collections():
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from _process_batch(batch, engine, kb)
                batch = []
        if batch:
            yield from _process_batch(batch, engine, kb)


@contextmanager
def rare_collections(young_objects: int = 50_000):
    """Run the cyclic garbage collector rarely while articles are analysed, and as before afterwards.

    An article allocates thousands of short-lived objects (tokens, words, candidates) that reference counting frees
    on its own; at Python's default threshold (700 new objects) the collector ran some 2,000 times per 1,000
    articles and, every hundred runs, walked the lexicons and the knowledge base too: 6% of the built-in engine's
    instructions (36.0 → 33.7 M per article, callgrind). Cycles are still collected, a few dozen times less often.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(young_objects, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _process_batch(batch: list[Article], engine: Engine, kb: KnowledgeBase) -> Iterator[Processed]:
    for article, doc in zip(batch, engine.analyse_many(batch, kb, get_language())):
        yield Processed(article, statements_of(doc))


@dataclass
class IngestReport:
    """What one ingest run did: the closing summary a user sees."""

    new: int = 0
    already_stored: int = 0
    failed: int = 0
    statements: int = 0
    failures: list = field(default_factory=list)  # ReadFailure
    skipped: list = field(default_factory=list)  # Skipped: files passed over as not articles

    def summary(self) -> str:
        counts = (
            f"articles: {self.new} new, {self.already_stored} already stored, {self.failed} failed; "
            f"statements found: {self.statements}"
        )
        return f"{skipped_summary(self.skipped)}\n{counts}" if self.skipped else counts


def extract_records(paths: Iterable[str], engine: Engine | None = None, kb: KnowledgeBase | None = None, date=None):
    """extract-jsonl records (dicts) of the articles under `paths`, and what reading said on the way: ReadFailure
    for what could not be read, ReadWarning, Skipped for files that are not articles."""
    from .ingest import is_url, read_paths

    paths = list(paths)
    web = None
    if any(is_url(p) for p in paths):
        from .web import WebReader

        web = WebReader()
    failures: list = []

    def articles():
        for item in read_paths(paths, date=date, web=web):
            if not isinstance(item, Article):
                failures.append(item)
            else:
                yield item

    for processed in process(articles(), engine, kb):
        yield from failures
        failures.clear()
        for statement in processed.statements:
            yield statement.to_json()
    yield from failures

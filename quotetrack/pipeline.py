"""Run the analysis stages over articles: nlp → extract → stance. Storing is the caller's choice."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .analysis import Analysis, Analyzer, get_analyzer
from .kb import KnowledgeBase, default_kb
from .models import Article, Statement, skipped_summary


@dataclass
class Processed:
    article: Article
    statements: list[Statement] = field(default_factory=list)


def statements_of(article: Article, analysis: Analysis, kb: KnowledgeBase) -> list[Statement]:
    """Statements of one analysed article, each with its targets and stances."""
    from .extract import extract_statements
    from .stance import annotate_targets

    statements = extract_statements(article, analysis, kb)
    for statement in statements:
        statement.targets = annotate_targets(statement, article, analysis, kb)
    return statements


def process(
    articles: Iterable[Article],
    analyzer: Analyzer | None = None,
    kb: KnowledgeBase | None = None,
    batch_size: int = 16,
) -> Iterator[Processed]:
    """Analyse articles in batches (Stanza is much faster on batches) and yield their statements in order."""
    analyzer = analyzer or get_analyzer("builtin")
    kb = kb or default_kb()
    batch: list[Article] = []
    with rare_collections():
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from _process_batch(batch, analyzer, kb)
                batch = []
        if batch:
            yield from _process_batch(batch, analyzer, kb)


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


def _process_batch(batch: list[Article], analyzer: Analyzer, kb: KnowledgeBase) -> Iterator[Processed]:
    analyses = analyzer.analyze_many([a.text for a in batch])
    for article, analysis in zip(batch, analyses):
        yield Processed(article, statements_of(article, analysis, kb))


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


def extract_records(paths: Iterable[str], analyzer: Analyzer | None = None, kb: KnowledgeBase | None = None, date=None):
    """extract-jsonl records (dicts) of the articles under `paths`, and what reading said on the way: ReadFailure
    for what could not be read, ReadWarning, Skipped for files that are not articles."""
    from .ingest import read_paths

    failures: list = []

    def articles():
        for item in read_paths(paths, date=date):
            if not isinstance(item, Article):
                failures.append(item)
            else:
                yield item

    for processed in process(articles(), analyzer, kb):
        yield from failures
        failures.clear()
        for statement in processed.statements:
            yield statement.to_json()
    yield from failures

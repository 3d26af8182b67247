"""Run the analysis stages over articles: nlp → extract → stance. Storing is the caller's choice."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .analysis import Analysis, Analyzer, get_analyzer
from .kb import KnowledgeBase, default_kb
from .models import Article, Statement


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
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _process_batch(batch, analyzer, kb)
            batch = []
    if batch:
        yield from _process_batch(batch, analyzer, kb)


def _process_batch(batch: list[Article], analyzer: Analyzer, kb: KnowledgeBase) -> Iterator[Processed]:
    analyses = analyzer.analyze_many([a.text for a in batch])
    for article, analysis in zip(batch, analyses):
        yield Processed(article, statements_of(article, analysis, kb))

"""Statement extraction: one function per extraction idea, pure functions over analysed documents.

`extract_statements(article, analysis, kb)` finds reported speech (`ha detto che …`, `secondo X, …`, `Lo ha
confermato X`), direct quotations (colon introductions, parenthetical cues, split quotes, quotes that continue a
speaker's turn) and attributes each to a speaker. Targets are left empty: the stance stage fills them.
"""
from __future__ import annotations

from ..analysis import Analysis
from ..kb import KnowledgeBase
from ..models import Article, Statement
from .attribution import Attributor
from .direct import direct_statements
from .reported import find_cues
from .reported_statements import anaphoric_statements, marker_statements, verb_statements
from .spans import Doc

__all__ = ["extract_statements"]


def extract_statements(article: Article, analysis: Analysis, kb: KnowledgeBase) -> list[Statement]:
    """Every statement of an analysed article, in article order, with speaker, cue and offsets into article.text."""
    doc = Doc(article, analysis)
    if not doc.tokens:
        return []
    attributor = Attributor(doc, kb)
    every_cue = find_cues(doc)
    cues = [c for c in every_cue if doc.quote_around(doc.tokens[c.verb].start) is None]
    found = verb_statements(doc, cues, attributor)
    found += marker_statements(doc, cues, attributor, found)
    found += anaphoric_statements(doc, cues, attributor, found)
    found += direct_statements(doc, every_cue, attributor, found)
    return _in_order(found)


def _in_order(found: list[Statement]) -> list[Statement]:
    seen: set[tuple[int, int]] = set()
    out = []
    for statement in sorted(found, key=lambda s: (s.start, s.end)):
        if (statement.start, statement.end) in seen or not statement.quote.strip():
            continue
        seen.add((statement.start, statement.end))
        out.append(statement)
    return out

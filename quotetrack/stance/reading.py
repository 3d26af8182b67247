"""What stance reads once per article, however many statements it has: its words and its counterparts."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from functools import lru_cache

from ..analysis import Analysis
from ..kb import KnowledgeBase
from .counterparts import Counterpart, article_counterparts
from .lexicon import StanceLexicon
from .words import TextWords, Word


class ArticleReading:
    """An article's words and counterparts, and the ones of any span of it."""

    def __init__(self, words: TextWords, counterparts: list[Counterpart]) -> None:
        self.text = words.text
        self._words = words
        self.counterparts = tuple(counterparts)
        # non-overlapping and in text order, so their ends are in order too
        self._starts = [c.start for c in counterparts]
        self._ends = [c.end for c in counterparts]

    def words_between(self, start: int, end: int) -> list[Word]:
        """The words of text[start:end], numbered from 0 (as `split_words` gives them)."""
        return self._words.between(start, end)

    def counterparts_inside(self, start: int, end: int) -> list[Counterpart]:
        """The counterparts wholly inside [start, end), in text order."""
        return list(self.counterparts[bisect_left(self._starts, start) : bisect_right(self._ends, end)])


def read_article(
    text: str, published: date | None, analysis: Analysis | None, kb: KnowledgeBase, lexicon: StanceLexicon
) -> ArticleReading:
    """The reading of an article, made once for all its statements (the last few articles are kept)."""
    ner = tuple((e.start, e.end, e.label, e.text) for e in analysis.entities) if analysis is not None else ()
    return _cached_reading(text, published, ner, kb, kb.generation, lexicon)


# keyed on everything a reading depends on: the KB by identity and generation (a changed KB is read anew), the
# lexicon by identity; the text itself, not an id, so two articles can never share a reading
@lru_cache(maxsize=4)
def _cached_reading(
    text: str,
    published: date | None,
    ner: tuple[tuple[int, int, str, str], ...],
    kb: KnowledgeBase,
    generation: int,
    lexicon: StanceLexicon,
) -> ArticleReading:
    words = TextWords(text, lexicon.clause_breaks)
    return ArticleReading(words, article_counterparts(text, words, published, ner, kb, lexicon))

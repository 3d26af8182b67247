"""A working view of one analysed article: token lookups by offset, quotes, sentence of a token, span trimming."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, count
from operator import attrgetter
from typing import Container

from ..analysis import Analysis, Token
from ..models import Article
from .cues import cached_map, fold_apostrophe
from .quotes import QuoteSpan, quote_spans

_EDGE_PUNCT = " \t\n,;:.-–—"
_NEWLINE = re.compile("\n")
_FOLDED: dict[str, str] = {}  # word → fold_apostrophe(word), for cached_map
_TEXT, _START, _UPOS = attrgetter("text"), attrgetter("start"), attrgetter("upos")  # token columns, read in C


@dataclass
class Doc:
    """One article with its analysis, plus the lookups every extraction function needs."""

    article: Article
    analysis: Analysis
    quotes: list[QuoteSpan] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.analysis.text
        self.tokens: list[Token] = self.analysis.tokens
        self.words = list(map(_TEXT, self.tokens))  # the tokens' texts as written
        self.lower = cached_map(fold_apostrophe, _FOLDED, self.words)
        self.upos = self._surface_upos()
        self.starts = list(map(_START, self.tokens))
        self.sentence_of = [0] * len(self.tokens)
        for number, sentence in enumerate(self.analysis.sentences):
            self.sentence_of[sentence.first : sentence.last] = [number] * (sentence.last - sentence.first)
        self.quotes = [q for q in quote_spans(self.text) if q.closed]
        self.quote_opens = [q.open for q in self.quotes]
        self._quote_by_open = dict(zip(self.quote_opens, self.quotes))

    def _surface_upos(self) -> list[str]:
        """The lexicon POS the surface rules read, whatever the engine: a parse adds to the rules, never changes them."""
        if not self.analysis.has_parse:
            return list(map(_UPOS, self.tokens))
        from ..builtin_nlp import lexicon_upos

        return lexicon_upos(self.tokens)

    def where(self, words: Container[str]) -> list[int]:
        """Tokens whose folded form is in `words`, in order (scanned in C: each article is scanned for several lists)."""
        return list(compress(count(), map(words.__contains__, self.lower)))

    def paragraph(self, i: int) -> int:
        """Paragraph (line) number of token i: how many line breaks come before it (asked of a few tokens only)."""
        return bisect.bisect_left(self._line_breaks, self.starts[i])

    @cached_property
    def _line_breaks(self) -> list[int]:
        return [m.start() for m in _NEWLINE.finditer(self.text)]

    def token_at(self, position: int) -> int:
        """Index of the first token starting at or after `position`."""
        return bisect.bisect_left(self.starts, position)

    def token_before(self, position: int) -> int:
        """Index of the last token ending at or before `position` (-1 if none)."""
        return bisect.bisect_right(self.starts, position - 1) - 1 if position > 0 else -1

    def quote_around(self, position: int) -> QuoteSpan | None:
        """The quotation whose marks enclose `position`, if any."""
        k = bisect.bisect_right(self.quote_opens, position) - 1
        if k >= 0 and self.quotes[k].open <= position < self.quotes[k].close:
            return self.quotes[k]
        return None

    def quote_opening_at(self, position: int) -> QuoteSpan | None:
        """The quotation whose opening mark is at `position`, if any (what quote_around tells when it is asked there)."""
        return self._quote_by_open.get(position)

    def quotes_within(self, start: int, end: int) -> list[QuoteSpan]:
        """Quotations lying wholly inside [start, end)."""
        out = []
        k = bisect.bisect_left(self.quote_opens, start)
        while k < len(self.quotes) and self.quotes[k].open < end:
            if self.quotes[k].close <= end:
                out.append(self.quotes[k])
            k += 1
        return out

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Token range [first, last) of the sentence holding token i."""
        sentence = self.analysis.sentences[self.sentence_of[i]]
        return sentence.first, sentence.last

    def span_text(self, first: int, last: int) -> str:
        """Text of tokens [first, last)."""
        if first >= last:
            return ""
        return self.text[self.tokens[first].start : self.tokens[last - 1].end]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding spaces and clause punctuation."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


class SpanSet:
    """Character spans added in any order, asked whether a new span overlaps or lies inside one (log time)."""

    def __init__(self, spans=()):
        self._spans = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def _near(self, start: int, end: int):
        lo = bisect.bisect_left(self._spans, (start - self._longest, -1))
        hi = bisect.bisect_right(self._spans, (end, end))
        return self._spans[lo:hi]

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self._near(start, end))

    def contains(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self._near(start, end))

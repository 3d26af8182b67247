"""Words of a span with their sentence and clause, so stance rules work the same with or without a parse."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import partial
from itertools import accumulate, count
from operator import add
from typing import Iterator, NamedTuple

from ..kb import fold

_QUOTE_MARKS = "«»\"“”‘’'„"  # not words: "«forte insoddisfazione» per X" reads as one phrase
# elided articles and prepositions stay apart from their noun: "dell'Ucraina" → "dell'", "Ucraina"
# "W." of "George W. Bush" and hyphenated names ("al-Zarqawi", "Padoa-Schioppa") are one word
# (one \w+ run shared by the elided and the hyphenated forms: the same tokens as trying them one by one, faster)
# any other character but a space or a quote mark is a word of its own
# (the lookahead first rules out the many spaces at once; the hyphen is tested before a group is repeated)
# the words are captured: `split` then gives gap, word, gap, word, ..., gap with no match object per word
_WORDS = re.compile(
    rf"((?=[^\s{_QUOTE_MARKS}])(?:[A-Z]\.(?=\s+[A-Z])|\w+(?:['’]|-\w+(?:-\w+)*|)|[^\w\s{_QUOTE_MARKS}]))"
)
_SENTENCE_END = frozenset(".!?;…")
_CLAUSE_END = frozenset(",:()[]–—-")
_SENTENCE_OR_CLAUSE_END = _SENTENCE_END | _CLAUSE_END


class Word(NamedTuple):  # a tuple: texts have many words, and a tuple is the cheapest object to build
    i: int  # its place among the words split with it: the words of a span cut out of an article keep the article's
    text: str
    folded: str
    start: int  # offsets into the text the span came from
    end: int
    sentence: int = 0
    clause: int = 0

    @property
    def is_punct(self) -> bool:
        return not self.text[0].isalnum() and self.text[0] != "_"


# builds a Word from its fields in one C call: a NamedTuple's own __new__ is a Python call per word
_word = partial(tuple.__new__, Word)


def split_words(text: str, offset: int = 0, clause_breaks: frozenset[str] = frozenset()) -> list[Word]:
    """Words of `text` (offsets shifted by `offset`), numbered by sentence and clause.

    Clauses end at punctuation and before a clause-breaking conjunction ("ma", "mentre"), which is what binds a
    stance word to the counterpart it is about rather than to every name in the sentence.
    """
    return _words(*_columns(text, offset, clause_breaks))


def _columns(text: str, offset: int, clause_breaks: frozenset[str]) -> tuple[list, list, list, list, Iterator, Iterator]:
    """The words' texts, folded forms, starts, ends, sentences and clauses, a column each.

    Built a column at a time, each column in one pass that runs in C: an article has hundreds of words, and a Python
    loop over them cost more than everything else the split does."""
    pieces = _WORDS.split(text)  # gap, word, gap, word, ..., gap
    tokens = pieces[1::2]
    folded = list(map(fold, tokens))
    at = list(accumulate(map(len, pieces), initial=offset))  # where each piece starts (the last: where all end)
    starts, ends = at[1:-1:2], at[2::2]
    # a word's sentence counts the sentence ends before it; its clause, the clause ends before it (a sentence end
    # is one too) and the clause-breaking words up to itself
    sentences = accumulate(map(_SENTENCE_END.__contains__, tokens), initial=0)
    clause_ends = accumulate(map(_SENTENCE_OR_CLAUSE_END.__contains__, tokens), initial=0)
    clauses = map(add, clause_ends, accumulate(map(clause_breaks.__contains__, folded)))
    return tokens, folded, starts, ends, sentences, clauses


def _words(texts, folded, starts, ends, sentences, clauses) -> list[Word]:
    return list(map(_word, zip(count(), texts, folded, starts, ends, sentences, clauses)))


class TextWords:
    """The words of a whole text, split once: the words of any span of it are then cut out, not split again.

    Its columns (`texts`, `folded`, `starts`, `ends`) let a reader look for a few words among all of them in C."""

    def __init__(self, text: str, clause_breaks: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.clause_breaks = clause_breaks
        self.texts, self.folded, self.starts, self.ends, sentences, clauses = _columns(text, 0, clause_breaks)
        self.words = _words(self.texts, self.folded, self.starts, self.ends, sentences, clauses)

    def between(self, start: int, end: int) -> list[Word]:
        """The same words as `split_words(text[start:end], start, clause_breaks)`, in the same sentences and clauses.

        They are the text's own words, not copies (statements read the same sentences again and again): their `i`,
        sentence and clause numbers are the text's, so a span's words are told apart by position and compared by
        sentence and clause, never by the numbers themselves."""
        words, starts = self.words, self.starts
        first = bisect_left(starts, start)
        last = bisect_left(starts, end)
        cut_at_start = first and words[first - 1].end > start
        cut_at_end = last and words[last - 1].end > end
        # an initial ("W.") is one word only when a capital follows it, which a span ending there does not show
        initial_at_end = last > first and _INITIAL.fullmatch(words[last - 1].text)
        if cut_at_start or cut_at_end or initial_at_end:
            return split_words(self.text[start:end], start, self.clause_breaks)
        return words[first:last]


_INITIAL = re.compile(r"[A-Z]\.")

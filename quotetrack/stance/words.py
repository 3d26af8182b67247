"""Words of a span with their sentence and clause, so stance rules work the same with or without a parse."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb import fold

# elided articles and prepositions stay apart from their noun: "dell'Ucraina" → "dell'", "Ucraina"
# "W." of "George W. Bush" and hyphenated names ("al-Zarqawi", "Padoa-Schioppa") are one word
_WORD = re.compile(r"\w+['’]|[A-Z]\.(?=\s+[A-Z])|\w+(?:-\w+)*|[^\w\s]")
_SENTENCE_END = frozenset(".!?;…")
_CLAUSE_END = frozenset(",:()[]–—-")
_QUOTE_MARKS = frozenset("«»\"“”‘’'„")  # not words: "«forte insoddisfazione» per X" reads as one phrase


@dataclass(frozen=True, slots=True)
class Word:
    i: int
    text: str
    folded: str
    start: int  # offsets into the text the span came from
    end: int
    sentence: int = 0
    clause: int = 0

    @property
    def is_punct(self) -> bool:
        return not self.text[0].isalnum() and self.text[0] != "_"


def split_words(text: str, offset: int = 0, clause_breaks: frozenset[str] = frozenset()) -> list[Word]:
    """Words of `text` (offsets shifted by `offset`), numbered by sentence and clause.

    Clauses end at punctuation and before a clause-breaking conjunction ("ma", "mentre"), which is what binds a
    stance word to the counterpart it is about rather than to every name in the sentence.
    """
    words: list[Word] = []
    sentence = clause = 0
    for match in _WORD.finditer(text):
        token = match.group(0)
        if token in _QUOTE_MARKS:
            continue
        key = fold(token)
        if key in clause_breaks:
            clause += 1
        words.append(Word(len(words), token, key, match.start() + offset, match.end() + offset, sentence, clause))
        if token in _SENTENCE_END:
            sentence += 1
            clause += 1
        elif token in _CLAUSE_END:
            clause += 1
    return words

"""Tokens with exact offsets and sentence boundaries: the surface both engines share.

One regex pass cuts the text into tokens (acronyms with dots, numbers, words with hyphens and elisions, ellipses,
any other character); sentences end at line breaks and at . ! ? … when the next word starts a sentence, except after
an abbreviation, an initial, or inside a quotation. Both are linear in the text.
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate, compress, count
from typing import Sequence

from ..lang import Language
from .document import QuoteSpan, Sentence, Token
from .quotes import MARKS, OPENERS

TOKEN = re.compile(
    r"""(?:[^\W\d_]\.){2,}            # acronyms with dots: U.S.A.
      | \d+(?:[.,:]\d+)*              # numbers: 1.000,5  12:30  3.5
      | \w+(?:-\w+)*(?:['’](?=\w))?   # words, hyphenated compounds, elided forms (l’, dell’)
      | \.\.\.                        # ellipsis
      | \S                            # any other character
    """,
    re.VERBOSE,
)
FULL_STOPS = frozenset({".", "!", "?"})  # the marks that surely end a sentence; an ellipsis may trail off inside one
SENTENCE_END = FULL_STOPS | {"…", "..."}
_OPENING = frozenset(OPENERS) | {":", "-", "–", "—", "("}
BEFORE_SENTENCE = SENTENCE_END | _OPENING  # after these a capital letter says nothing
_TRAILERS = frozenset(")]") | (MARKS - frozenset(OPENERS) | frozenset("»”’"))
_SENTENCE_END_OR_TRAILER = SENTENCE_END | _TRAILERS
_NEWLINE = re.compile("\n")


# TOKEN, rewritten so that `re.split` cuts the text in one C pass: every token starts with a non-space character,
# consumed first (the search skips white space in C), and each alternative checks that character behind it. The two
# give the same tokens (tests/test_builtin_nlp.py checks it on random texts); TOKEN is the one to read and change.
# Its repetitions of one character class are possessive (`*+`): nothing after one ever needs it to give characters
# back, so the engine keeps no state to backtrack into. Repeated groups stay greedy: CPython before 3.11.5 (Debian 12
# ships 3.11.2) mis-handles a possessive group (gh-106052) and would cut "2004." or "27," as one token. An alternative
# that needs a dot after the first character looks for the dot before it looks behind: most tokens are words, and a
# literal fails them faster than a class of letters.
SPLIT = re.compile(
    r"""( \S
      (?: \.(?<=[^\W\d_]\.)(?:[^\W\d_]\.)+
        | (?<=\d)\d*+(?:[.,:]\d+)*
        | (?<=\w)\w*+(?:-\w+)*(?:['’](?=\w))?
        | \.\.(?<=\.\.\.)
        | ) )
    """,
    re.VERBOSE,
)


def split_tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens' texts, starts and ends."""
    pieces = SPLIT.split(text)  # [space, token, space, token, …, space]
    offsets = list(accumulate(map(len, pieces)))  # offsets[2k] is where token k starts, offsets[2k + 1] where it ends
    return pieces[1::2], offsets[0:-1:2], offsets[1::2]


def split_sentences(text: str, tokens: Sequence[Token], words: Sequence[str], starts: Sequence[int],
                    quotes: Sequence[QuoteSpan], lang: Language) -> list[Sentence]:
    """Italian-aware sentence boundaries (`words`, `starts`: the tokens' texts and start offsets, as `split_tokens`
    gave them). A line is a paragraph and always ends a sentence (headlines have no stop)."""
    if not tokens:
        return []
    quoted = [(q.start, q.end) for q in quotes if q.closed]  # an unclosed mark says nothing of where it ends
    quote_starts = [s for s, _ in quoted]
    sentences: list[Sentence] = []
    first = 0
    n = len(tokens)
    line_ends = _line_ends(text, starts)
    marks = compress(count(), map(_SENTENCE_END_OR_TRAILER.__contains__, words))
    for i in sorted(line_ends.union(marks, [n - 1])):  # no other token can end a sentence
        token = tokens[i]
        last = i + 1
        if last < n and i not in line_ends:
            if token.text not in SENTENCE_END and not (token.text in _TRAILERS and _ends_sentence_mark(tokens, i)):
                continue
            following = tokens[last]
            if following.text in _TRAILERS and following.start == token.end:
                continue  # the closing mark or bracket belongs to this sentence
            if not _starts_sentence(following) or _abbreviation_before(tokens, i, lang):
                continue
            if _inside(quoted, quote_starts, token.end):
                continue
        sentences.append(Sentence(tokens[first].start, token.end, first, last))
        first = last
    return sentences


def _line_ends(text: str, starts: Sequence[int]) -> set[int]:
    """Tokens followed by a line break (found from the breaks, not by looking between every pair of tokens)."""
    ends = {bisect.bisect_left(starts, m.start()) - 1 for m in _NEWLINE.finditer(text)}
    ends.discard(-1)
    return ends


def _ends_sentence_mark(tokens: Sequence[Token], i: int) -> bool:
    """`… fine.»` / `… fine.»)`: closing marks right after a full stop (a few at most, keeping this linear)."""
    j = i
    while j >= 0 and j > i - 4 and tokens[j].text in _TRAILERS and (j == i or tokens[j].end == tokens[j + 1].start):
        j -= 1
    return 0 <= j < i and tokens[j].text in SENTENCE_END


def _starts_sentence(token: Token) -> bool:
    first = token.text[0]
    return first.isupper() or first.isdigit() or first in OPENERS or first in "(-–—¿¡"


def _abbreviation_before(tokens: Sequence[Token], i: int, lang: Language) -> bool:
    if tokens[i].text != "." or i == 0 or tokens[i - 1].end != tokens[i].start:
        return False
    word = tokens[i - 1].text
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: J. F. Kennedy
    return word.lower() in lang.abbreviations


def _inside(quoted: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    k = bisect.bisect_right(starts, position) - 1
    return k >= 0 and quoted[k][0] <= position < quoted[k][1]

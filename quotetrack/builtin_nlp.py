"""The built-in Italian analyser: tokens with offsets, sentences, and lemma/POS from the project's lexicons.

No model and no torch: it is what runs everywhere. It has no parse (`has_parse=False`); extraction falls back to
its surface rules. Everything is one linear pass over the text (a single regex with no nested quantifiers).
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from .analysis import Analysis, Sentence, Token
from .extract.cues import abbreviations, auxiliary_forms, fold_apostrophe, function_words, light_verbs, verb_forms
from .extract.quotes import MARKS, OPENERS, quote_spans

_TOKEN = re.compile(
    r"""(?:[^\W\d_]\.){2,}            # acronyms with dots: U.S.A.
      | \d+(?:[.,:]\d+)*             # numbers: 1.000,5  12:30  3.5
      | \w+(?:-\w+)*(?:['’](?=\w))?  # words, hyphenated compounds, elided forms (l’, dell’)
      | \.\.\.                       # ellipsis
      | \S                           # any other character
    """,
    re.VERBOSE,
)
_SENTENCE_END = frozenset({".", "!", "?", "…", "..."})
_OPENING = frozenset(OPENERS) | {":", "-", "–", "—", "("}
_TRAILERS = frozenset(")]") | (MARKS - frozenset(OPENERS) | frozenset("»”’"))


class BuiltinAnalyzer:
    name = "builtin"

    def analyze(self, text: str) -> Analysis:
        tokens = tokenize(text)
        return Analysis(text=text, tokens=tokens, sentences=split_sentences(text, tokens), engine=self.name)

    def analyze_many(self, texts: Sequence[str]) -> list[Analysis]:
        return [self.analyze(t) for t in texts]


def tokenize(text: str) -> list[Token]:
    """Tokens with exact offsets, tagged from the lexicons (function words, auxiliaries, speech verbs)."""
    tokens = [Token(i, m.group(0), m.start(), m.end()) for i, m in enumerate(_TOKEN.finditer(text))]
    for token in tokens:
        _tag(token, tokens)
    return tokens


def lexicon_upos(tokens: list[Token]) -> list[str]:
    """The POS this engine gives tokens that another engine tagged: the surface rules were written on these tags."""
    plain = [Token(t.i, t.text, t.start, t.end) for t in tokens]
    for token in plain:
        _tag(token, plain)
    return [t.upos for t in plain]


def _tag(token: Token, tokens: list[Token]) -> None:
    word = token.text
    lower = fold_apostrophe(word)
    if not word[0].isalnum():
        token.upos, token.lemma = "PUNCT", word
        return
    if word[0].isdigit():
        token.upos, token.lemma = "NUM", word
        return
    token.lemma = lower
    closed = function_words().get(lower)
    aux = auxiliary_forms().get(lower)
    verb = verb_forms().get(lower)
    light = light_verbs()[1].get(lower)
    if word[0].isupper() and token.i > 0 and tokens[token.i - 1].text not in _SENTENCE_END | _OPENING and (
            aux is not None or verb is not None):
        token.upos = "PROPN"  # "Stati Uniti", not a participle of essere
    elif closed is not None:
        token.upos, token.lemma = closed
        if closed[0] == "DET" and lower.endswith("'") and _next_is_verb(token, tokens):
            token.upos = "PRON"  # l'ha detto: a clitic, not an article
    elif aux is not None:
        token.upos, token.lemma = "AUX", aux
    elif verb is not None:
        token.upos, token.lemma = "VERB", verb.lemma
        token.feats = "VerbForm=Ger" if verb.gerund else "VerbForm=Part" if verb.participle else ""
    elif light is not None:
        token.upos, token.lemma = "VERB", light
    elif word[0].isupper():
        token.upos = "PROPN"


def _next_is_verb(token: Token, tokens: list[Token]) -> bool:
    if token.i + 1 >= len(tokens):
        return False
    following = fold_apostrophe(tokens[token.i + 1].text)
    return following in auxiliary_forms() or following in verb_forms()


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Italian-aware sentence boundaries.

    A line is a paragraph and always ends a sentence (headlines have no final stop). Inside a line a sentence ends
    after . ! ? … (and any closing quote or bracket) when the next word starts a sentence, except after an
    abbreviation, an initial (J. F. Kennedy) or inside a quotation.
    """
    quoted = [(q.start, q.end) for q in quote_spans(text)]
    quote_starts = [s for s, _ in quoted]
    sentences: list[Sentence] = []
    first = 0
    n = len(tokens)
    for i, token in enumerate(tokens):
        last = i + 1
        if last < n and not _newline_between(text, token, tokens[last]):
            if token.text not in _SENTENCE_END and not (token.text in _TRAILERS and _ends_sentence_mark(tokens, i)):
                continue
            following = tokens[last]
            if following.text in _TRAILERS and following.start == token.end:
                continue  # the closing mark or bracket belongs to this sentence
            if not _starts_sentence(following) or _abbreviation_before(text, tokens, i):
                continue
            if _inside(quoted, quote_starts, token.end):
                continue
        sentences.append(Sentence(tokens[first].start, token.end, first, last))
        first = last
    return sentences


def _newline_between(text: str, left: Token, right: Token) -> bool:
    return "\n" in text[left.end : right.start]


def _ends_sentence_mark(tokens: list[Token], i: int) -> bool:
    """`… fine.»` / `… fine.»)`: closing marks right after a full stop (a few at most, keeping this linear)."""
    j = i
    while j >= 0 and j > i - 4 and tokens[j].text in _TRAILERS and (j == i or tokens[j].end == tokens[j + 1].start):
        j -= 1
    return j >= 0 and j < i and tokens[j].text in _SENTENCE_END


def _starts_sentence(token: Token) -> bool:
    first = token.text[0]
    return first.isupper() or first.isdigit() or first in OPENERS or first in "(-–—¿¡"


def _abbreviation_before(text: str, tokens: list[Token], i: int) -> bool:
    if tokens[i].text != "." or i == 0 or tokens[i - 1].end != tokens[i].start:
        return False
    word = tokens[i - 1].text
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: J. F. Kennedy
    return word.lower() in abbreviations()


def _inside(quoted: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    k = bisect.bisect_right(starts, position) - 1
    return k >= 0 and quoted[k][0] <= position < quoted[k][1]

"""The built-in Italian analyser: tokens with offsets, sentences, and lemma/POS from the project's lexicons.

No model and no torch: it is what runs everywhere. It has no parse (`has_parse=False`); extraction falls back to
its surface rules. Everything is one linear pass over the text (a single regex with no nested quantifiers).
"""
from __future__ import annotations

import bisect
import re
from functools import partial
from itertools import accumulate, compress, count, repeat
from operator import attrgetter
from typing import NamedTuple, Sequence

from .analysis import Analysis, Sentence, Token
from .extract.cues import (abbreviations, auxiliary_forms, cached_map, fold_apostrophe, function_words, light_verbs,
                           verb_forms)
from .extract.quotes import MARKS, OPENERS, quote_spans

_TOKEN = re.compile(  # one capturing group, so that splitting on it keeps the tokens
    # Every token starts with a non-space character: consumed first, it lets the search skip white space in C
    # (each alternative then checks that character behind it). Without it the same alternatives read:
    # (?:[^\W\d_]\.){2,} | \d+(?:[.,:]\d+)* | \w+(?:-\w+)*(?:['’](?=\w))? | \.\.\. | \S
    r"""( \S
      (?: (?<=[^\W\d_])\.(?:[^\W\d_]\.)+        # acronyms with dots: U.S.A.
        | (?<=\d)\d*(?:[.,:]\d+)*               # numbers: 1.000,5  12:30  3.5
        | (?<=\w)\w*(?:-\w+)*(?:['’](?=\w))?    # words, hyphenated compounds, elided forms (l’, dell’)
        | (?<=\.)\.\.                           # ellipsis
        | ) )                                   # any other character
    """,
    re.VERBOSE,
)
_SENTENCE_END = frozenset({".", "!", "?", "…", "..."})
_OPENING = frozenset(OPENERS) | {":", "-", "–", "—", "("}
_BEFORE_SENTENCE = _SENTENCE_END | _OPENING  # after these a capital letter says nothing
_TRAILERS = frozenset(")]") | (MARKS - frozenset(OPENERS) | frozenset("»”’"))
_SENTENCE_END_OR_TRAILER = _SENTENCE_END | _TRAILERS
_NEWLINE = re.compile("\n")
_TEXT, _START = attrgetter("text"), attrgetter("start")  # per-token columns, read in C


class BuiltinAnalyzer:
    name = "builtin"

    def analyze(self, text: str) -> Analysis:
        tokens = tokenize(text)
        return Analysis(text=text, tokens=tokens, sentences=split_sentences(text, tokens), engine=self.name)

    def analyze_many(self, texts: Sequence[str]) -> list[Analysis]:
        return [self.analyze(t) for t in texts]


def tokenize(text: str) -> list[Token]:
    """Tokens with exact offsets, tagged from the lexicons (function words, auxiliaries, speech verbs)."""
    pieces = _TOKEN.split(text)  # [space, token, space, token, …, space]: \S leaves only white space between tokens
    words = pieces[1::2]
    offsets = list(accumulate(map(len, pieces)))  # offsets[2k] is where token k starts, offsets[2k + 1] where it ends
    upos, lemmas, feats = _tags(words)
    no_parse = repeat(None), repeat(""), repeat("O")  # head, deprel, ner
    return list(map(_token, zip(count(), words, offsets[0:-1:2], offsets[1::2], lemmas, upos, feats, *no_parse)))


_token = partial(tuple.__new__, Token)  # a Token from its fields in one C call (Token.__new__ is a Python call)


def lexicon_upos(tokens: list[Token]) -> list[str]:
    """The POS this engine gives tokens that another engine tagged: the surface rules were written on these tags."""
    return _tags([t.text for t in tokens])[0]


def _tags(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(upos, lemmas, feats) of the words: each word's cached reading, then the two rules that look at a neighbour."""
    readings = cached_map(_reading, _READINGS, words)
    if not readings:
        return [], [], []
    upos, lemmas, feats, _, _, _, _, contextual = map(list, zip(*readings))  # the readings' columns
    for i in compress(count(), contextual):
        reading = readings[i]
        if reading.verb_capitalised and i and words[i - 1] not in _BEFORE_SENTENCE:
            upos[i], lemmas[i], feats[i] = "PROPN", reading.lower, ""  # "Stati Uniti", not a participle of essere
        elif reading.elided_article and i + 1 < len(words) and readings[i + 1].verb_form:
            upos[i] = "PRON"  # l'ha detto: a clitic, not an article
    return upos, lemmas, feats


class _Reading(NamedTuple):
    """What the lexicons say about one word out of context."""

    upos: str
    lemma: str
    feats: str
    lower: str
    verb_capitalised: bool  # a capitalised auxiliary or speech-verb form: a name when not sentence-initial
    elided_article: bool  # l', dell': a clitic pronoun when a verb follows
    verb_form: bool  # an auxiliary or speech-verb form
    contextual: bool  # verb_capitalised or elided_article: the neighbours may change the tags


_READINGS: dict[str, _Reading] = {}  # word → _reading(word), for cached_map: the same words recur in every article


def _reading(word: str) -> _Reading:
    lower = fold_apostrophe(word)
    aux = auxiliary_forms().get(lower)
    verb = verb_forms().get(lower)
    verb_form = aux is not None or verb is not None
    if not word[0].isalnum():
        return _Reading("PUNCT", word, "", lower, False, False, verb_form, False)
    if word[0].isdigit():
        return _Reading("NUM", word, "", lower, False, False, verb_form, False)
    capitalised = word[0].isupper()
    closed = function_words().get(lower)
    light = light_verbs()[1].get(lower)
    if closed is not None:
        upos, lemma, feats = closed[0], closed[1], ""
    elif aux is not None:
        upos, lemma, feats = "AUX", aux, ""
    elif verb is not None:
        upos, lemma = "VERB", verb.lemma
        feats = "VerbForm=Ger" if verb.gerund else "VerbForm=Part" if verb.participle else ""
    elif light is not None:
        upos, lemma, feats = "VERB", light, ""
    else:
        upos, lemma, feats = "PROPN" if capitalised else "", lower, ""
    elided_article = closed is not None and closed[0] == "DET" and lower.endswith("'")
    verb_capitalised = capitalised and verb_form
    return _Reading(upos, lemma, feats, lower, verb_capitalised, elided_article, verb_form,
                    verb_capitalised or elided_article)


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Italian-aware sentence boundaries.

    A line is a paragraph and always ends a sentence (headlines have no final stop). Inside a line a sentence ends
    after . ! ? … (and any closing quote or bracket) when the next word starts a sentence, except after an
    abbreviation, an initial (J. F. Kennedy) or inside a quotation.
    """
    if not tokens:
        return []
    quoted = [(q.start, q.end) for q in quote_spans(text)]
    quote_starts = [s for s, _ in quoted]
    sentences: list[Sentence] = []
    first = 0
    n = len(tokens)
    line_ends = _line_ends(text, tokens)
    marks = compress(count(), map(_SENTENCE_END_OR_TRAILER.__contains__, map(_TEXT, tokens)))
    for i in sorted(line_ends.union(marks, [n - 1])):  # no other token can end a sentence
        token = tokens[i]
        last = i + 1
        if last < n and i not in line_ends:
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


def _line_ends(text: str, tokens: list[Token]) -> set[int]:
    """Tokens followed by a line break (found from the breaks, not by looking between every pair of tokens)."""
    starts = list(map(_START, tokens))
    ends = {bisect.bisect_left(starts, m.start()) - 1 for m in _NEWLINE.finditer(text)}
    ends.discard(-1)
    return ends


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

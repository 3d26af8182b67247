"""The built-in engine: tokens with offsets, sentences, lemmas and coarse tags from the language data. No model.

It is what runs everywhere (no torch). Tokens and sentences come from `tokens.py` (the Stanza engine shares them);
tags come from the closed word lists, the auxiliaries and the reporting verbs of `quotetrack.lang`, and a word
whose lemma is an infinitive other than itself is read as a verb.
"""
from __future__ import annotations

from itertools import compress, count, repeat
from typing import NamedTuple, Sequence

from ..kb import KnowledgeBase
from ..lang import Language, lower
from ..models import Article
from .document import Columns, Document, Token
from .mentions import find_mentions
from .quotes import document_quotes, quote_spans
from .tokens import BEFORE_SENTENCE, split_sentences, split_tokens


class BuiltinEngine:
    name = "builtin"

    def analyse_many(self, articles: Sequence[Article], kb: KnowledgeBase, lang: Language) -> list[Document]:
        return [analyse(article, kb, lang) for article in articles]


def analyse(article: Article, kb: KnowledgeBase, lang: Language) -> Document:
    """The built-in reading of one article."""
    text = article.text
    words, starts, ends = split_tokens(text)
    lowers, upos, lemmas, feats = tag(words, lang)
    no_parse = repeat(None), repeat("")  # head, deprel
    # tuple.__new__ builds each Token in C (Token._make would run a Python call per token); the zip gives every field
    fields = zip(count(), words, starts, ends, lowers, lemmas, upos, feats, *no_parse)
    tokens = tuple(map(tuple.__new__, repeat(Token), fields))
    quotes = quote_spans(text, lang.abbreviations)
    return Document(article, text, tokens, tuple(split_sentences(text, tokens, words, starts, quotes, lang)),
                    document_quotes(text, quotes), lang, kb, mention_reader=find_mentions,
                    columns=Columns(words, lowers, starts, ends, upos, lemmas))


class _Reading(NamedTuple):
    """What the language data say about one word out of context."""

    lower: str  # as the word lists write it (`quotetrack.lang.lower`)
    upos: str
    lemma: str
    feats: str
    verb_form: bool  # an auxiliary or reporting-verb form
    contextual: bool  # the neighbours may change the tags (a capitalised verb form, an elided article)


class _Readings(dict):
    """Word → reading for one language, read on first sight: the same words recur in every article, so most lookups
    are hits, answered in C without a test for the missing ones."""

    def __init__(self, lang: Language):
        super().__init__()
        self.lang = lang

    def __missing__(self, word: str) -> _Reading:
        if len(self) > 1 << 16:
            self.clear()  # memory stays flat over a stream of new words
        reading = self[word] = _reading(word, self.lang)
        return reading


_READINGS: dict[str, _Readings] = {}  # language code → its readings


def tag(words: list[str], lang: Language) -> tuple[list[str], list[str], list[str], list[str]]:
    """(lower forms, upos, lemmas, feats) of the words: each word's cached reading, then the two rules that look at a
    neighbour."""
    cache = _READINGS.get(lang.code)
    if cache is None:
        cache = _READINGS[lang.code] = _Readings(lang)
    readings = list(map(cache.__getitem__, words))
    if not readings:
        return [], [], [], []
    lowers, upos, lemmas, feats, _, contextual = map(list, zip(*readings))
    for i in compress(count(), contextual):
        reading = readings[i]
        if words[i][:1].isupper() and i and words[i - 1] not in BEFORE_SENTENCE:
            upos[i], lemmas[i], feats[i] = "PROPN", lowers[i], ""  # "Stati Uniti", not a participle of essere
        elif reading.upos == "DET" and i + 1 < len(words) and readings[i + 1].verb_form:
            upos[i] = "PRON"  # l'ha detto: a clitic, not an article
    return lowers, upos, lemmas, feats


def _reading(word: str, lang: Language) -> _Reading:
    low = lower(word)
    aux = lang.auxiliaries.get(low)
    verb = lang.verb_forms.get(low)
    verb_form = aux is not None or verb is not None
    if not word[0].isalnum():
        return _Reading(low, "PUNCT", word, "", verb_form, False)
    if word[0].isdigit():
        return _Reading(low, "NUM", word, "", verb_form, False)
    capitalised = word[0].isupper()
    closed = lang.function_words.get(low)
    if closed is not None:
        upos, lemma, feats = closed[0], closed[1], ""
    elif aux is not None:
        upos, lemma, feats = "AUX", aux, ""
    elif verb is not None:
        upos, lemma, feats = "VERB", verb.lemma, _FEATS.get(verb.tense, "")
    elif capitalised:
        upos, lemma, feats = "PROPN", low, ""
    else:
        lemma = lang.lemma(low) if low.isalpha() else low
        upos = "VERB" if lemma != low and lemma.endswith(lang.endings("infinitive_endings")) else ""
        feats = ""
    contextual = (capitalised and verb_form) or (closed is not None and closed[0] == "DET" and low.endswith("'"))
    return _Reading(low, upos, lemma, feats, verb_form, contextual)


_FEATS = {"gerund": "VerbForm=Ger", "participle": "VerbForm=Part", "infinitive": "VerbForm=Inf"}

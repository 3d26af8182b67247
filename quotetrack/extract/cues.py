"""The cue lexicon: speech-verb forms generated from lemmas, auxiliaries, attribution markers and source nouns.

Everything Italian lives in `quotetrack/data/lexicon/*.yaml`; this module only reads it and conjugates regular verbs,
so adding a verb is one line of YAML.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, repeat
from operator import is_

from ..datafiles import read_lexicon


@lru_cache(maxsize=None)
def load_lexicon(name: str):
    """One YAML file of `quotetrack/data/lexicon/` (read once; callers must not modify it)."""
    return read_lexicon(name)


_CACHE_SIZE = 1 << 16


def cached_map(function, cache: dict, keys: list) -> list:
    """`function` of every key, read through `cache`: mapping `dict.get` runs in C, several times cheaper than an
    lru_cache call per word. A full cache is emptied, so memory stays flat however many articles go through."""
    values = list(map(cache.get, keys))
    if None in values:
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        for i in compress(count(), map(is_, values, repeat(None))):
            values[i] = cache[keys[i]] = function(keys[i])
    return values


@lru_cache(maxsize=_CACHE_SIZE)
def fold_apostrophe(word: str) -> str:
    """Lower case with one apostrophe (’ ‘ → '); cached, as every token of every article is folded."""
    return word.replace("’", "'").replace("‘", "'").lower()


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    frames: frozenset[str]
    finite: bool  # False for participles, gerunds and infinitives
    gerund: bool = False
    participle: bool = False


def conjugate(infinitive: str, verb_class: str, endings: dict) -> dict[str, list[str]]:
    """Regular forms of an Italian verb, by tense, from the endings of its class."""
    stem = infinitive[:-3]
    forms: dict[str, list[str]] = {}
    for tense, suffixes in endings.get(verb_class, {}).items():
        forms[tense] = [_join(stem, suffix) if verb_class == "are" else stem + suffix for suffix in suffixes]
    return forms


def _join(stem: str, suffix: str) -> str:
    """First-conjugation spelling: the stem keeps its hard or soft sound (aggiungere has no such rule: aggiunge)."""
    if stem.endswith(("c", "g")) and suffix[:1] in ("e", "i") and not stem.endswith(("sc",)):
        return stem + "h" + suffix  # spiegare → spieghi, replicare → replicherà
    if stem.endswith(("ci", "gi")) and suffix[:1] in ("e", "i"):
        return stem[:-1] + suffix  # annunciare → annuncerà, annunci
    return stem + suffix


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, VerbForm]:
    """Every form of every speech verb (lower case, plus reflexive infinitives and gerunds) → its VerbForm."""
    endings = load_lexicon("conjugation.yaml")
    table: dict[str, VerbForm] = {}
    for lemma, spec in load_lexicon("speech_verbs.yaml").items():
        frames = frozenset(spec.get("frames", []))
        by_tense = conjugate(lemma, spec["class"], endings)
        for tense, forms in by_tense.items():
            for form in forms:
                _add(table, form, lemma, frames, tense)
        for form in spec.get("forms", []):
            form = fold_apostrophe(form)
            _add(table, form, lemma, frames, _tense_of_irregular(form))
        for form in spec.get("participles", []):
            _add(table, fold_apostrophe(form), lemma, frames, "participle")
        gerunds = [f for f, v in table.items() if v.lemma == lemma and v.gerund and f == strip_clitic(f)]
        for gerund in gerunds:
            for clitic in _attachable_clitics():
                _add(table, gerund + clitic, lemma, frames, "gerund")
        for infinitive in by_tense.get("infinitive", []):
            for clitic in _attachable_clitics():
                _add(table, infinitive[:-1] + clitic, lemma, frames, "infinitive")
    return table


@lru_cache(maxsize=1)
def speech_verb_frames() -> dict[str, frozenset[str]]:
    """Speech-verb lemma → its frames (what a parse's lemma is looked up in)."""
    return {lemma: frozenset(spec.get("frames", [])) for lemma, spec in load_lexicon("speech_verbs.yaml").items()}


def _attachable_clitics() -> list[str]:
    return sorted(c for c in grammar("clitics") if c.isalpha())


def _tense_of_irregular(form: str) -> str:
    if strip_clitic(form).endswith(endings("gerund_endings")):
        return "gerund"
    if is_infinitive(form):
        return "infinitive"
    return "present"


@lru_cache(maxsize=None)
def grammar(name: str) -> frozenset[str]:
    """One closed word list of `grammar.yaml` (lower case)."""
    return frozenset(fold_apostrophe(str(w)) for w in load_lexicon("grammar.yaml")[name])


@lru_cache(maxsize=None)
def endings(*names: str) -> tuple[str, ...]:
    """The word endings of one or more `grammar.yaml` lists, as a tuple for `str.endswith`."""
    return tuple(frozenset().union(*(grammar(name) for name in names)))


@lru_cache(maxsize=1 << 16)
def strip_clitic(word: str) -> str:
    """`accusandolo` → `accusando`, `dirsi` → `dir` (a clitic pronoun attached to a verb form)."""
    for clitic in sorted(_attachable_clitics(), key=len, reverse=True):
        if word.endswith(clitic) and len(word) > len(clitic) + 3:
            return word[: -len(clitic)]
    return word


def is_infinitive(word: str) -> bool:
    """`dire`, `porre`, `aver`, `ritirarsi`, `definirla`."""
    if len(word) <= 3 or not word.isalpha() or not word.islower():
        return False
    if word.endswith(endings("infinitive_endings")):
        return True
    return strip_clitic(word).endswith(endings("truncated_infinitive_endings"))


def is_determiner(lower: str) -> bool:
    return function_words().get(lower, ("",))[0] == "DET"


def is_preposition(lower: str) -> bool:
    return function_words().get(lower, ("",))[0] == "ADP"


def is_of(lower: str) -> bool:
    """`di`, `del`, `dell'`, … (the preposition linking complements)."""
    return preposition_lemma(lower) in grammar("of")


def preposition_lemma(lower: str) -> str | None:
    """`della` → `di`; None for a word that is not a preposition."""
    entry = function_words().get(lower)
    return entry[1] if entry is not None and entry[0] == "ADP" else None


def is_closed_word(lower: str) -> bool:
    return lower in function_words() or lower in auxiliary_forms() or lower in verb_forms()


def _add(table: dict, form: str, lemma: str, frames: frozenset, tense: str) -> None:
    table.setdefault(form, VerbForm(lemma, frames, tense not in ("participle", "gerund", "infinitive"),
                                    tense == "gerund", tense == "participle"))


@lru_cache(maxsize=1)
def auxiliary_forms() -> dict[str, str]:
    return {fold_apostrophe(f): lemma for lemma, forms in load_lexicon("auxiliaries.yaml").items() for f in forms}


@lru_cache(maxsize=1)
def function_words() -> dict[str, tuple[str, str]]:
    """lower-case form → (UPOS, lemma); the first group listing a form wins."""
    table: dict[str, tuple[str, str]] = {}
    for upos, words in load_lexicon("function_words.yaml").items():
        for form, lemma in words.items():
            table.setdefault(fold_apostrophe(str(form)), (upos, str(lemma)))
    return table


@lru_cache(maxsize=1)
def light_verbs() -> tuple[dict[str, dict], dict[str, str]]:
    """(word → spec with `after` lemma and `frames`, light-verb form → lemma)."""
    forms = {fold_apostrophe(f): lemma for lemma, fs in load_lexicon("light_verb_forms.yaml").items() for f in fs}
    return load_lexicon("light_verbs.yaml"), forms


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-case abbreviations (without their full stop) after which a sentence does not end."""
    return frozenset(str(a).lower() for a in load_lexicon("abbreviations.yaml"))

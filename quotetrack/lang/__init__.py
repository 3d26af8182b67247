"""Language knowledge, keyed by language code, as textacy keys its reporting verbs: `quotetrack/lang/<code>/`.

Everything quotetrack knows about Italian — function words, auxiliaries, conjugation endings, reporting verbs and
nouns with their frames, attribution markers, speaker titles, name particles, stance words and prior polarities —
lives in the data files of `quotetrack/lang/it/` (see its README.md), read once per process by `get("it")`. Every
stage above (analysis, extraction, stance) asks this layer; none keeps a word list of its own. A second language would
be a sibling folder with the same files.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from ..datafiles import load_yaml
from .conjugate import VerbForm, verb_table

__all__ = ["Language", "get", "fold", "lower", "VerbForm", "DEFAULT"]

DEFAULT = "it"
SLOTS = frozenset({"VERB", "AUX", "PART", "NOUN", "VERB+CLITIC", "SPEAKER", "DET"})


@lru_cache(maxsize=1 << 16)
def lower(word: str) -> str:
    """A word as the word lists write it: lower case, one apostrophe (’ ‘ → '), accents kept (è is not e)."""
    return word.replace("’", "'").replace("‘", "'").lower()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A name as names are compared: case, accents, apostrophes and spacing ignored (`Zelens’kyj` = `zelens'kyj`)."""
    return fold_text(text)


def fold_text(text: str) -> str:
    """`fold` without the cache, for long texts that would only crowd names out of it."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        marks = "".join(c for c in set(text) if unicodedata.combining(c))
        if marks:
            text = re.sub(f"[{re.escape(marks)}]", "", text)
        text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=None)
def get(code: str = DEFAULT) -> "Language":
    """The language whose data lives in `quotetrack/lang/<code>/` (read lazily, once per process)."""
    if not resources.files(__name__).joinpath(code).is_dir():
        raise ValueError(f"no language data for {code!r} (quotetrack/lang/{code}/ does not exist)")
    return Language(code)


@dataclass(frozen=True)
class Marker:
    """An attribution adjunct (`secondo`, `a parere di`): its words, and what may follow (any noun phrase, or only a
    person)."""

    words: tuple[str, ...]  # lower-case words and slots (VERB, AUX, PART, NOUN: see `reporting.yaml`)
    person_only: bool
    pronoun: bool = False  # the phrase itself points back to the speaker (`a suo dire`)
    not_after: frozenset[str] = frozenset()  # lemmas before it that make the words another idiom (rinvio a giudizio)


@dataclass(frozen=True)
class NounCue:
    lemma: str
    frames: frozenset[str]
    polarity: float
    kind: str


@dataclass(frozen=True)
class LightVerb:
    """`fa sapere`, `ha reso noto`: a light verb's lemma, the words after it, the whole cue's frames."""

    verb: str
    words: tuple[str, ...]  # DET stands for an optional article or possessive
    frames: frozenset[str]
    polarity: float
    kind: str = "speech"


class Language:
    """One language's data files, parsed and indexed on first use. Callers must not modify what they get."""

    def __init__(self, code: str):
        self.code = code

    def data(self, name: str):
        """One data file of the language folder, parsed (YAML)."""
        return _read(self.code, name)

    # -- grammar ------------------------------------------------------------------------------------------------
    @cached_property
    def function_words(self) -> dict[str, tuple[str, str]]:
        """Closed-class form (lower) → (UPOS, lemma); the first group listing a form wins."""
        table: dict[str, tuple[str, str]] = {}
        for upos, words in self.data("function_words.yaml").items():
            for form, lemma in words.items():
                table.setdefault(lower(str(form)), (upos, str(lemma)))
        return table

    @cached_property
    def auxiliaries(self) -> dict[str, str]:
        """Form of an auxiliary (lower) → its lemma (avere / essere)."""
        return {lower(f): lemma for lemma, forms in self.data("auxiliaries.yaml").items() for f in forms}

    @lru_cache(maxsize=None)
    def words(self, name: str) -> frozenset[str]:
        """One closed list of `grammar.yaml` (lower case)."""
        return frozenset(lower(str(w)) for w in self.data("grammar.yaml")[name])

    @lru_cache(maxsize=None)
    def endings(self, *names: str) -> tuple[str, ...]:
        """The endings of one or more `grammar.yaml` lists, as a tuple for `str.endswith`."""
        return tuple(sorted(frozenset().union(*(self.words(n) for n in names))))

    # the two questions every reader asks of the words around a mention or a cue, hundreds of times per article: each
    # is the lookup method of its table, called in C (a method of Language around it was a Python call per question)
    @cached_property
    def preposition(self) -> Callable[[str], str | None]:
        """`preposition(word)`: `della` → `di`, `al` → `a`; None for a word that is no preposition."""
        return self._prepositions.get

    @cached_property
    def is_determiner(self) -> Callable[[str], bool]:
        """`is_determiner(word)`: an article, a demonstrative or another determiner of the function words."""
        return self._determiners.__contains__

    @cached_property
    def is_determiner_or_possessive(self) -> Callable[[str], bool]:
        """`is_determiner_or_possessive(word)`: a determiner or a possessive (`il`, `la sua`), the words a noun
        phrase opens with before its adjectives and its noun."""
        return (self._determiners | self.words("possessives")).__contains__

    @cached_property
    def _determiners(self) -> frozenset[str]:
        return frozenset(form for form, (upos, _) in self.function_words.items() if upos == "DET")

    @cached_property
    def _prepositions(self) -> dict[str, str]:
        return {form: lemma for form, (upos, lemma) in self.function_words.items() if upos == "ADP"}

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        """Lower-case abbreviations (without their full stop) after which a sentence does not end."""
        return frozenset(str(a).lower() for a in self.data("abbreviations.yaml"))

    # -- reporting --------------------------------------------------------------------------------------------
    @cached_property
    def reporting(self) -> dict:
        return self.data("reporting.yaml")

    @cached_property
    def verb_forms(self) -> dict[str, VerbForm]:
        """Every form of every reporting verb (with clitics attached where Italian attaches them) → its reading."""
        return self._verb_table(self.reporting["verbs"])

    @cached_property
    def verb_lemmas(self) -> dict[str, dict]:
        """Reporting verb lemma → its entry (frames, polarity, kind …), for engines that lemmatise."""
        return self.reporting["verbs"]

    @cached_property
    def verb_frames(self) -> dict[str, frozenset[str]]:
        """Reporting verb lemma → its frames (`che`, `di`, `label`, `parenthetical` …)."""
        return {lemma: frozenset((entry or {}).get("frames") or ()) for lemma, entry in self.verb_lemmas.items()}

    @cached_property
    def verb_polarity(self) -> dict[str, float]:
        """Reporting verb lemma → its own polarity (`accusare` −, `elogiare` +; 0 where its entry gives none)."""
        return {lemma: float(entry.get("polarity") or 0) for lemma, entry in self.verb_lemmas.items()}

    @cached_property
    def governor_forms(self) -> dict[str, VerbForm]:
        """Forms of verbs that govern a reporting infinitive (`torna a dire`, `ha voluto ribadire`)."""
        return self._verb_table(self._entries("governors"))

    @cached_property
    def light_verb_forms(self) -> dict[str, VerbForm]:
        return self._verb_table(self._entries("forms_of_light_verbs"))

    def _verb_table(self, entries: dict) -> dict[str, VerbForm]:
        """Every form of the verbs of `entries`, conjugated with this language's endings and word lists."""
        return verb_table(entries, self.data("conjugation.yaml"), self.words("attached_clitics"),
                          infinitives=self.endings("infinitive_endings"), gerunds=self.endings("gerund_endings"),
                          lower=lower)

    def _entries(self, section: str) -> dict:
        """A section of verb entries, where `forms_from: verbs` borrows the conjugation of the `verbs:` entry."""
        verbs = self.reporting["verbs"]
        return {lemma: verbs[lemma] if (entry or {}).get("forms_from") == "verbs" else entry
                for lemma, entry in (self.reporting.get(section) or {}).items()}

    @cached_property
    def participle_forms(self) -> frozenset[str]:
        """Past participles of the reporting verbs (the PART slot of markers and patterns)."""
        return frozenset(form for form, reading in self.verb_forms.items() if reading.participle or reading.also_participle)

    @cached_property
    def document_nouns(self) -> frozenset[str]:
        """Where a statement appears (una nota, il comunicato, l'intervista): singular and plural forms."""
        nouns = self.reporting.get("document_nouns") or {}
        return frozenset(lower(w) for pair in nouns.items() for w in pair if w)

    @cached_property
    def agent_prepositions(self) -> frozenset[str]:
        """Prepositions (lemmas) before the speaker of a passive or a participle (`dichiarato da Rossi`)."""
        return frozenset(lower(str(w)) for w in self.reporting.get("agent_prepositions") or ())

    @cached_property
    def agent_preposition_forms(self) -> frozenset[str]:
        """Every form of the agent prepositions (`da`, `dal`, `dalla` …): a scan for an agent tests each word once."""
        return frozenset(form for form, lemma in self._prepositions.items() if lemma in self.agent_prepositions)

    @cached_property
    def stative_participles(self) -> frozenset[str]:
        """Participles that after essere say what the subject believes, not a passive (`è convinto che`)."""
        return frozenset(lower(str(w)) for w in self.reporting.get("stative_participles") or ())

    @cached_property
    def speaking_subject_verbs(self) -> frozenset[str]:
        """Verbs whose che-clause is a statement only when a speaker is their subject (`la legge prevede che`)."""
        return frozenset(lower(str(w)) for w in self.reporting.get("che_needs_speaking_subject") or ())

    def participle_with_clitic(self, word: str) -> bool:
        """`accortosi`, `occorsogli`: a past participle, regular or not, with a clitic attached (`participle_clitics`:
        -ti/-le there make nouns and verb forms look like one, `gli accusati`)."""
        participle = self.endings("past_participle_endings", "irregular_participle_endings")
        return any(word.endswith(clitic) and word[:-len(clitic)].endswith(participle)
                   for clitic in self.words("participle_clitics"))

    def frame_word(self, word: str) -> str | None:
        """The clause frame a word opens after a cue: che, se, come (a question word), or None."""
        if word == "che":
            return "che"
        if word == "se":
            return "se"
        if word in self._question_words:
            return "come"
        return None

    @cached_property
    def _question_words(self) -> frozenset[str]:
        return frozenset(lower(w) for w in self.reporting.get("question_words") or () if " " not in w)

    @cached_property
    def light_verbs(self) -> dict[str, list[LightVerb]]:
        """Light-verb cues by the first word after the verb (`sapere` → fare sapere)."""
        table: dict[str, list[LightVerb]] = {}
        for entry in self.reporting.get("light_verbs") or []:
            words = tuple(lower(w) if w != "DET" else w for w in str(entry["words"]).split())
            cue = LightVerb(entry["verb"], words, frozenset(entry.get("frames", [])), float(entry.get("polarity", 0)),
                            entry.get("kind", "speech"))
            table.setdefault(next(w for w in words if w != "DET"), []).append(cue)
        return table

    @cached_property
    def noun_cues(self) -> dict[str, NounCue]:
        """Singular and plural form of a speech noun → the noun (`dichiarazioni` → dichiarazione)."""
        table: dict[str, NounCue] = {}
        for lemma, entry in (self.reporting.get("nouns") or {}).items():
            cue = NounCue(lemma, frozenset(entry.get("frames", [])), float(entry.get("polarity", 0)),
                          entry.get("kind", "speech"))
            for form in [lemma, *_as_list(entry.get("plural"))]:
                table.setdefault(lower(form), cue)
        return table

    @cached_property
    def markers(self) -> dict[str, list[Marker]]:
        """Attribution markers by first word, longest first."""
        table: dict[str, list[Marker]] = {}
        for entry in self.reporting.get("markers") or []:
            words = tuple(w if w in SLOTS else lower(w) for w in str(entry["phrase"]).split())
            table.setdefault(words[0], []).append(Marker(words, entry.get("takes") == "person",
                                                         entry.get("takes") == "pronoun",
                                                         frozenset(lower(w) for w in entry.get("not_after") or ())))
        for found in table.values():
            found.sort(key=lambda m: -len(m.words))
        return table

    @cached_property
    def relative_markers(self) -> dict[str, list[tuple[str, ...]]]:
        """`secondo cui`, `per il quale` … by first word, longest first."""
        table: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.reporting.get("relative_markers") or []:
            words = tuple(lower(w) for w in str(phrase).split())
            table.setdefault(words[0], []).append(words)
        for found in table.values():
            found.sort(key=len, reverse=True)
        return table

    @cached_property
    def after_content(self) -> list[tuple[str, ...]]:
        """Patterns of attribution placed after the content (`è quanto VERB SPEAKER`), as token tuples."""
        return [tuple(p.split()) for p in self.reporting.get("after_content") or []]

    # -- speakers and names -----------------------------------------------------------------------------------
    @cached_property
    def speaker_words(self) -> dict[str, frozenset[str]]:
        """The flat word lists of `speakers.yaml` (folded), plus the given names of `given_names.yaml`."""
        # each word folded (how names compare) and in lower case (how `Document.where` finds it among the tokens)
        words = {key: frozenset(fold(str(w)) for w in values) | frozenset(lower(str(w)) for w in values)
                 for key, values in self.data("speakers.yaml").items()
                 if isinstance(values, list) and all(isinstance(w, str) for w in values)}
        words["given_names"] = frozenset(fold(n) for group in self.data("given_names.yaml")["given_names"] for n in group)
        return words

    def masculine_given_name(self, name: str) -> bool:
        """Whether a name opens with a listed given name ending in `-o` (`Marco Rossi`, `Ugo`): a man's."""
        words = name.split()
        given = fold(words[0]) if words else ""
        return given.endswith("o") and given in self.speaker_words["given_names"]

    @property
    def home_country(self) -> str:
        """`speakers.yaml` `home_country`: the country of the outlets the language's news come from, by default."""
        return self.data("speakers.yaml")["home_country"]

    @cached_property
    def institutions(self) -> dict[str, str]:
        """`speakers.yaml` `institutions`: an institution's common noun (folded) → the head of its name."""
        return {fold(k): v for k, v in self.data("speakers.yaml")["institutions"].items()}

    @cached_property
    def place_staff(self) -> dict[str, str]:
        """`speakers.yaml` `place_staff`: a staff noun (folded) → the noun of the place it works at."""
        return {fold(w): fold(place) for place, staff in self.data("speakers.yaml")["place_staff"].items() for w in staff}

    @cached_property
    def floor_taking(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """`grammar.yaml` `floor_taking`: (the verb's lemma, the words after it) of each verb of taking the floor."""
        return tuple((verb, tuple(words)) for verb, *words in (phrase.split() for phrase in self.words("floor_taking")))

    @cached_property
    def of_the(self) -> tuple[tuple[str, str], ...]:
        """`grammar.yaml` `of_the_by_article_ending`: (ending of an article or articulated preposition, the
        articulated `di` with that article), in the file's order."""
        return tuple(self.data("grammar.yaml")["of_the_by_article_ending"].items())

    @cached_property
    def elided_before_vowel(self) -> dict[str, str]:
        """`grammar.yaml` `elided_before_vowel`: an article or articulated preposition → its form before a vowel."""
        return dict(self.data("grammar.yaml")["elided_before_vowel"])

    @cached_property
    def description_rewrites(self) -> tuple[tuple[str, str], ...]:
        """`speakers.yaml` `description_rewrites`: (deictic words, plain words), in the file's order."""
        return tuple(self.data("speakers.yaml")["description_rewrites"].items())

    @cached_property
    def source_products(self) -> dict[str, str]:
        """`speakers.yaml` `source_products`: what a source says or writes (folded) → who says it ("" when the noun
        names nobody)."""
        return {fold(k): v or "" for k, v in self.data("speakers.yaml")["source_products"].items()}

    @cached_property
    def anaphora_words(self) -> frozenset[str]:
        """Anaphoric words and the first token of the two-token ones (`quest'` of `quest'ultimo`), lower case."""
        words = self.speaker_words["anaphora"]
        return words | frozenset(w[: w.index("'") + 1] for w in words if "'" in w)

    @cached_property
    def synonym_words(self) -> dict[str, frozenset[str]]:
        """Every word (folded) of each `speakers.yaml` synonym list (`organisation_synonyms` …), by list."""
        return {name: frozenset(fold(str(w)) for group in groups for w in group)
                for name, groups in self.data("speakers.yaml").items() if name.endswith("_synonyms")}

    @lru_cache(maxsize=None)
    def synonym_key(self, groups: str, word: str) -> str:
        """The first word of the `speakers.yaml` synonym group (`title_synonyms` …) holding `word`; else `word`."""
        for group in self.data("speakers.yaml")[groups]:
            folded = [fold(str(w)) for w in group]
            if word in folded:
                return folded[0]
        return word

    # -- general word knowledge -------------------------------------------------------------------------------
    def lemma(self, word: str) -> str:
        """The dictionary form of a word (simplemma), cached per word."""
        return _lemma(self.code, word)

    @property
    def lemma_dictionary(self) -> dict[str, str]:
        """simplemma's dictionary of forms and their lemmas (`lemma` reads a listed word by it)."""
        return _lemma_dictionary(self.code)

    def zipf(self, word: str) -> float:
        """How common a word is in this language, 0 (unknown) to ~8 (`di`), from wordfreq; cached per word."""
        return _zipf(self.code, word)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@lru_cache(maxsize=None)
def _read(code: str, name: str):
    return load_yaml(resources.files(__name__).joinpath(code, name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1 << 17)
def _lemma(code: str, word: str) -> str:
    # a word of letters as simplemma's search gets it: NFC (what it normalises to first), no number
    plain = word.isalpha() and (word.isascii() or unicodedata.is_normalized("NFC", word) and not word.isnumeric())
    listed = _lemma_dictionary(code).get(word) if plain else None
    if listed is not None:
        return listed
    import simplemma

    return simplemma.lemmatize(word, lang=code)


@lru_cache(maxsize=4)
def _lemma_dictionary(code: str):
    """simplemma's dictionary of the language (form → lemma). For a word of letters in Unicode NFC form (accented
    ones included: `sarà`) that it lists, its entry is what `simplemma.lemmatize` answers (the dictionary is the first
    step of its search: only the NFC normalisation, numbers, and Turkish apostrophes come before it); looked up
    directly, the word skips a dozen calls on its way there. The module is simplemma's own, not its public API: a
    release without it leaves the dictionary empty and every word to `simplemma.lemmatize`."""
    try:
        from simplemma.strategies.dictionaries import dictionary_factory

        return dictionary_factory.DEFAULT_DICTIONARY_FACTORY.get_dictionary(code)
    except (ImportError, AttributeError):
        return {}


@lru_cache(maxsize=1 << 17)
def _zipf(code: str, word: str) -> float:
    if _kept_whole(word):
        return _listed_zipf(code, word)
    import wordfreq  # the package itself: a from-import would run Python code for its names on every word

    return wordfreq.zipf_frequency(word, code)


def _kept_whole(word: str) -> bool:
    """Does wordfreq's tokenizer keep the word whole and unchanged: lower-case letters already in the form it
    normalises text to (NFC, case-folded), accented ones included (`città`; not `straße`, nor a ligature)?"""
    return word.isalpha() and word.islower() and (
        word.isascii() or word == word.casefold() and unicodedata.is_normalized("NFC", word))


def _listed_zipf(code: str, word: str) -> float:
    """wordfreq's `zipf_frequency` of a word its tokenizer keeps whole and unchanged (`_kept_whole`): the
    word list's frequency, rounded as `wordfreq._word_frequency` and `zipf_frequency` round it, without running the
    tokenizer (a third of the cost of an unseen word's reading)."""
    freq = max(_frequencies(code).get(word, 0.0), _LEAST_FREQUENCY)
    return round(math.log(round(freq, math.floor(-math.log(freq, 10)) + 3), 10) + 9, 2)  # noqa: FURB163 (wordfreq's)


_LEAST_FREQUENCY = 1e-9  # wordfreq's `zipf_to_freq(0)`: the frequency `zipf_frequency` gives a word it does not list


@lru_cache(maxsize=4)
def _frequencies(code: str) -> dict[str, float]:
    """wordfreq's word list of the language (word → frequency), fetched once: not imported again on every word."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict(code)

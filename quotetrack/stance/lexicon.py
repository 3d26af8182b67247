"""The stance lexicon (`quotetrack/data/lexicon/stance.yaml`) as typed, indexed data.

Kept apart from the rules so the Italian knowledge can grow without touching code; `docs/stance.md` explains the
format. Forms are folded (case and accents ignored) once here, so matching is a dictionary lookup per word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

from ..datafiles import load_yaml
from ..kb import fold
from ..models import STANCES
from .words import split_words

BINDINGS = ("object", "subject", "near", "agent")


@dataclass(frozen=True)
class CueForm:
    """One way of saying a stance: a word sequence (a trailing * matches any ending) and what it binds to."""

    words: tuple[str, ...]
    group: str
    stance: str  # support / oppose, before negation
    strength: float
    binds: str  # one of BINDINGS
    unless_followed_by: frozenset[str] = frozenset()
    act: bool = False  # someone else's act ("revocare X"): it counts only as the speaker judges it

    @property
    def sign(self) -> int:
        return 1 if self.stance == "support" else -1


@dataclass(frozen=True)
class NegativeImperative:
    stance: str
    strength: float
    clitics: frozenset[str]
    endings: tuple[str, ...]
    not_verbs: frozenset[str]


@dataclass(frozen=True)
class GovernmentWords:
    nouns: dict[str, str]  # folded noun -> name prefix ("amministrazione" -> "Amministrazione")
    not_followed_by: frozenset[str]
    not_after: frozenset[str]
    needs_qualifier: frozenset[str]
    only_after: dict[str, frozenset[str]]  # nouns that govern only after these words ("le autorità")
    previous: frozenset[str]
    head_roles: tuple[str, ...]
    home_country: str | None
    fallback_prefix: str


@dataclass(eq=False)  # compared and hashed by identity: it keys per-article caches
class StanceLexicon:
    forms: list[CueForm]
    negators: frozenset[str]
    concord: frozenset[str]
    negation_window: int
    hedges: frozenset[str]
    hedge_factor: float
    conditional_endings: tuple[str, ...]
    clause_breaks: frozenset[str]
    negative_imperative: NegativeImperative
    addressee_markers: list[tuple[str, ...]]
    among_phrases: list[tuple[str, ...]]
    clitic_object_endings: tuple[str, ...]
    labelling_participles: tuple[str, ...]
    passive_auxiliaries: list[tuple[str, ...]]
    participle_endings: tuple[str, ...]
    copulas: frozenset[str]
    genitives: frozenset[str]
    locative_prepositions: frozenset[str]
    copula_window: int
    act_window: int
    governments: GovernmentWords
    generic_heads: frozenset[str]
    agent_qualifiers: frozenset[str]
    not_name_words: frozenset[str]
    organisation_heads: frozenset[str]
    name_particles: frozenset[str]
    titles: frozenset[str]
    definite_articles: frozenset[str]
    country_nouns: frozenset[str]
    member_nouns: frozenset[str]
    parliament_prefix: str
    organisation_head_nouns: frozenset[str]
    addressee_pronouns: frozenset[str]
    third_person_pronouns: frozenset[str]
    imperative_clitic_endings: tuple[str, ...]
    listing_phrases: list[tuple[str, ...]]
    gerund_endings: tuple[str, ...]
    prepositions: frozenset[str]

    name_particles_folded: frozenset[str] = field(init=False, repr=False)
    listing_first_words: frozenset[str] = field(init=False, repr=False)
    pronouns: frozenset[str] = field(init=False, repr=False)  # second or third person
    _markers_by_last: dict[str, list[tuple[str, ...]]] = field(default_factory=dict, repr=False)
    _by_word: dict[str, list[CueForm]] = field(default_factory=dict, repr=False)
    _by_stem: dict[str, list[CueForm]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.name_particles_folded = frozenset(fold(w) for w in self.name_particles)
        self.listing_first_words = frozenset(phrase[0] for phrase in self.listing_phrases)
        self.pronouns = self.addressee_pronouns | self.third_person_pronouns
        for marker in self.addressee_markers:
            self._markers_by_last.setdefault(marker[-1], []).append(marker)
        for form in self.forms:
            first = form.words[0]
            if first.endswith("*"):
                self._by_stem.setdefault(first[:3], []).append(form)
            else:
                self._by_word.setdefault(first, []).append(form)
        # asked for every word of every span read: each word's candidates are worked out once
        self._candidates = lru_cache(maxsize=1 << 14)(self._find_candidates)
        self._candidates_before = lru_cache(maxsize=1 << 16)(self._find_candidates_before)

    def addressee_markers_ending_with(self, word: str) -> list[tuple[str, ...]]:
        """The addressee markers whose last word is `word` (folded): asked of the word before every counterpart."""
        return self._markers_by_last.get(word, [])

    def where_forms_may_start(self, folded: Iterable[str]) -> list[int]:
        """The places in a span's folded words where some form may start (a few; the others start none)."""
        return list(compress(count(), map(self._candidates, folded)))  # a cached lookup per word, all in C

    def forms_starting_with(self, word: str, next_word: str | None = None) -> tuple[CueForm, ...]:
        """Candidate forms whose first word can match `word` (folded) and whose second word, if they have one, can
        match `next_word` (None: the span ends there), longest first. Asked only where `where_forms_may_start` says
        a form may start, so the pairs it keeps are few."""
        return self._candidates_before(word, next_word)

    def _find_candidates_before(self, word: str, next_word: str | None) -> tuple[CueForm, ...]:
        # most forms that start with a common word ("di", "non") fail at their second word: they are left out here
        def may_go_on(form: CueForm) -> bool:
            return len(form.words) == 1 or (next_word is not None and word_matches(form.words[1], next_word))

        return tuple(filter(may_go_on, self._candidates(word)))

    def _find_candidates(self, word: str) -> tuple[CueForm, ...]:
        found = self._by_word.get(word, []) + [
            f for f in self._by_stem.get(word[:3], []) if word.startswith(f.words[0][:-1])
        ]
        return tuple(sorted(found, key=lambda f: len(f.words), reverse=True))


def word_matches(pattern: str, word: str) -> bool:
    """A folded lexicon word against a folded text word; a trailing * matches any ending."""
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def starts_with_any(word: str, patterns: tuple[str, ...]) -> bool:
    return any(word_matches(p, word) for p in patterns)


def _phrase(text: str) -> tuple[str, ...]:
    """Folded words of a lexicon phrase, split like text is ("un'opzione" → "un'", "opzione"); * stays on its word."""
    words: list[str] = []
    for chunk in str(text).split():
        stem = chunk.endswith("*")
        parts = [fold(w.text) for w in split_words(chunk.rstrip("*"))]
        if stem and parts:
            parts[-1] += "*"
        words += parts
    return tuple(words)


def _phrases(texts: list) -> list[tuple[str, ...]]:
    """The phrases of a list, each as `_phrase` gives it; a phrase of no words (punctuation only) marks nothing."""
    return [phrase for phrase in map(_phrase, texts) if phrase]


def parse_lexicon(text: str, origin: str = "stance.yaml") -> StanceLexicon:
    """Build a lexicon from YAML text; a malformed file raises ValueError naming `origin` and the problem."""
    try:
        data = load_yaml(text) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{origin}: not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cues"), list):
        raise ValueError(f"{origin}: expected a mapping with a 'cues' list")
    try:
        return _build(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{origin}: {exc}") from None


def _build(data: dict) -> StanceLexicon:
    forms: list[CueForm] = []
    for group in data["cues"]:
        name = group.get("group", "?")
        if group.get("stance") not in STANCES[:2]:
            raise ValueError(f"cue group {name!r} needs stance support or oppose")
        if group.get("binds") not in BINDINGS:
            raise ValueError(f"cue group {name!r} needs binds: one of {', '.join(BINDINGS)}")
        unless = frozenset(fold(w) for w in group.get("unless_followed_by", []))
        act = bool(group.get("act", False))
        for raw in group.get("forms") or []:
            words = _phrase(raw)
            if words:
                forms.append(
                    CueForm(words, name, group["stance"], float(group.get("strength", 0.6)), group["binds"], unless, act)
                )
    imperative = data.get("negative_imperative") or {}
    gov = data.get("governments") or {}
    folded = lambda key: frozenset(fold(str(w)) for w in data.get(key, []))  # noqa: E731
    return StanceLexicon(
        forms=forms,
        negators=folded("negators"),
        concord=folded("concord"),
        negation_window=int(data.get("negation_window", 5)),
        hedges=folded("hedges"),
        hedge_factor=float(data.get("hedge_factor", 0.7)),
        conditional_endings=tuple(data.get("conditional_endings", [])),
        clause_breaks=folded("clause_breaks"),
        negative_imperative=NegativeImperative(
            stance=imperative.get("stance", "oppose"),
            strength=float(imperative.get("strength", 0.6)),
            clitics=frozenset(fold(w) for w in imperative.get("clitics", [])),
            endings=tuple(imperative.get("endings", [])),
            not_verbs=frozenset(fold(w) for w in imperative.get("not_verbs", [])),
        ),
        addressee_markers=_phrases(data.get("addressee_markers", [])),
        among_phrases=_phrases(data.get("among_phrases", [])),
        clitic_object_endings=tuple(data.get("clitic_object_endings", [])),
        labelling_participles=tuple(fold(w) for w in data.get("labelling_participles", [])),
        passive_auxiliaries=[_phrase(m) for m in data.get("passive_auxiliaries", [])],
        participle_endings=tuple(data.get("participle_endings", [])),
        copulas=folded("copulas"),
        genitives=folded("genitives"),
        locative_prepositions=folded("locative_prepositions"),
        copula_window=int(data.get("copula_window", 3)),
        act_window=int(data.get("act_window", 6)),
        governments=GovernmentWords(
            nouns={fold(k): str(v) for k, v in (gov.get("nouns") or {}).items()},
            not_followed_by=frozenset(fold(w) for w in gov.get("not_followed_by", [])),
            not_after=frozenset(fold(w) for w in gov.get("not_after", [])),
            needs_qualifier=frozenset(fold(w) for w in gov.get("needs_qualifier", [])),
            only_after={fold(k): frozenset(fold(w) for w in v) for k, v in (gov.get("only_after") or {}).items()},
            previous=frozenset(fold(w) for w in gov.get("previous", [])),
            head_roles=tuple(gov.get("head_roles", [])),
            home_country=gov.get("home_country"),
            fallback_prefix=str(gov.get("fallback_prefix", "Governo di")),
        ),
        generic_heads=folded("generic_heads"),
        agent_qualifiers=folded("agent_qualifiers"),
        not_name_words=frozenset(str(w) for w in data.get("not_name_words", [])),
        organisation_heads=frozenset(str(w) for w in data.get("organisation_heads", [])),
        name_particles=frozenset(str(w) for w in data.get("name_particles", [])),
        titles=folded("titles"),
        definite_articles=folded("definite_articles"),
        country_nouns=folded("country_nouns"),
        member_nouns=folded("parliament_member_nouns"),
        parliament_prefix=str(data.get("parliament_prefix", "Parlamento")),
        organisation_head_nouns=frozenset(fold(w) for w in data.get("organisation_heads", [])),
        addressee_pronouns=folded("addressee_pronouns"),
        third_person_pronouns=folded("third_person_pronouns"),
        imperative_clitic_endings=tuple(fold(w) for w in data.get("imperative_clitic_endings", [])),
        listing_phrases=_phrases(data.get("listing_phrases", [])),
        gerund_endings=tuple(data.get("gerund_endings", [])),
        prepositions=folded("prepositions"),
    )


def load_lexicon(path: str | Path | None = None) -> StanceLexicon:
    """The shipped lexicon, or the one at `path`."""
    if path is None:
        return default_lexicon()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the stance lexicon ({exc.strerror})") from None
    return parse_lexicon(text, origin=str(path))


@lru_cache(maxsize=1)
def default_lexicon() -> StanceLexicon:
    source = resources.files("quotetrack") / "data" / "lexicon" / "stance.yaml"
    return parse_lexicon(source.read_text(encoding="utf-8"), origin="stance.yaml")

"""The one analysis interface extraction, attribution and stance consume.

Two engines produce it: the built-in analyser (`quotetrack.builtin_nlp`, no model, no torch) and Stanza
(`quotetrack.stanza_nlp`). Downstream code never sees Stanza objects, only these types.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, Sequence

ENGINES = ("builtin", "stanza", "auto")


class Token(NamedTuple):  # a tuple: an article has hundreds of tokens, and a tuple is the cheapest object to build
    i: int  # index in Analysis.tokens
    text: str
    start: int  # character offsets into Analysis.text
    end: int
    lemma: str = ""
    upos: str = ""  # Universal POS; "" when the engine does not tag
    feats: str = ""  # UD features, "Mood=Ind|Tense=Past"
    head: int | None = None  # index of the head token; None for the root or when there is no parse
    deprel: str = ""  # UD relation; "" when there is no parse
    ner: str = "O"  # BIO tag, e.g. "B-PER"


@dataclass(slots=True)
class Sentence:
    start: int  # character offsets into Analysis.text
    end: int
    first: int  # token index range [first, last)
    last: int


@dataclass(slots=True)
class EntitySpan:
    start: int
    end: int
    label: str  # PER / LOC / ORG
    text: str


@dataclass
class Analysis:
    """An analysed text: sentences, tokens and (when available) a dependency parse and entities."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[EntitySpan] = field(default_factory=list)
    engine: str = "builtin"
    has_parse: bool = False

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.first : sentence.last]

    def children(self, token: Token) -> list[Token]:
        return [t for t in self.tokens if t.head == token.i]


class Analyzer(Protocol):
    """What an engine implements. `analyze_many` lets engines batch (Stanza processes documents together)."""

    name: str

    def analyze(self, text: str) -> Analysis: ...

    def analyze_many(self, texts: Sequence[str]) -> list[Analysis]: ...


class EngineUnavailable(RuntimeError):
    """Raised when an engine was asked for explicitly but cannot run here (no stanza, no models)."""


def get_analyzer(engine: str = "auto", models_dir: str | None = None, announce=None) -> Analyzer:
    """Return the analyser for `engine` (builtin | stanza | auto), created once per process.

    auto: Stanza when it is importable and its Italian models are found, else built-in. `announce` (a callable
    taking one string) is told once which engine runs.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    key = (engine, models_dir)
    if key in _ANALYZERS:
        return _ANALYZERS[key]
    analyzer: Analyzer
    if engine == "builtin":
        from .builtin_nlp import BuiltinAnalyzer

        analyzer = BuiltinAnalyzer()
    else:
        from . import stanza_nlp

        found = stanza_nlp.find_models(models_dir)
        if found is None or not stanza_nlp.stanza_available():
            if engine == "stanza":
                raise EngineUnavailable(stanza_nlp.unavailable_reason(models_dir))
            from .builtin_nlp import BuiltinAnalyzer

            analyzer = BuiltinAnalyzer()
        else:
            analyzer = stanza_nlp.StanzaAnalyzer(found)
    if announce is not None:
        announce(f"engine: {analyzer.name}")
    _ANALYZERS[key] = analyzer
    return analyzer


_ANALYZERS: dict[tuple, Analyzer] = {}

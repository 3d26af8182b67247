"""Analysis: one `Document` per article, built once by an engine and read by every later stage.

Two engines fill the same document: the built-in engine (`builtin.py`: no model, no torch) and Stanza
(`stanza.py`: lemmas, tags, a dependency parse and entities from Stanza's Italian models, on the same tokens).
Downstream code never sees Stanza objects.

    from quotetrack.analysis import analyse
    doc = analyse(article)                      # built-in engine, default knowledge base
    doc.sentences, doc.quotes, doc.mentions
"""
from __future__ import annotations

from typing import Protocol, Sequence

from ..kb import KnowledgeBase, default_kb
from ..lang import Language, get as get_language
from ..models import Article
from .document import Document, EntitySpan, Mention, QuoteSpan, Sentence, Token

__all__ = ["Document", "Token", "Sentence", "QuoteSpan", "EntitySpan", "Mention", "Engine", "EngineUnavailable",
           "ENGINES", "get_engine", "analyse"]

ENGINES = ("builtin", "stanza", "auto")


class Engine(Protocol):
    """What an engine implements. Engines see batches, because Stanza is much faster on several texts at once."""

    name: str

    def analyse_many(self, articles: Sequence[Article], kb: KnowledgeBase, lang: Language) -> list[Document]: ...


class EngineUnavailable(RuntimeError):
    """An engine was asked for explicitly but cannot run here (no stanza, no models)."""


def get_engine(name: str = "auto", models_dir: str | None = None, announce=None) -> Engine:
    """The engine `name` (builtin | stanza | auto), created once per process.

    auto: Stanza when it is importable and its Italian models are found, else built-in. `announce` (a callable
    taking one string) is told which engine runs when it is created."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    key = (name, models_dir)
    if key not in _ENGINES:
        engine: Engine | None = None
        if name != "builtin":
            from . import stanza

            found = stanza.find_models(models_dir)
            if found is not None and stanza.stanza_available():
                engine = stanza.StanzaEngine(found)
            elif name == "stanza":
                raise EngineUnavailable(stanza.unavailable_reason(models_dir))
        if engine is None:  # asked for, or auto without Stanza
            from .builtin import BuiltinEngine

            engine = BuiltinEngine()
        _ENGINES[key] = engine
        if announce is not None:
            announce(f"engine: {engine.name}")
    return _ENGINES[key]


def analyse(article: Article, engine: Engine | None = None, kb: KnowledgeBase | None = None,
            lang: Language | None = None) -> Document:
    """The document of one article (built-in engine and the default knowledge base unless given)."""
    engine = engine or get_engine("builtin")
    return engine.analyse_many([article], kb or default_kb(), lang or get_language())[0]


_ENGINES: dict[tuple, Engine] = {}

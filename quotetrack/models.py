"""Dataclasses passed between the stages: ingest → nlp → extract → stance → store.

Every stage takes and returns these plain objects, so each can be used (and tested) without the others.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date

STATEMENT_KINDS = ("direct", "mixed", "indirect")
STANCES = ("support", "oppose", "neutral")


@dataclass(frozen=True)
class Article:
    """One normalised article. Statement offsets always refer to `text`."""

    id: str  # external id: file stem, or a JSON record's `id` (the `article` field of extract-jsonl)
    text: str  # normalised body; what `ingest` stores and offsets point into
    title: str | None = None
    published: date | None = None
    dated: bool = True  # False when no date was found and `published` is the ingest day
    source: str | None = None  # outlet, e.g. "La Milano"
    url: str | None = None
    path: str | None = None  # where it was read from, for messages
    author: str | None = None  # byline, where the article states one

    @property
    def uid(self) -> str:
        """Stable content id: the same normalised text is the same article, whatever its file name."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReadFailure:
    """A file or record that could not be read; `reason` is one human sentence."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Target:
    """A counterpart a statement is about, with the speaker's stance toward it."""

    entity: str  # canonical name
    stance: str = "neutral"  # one of STANCES
    score: float = 0.0  # -1 (oppose) .. 1 (support)
    evidence: str = ""  # the words that carry the stance (a substring of the statement or of its reporting clause)
    kind: str | None = None  # person / country / organisation

    def to_json(self) -> dict:
        return {"entity": self.entity, "stance": self.stance, "score": round(self.score, 3), "evidence": self.evidence}


@dataclass(frozen=True)
class Statement:
    """One thing someone said, with offsets into `Article.text` (see shared spec extract-jsonl.md)."""

    article: str
    quote: str
    kind: str  # one of STATEMENT_KINDS
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    confidence: float = 0.5
    targets: tuple[Target, ...] = ()
    speaker_kind: str | None = None  # person / organisation / country / anonymous
    # where the cue and the speaker's mention are (characters of Article.text; None where there is none)
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None

    def to_json(self) -> dict:
        """The fields of the extract-jsonl contract, in its order."""
        return {
            "article": self.article,
            "quote": self.quote,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "targets": [t.to_json() for t in self.targets],
        }

    def as_dict(self) -> dict:
        return asdict(self)

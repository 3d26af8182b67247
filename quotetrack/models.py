"""Dataclasses passed between the stages: ingest → nlp → extract → stance → store.

Every stage takes and returns these plain objects, so each can be used (and tested) without the others.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

STATEMENT_KINDS = ("direct", "mixed", "indirect")
STANCES = ("support", "oppose", "neutral")
STANCE_MEASURES = ("mean_score", *STANCES, "n")  # what a speaker × counterpart cell can show

SPEAKER_UNCERTAIN_BELOW = 0.5
"""A statement whose `confidence` (the speaker model's probability for the chosen speaker) is below this is shown
as "speaker uncertain". Measured by cross-validation on gold-dev (two draws of the 487 articles): below 0.5 lie 16 %
of the statements and only 45 % of them have the right speaker, against 91 % right at 0.85 or more (61 % of the
statements): below 0.5 the named speaker is more likely wrong than right."""


def confident(confidence: float | None, minimum: float) -> bool:
    """Whether a statement's speaker is at least `minimum` sure (an unknown confidence is not): the one definition
    of `--min-confidence` and of "speaker uncertain" (`query.statements` asks SQLite the same: NULL >= x is false)."""
    return confidence is not None and confidence >= minimum


def speaker_uncertain(speaker: str | None, confidence: float | None) -> bool:
    """A speaker is named and the engine is measurably less than SPEAKER_UNCERTAIN_BELOW sure of it: what the
    digest, the `quotes` table and Datasette mark "speaker uncertain" (an unmeasured confidence is not flagged)."""
    return bool(speaker) and confidence is not None and not confident(confidence, SPEAKER_UNCERTAIN_BELOW)


@dataclass(frozen=True)
class Article:
    """One normalised article. Statement offsets always refer to `text`."""

    id: str  # external id: file stem, or a JSON record's `id` (the `article` field of extract-jsonl)
    text: str  # normalised body; what `ingest` stores and offsets point into
    title: str | None = None
    published: date | None = None  # None when no date is known: never an invented one
    source: str | None = None  # outlet, e.g. "La Milano"
    url: str | None = None
    path: str | None = None  # where it was read from, for messages
    author: str | None = None  # byline, where the article states one

    @property
    def dated(self) -> bool:
        """Whether the publication date is known (a role such as "il premier" is resolved on that day)."""
        return self.published is not None

    @property
    def uid(self) -> str:
        """Stable content id: the same normalised text is the same article, whatever its file name."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReadNote:
    """What reading says about a file or record instead of (or besides) an article: where, and one sentence."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class ReadFailure(ReadNote):
    """A file or record that could not be read."""


class ReadWarning(ReadNote):
    """Something to tell about a file that was read all the same (a few bytes that are not UTF-8, replaced)."""


class Skipped(ReadNote):
    """A file passed over as not an article; `reason` is a short kind ("documentation", "sidecar annotations")."""


def skipped_summary(skipped: list[Skipped]) -> str:
    """One line for every file passed over: how many, of which kinds, with an example of each."""
    kinds: dict[str, list[str]] = {}
    for item in skipped:
        kinds.setdefault(item.reason, []).append(item.path)
    parts = [f"{len(paths)} {reason} ({Path(paths[0]).name}{', …' if len(paths) > 1 else ''})"
             for reason, paths in kinds.items()]
    files = "1 file that is not an article" if len(skipped) == 1 else f"{len(skipped)} files that are not articles"
    return f"skipped {files}: {'; '.join(parts)}"


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

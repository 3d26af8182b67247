"""Statement extraction: who said what, read from an analysed article.

    from quotetrack.analysis import analyse
    from quotetrack.extract import extract_statements
    statements = extract_statements(analyse(article))

Three steps, one module each:
1. `cues` finds the words that report speech, from the reporting lexicon of `quotetrack.lang`;
2. `candidates` turns each cue and each quotation into candidate statements (generously), with `content` reading
   what a cue governs;
3. a classifier learned from annotated news keeps the statements among the candidates (`features`), and a ranker
   learned the same way chooses each one's speaker among the people and organisations mentioned around it
   (`speakers`). Both ship with the package and are rebuilt by `quotetrack train`.
Results are immutable `Statement`s, in text order, without targets (the stance stage adds them).
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from pathlib import Path

from ..analysis import Document
from ..learned import Model, save_set, shipped_set
from ..models import Statement
from .candidates import Candidate, find_candidates
from .cues import Cue, find_cues
from .features import candidate_features
from .speakers import (
    MentionFacts,
    SpeakerOption,
    Spoken,
    speaker_options,
    unissued_document,
)

__all__ = ["extract_statements", "ExtractionModels", "Cue", "Candidate", "find_cues", "find_candidates",
           "read_candidates", "choose_statements", "attribute"]

MODEL_NAMES = ("statements", "speakers")


@dataclass(frozen=True)
class ExtractionModels:
    """The statement classifier and the speaker ranker of one engine."""

    statements: Model
    speakers: Model

    @classmethod
    def shipped(cls, engine: str) -> "ExtractionModels":
        return cls(*shipped_set(engine, MODEL_NAMES, "extraction"))

    def save(self, folder: str | Path) -> list[Path]:
        """Write the two models as `statements.json` and `speakers.json` files of `folder`."""
        return save_set(folder, {name: getattr(self, name) for name in MODEL_NAMES})


def extract_statements(doc: Document, models: ExtractionModels | None = None) -> tuple[Statement, ...]:
    """Every statement of an analysed article, in text order, with speaker, cue and offsets into the text."""
    if not doc.tokens:
        return ()
    models = models or ExtractionModels.shipped(doc.engine)
    facts = MentionFacts(doc)  # the mentions the candidates' features read are most of the speaker options: read once
    candidates, rows = read_candidates(doc, facts)
    if not candidates:
        return ()
    chosen = choose_statements(candidates, models.statements.scores(rows), models.statements.threshold)
    return attribute(doc, chosen, models.speakers, facts)


def read_candidates(doc: Document, facts: MentionFacts | None = None) -> tuple[list[Candidate], list[dict[str, float]]]:
    """The article's statement candidates and the classifier's feature rows for them; `facts`: the article's mention
    facts, when the caller keeps them."""
    cues = find_cues(doc)
    candidates = find_candidates(doc, cues)
    per_sentence: dict[int, int] = {}
    for cue in cues:
        sentence = doc.sentence_of[cue.word]
        per_sentence[sentence] = per_sentence.get(sentence, 0) + 1
    facts = facts or MentionFacts(doc)
    cue_words = sorted(cue.word for cue in cues)
    return candidates, [candidate_features(doc, c, near, per_sentence, facts, cue_words)
                        for c, near in zip(candidates, _overlapping(candidates))]


def _overlapping(candidates: list[Candidate]) -> list[list[Candidate]]:
    """For each candidate (sorted by start), the candidates that overlap it: one sweep, never all pairs."""
    out: list[list[Candidate]] = [[] for _ in candidates]
    active: list[int] = []
    for k, candidate in enumerate(candidates):
        active = [a for a in active if candidates[a].end > candidate.start]
        for a in active:
            out[a].append(candidate)
            out[k].append(candidates[a])
        active.append(k)
    return out


def choose_statements(candidates: list[Candidate], scores: list[float], threshold: float) -> list[tuple[Candidate, float]]:
    """The candidates the classifier keeps, in text order: of overlapping ones, the set whose scores rise above the
    threshold by most in sum, in log-odds (where a near-certain score counts for more). A long span that runs two
    statements together (`«A», dice X, «B»`) loses to the two when both are likely; one likelier span still beats a
    doubtful part of it."""
    pool = sorted((pair for pair in zip(candidates, scores) if pair[1] >= threshold), key=lambda pair: pair[0].end)
    ends = [candidate.end for candidate, _ in pool]
    bar = _log_odds(threshold)
    best = [0.0]  # best[k]: the largest sum of margins over non-overlapping candidates among the first k
    before: list[int] = []  # for each candidate, how many of the pool end before it starts
    for k, (candidate, score) in enumerate(pool):
        before.append(bisect.bisect_right(ends, candidate.start, 0, k))
        best.append(max(best[k], best[before[k]] + _log_odds(score) - bar))
    kept: list[tuple[Candidate, float]] = []
    k = len(pool)
    while k > 0:
        if best[k] == best[k - 1]:
            k -= 1
        else:
            kept.append(pool[k - 1])
            k = before[k - 1]
    return kept[::-1]


def _log_odds(probability: float) -> float:
    probability = min(max(probability, 1e-6), 1 - 1e-6)
    return math.log(probability / (1 - probability))


def attribute(doc: Document, chosen: list[tuple[Candidate, float]], ranker: Model,
              facts: MentionFacts | None = None) -> tuple[Statement, ...]:
    """Each statement with the speaker the ranker prefers among its options, in text order; `facts`: the article's
    mention facts, when the caller keeps them."""
    out: list[Statement] = []
    earlier: list[Spoken] = []
    facts = facts or MentionFacts(doc)
    for candidate, score in chosen:
        # a document named for no issuer is never chosen; the ranker still learns from it as a wrong choice
        options = [o for o in speaker_options(doc, candidate, earlier, facts) if not unissued_document(doc, o)]
        best, confidence = _best(doc, options, ranker)
        if best is None and _needs_speaking_subject(doc, candidate):
            continue  # "i dati indicano che …": figures, not a speaker
        statement = _statement(doc, candidate, best, confidence)
        out.append(statement)
        earlier.append(Spoken(statement.speaker, statement.speaker_mention, statement.speaker_kind, candidate.start,
                              candidate.end, candidate.first, candidate.last))
    return tuple(out)


def _needs_speaking_subject(doc: Document, candidate: Candidate) -> bool:
    cue = candidate.cue
    return cue is not None and cue.kind == "verb" and cue.lemma in doc.lang.speaking_subject_verbs


_FIRST_NAMED_ROLES = ("subject", "relative", "marker")  # the roles the first of coordinated speakers takes


def _best(doc: Document, options: list[SpeakerOption], ranker: Model) -> tuple[SpeakerOption | None, float]:
    if not options:
        return None, 0.0
    scores = ranker.scores([o.features for o in options])
    k = max(range(len(options)), key=scores.__getitem__)
    if options[k].features.get("role=conjunct"):  # `X e Y hanno detto`: the statement is recorded for the first-named
        k = next((j for j, o in enumerate(options) if any(o.features.get(f"role={role}") for role in _FIRST_NAMED_ROLES)), k)
    k = _first_named_of_pair(doc, options, k)
    # `il partito, per bocca di X, ha detto`: the organisation speaks through X, the statement is X's; `dicono dal
    # ministero`: an impersonal plural names its source
    k = next((j for j, o in enumerate(options) if o.features.get("role=voice") or o.features.get("role=source")), k)
    return options[k], scores[k]


def _first_named_of_pair(doc: Document, options: list[SpeakerOption], k: int) -> int:
    """A person named second in a pair (`Anna Neri e Marco Bianchi`) with the role of the first, whatever role that
    is: the statement is recorded for the first-named, as for coordinated subjects (not `Rossi ha criticato Anna Neri e
    Marco Bianchi ha risposto`, where the two have different roles)."""
    m = options[k].mention
    if m is None or m.kind != "person" or m.first < 1 or doc.lower[m.first - 1] not in doc.lang.words("coordinators"):
        return k
    role = _role(options[k])
    return next((j for j, o in enumerate(options) if o.mention is not None and o.mention.kind == "person"
                 and o.mention.last == m.first - 1 and _role(o) == role), k)


def _role(option: SpeakerOption) -> str | None:
    return next((key for key, value in option.features.items() if key.startswith("role=") and value), None)


def _past_opening_commas(text: str, start: int, end: int) -> int:
    """Where a quote begins on a word: content opening on an aside (`ha detto che, a causa della pioggia, …`) is
    printed from the aside's first word, without the comma before it."""
    while start < end and text[start] in ",; ":
        start += 1
    return start


def _statement(doc: Document, candidate: Candidate, speaker: SpeakerOption | None, confidence: float) -> Statement:
    cue = candidate.cue
    cue_start = doc.tokens[cue.first].start if cue is not None else None
    cue_last = candidate.link + 1 if cue is not None and candidate.link == cue.last else (cue.last if cue else None)
    cue_end = doc.tokens[cue_last - 1].end if cue is not None else None  # with an adjacent `che`: "ha detto che"
    cue_text = doc.text[cue_start:cue_end] if cue is not None else None
    mention = speaker.mention if speaker is not None else None
    start = _past_opening_commas(doc.text, candidate.start, candidate.end)
    return Statement(
        doc.article.id, doc.text[start : candidate.end], candidate.kind, start, candidate.end,
        speaker=speaker.name if speaker else None,
        speaker_mention=speaker.mention_text if speaker else None,
        cue=cue_text if cue_text is not None else (":" if candidate.attribution == "colon" else None),
        confidence=round(confidence, 4),
        speaker_kind=speaker.kind if speaker else None,
        cue_start=cue_start, cue_end=cue_end,
        speaker_start=mention.start if mention is not None else None,
        speaker_end=mention.end if mention is not None else None,
    )

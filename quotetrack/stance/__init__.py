"""Stance: the counterparts each statement is about, and the speaker's stance toward each.

    from quotetrack.analysis import analyse
    from quotetrack.extract import extract_statements
    from quotetrack.stance import annotate
    doc = analyse(article)
    statements = annotate(doc, extract_statements(doc))   # each Statement with its targets

Three steps, one module each, all reading the one `Document` (no second tokenisation, no second mention finder):
1. `targets` lists the candidate counterparts of a statement from the document's mention index (inside the
   quote, in its reporting sentence, behind its pronouns);
2. `polarity` reads the evaluative words of the statement's sentence (Sentix-derived priors and the stance words of
   `quotetrack/lang/it/stance.yaml`, the reporting verbs' own polarity), composes them with negation, contrast,
   requests and hedges, and attaches each to what it is about through the parse or the clause;
3. `features` describes each (statement, candidate) pair, and two learned models (`StanceModels`, LightGBM through
   `quotetrack.learned`, trained from the gold pairs by `quotetrack train`) decide which candidates are targets
   and which stance each one gets (support / oppose / neutral, with a score in -1..1 and the words that justify it).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from ..analysis import Document
from ..learned import Model, save_set, shipped_set
from ..models import Statement, Target
from .features import pair_features, read_cue
from .lexicon import StanceLexicon, lexicon_of
from .polarity import Evaluation, evaluations
from .targets import ArticleView, Candidate, StatementSpan, candidates

__all__ = ["annotate", "StanceModels", "Pair", "read_pairs", "kept", "decide", "stance_of", "StanceLexicon",
           "lexicon_of", "MODEL_NAMES"]

MODEL_NAMES = ("targets", "support", "oppose")
# How the rule score (what the words say, composed through syntax) and the learned models share the decision, each
# where it is better (cross-validated on the gold statements of gold-dev, built-in engine; docs/stance.md):
# - a candidate the words judge at least RULE_KEEPS is a target whatever the target classifier says, and so is a
#   known entity (in the knowledge base) named inside the quote that the words praise at least RULE_KEEPS_PRAISE:
#   praise reaching a named counterpart is rarely incidental, while faint criticism often describes events; unless
#   the classifier gives it less than RULE_KEEPS_FLOOR: a place read as a person, a sentence-initial verb read as a
#   name, a common noun (on folds 0-3 of gold-dev, 105 of the 148 candidates the words alone kept were such, 3 of
#   them gold targets);
# - at least RULE_DECIDES, the words' stance is the stance;
# - below, the stance models decide whether the statement takes a side at all, and the words which side when they
#   say anything (at least RULE_WEAK); where they say nothing, only a model at least MODEL_SURE takes a side (an even
#   bet: with the recall-weighted target threshold more of the kept pairs are the models' to decide, and 0.6 left
#   praise the lexicon does not know neutral: support F1 0.311 -> 0.322 end to end over four fold draws).
RULE_KEEPS = 0.4
RULE_KEEPS_PRAISE = 0.1
RULE_KEEPS_FLOOR = 0.1
RULE_DECIDES = 0.1
RULE_WEAK = 0.05
MODEL_SURE = 0.5


@dataclass(frozen=True)
class StanceModels:
    """The target classifier (is this candidate a counterpart of the statement?) and the two stance models
    (support vs the rest, oppose vs the rest) of one engine; each model's threshold was tuned when it was trained."""

    targets: Model
    support: Model
    oppose: Model

    @classmethod
    def shipped(cls, engine: str) -> "StanceModels":
        return cls(*shipped_set(engine, [f"stance_{m}" for m in MODEL_NAMES], "stance"))

    def save(self, folder: str | Path) -> list[Path]:
        """Write the three models as `stance_<name>.json` files of `folder`."""
        return save_set(folder, {f"stance_{m}": getattr(self, m) for m in MODEL_NAMES})

    def decide(self, support: float, oppose: float, rule: float) -> tuple[str, float]:
        """(stance, score) of a target from the two models' probabilities and the rule score."""
        return decide(support, oppose, rule, self.support.threshold, self.oppose.threshold)


def decide(support: float, oppose: float, rule: float, support_threshold: float,
           oppose_threshold: float) -> tuple[str, float]:
    """(stance, score in -1..1) from the stance models' probabilities, their thresholds and the rule score."""
    side = "support" if rule > 0 else "oppose"
    if abs(rule) >= RULE_DECIDES:
        stance = side
    else:
        stance = stance_of(support, oppose, support_threshold, oppose_threshold)
        if stance != "neutral" and abs(rule) >= RULE_WEAK:
            stance = side
        elif stance != "neutral" and max(support, oppose) < MODEL_SURE:
            stance = "neutral"
    if stance == "neutral":
        return stance, 0.0
    strength = min(1.0, max(abs(support - oppose), abs(rule)))
    return stance, round(strength if stance == "support" else -strength, 3)


def stance_of(support: float, oppose: float, support_threshold: float, oppose_threshold: float) -> str:
    """support / oppose when that model's probability reaches its threshold (the likelier one when both do), else
    neutral."""
    if oppose >= oppose_threshold and (oppose >= support or support < support_threshold):
        return "oppose"
    if support >= support_threshold:
        return "support"
    return "neutral"


def kept(score: float, row: dict[str, float], threshold: float) -> bool:
    """Is a candidate (its feature row) a target? Not one named only outside the quote that nothing of the statement
    reaches; else the target classifier's score reaches its threshold, or, where the classifier gives it at least
    RULE_KEEPS_FLOOR, the words judge the candidate at least RULE_KEEPS or praise a known entity the quote names at
    least RULE_KEEPS_PRAISE."""
    rule = row["rule_score"]
    if _outside_unjudged(row):
        return False
    praised = rule >= RULE_KEEPS_PRAISE and row.get("in_quote", 0) > 0 and row.get("in_kb", 0) > 0
    praised = praised or abs(rule) >= RULE_KEEPS_PRAISE and abs(row.get("predicated", 0.0)) >= RULE_KEEPS_PRAISE
    return score >= threshold or score >= RULE_KEEPS_FLOOR and (abs(rule) >= RULE_KEEPS or praised)


def _outside_unjudged(row: dict[str, float]) -> bool:
    """Is the candidate named only outside the quote, neither the object of its cue (`ha accusato X di «…»`) nor
    reached by a pronoun of it, and its words judge it not at all? Only what the quote refers to is a target (GUIDELINES
    §5): someone else the reporting sentence names is context (`dopo l'incontro con X, Rossi ha detto che …`)."""
    outside = not row.get("in_quote") and not row.get("cue_object")
    return outside and not any(row.get(f"pointer_{p}") for p in ("third", "second")) and not row["rule_score"]


@dataclass(frozen=True)
class Pair:
    """A statement and one of its candidate targets, described for the models."""

    statement: int  # index into the statements
    candidate: Candidate
    features: dict[str, float]
    evidence: str
    own_side: bool  # the speaker's own side (`ArticleView.on_speaker_side`): a target only where the words judge it

    @property
    def rule_score(self) -> float:
        """What the words say of the candidate, in -1..1 (one of its features)."""
        return self.features["rule_score"]


def annotate(doc: Document, statements: Sequence[Statement], models: StanceModels | None = None) -> tuple[Statement, ...]:
    """The statements of one analysed article, each with its targets (stance, score, evidence), in the same order."""
    if not statements:
        return tuple(statements)
    models = models or StanceModels.shipped(doc.engine)
    pairs = read_pairs(doc, statements)
    chosen = [p for p, s in zip(pairs, models.targets.scores([p.features for p in pairs]))
              if kept(s, p.features, models.targets.threshold)]
    rows = [p.features for p in chosen]
    targets: list[list[Target]] = [[] for _ in statements]
    for pair, support, oppose in zip(chosen, models.support.scores(rows), models.oppose.scores(rows)):
        stance, score = models.decide(support, oppose, pair.rule_score)
        if pair.own_side and not _judged_by_words(pair, statements[pair.statement], stance):
            # the speaker's own side is a target only where the statement's words evaluate it (GUIDELINES §5); an
            # accusing or praising cue is about its object, not about the speaker's side named in the content
            continue
        evidence = _shown_evidence(pair, statements[pair.statement], stance)
        targets[pair.statement].append(Target(pair.candidate.name, stance, score, evidence, pair.candidate.kind))
    # most statements name nobody they take a stance toward: those are kept as they are (`replace` copies every field)
    return tuple(replace(s, targets=tuple(t)) if t or s.targets else s for s, t in zip(statements, targets))


def read_pairs(doc: Document, statements: Sequence[Statement]) -> list[Pair]:
    """Every (statement, candidate target) pair of an article, with its features."""
    lexicon = lexicon_of(doc.lang)
    view = ArticleView(doc, lexicon, statements)
    pairs = []
    read: dict[tuple[int, int], list[Evaluation]] = {}  # statements of one sentence share its evaluations
    for k, statement in enumerate(statements):
        span = StatementSpan.of(doc, statement)
        found = candidates(view, span)
        if not found:
            continue
        frame = (span.frame_first, span.frame_last)
        if frame not in read:
            read[frame] = evaluations(doc, *frame, lexicon)
        said = read[frame]
        cue = read_cue(view, span)
        for candidate in found:
            features, score, best = pair_features(view, span, candidate, said, cue, found)
            pairs.append(Pair(k, candidate, features, _evidence(doc, statement, best, cue_polar=score != 0),
                              view.on_speaker_side(candidate, statement.speaker)))
    return pairs


def _judged_by_words(pair: Pair, statement: Statement, stance: str) -> bool:
    """Do judgements of the statement's own words take a side on the candidate: not its cue (`accusandolo di` is
    about the one accused), not a word of sentiment alone (`cancellare`), not a model alone?"""
    return stance != "neutral" and bool(pair.rule_score) and pair.evidence not in ("", statement.cue or "")


def _shown_evidence(pair: Pair, statement: Statement, stance: str) -> str:
    """The words shown for a side: the pair's evidence, else the cue when its own polarity takes that side (a model
    may decide from the cue alone: `accusandolo`)."""
    if stance == "neutral":
        return ""
    cue_side = pair.features.get("cue_polarity", 0.0) * (1 if stance == "support" else -1)
    return pair.evidence or (statement.cue or "" if cue_side > 0 else "")


def _evidence(doc: Document, statement: Statement, best: Evaluation | None, cue_polar: bool) -> str:
    """The words that justify a stance: the strongest evaluation reaching the target (with its negation), else
    the cue when the cue's own polarity decided."""
    if best is not None:
        return doc.span_text(best.evidence_first, best.last)
    return statement.cue or "" if cue_polar else ""

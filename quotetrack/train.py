"""Training and cross-validation of the learned models from annotated articles (gold files in extract-jsonl form).

    quotetrack train GOLD --corpus DIR [--engine builtin|stanza] [--out DIR]
    quotetrack evaluate GOLD --corpus DIR --cv 5

Every article is analysed once; its candidates are matched to the gold statements with the scoring rules of
`shared/spec/extract-jsonl.md` (token overlap ≥ 50 %, one to one), which gives the statement classifier its labels;
the options of each matched candidate are labelled by whether they name the gold speaker (the same name comparison
`evaluate` uses), which gives the speaker ranker its labels; the gold targets label the stance classifier. Folds of
the cross-validation are whole articles, chosen by a hash of the article id, so the same split comes back every time.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .analysis import Document, Engine, get_engine
from .evaluate import _f1, _ratio, f_beta, gold_articles, match, overlap, read_jsonl, same_name, tokens
from .extract import Candidate, ExtractionModels, choose_statements, extract_statements, read_candidates
from .extract.speakers import MentionFacts, SpeakerOption, Spoken, speaker_options
from .kb import KnowledgeBase, default_kb
from .lang import fold, get as get_language
from .learned import fit
from .models import STANCES, Statement
from .stance import Pair, StanceModels, annotate, decide, kept, read_pairs
from .stance.features import stance_row

MIN_TUNING_ARTICLES = 15  # fewer, and an inner split leaves folds without examples: the threshold stays at 0.5


@dataclass
class Annotated:
    """One analysed article and its gold statements. What training reads of it that no knowledge base changes is
    built on first use (so after any change to `gold`) and kept: every fold, inner or outer, that trains or tests on
    the article reuses it."""

    doc: Document
    gold: list[dict] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.doc.article.id

    @cached_property
    def statement_examples(self) -> tuple[list[dict[str, float]], list[int | None], list, list[Candidate]]:
        """`statement_examples(self)`: (rows, labels, matches, candidates)."""
        return statement_examples(self)

    @cached_property
    def speaker_options(self) -> list[tuple[Candidate, dict, list[SpeakerOption]]]:
        """`matched_options` of the article."""
        return matched_options(self, self.statement_examples[2])

    @cached_property
    def stance_pairs(self) -> tuple[list[dict], list[Pair]]:
        """The gold records whose quote the text has, and the (statement, candidate) pairs of the gold statements."""
        return [r for r in self.gold if r["quote"] in self.doc.text], read_pairs(self.doc, gold_statements(self))


def fold_of(article_id: str, folds: int) -> int:
    """The cross-validation fold of an article: a stable hash of its id."""
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % folds


def _split(items: Sequence[Annotated], k: int, folds: int, salt: str = "") -> tuple[list[Annotated], list[Annotated]]:
    """(train, test) of fold k: the items whose fold (a hash of `salt` and the id) is another, and those it is k."""
    train, test = [], []
    for item in items:
        (test if fold_of(salt + item.id, folds) == k else train).append(item)
    return train, test


def load_annotated(gold: str | Path, corpus: str | Path, engine: Engine | None = None,
                   kb: KnowledgeBase | None = None, progress: Callable[[int], None] | None = None) -> list[Annotated]:
    """The gold articles, analysed once each, with their gold records."""
    from .evaluate import corpus_files
    from .ingest import read_paths
    from .models import ReadFailure

    engine = engine or get_engine("builtin")
    kb = kb or default_kb()
    gold_records = read_jsonl(gold)
    records: dict[str, list[dict]] = {}
    for record in gold_records:
        records.setdefault(str(record["article"]), []).append(record)
    ids = gold_articles(gold, gold_records)
    articles = []
    for item in read_paths(corpus_files(corpus, ids)):
        if isinstance(item, ReadFailure):
            raise ValueError(str(item))
        articles.append(item)
    out = []
    batch = 16
    for k in range(0, len(articles), batch):
        chunk = articles[k : k + batch]
        for article, doc in zip(chunk, engine.analyse_many(chunk, kb, get_language())):
            out.append(Annotated(doc, records.get(article.id, [])))
        if progress is not None:
            progress(len(chunk))
    return out


# -- examples -----------------------------------------------------------------------------------------------------
def statement_examples(item: Annotated):
    """(rows, labels, matches, candidates) of one article: a candidate is positive when it is the one a gold
    statement matches, None when it would match one too but another reading of the same words matches it better
    (neither right nor wrong: kept instead, it would be scored right), negative otherwise; `matches` pairs each
    positive candidate with its gold record, in text order."""
    candidates, rows = read_candidates(item.doc)
    texts = [{"quote": item.doc.text[c.start : c.end]} for c in candidates]
    pairs = match(item.gold, texts)
    gold_tokens = [tokens(g["quote"]) for g in item.gold]
    labels: list[int | None] = [None if any(overlap(g, said) >= 0.5 for g in gold_tokens) else 0
                                for said in (tokens(t["quote"]) for t in texts)]
    matches = []
    for gi, ci in pairs:
        labels[ci] = 1
        matches.append((candidates[ci], item.gold[gi]))
    matches.sort(key=lambda pair: pair[0].start)
    return rows, labels, matches, candidates


def matched_options(item: Annotated, matches) -> list[tuple[Candidate, dict, list[SpeakerOption]]]:
    """(candidate, gold record, speaker options) of each matched candidate; the statements before each are given
    their gold speakers, as the ranker will see its own earlier choices."""
    out = []
    earlier: list[Spoken] = []
    facts = MentionFacts(item.doc)
    for candidate, gold in matches:
        options = speaker_options(item.doc, candidate, earlier, facts)
        out.append((candidate, gold, options))
        earlier.append(Spoken(gold.get("speaker"), gold.get("speaker_mention"), _gold_speaker_kind(options, gold, candidate),
                              candidate.start, candidate.end, candidate.first, candidate.last))
    return out


def _gold_speaker_kind(options: list[SpeakerOption], gold: dict, candidate: Candidate) -> str:
    """The kind the gold speaker is carried over with: that of the option the annotators pointed at, as the system
    carries the kind of its own choice (an organisation carried over stays one); "person" when no option names it."""
    right = [k for k, o in enumerate(options) if same_name(gold.get("speaker"), o.name)]
    if not right:
        return "person"
    return options[_gold_mention(options, right, gold, candidate)].kind or "person"


def speaker_examples(item: Annotated, kb: KnowledgeBase):
    """(rows, labels) of the speaker options of the article's matched candidates: positive the option naming the
    gold speaker where the annotators pointed."""
    rows, labels = [], []
    for candidate, gold, options in item.speaker_options:
        right = [k for k, o in enumerate(options) if same_name(gold.get("speaker"), o.name, kb)]
        if right and len(right) < len(options):
            best = _gold_mention(options, right, gold, candidate)
            for k, option in enumerate(options):
                if k == best or k not in right:  # other mentions of the right name teach nothing either way
                    rows.append(option.features)
                    labels.append(int(k == best))
    return rows, labels


def _gold_mention(options, right: list[int], gold: dict, candidate) -> int:
    """Of the options naming the gold speaker, the one the annotators pointed at: the words of `speaker_mention`,
    nearest to the statement; else the nearest mention; the carried-over speaker when no mention is near."""
    wanted = fold(gold.get("speaker_mention") or "")
    def distance(k: int) -> int:
        mention = options[k].mention
        if mention is None:
            return 1000
        return min(abs(mention.first - candidate.first), abs(mention.last - candidate.last))
    exact = [k for k in right if options[k].mention is not None and fold(options[k].mention.text) == wanted]
    return min(exact or right, key=distance)


# -- training -----------------------------------------------------------------------------------------------------
def train_extraction(items: Sequence[Annotated], kb: KnowledgeBase | None = None, tune: bool = True) -> ExtractionModels:
    """The statement classifier and the speaker ranker, trained on `items`; the classifier's threshold is the one
    that maximises quote F1 in an inner cross-validation over the same items (when `tune`)."""
    kb = kb or default_kb()
    s_rows, s_labels, k_rows, k_labels = [], [], [], []
    for item in items:
        rows, labels = _known(*item.statement_examples[:2])
        s_rows += rows
        s_labels += labels
        rows, labels = speaker_examples(item, kb)
        k_rows += rows
        k_labels += labels
    if len(set(s_labels)) < 2 or len(set(k_labels)) < 2:
        raise ValueError(f"too few annotated articles to train the extraction models ({len(items)} articles: their "
                         "candidates and speakers need both right and wrong examples)")
    threshold = _tuned_threshold(items) if tune and len(items) >= MIN_TUNING_ARTICLES else 0.5
    meta = {"articles": len(items), "statement_rows": len(s_rows), "speaker_rows": len(k_rows)}
    return ExtractionModels(fit(s_rows, s_labels, threshold, meta), fit(k_rows, k_labels, 0.5, meta))


def _tuned_threshold(items: Sequence[Annotated], folds: int = 3) -> float:
    """The statement threshold with the best quote F1 over an inner split of the training articles, F1 averaged
    over the neighbouring thresholds (±0.04): the curve is flat near its top, and a single peak of it is noise (the
    lowest of equally good ones)."""
    # each inner test article's candidates, their scores, their labels by id, and which of them match an optional
    # statement
    scored: list[tuple[list[Candidate], list[float], dict[int, int | None], set[int]]] = []
    gold_total = 0
    for k in range(folds):
        inner_train, inner_test = _split(items, k, folds, "inner:")
        rows, labels = [], []
        for item in inner_train:
            r, l = _known(*item.statement_examples[:2])
            rows += r
            labels += l
        model = fit(rows, labels)
        for item in inner_test:
            r, l, matches, candidates = item.statement_examples
            optional = {id(c) for c, record in matches if record.get("optional")}
            scored.append((candidates, model.scores(r), dict(zip(map(id, candidates), l)), optional))
            gold_total += sum(1 for g in item.gold if not g.get("optional"))

    def quote_f1(threshold: float) -> float:
        """As extraction keeps statements: the best of overlapping candidates only (another reading of the same
        words, kept or not, is no false statement)."""
        right = kept = 0
        for candidates, scores, label_of, optional in scored:
            chosen = [c for c, _ in choose_statements(candidates, scores, threshold)]
            article_right, article_kept = right_and_kept(chosen, label_of, optional)
            right, kept = right + article_right, kept + article_kept
        return _f1_of(right, kept, gold_total)

    return _smoothed_best([t / 100 for t in range(20, 81, 2)], quote_f1)


def right_and_kept(chosen: list[Candidate], label_of: dict[int, int | None], optional: set[int]) -> tuple[int, int]:
    """(right, kept) of the statements extraction keeps, counted as `evaluate` scores them: one matching an optional
    gold statement counts neither way, another reading of a gold statement (label None) as right."""
    labels = [label_of[id(c)] for c in chosen if id(c) not in optional]
    return sum(label != 0 for label in labels), len(labels)


def _smoothed_best(grid: list[float], figure: Callable[[float], float], reach: int = 2, padded: bool = False) -> float:
    """The threshold of `grid` whose figure, averaged with its `reach` neighbours on either side, is best (the lowest
    of equally good ones): near its top the curve is flat, and a single peak of it is noise. `padded` also reads the
    figure `reach` steps beyond either end, so that an end of the grid is averaged over as many neighbours as the rest
    (a window cut short there favours the end whenever the curve rises toward it)."""
    step, pad = grid[1] - grid[0], reach if padded else 0
    wide = [grid[0] - step * k for k in range(pad, 0, -1)] + grid + [grid[-1] + step * k for k in range(1, pad + 1)]
    values = [figure(t) for t in wide]
    around = [values[max(0, k - reach) : k + reach + 1] for k in range(pad, pad + len(grid))]
    smoothed = [sum(window) / len(window) for window in around]
    return grid[smoothed.index(max(smoothed))]


def _known(rows: list[dict[str, float]], labels: list[int | None]) -> tuple[list[dict[str, float]], list[int]]:
    """The examples whose label is known: another reading of a gold statement teaches nothing either way."""
    kept = [(row, label) for row, label in zip(rows, labels) if label is not None]
    return [row for row, _ in kept], [label for _, label in kept]


@dataclass(frozen=True)
class Trained:
    """Every learned model of one engine."""

    extraction: ExtractionModels
    stance: StanceModels

    def save(self, folder: str | Path) -> list[Path]:
        """Write each model as `<folder>/<name>.json`; returns the files written."""
        return self.extraction.save(folder) + self.stance.save(folder)


def train_all(items: Sequence[Annotated], kb: KnowledgeBase | None = None) -> Trained:
    """Every model, trained on all of `items`."""
    return Trained(train_extraction(items, kb), train_stance(items, kb))


# -- stance -------------------------------------------------------------------------------------------------------
def gold_statements(item: Annotated) -> tuple[Statement, ...]:
    """An article's gold records as statements, so stance learns from exact spans whatever extraction finds: the
    quote where the text has it (the occurrence nearest its cue and speaker mention when it repeats), the cue and
    the speaker mention at their occurrences nearest the quote."""
    text = item.doc.text
    out = []
    for record in item.gold:
        anchors = [text.find(record[key]) for key in ("speaker_mention", "cue") if record.get(key)]
        start = _nearest(text, record["quote"], [a for a in anchors if a >= 0] or [0])
        if start is None:
            continue
        end = start + len(record["quote"])
        cue = _nearest(text, record.get("cue") or "", [start, end], outside=(start, end)) if record.get("cue") else None
        mention = record.get("speaker_mention")
        speaker_at = _nearest(text, mention, [start, end], outside=(start, end)) if mention else None
        out.append(Statement(
            str(record["article"]), record["quote"], record.get("kind", "direct"), start, end,
            speaker=record.get("speaker"), speaker_mention=mention, cue=record.get("cue"),
            cue_start=cue, cue_end=cue + len(record["cue"]) if cue is not None else None,
            speaker_start=speaker_at, speaker_end=speaker_at + len(mention) if speaker_at is not None else None))
    return tuple(out)


def _nearest(text: str, needle: str, anchors: list[int], outside: tuple[int, int] | None = None) -> int | None:
    """The occurrence of `needle` nearest any anchor (outside the span `outside` when given), or None."""
    found, k = [], text.find(needle)
    while needle and k >= 0:
        if outside is None or k + len(needle) <= outside[0] or k >= outside[1]:
            found.append(k)
        k = text.find(needle, k + 1)
    return min(found, key=lambda k: min(abs(k - a) for a in anchors)) if found else None


MIN_STANCE_PAIRS = 10  # fewer gold pairs teach LightGBM nothing (and bagging may leave it no row at all)


@dataclass
class StanceExamples:
    """The (statement, candidate) pairs of some articles: feature rows, whether each is a gold target, its gold
    stance (None when it is not a target), and how many gold targets there were (reachable or not)."""

    rows: list[dict] = field(default_factory=list)
    is_target: list[int] = field(default_factory=list)
    stance: list[str | None] = field(default_factory=list)
    gold_targets: int = 0
    gold_stances: list[str] = field(default_factory=list)


def stance_examples(items: Iterable[Annotated], kb: KnowledgeBase | None = None) -> StanceExamples:
    """Examples from gold statements: a candidate is a target when its name is a gold target's (`same_name`, the
    scorer's comparison), and takes that target's stance."""
    kb = kb or default_kb()
    out = StanceExamples()
    for item in items:
        records, pairs = item.stance_pairs
        for record in records:
            for target in record.get("targets") or []:
                out.gold_targets += 1
                out.gold_stances.append(target.get("stance", "neutral"))
        for pair in pairs:
            gold = next((t for t in records[pair.statement].get("targets") or []
                         if same_name(t["entity"], pair.candidate.name, kb)), None)
            out.rows.append(pair.features)
            out.is_target.append(int(gold is not None))
            out.stance.append(gold.get("stance", "neutral") if gold is not None else None)
    return out


def train_stance(items: Sequence[Annotated], kb: KnowledgeBase | None = None, tune: bool = True) -> StanceModels:
    """The target classifier and the two stance models, trained on the gold statements of `items`; thresholds are
    the ones with the best target F-beta and stance macro-F1, each averaged with its neighbours on the grid, in an
    inner cross-validation over the same items."""
    kb = kb or default_kb()
    examples = stance_examples(items, kb)
    models = _fit_stance(examples)
    if not tune:
        return models
    target_threshold, support_threshold, oppose_threshold = _tuned_stance_thresholds(items, kb)
    return StanceModels(replace(models.targets, threshold=target_threshold),
                        replace(models.support, threshold=support_threshold),
                        replace(models.oppose, threshold=oppose_threshold))


def _fit_stance(examples: StanceExamples) -> StanceModels:
    labelled = [k for k, s in enumerate(examples.stance) if s is not None]
    if len(labelled) < MIN_STANCE_PAIRS:
        raise ValueError(f"only {len(labelled)} gold targets are among the statements' candidates: too few annotated "
                         f"articles to train the stance models (at least {MIN_STANCE_PAIRS} are needed)")
    rows = [stance_row(examples.rows[k]) for k in labelled]
    meta = {"pairs": len(examples.rows), "targets": len(labelled)}
    return StanceModels(
        fit(examples.rows, examples.is_target, 0.5, meta),
        fit(rows, [int(examples.stance[k] == "support") for k in labelled], 0.5, meta),
        fit(rows, [int(examples.stance[k] == "oppose") for k in labelled], 0.5, meta),
    )


# A missed target costs its stance too (a missing label is a wrong one), a spurious one only target precision: the
# target threshold is the one with the best F-beta, recall weighing this much more than precision (cross-validated
# on gold-dev, four fold draws: target recall 0.506 → 0.549 at precision 0.484 → 0.479, stance macro-F1 0.397 → 0.404)
TARGET_RECALL_WEIGHT = 1.5
# The target thresholds tried: fine and reaching low, since the recall-weighted best often lies at or below 0.1 (with
# this grid, in a third of the folds of eight draws on gold-dev: a grid starting at 0.1 cut those off at its floor);
# the stance thresholds keep a coarser grid, two of them tried together
TARGET_GRID = [t / 100 for t in range(2, 91, 2)]
STANCE_GRID = [t / 100 for t in range(10, 91, 4)]


def _tuned_stance_thresholds(items: Sequence[Annotated], kb: KnowledgeBase, folds: int = 3) -> tuple[float, float, float]:
    """Thresholds chosen on out-of-fold scores: the target threshold with the best target F-beta (recall counted over
    every gold target, weighed `TARGET_RECALL_WEIGHT`), then the stance thresholds with the best macro-F1 over the
    gold pairs (missed ones wrong), averaged with the neighbouring pairs of thresholds (`_around`)."""
    scored = []  # (target score, is target, gold stance, support, oppose, feature row)
    gold_targets, gold_stances = 0, []
    for k in range(folds):
        train, test = (stance_examples(part, kb) for part in _split(items, k, folds, "inner:"))
        if sum(s is not None for s in train.stance) < MIN_STANCE_PAIRS:
            continue  # a handful of articles: this split leaves too little to learn from
        models = _fit_stance(train)
        gold_targets += test.gold_targets
        gold_stances += test.gold_stances
        scored += zip(models.targets.scores(test.rows), test.is_target, test.stance,
                      models.support.scores(test.rows), models.oppose.scores(test.rows),
                      test.rows)
    if not scored:
        return 0.5, 0.5, 0.5
    target_threshold = _target_threshold([(score, is_target, row) for score, is_target, *_, row in scored], gold_targets)
    found = [(stance, support, oppose, row["rule_score"]) for score, _, stance, support, oppose, row in scored
             if kept(score, row, target_threshold) and stance is not None]

    def macro_f1(thresholds: tuple[float, float]) -> float:
        predicted = [(gold, decide(support, oppose, rule, *thresholds)[0]) for gold, support, oppose, rule in found]
        return sum(_f1_of(sum(1 for g, p in predicted if g == p == label),
                          sum(1 for _, p in predicted if p == label),
                          sum(1 for g in gold_stances if g == label)) for label in STANCES) / len(STANCES)

    figure = {(s, o): macro_f1((s, o)) for s in STANCE_GRID for o in STANCE_GRID}
    best = max(figure, key=lambda pair: _around(figure, pair))
    return target_threshold, best[0], best[1]


def _around(figure: dict[tuple[float, float], float], pair: tuple[float, float]) -> float:
    """The stance macro-F1 of a (support, oppose) threshold pair averaged with its neighbours on `STANCE_GRID`: a few
    hundred pairs make single peaks that move with retraining noise."""
    k, j = STANCE_GRID.index(pair[0]), STANCE_GRID.index(pair[1])
    near = [figure[(s, o)] for s in STANCE_GRID[max(0, k - 1) : k + 2] for o in STANCE_GRID[max(0, j - 1) : j + 2]]
    return sum(near) / len(near)


def _target_threshold(scored: list[tuple[float, int, dict]], gold_targets: int) -> float:
    """The threshold of `TARGET_GRID` with the best target F-beta over out-of-fold (target score, is target, feature
    row) triples, recall counted over all `gold_targets`, averaged over the neighbouring thresholds (±0.04): a lone
    peak moves with retraining noise (0.06 in one fold, 0.16 in the next)."""
    def target_f_beta(threshold: float) -> float:
        chosen = [is_target for score, is_target, row in scored if kept(score, row, threshold)]
        return f_beta(_ratio(sum(chosen), len(chosen)), _ratio(sum(chosen), gold_targets), TARGET_RECALL_WEIGHT)

    return _smoothed_best(TARGET_GRID, target_f_beta, padded=True)


def _f1_of(right: int, predicted: int, gold: int) -> float:
    return _f1(_ratio(right, predicted), _ratio(right, gold))


# -- cross-validation ---------------------------------------------------------------------------------------------
def cross_validate(items: Sequence[Annotated], folds: int = 5, kb: KnowledgeBase | None = None,
                   progress: Callable[[int], None] | None = None) -> list[dict]:
    """System records for every article, each predicted by models trained on the other folds' articles (extraction
    and stance alike)."""
    kb = kb or default_kb()
    records: list[dict] = []
    for k in range(folds):
        train, test = _split(items, k, folds)
        models, stance_models = train_extraction(train, kb), train_stance(train, kb)
        for item in test:
            statements = annotate(item.doc, extract_statements(item.doc, models), stance_models)
            records += [s.to_json() for s in statements]
        if progress is not None:
            progress(1)
    return records

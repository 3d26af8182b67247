"""Scoring of extract-jsonl output against gold, as defined in shared/spec/extract-jsonl.md.

A system statement matches a gold one of the same article when their token multisets overlap by at least 50% of the
longer one; matching is one-to-one, best overlap first (ties go to the later gold record). Optional gold records
count neither as misses nor, when matched, as false positives.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .kb import KnowledgeBase, default_kb, fold
from .models import STANCES, STATEMENT_KINDS

_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter:
    return Counter(w.casefold() for w in _WORD.findall(text or ""))


def overlap(a: Counter, b: Counter) -> float:
    longer = max(sum(a.values()), sum(b.values()))
    return sum((a & b).values()) / longer if longer else 0.0


def read_jsonl(path: str | Path) -> list[dict]:
    """Records of a JSONL file, or of every *.jsonl file in a folder (gold-dev/ keeps one file per article)."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    records = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{file}:{number}: invalid JSON ({exc.msg})") from None
    return records


def gold_articles(path: str | Path, records: list[dict] | None = None) -> list[str]:
    """Article ids a gold file or folder covers, including folder files with no statement (false-positive tests);
    `records` are its records when the caller has read them already."""
    path = Path(path)
    ids = {r["article"] for r in (read_jsonl(path) if records is None else records)}
    if path.is_dir():
        ids |= {f.stem for f in path.glob("*.jsonl")}
    return sorted(ids)


def same_name(gold: str | None, system: str | None, kb: KnowledgeBase | None = None) -> bool:
    """Names compared case- and accent-insensitively, by alias or by surname."""
    if gold is None or system is None:
        return gold is None and system is None
    fg, fs = fold(gold), fold(system)
    if fg == fs:
        return True
    if kb is not None:
        eg, es = kb.get(gold), kb.get(system)
        if eg is not None and eg is es:
            return True
    # surnames only for named gold speakers: "funzionario russo" and "ministro russo" are different anonymous ones
    return gold[:1].isupper() and fg.split()[-1] == fs.split()[-1]


@dataclass
class Scores:
    gold: int = 0
    system: int = 0
    matched: int = 0
    by_kind: dict = field(default_factory=dict)  # kind -> (found, total)
    speaker_right: int = 0
    target_gold: int = 0
    target_system: int = 0
    target_found: int = 0
    target_gold_all: int = 0
    target_found_all: int = 0
    stance_f1: dict = field(default_factory=dict)
    stance_macro_f1: float = 0.0

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.system)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_right, self.matched)

    @property
    def end_to_end_f1(self) -> float:
        return _f1(_ratio(self.speaker_right, self.system), _ratio(self.speaker_right, self.gold))

    @property
    def reported_recall(self) -> float:
        found = sum(self.by_kind.get(k, (0, 0))[0] for k in ("mixed", "indirect"))
        total = sum(self.by_kind.get(k, (0, 0))[1] for k in ("mixed", "indirect"))
        return _ratio(found, total)

    def as_dict(self) -> dict:
        return {
            "gold": self.gold,
            "system": self.system,
            "matched": self.matched,
            "quote_precision": round(self.precision, 4),
            "quote_recall": round(self.recall, 4),
            "quote_f1": round(self.f1, 4),
            "recall_by_kind": {k: round(_ratio(*v), 4) for k, v in sorted(self.by_kind.items())},
            "reported_recall": round(self.reported_recall, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "end_to_end_f1": round(self.end_to_end_f1, 4),
            "target_precision": round(_ratio(self.target_found, self.target_system), 4),
            "target_recall": round(_ratio(self.target_found, self.target_gold), 4),
            "target_recall_all_gold": round(_ratio(self.target_found_all, self.target_gold_all), 4),
            "stance_f1": {k: round(v, 4) for k, v in self.stance_f1.items()},
            "stance_macro_f1": round(self.stance_macro_f1, 4),
        }


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return f_beta(p, r, 1.0)


def f_beta(precision: float, recall: float, beta: float) -> float:
    """The F-measure with recall weighing `beta` times as much as precision (F1 when beta is 1)."""
    weight = beta * beta
    return (1 + weight) * precision * recall / (weight * precision + recall) if precision + recall else 0.0


def match(gold: list[dict], system: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of one article, best overlap first."""
    gold_tokens = [tokens(g["quote"]) for g in gold]
    system_tokens = [tokens(s["quote"]) for s in system]
    candidates = []
    for gi, gt in enumerate(gold_tokens):
        for si, st in enumerate(system_tokens):
            score = overlap(gt, st)
            if score >= 0.5:
                candidates.append((-score, -gi, si))
    candidates.sort()
    used_gold, used_system, pairs = set(), set(), []
    for _, neg_gi, si in candidates:
        gi = -neg_gi
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gi, si))
    return pairs


def score(gold_records: Iterable[dict], system_records: Iterable[dict], kb: KnowledgeBase | None = None) -> Scores:
    kb = kb if kb is not None else default_kb()
    gold_by_article, system_by_article = defaultdict(list), defaultdict(list)
    for record in gold_records:
        gold_by_article[str(record["article"])].append(record)
    for record in system_records:
        system_by_article[str(record["article"])].append(record)
    scores = Scores()
    kind_found, kind_total = Counter(), Counter()
    stance_pairs: list[tuple[str, str]] = []  # (gold label, system label or "missing")
    for article in sorted(set(gold_by_article) | set(system_by_article)):
        gold, system = gold_by_article[article], system_by_article[article]
        pairs = dict(match(gold, system))
        matched_optional = {si for gi, si in pairs.items() if gold[gi].get("optional")}
        required = [gi for gi, g in enumerate(gold) if not g.get("optional")]
        scores.gold += len(required)
        scores.system += len(system) - len(matched_optional)
        for gi in required:
            g = gold[gi]
            kind_total[g.get("kind")] += 1
            gold_targets = g.get("targets") or []
            scores.target_gold_all += len(gold_targets)
            if gi not in pairs:
                continue
            s = system[pairs[gi]]
            scores.matched += 1
            kind_found[g.get("kind")] += 1
            if same_name(g.get("speaker"), s.get("speaker"), kb):
                scores.speaker_right += 1
            system_targets = s.get("targets") or []
            scores.target_gold += len(gold_targets)
            scores.target_system += len(system_targets)
            for gt in gold_targets:
                hit = next((st for st in system_targets if same_name(gt["entity"], st.get("entity"), kb)), None)
                if hit is not None:
                    scores.target_found += 1
                    scores.target_found_all += 1
                stance_pairs.append((gt.get("stance", "neutral"), hit.get("stance") if hit else "missing"))
    scores.by_kind = {k: (kind_found[k], kind_total[k]) for k in STATEMENT_KINDS if kind_total[k]}
    scores.stance_f1 = _per_label_f1(stance_pairs)
    scores.stance_macro_f1 = sum(scores.stance_f1.values()) / len(scores.stance_f1) if scores.stance_f1 else 0.0
    return scores


def _per_label_f1(pairs: list[tuple[str, str]]) -> dict[str, float]:
    result = {}
    for label in STANCES:
        gold_n = sum(1 for g, _ in pairs if g == label)
        if not gold_n:
            continue
        predicted = sum(1 for _, s in pairs if s == label)
        right = sum(1 for g, s in pairs if g == label and s == label)
        result[label] = _f1(_ratio(right, predicted), _ratio(right, gold_n))
    return result


def format_table(scores: Scores, title: str = "") -> str:
    d = scores.as_dict()
    rows = [
        ("statements gold / system / matched", f"{d['gold']} / {d['system']} / {d['matched']}"),
        ("quote precision", f"{d['quote_precision']:.3f}"),
        ("quote recall", f"{d['quote_recall']:.3f}"),
        ("quote F1", f"{d['quote_f1']:.3f}"),
        *((f"recall {kind}", f"{value:.3f}") for kind, value in d["recall_by_kind"].items()),
        ("recall reported (mixed+indirect)", f"{d['reported_recall']:.3f}"),
        ("speaker accuracy (matched)", f"{d['speaker_accuracy']:.3f}"),
        ("end-to-end F1 (match + speaker)", f"{d['end_to_end_f1']:.3f}"),
        ("target precision (matched)", f"{d['target_precision']:.3f}"),
        ("target recall (matched)", f"{d['target_recall']:.3f}"),
        ("target recall (all gold)", f"{d['target_recall_all_gold']:.3f}"),
        *((f"stance F1 {label}", f"{value:.3f}") for label, value in d["stance_f1"].items()),
        ("stance macro-F1", f"{d['stance_macro_f1']:.3f}"),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [title] if title else []
    lines += [f"{name.ljust(width)}  {value}" for name, value in rows]
    return "\n".join(lines)


def corpus_files(folder: str | Path, article_ids: Iterable[str]) -> list[str]:
    """The article file of each gold article id in `folder` (any supported extension)."""
    folder = Path(folder)
    files = []
    for article_id in article_ids:
        found = sorted(p for p in folder.glob(f"{article_id}.*") if p.suffix in (".txt", ".md", ".html", ".htm"))
        if not found:
            raise FileNotFoundError(f"{folder}: no article file for gold article {article_id!r}")
        files.append(str(found[0]))
    return files

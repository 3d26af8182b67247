"""quotetrack benchmark: throughput, scaling, query latency, digest time and peak memory, against the targets.

    python bench/run.py                    # 1k and 10k articles, about 10 minutes on 2 cores
    python bench/run.py --full             # also 100k articles
    python bench/run.py --quick            # 1k only, smaller databases: a smoke run

Every figure is measured in its own subprocess (so its peak memory, ru_maxrss, is its own) and printed as it
comes; the ratios and a final table (figure, value, target, met/missed) close the run. Inputs are generated under
bench/out/ (git-ignored) and reused by later runs.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_builder  # noqa: E402
import measures  # noqa: E402
import synthetic  # noqa: E402


def measure(name: str, **params) -> dict:
    """Run measures.<name>(**params) in a fresh Python and return its result plus its peak memory."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__)), "--measure", name, json.dumps(params)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-6:])
        print(f"  !! {name} failed:\n{tail}", file=sys.stderr)
        return {"error": tail.splitlines()[-1] if tail else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _child(name: str, params: str) -> None:
    import measures

    result = measures.MEASURES[name](**json.loads(params))
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


class Table:
    """The closing table: figure, value, target, met/missed."""

    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, figure: str, value: float | None, unit: str, target: float | None = None, higher_is_better=True):
        if value is None:
            self.rows.append((figure, "n/a", _target(target, unit, higher_is_better), "—"))
            return
        verdict = "—" if target is None else ("met" if (value >= target) == higher_is_better else "missed")
        self.rows.append((figure, f"{value:,.2f} {unit}", _target(target, unit, higher_is_better), verdict))

    def print(self) -> None:
        widths = [max(len(r[i]) for r in self.rows + [("figure", "value", "target", "")]) for i in range(4)]
        print()
        for row in [("figure", "value", "target", "result")] + self.rows:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))


def _target(target, unit, higher_is_better) -> str:
    if target is None:
        return ""
    return f"{'≥' if higher_is_better else '≤'} {target:g} {unit}"


def _get(result: dict, key: str):
    return result.get(key) if "error" not in result else None


def _say(title: str, result: dict, keys: list[str]) -> None:
    if "error" in result:
        print(f"{title}: FAILED ({result['error']})")
        return
    shown = ", ".join(f"{k}={result[k]:.4g}" if isinstance(result[k], float) else f"{k}={result[k]}" for k in keys)
    print(f"{title}: {shown}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also measure 100k articles")
    parser.add_argument("--quick", action="store_true", help="1k articles and small databases only (smoke run)")
    parser.add_argument("--sizes", type=int, nargs="+", help="corpus sizes instead of 1k 10k (the last is the big one)")
    parser.add_argument("--wikinews", type=Path, default=corpus_builder.DEFAULT_WIKINEWS, help="it-wikinews folder")
    parser.add_argument("--models", default=None, help="Stanza models dir (default: $QUOTETRACK_STANZA_DIR, ../shared/stanza)")
    parser.add_argument("--stanza-articles", type=int, default=30, help="articles for the Stanza throughput")
    parser.add_argument("--statements", type=int, default=1_000_000, help="statements in the query database")
    parser.add_argument("--measure", nargs=2, metavar=("NAME", "PARAMS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        return _child(*args.measure)

    sizes = [1000] if args.quick else [1000, 10_000] + ([100_000] if args.full else [])
    sizes = sorted(args.sizes or sizes)
    big = min(sizes[-1], 10_000)  # ingest is measured on 10k, or the largest size below it
    n_statements = 100_000 if args.quick else args.statements
    out = corpus_builder.OUT
    table = Table()
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.2f} (other work on the machine skews every figure)")

    corpora = {n: str(corpus_builder.build(n, args.wikinews)) for n in sizes}
    for n, path in corpora.items():
        print(f"corpus {n:>7,} articles: {path} ({corpus_builder.size_mb(Path(path)):.1f} MB)")

    # -- extraction, built-in engine, and its scaling in the number of articles --------------------------------------
    extraction = {}
    for n, path in corpora.items():
        extraction[n] = result = measure("extraction", corpus=path, engine="builtin")
        _say(f"built-in extraction, {n:,} articles", result,
             ["articles_per_s", "median_block_articles_per_s", "mb_per_s", "ms_per_article", "statements",
              "max_rss_mb"])
    first, last = extraction[sizes[0]], extraction[sizes[-1]]
    rate = _get(extraction[big], "articles_per_s")
    table.add(f"built-in extraction ({big:,} articles)", rate, "articles/s/core", 200)
    table.add(f"  median of its {measures.BLOCK_ARTICLES}-article blocks",
              _get(extraction[big], "median_block_articles_per_s"), "articles/s/core", 200)
    table.add("built-in extraction MB/s per core", _get(extraction[big], "mb_per_s"), "MB/s")
    reading = measure("analysis", corpus=corpora[big])
    _say(f"built-in analysis alone (Document and mention index), {big:,} articles", reading, ["articles_per_s", "seconds"])
    table.add(f"  of which the analysis alone ({big:,} articles)", _get(reading, "articles_per_s"), "articles/s/core",
              300)
    if len(sizes) > 1 and "error" not in first and "error" not in last:
        table.add(f"time per article {sizes[-1]:,} vs {sizes[0]:,}", last["ms_per_article"] / first["ms_per_article"],
                  "x", 1.25, higher_is_better=False)
        table.add(f"peak memory {sizes[-1]:,} vs {sizes[0]:,}", last["max_rss_mb"] / first["max_rss_mb"],
                  "x", 1.25, higher_is_better=False)

    profile = measure("profile", corpus=corpora[sizes[0]], limit=300)
    if "error" not in profile:
        print(f"\nwhere the built-in extraction spends its time ({profile['articles']} articles), by own time:")
        print(profile["text"])
        print("quotetrack functions by time including what they call:")
        print(profile["cumulative"] + "\n")

    # -- Stanza on a small subset ------------------------------------------------------------------------------------
    models = args.models or os.environ.get("QUOTETRACK_STANZA_DIR") or str(HERE.parent.parent / "shared" / "stanza")
    stanza_rate = None
    if (Path(models) / "resources.json").exists():
        stanza = measure("extraction", corpus=corpora[sizes[0]], engine="stanza", limit=args.stanza_articles,
                         models_dir=models)
        _say(f"Stanza extraction, {args.stanza_articles} articles", stanza,
             ["articles_per_s", "mb_per_s", "warmup_seconds", "statements", "max_rss_mb"])
        stanza_rate = _get(stanza, "articles_per_s")
    else:
        print(f"Stanza extraction: skipped (no models at {models})")
    table.add("Stanza extraction", stanza_rate, "articles/s/core")
    if stanza_rate and rate:
        table.add("built-in vs Stanza speed", rate / stanza_rate, "x")

    # -- ingest into SQLite with 1 and 2 jobs ------------------------------------------------------------------------
    ingests = {}
    runs = [(big, 1), (big, 2)]
    if big != sizes[0]:
        runs.insert(0, (sizes[0], 1))  # for the scaling of ingest itself
    for n, jobs in runs:
        ingests[n, jobs] = result = measure("ingest", corpus=corpora[n], jobs=jobs)
        _say(f"ingest {n:,} articles, --jobs {jobs}", result,
             ["seconds", "articles_per_s", "statements", "cpu_seconds_parent", "cpu_seconds_workers",
              "max_rss_mb", "max_rss_workers_mb", "db_mb"])
    one, two = ingests[big, 1], ingests[big, 2]
    speedup = one["seconds"] / two["seconds"] if "error" not in one and "error" not in two else None
    table.add(f"ingest --jobs 2 vs --jobs 1 ({big:,})", speedup, "x", 1.7)
    if "error" not in one and "error" not in two and two["cpu_seconds_workers"]:
        # what 2 idle cores would give: --jobs 2 spreads its total CPU (workers + parent) over both cores
        parent, workers = two["cpu_seconds_parent"], two["cpu_seconds_workers"]
        table.add("  --jobs 2 vs 1 on 2 idle cores, from CPU time", 2 * one["cpu_seconds_parent"] / (parent + workers), "x")
        table.add("  --jobs 2: parent (read+write) CPU / workers CPU", parent / workers, "x")
    best = min((r["seconds"] for r in (one, two) if "error" not in r), default=None)
    table.add(f"ingest {big:,} articles (best of --jobs 1/2)", best, "s", 60 * big / 10_000, higher_is_better=False)
    if (sizes[0], 1) in ingests and big != sizes[0] and "error" not in ingests[sizes[0], 1] and "error" not in one:
        per_small = ingests[sizes[0], 1]["seconds"] / sizes[0]
        table.add(f"ingest time per article {big:,} vs {sizes[0]:,}", one["seconds"] / big / per_small, "x", 1.25,
                  higher_is_better=False)

    # -- queries on a database of n_statements, digest over a week of 10k --------------------------------------------
    words = synthetic.vocabulary(corpus_builder.source_texts(args.wikinews))
    query_db = synthetic.build(out / f"statements-{n_statements}.db", synthetic.Shape(n_statements), words)
    q = measure("queries", db=str(query_db), search_word=words[len(words) // 2])
    _say(f"queries on {n_statements:,} statements (median ms)", q,
         ["speaker_ms", "speaker_rows", "speaker_limit50_ms", "target_stance_ms", "target_stance_rows",
          "search_limit50_ms", "max_rss_mb"])
    table.add(f"speaker query ({n_statements:,} statements)", _get(q, "speaker_ms"), "ms", 50, higher_is_better=False)
    table.add("target + stance query", _get(q, "target_stance_ms"), "ms")
    table.add("full-text search (50 rows)", _get(q, "search_limit50_ms"), "ms")

    week_start = date(2025, 3, 3)  # a Monday; the week before holds as many statements, for the comparisons
    digest_shape = synthetic.Shape(20_000, first_day=week_start - timedelta(days=7), days=14, speakers=200)
    digest_db = synthetic.build(out / "digest-week-10000.db", digest_shape, words)
    d = measure("digest", db=str(digest_db), week="{}-W{:02d}".format(*week_start.isocalendar()[:2]))
    _say("weekly digest", d, ["seconds", "statements_in_week", "html_kb", "max_rss_mb"])
    table.add(f"weekly digest ({_get(d, 'statements_in_week') or 0:,} statements)", _get(d, "seconds"), "s", 2,
              higher_is_better=False)
    table.print()


if __name__ == "__main__":
    main()

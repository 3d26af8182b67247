"""Is every stage linear in its input? Adversarial texts at 10 KB, 100 KB and 1 MB, timed per KB.

Each pattern is a text that a hostile (or just unusual) file could hold: the same reporting clause over and over,
quotes with no sentence break between them, one endless sentence, quote marks nested thousands deep, a wall of
capitalised words, runs of punctuation, unclosed Markdown emphasis, HTML-looking starts. For every pattern and
size it times

- **ingest**: reading the file as `quotetrack ingest` does (`quotetrack.ingest.read_paths`: decoding, Markdown and
  HTML clean-up, metadata), and
- **extract**: analysis, extraction and stance of the article read (`quotetrack.pipeline.process`, built-in engine),

and prints milliseconds per KB at each size and the ratio of the largest size to the smallest. Linear work keeps
ms/KB flat (ratio ≈ 1); a ratio above 2 is flagged NON-LINEAR. A size whose time, extrapolated from the growth seen
between the two sizes before it, would pass `--budget` seconds is not run: the ratio then uses the largest size run.

    python bench/linearity.py                          # every pattern, both stages, 10 KB / 100 KB / 1 MB
    python bench/linearity.py --stage ingest           # reading only
    python bench/linearity.py --pattern reporting_chain --sizes 10 50 200 --budget 120
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

NON_LINEAR = 2.0  # a ratio of ms/KB above this, from the smallest size to the largest, is flagged
MIN_SECONDS = 0.5  # small sizes are repeated until they have run this long; the median run counts


@dataclass(frozen=True)
class Pattern:
    name: str
    what: str
    unit: str  # repeated until the text reaches the size asked for
    suffix: str = ".txt"  # how the file is named, so ingest reads it as that format
    closing: str = ""  # repeated as often as `unit`, after all of them: what the units opened, closed
    head: str = ""  # written once, before
    tail: str = ""  # written once, after
    stages: tuple[str, ...] = ("ingest", "extract")  # where it means something (a page of tags has no article)


PATTERNS = [
    Pattern("reporting_chain", "the issue's reproduction: a reporting clause repeated, no sentence end",
            "Rossi dice che "),
    Pattern("quotes_no_breaks", "many quotes and cues, not one sentence break",
            "«Andremo avanti» ha detto Rossi, «senza fermarci» ha aggiunto Bianchi, "),
    Pattern("endless_sentence", "one sentence of ordinary words and commas that never ends",
            "il governo della regione ha approvato il piano per le scuole, e la giunta lo ha presentato ai sindaci, "),
    Pattern("nested_quotes", "quote marks nested ever deeper, never closed", "«“\"‘„ Rossi ha detto "),
    Pattern("balanced_nesting", "quote marks nested thousands deep, then all closed", "«Rossi ha detto ",
            closing=" oggi»"),
    Pattern("capitalised_wall", "a wall of capitalised words (name-like runs with no end)",
            "Mario Rossi Bianchi Verdi Ministro Presidente Roma Milano Della Valle "),
    Pattern("punctuation_runs", "long runs of punctuation with a few words", "!?.,;:…—–-«»\"'()[] parola "),
    Pattern("colon_chain", "speaker-colon introductions without quotes", "Rossi: Bianchi: Verdi: "),
    Pattern("unclosed_emphasis", "Markdown emphasis opened and never closed", "*parola **grassetto __sotto ",
            suffix=".md"),
    Pattern("html_starts", "HTML-looking tag starts with no end", "<p <div <br <li testo ", suffix=".html",
            stages=("ingest",)),
    Pattern("tag_starts_in_text", "the same in a text file (is it HTML?)", "<p <div <br <li testo "),
    Pattern("heading_spaces", "a Markdown heading followed by one long run of spaces", " \t", suffix=".md",
            head="# Titolo", tail="fine"),
    Pattern("crowded_statements", "many statements, each among many named people and a pronoun (stance looks around "
            "every statement)",
            "Il senatore Tito Valli ha accusato la ministra Nora Gatti di «aver tradito gli elettori», mentre il "
            "sindaco Ugo Brenta ha elogiato il governo: «Il presidente Dario Lenzi lavora bene per Napoli e voi lo "
            "sapete». "),
    Pattern("ordinary_news", "a control: an ordinary news paragraph repeated",
            "Il ministro Mario Rossi ha dichiarato: «Il piano sarà pronto a marzo». Secondo Rossi, le regioni "
            "avranno i fondi entro l'estate. «Non ci fermeremo», ha aggiunto il ministro ai cronisti.\n\n"),
]


def text_of(pattern: Pattern, size_bytes: int) -> str:
    """The pattern's text, as near `size_bytes` of UTF-8 as whole units allow (at least one unit)."""
    repeats = max(1, size_bytes // len((pattern.unit + pattern.closing).encode("utf-8")))
    return pattern.head + pattern.unit * repeats + pattern.closing * repeats + pattern.tail


# -- the stages -----------------------------------------------------------------------------------------------------


def ingest_stage(path: Path) -> Callable[[], object]:
    """Reading the file as `quotetrack ingest` does."""
    from quotetrack.ingest import read_paths

    return lambda: list(read_paths([str(path)]))


def extract_stage(path: Path) -> Callable[[], object]:
    """Analysis, extraction and stance of the article read from the file (reading is done once, outside the timing)."""
    from quotetrack.analysis import get_engine
    from quotetrack.ingest import read_paths
    from quotetrack.kb import default_kb
    from quotetrack.models import Article
    from quotetrack.pipeline import process

    articles = [item for item in read_paths([str(path)]) if isinstance(item, Article)]
    engine, kb = get_engine("builtin"), default_kb()
    return lambda: list(process(articles, engine, kb))


STAGES = {"ingest": ingest_stage, "extract": extract_stage}


# -- timing ---------------------------------------------------------------------------------------------------------


def seconds_of(run: Callable[[], object]) -> float:
    """The median time of `run`, repeated until MIN_SECONDS have passed (at least once)."""
    times = []
    while not times or (sum(times) < MIN_SECONDS and len(times) < 50):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass
class Row:
    stage: str
    pattern: str
    ms_per_kb: dict[int, float]  # size in KB → ms per KB (sizes not run are absent)
    skipped: dict[int, float]  # size in KB → seconds it would have taken, extrapolated

    @property
    def ratio(self) -> float:
        sizes = sorted(self.ms_per_kb)
        return self.ms_per_kb[sizes[-1]] / self.ms_per_kb[sizes[0]] if len(sizes) > 1 else math.nan


def measure(stage: str, pattern: Pattern, sizes_kb: list[int], budget: float, folder: Path) -> Row:
    row = Row(stage, pattern.name, {}, {})
    done: list[tuple[int, float]] = []  # (KB, seconds)
    for size in sizes_kb:
        predicted = _predicted(done, size)
        if predicted > budget:
            row.skipped[size] = predicted
            continue
        path = folder / f"{pattern.name}-{size}{pattern.suffix}"
        path.write_text(text_of(pattern, size * 1024), encoding="utf-8")
        run = STAGES[stage](path)
        run()  # warm-up: lexicons and the knowledge base load once per process
        seconds = seconds_of(run)
        done.append((size, seconds))
        row.ms_per_kb[size] = 1000 * seconds / size
    return row


def _predicted(done: list[tuple[int, float]], size: int) -> float:
    """Seconds at `size`, from the growth between the last two sizes run (never assumed better than linear)."""
    if not done:
        return 0.0
    (last_size, last), (before_size, before) = done[-1], done[-2] if len(done) > 1 else (done[-1][0], done[-1][1])
    exponent = 1.0
    if before_size != last_size and before > 0:
        exponent = max(1.0, math.log(last / before) / math.log(last_size / before_size))
    return last * (size / last_size) ** exponent


# -- report ---------------------------------------------------------------------------------------------------------


def table(rows: list[Row], sizes_kb: list[int]) -> str:
    header = ["stage", "pattern", *(f"ms/KB @{_size_name(s)}" for s in sizes_kb), "ratio", ""]
    lines = [header]
    for row in rows:
        cells = [row.stage, row.pattern]
        for size in sizes_kb:
            if size in row.ms_per_kb:
                cells.append(f"{row.ms_per_kb[size]:.3f}")
            elif size in row.skipped:
                cells.append(f"skipped (~{row.skipped[size]:.0f} s)")
            else:
                cells.append("")
        largest = _size_name(max(row.ms_per_kb)) if row.ms_per_kb else ""
        cells.append(f"{row.ratio:.2f}" + (f" ({largest})" if row.skipped else ""))
        cells.append("NON-LINEAR" if row.ratio > NON_LINEAR or row.skipped else "")
        lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)


def _size_name(kb: int) -> str:
    return f"{kb // 1024} MB" if kb % 1024 == 0 else f"{kb} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1024], help="sizes in KB (default 10 100 1024)")
    parser.add_argument("--stage", choices=[*STAGES, "all"], default="all")
    parser.add_argument("--pattern", action="append", choices=[p.name for p in PATTERNS],
                        help="only this pattern (repeatable)")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds one run may be expected to take before its size is skipped (default 60)")
    args = parser.parse_args(argv)
    stages = list(STAGES) if args.stage == "all" else [args.stage]
    patterns = [p for p in PATTERNS if not args.pattern or p.name in args.pattern]
    sizes = sorted(args.sizes)
    rows = []
    with tempfile.TemporaryDirectory(prefix="quotetrack-linearity-") as folder:
        for stage in stages:
            for pattern in (p for p in patterns if stage in p.stages):
                row = measure(stage, pattern, sizes, args.budget, Path(folder))
                rows.append(row)
                print(f"{stage:8} {pattern.name:18} " + "  ".join(
                    f"{_size_name(s)}: {v:.3f} ms/KB" for s, v in row.ms_per_kb.items()), file=sys.stderr)
    print(table(rows, sizes))
    flagged = [f"{r.stage}/{r.pattern}" for r in rows if r.ratio > NON_LINEAR or r.skipped]
    print(f"\n{len(flagged)} of {len(rows)} non-linear (ratio > {NON_LINEAR:g} or a size skipped as too slow)"
          + (f": {', '.join(flagged)}" if flagged else ""))
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())

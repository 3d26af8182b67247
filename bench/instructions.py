"""CPU instructions per article of the built-in engine, counted by valgrind's callgrind.

Wall-clock rates on a shared machine swing by a quarter from one minute to the next; instruction counts do not
(the same code, input and interpreter give the same count to a few parts in a thousand). This is how to tell
whether a change to the pipeline made it faster: compare the counts before and after.

    python bench/instructions.py                 # 60 articles of the 1k corpus
    python bench/instructions.py --articles 100
    python bench/instructions.py --stage mentions  # the analysis and the mention index only, no extraction

Runs the same script twice under callgrind — warm-up only, then warm-up plus N articles — and divides the
difference by N, so start-up and lexicon loading are left out. Needs valgrind (`apt-get install valgrind`); about
two minutes for 60 articles.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_builder  # noqa: E402

WARM_UP = 20  # articles run before counting starts in both runs: lexicons and caches are loaded by then

_RUN = """
import sys
sys.path.insert(0, {bench!r})
from measures import articles_of
from quotetrack.analysis import get_engine
from quotetrack.kb import default_kb
from quotetrack.lang import get as get_language
from quotetrack.pipeline import process, rare_collections

articles = articles_of({corpus!r}, {total})
engine, kb = get_engine("builtin"), default_kb()
for _ in process(articles[:{warm_up}], engine, kb):
    pass
if {stage!r} == "all":
    for _ in process(articles[{warm_up}:], engine, kb):
        pass
else:
    with rare_collections():  # as `process` runs them, one article at a time
        for article in articles[{warm_up}:]:
            doc = engine.analyse_many([article], kb, get_language())[0]
            if {stage!r} == "mentions":
                doc.mentions
"""
STAGES = ("all", "analysis", "mentions")  # the whole pipeline; the Document alone; the Document and its mention index


def instructions(corpus: str, articles: int, stage: str = "all") -> int:
    """Instructions callgrind counted for the warm-up (the whole pipeline) plus `articles` articles through `stage`."""
    script = _RUN.format(bench=str(HERE), corpus=corpus, total=WARM_UP + articles, warm_up=WARM_UP, stage=stage)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", script],
        capture_output=True, text=True, check=True,
    )
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60, help="articles counted (after the warm-up)")
    parser.add_argument("--stage", choices=STAGES, default="all",
                        help="what the counted articles go through: all (default), analysis, mentions (the "
                             "analysis and the mention index)")
    parser.add_argument("--wikinews", type=Path, default=corpus_builder.DEFAULT_WIKINEWS, help="it-wikinews folder")
    args = parser.parse_args(argv)
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed: apt-get install valgrind")
    corpus = str(corpus_builder.build(1000, args.wikinews))
    per_article = (instructions(corpus, args.articles, args.stage) - instructions(corpus, 0)) / args.articles
    print(f"built-in engine, {args.stage}: {per_article / 1e6:.2f} M instructions per article "
          f"({args.articles} articles of {corpus})")


if __name__ == "__main__":
    main()

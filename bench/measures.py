"""One function per figure. `bench/run.py` runs each in a fresh subprocess, so its peak memory is its own."""
from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path


def _timed_articles(corpus: str, limit: int | None, clock: dict):
    """Stream the corpus, adding the time spent reading to clock['read'] so it can be taken out of analysis time."""
    from quotetrack.ingest import read_paths
    from quotetrack.models import Article

    items = read_paths([corpus])
    count = 0
    while limit is None or count < limit:
        start = time.perf_counter()
        item = next(items, None)
        clock["read"] += time.perf_counter() - start
        if item is None:
            return
        if isinstance(item, Article):
            count += 1
            yield item


def articles_of(corpus: str, limit: int) -> list:
    """The corpus's first `limit` articles, read before any timing starts."""
    return list(_timed_articles(corpus, limit, {"read": 0.0}))


def extraction(corpus: str, engine: str = "builtin", limit: int | None = None, models_dir: str | None = None) -> dict:
    """Analysis + extraction + stance in one process (one core), reading excluded from the rate."""
    from quotetrack.analysis import get_engine
    from quotetrack.kb import default_kb
    from quotetrack.pipeline import process

    engine, kb = get_engine(engine, models_dir), default_kb()
    warm_start = time.perf_counter()
    list(process(_timed_articles(corpus, 2, {"read": 0.0}), engine, kb))  # loads lexicons / Stanza models
    warmup = time.perf_counter() - warm_start
    clock = {"read": 0.0}
    articles = chars = statements = 0
    block_rates, block_start, block_read = [], time.perf_counter(), 0.0
    start = block_start
    for done in process(_timed_articles(corpus, limit, clock), engine, kb):
        articles += 1
        chars += len(done.article.text.encode("utf-8"))
        statements += len(done.statements)
        if articles % BLOCK_ARTICLES == 0:
            now = time.perf_counter()
            block_rates.append(BLOCK_ARTICLES / (now - block_start - (clock["read"] - block_read)))
            block_start, block_read = now, clock["read"]
    seconds = time.perf_counter() - start - clock["read"]
    return {
        "engine": engine.name,
        "articles": articles,
        "statements": statements,
        "seconds": seconds,
        "read_seconds": clock["read"],
        "warmup_seconds": warmup,
        "articles_per_s": articles / seconds,
        # the median of the blocks' rates: another tenant's burst slows a few blocks, not the median
        "median_block_articles_per_s": statistics.median(block_rates) if block_rates else articles / seconds,
        "mb_per_s": chars / 1e6 / seconds,
        "ms_per_article": 1000 * seconds / max(articles, 1),
    }


BLOCK_ARTICLES = 250


def analysis(corpus: str, limit: int | None = None) -> dict:
    """The built-in engine's reading alone: one Document per article, with its mention index (what extraction and
    stance then read without tokenising again), reading excluded."""
    from quotetrack.analysis import get_engine
    from quotetrack.kb import default_kb
    from quotetrack.lang import get as get_language

    engine, kb, lang = get_engine("builtin"), default_kb(), get_language()
    articles = articles_of(corpus, limit or 10**9)
    for doc in engine.analyse_many(articles[:20], kb, lang):
        doc.mentions
    start = time.perf_counter()
    for k in range(0, len(articles), 16):
        for doc in engine.analyse_many(articles[k : k + 16], kb, lang):
            doc.mentions  # read on first use: asked here so that the figure includes it
    seconds = time.perf_counter() - start
    return {"articles": len(articles), "seconds": seconds, "articles_per_s": len(articles) / seconds,
            "tokenisations_per_article": 1}


def profile(corpus: str, limit: int = 300, top: int = 15) -> dict:
    """cProfile of the built-in extraction: the functions where the time goes, by own time."""
    from quotetrack.analysis import get_engine
    from quotetrack.kb import default_kb
    from quotetrack.pipeline import process

    engine, kb = get_engine("builtin"), default_kb()
    articles = articles_of(corpus, limit)
    list(process(articles[:2], engine, kb))
    profiler = cProfile.Profile()
    profiler.enable()
    list(process(articles, engine, kb))
    profiler.disable()
    own, cumulative = io.StringIO(), io.StringIO()
    pstats.Stats(profiler, stream=own).sort_stats("tottime").print_stats(top)
    # the project's own functions by time including callees: which stage to fix
    pstats.Stats(profiler, stream=cumulative).sort_stats("cumulative").print_stats(r"quotetrack/(?!pipeline)", top)
    return {
        "articles": len(articles),
        "text": _trim_profile(own.getvalue()),
        "cumulative": _trim_profile(cumulative.getvalue()),
    }


def _trim_profile(text: str) -> str:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    root = str(Path(__file__).resolve().parent.parent) + os.sep
    return "\n".join(line.replace(root, "") for line in lines[start:] if line.strip())


def ingest(corpus: str, jobs: int, engine: str = "builtin") -> dict:
    """Read, analyse and store the corpus into a new database with `jobs` worker processes."""
    import multiprocessing
    import resource

    from quotetrack import parallel
    from quotetrack.store import Store

    # spawned workers are this process's children, so RUSAGE_CHILDREN sees their CPU and memory (forkserver's are not)
    parallel.worker_context = lambda: multiprocessing.get_context("spawn")

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        cpu_start = os.times()
        with Store(db) as store:
            report = parallel.ingest_parallel([corpus], store, jobs, engine=engine)
        seconds = time.perf_counter() - start
        cpu = os.times()
        size = db.stat().st_size
    return {
        "jobs": jobs,
        "seconds": seconds,
        "articles": report.new,
        "statements": report.statements,
        "failed": report.failed,
        "articles_per_s": report.new / seconds,
        "cpu_seconds_parent": cpu.user + cpu.system - cpu_start.user - cpu_start.system,
        "cpu_seconds_workers": cpu.children_user + cpu.children_system,
        "max_rss_workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "db_mb": size / 1e6,
    }


def _median_ms(run, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    run()  # first run warms SQLite's page cache, as a running server's would be
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(run())
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times), rows


def queries(db: str, search_word: str, repeat: int = 7) -> dict:
    """Median latency of the three query shapes a user runs most, through `quotetrack.query.statements`."""
    from quotetrack import query
    from quotetrack.store import Store

    with Store(db, create=False) as store:
        n = store.db.execute("SELECT count(*) FROM statements").fetchone()[0]
        cases = {
            "speaker": lambda: query.statements(store, speaker="Speaker 0042"),
            "speaker_limit50": lambda: query.statements(store, speaker="Speaker 0042", limit=50),
            "target_stance": lambda: query.statements(store, target="Target 0007", stance="oppose"),
            "search_limit50": lambda: query.statements(store, search=search_word, limit=50),
        }
        out: dict = {"statements_in_db": n}
        for name, run in cases.items():
            out[f"{name}_ms"], out[f"{name}_rows"] = _median_ms(run, repeat)
    return out


def digest(db: str, week: str, repeat: int = 3) -> dict:
    """Time to gather and render one week's HTML digest (median of `repeat`)."""
    from quotetrack import digest as dg
    from quotetrack.store import Store

    with Store(db, create=False) as store:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            context = dg.week_context(store, week)
            html = dg.render_week(context)
            times.append(time.perf_counter() - start)
        in_week = store.db.execute(
            "SELECT count(*) FROM statements WHERE published BETWEEN ? AND ?",
            [context.period.start.isoformat(), context.period.end.isoformat()],
        ).fetchone()[0]
    return {"seconds": statistics.median(times), "statements_in_week": in_week, "html_kb": len(html) / 1024}


MEASURES = {f.__name__: f for f in (extraction, analysis, profile, ingest, queries, digest)}

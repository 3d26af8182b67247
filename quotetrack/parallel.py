"""Ingest with worker processes: analysis runs in parallel, one process writes.

Analysis is where the time goes and SQLite takes one writer at a time, so workers only analyse and the parent alone
stores, in batched transactions (`Store.add_many`). Workers start with "forkserver" (or "spawn"), never "fork": a
forked torch misbehaves. Each worker builds its analyser once, in its initializer: a Stanza pipeline is loaded once per
worker, never per article. Input is streamed and at most a few chunks are in flight, so memory stays flat however many
articles there are; results come back in completion order but the report counts every article exactly once. A worker
whose parent is gone (kill -9, SIGTERM) exits at once instead of analysing for nobody.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterable, Iterator

from .models import Article, ReadFailure, ReadWarning, Skipped, Statement
from .pipeline import IngestReport, process

CHUNK_ARTICLES = 32  # per task: amortises pickling, yet keeps every worker busy to the end
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: enough to never starve, few enough to bound memory
WRITE_BATCH = 500  # articles per write transaction


@dataclass(frozen=True)
class AnalysisConfig:
    """How workers analyse: plain values, so it pickles to any process or Dask worker."""

    engine: str = "auto"
    models_dir: str | None = None
    kb_files: tuple[str, ...] = ()


def analysis_tools(config: AnalysisConfig):
    """The analyser and knowledge base of this process, built on first use and reused for every later chunk."""
    from .analysis import get_engine
    from .kb import default_kb

    # one torch thread per worker process: workers already use every core, and oversubscribed torch crawls
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")
    return get_engine(config.engine, config.models_dir), default_kb(config.kb_files)


def start_worker(config: AnalysisConfig) -> None:
    """A pool worker's initializer: watch the parent, then build the analyser once."""
    exit_with_parent()
    analysis_tools(config)


def exit_with_parent() -> None:
    """End this process as soon as its parent is gone: the parent's sentinel (a pipe only the parent holds open)
    becomes readable when the parent exits, however it exits, and a thread waiting on it ends the process."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def wait_then_exit() -> None:
        parent.join()  # returns when the sentinel is readable: the parent is gone
        os._exit(1)

    threading.Thread(target=wait_then_exit, name="exit-with-parent", daemon=True).start()


def analyse_chunk(articles: list[Article], config: AnalysisConfig) -> list[list[Statement] | str]:
    """Statements of each article, or one sentence saying why its analysis failed (the others still count)."""
    analyzer, kb = analysis_tools(config)
    try:
        results = [done.statements for done in process(articles, analyzer, kb, batch_size=len(articles) or 1)]
    except Exception:  # find which article broke the batch; the rest are analysed on their own
        results = []
        for article in articles:
            try:
                results.extend(done.statements for done in process([article], analyzer, kb))
            except Exception as exc:
                results.append(f"analysis failed ({type(exc).__name__}: {exc})")
    return results


def resolved_config(engine: str, models_dir: str | None, kb_files: Iterable = ()) -> AnalysisConfig:
    """Pick the engine once, in the parent, so every worker runs the same one and a missing model fails early.

    Creating the analyser here is cheap: Stanza loads its models lazily, on the first text.
    """
    from .analysis import get_engine

    return AnalysisConfig(get_engine(engine, models_dir).name, models_dir, tuple(str(f) for f in kb_files))


class Tally:
    """Turns read results, analysis results and store results into one exact IngestReport."""

    def __init__(self, store, on_failure: Callable | None, progress: Callable | None,
                 on_warning: Callable | None = None):
        self.store = store
        self.report = IngestReport()
        self.on_failure = on_failure
        self.on_warning = on_warning
        self.progress = progress
        self.pending: list[tuple[Article, list[Statement]]] = []

    def new_articles(self, items: Iterable[Article | ReadFailure | ReadWarning | Skipped]) -> Iterator[Article]:
        """The articles worth analysing: read failures and warnings are reported, files that are not articles
        counted, articles already in the store skipped."""
        for item in items:
            if isinstance(item, ReadFailure):
                self.fail(item)
            elif isinstance(item, ReadWarning):
                if self.on_warning:
                    self.on_warning(item)
            elif isinstance(item, Skipped):
                self.report.skipped.append(item)
            elif self.store is not None and self.store.has_article(item.uid):
                self.report.already_stored += 1
                self._advance(1)
            else:
                yield item

    def fail(self, failure: ReadFailure) -> None:
        self.report.failed += 1
        self.report.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)
        self._advance(1)

    def analysed(self, articles: list[Article], results: list[list[Statement] | str]) -> None:
        """Analysis results of a chunk: progress moves now, the counts once they are stored (`flush`)."""
        for article, result in zip(articles, results, strict=True):
            if isinstance(result, str):
                self.fail(ReadFailure(article.path or article.id, result))
            else:
                self.pending.append((article, result))
                self._advance(1)
        if len(self.pending) >= WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        """Write what is pending in few transactions; the store says which articles were new."""
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        if self.store is None:
            self._count(pending, [True] * len(pending))
            return
        results = self.store.add_many(pending, batch=WRITE_BATCH)
        self._count(pending, [r.new for r in results])

    def _count(self, pairs: list[tuple[Article, list[Statement]]], new: list[bool]) -> None:
        for (_, statements), is_new in zip(pairs, new, strict=True):
            if is_new:
                self.report.new += 1
                self.report.statements += len(statements)
            else:  # the same text twice in one run: stored by the first
                self.report.already_stored += 1

    def _advance(self, n: int) -> None:
        if self.progress:
            self.progress(n)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def worker_context() -> multiprocessing.context.BaseContext:
    """forkserver where the platform has it (cheap starts, no inherited torch state), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def ingest_parallel(
    paths: Iterable[str],
    store,
    jobs: int,
    engine: str = "auto",
    models_dir: str | None = None,
    kb_files: Iterable = (),
    date=None,
    on_failure: Callable[[ReadFailure], None] | None = None,
    progress: Callable[[int], None] | None = None,
    web=None,
    on_warning: Callable[[ReadWarning], None] | None = None,
) -> IngestReport:
    """Read, analyse (in `jobs` worker processes) and store articles: the same database as `process` followed by
    `Store.add` for each article.

    `jobs=1` analyses in this process (no pool to start), still with batched writes. `on_failure(ReadFailure)` and
    `on_warning(ReadWarning)` are called as they happen, `progress(n)` as articles are done. `web` reads the URLs
    among `paths` (see `ingest.read_paths`).
    """
    from .ingest import read_paths

    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    config = resolved_config(engine, models_dir, kb_files)
    tally = Tally(store, on_failure, progress, on_warning)
    chunks = chunked(tally.new_articles(read_paths(paths, date=date, web=web)), CHUNK_ARTICLES)
    if jobs == 1:
        for chunk in chunks:
            tally.analysed(chunk, analyse_chunk(chunk, config))
    else:
        with ProcessPoolExecutor(
            jobs, mp_context=worker_context(), initializer=start_worker, initargs=(config,)
        ) as pool:
            submit = partial(pool.submit, analyse_chunk, config=config)
            for chunk, results in completed(chunks, submit, jobs * IN_FLIGHT_PER_WORKER):
                tally.analysed(chunk, results)
    tally.flush()
    return tally.report


def completed(chunks: Iterator[list], submit: Callable[[list], Future], limit: int):
    """(chunk, result) pairs in completion order, with at most `limit` chunks submitted and not yet collected."""
    in_flight: dict[Future, list] = {}
    for chunk in chunks:
        in_flight[submit(chunk)] = chunk
        if len(in_flight) >= limit:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                yield in_flight.pop(future), future.result()
    for future in as_completed(list(in_flight)):
        yield in_flight.pop(future), future.result()

"""Analysis on a Dask cluster, and Parquet partitions that `quotetrack load` imports later.

The parent reads the input and hands partitions of articles to Dask workers; results stream back as they complete to
the single SQLite writer (as in `quotetrack.parallel`), or workers write them as Parquet files, one per partition, so a
cluster whose workers cannot reach the database still does the heavy part. Workers need quotetrack installed; each
builds its analyser once and reuses it for every partition it gets. dask and pyarrow are imported only here, only
when used.
"""
from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from dataclasses import fields, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .models import Article, ReadFailure, ReadWarning, Statement, Target
from .parallel import AnalysisConfig, Tally, analyse_chunk, chunked, completed, resolved_config
from .pipeline import IngestReport

PARTITION_ARTICLES = 64
IN_FLIGHT_PER_WORKER = 2
LOCAL_WORKERS = 2


@contextmanager
def dask_client(scheduler: str | None = None):
    """A client of the cluster at `scheduler`, or of a local one (2 worker processes, 1 thread each)."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(
        processes=True, n_workers=LOCAL_WORKERS, threads_per_worker=1, dashboard_address=None
    ) as cluster, Client(cluster) as client:
        yield client


def ingest_dask(
    paths: Iterable[str],
    store=None,
    scheduler: str | None = None,
    out_parquet: str | os.PathLike | None = None,
    engine: str = "auto",
    models_dir: str | None = None,
    kb_files: Iterable = (),
    date=None,
    on_failure: Callable[[ReadFailure], None] | None = None,
    progress: Callable[[int], None] | None = None,
    web=None,
    partition_size: int = PARTITION_ARTICLES,
    on_warning: Callable[[ReadWarning], None] | None = None,
) -> IngestReport:
    """Analyse articles on Dask workers; store them (`store`), write Parquet partitions (`out_parquet`), or both.

    With only `out_parquet`, `new` counts the articles written (nothing says yet whether a database has them).
    """
    from .ingest import read_paths

    if store is None and out_parquet is None:
        raise ValueError("give a store to write to, an out_parquet folder, or both")
    config = resolved_config(engine, models_dir, kb_files)
    out_dir = None
    if out_parquet is not None:
        out_dir = Path(out_parquet).resolve()
        out_dir.mkdir(parents=True, exist_ok=True)
    tally = Tally(store, on_failure, progress, on_warning)
    chunks = chunked(tally.new_articles(read_paths(paths, date=date, web=web)), partition_size)
    with dask_client(scheduler) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        executor = client.get_executor(pure=False)
        submit = partial(executor.submit, analyse_partition, config=config, out_dir=out_dir and str(out_dir))
        for chunk, results in completed(chunks, submit, workers * IN_FLIGHT_PER_WORKER):
            tally.analysed(chunk, results)
    tally.flush()
    return tally.report


def analyse_partition(articles: list[Article], config: AnalysisConfig, out_dir: str | None):
    """Runs on a worker: the statements of each article, also written as one Parquet file when out_dir is given."""
    results = analyse_chunk(articles, config)
    if out_dir:
        write_partition(Path(out_dir), [(a, r) for a, r in zip(articles, results) if not isinstance(r, str)])
    return results


# -- Parquet: one row per (article, statement, target), the missing levels left null ------------------------------

_SKIPPED = {"targets"}  # the nested list is flattened into target_* columns


def _columns(prefix: str, cls) -> list[tuple[str, str, str]]:
    """(column, field, annotation) of a model dataclass, so the file schema follows the models."""
    return [(f"{prefix}_{f.name}", f.name, str(f.type)) for f in fields(cls) if f.name not in _SKIPPED]


ARTICLE_COLUMNS = _columns("article", Article)
STATEMENT_COLUMNS = _columns("statement", Statement)
TARGET_COLUMNS = _columns("target", Target)


@lru_cache(maxsize=1)
def flat_schema():
    import pyarrow as pa

    arrow = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32()}

    def typed(column: str, annotation: str):
        return pa.field(column, arrow[annotation.removesuffix(" | None")])

    return pa.schema(
        [pa.field("article_uid", pa.string(), nullable=False)]
        + [typed(c, a) for c, _, a in ARTICLE_COLUMNS]
        + [pa.field("statement_index", pa.int32())]
        + [typed(c, a) for c, _, a in STATEMENT_COLUMNS]
        + [pa.field("target_index", pa.int32())]
        + [typed(c, a) for c, _, a in TARGET_COLUMNS]
    )


def flat_rows(article: Article, statements: list[Statement]) -> Iterator[dict]:
    base = {"article_uid": article.uid, **{c: getattr(article, f) for c, f, _ in ARTICLE_COLUMNS}}
    if not statements:
        yield base
    for s_index, statement in enumerate(statements):
        said = {**base, "statement_index": s_index, **{c: getattr(statement, f) for c, f, _ in STATEMENT_COLUMNS}}
        if not statement.targets:
            yield said
        for t_index, target in enumerate(statement.targets):
            yield {**said, "target_index": t_index, **{c: getattr(target, f) for c, f, _ in TARGET_COLUMNS}}


def write_partition(out_dir: Path, pairs: list[tuple[Article, list[Statement]]]) -> Path | None:
    """Write one partition file, named after its articles so rewriting the same input replaces, never duplicates."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not pairs:
        return None
    name = hashlib.sha256("".join(a.uid for a, _ in pairs).encode("ascii")).hexdigest()[:16]
    path = out_dir / f"part-{name}.parquet"
    rows = [row for article, statements in pairs for row in flat_rows(article, statements)]
    partial = path.with_name(path.name + ".partial")
    pq.write_table(pa.Table.from_pylist(rows, schema=flat_schema()), partial, compression="zstd")
    os.replace(partial, path)  # readers never see half a file
    return path


def read_partition(path: str | os.PathLike) -> list[tuple[Article, list[Statement]]]:
    """The articles and statements of one partition file; ValueError with one sentence when it is not one."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a damaged or foreign file
        raise ValueError(f"not a readable Parquet file ({exc})") from None
    missing = set(flat_schema().names) - set(table.column_names)
    if missing:
        raise ValueError(f"not a quotetrack partition (missing columns: {', '.join(sorted(missing))})")
    pairs: list[tuple[Article, list[Statement]]] = []
    for row in table.to_pylist():
        if not pairs or pairs[-1][0].uid != row["article_uid"]:
            pairs.append((Article(**{f: row[c] for c, f, _ in ARTICLE_COLUMNS}), []))
        statements = pairs[-1][1]
        if row["statement_index"] is None:
            continue
        if len(statements) <= row["statement_index"]:
            statements.append(Statement(**{f: row[c] for c, f, _ in STATEMENT_COLUMNS}))
        if row["target_index"] is not None:  # statements are frozen: the target joins a new one
            target = Target(**{f: row[c] for c, f, _ in TARGET_COLUMNS})
            statements[-1] = replace(statements[-1], targets=statements[-1].targets + (target,))
    return pairs


def partition_files(directory: str | os.PathLike) -> list[Path]:
    """The partition files under `directory` (or the one file given); ValueError when there are none."""
    path = Path(directory)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ValueError(f"{path}: no such folder")
    files = sorted(path.glob("*.parquet"))
    if not files:
        raise ValueError(f"{path}: no .parquet partitions in it")
    return files


def load_parquet(
    directory: str | os.PathLike,
    store,
    on_failure: Callable[[ReadFailure], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store the partitions written by `ingest_dask(out_parquet=...)`; loading the same files again changes nothing."""
    tally = Tally(store, on_failure, progress)
    for path in partition_files(directory):
        try:
            pairs = read_partition(path)
        except ValueError as exc:
            tally.fail(ReadFailure(str(path), str(exc)))
            continue
        for chunk in chunked(pairs, PARTITION_ARTICLES):
            tally.analysed([a for a, _ in chunk], [s for _, s in chunk])
    tally.flush()
    return tally.report


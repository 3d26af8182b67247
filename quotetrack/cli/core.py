"""Commands that analyse text: ingest, extract, evaluate, demo."""
from __future__ import annotations

import json
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from .group import cli
from .options import ANALYZERS, date_option, db_option, engine_options
from .output import echo_lines, emit, format_option, message, shorten, terminal_safe


def _analyzer(engine: str, models_dir: str | None):
    """The analyser for --engine, said once on stderr; a clear error when Stanza was asked for but cannot run."""
    from ..analysis import EngineUnavailable, get_engine

    try:
        return get_engine(engine, models_dir, announce=lambda msg: click.echo(msg, err=True))
    except EngineUnavailable as exc:
        raise click.ClickException(str(exc)) from None


def _kb(kb_files):
    from ..kb import default_kb

    try:
        return default_kb(kb_files)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


def report_failure(failure) -> None:
    message("Error", str(failure))


def report_warning(warning) -> None:
    message("Warning", str(warning))


def report_read(item) -> None:
    """What reading said about a file: a failure or a warning, one line each (skipped files are summed up later)."""
    from ..models import ReadFailure, ReadWarning

    if isinstance(item, ReadFailure):
        report_failure(item)
    elif isinstance(item, ReadWarning):
        report_warning(item)


@cli.command()
@click.argument("paths", nargs=-1)
@db_option
@engine_options("dask")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes for analysis.")
@click.option("--scheduler", help="With --engine dask: address of a Dask scheduler (default: a local cluster).")
@click.option("--worker-engine", type=click.Choice(ANALYZERS), default="auto", show_default=True,
              help="With --engine dask: the analysis engine on the workers.")
@click.option("--out-parquet", type=click.Path(file_okay=False),
              help="With --engine dask: write Parquet partitions here (import them with `quotetrack load`).")
@date_option
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal).")
@click.option("--feeds", "feeds_file", type=click.File("r", encoding="utf-8"),
              help="A file of feed (or page) URLs, one per line, # for comments; read beside PATHS.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests to one web host (longer when its robots.txt asks).")
def ingest(paths, db, engine, models_dir, kb_files, jobs, scheduler, worker_engine, out_parquet, date, progress,
           feeds_file, delay):
    """Read articles (files, folders, - for stdin, http(s) URLs of feeds or pages), extract statements and store
    them.

    Formats: .txt .md .html .htm .json .jsonl. Re-ingesting an article is a no-op; a URL whose article is stored
    is not fetched again. Documentation (README.md …) and sidecar files (001.entities.json beside 001.txt) are
    skipped, with one line saying so.

    \b
    quotetrack ingest ../shared/seeds
    quotetrack ingest archive/ --jobs 2
    quotetrack ingest https://www.example.org/rss/esteri.xml
    quotetrack ingest --feeds feeds.txt
    quotetrack ingest archive.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
    """
    if engine != "dask" and (scheduler or out_parquet):
        raise click.UsageError("--scheduler and --out-parquet go with --engine dask")
    paths = list(paths) + _feed_urls(feeds_file)
    if not paths:
        raise click.UsageError("give PATHS to read, or --feeds FILE")
    kb = _kb(kb_files)  # a broken --kb file is reported before any work starts
    if engine != "dask":
        _analyzer(engine, models_dir)  # says once which engine runs (before the progress bar), or why Stanza cannot
    with writing(db, progress, kb, paths) as (store, bar, say):
        report = _run_ingest(paths, store, engine, jobs, scheduler, worker_engine, out_parquet, models_dir, kb_files,
                             date=date, on_failure=say(report_failure), on_warning=say(report_warning),
                             progress=bar.update, web=_web_reader(paths, store, bar, delay))
    finish(report)


def _feed_urls(feeds_file) -> list[str]:
    if feeds_file is None:
        return []
    from ..web import read_url_list

    try:
        return read_url_list(feeds_file.read())
    except ValueError as problem:
        raise click.BadParameter(f"{feeds_file.name}: {problem}", param_hint="--feeds") from None


def _web_reader(paths: list[str], store, bar, delay: float):
    """The reader of the URLs among `paths`, remembering fetches in `store`; when every path is a URL, the bar's
    total grows as feeds say how many items they list."""
    from ..fetch_history import FetchHistory
    from ..web import Fetcher, FetchPolicy, WebReader, is_url

    if not any(is_url(p) for p in paths):
        return None

    def found(n: int) -> None:
        bar.total = (bar.total or 0) + n
        bar.refresh()

    on_found = found if all(is_url(p) for p in paths) else None
    return WebReader(FetchHistory(store), Fetcher(FetchPolicy(delay=delay)), on_found=on_found)


@contextmanager
def writing(db: str, progress: bool | None, kb=None, paths=None):
    """The store, progress bar and message printer of a command that stores articles; known problems become
    one-line errors. The bar's total is the number of articles `paths` hold, when known without reading them.

    `say(report)` wraps a message printer so that its line does not tear the bar."""
    from tqdm import tqdm

    from ..analysis import EngineUnavailable
    from ..ingest import expected_articles
    from ..store import Store, StoreError

    show_bar = sys.stderr.isatty() if progress is None else progress
    total = expected_articles(paths) if show_bar and paths else None

    def say(report):
        def said(item):
            with tqdm.external_write_mode(file=sys.stderr):
                report(item)

        return said

    try:
        with Store(db, kb=kb) as store, tqdm(total=total, unit=" articles", file=sys.stderr,
                                             disable=not show_bar) as bar:
            yield store, bar, say
    except (EngineUnavailable, StoreError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.Error as exc:
        raise click.ClickException(f"{db}: cannot write to the database ({exc}); what was stored before is kept") \
            from None
    except ModuleNotFoundError as exc:
        raise click.ClickException(f"{exc.name} is not installed: pip install 'quotetrack[dask]'") from None


@contextmanager
def reading(db: str, known: tuple[type[Exception], ...], sqlite_error: type[sqlite3.Error] = sqlite3.Error):
    """Errors of a command that reads the database as one-line errors: the `known` ones as they are, SQLite's own
    (`sqlite_error` and its subclasses; the group reports any other) naming the database file."""
    try:
        yield
    except known as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite_error as exc:
        raise click.ClickException(f"{db}: cannot read the database ({exc})") from None


def finish(report) -> None:
    """The closing summary; the exit status tells a script whether anything failed."""
    echo_lines(report.summary())
    if report.failed:
        sys.exit(1)


def _run_ingest(paths, store, engine, jobs, scheduler, worker_engine, out_parquet, models_dir, kb_files, **common):
    """Sequential, worker processes, or Dask: the same database and report either way."""
    if engine == "dask":
        from ..distributed import ingest_dask

        return ingest_dask(paths, store, scheduler=scheduler, out_parquet=out_parquet, engine=worker_engine,
                           models_dir=models_dir, kb_files=kb_files, **common)
    from ..parallel import ingest_parallel

    return ingest_parallel(paths, store, jobs, engine=engine, models_dir=models_dir, kb_files=kb_files, **common)


@cli.command()
@db_option
@engine_options()
def demo(db, engine, models_dir, kb_files):
    """Ingest the built-in sample articles, show who said most, and write the latest week's digest."""
    from .. import query
    from ..digest import write_digest
    from ..ingest import sample_paths
    from .output import frame_rows, table

    kb = _kb(kb_files)
    _analyzer(engine, models_dir)
    with writing(db, False, kb) as (store, _bar, _say):
        samples = [str(p) for p in sample_paths()]
        report = _run_ingest(samples, store, engine, 1, None, None, None, models_dir, kb_files,
                             date=None, on_failure=report_failure, on_warning=report_warning)
        echo_lines(f"{terminal_safe(str(db))}: {report.summary()}")  # a newline in the path stays escaped
        click.echo(table(frame_rows(query.speakers(store, limit=8)), ["speaker", "statements", "articles"]))
        written = write_digest(store)
    click.echo(terminal_safe(f"digest of {written.period.key}: {written.path}"))
    click.echo(terminal_safe(f"next: quotetrack quotes --speaker Trump --db {db}"))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@engine_options()
@date_option
@format_option(default="jsonl")
def extract(paths, engine, models_dir, kb_files, date, fmt):
    """Print the statements of articles without storing them (jsonl: the contract in shared/spec/extract-jsonl.md)."""
    from ..models import ReadFailure, Skipped, skipped_summary
    from ..pipeline import extract_records

    analyzer = _analyzer(engine, models_dir)
    kb = _kb(kb_files)
    failures, skipped = [], []

    def records():
        for item in extract_records(paths, analyzer, kb, date=date):
            if isinstance(item, dict):
                yield item
                continue
            report_read(item)
            if isinstance(item, ReadFailure):
                failures.append(item)
            elif isinstance(item, Skipped):
                skipped.append(item)

    emit(records(), fmt, view=_extract_view, what="statements")
    if skipped:
        click.echo(terminal_safe(skipped_summary(skipped)), err=True)
    if failures:
        sys.exit(1)


def _extract_view(record: dict) -> dict:
    return {
        "article": record["article"],
        "kind": record["kind"],
        "speaker": record["speaker"] or "?",
        "cue": record["cue"] or "",
        "quote": shorten(record["quote"], 70),
        "targets": ", ".join(f"{t['entity']} {t['stance']}" for t in record["targets"]),
    }


@cli.command()
@click.argument("gold", type=click.Path(exists=True))
@click.argument("system", type=click.Path(exists=True, dir_okay=False), required=False)
@click.option(
    "--corpus",
    type=click.Path(exists=True),
    help="Run the extractor on the articles the gold covers, read from this folder, instead of reading SYSTEM.",
)
@click.option("--save", type=click.Path(dir_okay=False), help="With --corpus: also write the system output here.")
@engine_options()
@date_option
@click.option("--cv", "folds", type=click.IntRange(min=2), default=None,
              help="With --corpus: cross-validate, FOLDS folds split by article (train on the others, score each).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(gold, system, corpus, save, engine, models_dir, kb_files, date, folds, as_json):
    """Score extract-jsonl output against GOLD (a .jsonl file or a folder of them).

    \b
    quotetrack evaluate ../shared/seeds/expected.jsonl --corpus ../shared/seeds
    quotetrack evaluate ../shared/corpus/it-wikinews/gold-dev --corpus ../shared/corpus/it-wikinews --cv 5
    quotetrack evaluate gold.jsonl system.jsonl --json
    """
    from .. import evaluate as ev
    from ..pipeline import extract_records

    if (system is None) == (corpus is None):
        raise click.UsageError("give either SYSTEM.jsonl or --corpus DIR")
    if folds and not corpus:
        raise click.UsageError("--cv needs --corpus: the models are trained on the gold articles")
    try:
        gold_records = ev.read_jsonl(gold)
        kb = _kb(kb_files)
        if folds:
            from .. import train as training

            items = training.load_annotated(gold, corpus, _analyzer(engine, models_dir), kb)
            system_records = training.cross_validate(items, folds, kb)
        elif corpus:
            files = ev.corpus_files(corpus, ev.gold_articles(gold))
            analyzer = _analyzer(engine, models_dir)
            system_records = []
            for item in extract_records(files, analyzer, kb, date=date):
                if isinstance(item, dict):
                    system_records.append(item)
                else:
                    report_read(item)
            if save:
                Path(save).write_text(
                    "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in system_records), encoding="utf-8"
                )
        else:
            system_records = ev.read_jsonl(system)
    except (ValueError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    scores = ev.score(gold_records, system_records, kb)
    how = f"cross-validated, {folds} folds by article" if folds else None
    if as_json:
        click.echo(json.dumps({**scores.as_dict(), **({"cross_validation_folds": folds} if folds else {})}, indent=2))
    else:
        click.echo(ev.format_table(scores, title=f"{gold}" + (f" ({how})" if how else "")))

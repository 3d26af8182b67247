"""Commands for large runs: load the Parquet partitions an `ingest --engine dask --out-parquet DIR` wrote."""
from __future__ import annotations

import sys

import click

from . import cli
from .options import db_option


@cli.command()
@click.argument("directory", type=click.Path())
@db_option
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal).")
def load(directory, db, progress):
    """Store the statements in DIRECTORY's Parquet partitions (from `ingest --out-parquet`); loading twice is a no-op.

    \b
    quotetrack ingest big.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 --out-parquet parts/
    quotetrack load parts/ --db db/quotetrack.db
    """
    from tqdm import tqdm

    from ..distributed import load_parquet
    from ..store import Store, StoreError

    show_bar = sys.stderr.isatty() if progress is None else progress
    try:
        with Store(db) as store, tqdm(unit=" articles", file=sys.stderr, disable=not show_bar) as bar:
            report = load_parquet(
                directory,
                store,
                on_failure=lambda failure: click.secho(f"error: {failure}", fg="red", err=True),
                progress=bar.update,
            )
    except (ValueError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    except ModuleNotFoundError as exc:
        raise click.ClickException(f"{exc.name} is not installed: pip install 'quotetrack[dask]'") from None
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)

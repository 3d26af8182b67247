"""Commands for large runs: load the Parquet partitions an `ingest --engine dask --out-parquet DIR` wrote."""
from __future__ import annotations

import click

from .group import cli
from .core import finish, report_failure, writing
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
    from ..distributed import load_parquet

    with writing(db, progress) as (store, bar, say):
        report = load_parquet(directory, store, on_failure=say(report_failure), progress=bar.update)
    finish(report)

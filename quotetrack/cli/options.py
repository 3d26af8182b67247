"""Options shared by several commands, so every command spells them the same way."""
from __future__ import annotations

import os
from datetime import date

import click

from ..models import SPEAKER_UNCERTAIN_BELOW

ANALYZERS = ("builtin", "stanza", "auto")

DEFAULT_DB = os.path.join("db", "quotetrack.db")


def db_path() -> str:
    return os.environ.get("QUOTETRACK_DB") or DEFAULT_DB


def db_option(func):
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=db_path,
        show_default="db/quotetrack.db or $QUOTETRACK_DB",
        help="SQLite database file.",
    )(func)


models_option = click.option(
    "--models",
    "models_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Stanza resources directory (else $QUOTETRACK_STANZA_DIR, else Stanza's default).",
)


def engine_options(*executors: str):
    """--engine, --models and --kb: everything that decides how text is analysed.

    `executors` are extra --engine values that say where analysis runs rather than which analyser (ingest: dask).
    """

    def decorate(func):
        func = click.option(
            "--kb",
            "kb_files",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="Extra knowledge-base YAML file (people, roles, countries); repeatable.",
        )(func)
        func = models_option(func)
        return click.option(
            "--engine",
            type=click.Choice([*ANALYZERS, *executors]),
            default="auto",
            show_default=True,
            help="Analysis engine: auto uses Stanza when its Italian models are found"
            + (", dask runs the analysis on a Dask cluster." if "dask" in executors else "."),
        )(func)

    return decorate


def min_confidence_option(func):
    """--min-confidence: the same filter wherever statements are listed (`quotes`) or shown (`digest`)."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        help="Only statements whose speaker the engine is at least this sure of (0-1; 0.85 keeps the surest; "
        f"below {SPEAKER_UNCERTAIN_BELOW:g} a statement is marked speaker uncertain).",
    )(func)


# -- dates: --since/--until filter by date wherever a command does; --date only sets an article's date on reading --


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            self.fail(f"{value!r} is not a date (expected YYYY-MM-DD)", param, ctx)


def window_options(func):
    """--since and --until: the date window of every command that filters statements by date."""
    func = click.option("--until", type=IsoDate(), help="Only statements first published on or before this day.")(func)
    func = click.option("--since", type=IsoDate(), help="Only statements first published on or after this day.")(func)
    return func


date_option = click.option(
    "--date",
    "date",
    type=IsoDate(),
    default=None,
    help="Publication date of every article read (overrides the date found in the text, or gives one).",
)

"""Commands that query the database: quotes, speakers, stance."""
from __future__ import annotations

from datetime import date

from typing import TYPE_CHECKING

import click

from . import cli
from .options import db_option
from .output import emit, shorten
from ..models import STANCES, STATEMENT_KINDS

if TYPE_CHECKING:  # pandas (sqlite-utils imports it too) takes half a second: only commands that query pay for it
    import pandas as pd

FORMATS = ("table", "csv", "json", "jsonl")


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
    func = click.option("--until", type=IsoDate(), help="Only statements first published on or before this day.")(func)
    func = click.option("--since", type=IsoDate(), help="Only statements first published on or after this day.")(func)
    return func


def format_option(func):
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
    )(func)


@cli.command()
@click.option("--speaker", help="Who said it (any alias, case and accents ignored).")
@click.option("--target", help="Whom it is about (any alias).")
@click.option("--stance", type=click.Choice(STANCES), help="The speaker's stance toward the target.")
@click.option("--kind", type=click.Choice(STATEMENT_KINDS), help="Direct, mixed or indirect (reported) speech.")
@window_options
@click.option("--search", help="Words that must appear in the quote (full-text search).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many statements.")
@format_option
@db_option
def quotes(speaker, target, stance, kind, since, until, search, limit, fmt, db):
    """List statements, newest first."""
    import pandas as pd

    frame = _run(
        "statements", db, speaker=speaker, target=target, stance=stance, kind=kind,
        since=since, until=until, search=search, limit=limit,
    )
    readable = pd.DataFrame(
        {
            "date": frame["published"],
            "speaker": frame["speaker"].fillna("?"),
            "source": [shorten(s or t or a, 30) for s, t, a in zip(frame["source"], frame["title"], frame["article_id"])],
            "kind": frame["kind"],
            "quote": [shorten(q, 90) for q in frame["quote"]],
        }
    )
    emit(frame, fmt, readable, "statements")


@cli.command()
@window_options
@format_option
@db_option
def speakers(since, until, fmt, db):
    """Who is quoted, how often and in how many articles."""
    frame = _run("speakers", db, since=since, until=until)
    emit(frame, fmt, frame, "speakers")


@cli.command()
@window_options
@click.option("--speaker", "speaker_names", multiple=True, help="Only this speaker (any alias); repeatable.")
@format_option
@db_option
def stance(since, until, speaker_names, fmt, db):
    """Speaker × counterpart: statements supporting, opposing or neutral, and the mean stance score."""
    frame = _run("stance_matrix", db, since=since, until=until, speakers=speaker_names or None)
    emit(frame, fmt, frame.round({"mean_score": 2}), "stance rows")


def _run(query_name: str, db, **filters) -> pd.DataFrame:
    """quotetrack.query.<query_name>(db, **filters), its errors as one-line CLI errors."""
    from .. import query
    from ..store import StoreError

    try:
        return getattr(query, query_name)(db, **filters)
    except (StoreError, query.QueryError) as exc:
        raise click.ClickException(str(exc)) from None

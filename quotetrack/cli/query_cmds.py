"""Commands that query the database: quotes, speakers, stance. The database is opened read-only."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import click

from .core import reading
from .group import cli
from .options import db_option, min_confidence_option, window_options
from .output import emit, format_option, frame_rows, shorten
from ..models import STANCE_MEASURES, STANCES, STATEMENT_KINDS, speaker_uncertain

if TYPE_CHECKING:  # pandas (sqlite-utils imports it too) takes half a second: only commands that query pay for it
    import pandas as pd

UNKNOWN = "?"  # what a table shows for an unknown speaker, outlet or date

limit_option = click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")


@cli.command()
@click.option("--speaker", help="Who said it (any alias, case and accents ignored).")
@click.option("--target", help="Whom it is about (any alias).")
@click.option("--stance", type=click.Choice(STANCES), help="The speaker's stance toward the target.")
@click.option("--kind", type=click.Choice(STATEMENT_KINDS), help="Direct, mixed or indirect (reported) speech.")
@window_options
@click.option("--undated", is_flag=True, help="Only statements whose date is unknown.")
@click.option("--search", help="Words that must appear in the quote (full-text search).")
@min_confidence_option
@limit_option
@format_option()
@db_option
def quotes(speaker, target, stance, kind, since, until, undated, search, min_confidence, limit, fmt, db):
    """List statements, newest first (those with an unknown date last)."""
    if undated and (since or until):
        raise click.UsageError("--undated lists statements without a date: it does not go with --since/--until")
    frame = _run(
        "statements", db, speaker=speaker, target=target, stance=stance, kind=kind,
        since=since, until=until, search=search, limit=limit, dated=False if undated else None,
        min_confidence=min_confidence,
    )
    emit(frame_rows(frame), fmt, list(frame.columns), _quote_view, "statements")


def _quote_view(row: dict) -> dict:
    return {
        "published": row["published"] or UNKNOWN,
        "speaker": row["speaker"] or UNKNOWN,
        "confidence": _confidence_cell(row["speaker"], row["confidence"]),
        "source": shorten(row["source"], 30) if row["source"] else UNKNOWN,
        "kind": row["kind"],
        "quote": shorten(row["quote"], 90),
    }


def _confidence_cell(speaker: str | None, confidence: float | None) -> str:
    """ "0.91", or "0.42 uncertain" (`models.speaker_uncertain`): a table reader sees which speakers to check."""
    if confidence is None or math.isnan(confidence):
        return UNKNOWN
    return f"{confidence:.2f}{' uncertain' if speaker_uncertain(speaker, confidence) else ''}"


@cli.command()
@window_options
@limit_option
@format_option()
@db_option
def speakers(since, until, limit, fmt, db):
    """Who is quoted, how often and in how many articles, most quoted first."""
    frame = _run("speakers", db, since=since, until=until, limit=limit)
    emit(frame_rows(frame), fmt, list(frame.columns), what="speakers")


@cli.command()
@window_options
@click.option("--speaker", "speaker_names", multiple=True, help="Only this speaker (any alias); repeatable.")
@click.option("--value", type=click.Choice(STANCE_MEASURES), default="mean_score", show_default=True,
              help="What a cell shows: the mean stance score (-1 oppose … 1 support) or a count of statements.")
@click.option("--pairs", is_flag=True, help="One row per speaker and counterpart with every count, not a matrix.")
@click.option("--limit", type=click.IntRange(min=1),
              help="At most this many speakers and counterparts (with --pairs: rows), most statements first.")
@format_option()
@db_option
def stance(since, until, speaker_names, value, pairs, limit, fmt, db):
    """Speaker × counterpart matrix: each speaker's mean stance toward each counterpart (or a count of statements)."""
    speaker = list(speaker_names) or None
    if pairs:
        frame = _run("stance_pairs", db, since=since, until=until, speaker=speaker, limit=limit)
        emit(frame_rows(frame), fmt, list(frame.columns), what="stance rows")
        return
    matrix = _run("stance_matrix", db, since=since, until=until, speaker=speaker, value=value, limit=limit)
    view = _score_view if value == "mean_score" else None
    emit(frame_rows(matrix, index="speaker"), fmt, ["speaker", *matrix.columns], view, "stance rows")


def _score_view(row: dict) -> dict:
    """Scores with their sign, blank where the speaker said nothing about that counterpart."""
    return {k: v if k == "speaker" else ("" if v != v else f"{v:+.2f}") for k, v in row.items()}  # v != v: NaN


def _run(query_name: str, db, **filters) -> pd.DataFrame:
    """quotetrack.query.<query_name>(db, **filters), its errors as one-line CLI errors."""
    from .. import query
    from ..store import StoreError

    with reading(db, (StoreError, query.QueryError)):
        return getattr(query, query_name)(db, **filters)

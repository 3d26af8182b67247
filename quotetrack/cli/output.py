"""Printing DataFrames and records for the terminal (table) and for other programs (csv, json, jsonl)."""
from __future__ import annotations

import json
import math
from datetime import date

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # imported where a frame is built: `quotetrack extract` and `ingest` never load pandas
    import pandas as pd


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, for tables."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def emit(frame: pd.DataFrame, fmt: str, readable: pd.DataFrame, what: str) -> None:
    """Print `readable` as a table, or every field of `frame` as csv/json/jsonl."""
    if fmt == "table":
        if frame.empty:
            click.echo(f"No {what} found.", err=True)
        else:
            click.echo(table(readable))
        return
    records = [{key: plain(value) for key, value in row.items()} for row in frame.to_dict("records")]
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    else:
        import pandas as pd

        flat = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in r.items()} for r in records]
        click.echo(pd.DataFrame(flat, columns=frame.columns).to_csv(index=False), nl=False)


def table(frame: pd.DataFrame) -> str:
    """Left-aligned columns: quotes read better that way than pandas' right-aligned strings."""
    header = [str(c) for c in frame.columns]
    cells = [["" if v is None else str(plain(v)) for v in row] for row in frame.itertuples(index=False)]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in [header, *cells])


def plain(value):
    """JSON-ready values: ISO dates, nested lists of dicts, numpy scalars as Python numbers."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [{k: plain(v) for k, v in item.items()} for item in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value

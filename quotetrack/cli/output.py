"""What the commands print: rows in one of the registered output formats, and one-line messages.

Every command that prints rows takes `--format` from `FORMATS`; adding a format is one `@output_format` function
here. Text that comes from articles or file names is escaped before it reaches a terminal (`terminal_safe`), so an
escape sequence or a newline in it can neither drive the terminal nor split a line.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import click

if TYPE_CHECKING:  # imported where a frame is built: `quotetrack extract` and `ingest` never load pandas
    import pandas as pd

Row = dict  # column name → value (str, number, date, None, or a list of dicts)
View = Callable[[Row], Row]  # what the table format shows of a row (shortened, readable)
Writer = Callable[[Iterable[Row], Sequence[str] | None, View | None], int]


@dataclass(frozen=True)
class OutputFormat:
    name: str
    help: str
    write: Writer  # prints the rows, returns how many


FORMATS: dict[str, OutputFormat] = {}


def output_format(name: str, help: str):
    """Register a writer as the `--format NAME` of every command that prints rows."""

    def register(write: Writer) -> Writer:
        FORMATS[name] = OutputFormat(name, help, write)
        return write

    return register


def format_option(default: str = "table"):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(FORMATS)),
        default=default,
        show_default=True,
        help="Output format: " + "; ".join(f"{f.name} ({f.help})" for f in FORMATS.values()) + ".",
    )


def emit(rows: Iterable[Row], fmt: str, columns: Sequence[str] | None = None, view: View | None = None,
         what: str = "rows") -> None:
    """Print `rows` in format `fmt` (`columns`: their order, else the first row's keys); says so when none."""
    if not FORMATS[fmt].write(rows, columns, view):
        click.echo(f"No {what} found.", err=True)


def frame_rows(frame: pd.DataFrame, index: str | None = None) -> list[Row]:
    """A DataFrame's rows as dicts (its index first, as column `index`, when given)."""
    if index is not None:
        frame = frame.rename_axis(index).reset_index()
    return frame.to_dict("records")


# -- the formats ----------------------------------------------------------------------------------------------------


@output_format("table", "aligned columns for reading")
def _table(rows: Iterable[Row], columns: Sequence[str] | None, view: View | None) -> int:
    shown = [view(row) if view else row for row in rows]
    if shown:
        click.echo(table(shown, list(shown[0]) if view or columns is None else columns))
    return len(shown)


@output_format("csv", "a header line, then one line per row; lists as JSON")
def _csv(rows: Iterable[Row], columns: Sequence[str] | None, view: View | None) -> int:
    """Text cells as stored; on a terminal, with control characters escaped."""
    to_terminal = sys.stdout.isatty()
    buffer = io.StringIO()
    writer, count = None, 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(columns or row), lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
        cells = {key: _csv_cell(value) for key, value in row.items()}
        writer.writerow({k: terminal_safe(v) if to_terminal and isinstance(v, str) else v for k, v in cells.items()})
        count += 1
    if writer is None and columns:
        click.echo(",".join(columns))
    click.echo(buffer.getvalue(), nl=False, color=True)  # color=True: click would strip escape sequences from data
    return count


@output_format("json", "one JSON array")
def _json(rows: Iterable[Row], columns: Sequence[str] | None, view: View | None) -> int:
    records = [_record(row, columns) for row in rows]
    click.echo(_json_text(records, indent=2))
    return len(records)


@output_format("jsonl", "one JSON object per line, printed as each row is found")
def _jsonl(rows: Iterable[Row], columns: Sequence[str] | None, view: View | None) -> int:
    count = 0
    for row in rows:
        click.echo(_json_text(_record(row, columns)))
        count += 1
    return count


def _record(row: Row, columns: Sequence[str] | None) -> Row:
    return {key: plain(row[key]) for key in (columns or row)}


def _csv_cell(value):
    value = plain(value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


# JSON escapes C0 controls itself; these it leaves raw, and a terminal may act on them
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _json_text(value, indent: int | None = None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# -- helpers --------------------------------------------------------------------------------------------------------

# control characters, line and paragraph separators, and the bidirectional overrides that reorder what follows
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` on one line with no character a terminal would act on: each is shown escaped (`\\x1b`, `\\n`)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def echo_lines(text: str) -> None:
    """`text` line by line on stdout, each line escaped (`terminal_safe` alone shows a newline as `\\n`)."""
    for line in text.split("\n"):
        click.echo(terminal_safe(line))


def message(kind: str, text: str) -> None:
    """One line on stderr: `Error: …` or `Warning: …`, escaped."""
    click.secho(f"{kind}: {terminal_safe(text)}", fg="red" if kind == "Error" else "yellow", err=True)


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, for tables."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(rows: list[Row], columns: Sequence[str]) -> str:
    """Left-aligned columns: quotes read better that way than pandas' right-aligned strings."""
    header = [terminal_safe(str(c)) for c in columns]
    cells = [[_table_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in [header, *cells])


def _table_cell(value) -> str:
    value = plain(value)
    return "" if value is None else terminal_safe(str(value))


def plain(value):
    """JSON-ready values: ISO dates, nested lists of dicts, numpy scalars as Python numbers, NaN as None."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [{k: plain(v) for k, v in item.items()} for item in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value

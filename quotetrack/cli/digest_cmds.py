"""Commands: digest (weekly HTML pages, a page per speaker, an index and an Atom feed)."""
from __future__ import annotations

import sqlite3

import click

from .core import reading
from .group import cli
from .options import IsoDate, db_option, min_confidence_option
from .output import message


def _statements(n: int) -> str:
    return f"{n} statement" if n == 1 else f"{n} statements"


@cli.command()
@click.option("--week", help="ISO week, e.g. 2026-W47 (default: the last complete week with statements).")
@click.option("--since", type=IsoDate(), help="First day of a custom range (with --until).")
@click.option("--until", type=IsoDate(), help="Last day of a custom range (with --since).")
@click.option("--from", "old_since", type=IsoDate(), hidden=True, help="Deprecated spelling of --since.")
@click.option("--to", "old_until", type=IsoDate(), hidden=True, help="Deprecated spelling of --until.")
@click.option("--speaker", "speakers", multiple=True, help="Only these speakers (any alias); repeatable. The page gets a name of its own.")
@click.option("--lang", type=click.Choice(["it", "en"]), default="it", show_default=True, help="Language of the page.")
@click.option("--out", type=click.Path(dir_okay=False),
              help="Output file (default: <db dir>/digests/<week>.html; <week>_only_<names>.html with --speaker, "
              "<week>_min<N>.html with --min-confidence).")
@click.option("--all", "all_weeks", is_flag=True,
              help="Every week with statements, a page per speaker, the undated statements, index.html and feed.xml.")
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="Folder for --all (default: <db dir>/digests; digests/only_<names> with --speaker, "
              "digests/min<N> with --min-confidence).")
@click.option("--templates", "templates_dir", type=click.Path(exists=True, file_okay=False),
              help="Folder of templates overriding the built-in ones (same file names).")
@click.option("--per-speaker", type=click.IntRange(min=0), default=None,
              help="Statements shown per speaker, most relevant first (default 10; 0 shows all). Figures count all.")
@min_confidence_option
@db_option
def digest(week, since, until, old_since, old_until, speakers, lang, out, all_weeks, out_dir, templates_dir,
           per_speaker, min_confidence, db):
    """Write a self-contained HTML digest of one week: the key statements, who talks about whom, what changed,
    statements by speaker. With --all, a small site: every week, a page per speaker, an index and a feed."""
    if old_since or old_until:
        message("Warning", "--from/--to are now --since/--until (the old spellings will go)")
        since, until = since or old_since, until or old_until
    from .. import digest as digests
    from ..query import QueryError
    from ..schema import StoreError

    if all_weeks and (week or since or until or out):
        raise click.UsageError("--all writes every week: it does not take --week, --since/--until or --out")
    if out_dir and not all_weeks:
        raise click.UsageError("--out-dir goes with --all; for one week use --out")
    if week and (since or until):
        raise click.UsageError("give either --week or --since/--until, not both")
    if bool(since) != bool(until):
        raise click.UsageError("--since and --until go together")
    shown = digests.PER_SPEAKER if per_speaker is None else (per_speaker or None)
    only = f", only {', '.join(speakers)}" if speakers else ""
    with reading(db, (digests.DigestError, StoreError, QueryError), sqlite3.DatabaseError):
        if all_weeks:
            result = digests.write_all(db, out_dir, speakers, lang, templates_dir, per_speaker=shown,
                                       min_confidence=min_confidence)
            for path in result.written:
                click.echo(f"wrote {path}")
            click.echo(f"{len(result.weeks)} weeks, {result.speakers} speaker pages, {_statements(result.undated)} "
                       f"without a date{only}: {len(result.written)} files written, {len(result.unchanged)} unchanged "
                       f"in {result.folder}")
            return
        period = digests.Period.between(since, until) if since else week
        written = digests.write_digest(db, out, period, speakers, lang, templates_dir, per_speaker=shown,
                                       min_confidence=min_confidence)
    left_out = f", {written.left_out} below --min-confidence left out" if min_confidence is not None else ""
    click.echo(f"wrote {written.path} ({written.period.key}{only}: {_statements(written.statements)}{left_out})")
    if written.undated:
        verb, them = ("is", "it") if written.undated == 1 else ("are", "them")
        click.echo(f"{_statements(written.undated)} without a date {verb} in no week: `quotetrack digest --all` "
                   f"lists {them} on undated.html")

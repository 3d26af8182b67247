"""Commands: digest (weekly HTML pages, an index and an Atom feed)."""
from __future__ import annotations

import sqlite3

import click

from . import cli
from .options import IsoDate, db_option
from .output import message


@cli.command()
@click.option("--week", help="ISO week, e.g. 2026-W47 (default: the last complete week with statements).")
@click.option("--since", type=IsoDate(), help="First day of a custom range (with --until).")
@click.option("--until", type=IsoDate(), help="Last day of a custom range (with --since).")
@click.option("--from", "old_since", type=IsoDate(), hidden=True, help="Deprecated spelling of --since.")
@click.option("--to", "old_until", type=IsoDate(), hidden=True, help="Deprecated spelling of --until.")
@click.option("--speaker", "speakers", multiple=True, help="Only these speakers (any alias); repeatable.")
@click.option("--lang", type=click.Choice(["it", "en"]), default="it", show_default=True, help="Language of the page.")
@click.option("--out", type=click.Path(dir_okay=False), help="Output file (default: <db dir>/digests/<week>.html).")
@click.option("--all", "all_weeks", is_flag=True, help="Every week with statements, plus index.html and feed.xml.")
@click.option("--out-dir", type=click.Path(file_okay=False), help="Folder for --all (default: <db dir>/digests).")
@click.option("--templates", "templates_dir", type=click.Path(exists=True, file_okay=False),
              help="Folder of templates overriding the built-in ones (same file names).")
@click.option("--per-speaker", type=click.IntRange(min=0), default=None,
              help="Statements shown per speaker, most relevant first (default 10; 0 shows all). Figures count all.")
@db_option
def digest(week, since, until, old_since, old_until, speakers, lang, out, all_weeks, out_dir, templates_dir,
           per_speaker, db):
    """Write a self-contained HTML digest of one week: figures, stance matrix, changes, statements by speaker."""
    if old_since or old_until:
        message("Warning", "--from/--to are now --since/--until (the old spellings will go)")
        since, until = since or old_since, until or old_until
    from pathlib import Path

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
    try:
        if all_weeks:
            target = Path(out_dir) if out_dir else Path(db).parent / "digests"
            result = digests.write_all(db, target, speakers, lang, templates_dir, per_speaker=shown)
            for path in result.written:
                click.echo(f"wrote {path}")
            click.echo(f"{len(result.weeks)} weeks in {target}: {len(result.written)} files written, "
                       f"{len(result.unchanged)} unchanged")
            return
        period = digests.Period.between(since, until) if since else week
        written = digests.write_digest(db, out, period, speakers, lang, templates_dir, per_speaker=shown)
    except (digests.DigestError, StoreError, QueryError) as error:
        raise click.ClickException(str(error)) from None
    except sqlite3.DatabaseError as error:
        raise click.ClickException(f"{db}: cannot read the database ({error})") from None
    click.echo(f"wrote {written.path} ({written.period.key}, {written.statements} statements)")

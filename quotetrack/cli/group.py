"""The `quotetrack` command group, which every command module adds its commands to."""
from __future__ import annotations

import errno
import sqlite3

import click

from .output import terminal_safe


class Commands(click.Group):
    """The command group: every error ends as one escaped line (`Error: …`), never as a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = terminal_safe(exc.message)  # a file name with a newline or an escape stays on one line
            raise
        except sqlite3.Error as exc:
            raise click.ClickException(terminal_safe(f"database error: {exc}")) from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # output piped into `head`: click ends quietly
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(terminal_safe(f"{where}{exc.strerror or exc}")) from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quotetrack")
def cli():
    """Who said what about whom: extract statements from Italian news, store them, query them, digest them."""


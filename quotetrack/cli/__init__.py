"""The `quotetrack` command: a thin layer that parses arguments and calls the Python API."""
from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="quotetrack")
def cli():
    """Who said what about whom: extract statements from Italian news, store them, query them, digest them."""


def _register() -> None:
    # each module adds its commands to `cli`; imported here so `quotetrack.cli:cli` sees them all
    from . import core, query_cmds, digest_cmds, models_cmds, scale_cmds, serve_cmds, learn_cmds  # noqa: F401


_register()

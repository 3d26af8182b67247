"""The `quotetrack` command: a thin layer that parses arguments and calls the Python API.

The group lives in `group.py`; each module below adds its commands to it, and importing them here is what makes
`quotetrack.cli:cli` see them all.
"""
from __future__ import annotations

from . import core, digest_cmds, learn_cmds, models_cmds, query_cmds, scale_cmds, serve_cmds  # noqa: F401
from .group import cli

__all__ = ["cli"]

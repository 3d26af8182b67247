"""Commands: query_cmds."""
from __future__ import annotations

from . import cli  # noqa: F401

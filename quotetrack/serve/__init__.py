"""Browsing a quotetrack database in Datasette (`pip install 'quotetrack[serve]'`, then `quotetrack serve`).

The package ships the metadata (`metadata.yaml`: descriptions, facets, full-text search on the statement views,
canned queries) and a small plugin (`plugin.py`: quotes link to a page that shows them highlighted in their
article). `datasette_for(path)` builds the Datasette; its `.client` answers requests without a server.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..datafiles import load_yaml

__all__ = ["datasette_for", "metadata_for"]

TEMPLATES = Path(str(resources.files(__name__).joinpath("templates")))


def metadata_for(database: str) -> dict:
    """Datasette metadata for a quotetrack database served under the name `database` (its file's stem)."""
    shipped = load_yaml(resources.files(__name__).joinpath("metadata.yaml").read_text(encoding="utf-8"))
    return {"title": shipped["title"], "description": shipped["description"],
            "databases": {database: shipped["database"]}}


def datasette_for(path: str | Path):
    """A Datasette on the database at `path`, with quotetrack's metadata, queries and statement pages.

    The database is opened with `Store` first, so an older one is migrated (and backed up) to the views the
    metadata describes; a missing one is a StoreError.
    """
    from datasette.app import Datasette
    from datasette.plugins import pm

    from ..store import Store
    from . import plugin

    Store(path, create=False).close()
    if not pm.is_registered(plugin):
        pm.register(plugin, name="quotetrack")
    return Datasette([str(path)], metadata=metadata_for(Path(path).stem), template_dir=str(TEMPLATES))

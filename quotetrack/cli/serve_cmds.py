"""`quotetrack serve`: the database in Datasette."""
from __future__ import annotations

import sys

import click

from .group import cli
from .options import db_option


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option("--get", "get_path", metavar="PATH",
              help="Print the answer to one request (/quotetrack/statements_view.json ...) and exit; no server.")
def serve(db, host, port, get_path):
    """Browse the database in Datasette: facets, full-text search on the statements, canned queries, and each quote
    highlighted in its article. Needs pip install 'quotetrack[serve]'.

    \b
    quotetrack serve                       # http://127.0.0.1:8001/quotetrack/statements_view
    quotetrack serve --get '/quotetrack/statements_view.json?_search=ponte&_shape=objects'
    """
    import asyncio

    try:
        from ..serve import datasette_for
        from ..store import StoreError

        try:
            datasette = datasette_for(db)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
        import uvicorn
    except ModuleNotFoundError as exc:
        raise click.ClickException(f"{exc.name} is not installed: pip install 'quotetrack[serve]'") from None
    asyncio.run(datasette.invoke_startup())
    if get_path:
        response = asyncio.run(datasette.client.get(get_path))
        click.echo(response.text)
        sys.exit(0 if response.status_code == 200 else 1)
    click.echo(f"serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")

"""Commands: `quotetrack models status` and `quotetrack models download` (the Stanza engine's models)."""
from __future__ import annotations

import click

from .group import cli
from .options import models_option


@cli.group()
def models():
    """The Stanza engine's Italian models: where they are, and fetching them."""


@models.command()
@models_option
def status(models_dir):
    """Say which engine --engine auto would run, and which models it would load from where."""
    from ..analysis.stanza import model_status

    report = model_status(models_dir)
    click.echo(f"engine for --engine auto: {report.engine}")
    click.echo(f"stanza importable: {'yes' if report.stanza_importable else 'no'}")
    click.echo(f"torch importable: {'yes' if report.torch_importable else 'no'}")
    for why, path in report.searched:
        click.echo(f"looked in: {path} ({why})")
    if report.resources_dir is None:
        click.echo(f"models: none found; {report.reason}")
        return
    click.echo(f"models: {report.resources_dir}")
    for processor, path in report.processors.items():
        click.echo(f"  {processor:<9} {path} ({path.stat().st_size / 1e6:.1f} MB)")
    if "ner" not in report.processors:
        click.echo("  ner       not found (entities then come from the knowledge base and proper nouns only)")


@models.command()
@click.option(
    "--dir",
    "--models",
    "target_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where to put the models (default: Stanza's default directory).",
)
def download(target_dir):
    """Download Stanza's official Italian models (needs a network that reaches Stanza's model server)."""
    from ..analysis.stanza import ModelDownloadError, download_models

    try:
        target = download_models(target_dir)
    except ModelDownloadError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Italian models in {target}; use them with --models {target} or QUOTETRACK_STANZA_DIR={target}")

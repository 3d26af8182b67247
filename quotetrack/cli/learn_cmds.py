"""Commands: train (rebuild the learned models from gold annotations)."""
from __future__ import annotations

import click

from .group import cli
from .options import engine_options


@cli.command()
@click.argument("gold", type=click.Path(exists=True))
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), required=True,
              help="Folder holding the articles the gold annotates (NNN.txt for gold article NNN).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder for the models (default: ./learned). Use them by setting $QUOTETRACK_LEARNED to it.")
@engine_options()
def train(gold, corpus, out, engine, models_dir, kb_files):
    """Train the statement classifier, the speaker ranker and the stance classifier on GOLD (extract-jsonl files).

    The same gold and articles always give the same models (one thread, fixed seeds).

    \b
    quotetrack train ../shared/corpus/it-wikinews/gold-dev --corpus ../shared/corpus/it-wikinews --engine builtin
    QUOTETRACK_LEARNED=learned/ quotetrack extract my-articles/
    """
    from pathlib import Path

    from .. import train as training
    from .core import _analyzer, _kb

    engine_ = _analyzer(engine, models_dir)
    kb = _kb(kb_files)
    target = Path(out or "learned") / engine_.name
    try:
        click.echo("reading the annotated articles…", err=True)
        items = training.load_annotated(gold, corpus, engine_, kb)
        click.echo(f"training on {len(items)} articles…", err=True)
        trained = training.train_all(items, kb)
    except (ValueError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    for path in trained.save(target):
        click.echo(f"wrote {path}")

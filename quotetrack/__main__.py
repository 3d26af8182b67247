"""`python -m quotetrack …`: the same CLI as the `quotetrack` command, for environments without the script."""
from .cli import cli

cli(prog_name="quotetrack")

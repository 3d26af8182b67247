"""quotetrack: who said what, about whom, and when — statements, speakers and stances from Italian news.

The stages are modules with small APIs (see docs/architecture.md): `quotetrack.ingest`, `quotetrack.analysis`,
`quotetrack.extract`, `quotetrack.stance`, `quotetrack.store`, `quotetrack.query`, `quotetrack.digest`. Importing
this package loads none of them (and never torch), so `import quotetrack` stays instant.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("quotetrack")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

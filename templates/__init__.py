"""Jinja2 templates and UI strings of the HTML digests (installed as the package `quotetrack.templates`)."""

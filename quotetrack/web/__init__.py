"""Web ingest: news from where it is published — RSS/Atom feeds and web pages — into Articles.

`WebReader(history, fetcher).read(url)` yields the articles at a URL (every item of a feed, or one page) or a
`ReadFailure` naming the URL and the reason; `quotetrack.ingest.read_paths` hands it every http(s) URL it is given
(the caller makes the reader: `pipeline.extract_records` and the CLI do).
`Fetcher` is the polite HTTP client (robots.txt, per-host interval, retries, conditional requests), `parse_feed`
the feed reader; `quotetrack.fetch_history.FetchHistory` is what a store remembers of earlier fetches. Pages become text with trafilatura
(`quotetrack.textnorm.parse_html`), the same as saved .html files.

    from quotetrack.fetch_history import FetchHistory
    from quotetrack.store import Store
    from quotetrack.web import WebReader

    with Store("db/quotetrack.db") as store:
        for article in WebReader(FetchHistory(store)).read("https://example.org/feed.xml"):
            print(article)
"""
from __future__ import annotations

from .feeds import Feed, FeedItem, parse_feed
from .fetch import USER_AGENT, Fetcher, FetchError, FetchPolicy, Response, Validators, is_url
from .reader import WebReader

__all__ = ["Feed", "FeedItem", "FetchError", "FetchPolicy", "Fetcher", "Response", "USER_AGENT",
           "Validators", "WebReader", "is_url", "parse_feed", "read_url_list"]


def read_url_list(text: str) -> list[str]:
    """The URLs of a list file (`--feeds`): one per line; blank lines and `#` comments are skipped.

    Raises ValueError naming the first line that is not an http(s) URL."""
    urls = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            raise ValueError(f"line {number} is not an http(s) URL: {line[:80]}")
        urls.append(line)
    return urls

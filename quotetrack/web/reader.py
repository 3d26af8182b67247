"""Articles from URLs: a feed's items' pages, or one page; what is already stored is not asked for again."""
from __future__ import annotations

import datetime as dt
from typing import Callable, Iterator, Protocol

from ..models import Article, ReadFailure
from ..textnorm import BadText, decode_bytes
from .feeds import FeedItem, looks_like_feed, parse_feed
from .fetch import Fetcher, FetchError, Response

__all__ = ["WebReader"]

_PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "txt"}


class History(Protocol):
    """What a reader asks of a fetch history (`quotetrack.fetch_history.FetchHistory` keeps one in a store)."""

    def stored_article(self, url: str) -> Article | None: ...

    def feed(self, url: str): ...

    def remember_feed(self, url: str, validators, items) -> None: ...

    def remember_page(self, url: str, article_uid: str, validators) -> None: ...


class WebReader:
    """Reads URLs into Articles, the way `ingest.read_paths` reads files.

    A URL whose answer is an RSS or Atom feed gives the article of each item's page, titled and dated by the feed
    where it says; any other URL gives its page's article. With a `history` (a store's), a URL whose article is stored
    is answered from the store without a request, and a feed read before is asked for conditionally. `on_found(n)`
    is told how many results a URL will give as soon as that is known (for a progress bar's total).
    """

    def __init__(
        self,
        history: History | None = None,
        fetcher: Fetcher | None = None,
        on_found: Callable[[int], None] | None = None,
    ):
        self.history = history
        self.fetcher = fetcher or Fetcher()
        self.on_found = on_found or (lambda n: None)

    def read(self, url: str, date: dt.date | None = None) -> Iterator[Article | ReadFailure]:
        """The articles at `url` (a feed's items, or one page); `date` overrides every date found."""
        stored = self._stored(url)
        if stored is not None:
            self.on_found(1)
            yield stored
            return
        known = self.history.feed(url) if self.history else None
        try:
            response = self.fetcher.get(url, known[0] if known else None)
        except FetchError as problem:
            self.on_found(1)
            yield ReadFailure(url, str(problem))
            return
        if response.status == 304 and known:  # the items listed last time are still the feed's
            items = known[1]
        else:
            is_feed = looks_like_feed(response.content_type, response.body)
            feed = parse_feed(response.body, response.url) if is_feed else None
            if feed is None:
                self.on_found(1)
                yield self._article(url, response, date, FeedItem(url))
                return
            items = feed.items
            if self.history:
                self.history.remember_feed(url, response.validators, items)
        self.on_found(len(items))
        for item in items:
            yield self._item(item, date)

    def _item(self, item: FeedItem, date: dt.date | None) -> Article | ReadFailure:
        stored = self._stored(item.url)
        if stored is not None:
            return stored
        try:
            response = self.fetcher.get(item.url)
        except FetchError as problem:
            return ReadFailure(item.url, str(problem))
        return self._article(item.url, response, date, item)

    def _stored(self, url: str) -> Article | None:
        return self.history.stored_article(url) if self.history else None

    def _article(self, url: str, response: Response, date: dt.date | None, item: FeedItem) -> Article | ReadFailure:
        """The page's article; the feed's title, date and author win over the page's (the page's fill the gaps)."""
        from ..ingest import article_from_text

        fmt = _PAGE_TYPES.get(response.content_type)
        if fmt is None:
            return ReadFailure(url, f"not an article page (content type {response.content_type or 'unknown'})")
        try:
            article = article_from_text(
                _decoded(response), url, path=url, title=item.title, date=date or item.published, url=url,
                author=item.author, fmt=fmt,
            )
        except BadText as problem:
            return ReadFailure(url, str(problem))
        if self.history:
            self.history.remember_page(url, article.uid, response.validators)
        return article


def _decoded(response: Response) -> str:
    """The charset the server names, else the same detection as a file's bytes."""
    if response.charset:
        try:
            return response.body.decode(response.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(response.body)

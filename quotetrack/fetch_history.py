"""What earlier web ingest runs fetched (`quotetrack.web`), kept in the store's `web_fetches` table, so a daily run
asks only for what is new.

A page's row names the article it gave; the URL counts as stored only while that article is in the store (a run
killed between fetching and storing fetches it again). A feed's row keeps the validators of its last answer and the
items it listed then: a 304 answer means those items are still the feed's, so they are read again from here.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from . import schema
from .models import Article
from .web.feeds import FeedItem
from .web.fetch import Validators

if TYPE_CHECKING:
    from .store import Store

__all__ = ["FetchHistory"]


class FetchHistory:
    """The fetch history of one store."""

    def __init__(self, store: Store):
        self.store = store

    def stored_article(self, url: str) -> Article | None:
        """The stored article this URL gave (or, failing that, a stored article published at this URL)."""
        row = self.store.db.execute(
            "SELECT a.uid FROM web_fetches w JOIN articles a ON a.uid = w.article WHERE w.url = ? AND w.kind = 'page'"
            " UNION ALL SELECT uid FROM articles WHERE url = ? LIMIT 1",
            [url, url],
        ).fetchone()
        return self.store.article(row[0]) if row else None

    def feed(self, url: str) -> tuple[Validators, tuple[FeedItem, ...]] | None:
        """The validators and items of this feed's last answer, if it was read before."""
        row = self.store.db.execute(
            "SELECT etag, last_modified, items FROM web_fetches WHERE url = ? AND kind = 'feed'", [url]
        ).fetchone()
        if row is None:
            return None
        return Validators(row[0], row[1]), tuple(FeedItem.from_json(item) for item in json.loads(row[2] or "[]"))

    def remember_page(self, url: str, article_uid: str, validators: Validators) -> None:
        self._remember(url, "page", validators, article=article_uid)

    def remember_feed(self, url: str, validators: Validators, items: tuple[FeedItem, ...]) -> None:
        self._remember(url, "feed", validators, items=json.dumps([i.as_json() for i in items], ensure_ascii=False))

    def _remember(self, url: str, kind: str, validators: Validators, article: str | None = None,
                  items: str | None = None) -> None:
        values = [url, kind, article, items, validators.etag, validators.last_modified,
                  datetime.now(timezone.utc).isoformat(timespec="seconds")]
        schema.write(
            self.store.db,
            lambda: self.store.db.execute(
                "INSERT OR REPLACE INTO web_fetches (url, kind, article, items, etag, last_modified, fetched_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                values,
            ),
            self.store.path,
        )

"""RSS and Atom feeds (feedparser): which pages a feed lists, with the title, date and author it gives each."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from ..dates import parse_date
from .fetch import is_url

__all__ = ["Feed", "FeedItem", "looks_like_feed", "parse_feed"]

# media types only feeds use; a generic XML type is sniffed by its first element
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
_XML_TYPES = {"application/xml", "text/xml"}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: the page it links to and what the feed says about it."""

    url: str
    title: str | None = None
    published: dt.date | None = None  # the day as the feed writes it (its own time zone, not UTC)
    author: str | None = None

    def as_json(self) -> dict:
        return {"url": self.url, "title": self.title, "author": self.author,
                "published": self.published.isoformat() if self.published else None}

    @classmethod
    def from_json(cls, record: dict) -> FeedItem:
        return cls(record["url"], record.get("title"), parse_date(record.get("published")), record.get("author"))


@dataclass(frozen=True)
class Feed:
    url: str
    title: str | None
    items: tuple[FeedItem, ...]


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """Whether a response is worth parsing as a feed: a feed's media type, or XML whose root is a feed's."""
    if content_type in _FEED_TYPES:
        return True
    if content_type and content_type not in _XML_TYPES and not content_type.startswith("text/plain"):
        return False  # text/html and the like: a page, even if it mentions <rss>
    return bool(_FEED_ROOT.search(body[:2048]))


def parse_feed(body: bytes, url: str) -> Feed | None:
    """The feed in `body` (RSS 0.9x/1.0/2.0 or Atom), or None when it is not one. Item links are made absolute
    against `url`; items without an http(s) link, and repeated links, are left out."""
    import feedparser

    # bytes, never a str: feedparser would take a str for a URL or a file name and open it
    parsed = feedparser.parse(bytes(body), response_headers={"content-location": url}, resolve_relative_uris=False,
                              sanitize_html=False)
    if not parsed.get("version"):
        return None
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = _entry_link(entry, url)
        if link is None or link in seen:
            continue
        seen.add(link)
        items.append(FeedItem(link, _text(entry.get("title")), _entry_date(entry), _text(entry.get("author"))))
    return Feed(url, _text(parsed.feed.get("title")), tuple(items))


def _entry_link(entry, base: str) -> str | None:
    candidates = [entry.get("link")] + [
        link.get("href") for link in entry.get("links", []) if link.get("rel", "alternate") == "alternate"
    ]
    for candidate in candidates:
        if not isinstance(candidate, str) or not candidate.strip():
            continue  # an empty link would resolve to the feed itself
        try:
            absolute = urljoin(base, candidate.strip())
        except ValueError:  # a malformed link (`http://[x`) is no link
            continue
        if is_url(absolute):
            return absolute
    return None


def _entry_date(entry) -> dt.date | None:
    """The date as written (`+0200` keeps its own day); feedparser's parsed form, in UTC, only as a last resort."""
    for key in ("published", "updated", "created"):
        day = parse_date(entry.get(key))
        if day:
            return day
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _text(value: object) -> str | None:
    text = _SPACE.sub(" ", value).strip() if isinstance(value, str) else ""
    return text or None

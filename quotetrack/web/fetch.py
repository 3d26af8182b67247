"""Polite HTTP for web ingest, on the standard library (urllib): nothing to install, nothing imported until used.

Every request names quotetrack and its version, asks robots.txt first (once per host, RFC 9309: a missing file
allows everything, a server error forbids everything), waits its turn on a per-host interval (longer when robots.txt
asks for a Crawl-delay), times out, and retries what may pass (timeouts, dropped connections, 429 and 5xx answers)
a few times with growing pauses. Validators from an earlier answer make it a conditional request; a 304 comes back
as a `Response` with status 304 and no body. Anything else that goes wrong is a `FetchError` whose message is the
one-line reason a user reads.
"""
from __future__ import annotations

import email.utils
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from .. import __version__
from ..ingest import MAX_FILE_BYTES, is_url

__all__ = ["FetchError", "FetchPolicy", "Fetcher", "Response", "Validators", "USER_AGENT", "ROBOTS_AGENT", "is_url"]

ROBOTS_AGENT = "quotetrack"  # the product token robots.txt rules name
USER_AGENT = f"{ROBOTS_AGENT}/{__version__} (+https://pypi.org/project/quotetrack/)"
_RETRIED_STATUS = {429, 500, 502, 503, 504}
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class FetchPolicy:
    """How politely to fetch. The defaults suit a daily run over a few outlets' feeds."""

    timeout: float = 20.0  # seconds per attempt, to connect and for each read
    attempts: int = 3  # tries of a request that may pass on a later try
    backoff: float = 1.0  # seconds before the second try, doubled before each later one
    delay: float = 1.0  # seconds between two requests to one host, at least
    max_retry_after: float = 60.0  # a longer Retry-After is not waited for: the URL fails for this run
    max_bytes: int = MAX_FILE_BYTES  # the same cap as a file: news pages and feeds are far smaller
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Validators:
    """What makes the next request for a URL conditional (RFC 9110): its ETag and Last-Modified."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in found.items() if value}


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional request whose resource has not changed
    body: bytes
    content_type: str = ""  # media type, lower case, without parameters
    charset: str | None = None
    validators: Validators = Validators()


class FetchError(Exception):
    """A URL that could not be fetched; str() is the reason. `status` is the HTTP status, when there was one."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.status = status
        self.retry_after = retry_after


class _Transient(FetchError):
    """A failure worth another try."""


class Fetcher:
    """One fetching session: robots.txt files and each host's turn are remembered for its lifetime.

    `sleep` and `clock` are injectable so the politeness can be checked without waiting for it.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.policy = policy or FetchPolicy()
        self.sleep = sleep
        self.clock = clock
        # by origin: its rules, None (everything allowed) or why they could not be read
        self._robots: dict[str, RobotFileParser | FetchError | None] = {}
        self._next_turn: dict[str, float] = {}  # by origin: the earliest clock() for its next request
        self._opener = _opener()

    def get(self, url: str, validators: Validators | None = None) -> Response:
        """The response for `url`, conditional when `validators` are given. Raises FetchError."""
        _wire_url(url)  # an unusable URL fails here, before robots.txt is asked for
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        return self._with_retries(url, validators)

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets quotetrack fetch `url`. Its file is read on first use per host; a host
        whose robots.txt cannot be read raises the same FetchError for each of its URLs, without asking again."""
        origin = _origin(url)
        if origin not in self._robots:
            try:
                self._robots[origin] = self._read_robots(origin)
            except FetchError as problem:
                self._robots[origin] = problem
            self._next_turn[origin] = self.clock() + self._delay(origin)  # the rules may ask for a Crawl-delay
        rules = self._robots[origin]
        if isinstance(rules, FetchError):
            raise rules
        return rules is None or rules.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, origin: str) -> RobotFileParser | None:
        try:
            response = self._with_retries(origin + "/robots.txt", None)
        except FetchError as problem:
            if problem.status is None:
                raise  # the host cannot be reached: its pages could not be either, and this says why
            if problem.status < 500:
                return None  # RFC 9309: an unavailable robots.txt allows everything
            # an unreachable one (a server error) forbids everything
            raise FetchError(f"robots.txt unreachable ({problem}), so nothing is fetched", problem.status) from None
        rules = RobotFileParser(origin + "/robots.txt")
        rules.parse(response.body.decode("utf-8", errors="replace").splitlines())
        return rules

    def _delay(self, origin: str) -> float:
        rules = self._robots.get(origin)
        asked = rules.crawl_delay(ROBOTS_AGENT) if isinstance(rules, RobotFileParser) else None
        return max(self.policy.delay, float(asked or 0))

    def _with_retries(self, url: str, validators: Validators | None) -> Response:
        origin = _origin(url)
        for attempt in range(1, self.policy.attempts + 1):
            wait = self._next_turn.get(origin, 0.0) - self.clock()
            if wait > 0:
                self.sleep(wait)
            try:
                return self._once(url, validators)
            except _Transient as problem:
                failure = problem
            finally:
                self._next_turn[origin] = self.clock() + self._delay(origin)
            if attempt == self.policy.attempts:
                tries = f" after {attempt} tries" if attempt > 1 else ""
                raise FetchError(f"{failure}{tries}", failure.status)
            pause = self.policy.backoff * 2 ** (attempt - 1)
            if failure.retry_after is not None:
                if failure.retry_after > self.policy.max_retry_after:
                    raise FetchError(f"{failure} (asked to retry after {failure.retry_after:.0f} s)", failure.status)
                pause = max(pause, failure.retry_after)
            self.sleep(pause)
        raise ValueError(f"FetchPolicy.attempts must be at least 1, not {self.policy.attempts}")

    def _once(self, url: str, validators: Validators | None) -> Response:
        headers = {"User-Agent": self.policy.user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip"}
        headers.update(validators.headers() if validators else {})
        request = urllib.request.Request(_wire_url(url), headers=headers)
        try:
            with self._opener.open(request, timeout=self.policy.timeout) as answer:
                body = _read_body(answer, self.policy.max_bytes)
                return Response(
                    url=answer.geturl(),
                    status=answer.status,
                    body=body,
                    content_type=answer.headers.get_content_type().lower(),
                    charset=answer.headers.get_content_charset(),
                    validators=Validators(answer.headers.get("ETag"), answer.headers.get("Last-Modified")),
                )
        except urllib.error.HTTPError as answer:
            answer.close()
            if answer.code == 304:
                return Response(url=url, status=304, body=b"", validators=validators or Validators())
            reason = f"HTTP {answer.code} {answer.reason}".rstrip()
            if answer.code in _RETRIED_STATUS:
                raise _Transient(reason, answer.code, _retry_after(answer.headers.get("Retry-After"))) from None
            raise FetchError(reason, answer.code) from None
        except urllib.error.URLError as problem:
            raise _connection_problem(problem.reason) from None
        except (TimeoutError, socket.timeout):
            raise _Transient("timed out") from None
        except (http.client.HTTPException, ConnectionError) as problem:
            raise _Transient(f"connection dropped ({type(problem).__name__})") from None


def _opener() -> urllib.request.OpenerDirector:
    """http and https only (no file:, ftp: or data: behind a redirect), proxies from the environment."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _read_body(answer, limit: int) -> bytes:
    data = answer.read(limit + 1)
    if len(data) > limit:
        raise FetchError(f"response too large (more than {limit // (1024 * 1024)} MB)")
    if answer.headers.get("Content-Encoding", "").lower() == "gzip":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = inflater.decompress(data, limit + 1)
        except zlib.error:
            raise FetchError("response is not valid gzip") from None
        if len(data) > limit or inflater.unconsumed_tail:
            raise FetchError(f"response too large (more than {limit // (1024 * 1024)} MB unpacked)")
    return data


def _connection_problem(reason: object) -> FetchError:
    """URLError's reason as a sentence; only what may pass on a later try is transient."""
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _Transient("timed out")
    if isinstance(reason, ConnectionRefusedError):
        return FetchError("connection refused")
    if isinstance(reason, socket.gaierror):
        return FetchError("host not found")
    if isinstance(reason, ssl.SSLError):
        return FetchError(f"TLS error ({getattr(reason, 'reason', None) or reason})")
    if isinstance(reason, OSError):
        return _Transient(f"connection failed ({reason.strerror or reason})")
    return FetchError(f"cannot fetch ({reason})")


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _wire_url(url: str) -> str:
    """The URL as sent: spaces and non-ASCII characters percent-encoded as UTF-8 (escapes already there kept), a
    non-ASCII host in IDNA, no fragment. Raises FetchError for what is no http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ValueError("no host")
        netloc = parts.netloc if parts.netloc.isascii() else parts.netloc.encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as problem:
        raise FetchError(f"invalid URL ({problem})") from None
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=~?")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "", "", ""))

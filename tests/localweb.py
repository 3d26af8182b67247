"""A small news site on 127.0.0.1 for the web-ingest tests: pages and feeds written for the tests, conditional
answers (ETag / Last-Modified → 304), robots.txt, and a log of every request it got."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).parent / "web"
ROBOTS = "User-agent: *\nDisallow: /privato/\n"


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    headers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict
    status: int


class LocalSite:
    """Serves `routes` (path → Route, or a list of Routes answered in turn, the last one repeating)."""

    def __init__(self):
        self.routes: dict[str, Route | list[Route]] = {}
        self.requests: list[Request] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server name)
                site._answer(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, fixture: str, **route) -> None:
        """Serve a file of tests/web at `path`, with `{base}` replaced by this site's address."""
        text = (PAGES / fixture).read_text(encoding="utf-8").replace("{base}", self.base)
        if fixture.endswith(".xml"):
            route.setdefault("content_type", "application/rss+xml; charset=utf-8")
        self.routes[path] = Route(text.encode("utf-8"), **route)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        route = self.routes.get(path)
        if isinstance(route, list):
            route = route.pop(0) if len(route) > 1 else route[0]
        if route is None and path == "/robots.txt":
            route = Route(ROBOTS.encode(), content_type="text/plain")
        if route is None:
            route = Route(b"<html><body><h1>Pagina non trovata</h1></body></html>", status=404)
        status = route.status
        if status == 200 and _unchanged(handler.headers, route):
            status = 304
        self.requests.append(Request(path, dict(handler.headers), status))
        handler.send_response(status)
        if status != 304:
            handler.send_header("Content-Type", route.content_type)
            handler.send_header("Content-Length", str(len(route.body)))
        for name, value in (("ETag", route.etag), ("Last-Modified", route.last_modified), *route.headers.items()):
            if value:
                handler.send_header(name, value)
        handler.end_headers()
        if status != 304:
            handler.wfile.write(route.body)


def _unchanged(headers, route: Route) -> bool:
    if route.etag and headers.get("If-None-Match"):
        return headers["If-None-Match"] == route.etag
    return bool(route.last_modified) and headers.get("If-Modified-Since") == route.last_modified

"""A real digest opened in headless Chromium: it renders (desktop and phone width) and loads nothing from the network.

Needs Debian's `chromium` (`.ci/install-chromium`); skipped without it unless QUOTETRACK_REQUIRE_BROWSER=1.
"""
from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from datetime import date
from pathlib import Path

import pytest

from quotetrack import digest
from quotetrack.models import Article, Statement, Target
from quotetrack.store import Store

pytestmark = pytest.mark.browser

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # belt and braces: even a stray request cannot leave the machine
]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if found:
        return found
    reason = "headless chromium not found (install it with .ci/install-chromium)"
    if os.environ.get("QUOTETRACK_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + "; QUOTETRACK_REQUIRE_BROWSER=1 makes it mandatory")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    with Store(folder / "q.db") as store:
        for n, day in enumerate((date(2026, 11, 10), date(2026, 11, 17), date(2026, 11, 19)), start=1):
            store.add(
                Article(f"a{n}", f"Articolo {n}.", title=f"Titolo {n}", published=day, source="La Milano",
                        url=f"https://news.example/{n}"),
                [
                    Statement(f"a{n}", f"Dichiarazione {n} <img src=http://tracker.example/x.png>", "direct", 0, 5,
                              speaker="Donald Trump", cue="ha detto",
                              targets=[Target("Volodymyr Zelensky", "oppose" if n > 1 else "support", 0.6 - n / 3,
                                              "problemi")]),
                    Statement(f"a{n}", f"Frase riportata {n}", "indirect", 0, 5, speaker="Volodymyr Zelensky",
                              cue="ha detto", targets=[Target("Russia", "oppose", -0.7, "aggressione")]),
                ],
            )
    return digest.write_digest(folder / "q.db", week="2026-W47").path


def shoot(chromium: str, url: str, folder: Path, width: int, height: int) -> tuple[Path, list[str]]:
    """Screenshot `url`; also return the URLs the page itself requested (from Chromium's net-log)."""
    png, netlog = folder / f"shot-{width}.png", folder / f"net-{width}.json"
    subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={folder / f'profile-{width}'}", f"--log-net-log={netlog}",
         f"--screenshot={png}", f"--window-size={width},{height}", url],
        check=True, capture_output=True, timeout=120,
    )
    return png, page_requests(netlog)


def page_requests(netlog: Path) -> list[str]:
    """URLs requested on behalf of a page. Chromium's own background traffic (update checks and the like) has
    initiator "not an origin"; anything a file:// page asks for has the page's opaque origin "null"."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start_job
        and "url" in event.get("params", {})
        and event["params"].get("initiator") != "not an origin"
        and not event["params"]["url"].startswith(("file:", "data:"))
    ]


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_digest_renders_in_chromium_without_any_network_request(chromium, page_file, tmp_path):
    png, requests = shoot(chromium, page_file.as_uri(), tmp_path, 1200, 2000)
    assert png_size(png) == (1200, 2000)
    assert png.stat().st_size > 30_000  # a real page with text, tables and charts, not a blank canvas
    assert requests == []


def test_digest_renders_at_phone_width(chromium, page_file, tmp_path):
    png, requests = shoot(chromium, page_file.as_uri(), tmp_path, 400, 1600)
    assert png_size(png) == (400, 1600)
    assert png.stat().st_size > 20_000
    assert requests == []


def test_the_network_check_does_catch_a_page_that_loads_something(chromium, tmp_path):
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!doctype html><title>x</title><img src="http://tracker.example/pixel.png">', encoding="utf-8")
    _, requests = shoot(chromium, leaky.as_uri(), tmp_path, 400, 300)
    assert requests == ["http://tracker.example/pixel.png"]

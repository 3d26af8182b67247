"""Shared fixtures. Tests that read ../shared skip where it is absent, unless QUOTETRACK_REQUIRE_SHARED=1 (CI)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QUOTETRACK_SHARED", ROOT.parent / "shared"))


def _need(path: Path, what: str) -> Path:
    if path.exists():
        return path
    reason = f"{what} not found at {path} (it lives in ../shared beside the clone)"
    if os.environ.get("QUOTETRACK_REQUIRE_SHARED") == "1":
        pytest.fail(reason + "; QUOTETRACK_REQUIRE_SHARED=1 makes it mandatory")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED, "the shared folder")


@pytest.fixture(scope="session")
def seeds_dir(shared_dir) -> Path:
    return _need(shared_dir / "seeds", "the seed articles")


@pytest.fixture(scope="session")
def wikinews_dir(shared_dir) -> Path:
    return _need(shared_dir / "corpus" / "it-wikinews", "the it-wikinews corpus")


@pytest.fixture(scope="session")
def stanza_models_dir(shared_dir) -> Path:
    """The project's Italian Stanza models (QUOTETRACK_STANZA_DIR, else ../shared/stanza)."""
    pytest.importorskip("stanza", reason="stanza is not installed")
    path = Path(os.environ.get("QUOTETRACK_STANZA_DIR") or shared_dir / "stanza")
    return _need(path / "resources.json", "Stanza models").parent


@pytest.fixture()
def db_path(tmp_path) -> Path:
    return tmp_path / "quotetrack.db"

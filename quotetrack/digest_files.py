"""Writing the digest's files: safe names, never over a database, whole files only, and a site folder's manifest.

A page is written to a temporary file beside it and renamed over the old one, so a reader never sees half a page
and a symbolic link at the page's name is replaced, not written through. Before that, a path that is (or leads to)
the database being read, its journal, or any SQLite file is refused: `digest --out quotetrack.db` must not destroy
the archive it was asked to summarise.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from .kb import fold

SQLITE_MAGIC = b"SQLite format 3\x00"
MANIFEST = ".quotetrack-digest.json"  # per-week content hash, the time it last changed, the speakers filter
_SLUG_MAX = 60


class DigestError(ValueError):
    """Bad input (a week name, a date range, a missing database, an output that is a database): one sentence."""


def slug(text: str) -> str:
    """A file or anchor name from any text: folded to lower-case ASCII words joined by hyphens ('' if none)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:_SLUG_MAX].strip("-")


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def filter_suffix(speakers: Sequence[str], min_confidence: float | None = None) -> str:
    """`_only_<names>` for the pages of some speakers (a hash where the names would make too long a name),
    `_min<confidence>` for those of the surest statements only: a filtered page never takes the name of the full one."""
    sure = f"_min{min_confidence:g}" if min_confidence is not None else ""
    if not speakers:
        return sure
    names = "_".join(slug(name) or short_hash(name) for name in speakers)
    if len(names) > _SLUG_MAX:
        names = f"{names[:_SLUG_MAX - 7].rstrip('_-')}-{short_hash(' '.join(speakers))}"
    return f"_only_{names}{sure}"


def _database_paths(db) -> list[Path]:
    """The files of the database behind a path, a `Store` or a `sqlite_utils.Database` (main file first)."""
    if isinstance(db, (str, Path)):
        return [Path(db)]
    if getattr(db, "path", None) is not None:
        return [Path(db.path)]
    database = getattr(db, "db", db)
    return [Path(row[2]) for row in database.execute("PRAGMA database_list").fetchall() if row[2]]


def database_folder(db) -> Path:
    paths = _database_paths(db)
    return paths[0].parent if paths else Path(".")


def _protected(db) -> set[Path]:
    if db is None:
        return set()
    found = set()
    for path in _database_paths(db):
        for suffix in ("", "-wal", "-shm", "-journal"):
            found.add(Path(os.path.realpath(f"{path}{suffix}")))
    return found


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def check_output(path: Path, protect=None) -> None:
    """Refuse to write `path` when it is, or links to, the database being read or any SQLite file."""
    real = Path(os.path.realpath(path))
    if real in _protected(protect):
        raise DigestError(f"{path}: is the database being read; choose another output file")
    if path.is_dir():
        raise DigestError(f"{path}: is a folder; give a file name for the page")
    for candidate in dict.fromkeys((path, real)):
        if candidate.is_file() and _is_sqlite(candidate):
            raise DigestError(f"{path}: is a SQLite database, not a page; choose another output file")


def write_page(path: Path, text: str, protect=None) -> bool:
    """Write `text` to `path` unless it already holds exactly that; True when written. See the module's notes."""
    data = text.encode("utf-8")
    check_output(path, protect)
    try:
        if not path.is_symlink() and path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(temporary, "xb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        finally:
            if temporary.exists():
                temporary.unlink()
    except OSError as error:
        raise DigestError(f"{path}: cannot write ({error.strerror or error})") from None
    return True


@dataclass
class SiteResult:
    folder: Path
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    weeks: list[str] = field(default_factory=list)
    speakers: int = 0
    undated: int = 0


class Site:
    """A folder of digest pages and its manifest: which speakers it is for (a filtered run never writes into the
    folder of everyone, nor the reverse), and per week the hash of its page and when that last changed."""

    def __init__(self, folder: Path, speakers: Sequence[str] = (), protect=None, now: datetime | None = None,
                 min_confidence: float | None = None):
        self.folder, self.protect = folder, protect
        self.now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
        self.manifest = self._read_manifest()
        recorded = self.manifest.get("speakers", [])
        if (self.folder / MANIFEST).exists() and sorted(recorded) != sorted(speakers):
            held = f"the digests of {', '.join(recorded)} only" if recorded else "the digests of every speaker"
            raise DigestError(f"{folder}: holds {held}; write these to another folder (--out-dir)")
        recorded_minimum = self.manifest.get("min_confidence")
        if (self.folder / MANIFEST).exists() and recorded_minimum != min_confidence:
            held = ("every statement" if recorded_minimum is None
                    else f"the statements of confidence {recorded_minimum} or more")
            raise DigestError(f"{folder}: holds the digests of {held}; write these to another folder (--out-dir)")
        self.manifest["speakers"] = list(speakers)
        self.manifest["min_confidence"] = min_confidence
        self.result = SiteResult(folder)

    def _read_manifest(self) -> dict:
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"weeks": {}}
        if not isinstance(data, dict) or not isinstance(data.get("weeks"), dict):
            return {"weeks": {}}
        return data

    def page(self, name: str, text: str) -> None:
        path = self.folder / name
        changed = write_page(path, text, self.protect)
        (self.result.written if changed else self.result.unchanged).append(path)

    def week(self, key: str, html: str) -> datetime:
        """Write a week's page; returns when its content last changed."""
        self.page(f"{key}.html", html)
        digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
        known = self.manifest["weeks"].get(key) or {}
        if known.get("sha256") != digest or "updated" not in known:
            known = self.manifest["weeks"][key] = {"sha256": digest, "updated": self.now.isoformat()}
        return _parse_time(known["updated"], self.now)

    def finish(self, weeks: list[str], speakers: int, undated: int) -> None:
        self.result.weeks, self.result.speakers, self.result.undated = list(weeks), speakers, undated
        write_page(self.folder / MANIFEST, json.dumps(self.manifest, indent=1, sort_keys=True) + "\n", self.protect)


def _parse_time(text: str, fallback: datetime) -> datetime:
    try:
        parsed = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return fallback
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)

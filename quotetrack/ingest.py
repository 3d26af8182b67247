"""Reading articles: files, folders and stdin in several formats, into normalised `Article`s.

Bad input never raises: each unreadable file or record becomes a `ReadFailure` with a one-sentence reason and the
batch goes on. Text normalisation lives in `textnorm`, dates in `dates`, Italian cue words in
`lang/it/ingest.yaml`.
"""
from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import stat
import sys
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, TextIO

import yaml

from .datafiles import load_yaml
from .dates import find_dateline, lexicon, parse_date
from .models import Article, ReadFailure, ReadWarning, Skipped
from .textnorm import BadText, decode_bytes, is_markdown_headline, looks_like_html, normalise, parse_html, strip_fences

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger files are refused before reading: news articles are far smaller
FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}
# documentation that sits beside articles in a corpus folder: never read as an article
FOLDER_DOCS = {"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "GUIDELINES", "NOTICE"}
_MB = 1024 * 1024
_HEADLINE_MAX_CHARS = 160  # a first line longer than this is a paragraph, not a headline
_FOOTER_CHARS = 400  # outlets sign their copyright in the last lines

__all__ = [
    "MAX_FILE_BYTES", "FORMATS", "read_paths", "input_files", "expected_articles", "normalise", "article_from_text",
    "sample_paths",
]


def read_paths(
    paths: Iterable[str], date: dt.date | None = None, stdin: TextIO | None = None, web=None
) -> Iterator[Article | ReadFailure | ReadWarning | Skipped]:
    """Articles from files, folders (recursive, sorted, hidden entries skipped), "-" (stdin) and http(s) URLs (a
    feed's items or a page, read by `web`, a `quotetrack.web.WebReader` the caller gives), in order.

    `date` overrides every date found in the articles. Files in folders with an unknown extension are skipped;
    a file named explicitly with one is a failure. Warnings come just before the article they are about.
    """
    for item in input_files(paths):
        if item == "-":
            yield from _read_stdin(stdin or sys.stdin, date)
        elif isinstance(item, str):  # an http(s) URL
            if web is None:
                yield ReadFailure(item, "a URL needs a web reader (quotetrack.web.WebReader)")
            else:
                yield from web.read(item, date)
        elif isinstance(item, InputFile):
            yield from _read_file(item, date)
        else:
            yield item


def article_from_text(
    text: str,
    id: str,
    path: str | None = None,
    title: str | None = None,
    date: dt.date | str | None = None,
    source: str | None = None,
    url: str | None = None,
    fmt: str = "txt",
    author: str | None = None,
) -> Article:
    """Build an Article the way `read_paths` does: normalise the text and find its metadata.

    Given metadata wins over what the text states (header block, YAML front matter, HTML meta tags), which wins
    over what is inferred (first-line headline, dateline, copyright footer). A date that does not parse is ignored;
    with no date at all the article is kept with `published=None` (undated), never with an invented date. Raises
    BadText when there is no text.
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if fmt == "html" or looks_like_html(strip_fences(raw)):
        page = parse_html(strip_fences(raw), url=url)
        found = {"title": page.title, "date": page.date, "source": page.source, "url": page.url, "author": page.author}
        body, footer = normalise(page.text), page.footer
    else:
        found, raw_body = _split_header(raw)
        body, footer = normalise(raw_body), ""
        found.setdefault("title", _headline(raw_body, body))
    if not body:
        raise BadText("no text")
    published = parse_date(date) or parse_date(found.get("date")) or find_dateline(body)
    return Article(
        id=id,
        text=body,
        title=_clean(title) or _clean(found.get("title")),
        published=published,
        source=_clean(source) or _clean(found.get("source")) or _footer_source(footer + "\n" + body[-_FOOTER_CHARS:]),
        url=_clean(url) or _clean(found.get("url")),
        path=path,
        author=_clean(author) or _clean(found.get("author")),
    )


def sample_paths() -> list[Path]:
    """The built-in sample articles (invented text, see data/samples/README.md), sorted by name."""
    folder = Path(str(resources.files("quotetrack").joinpath("data/samples/articles")))
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FORMATS and not p.name.startswith("."))


# --- files and folders -------------------------------------------------------------------------------------------


class InputFile(NamedTuple):
    path: Path
    info: os.stat_result
    in_folder: bool  # found by walking a folder, not named


def is_url(text: str) -> bool:
    """An http(s) URL, which `ingest` fetches, as opposed to a file path."""
    return text[:8].lower().startswith(("http://", "https://"))


def input_files(paths: Iterable[str]) -> Iterator[InputFile | ReadFailure | Skipped | str]:
    """What reading `paths` will read, without reading it: each file with its stat, "-" for stdin and URLs as
    given, and what is
    refused (ReadFailure) or passed over as not an article (Skipped), in order.

    Documentation (README.md, LICENSE …) and sidecar files (`001.entities.json` beside `001.txt`) are passed over
    whether named or found in a folder, so a shell glob over a corpus reads its articles only. A symlink found in a
    folder must stay inside the folder given.
    """
    for raw in paths:
        if raw == "-" or is_url(raw):
            yield raw
            continue
        path = Path(raw)
        try:
            info = path.stat()
        except OSError as error:
            yield ReadFailure(str(path), _os_reason(path, error))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, info, os.path.realpath(path), ancestors=())
        elif skip := _not_an_article(path):
            yield Skipped(str(path), skip)
        elif path.suffix.lower() not in FORMATS:
            yield ReadFailure(str(path), f"unsupported format {path.suffix.lower() or '(no extension)'}")
        else:
            yield InputFile(path, info, in_folder=False)


def expected_articles(paths: Iterable[str]) -> int | None:
    """How many results (articles and failures) reading `paths` gives, for a progress bar's total: one per file,
    one per record of a JSON or JSON lines file; only those files are opened. None when stdin is read."""
    total = 0
    for item in input_files(paths):
        if isinstance(item, str):  # stdin or a URL: unknown until read
            return None
        if isinstance(item, ReadFailure):
            total += 1
        elif isinstance(item, InputFile):
            total += _records_in(item)
    return total


def _records_in(item: InputFile) -> int:
    if FORMATS[item.path.suffix.lower()] not in ("json", "jsonl") or item.info.st_size > MAX_FILE_BYTES:
        return 1
    try:
        data = item.path.read_bytes()
        if FORMATS[item.path.suffix.lower()] == "jsonl":
            return sum(1 for line in data.splitlines() if line.strip())
        loaded = json.loads(data)
    except (OSError, ValueError, RecursionError):
        return 1
    return len(loaded) if isinstance(loaded, list) else 1


def _walk(folder: Path, info: os.stat_result, root: str, ancestors: tuple):
    """Depth first in name order. `root` is the real path of the folder given: no symlink leads out of it;
    `ancestors` (device, inode) pairs catch folder symlinks that lead back up."""
    ancestors = ancestors + ((info.st_dev, info.st_ino),)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        yield ReadFailure(str(folder), _os_reason(folder, error))
        return
    names = {entry.name.lower() for entry in entries}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_symlink() and not _inside(os.path.realpath(path), root):
            yield ReadFailure(str(path), f"symlink leads out of the folder being read (to {os.path.realpath(path)})")
            continue
        supported = path.suffix.lower() in FORMATS
        try:
            info = path.stat()
        except OSError as error:
            if supported or error.errno == errno.ELOOP:
                yield ReadFailure(str(path), _os_reason(path, error))
            continue
        if stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) in ancestors:
                yield ReadFailure(str(path), "symlink loop (leads back to a folder being read)")
            else:
                yield from _walk(path, info, root, ancestors)
        elif skip := _not_an_article(path, names) or (None if supported else "unsupported format"):
            yield Skipped(str(path), skip)
        else:
            yield InputFile(path, info, in_folder=True)


def _inside(real_path: str, root: str) -> bool:
    return real_path == root or real_path.startswith(root.rstrip(os.sep) + os.sep)


_ARTICLE_EXTENSIONS = [ext for ext, fmt in FORMATS.items() if fmt in ("txt", "md", "html")]


def _not_an_article(path: Path, names: set[str] | None = None) -> str | None:
    """Why a file is not an article: documentation beside the articles, or a sidecar holding data about one
    (`001.entities.json` beside `001.txt`). `names`: the lower-cased names in its folder, when already listed."""
    if path.stem.upper() in FOLDER_DOCS:
        return "documentation"
    stem, dot, _tag = path.stem.partition(".")
    if dot and FORMATS.get(path.suffix.lower()) in ("json", "jsonl"):
        siblings = [stem + ext for ext in _ARTICLE_EXTENSIONS]
        if names is not None:
            beside = any(name.lower() in names for name in siblings)
        else:
            beside = any(path.with_name(name).exists() for name in siblings)
        if beside:
            return "sidecar annotations"
    return None


def _os_reason(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(error, FileNotFoundError):
        return f"broken symlink (points to {os.readlink(path)})" if path.is_symlink() else "not found"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read ({error.strerror or error})"


def _read_file(item: InputFile, date: dt.date | None) -> Iterator[Article | ReadFailure | ReadWarning]:
    """A file found in a folder (`in_folder`) that is a JSON file holding no articles (a gold file, a config) is
    skipped like any other non-article file instead of failing the batch."""
    path, info = item.path, item.info
    name = str(path)
    if not stat.S_ISREG(info.st_mode):
        yield ReadFailure(name, f"not a regular file ({_file_kind(info.st_mode)})")
        return
    if info.st_size > MAX_FILE_BYTES:
        yield ReadFailure(name, _too_large(info.st_size))
        return
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        yield ReadFailure(name, _os_reason(path, error))
        return
    yield from _read_data(data, name, path.stem, FORMATS[path.suffix.lower()], date, in_folder=item.in_folder)


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
             (stat.S_ISBLK, "block device"))
    return next((kind for test, kind in kinds if test(mode)), "special file")


def _too_large(size: int) -> str:
    return f"file too large ({size / _MB:.1f} MB > {MAX_FILE_BYTES / _MB:g} MB)"


def _read_stdin(stdin: TextIO, date: dt.date | None) -> Iterator[Article | ReadFailure | ReadWarning]:
    """Bytes from the binary buffer when there is one, so stdin gets the same encoding detection as files."""
    try:
        buffer = getattr(stdin, "buffer", None)
        data = buffer.read(MAX_FILE_BYTES + 1) if buffer is not None else stdin.read(MAX_FILE_BYTES + 1).encode()
    except (OSError, UnicodeError) as error:
        yield ReadFailure("<stdin>", f"cannot read ({error})")
        return
    yield from _read_data(data, "<stdin>", "stdin", None, date)


class NotArticles(BadText):
    """A JSON file none of whose records is an article."""


def _read_data(data: bytes, name: str, stem: str, fmt: str | None, date: dt.date | None, in_folder: bool = False):
    """One file's (or stdin's) bytes → its articles; every problem becomes a ReadFailure. A JSON file found in a
    folder with no article in it is data beside the articles (a gold file, a config): Skipped."""
    if not data:
        if in_folder and fmt in ("json", "jsonl"):
            yield Skipped(name, "JSON without articles")
        else:
            yield ReadFailure(name, "empty file")
        return
    if len(data) > MAX_FILE_BYTES:
        yield ReadFailure(name, _too_large(len(data)))
        return
    warnings: list[str] = []
    try:
        text = decode_bytes(data, warnings.append)
        if not text.strip():
            raise BadText("no text (only whitespace)")
        fmt = fmt or _sniff_format(text)
        results = list(_read_records(text, name, stem, fmt, date) if fmt in ("json", "jsonl") else
                       [article_from_text(text, stem, path=name, date=date, fmt=fmt)])
    except NotArticles as problem:
        yield Skipped(name, "JSON without articles") if in_folder else ReadFailure(name, str(problem))
        return
    except BadText as problem:
        yield ReadFailure(name, str(problem))
        return
    except RecursionError:  # JSON nested thousands deep
        yield ReadFailure(name, "too deeply nested to read")
        return
    yield from (ReadWarning(name, warning) for warning in warnings)
    yield from results


def _sniff_format(text: str) -> str:
    """stdin has no extension: JSON list/object, JSON lines, HTML or plain text, by its first characters."""
    start = text.lstrip()[:1]
    if start == "[":
        return "json"
    if start == "{":
        return "json" if "\n{" not in text.strip() else "jsonl"
    return "html" if looks_like_html(text) else "txt"


# --- JSON and JSON lines -----------------------------------------------------------------------------------------


_NO_TEXT = "has no 'text' or 'body'"


def _read_records(text: str, name: str, stem: str, fmt: str, date: dt.date | None) -> list:
    if fmt == "json":
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as error:
            raise BadText(f"invalid JSON at line {error.lineno} column {error.colno} ({error.msg})") from None
        if isinstance(loaded, dict):
            loaded = [loaded]
        if not isinstance(loaded, list):
            raise BadText("JSON must be an object or a list of objects")
        numbered = enumerate(loaded, 1)
    else:
        numbered = _json_lines(text, name)
    results = [_record_result(record, number, name, stem, date) for number, record in numbered]
    if results and not any(isinstance(r, Article) for r in results) and all(_NO_TEXT in r.reason for r in results):
        raise NotArticles(f"none of its {len(results)} records has 'text' or 'body'")
    return results


def _record_result(record: object, number: int, name: str, stem: str, date: dt.date | None):
    if isinstance(record, ReadFailure):
        return record
    try:
        return _record_article(record, number, name, stem, date)
    except BadText as problem:
        return ReadFailure(name, f"record {number} {problem}")


def _json_lines(text: str, name: str) -> Iterator[tuple[int, object]]:
    number = 0
    for line_number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        number += 1
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            yield number, ReadFailure(f"{name}:line {line_number}", f"invalid JSON (column {error.colno}: {error.msg})")


def _record_article(record: object, number: int, name: str, stem: str, date: dt.date | None) -> Article:
    if not isinstance(record, dict):
        raise BadText("is not an object")
    key = "text" if record.get("text") is not None else "body"
    body = record.get(key)
    if body is None:
        raise BadText(_NO_TEXT)
    if not isinstance(body, str):
        raise BadText(f"has a '{key}' that is not a string")
    if not body.strip():
        raise BadText(f"has an empty '{key}'")
    fields = {field: _as_text(record.get(field)) for field in ("title", "source", "url")}
    return article_from_text(
        body,
        _as_text(record.get("id")) or f"{stem}-{number}",
        path=name,
        date=date or record.get("date"),
        fmt="json",
        **fields,
    )


def _as_text(value: object) -> str | None:
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


# --- metadata ----------------------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADER_LINE = re.compile(r"^([A-Za-zÀ-ÿ][\w -]{0,30}?)[ \t]*:[ \t]*(.*)$")


def _header_keys() -> dict[str, str]:
    return {alias.casefold(): key for key, aliases in lexicon()["header_keys"].items() for alias in aliases}


def _split_header(text: str) -> tuple[dict, str]:
    """Metadata stated at the top (YAML front matter or `key: value` lines ended by a blank line) and the body."""
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = load_yaml(match.group(1) or "") or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark else ""
            raise BadText(f"invalid YAML front matter{where}") from None
        if isinstance(loaded, dict):
            return _known_fields(loaded), text[match.end():]
    head, blank, rest = text.partition("\n\n")
    if blank:
        pairs = [_HEADER_LINE.match(line) for line in head.split("\n")]
        if all(pairs) and all(p.group(1).casefold() in _header_keys() for p in pairs):
            return _known_fields({p.group(1): p.group(2) for p in pairs}), rest
    return {}, text


def _known_fields(values: dict) -> dict:
    keys = _header_keys()
    return {keys[str(k).casefold()]: v for k, v in values.items() if str(k).casefold() in keys and v not in (None, "")}


def _headline(raw_body: str, body: str) -> str | None:
    """The first line, when it reads as a headline: Markdown marks it so, or it is short and does not end a
    sentence, and more text follows."""
    raw_first = next((line for line in strip_fences(raw_body).split("\n") if line.strip()), "")
    first, _, rest = body.partition("\n")
    if not rest.strip() or find_dateline(first):
        return None
    if is_markdown_headline(raw_first):
        return first
    if len(first) <= _HEADLINE_MAX_CHARS and not first.rstrip().endswith((".", ",", ";", ":")):
        return first
    return None


def _footer_source(tail: str) -> str | None:
    for pattern in lexicon()["source_footers"]:
        found = None
        for found in re.finditer(pattern, tail, re.MULTILINE):
            pass
        if found:
            return found.group("source").strip()
    return None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None

"""Turning bytes, Markdown and HTML into the one stored text that statement offsets point into.

Everything here is deterministic: the same input always gives the same text. Quote marks (« » “ ” " ‘ ’ „) are
never touched; only line endings, trailing spaces, Markdown markup and HTML are normalised.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from bs4 import BeautifulSoup


class BadText(ValueError):
    """The input is not a readable article; the message is one human sentence (the ReadFailure reason)."""


# --- bytes → str -----------------------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"{\\rtf", "RTF document"),
    (b"\xd0\xcf\x11\xe0", "Office document"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# more than this share of control characters (other than tab/newline/carriage return/form feed) means binary
_MAX_CONTROL_SHARE = 0.02


def decode_bytes(data: bytes, warn: Callable[[str], None] | None = None) -> str:
    """Decode a text file: BOMs, UTF-16 without BOM (by its NUL pattern), UTF-8, then cp1252 and a guess.

    UTF-8 text with a few bytes that are not UTF-8 (a stray byte appended, a damaged character) stays UTF-8: the bad
    bytes become U+FFFD and `warn` is told, instead of the whole file turning to cp1252 mojibake. Raises BadText for
    binary data (magic numbers, NUL bytes, control characters) and undecodable bytes.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise BadText(f"binary file ({kind})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode(data, encoding))
    bomless = _utf16_without_bom(data)
    if bomless:
        return _checked(_decode(data, bomless))
    if b"\x00" in data:
        raise BadText("binary file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        first_bad = error.start
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        text, bad = mostly_utf8
        if warn:
            warn(f"{bad} invalid UTF-8 sequence{'s' if bad > 1 else ''} (the first at byte {first_bad}) "
                 "replaced by U+FFFD")
        return _checked(text)
    try:
        return _checked(data.decode("cp1252"))
    except UnicodeDecodeError:
        return _checked(_guess(data))


# a character of two, three or four bytes in valid UTF-8 (no overlong forms, no surrogates)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text decoded as UTF-8 with replacement, and how many bad spans were replaced, when the file's other
    non-ASCII bytes are valid UTF-8 characters that outnumber the bad spans; None for a legacy 8-bit file (where
    accented letters are lone bytes, hardly ever valid UTF-8)."""
    good = len(_UTF8_MULTIBYTE.findall(data))
    if not good:
        return None
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    return (text, bad) if bad < good else None


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise BadText(f"cannot decode as {encoding.upper()} (bad byte at offset {error.start})") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text in a Latin script has a NUL in every other byte: odd positions for LE, even for BE."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls > 0.4 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.4 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    return None


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadText("cannot decode text (not UTF-8, UTF-16 or a known legacy encoding)")
    return str(best)


# the Unicode control characters (category Cc) but tab, line feed, carriage return and form feed
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _checked(text: str) -> str:
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise BadText("binary file (control characters)")
    return text


# --- plain text and Markdown -----------------------------------------------------------------------------------

# a fence line is three backticks or tildes and an optional info string (CommonMark), e.g. "```html" or "```("
_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)[^`\n]*$\n?", re.MULTILINE)
# Every pattern here runs in time linear in the text (bench/linearity.py): a span stops at the next marker of its
# kind, so no failed attempt rescans what the next attempt reads again.
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$", re.MULTILINE)  # closing #s are cut by _heading_text
# emphasis needs a non-space right inside the markers, so "5 * 3" and snake_case stay as they are
_STRONG = re.compile(r"\*\*(?=\S)((?:(?!\*\*).)+?\*?)(?<=\S)\*\*|__(?=\S)((?:(?!__).)+?_?)(?<=\S)__")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_HTML_TAG = re.compile(r"<(?:p|div|br|html|body|article|h[1-6]|li|section)\b[^<>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when text is HTML markup (an LLM answer in a ```html fence, a JSON record holding a page)."""
    return len(_HTML_TAG.findall(text[:20000])) >= 2 or text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))


def strip_fences(text: str) -> str:
    """Drop Markdown code-fence lines (```html ... ```), keeping what they wrap."""
    return _FENCE.sub("", text) if "```" in text or "~~~" in text else text


def strip_markdown(text: str) -> str:
    """Remove heading marks and emphasis (`# x`, `**x**`, `__x__`, `*x*`), keeping the words."""
    # most news text has none of the marks: looking for them is much cheaper than running the patterns
    if "#" in text:
        text = _HEADING.sub(_heading_text, text)
    if "**" in text or "__" in text:
        text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    return _EMPHASIS.sub(r"\1", text) if "*" in text else text


def _heading_text(match: re.Match) -> str:
    """A heading's words without the optional closing #s (`# Titolo ##` → `Titolo`), cut with str methods: a
    pattern for them would rescan long runs of spaces at every position."""
    text = match.group(1).rstrip(" \t")
    words = text.rstrip("#")
    return words.rstrip(" \t") if words != text and words[-1:] in (" ", "\t") else text


def is_markdown_headline(line: str) -> bool:
    """A first line that Markdown marks as a headline: a `#` heading or a line wholly in bold."""
    line = line.strip()
    return bool(_HEADING.fullmatch(line) or _STRONG.fullmatch(line))


def normalise(text: str) -> str:
    """The stored form of an article's text: fences and Markdown markup removed, NFC, `\\n` line ends, no trailing
    spaces, no blank lines at either end. Quote marks and everything else stay as written.

    A headline repeated in the body stays: it is text, and dropping it could merge or lose paragraphs.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = strip_markdown(strip_fences(text))
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    return text.strip("\n").rstrip()


# --- HTML --------------------------------------------------------------------------------------------------------

# the fallback reader's chrome: elements that are never article text
_DROPPED = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "iframe", "svg",
            "button", "select", "head", "title", "meta", "link"}
_PARAGRAPH = {"p", "div", "article", "section", "main", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
              "ul", "ol", "dl", "table", "figure", "figcaption", "address", "hr", "body"}
_LINE = {"br", "li", "tr", "dt", "dd"}
_SPACE = re.compile(r"\s+")
# trafilatura's output elements that end a line inside a block (a <br>, a list item, a table row, a nested paragraph)
_MAIN_LINE_ENDS = {"lb", "item", "row", "p", "head", "quote", "list", "table", "code"}


@dataclass(frozen=True)
class HtmlPage:
    """The text of a page and the metadata its markup states (strings as written; dates are parsed later)."""

    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    footer: str = ""  # text of <footer> elements, where outlets sign their copyright


def parse_html(markup: str, url: str | None = None) -> HtmlPage:
    """The article a page carries: its main text as trafilatura finds it, with paragraph breaks, and its title, date,
    author, outlet and canonical URL.

    trafilatura runs in precision mode without comments: navigation, related-article boxes, comment threads, image
    captions, newsletter and cookie notices are left out, since a quote in them would be stored as if the article
    reported it. Where it finds no main text (a fragment, a page nested deeper than lxml reads), the page's text
    without its chrome (scripts, navigation, headers, footers, asides, forms) is kept instead. `url` is where the
    page came from, for relative links and as the URL when the page states none.
    """
    from trafilatura import bare_extraction, extract_metadata
    from trafilatura.utils import load_html

    try:
        tree = load_html(markup)
        if tree is None:
            return HtmlPage(text=_fallback_text(markup), url=url)
        meta = extract_metadata(tree, default_url=url, extensive=False)  # no date guessed from the running text
        found = bare_extraction(tree, url=url, favor_precision=True, include_comments=False, include_images=False)
    except Exception:  # heuristics on hostile markup: a crash in them must not lose the page's text
        return HtmlPage(text=_fallback_text(markup), url=url)
    text = _main_text(found.body) if found is not None else ""
    return HtmlPage(
        text=text or _fallback_text(markup),
        title=meta.title,
        date=meta.date,
        source=meta.sitename,
        url=meta.url,
        author=meta.author,
        footer="\n".join(_SPACE.sub(" ", " ".join(f.itertext())).strip() for f in tree.iter("footer")),
    )


def _main_text(body) -> str:
    """trafilatura's main-text tree as text: one paragraph per top-level block (blank line between), one line per
    <lb>, list item, table row or nested paragraph."""
    from lxml import etree

    blocks = []
    for block in body:
        lines, words = [], []
        for event, node in etree.iterwalk(block, events=("start", "end")):
            if event == "start":
                words.append(node.text or "")
                continue
            if node.tag in _MAIN_LINE_ENDS or node is block:
                lines.append(_SPACE.sub(" ", "".join(words)).strip())
                words = []
            elif node.tag == "cell":
                words.append(" ")
            if node is not block:
                words.append(node.tail or "")
        text = "\n".join(line for line in lines if line)
        if text:
            blocks.append(text)
    return unicodedata.normalize("NFC", "\n\n".join(blocks))


def _fallback_text(markup: str) -> str:
    # bs4 is imported where it is used: importing it took most of the time of importing this module
    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # an XHTML page: read as HTML all the same
            return _html_text(BeautifulSoup(markup, "lxml"))
    except RecursionError:
        raise BadText("HTML too deeply nested to read") from None


def _html_text(soup: BeautifulSoup) -> str:
    """Walk the tree without recursion (pages nested thousands deep must not overflow the stack)."""
    from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    out: list[str] = []
    pending, words = "", []

    def flush(brk: str) -> None:
        nonlocal pending, words
        text = _SPACE.sub(" ", "".join(words)).strip()
        words = []
        if text:
            if out:
                out.append(pending or "\n")
            out.append(text)
            pending = ""
        pending = max(pending, brk, key=len)

    stack: list[object] = [soup]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            flush(node)  # a break marker pushed after a block's children
        elif isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        elif isinstance(node, NavigableString):
            words.append(str(node))
        elif isinstance(node, Tag) and node.name not in _DROPPED:
            brk = "\n\n" if node.name in _PARAGRAPH else "\n" if node.name in _LINE else ""
            if brk:
                flush(brk)
                stack.append(brk)
            stack.extend(reversed(node.contents))
    flush("")
    return unicodedata.normalize("NFC", "".join(out))

"""Quotation marks: which marks open and close, and the spans they enclose (direct speech candidates).

Pairing is one left-to-right pass with a stack, jumping from mark to mark, so it is linear in the text whatever marks
it contains: mismatched closers (“…“), nested quotes, apostrophes (l’intesa) and quotes that go on into the next
paragraph are handled here. A quotation left open in its paragraph ends with its first sentence: the closing mark
was forgotten, and what follows is the journalist's again.
"""
from __future__ import annotations

import re

from .document import QuoteSpan

OPENERS = {"«": "angle", "“": "double", "„": "double", '"': "double", "‘": "single", "‚": "single", "‹": "angle1"}
CLOSERS = {"»": "angle", "”": "double", "“": "double", '"': "double", "’": "single", "‘": "single", "›": "angle1"}
MARKS = frozenset(OPENERS) | frozenset(CLOSERS)
_OPEN_CONTEXT = frozenset("([{-–—/:;,'") | MARKS  # ' : an elided article before the mark (l'"idea")
_CLOSE_CONTEXT = frozenset(".,;:!?)]}-–—…") | MARKS
_MARK_OR_NEWLINE = re.compile("[\n" + re.escape("".join(sorted(MARKS))) + "]")  # all other characters are skipped


_STOP = re.compile(r"(?P<stop>[.!?…]+)\s+(?P<next>\S)")  # a possible sentence end and what starts after it
_ABBREVIATION_LENGTH = 12  # longer words before a stop are not looked up as abbreviations
_GLUED = "glued"  # family of a straight double quote glued to the word before it and opening: `scritto" testo "e`
_UNCLOSED_MIN_WORDS = 3
_OPEN_ONLY = frozenset("„")  # the low mark never closes, so a space after it (`„ testo”`) does not stop it opening


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (not after.isspace() or text[i] in _OPEN_ONLY) and (before.isspace() or before in _OPEN_CONTEXT)


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT or after.isdigit())


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalpha() and after.isalpha()


def _is_glued_opener(text: str, i: int) -> bool:
    """`con scritto" forza e coraggio "e poi`: a straight double quote that closes nothing, glued to the word before
    it with a space after it, is an opening mark with its space on the wrong side (its pair will be too)."""
    after = text[i + 1] if i + 1 < len(text) else ""
    return text[i] == '"' and i > 0 and text[i - 1].isalpha() and after in " \t"


def _is_seconds_mark(text: str, i: int, stack: list[tuple[int, str]]) -> bool:
    """`1'39"52`, `a 14 ":`, `12"`: a straight double quote after a number, with no letter after it, is the sign for
    seconds or inches, unless a double quote is open for it to close (`il "record del 2004"`)."""
    before = text[i - 2 : i].rstrip()
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before[-1:].isdigit() and not after.isalpha()
            and not any(family == "double" for _, family in stack[-1:]))


def quote_spans(text: str, abbreviations: frozenset[str] = frozenset()) -> list[QuoteSpan]:
    """Outermost quotations of `text`, in order. Inner quotes belong to the outer one and are not returned.

    A paragraph whose quote is still open at its end continues the quote when the next paragraph begins with an
    opening mark (the Italian convention for long quotations); otherwise the quote runs to the paragraph's end, or,
    in a quote of one paragraph, to its first sentence's end (`abbreviations`: words after which a stop is no end).
    """
    spans: list[QuoteSpan] = []
    stack: list[tuple[int, str]] = []  # (position, family) of open marks
    inner: list[QuoteSpan] = []  # quotes closed directly inside the outermost open one
    resumed = False  # the outermost open quote went on into a new paragraph
    n = len(text)
    i = 0

    def cut_open_quote(end: int) -> None:
        if stack[0][1] == _GLUED:  # a stray straight quote, not a quotation: only the quotes inside it are
            spans.extend(inner)
            stack.clear()
            inner.clear()
            return
        unclosed = _unclosed(stack, end)
        if not resumed:
            unclosed = _first_sentence(text, unclosed, inner, abbreviations)
        spans.append(unclosed)
        spans.extend(q for q in inner if q.open >= unclosed.close)  # quoted words of the journalist's text after it
        stack.clear()
        inner.clear()

    while (found := _MARK_OR_NEWLINE.search(text, i)) is not None:
        i = found.start()
        ch = text[i]
        if ch == "\n":
            if stack:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and text[j] in OPENERS and OPENERS[text[j]] == stack[0][1] and _can_open(text, j):
                    del stack[1:]
                    resumed = True
                    i = j + 1
                    continue
                cut_open_quote(i)
            i += 1
            continue
        if ch not in MARKS or (ch in "’‘" and _is_apostrophe(text, i)) or (ch == '"' and _is_seconds_mark(text, i, stack)):
            i += 1
            continue
        family = CLOSERS.get(ch)
        opens = ch in OPENERS and _can_open(text, i)
        if ch == '"' and stack and stack[-1][1] == _GLUED:
            family, opens = _GLUED, False  # the next straight quote closes a glued one, however it is spaced
        if family is not None and stack and (not opens or any(f == family for _, f in stack[-1:])):
            depth = _find_open(stack, family) if _can_close(text, i) or not opens else None
            if depth is not None:
                position = stack[depth][0]
                del stack[depth:]
                quote = QuoteSpan(position, i + 1, position + 1, i)
                if not stack:
                    spans.append(quote)
                    inner.clear()
                    resumed = False
                elif len(stack) == 1:
                    inner.append(quote)
                i += 1
                continue
        if opens and stack and OPENERS[ch] == "angle" == stack[0][1]:
            cut_open_quote(i)  # « never nests in «: the open one lacked its »
        if opens:
            if not stack:
                resumed = False
            stack.append((i, OPENERS[ch]))
        elif not stack and _is_glued_opener(text, i):
            stack.append((i, _GLUED))
        i += 1
    if stack:
        cut_open_quote(n)
    return spans


def document_quotes(text: str, spans: list[QuoteSpan]) -> tuple[QuoteSpan, ...]:
    """The quotations a reader would take as such: the closed ones, and the unclosed ones holding a clause (a stray
    mark before a word or two, `«ha detto.`, is a typo, not a quotation)."""
    return tuple(q for q in spans if q.closed or len(text[q.start : q.end].split()) >= _UNCLOSED_MIN_WORDS)


def _unclosed(stack: list[tuple[int, str]], end: int) -> QuoteSpan:
    """The outermost open quotation, cut off at `end` without its closing mark."""
    bottom = stack[0][0]
    return QuoteSpan(bottom, end, bottom + 1, end, closed=False)


def _first_sentence(text: str, quote: QuoteSpan, inner: list[QuoteSpan], abbreviations: frozenset[str]) -> QuoteSpan:
    """`quote` up to its first full stop before a capital or an opening mark, outside the quotes `inner` to it; an
    initial or an abbreviation before the stop does not end the sentence. One forward search: linear."""
    position, k = quote.start, 0
    while (stop := _STOP.search(text, position, quote.end)) is not None:
        position = stop.start("next")
        while k < len(inner) and inner[k].close <= stop.start("stop"):
            k += 1
        if k < len(inner) and inner[k].open < stop.start("stop"):
            position = max(position, inner[k].close)  # a stop inside an inner quote ends nothing here
            continue
        word, following = _word_before(text, stop.start("stop")), stop.group("next")
        initial = len(word) == 1 and word.isupper()
        if (following.isupper() or following in OPENERS) and not initial and word.lower() not in abbreviations:
            return QuoteSpan(quote.open, stop.end("stop"), quote.start, stop.end("stop"), closed=False)
    return quote


def _word_before(text: str, end: int) -> str:
    """The short word ending at `end` (bounded, so each stop costs a constant)."""
    start = end
    while start > max(0, end - _ABBREVIATION_LENGTH) and text[start - 1].isalnum():
        start -= 1
    return text[start:end]


def _find_open(stack: list[tuple[int, str]], family: str) -> int | None:
    """Depth of the innermost open mark of `family`; only the top few are searched, keeping the pass linear."""
    for depth in range(len(stack) - 1, max(-1, len(stack) - 4), -1):
        if stack[depth][1] == family:
            return depth
    return None

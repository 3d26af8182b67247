"""Quotation marks: which marks open and close, and the spans they enclose (direct speech candidates).

Pairing is one left-to-right pass with a stack, jumping from mark to mark, so it is linear in the text whatever marks
it contains: mismatched closers (“…“), nested quotes, apostrophes (l’intesa) and quotes that go on into the next
paragraph are handled here.
"""
from __future__ import annotations

import re

from .document import QuoteSpan

OPENERS = {"«": "angle", "“": "double", "„": "double", '"': "double", "‘": "single", "‚": "single", "‹": "angle1"}
CLOSERS = {"»": "angle", "”": "double", "“": "double", '"': "double", "’": "single", "‘": "single", "›": "angle1"}
MARKS = frozenset(OPENERS) | frozenset(CLOSERS)
_OPEN_CONTEXT = frozenset("([{-–—/:;,") | MARKS
_CLOSE_CONTEXT = frozenset(".,;:!?)]}-–—…") | MARKS
_MARK_OR_NEWLINE = re.compile("[\n" + re.escape("".join(sorted(MARKS))) + "]")  # all other characters are skipped


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in _OPEN_CONTEXT)


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT or after.isdigit())


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalpha() and after.isalpha()


def _is_seconds_mark(text: str, i: int, stack: list[tuple[int, str]]) -> bool:
    """`1'39"52`, `a 14 ":`, `12"`: a straight double quote after a number, with no letter after it, is the sign for
    seconds or inches, unless a double quote is open for it to close (`il "record del 2004"`)."""
    before = text[i - 2 : i].rstrip()
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before[-1:].isdigit() and not after.isalpha()
            and not any(family == "double" for _, family in stack[-1:]))


def quote_spans(text: str) -> list[QuoteSpan]:
    """Outermost quotations of `text`, in order. Inner quotes belong to the outer one and are not returned.

    A paragraph whose quote is still open at its end continues the quote when the next paragraph begins with an
    opening mark (the Italian convention for long quotations); otherwise the quote runs to the paragraph's end.
    """
    spans: list[QuoteSpan] = []
    stack: list[tuple[int, str]] = []  # (position, family) of open marks
    n = len(text)
    i = 0
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
                    i = j + 1
                    continue
                spans.append(_unclosed(stack, i))
                stack.clear()
            i += 1
            continue
        if ch not in MARKS or (ch in "’‘" and _is_apostrophe(text, i)) or (ch == '"' and _is_seconds_mark(text, i, stack)):
            i += 1
            continue
        family = CLOSERS.get(ch)
        opens = ch in OPENERS and _can_open(text, i)
        if family is not None and stack and (not opens or any(f == family for _, f in stack[-1:])):
            depth = _find_open(stack, family) if _can_close(text, i) or not opens else None
            if depth is not None:
                position = stack[depth][0]
                del stack[depth:]
                if not stack:
                    spans.append(QuoteSpan(position, i + 1, position + 1, i))
                i += 1
                continue
        if opens and stack and OPENERS[ch] == "angle" == stack[0][1]:
            spans.append(_unclosed(stack, i))  # « never nests in «: the open one lacked its »
            stack.clear()
        if opens:
            stack.append((i, OPENERS[ch]))
        i += 1
    if stack:
        spans.append(_unclosed(stack, n))
    return spans


def _unclosed(stack: list[tuple[int, str]], end: int) -> QuoteSpan:
    """The outermost open quotation, cut off at `end` without its closing mark."""
    bottom = stack[0][0]
    return QuoteSpan(bottom, end, bottom + 1, end, closed=False)


def _find_open(stack: list[tuple[int, str]], family: str) -> int | None:
    """Depth of the innermost open mark of `family`; only the top few are searched, keeping the pass linear."""
    for depth in range(len(stack) - 1, max(-1, len(stack) - 4), -1):
        if stack[depth][1] == family:
            return depth
    return None

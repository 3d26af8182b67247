"""Direct speech: quotations outside reported clauses, attributed by a colon introduction, a cue before or after
the marks, a split-quote interjection («…» - continua il ministro - «…»), or by continuing a speaker's turn.
Short quoted phrases with none of these are scare quotes or titles and are left out."""
from __future__ import annotations

import bisect

from ..models import Statement
from .attribution import Attributor, apply_speaker
from .quotes import QuoteSpan
from .cues import grammar
from .reported import Cue, attribution_words
from .spans import Doc, SpanSet, trim
from .speakers import Speaker

_DASHES = ("-", "–", "—")
_MIN_UNATTRIBUTED_WORDS = 4


def direct_statements(doc: Doc, cues: list[Cue], attributor: Attributor, found: list[Statement]) -> list[Statement]:
    """Statements for the quotations not already inside reported content; then carried speakers are filled."""
    covered = SpanSet((s.start, s.end) for s in found)
    outside = [c for c in cues if doc.quote_around(doc.tokens[c.verb].start) is None]
    by_first = {c.first: c for c in outside}
    by_last = {}
    for c in outside:
        by_last.setdefault(c.last, c)
    inside = [c for c in cues if not c.marker and doc.quote_around(doc.tokens[c.verb].start) is not None]
    inside_firsts = [c.first for c in inside]
    out: list[Statement] = []
    for quote in doc.quotes:
        if covered.contains(quote.start, quote.end):
            continue
        lo = bisect.bisect_left(inside_firsts, doc.token_at(quote.start))
        hi = bisect.bisect_left(inside_firsts, doc.token_at(quote.end))
        pieces = _split_at_interjection(doc, quote, inside[lo:hi], attributor)
        before = _introduction(doc, quote, by_last, attributor)
        after = _attribution_after(doc, quote, by_first, attributor)
        attribution = before or after or (pieces[1] if len(pieces) > 1 and pieces[1] else None)
        for start, end, interjection in pieces[0]:
            statement = Statement(doc.article.id, doc.text[start:end], "direct", start, end)
            if attribution is None:
                if not _speech_like(doc, quote, start, end):
                    continue
                statement.cue = None
                speaker = _subject_right_before(doc, quote, attributor) or attributor.quotation_subject(
                    doc.token_at(quote.start), doc.token_before(quote.end) + 1)
                if speaker is not None:
                    statement.kind = "mixed" if doc.text[start:start + 1].islower() else "direct"
                apply_speaker(statement, speaker, attributor)
            else:
                cue_text, speaker, clause = attribution
                statement.cue, statement.clause_start, statement.clause_end = cue_text, clause[0], clause[1]
                apply_speaker(statement, speaker, attributor)
            out.append(statement)
    everything = sorted(found + out, key=lambda s: s.start)
    attributor.fill_carried(everything)
    return out


def _speech_like(doc: Doc, quote: QuoteSpan, start: int, end: int) -> bool:
    """A quotation with no cue is kept when it reads as an utterance, not as a name or a scare-quoted word."""
    words = doc.text[start:end].split()
    if len(words) < _MIN_UNATTRIBUTED_WORDS:
        return False
    text = doc.text[start:end].rstrip()
    return text[:1].isupper() or text[-1:] in ".!?…" or len(words) >= 2 * _MIN_UNATTRIBUTED_WORDS


def _split_at_interjection(doc: Doc, quote: QuoteSpan, cues: list[Cue], attributor: Attributor):
    """`«A - continua il ministro - B»` → two pieces and the interjection's attribution. `cues` are the verb cues
    inside the quotation."""
    for cue in cues:
        start_char = doc.tokens[cue.first].start
        opener = doc.token_before(start_char)
        if opener < 0 or doc.tokens[opener].text not in _DASHES + (",",):
            continue
        k = cue.last
        closing = None
        while k < len(doc.tokens) and doc.tokens[k].start < quote.end and k < cue.last + 8:
            if doc.tokens[k].text in _DASHES or (doc.tokens[k].text == "," and doc.tokens[opener].text == ","):
                closing = k
                break
            k += 1
        if closing is None or (doc.tokens[opener].text == "," and closing == cue.last):
            continue
        speaker = attributor.after(cue.last)
        first_piece = trim(doc.text, quote.start, doc.tokens[opener].start)
        second_piece = trim(doc.text, doc.tokens[closing].end, quote.end)
        pieces = [(a, b, True) for a, b in (first_piece, second_piece) if b > a]
        clause = (doc.tokens[cue.first].start, doc.tokens[closing - 1].end)
        return pieces, (cue.text(doc), speaker, clause)
    return [(quote.start, quote.end, False)], None


def _introduction(doc: Doc, quote: QuoteSpan, by_last: dict[int, Cue], attributor: Attributor):
    """A colon, a cue or a `secondo X,` right before the opening mark."""
    k = doc.token_before(quote.open)
    if k < 0 or doc.paragraph(k) != doc.paragraph(min(doc.token_at(quote.open), len(doc.tokens) - 1)):
        return None
    if doc.lower[k] == ":":
        floor = attributor.clause_floor(k)
        cue = _last_cue_between(by_last, floor, k)
        if cue is not None:
            speaker = attributor.of_cue(cue)
            return cue.text(doc), speaker, (doc.tokens[cue.first].start, doc.tokens[k].end)
        speaker = _first_subject(doc, floor, k, attributor)
        clause_start = doc.tokens[floor].start if floor < k else doc.tokens[k].start
        return ":", speaker, (clause_start, doc.tokens[k].end)
    cue = by_last.get(k + 1) or (by_last.get(k) if doc.lower[k] == "," else None)
    if cue is not None and not cue.passive:
        return cue.text(doc), attributor.of_cue(cue), (doc.tokens[cue.first].start, doc.tokens[k].end)
    subject = attributor.candidates.by_last.get(k) if doc.lower[k] == "," else None
    cue = by_last.get(subject.first) if subject is not None else None
    if cue is not None and not cue.passive:  # «…», dichiara Sara Villa, «…»
        return cue.text(doc), attributor.candidates.speaker(subject), (doc.tokens[cue.first].start, doc.tokens[k].end)
    if doc.lower[k] == ",":
        marker = _marker_ending_at(doc, k, attributor)
        if marker is not None:
            return marker
    return None


def _last_cue_between(by_last: dict[int, Cue], floor: int, colon: int) -> Cue | None:
    """The speech verb introducing a colon: within the few words before it (`ha poi aggiunto:`)."""
    for end in range(colon, max(floor, colon - 8), -1):
        cue = by_last.get(end)
        if cue is not None and not cue.passive:
            return cue
    return None


def _first_subject(doc: Doc, floor: int, colon: int, attributor: Attributor) -> Speaker | None:
    """The subject of a colon introduction without a speech verb (`Trump attacca Zelensky:`, `Bocchino:`): a
    candidate right before a verb or the colon, or opening the clause."""
    for c in attributor.candidates.within(floor, colon):
        if attributor.in_prepositional_phrase(c) or doc.quote_around(doc.tokens[c.first].start):
            continue
        following = c.last
        while following < colon and attributor.candidates.by_first.get(following) is not None:
            following = attributor.candidates.by_first[following].last
        if following < colon and doc.lower[following] == ",":
            following += 1
        verb_next = following >= colon or doc.upos[following] in ("AUX", "VERB") or (
            doc.lower[following] in grammar("clitics") | attribution_words()["adverbs"])
        if verb_next or c.first <= floor + 1:
            return attributor.best_of_group(c, limit=colon)
    return None


def _marker_ending_at(doc: Doc, comma: int, attributor: Attributor):
    """`Secondo X, «…»` / `«…», per il presidente, «…»`."""
    markers = attribution_words()["markers"]
    floor = max(0, comma - 10)
    for k in range(comma - 1, floor - 1, -1):
        for words in markers:
            if tuple(doc.lower[k : k + len(words)]) == words:
                candidate = _candidate_between(attributor, k + len(words), comma)
                if candidate is None or (" ".join(words) in attribution_words()["person_only_markers"] and candidate.kind != "person"):
                    return None
                speaker = attributor.candidates.speaker(candidate)
                return doc.span_text(k, k + len(words)), speaker, (doc.tokens[k].start, doc.tokens[comma - 1].end)
    return None


def _candidate_between(attributor: Attributor, first: int, last: int):
    return next((c for c in attributor.candidates.within(first, last) if c.last <= last), None)


def _attribution_after(doc: Doc, quote: QuoteSpan, by_first: dict[int, Cue], attributor: Attributor):
    """`«…», ha dichiarato X`, `«…» dichiara X`, `«…», secondo X`, `«…». Con queste parole X …`."""
    k = doc.token_at(quote.close)
    n = len(doc.tokens)
    closing_sentence = k < n and doc.tokens[k].text in (".", "!", "?", ":")
    while k < n and doc.tokens[k].text in (",", ".", "!", "?", ":") + _DASHES:
        k += 1
    if k >= n or doc.paragraph(k) != doc.paragraph(max(0, doc.token_at(quote.close) - 1)):
        return None
    cue = by_first.get(k)
    if cue is not None and not cue.passive and not closing_sentence:
        if cue.marker:
            candidate = _candidate_between(attributor, cue.last, cue.last + 6)
            if candidate is None:
                return None
            return cue.text(doc), attributor.candidates.speaker(candidate), (doc.tokens[k].start, doc.tokens[candidate.last - 1].end)
        speaker = attributor.of_cue(cue, inverted=True)
        return cue.text(doc), speaker, (doc.tokens[cue.first].start, doc.tokens[cue.last - 1].end)
    if closing_sentence:
        for words in attribution_words()["closing"]:
            if tuple(doc.lower[k : k + len(words)]) == words:
                _, last = doc.sentence_bounds(k)
                last = min(last, k + 30)
                person = next((c for c in attributor.candidates.within(k + len(words), last) if c.kind == "person"), None)
                speaker = attributor.candidates.speaker(person) if person is not None else None
                if speaker is not None:
                    return doc.span_text(k, k + len(words)), speaker, (doc.tokens[k].start, doc.tokens[last - 1].end)
    return None


def _subject_right_before(doc: Doc, quote: QuoteSpan, attributor: Attributor) -> Speaker | None:
    """`La figlia, Elisa Novelli, «spera che …»`: a subject with the quotation as its predicate."""
    k = doc.token_before(quote.open)
    if k >= 0 and doc.lower[k] == ",":
        k -= 1
    c = attributor.candidates.by_last.get(k + 1)
    if c is None or attributor.in_prepositional_phrase(c):
        return None
    return attributor.best_of_group(c) if c.first >= attributor.clause_floor(k) or c.kind == "person" else None

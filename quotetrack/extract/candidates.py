"""Statement candidates: every span that may be reported speech, one function per way Italian reports it.

Candidates are generous on purpose: a learned classifier (`quotetrack.extract.model`) keeps the statements among
them, so that a rule never has to be sure. Each candidate remembers how it was found (its cue, the frame the content
follows, how a quotation is attributed), which is what the classifier and the speaker ranker read.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from ..analysis import Document, QuoteSpan
from ..analysis.tokens import FULL_STOPS
from ..lang import fold
from .content import (CLOSING_QUOTES, OPENING_QUOTES, Content, content_end, coordinated_parts,
                      finite_verb, inserted_clause_end, parse_gives_way, parse_reads, parsed_content, surface_content, trim_end,
                      verbless_list_after_colon)
from .cues import AFTER, LIGHT, MARKER, NOUN, RELATIVE, VERB, Cue, adverb_at, known_as

DIRECT, MIXED, INDIRECT = "direct", "mixed", "indirect"
_DASHES = frozenset("-–—")


@dataclass(frozen=True)
class Candidate:
    """A span that may be a statement. `start`/`end` are characters of the quote (what extract-jsonl prints)."""

    start: int
    end: int
    first: int  # tokens of the content [first, last)
    last: int
    kind: str  # direct / mixed / indirect
    origin: str  # reported / marker / relative / after / quotation / verbatim
    cue: Cue | None = None
    frame: str = ""  # how the content follows its cue (che, di, object, quote, colon, clause, previous …)
    attribution: str = ""  # quotations: colon / before / after / interjection / marker / none
    skipped: int = 0
    parsed: bool = False
    reading: str = ""  # with a parse, reported content: both readings agree / which one alone, differing or not
    interjection: tuple[int, int] | None = None  # tokens of a speaker interjection splitting a quotation
    link: int | None = None  # the complementizer opening the content (`che`, `di`)

    @property
    def cue_first(self) -> int | None:
        return self.cue.first if self.cue is not None else None


def find_candidates(doc: Document, cues: list[Cue]) -> list[Candidate]:
    """Every candidate of the article, in text order (overlapping ones included)."""
    stops = clause_stops(doc, cues)
    surfaces = surface_contents(doc, cues, stops)
    found = reported_speech(doc, cues, stops, surfaces)
    found += marker_speech(doc, cues, stops)
    found += relative_marker_speech(doc, cues, stops)
    found += after_content_speech(doc, cues)
    found += parenthetical_speech(doc, cues, stops, surfaces)
    found += quotations(doc, cues)
    found += verbatim_speech(doc, cues)
    found += named_colon_speech(doc)
    found = split_at_interjections(doc, found)
    unique = {(c.start, c.end, c.origin, c.cue_first): c for c in found
              if c.end > c.start and not _unquoted_belief(doc, c) and not _title_of_a_work(doc, c)
              and not _named_by_a_participle(doc, c) and not _status_by_an_agentless_passive(doc, c)}
    return sorted(unique.values(), key=lambda c: (c.start, c.end))


def split_at_interjections(doc: Document, found: list[Candidate]) -> list[Candidate]:
    """`ha detto che «A – continua il ministro – B»`: reported content that holds a quotation's speaker interjection is
    two statements, A and B, like the quotation itself; the content read across the interjection is not one."""
    interjections = {c.interjection for c in found if c.interjection is not None}
    if not interjections:
        return found
    out = []
    for candidate in found:
        inside = [(a, b) for a, b in interjections if candidate.first < a and b < candidate.last]
        split = inside and candidate.interjection is None
        out.extend(_pieces_around(doc, candidate, min(inside)) if split else [candidate])
    return out


def _pieces_around(doc: Document, candidate: Candidate, interjection: tuple[int, int]) -> list[Candidate]:
    """The candidate's content before and after an interjection, each without the quotation marks at its edges."""
    pieces = []
    for a, b in ((candidate.first, interjection[0]), (interjection[1], candidate.last)):
        while a < b and doc.tokens[a].text in OPENING_QUOTES:
            a += 1
        b = trim_end(doc, a, b)
        while b > a and doc.tokens[b - 1].text in CLOSING_QUOTES:
            b = trim_end(doc, a, b - 1)
        if b > a:
            pieces.append(replace(candidate, start=doc.tokens[a].start, end=doc.tokens[b - 1].end, first=a, last=b,
                                  interjection=interjection))
    return pieces


def _title_of_a_work(doc: Document, candidate: Candidate) -> bool:
    """`il suo libro «Il mare d'inverno»`, `un film intitolato «La notte»`, `il programma televisivo «…»`: quoted
    words right after a noun of a work or a word of naming, or after one adjective of it, are a title, nobody's
    statement (grammar `work_nouns`)."""
    quote = doc.quote_around(candidate.start)
    if quote is None or candidate.end > quote.end:
        return False
    k = doc.token_before(quote.open)
    works = doc.lang.words("work_nouns")
    return k >= 0 and (doc.lower[k] in works or k >= 1 and _open_class_modifier(doc, k) and doc.lower[k - 1] in works
                       or _naming_participle_before(doc, k) or _known_as_before(doc, k)
                       or _name_of_an_organisation(doc, k, quote))


def _name_of_an_organisation(doc: Document, k: int, quote: QuoteSpan) -> bool:
    """`il gruppo «Amici della Terra»`, `la società «Nuova Luce»`: a capitalised quotation with no finite verb right
    after a lower-case noun of an organisation (speakers.yaml `organisations`) is its name (a verb form after a
    preposition is a noun: `Unione di difesa`). After a colon or a comma (`ha detto il partito: «…»`), or with a verb
    (`la giunta «sta decidendo»`), it is what was said."""
    token = doc.tokens[k]
    if not (token.text.islower() and fold(token.text) in doc.lang.speaker_words["organisations"]):
        return False
    first, last = doc.token_at(quote.start), doc.token_before(quote.end) + 1
    return (doc.text[quote.start : quote.start + 1].isupper() and not any(
        finite_verb(doc, j) and doc.lang.preposition(doc.lower[j - 1]) is None for j in range(first, last)))


def _known_as_before(doc: Document, k: int) -> bool:
    """`un documento noto come «…»`, `più nota come «…»`: `come` after the adjective "known" introduces a name."""
    if k < 1 or doc.lower[k] != "come":
        return False
    j = k - 1
    while j > 0 and doc.lower[j] in doc.lang.words("group_adverbs"):
        j -= 1
    return known_as(doc, j)


def _naming_participle_before(doc: Document, k: int) -> bool:
    """`un partito chiamato «…»`, `una fase detta «…»` (past one adverb): a participle of naming with no auxiliary or
    clitic before it names something (grammar `naming_participles`); `si è detta «preoccupata»` reports."""
    lang = doc.lang
    if k >= 1 and adverb_at(doc, k):
        k -= 1
    if k < 1 or doc.lower[k] not in lang.words("naming_participles"):
        return False
    j = k - 1
    while j > 0 and adverb_at(doc, j):
        j -= 1
    return not (doc.lower[j] in lang.auxiliaries or doc.lower[j] in lang.words("clitics"))


def _named_by_a_participle(doc: Document, candidate: Candidate) -> bool:
    """`un partito, chiamato appunto «X», …`, `rane chiamate anche «…»`: what a bare participle of naming governs is
    a name, unless an agent says who gave it (`la riforma, chiamata «una truffa» dalle opposizioni`)."""
    cue = candidate.cue
    if candidate.origin != "reported" or cue is None or cue.kind != VERB or cue.auxiliary:
        return False
    if not _naming_participle_before(doc, cue.word):
        return False
    return not _agent_between(doc, cue.last, candidate.last + 1)


# the frames in which a passive's content says what its subject is or was called, or stands aside from it
_STATUS_FRAMES = frozenset({"come", "label", "parenthetical"})


def _status_by_an_agentless_passive(doc: Document, candidate: Candidate) -> bool:
    """`è stato confermato come il più antico`, `era considerato un maestro`, `…, è stata ripresa oggi`: a passive
    with no agent that labels its subject or stands beside a clause names no one whose words these are (a statement
    has a speaker; `è stata definita «una svolta» dal ministro` keeps its agent)."""
    cue = candidate.cue
    if cue is None or not cue.passive or candidate.frame not in _STATUS_FRAMES or _what_has_been_called(doc, cue):
        return False
    end = doc.sentence_bounds(cue.word)[1] if candidate.last <= cue.first else candidate.last + 1
    return not _agent_between(doc, cue.last, end)


def _what_has_been_called(doc: Document, cue: Cue) -> bool:
    """`quella che è stata definita una svista`: a passive in a relative clause on a demonstrative quotes somebody's
    label, whoever gave it."""
    k = cue.first
    return k >= 2 and doc.lower[k - 1] == "che" and doc.lower[k - 2] in doc.lang.words("demonstratives")


def _agent_between(doc: Document, first: int, last: int) -> bool:
    """Whether a preposition that introduces a passive's agent (`da`, `dal`, `dalla` …) stands in tokens [first, last)."""
    agents = doc.lang.agent_preposition_forms
    return any(doc.lower[j] in agents for j in range(first, min(last, len(doc.tokens))))


def _open_class_modifier(doc: Document, k: int) -> bool:
    """A lower-case adjective-like word (`televisivo`, `nuovo`): neither verb, function word nor name."""
    token = doc.tokens[k]
    return token.upos in ("", "ADJ") and token.text.isalpha() and token.text.islower()


def _unquoted_belief(doc: Document, candidate: Candidate) -> bool:
    """`ritiene che la riforma sia giusta`: a verb of thinking reports words only when quoted ones come with it
    (reporting.yaml `cognition_needs_quote`; `ritiene che la riforma sia «un errore»` is a statement)."""
    cue = candidate.cue
    return (cue is not None and cue.sense == "cognition" and bool(doc.lang.reporting.get("cognition_needs_quote"))
            and not doc.quotes_within(candidate.start, candidate.end) and doc.quote_around(candidate.start) is None)


def clause_stops(doc: Document, cues: list[Cue]) -> frozenset[int]:
    """Tokens where another reporting clause begins at the same level: reported content ends before them (`…, ha
    aggiunto X`, `… e poi ha anche detto`, `…, Rossi ha aggiunto`, `…, sottolineando`, `…, infatti secondo X`, `… e
    secondo Y`). A cue inside the content
    (`ha detto che il governo ha chiesto …`) or a bare infinitive or participle (`per presentare`, `ritenuti`) starts
    no new clause."""
    stops = set()
    adverbs = doc.lang.words("group_adverbs")
    for c in cues:
        if c.kind in (VERB, LIGHT) and not c.passive and (c.auxiliary or c.tense not in ("infinitive", "participle")):
            k = c.first - 1
            while k >= 0 and k > c.first - 6 and (doc.mention_of_token.get(k) is not None or doc.lower[k] in adverbs):
                k = doc.mention_of_token[k].first - 1 if k in doc.mention_of_token else k - 1
            if k >= 0 and doc.lower[k] in (",", "e", "ed", "ma", "mentre", ";", "poi"):
                stops.add(k + 1)
                if doc.lower[k] in ("e", "ed", "ma") and k > 0 and doc.lower[k - 1] == ",":
                    stops.add(k)
            subject = _subject_before(doc, c.first)
            if subject is not None:
                stops.add(subject)
            if c.tense == "gerund" and c.first > 0 and doc.lower[c.first - 1] == ",":
                stops.add(c.first)
        elif c.kind == MARKER:  # `…, secondo X`, `…, infatti secondo X`, `… e secondo Y …`
            k = c.first - 1
            while k >= 0 and k > c.first - 4 and doc.lower[k] in adverbs:
                k -= 1
            if k >= 0 and (doc.lower[k] == "," or _coordinated_marker(doc, c, k)) and not _measure_after_per(doc, c):
                stops.add(k + 1)
    return frozenset(stops)


def _measure_after_per(doc: Document, marker: Cue) -> bool:
    """`…, per un costo di due milioni`, `…, per un totale di …`: `per` and a phrase that names no person credits
    nobody and goes on with the clause before it (`…, per poi …` and `…, per il ministro …` start another)."""
    k = marker.last
    return bool(marker.person_only and k < len(doc.tokens) and doc.lang.is_determiner(doc.lower[k])
                and not _person_at(doc, k, doc.near(k)[1]))


def _coordinated_marker(doc: Document, marker: Cue, k: int) -> bool:
    """`A e secondo Y B`: a marker after `e` or `ma` that takes any noun phrase opens a clause of its own; `per` (only
    a person after it) is too often no marker there (`e per quanto riguarda …`)."""
    return not marker.person_only and (doc.lower[k] in doc.lang.words("coordinators") or doc.lower[k] == "ma")


def aside_opening(doc: Document, close: int, first: int, stops: tuple[str, ...] = ()) -> int | None:
    """The `(` of the aside closed at token `close`, looked for back to token `first` and not past a bracket or one
    of `stops`: a subject stands before it (`Mario Rossi (soprannominato il Toro) ha detto`); None when there is none."""
    k = close - 1
    while k >= first and doc.lower[k] not in ("(", ")", *stops):
        k -= 1
    return k if k >= first and doc.lower[k] == "(" else None


def _short_aside_opening(doc: Document, close: int) -> int | None:
    """The `(` of a short aside closed at token `close` (`(PD)`, `(ex Lega)`) within one clause, None when none near."""
    return aside_opening(doc, close, max(0, close - _SHORT_ASIDE), (".", ";"))


_SHORT_ASIDE = 6  # tokens back from a short aside's `)` to its `(` (`(ex Lega Nord)`)


def _subject_before(doc: Document, first: int) -> int | None:
    """Where a subject set off by asides starts (`…, Ferri (Lega), invece, ha detto`): a mention before the verb
    group, past brackets, commas and adverbs, itself after a comma or a coordinator."""
    adverbs = doc.lang.words("group_adverbs")
    k, subject = first - 1, None
    while k >= 0 and k > first - 12:
        low = doc.lower[k]
        mention = doc.mention_of_token.get(k)
        if mention is not None:
            subject, k = mention.first, doc.before_determiners(mention.first)
            break
        elif low == ")":
            opening = _short_aside_opening(doc, k)
            if opening is None:
                return None
            k = opening - 1
        elif low in adverbs or low == ",":
            k -= 1
        else:
            break
    if subject is None or k < 0 or doc.lower[k] not in (",", "e", "ed", "ma", ";"):
        return None
    return subject


def content_candidate(doc: Document, content: Content, origin: str, cue: Cue | None) -> Candidate | None:
    """A candidate for content tokens: the text inside the marks when one quotation is the whole content, else the
    whole content (mixed when it holds quoted words)."""
    if content.last <= content.first:
        return None
    start, end = doc.tokens[content.first].start, doc.tokens[content.last - 1].end
    quote = doc.quote_around(start)
    if quote is not None and quote.open == start and quote.close >= end:
        return Candidate(quote.start, quote.end, content.first, content.last, MIXED, origin, cue, content.frame,
                         skipped=content.skipped, parsed=content.parsed, link=content.link)
    kind = MIXED if doc.quotes_within(start, end) else INDIRECT
    return Candidate(start, end, content.first, content.last, kind, origin, cue, content.frame,
                     skipped=content.skipped, parsed=content.parsed, link=content.link)


def surface_contents(doc: Document, cues: list[Cue], stops: frozenset[int]) -> dict[Cue, Content | None]:
    """The surface content of each verb, light-verb and noun cue, read once: the reported and the parenthetical
    readers both ask whether a cue governs a content of its own."""
    return {cue: surface_content(doc, cue, stops) for cue in cues if cue.kind in (VERB, LIGHT, NOUN)}


def reported_speech(doc: Document, cues: list[Cue], stops: frozenset[int],
                    surfaces: dict[Cue, Content | None]) -> list[Candidate]:
    """`ha detto che …`, `ha annunciato di …`, `l'ha accusato di …`, `ha definito X «…»`, `l'annuncio di …`;
    `surfaces`: each cue's surface content (`surface_contents`)."""
    out = []
    markers = [cue for cue in cues if cue.kind == MARKER]
    for cue in cues:
        if cue.kind not in (VERB, LIGHT, NOUN) or _inside_marker(cue, markers):
            continue
        surface, parsed = surfaces[cue], parsed_content(doc, cue, stops)
        if surface is not None and parsed is not None and parse_gives_way(doc, parsed, surface):
            parsed = None  # the surface reading stands in for a clause the parse misread
        parts: dict[tuple[int, int], list[Content]] = {}
        for content in (c for c in (surface, parsed) if c is not None):
            for part in coordinated_parts(doc, content, cue.frames):
                parts.setdefault((part.first, part.last), []).append(part)
        for readings in parts.values():
            candidate = content_candidate(doc, readings[0], "reported", cue)
            if candidate is not None:
                out.append(replace(candidate, reading=_reading(readings, surface, parsed)) if parse_reads(doc, cue)
                           else candidate)
    return out


def _inside_marker(cue: Cue, markers: list[Cue]) -> bool:
    """The verb of a marker (`…, come ha precisato il primario Rossi`, `secondo quanto riferisce il giornale, …`)
    credits the clause the marker stands by to the noun phrase after it: that phrase is the verb's subject, never a
    content of the verb's own."""
    return any(m.first <= cue.first and cue.last <= m.last for m in markers)


def _reading(readings: list[Content], surface: Content | None, parsed: Content | None) -> str:
    """Which reading of a cue's content gave a part: both (they agree), or one alone while the other found none or
    another span, and then whether the two start on the same word and this one runs on further (`longer`: the parse
    often runs past a comma onto an apposition) or stops sooner (`shorter`); the classifier learns how far to trust
    each. A cue the parse is not asked about (a noun, a bare participle: `parse_reads`) has no reading, as on the
    built-in engine: its surface content is no sign that the parse disagreed."""
    if len(readings) > 1:
        return "both"
    part = readings[0]
    own, other = ("parse", surface) if part.parsed else ("surface", parsed)
    if other is None:
        return f"{own}_alone"
    if part.first != other.first:
        return f"{own}_differs"
    return f"{own}_longer" if part.last > other.last else f"{own}_shorter"


def marker_speech(doc: Document, cues: list[Cue], stops: frozenset[int]) -> list[Candidate]:
    """`Secondo X, …`, `Secondo X la crisi …`, `…, secondo X.`, `… necessaria secondo X, dopo …` and
    `…, secondo X, …`: the clause is X's."""
    out = []
    for cue in cues:
        if cue.kind != MARKER:
            continue
        sentence_first, limit = doc.near(cue.first)
        speaker_at = _marker_speaker_start(doc, cue.last, limit)
        if not cue.person_only:
            speaker_at = _past_prenominal_adjectives(doc, speaker_at, limit)
        phrase_end = cue.last if cue.sense == "pronoun" else noun_phrase_end(doc, speaker_at, limit)  # `secondo lui`
        if phrase_end is None:
            continue
        phrase_end = with_complements(doc, phrase_end, limit)
        if not cue.person_only:
            phrase_end = _participle_phrase_end(doc, phrase_end, limit)  # "i dati pubblicati ieri sul sito, …"
        comma_after_phrase = phrase_end < limit and doc.lower[phrase_end] == ","
        if cue.person_only and (not (_person_at(doc, speaker_at, phrase_end) or comma_after_phrase)
                                or _share_at(doc, speaker_at, phrase_end)):
            continue  # "per" credits a person, a title or a phrase set off by a comma: "per la prima volta" nobody,
            # nor "per il 30%, …" (a proportion)
        after = phrase_end
        while after < limit and _adverb(doc, after):
            after += 1
        before = cue.first - 1
        while before >= sentence_first and _adverb(doc, before):
            before -= 1
        connective = before < cue.first - 1  # "…, infatti secondo X …": an adverb opens a new clause
        if before < sentence_first:
            opening = True
        elif doc.lower[before] == ",":  # "E, secondo X, …" opens; "X è fallito, secondo Y" closes
            start = _clause_start(doc, before, sentence_first)
            opening = (connective or not _text_before(doc, before, start) or _adverbial_phrase(doc, start, before)
                       or before - 1 >= sentence_first and (doc.lower[before - 1] in _CLAUSE_OPENING or doc.lower[
                           before - 1] in doc.lang.words("subordinate_openers")))  # "…, che, secondo X, …", "in quanto, …"
        else:
            opening = doc.lower[before] in _CLAUSE_OPENING or doc.tokens[before].text in OPENING_QUOTES
        comma_after = after < limit and doc.lower[after] == ","
        if opening:
            first = _past_source_relative(doc, _past_source_complement(doc, after + 1, limit)) if comma_after else after
            last = content_end(doc, first, limit, stops)
            if verbless_list_after_colon(doc, last, limit, stops):
                last = content_end(doc, last + 1, limit, stops)
        else:
            first = _gerund_clause_start(doc, before, _relative_start(doc, before + 1, _clause_start(
                doc, before + 1, sentence_first)))
            relative = comma_after and after + 2 < limit and (doc.lower[after + 1] in ("che", "cui") or (
                doc.lower[after + 1] in ("il", "la", "i", "le") and doc.lower[after + 2] in ("quale", "quali")))
            if comma_after and not relative and not _apposition_at(doc, after + 1, limit) and not _subordinate_at(
                    doc, after + 1, limit):
                last = content_end(doc, after + 1, limit, stops)
            elif _verb_follows(doc, after, limit):  # "i sindacati, secondo X, non escludono …": one clause around X
                last = content_end(doc, after, limit, stops)
            elif relative and (closing := _closing_comma(doc, after + 1, limit)) is not None and _verb_follows(
                    doc, closing + 1, limit):  # "la situazione, secondo X, che dirige Y, è grave": past X's clause
                last = content_end(doc, closing + 1, limit, stops)
            else:
                last = before + 1
            if comma_after and last <= after + 1:
                last = before + 1
        content = Content(first, trim_end(doc, first, last), "clause")
        for part in coordinated_parts(doc, content, frozenset({"che"})):
            candidate = content_candidate(doc, part, "marker", cue)
            # a marker credits a clause: `secondo i primi dati, il 39% degli elettori` (a figure, a noun phrase with
            # no verb and no quoted words) reports nothing anyone said
            if candidate is not None and (candidate.kind != INDIRECT or doc.has_verb(part.first, part.last)):
                out.append(candidate)
    return out


def _adverbial_phrase(doc: Document, first: int, comma: int) -> bool:
    """A short prepositional phrase without a verb before the comma (`Nel frattempo, secondo X, …`, `In ogni caso,
    secondo X, …`): a connective that opens the sentence, not a clause the source could credit."""
    return (0 < comma - first <= 4 and doc.lang.preposition(doc.lower[first]) is not None
            and not doc.has_verb(first, comma))


def _relative_start(doc: Document, k: int, floor: int) -> int:
    """Where the clause a source interrupts starts when a relative pronoun opens it (`l'uomo che ieri, secondo la
    polizia, ha sparato`): after the pronoun, if no finite verb stands between it and the source; else `floor`."""
    lang = doc.lang
    relatives, ago = lang.words("relative_pronouns"), lang.words("ago_words")
    for j in range(k - 1, floor - 1, -1):
        after_time = doc.lower[j] in ago and j > floor and doc.lower[j - 1] not in lang.words("clitics")
        if finite_verb(doc, j) and not after_time:
            return floor
        if doc.lower[j] in relatives and doc.quote_around(doc.tokens[j].start) is None:
            return j + 1
    return floor


def _gerund_clause_start(doc: Document, before: int, floor: int) -> int:
    """Where the clause a source interrupts starts when a gerund set off by commas stands right before it (`il
    traghetto si è inclinato, perdendo, secondo alcuni pescatori, parte del carico`): at the gerund; else `floor`."""
    j = before - 1
    if (j > floor and doc.lower[before] == "," and doc.lower[j - 1] == "," and doc.tokens[j].upos == "VERB"
            and doc.lower[j].endswith(doc.lang.endings("gerund_endings"))):
        return j
    return floor


def _past_source_relative(doc: Document, k: int) -> int:
    """Past a relative clause of the source set off by commas (`Secondo Anna Neri, che dirige il museo, le sale …`):
    what the source holds starts after its closing comma."""
    if k >= len(doc.tokens):
        return k  # the text ends at the comma after the source (`Secondo Anna Neri,`)
    lang, limit = doc.lang, doc.near(k)[1]
    relative = k + 1 < limit and (doc.lower[k] in ("che", "cui") or lang.is_determiner(doc.lower[k])
                                  and doc.lower[k + 1] in ("quale", "quali"))
    closing = _closing_comma(doc, k + 1, limit) if relative else None
    return closing + 1 if closing is not None and closing + 1 < limit else k


def _past_source_complement(doc: Document, k: int, limit: int) -> int:
    """Past a complement of the source set off by commas (`Secondo X, della Cgil, …`, `…, di Legambiente, …`, `…,
    arrivata ieri in città, …`): where the clause starts (`di fatto`, `di conseguenza` open it)."""
    lang = doc.lang
    participle_end = _participle_phrase_end(doc, k, limit)
    if participle_end > k and participle_end + 1 < limit:
        return participle_end + 1
    if k + 1 < limit and lang.preposition(doc.lower[k]) in lang.words("of") and (
            doc.lower[k] not in lang.words("of") or doc.tokens[k + 1].text[:1].isupper()):
        closing = _closing_comma(doc, k, limit)
        if closing is not None and not any(doc.tokens[j].upos in ("VERB", "AUX") for j in range(k, closing)):
            return closing + 1
    return k


def _closing_comma(doc: Document, k: int, limit: int) -> int | None:
    """The comma that closes the clause opened at k (a relative inserted in a sentence), if it closes soon."""
    for j in range(k, min(limit, k + 20)):
        if doc.lower[j] == ",":
            return j
        if doc.lower[j] in (";", ":") or doc.tokens[j].text in OPENING_QUOTES:
            return None
    return None


def _subordinate_at(doc: Document, k: int, limit: int) -> bool:
    """A subordinate clause opens at k (`…, secondo X, anche se …`, `…, secondo X, dopo che …`, `…, quando …`): the
    clause the source interrupted ended before the source."""
    lang = doc.lang
    return (k < limit and doc.lower[k] in lang.words("subordinate_openers")
            or k + 1 < limit and doc.lower[k + 1] in lang.words("complementisers"))


def _apposition_at(doc: Document, k: int, limit: int) -> bool:
    """A title or description without a verb from k to the end of its clause: the source's apposition (`…, come ha
    detto X, il direttore del museo.`), not the rest of a clause the source interrupted (`…, secondo X, non escludono
    …`, `Sono in aumento, secondo X, i ricoveri.`)."""
    mention = doc.mention_at_first.get(k)
    if mention is None or mention.via not in ("title", "description"):
        return False
    end = k
    while end < limit and doc.lower[end] not in (",", ".", ";", ":", "!", "?"):
        if doc.tokens[end].upos in ("VERB", "AUX"):
            return False
        end += 1
    return True


def _verb_follows(doc: Document, k: int, limit: int) -> bool:
    """A finite verb at k, past `non` and clitics: the clause the source phrase interrupted goes on."""
    k = doc.past_clitics(k, limit)
    return k < limit and doc.tokens[k].upos in ("VERB", "AUX") and doc.tokens[k].text[:1].islower()


def _adverb(doc: Document, k: int) -> bool:
    """An adverb around a marker's speaker (`…, infatti secondo X`), `molto` included."""
    return adverb_at(doc, k) or doc.lower[k] == "molto"


def _marker_speaker_start(doc: Document, i: int, limit: int) -> int:
    """Where the speaker's phrase starts after a marker: past `quanto (ha) dichiarato da`, `le parole di`."""
    lang = doc.lang
    k = i
    if k < limit and doc.lower[k] == "quanto":
        k += 1
        while k < limit and (doc.lower[k] in lang.auxiliaries or doc.lower[k] in lang.words("group_adverbs")
                             or doc.lower[k] in lang.verb_forms or doc.lower[k] in lang.words("clitics")):
            k += 1
        if k < limit and lang.preposition(doc.lower[k]) in lang.agent_prepositions:
            k += 1
        return k
    j = doc.past_determiners(k, limit, possessives=True)
    if j < limit and doc.lower[j] in lang.noun_cues and j + 1 < limit and lang.preposition(doc.lower[j + 1]) == "di":
        return j + 2  # "secondo le dichiarazioni del ministro"
    return k


def _past_prenominal_adjectives(doc: Document, i: int, limit: int) -> int:
    """Where the noun heads a source's phrase past its determiners and the adjectives before it (`stando alle ultime
    stime dei vigili il corteo …`: `stime`, not `ultime`); i when no such adjective stands there."""
    lang = doc.lang
    k = doc.past_determiners(i, limit, possessives=True)
    if not (k + 1 < limit and doc.lower[k] in lang.words("prenominal_adjectives")):
        return i
    while k + 1 < limit and doc.lower[k] in lang.words("prenominal_adjectives"):
        k += 1
    return k if doc.tokens[k].text.isalpha() and doc.tokens[k].text.islower() else i


def _share_at(doc: Document, first: int, last: int) -> bool:
    """A number in tokens [first, last) before any word: a figure or a share (`il 30%`), not somebody."""
    k = doc.past_determiners(first, last)
    return k < last and doc.tokens[k].text[:1].isdigit()


def _person_at(doc: Document, first: int, last: int) -> bool:
    """A person or a title phrase in tokens [first, last)."""
    k = doc.past_determiners(first, last)
    mention = doc.mention_at_first.get(k) or doc.mention_at_first.get(first)
    return mention is not None and mention.kind in ("person", "anonymous") and mention.via != "pronoun"


_CLAUSE_OPENING = frozenset({";", ":", "e", "ed", "ma", "però", "tuttavia", "quindi", "mentre", "che", "perché",
                             "poiché", "infatti", "inoltre", "anzi", "dunque", "invece", "("})


def _text_before(doc: Document, comma: int, floor: int) -> bool:
    """Whether a clause of its own stands before the comma (`X è fallito, secondo Y`), not just `E,` or `Ma,`."""
    return any(doc.lower[k] not in _CLAUSE_OPENING and doc.tokens[k].text[:1].isalnum() for k in range(floor, comma))


def noun_phrase_end(doc: Document, i: int, limit: int) -> int | None:
    """End of the noun phrase starting at i (after a marker or a preposition): determiners, then a mention or a
    head word with up to two adjectives and `di` complements; None when no phrase starts there."""
    lang = doc.lang
    k = i
    while k < limit and (lang.is_determiner_or_possessive(doc.lower[k])
                         or doc.lower[k] in ("quanto", "quanti")):
        k += 1
    if k + 2 < limit and doc.lower[k] in lang.abbreviations and doc.lower[k + 1] == ".":
        k += 2  # `il dott. Rossi`: a title's abbreviation and its full stop
    if k >= limit or not doc.tokens[k].text[:1].isalnum():
        return None
    mention = doc.mention_at_first.get(i) or doc.mention_at_first.get(k) or doc.mention_of_token.get(k)
    if mention is not None and mention.last <= limit:
        end = mention.last
    else:
        if doc.tokens[k].upos in ("VERB", "AUX") and doc.lower[k] not in lang.verb_forms and k == i:
            return None  # after a determiner the word is a noun, whatever verb it looks like (`i portavoce`)
        end = _past_percent(doc, k, limit)
        adjectives = 0
        while end < limit and adjectives < 2 and _modifier(doc, end):
            end += 1
            adjectives += 1
    while end + 1 < limit and lang.preposition(doc.lower[end]) == "di" and end - i < 10:
        nested = noun_phrase_end(doc, end + 1, limit)
        if nested is None:
            break
        end = nested
    return end


def _past_percent(doc: Document, k: int, limit: int) -> int:
    """After the head word at k: past a percent sign or its words when the head is a number (`secondo il 40% degli
    intervistati`, `il 30 per cento dei medici`): a share of people is the source, the sign is part of its name."""
    if not doc.tokens[k].text[:1].isdigit():
        return k + 1
    for sign in doc.lang.words("percent_words"):
        words = sign.split()
        if tuple(doc.lower[k + 1 : min(limit, k + 1 + len(words))]) == tuple(words):
            return k + 1 + len(words)
    return k + 1


def participle_agent(doc: Document, k: int, limit: int) -> int | None:
    """`i dati diffusi dal ministero`, `le dichiarazioni rese agli inquirenti da Rossi`: where the agent of a
    participle at k starts, when its `da` follows at once or after one prepositional phrase."""
    lang = doc.lang
    endings = lang.endings("past_participle_endings", "irregular_participle_endings")
    participle = k < limit and doc.tokens[k].text.islower() and (doc.tokens[k].upos == "VERB"
                                                                 or doc.lower[k].endswith(endings))
    if not participle:
        return None
    j = k + 1
    if j < limit and doc.lower[j] not in lang.agent_preposition_forms and lang.preposition(doc.lower[j]) is not None:
        j += 1  # a complement first: "rese agli inquirenti da"
        while j < limit and j < k + 5 and doc.tokens[j].text[:1].isalnum() and lang.preposition(doc.lower[j]) is None:
            j += 1
    if j >= limit or doc.lower[j] not in lang.agent_preposition_forms:
        return None
    j = doc.past_determiners(j + 1, limit)
    if j < limit and (doc.mention_at_first.get(j) is not None or doc.tokens[j].text[:1].islower()
                      and noun_phrase_end(doc, j, limit) is not None):
        return j  # "diffusi dal ministero", "riportate dai giornali locali"
    return None


def with_complements(doc: Document, end: int, limit: int) -> int:
    """A speaker's phrase goes on over prepositional complements, the agent of a participle (`i dati diffusi dal
    ministero`) and an apposition set off by commas: `l'assessore ai lavori pubblici, Piero Gatti,`."""
    lang = doc.lang
    k = end
    agent = participle_agent(doc, end, limit) or participle_agent(doc, end - 1, limit)  # "i dati diffusi | dal …"
    if agent is not None:
        k = noun_phrase_end(doc, agent, limit) or k
    while k < limit and lang.preposition(doc.lower[k]) is not None and doc.lower[k] not in ("secondo",):
        j = k + 1
        while j < limit and j < k + 5 and doc.tokens[j].text[:1].isalnum() and doc.tokens[j].upos not in ("VERB", "AUX") \
                and lang.frame_word(doc.lower[j]) is None and doc.lower[j] not in ("di", "d'"):
            j += 1
        if j == k + 1 or j >= limit or doc.lower[j] not in (",", ":") and lang.preposition(doc.lower[j]) is None:
            break
        k = j
    named = doc.mention_at_first.get(k) if not _words_noun_before(doc, k) else None
    if named is not None and named.last <= limit and named.via in ("name", "kb", "ner") and (
            named.kind == "person" or named.kind == "organisation" and named.text[:1].isupper() and k > 0
            and fold(doc.tokens[k - 1].text) in lang.speaker_words["organisations"]):
        k = named.last  # "il ministro della Salute Anna Neri", "il quotidiano Il Giorno"
    while k + 1 < limit and doc.lower[k] in lang.words("coordinators"):  # "secondo Anna Neri e Marco Bianchi"
        j = k + 1
        while j < limit and lang.is_determiner(doc.lower[j]) and doc.mention_at_first.get(j) is None:
            j += 1
        coordinated = doc.mention_at_first.get(j)
        if coordinated is None or coordinated.last > limit or coordinated.kind not in ("person", "organisation", "country"):
            break
        k = coordinated.last
    k = _past_quoted_name(doc, k, limit)
    if k < limit and doc.lower[k] == "(":  # "il Centro per il clima (CPC)", "Anna Neri (PD)"
        close = next((j for j in range(k + 1, min(limit, k + 6)) if doc.lower[j] in ("(", ")")), None)
        if close is not None and doc.lower[close] == ")":
            k = close + 1
    if k + 1 < limit and doc.lower[k] == ",":
        apposed = doc.mention_at_first.get(k + 1)
        source = doc.mention_of_token.get(k - 1)
        if apposed is not None and apposed.kind == "person" and apposed.last < limit and doc.lower[apposed.last] == "," \
                and not (apposed.via == "title" and source is not None and source.kind != "person"):
            k = apposed.last  # a person's role, not a person after an outlet: "secondo la rivista X, l'attrice, che …"
    return k


def _words_noun_before(doc: Document, k: int) -> bool:
    """A speech or document noun right before k (`secondo la sua testimonianza Rossi …`, `secondo la nota Rossi …`):
    words name no holder, so a name after them opens the clause."""
    return k > 0 and (doc.lower[k - 1] in doc.lang.noun_cues or doc.lower[k - 1] in doc.lang.document_nouns)


def _participle_phrase_end(doc: Document, k: int, limit: int) -> int:
    """`i dati pubblicati ieri sul sito del ministero,`: a past participle right after the source's noun with its
    complements, up to the comma that closes them, describes the source; k when no such comma closes it soon."""
    lang = doc.lang
    if not (k < limit and doc.tokens[k].text.islower() and doc.tokens[k].upos in ("VERB", "ADJ", "")
            and doc.lower[k].endswith(lang.endings("past_participle_endings"))):
        return k
    for j in range(k + 1, min(limit, k + 12)):
        if doc.lower[j] == ",":
            return j
        if doc.tokens[j].upos in ("VERB", "AUX") or lang.frame_word(doc.lower[j]) or not doc.tokens[j].text[:1].isalnum():
            return k
    return k


def _past_quoted_name(doc: Document, k: int, limit: int) -> int:
    """Past a short quotation written as a name (its long words capitalised), closed by a comma, right after a
    source's phrase: its name (`secondo il centro «Carlo Sereni», che …`), not its words (`secondo il ministro
    «Nessuno paga», …`); k otherwise."""
    quote = _quotation_at(doc, k)
    if quote is None:
        return k
    after = doc.token_at(quote.close)
    words = doc.text[quote.start:quote.end].split()
    if (words and len(words) <= 4 and all(w[:1].isupper() for w in words if len(w) > 3) and after < limit
            and doc.lower[after] == ","):
        return after
    return k


def _quotation_at(doc: Document, k: int):
    """The quotation whose opening mark is token k, if any."""
    if k >= len(doc.tokens) or doc.texts[k] not in OPENING_QUOTES:
        return None
    quote = doc.quote_around(doc.tokens[k].start)
    return quote if quote is not None and quote.open == doc.tokens[k].start else None


def _modifier(doc: Document, k: int) -> bool:
    """An adjective or participle after a noun (`fonti diplomatiche`, `voci non confermate`)."""
    token = doc.tokens[k]
    low = token.lower
    if low == "non" and k + 1 < len(doc.tokens):
        return doc.tokens[k + 1].text[:1].islower() and doc.lower[k + 1].endswith(doc.lang.endings("past_participle_endings"))
    if token.upos in ("ADJ",) or (token.upos == "" and token.text[:1].islower()
                                   and low.endswith(doc.lang.endings("past_participle_endings", "adjective_endings"))):
        return True
    return token.text[:1].isupper() and doc.mention_of_token.get(k) is None and token.upos == "PROPN"


def _clause_start(doc: Document, k: int, floor: int) -> int:
    """First token of the clause ending at k: after the last `;`, `:` or clause opener outside quotation marks."""
    openers = doc.lang.words("clause_openers")
    j = k - 1
    while j >= floor:
        if doc.lower[j] in openers and doc.quote_around(doc.tokens[j].start) is None:
            return j + 1
        j -= 1
    return floor


def relative_marker_speech(doc: Document, cues: list[Cue], stops: frozenset[int]) -> list[Candidate]:
    """`la tesi del ministro, secondo cui …`: the clause after the relative marker."""
    out = []
    for cue in cues:
        if cue.kind != RELATIVE:
            continue
        _, limit = doc.near(cue.first)
        if cue.first > 0 and doc.lower[cue.first - 1] == ",":
            limit = inserted_clause_end(doc, cue.last, limit)  # "X, secondo il quale …, ha votato": X's clause goes on
        if _speaking_subject_of_its_own(doc, cue, limit):
            continue
        last = content_end(doc, cue.last, limit, stops)
        candidate = content_candidate(doc, Content(cue.last, trim_end(doc, cue.last, last), "che"), "relative", cue)
        if candidate is not None:
            out.append(candidate)
    return out


def _speaking_subject_of_its_own(doc: Document, cue: Cue, limit: int) -> bool:
    """`i condannati, per i quali il pm aveva chiesto due anni`: after a `per` relative, a subject that asks, says or
    fears (a verb of the reporting lexicon after words of its own) acts for or toward the antecedent, who says
    nothing."""
    lang = doc.lang
    if doc.lower[cue.first] not in lang.words("appositive_only_relatives"):
        return False
    for k in range(cue.last + 1, min(limit, cue.last + _OWN_SUBJECT_REACH)):
        if doc.lower[k] in (",", ";", ":", "."):
            return False
        if (doc.lower[k] in lang.verb_forms and doc.lower[k] not in lang.auxiliaries
                and not lang.is_determiner(doc.lower[k - 1])):
            return True
    return False


_OWN_SUBJECT_REACH = 12  # how far after `per il quale` the verb of a subject of the clause's own may stand


def after_content_speech(doc: Document, cues: list[Cue]) -> list[Candidate]:
    """`… . È quanto sostiene X.` / `Lo ha detto X.`: the previous sentence is what X said."""
    out = []
    for cue in cues:
        if cue.kind != AFTER or cue.first == 0:
            continue
        first, last = doc.near(cue.first - 1)
        if doc.paragraph(cue.first) - doc.paragraph(cue.first - 1) > 1 and not _ends_a_sentence(doc, cue.first - 1):
            continue  # a heading before the paragraph (no full stop): `Lo ha detto X` opening it credits no heading
        candidate = content_candidate(doc, Content(first, trim_end(doc, first, last), "previous"), "after", cue)
        if candidate is not None:
            out.append(candidate)
    return out


def _ends_a_sentence(doc: Document, k: int) -> bool:
    """Token k is a full stop, `!` or `?` (`FULL_STOPS`), or a closing quotation mark right after one."""
    if doc.tokens[k].text in CLOSING_QUOTES and k > 0:
        k -= 1
    return doc.lower[k] in FULL_STOPS


def parenthetical_speech(doc: Document, cues: list[Cue], stops: frozenset[int],
                         surfaces: dict[Cue, Content | None]) -> list[Candidate]:
    """`Il governo cadrà, ha detto Rossi.` and `Il governo, ha detto Rossi, cadrà`: a cue set off by a comma after
    words of its own credits the sentence around it (the inserted attribution stays inside, as the guidelines ask);
    `surfaces`: each cue's surface content (`surface_contents`)."""
    out = []
    lang = doc.lang
    for cue in cues:
        if cue.kind not in (VERB, LIGHT) or cue.tense not in ("finite", "present", "remote_past", "future",
                                                               "imperfect", "conditional", "participle"):
            continue
        if cue.tense == "participle" and not cue.auxiliary:
            continue
        sentence_first, limit = doc.near(cue.first)
        comma = cue.first - 1
        if comma > sentence_first and doc.lower[comma] == "," and surfaces[cue] is not None:
            continue  # "X, ha annunciato, tramite Y, che …": the cue governs a content of its own
        if comma <= sentence_first or doc.lower[comma] != ",":
            continue
        first = _sentence_clause_start(doc, comma, sentence_first)
        if _quotation_is_the_clause(doc, first, comma):
            continue  # «…», ha detto X: a quotation, attributed as such
        j = doc.past_group_adverbs(cue.last, limit)
        mention = doc.mention_at_first.get(j) or doc.mention_of_token.get(_past_phrase_openers(doc, j, limit))
        if mention is not None:
            j = mention.last  # "ha detto Rossi", "ha detto lo stesso Rossi"
        k = j
        while k < limit and k < j + 8 and doc.lower[k] not in (",", ".", ";", ":", "!", "?") and doc.tokens[k].text not in OPENING_QUOTES:
            if mention is None and (lang.is_determiner(doc.lower[k]) or lang.frame_word(doc.lower[k])
                                    or doc.lower[k] in lang.words("of")):
                break  # "ha ricordato le parole …", "ha detto che …", "di …": the cue governs words of its own
            k += 1
        if k < limit and doc.lower[k] not in (",", ".", ";", "!", "?"):
            continue
        if first >= comma or mention is None and (_only_subject(doc, first, comma)
                                                  or _subject_and_its_relative(doc, first, comma)):
            continue  # "Un migrante, invece, ha detto", "X, direttore di Y, ha detto": the verb's subject
        if k < limit and doc.lower[k] == "," and k + 1 < limit and doc.lower[k + 1] not in _RELATIVE_WORDS:
            last = content_end(doc, k + 1, limit, stops - {cue.first})  # around the inserted attribution
        else:
            last = comma
        if not any(doc.tokens[t].upos in ("VERB", "AUX") for t in (*range(first, comma), *range(k, last))):
            continue  # "Tra i messaggi di cordoglio, si segnalano …": no clause of its own around the cue
        content = Content(first, trim_end(doc, first, last), "parenthetical")
        candidate = content_candidate(doc, content, "parenthetical", cue)
        if candidate is not None:
            out.append(candidate)
    return out


def _quotation_is_the_clause(doc: Document, first: int, comma: int) -> bool:
    """The clause before a parenthetical cue's comma is one quotation (`«Siamo pronti», ha detto X`): that is direct
    speech. A clause that only ends in a quotation (`La scelta è «sbagliata», ha detto X`) is mixed speech, the
    whole clause the speaker's."""
    closing = doc.quote_around(doc.tokens[comma - 1].start)
    if closing is None or doc.tokens[comma - 1].end < closing.close:
        return False
    return not any(doc.lower[k].isalnum() for k in range(first, comma) if doc.tokens[k].start < closing.open)


# "…, ha detto X, che …", "…, ha detto X a Roma, dove …": a clause on X or on the place the attribution names
_RELATIVE_WORDS = frozenset({"che", "cui", "il", "la", "i", "le", "dove"})


def _past_phrase_openers(doc: Document, j: int, limit: int) -> int:
    """The first token at or after j past determiners and the words that belong to a noun phrase (`lo stesso`)."""
    prefixes = doc.lang.speaker_words["np_prefixes"]
    while j < limit and (doc.lang.is_determiner(doc.lower[j]) or doc.lower[j] in prefixes):
        j += 1
    return j


def _only_subject(doc: Document, first: int, end: int) -> bool:
    """Tokens first..end hold a mention, or mentions in apposition, and nothing else but fillers."""
    return only_fillers(doc, first, end) and bool(doc.mentions_within(first, end))


def _subject_and_its_relative(doc: Document, first: int, comma: int) -> bool:
    """`Il pittore Mario Rossi, che ha vinto il «Premio Roma», ha esposto a Parigi`: a phrase ending in a mention, with
    no verb of its own, and the relative clause on that mention running to the verb's comma (a list inside it has
    commas but no verb after them) are the verb's subject, not its words."""
    relatives = doc.lang.words("relative_pronouns")
    for k in range(first + 1, comma - 1):
        if doc.lower[k] == "," and doc.lower[k + 1] in relatives:
            mention = doc.mention_of_token.get(k - 1)
            if mention is None or mention.last != k or _finite_outside_brackets(doc, first, k):
                return False
            pieces_after = [j for j in range(k + 2, comma) if doc.lower[j - 1] == ","]
            return not any(finite_verb(doc, j) for start in pieces_after for j in range(start, comma))
    return False


def _finite_outside_brackets(doc: Document, first: int, end: int) -> bool:
    """A finite verb in tokens first..end outside brackets; none right after a preposition (`dalla critica`)."""
    depth = 0
    for j in range(first, end):
        depth += (doc.lower[j] == "(") - (doc.lower[j] == ")")
        if depth == 0 and finite_verb(doc, j) and not (j > 0 and doc.lang.preposition(doc.lower[j - 1])):
            return True
    return False


def only_fillers(doc: Document, a: int, b: int, coordinated: bool = False) -> bool:
    """Nothing but adverbs, commas, clitics or other mentions between tokens a and b (an apposition chain; with
    `coordinated`, a coordination too: `X e Y hanno detto` has X next to its verb)."""
    lang = doc.lang
    k = a
    before = doc.mention_of_token.get(a - 1) if a else None
    # an apposition is set off by a comma or a bracket, or follows a title or a description (`il ministro Ada Neri`,
    # `analista della società Alfa Beta`)
    set_off = False
    while k < b:
        other = doc.mention_at_first.get(k)
        if other is not None and other.last <= b:
            if not (set_off or before is None or before.via in ("title", "description") or coordinated):
                return False  # "il Muro di Berlino la NATO ha detto": two phrases side by side, not an apposition
            k, before, set_off = other.last, other, False
        elif (doc.lower[k] in lang.words("group_adverbs") or doc.lower[k] in (",", "(", ")")
              or doc.lower[k] in lang.words("clitics")
              or coordinated and (doc.lower[k] in lang.words("coordinators") or lang.is_determiner(doc.lower[k]))
              and _mention_follows(doc, k + 1, b)):
            set_off = set_off or doc.lower[k] in (",", "(")
            k += 1
        else:
            return False
    return True


def _mention_follows(doc: Document, k: int, b: int) -> bool:
    """A mention ending by token b starts at token k, or after the determiners there."""
    while k < b and doc.lang.is_determiner(doc.lower[k]) and doc.mention_at_first.get(k) is None:
        k += 1
    other = doc.mention_at_first.get(k)
    return other is not None and other.last <= b


def _sentence_clause_start(doc: Document, k: int, floor: int) -> int:
    """After the last `;` or `:` before k outside quotation marks (a parenthetical cue credits the whole sentence)."""
    j = k - 1
    while j >= floor:
        if doc.lower[j] in (";", ":") and doc.quote_around(doc.tokens[j].start) is None:
            return j + 1
        j -= 1
    return floor


def quotations(doc: Document, cues: list[Cue]) -> list[Candidate]:
    """Every quotation as direct speech, split at a speaker's interjection (`«A – continua il ministro – B»`),
    with how it is attributed: a colon or a cue before it, a cue after it, a marker, or nothing but adjacency."""
    cue_ending = {}
    for c in cues:
        cue_ending.setdefault(c.last, c)
    cue_starting = {}
    for c in cues:
        cue_starting.setdefault(c.first, c)
    out = []
    for quote in doc.quotes:
        first, last = doc.token_at(quote.start), doc.token_before(quote.end) + 1
        if last <= first:
            continue
        attribution, cue = _attribution(doc, quote, cue_ending, cue_starting)
        pieces = _interjection_pieces(doc, quote, first, last, cues)
        for a, b, interjection, inner in pieces:
            start, end = doc.tokens[a].start, doc.tokens[b - 1].end
            if interjection is not None:
                out.append(Candidate(start, end, a, b, DIRECT, "quotation", inner, "quote", "interjection",
                                     interjection=interjection))
            else:
                out.append(Candidate(start, end, a, b, DIRECT, "quotation", cue, "quote", attribution))
    return out


def _attribution(doc: Document, quote, cue_ending: dict, cue_starting: dict) -> tuple[str, Cue | None]:
    """How a quotation is attributed, and by which cue."""
    n = len(doc.tokens)
    k = doc.token_before(quote.open)
    same_paragraph = k >= 0 and doc.paragraph(k) == doc.paragraph(min(n - 1, doc.token_at(quote.open)))
    if same_paragraph and doc.lower[k] == ":":
        cue = next((cue_ending[j] for j in range(k, max(-1, k - 8), -1) if j in cue_ending), None)
        return "colon", cue
    if same_paragraph:
        cue = cue_ending.get(k + 1) or (cue_ending.get(k) if doc.lower[k] == "," else None)
        if cue is None and doc.lower[k] == ",":  # «…», dichiara Sara Villa, «…»
            mention = doc.mention_at_last.get(k)
            cue = cue_ending.get(mention.first) if mention is not None else None
        if cue is None and doc.lower[k] == ",":  # Secondo l'assessore ai lavori pubblici, Piero Gatti, «…»
            cue = _marker_ending_at(doc, k, cue_ending)
        if cue is not None:
            return ("marker" if cue.kind == MARKER else "before"), cue
    after = doc.token_at(quote.close)
    sentence_ended = False
    while after < n and (doc.tokens[after].text in (",", ".", "!", "?", ":") or doc.tokens[after].text in _DASHES):
        sentence_ended = sentence_ended or doc.tokens[after].text in FULL_STOPS
        after += 1
    if after < n and doc.paragraph(after) == doc.paragraph(max(0, doc.token_at(quote.close) - 1)):
        cue = cue_starting.get(after)
        if cue is None and doc.mention_at_first.get(after) is not None:
            cue = cue_starting.get(doc.mention_at_first[after].last)  # «…» Rossi ha detto
        if cue is not None:
            return ("marker" if cue.kind == MARKER else "next_sentence" if sentence_ended else "after"), cue
    return _cue_of_sentence(doc, quote, cue_ending)


def _marker_ending_at(doc: Document, comma: int, cue_ending: dict) -> Cue | None:
    """A marker whose speaker's phrase runs up to `comma` (a quotation after it is that speaker's)."""
    for end in range(comma, max(-1, comma - 16), -1):
        cue = cue_ending.get(end)
        if cue is not None and cue.kind == MARKER:
            phrase_end = noun_phrase_end(doc, _marker_speaker_start(doc, cue.last, comma + 1), comma + 1)
            if phrase_end is not None and with_complements(doc, phrase_end, comma + 2) >= comma:
                return cue
        if doc.lower[end] in (".", ";", ":") or doc.tokens[end].text in OPENING_QUOTES:
            return None
    return None


def _cue_of_sentence(doc: Document, quote, cue_ending: dict) -> tuple[str, Cue | None]:
    """A quotation inside a sentence whose verb reports (`X ha definito la proposta come «…»`): the last reporting
    verb before it in the sentence, if any."""
    k = doc.token_before(quote.open)
    if k < 0:
        return "none", None
    first, _ = doc.near(k, reach=40)
    for end in range(k + 1, first, -1):
        cue = cue_ending.get(end)
        if cue is not None and cue.kind in (VERB, LIGHT, NOUN) and doc.quote_around(doc.tokens[cue.word].start) is None:
            return "sentence", cue
    return "none", None


def _interjection_pieces(doc: Document, quote, first: int, last: int, cues: list[Cue]):
    """`«A – continua il ministro – B»`: pieces (first, last, interjection tokens, its cue); one piece otherwise.
    `cues` are in text order: only those inside the quotation are looked at."""
    inside = cues[bisect.bisect_right(cues, first, key=lambda c: c.first) : bisect.bisect_left(cues, last, key=lambda c: c.first)]
    for cue in inside:
        if cue.last >= last or cue.kind not in (VERB, LIGHT):
            continue
        if doc.lower[cue.word] in doc.lang.words("first_person_speech_verbs"):
            continue  # `«… tutti – dico tutti – …»`: the quoted speaker's own words, not an interjection naming them
        opener = cue.first - 1
        if doc.tokens[opener].text not in _DASHES and doc.lower[opener] != ",":
            continue
        closing = None
        for k in range(cue.last, min(last, cue.last + 8)):
            if doc.tokens[k].text in _DASHES or (doc.lower[k] == "," and doc.lower[opener] == ","):
                closing = k
                break
        if closing is None or doc.lower[opener] == "," and (closing == cue.last or _verb_complement_between(doc, cue.last, closing)):
            continue
        pieces = []
        a, b = first, trim_end(doc, first, opener)
        if b > a:
            pieces.append((a, b, (opener, closing + 1), cue))
        a, b = closing + 1, trim_end(doc, closing + 1, last)
        if b > a:
            pieces.append((a, b, (opener, closing + 1), cue))
        if pieces:
            return pieces
    return [(first, last, None, None)]


def _verb_complement_between(doc: Document, first: int, last: int) -> bool:
    """Words that complete the verb before them (`, dice che tutto va bene,`, `, continuano a lavorare per la
    città,`, `, dice non preoccupatevi,`): that verb is the quoted speaker's own, not an interjection naming them (`, dice
    il ministro,`); an interjection names who speaks, it negates nothing."""
    lang = doc.lang
    openers, infinitive = lang.words("subordinate_openers"), lang.endings("infinitive_endings")
    return any(doc.lower[k] in openers or finite_verb(doc, k) or doc.lower[k] in lang.words("negations")
               or lang.preposition(doc.lower[k]) is not None and doc.lower[k + 1].endswith(infinitive)
               for k in range(first, last))


def _colon_after(doc: Document, k: int) -> int | None:
    """The colon that introduces a cue's words: right after it, after `che` (`riferisce che:`), or after an adverb
    or a short adjunct (`ha detto inoltre:`, `ha dichiarato alla radio:`)."""
    lang, n = doc.lang, len(doc.tokens)
    if k < n and doc.lower[k] == "che":
        k += 1
    for j in range(k, min(n, k + 5)):
        low = doc.lower[j]
        if low == ":":
            return j
        if not doc.tokens[j].text[:1].isalnum() or doc.tokens[j].upos in ("VERB", "AUX") or (
                j == k and not (adverb_at(doc, j) or lang.preposition(low) is not None)):
            return None
    return None


def named_colon_speech(doc: Document) -> list[Candidate]:
    """`Rossi: Siamo pronti.`, `Il ministro Anna Neri: Non mi dimetto.`: a sentence that opens with only a person's
    or an organisation's name and a colon, or a short adjunct and a colon (`Anna Neri in conferenza stampa:`), gives
    them the words after it (with quotation marks they are a quotation)."""
    out = []
    lang = doc.lang
    for sentence in doc.sentences:
        k, named = sentence.first, False
        while k < sentence.last:  # past the name, its title and its determiners
            mention = doc.mention_of_token.get(k)
            if mention is not None and mention.kind in ("person", "organisation"):
                k, named = mention.last, True
            elif lang.is_determiner_or_possessive(doc.lower[k]) or doc.lower[k] == ",":
                k += 1
            else:
                break
        colon = _colon_after(doc, k) if named and k < sentence.last and doc.lower[k] != "che" else None
        if colon is not None and colon > k and doc.tokens[colon - 1].text[:1].isupper():
            continue  # `Anna Neri di Nuova Serie: Il Ritorno …`: the colon is inside a title
        start = colon + 1 if colon is not None else sentence.last
        if start >= sentence.last or doc.tokens[start].text in OPENING_QUOTES \
                or not doc.tokens[start].text[:1].isupper():
            continue
        last = _first_person_goes_on(doc, trim_end(doc, start, doc.near(start)[1]))
        if last > start:
            out.append(Candidate(doc.tokens[start].start, doc.tokens[last - 1].end, start, last, DIRECT, "verbatim",
                                 None, "colon", "colon"))
    return out


def _first_person_goes_on(doc: Document, last: int) -> int:
    """Where unmarked words after a colon end: the sentences after the first go on with them while each speaks in
    the first person (`Rossi: Siamo pronti. Il nostro piano è chiaro.`) in the same paragraph, with no quotation
    marks and no name with a colon of its own. One sentence without a first person between two with one is still the
    speaker's (`Siamo pronti. Sarà difficile. Non ci arrendiamo.`): the journalist does not break in for a sentence,
    though an interviewer may ask one."""
    number = doc.sentence_of[last - 1] + 1
    while number < len(doc.sentences):
        voice = _speaker_voice(doc, number, doc.paragraph(last - 1))
        if voice is None:
            break
        if not voice:  # a question between answers is an interviewer's (`Le piace? Sì, mi piace.`)
            if (number + 1 >= len(doc.sentences) or doc.lower[doc.sentences[number].last - 1] == "?"
                    or not _speaker_voice(doc, number + 1, doc.paragraph(last - 1))):
                break
            number += 1
        sentence = doc.sentences[number]
        last, number = trim_end(doc, sentence.first, sentence.last), number + 1
    return last


def _speaker_voice(doc: Document, number: int, paragraph: int) -> bool | None:
    """Whether sentence `number` speaks in the first person (grammar `first_person_words`, first-person verbs);
    None when it cannot go on unmarked words at all: another paragraph, quotation marks, a colon of its own."""
    lang, sentence = doc.lang, doc.sentences[number]
    span = range(sentence.first, sentence.last)
    if (doc.paragraph(sentence.first) != paragraph or any(doc.lower[k] == ":" for k in span)
            or any(doc.texts[k] in OPENING_QUOTES for k in span)):
        return None
    words = lang.words("first_person_words") | lang.words("first_person_singular_verbs") | lang.words(
        "first_person_speech_verbs")
    plural = lang.endings("first_person_plural_endings")
    return any(doc.lower[k] in words or doc.lower[k].endswith(plural) for k in span)


def verbatim_speech(doc: Document, cues: list[Cue]) -> list[Candidate]:
    """`ha dichiarato: Siamo pronti.`: words after a reporting verb and a colon, without quotation marks, to the end
    of the sentence."""
    out = []
    for cue in cues:
        if cue.kind not in (VERB, LIGHT):
            continue
        colon = _colon_after(doc, cue.last)
        if colon is None:
            continue
        first = colon + 1
        if first >= len(doc.tokens) or doc.tokens[first].text in OPENING_QUOTES:
            continue
        _, limit = doc.near(first)
        if doc.paragraph(first) != doc.paragraph(cue.last):
            continue
        last = _first_person_goes_on(doc, trim_end(doc, first, limit))
        if last > first:
            out.append(Candidate(doc.tokens[first].start, doc.tokens[last - 1].end, first, last, DIRECT, "verbatim",
                                 cue, "colon", "colon"))
    return out

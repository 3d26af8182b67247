"""Statements of reported speech: verb cues with their clause, attribution markers, anaphoric confirmations."""
from __future__ import annotations

from ..models import Statement
from .attribution import Attributor, apply_speaker
from .cues import endings, grammar, is_determiner, is_infinitive, is_of, preposition_lemma
from .quotes import OPENERS
from .reported import Cue, attribution_words, clause_start_before, content_end, find_content, quoted_name
from .syntax import agentless_passive, modified_clause_start
from .spans import Doc, SpanSet, trim


def content_statement(doc: Doc, first: int, last: int, cue_text: str | None) -> Statement | None:
    """A statement for the content tokens [first, last): the text inside the marks when one quotation is the whole
    content, else the whole content (kind mixed when it holds quoted words, indirect otherwise)."""
    if first >= last:
        return None
    start, end = trim(doc.text, doc.tokens[first].start, doc.tokens[last - 1].end)
    if start >= end:
        return None
    whole = doc.quote_around(start)
    if whole is not None and whole.open == start and whole.close >= end:
        return Statement(doc.article.id, doc.text[whole.start : whole.end], "mixed", whole.start, whole.end, cue=cue_text)
    kind = "mixed" if doc.quotes_within(start, end) else "indirect"
    return Statement(doc.article.id, doc.text[start:end], kind, start, end, cue=cue_text)


def _coordinated_parts(doc: Doc, first: int, last: int, frame_word: str | None) -> list[tuple[int, int]]:
    """`che A e che B` is two statements; so is `di A e di B` (and `«fiducioso» che A, e che B`)."""
    frame_word = frame_word or "che"
    parts, start = [], first
    k = first
    while k < last - 1:
        if (doc.lower[k] in grammar("coordinators") or doc.lower[k] == ",") and doc.quote_around(doc.tokens[k].start) is None:
            j = k + 1
            if doc.lower[k] == "," and j < last and doc.lower[j] in grammar("coordinators"):
                j += 1
            if j < last and doc.lower[j] == frame_word and (frame_word == "che" or (j + 1 < last and is_infinitive(doc.lower[j + 1]))):
                parts.append((start, k))
                start = j + 1
                k = j + 1
                continue
        k += 1
    parts.append((start, last))
    return parts


def clause_stops(doc: Doc, cues: list[Cue]) -> tuple[set[int], set[int]]:
    """(tokens where a new cue's clause begins, first tokens of cues): reported content ends before either."""
    verbs = [c for c in cues if not c.marker and not c.passive]
    stops = {clause_start_before(doc, c) for c in verbs} | {c.first for c in verbs}
    stops |= {c.first for c in cues if c.marker and doc.lower[c.first - 1 : c.first] == [","]}
    cue_starts = {c.first for c in cues if not c.marker or c.lemma not in attribution_words()["person_only_markers"]}
    return stops, cue_starts


def verb_statements(doc: Doc, cues: list[Cue], attributor: Attributor) -> list[Statement]:
    """Reported speech introduced by speech verbs, with coordinated clauses split."""
    verbs = [c for c in cues if not c.marker]
    stops, cue_starts = clause_stops(doc, cues)
    found: list[Statement] = []
    for cue in verbs:
        if cue.passive:
            passive = _unattributed_passive(doc, cue, attributor)
            if passive is not None:
                found.append(passive)
            continue
        span = find_content(doc, cue, stops, cue_starts)
        if span is None:
            parenthetical = _parenthetical(doc, cue, attributor, stops, cue_starts)
            if parenthetical is not None:
                found.append(parenthetical)
            continue
        first, last, complementizer = span
        cue.complementizer = complementizer
        cue_end = complementizer + 1 if complementizer is not None else cue.last
        cue_text = doc.span_text(cue.first, cue_end)
        frame_word = doc.lower[complementizer] if complementizer is not None else None
        speaker = attributor.of_cue(cue, earlier=found)
        for part_first, part_last in _coordinated_parts(doc, first, last, frame_word):
            statement = content_statement(doc, part_first, part_last, cue_text)
            if statement is None:
                continue
            statement.clause_start, statement.clause_end = doc.tokens[cue.first].start, doc.tokens[cue_end - 1].end
            found.append(apply_speaker(statement, speaker, attributor))
    return found


def _unattributed_passive(doc: Doc, cue: Cue, attributor: Attributor) -> Statement | None:
    """With a parse, a passive speech verb followed by quoted words, its agent unsaid (`L'ex ministro è stato accusato
    di «bulimia»`): mixed speech whose speaker is carried over — never the one accused (`Attributor.fill_carried`)."""
    if not doc.analysis.has_parse or not agentless_passive(doc.analysis, cue.verb):
        return None
    _, sentence_last = doc.sentence_bounds(cue.verb)
    j = cue.last
    if j < sentence_last and is_of(doc.lower[j]) and len(doc.lower[j]) <= 2:
        j += 1  # `accusato di «…»`, not an articulated `dal`/`della`
    quote = doc.quote_around(doc.tokens[j].start) if j < sentence_last and doc.tokens[j].text in OPENERS else None
    if quote is None or quote.open != doc.tokens[j].start or quoted_name(doc.text[quote.start : quote.end]):
        return None
    after = doc.token_at(quote.close)  # the token after the closing mark
    if after < sentence_last and preposition_lemma(doc.lower[after]) in grammar("source_prepositions"):
        return None  # `«…» dal ministro`: an agent after all
    statement = content_statement(doc, j, after, cue.text(doc))
    if statement is None:
        return None
    statement.clause_start, statement.clause_end = doc.tokens[cue.first].start, doc.tokens[cue.last - 1].end
    return apply_speaker(statement, None, attributor)


def _parenthetical(doc: Doc, cue: Cue, attributor: Attributor, stops: set[int], cue_starts: set[int]) -> Statement | None:
    """`In aggiunta, rileva la EFF, …` / `Il governo, ha detto Rossi, cadrà`: a cue and its subject set off by
    commas credit the clause around them."""
    if cue.gerund or "object" in cue.frames or "label" in cue.frames or attributor.is_anaphoric(cue):
        return None
    sentence_first, sentence_last = doc.sentence_bounds(cue.first)
    if cue.first == sentence_first or doc.lower[cue.first - 1] != ",":
        return None
    subject = attributor.candidates.by_first.get(cue.last) or attributor.candidates.by_first.get(_after_determiners(doc, cue.last))
    if subject is None or subject.last >= sentence_last or doc.lower[subject.last] != ",":
        return None
    floor = attributor.clause_floor(cue.first)
    opening = all(
        not doc.tokens[k].text[:1].isalpha() or doc.upos[k] in ("ADP", "ADV", "DET") or doc.lower[k] in ("aggiunta",)
        for k in range(floor, cue.first - 1)) and cue.first - floor <= 4
    if opening:
        first, last = subject.last + 1, content_end(doc, subject.last + 1, sentence_last, stops, cue_starts)
    elif not _only_a_quote(doc, floor, cue.first - 1):
        first, last = floor, content_end(doc, subject.last + 1, sentence_last, stops, cue_starts)
    else:
        return None
    statement = content_statement(doc, first, _before_final_stops(doc, first, last), cue.text(doc))
    if statement is None:
        return None
    statement.clause_start, statement.clause_end = doc.tokens[cue.first].start, doc.tokens[subject.last - 1].end
    return apply_speaker(statement, attributor.candidates.speaker(subject), attributor)


def _past_participle_aside(doc: Doc, first: int, limit: int) -> int:
    """Skip `presieduti da X,` after `Secondo i giudici,`: it describes the speaker, it is not what they said."""
    if first + 1 < limit and doc.lower[first].endswith(endings("past_participle_endings")) and doc.upos[first + 1] == "ADP":
        for k in range(first + 2, min(limit, first + 10)):
            if doc.lower[k] == ",":
                return k + 1
    return first


def _clause_after_phrase(doc: Doc, i: int, limit: int) -> int | None:
    """`secondo fonti vicine al partito la crisi …`: the clause starts at the determiner after the speaker's phrase
    and up to two prepositional complements."""
    for _ in range(3):
        if i < limit and is_determiner(doc.lower[i]):
            return i
        if i + 1 < limit and doc.upos[i] == "ADP":
            i += 2 if not is_determiner(doc.lower[i + 1]) else 3
            continue
        return None
    return None


def _only_a_quote(doc: Doc, first: int, last: int) -> bool:
    """Tokens [first, last) are one quotation: `«Sono riemerse», per il presidente, «…»` is a split quote."""
    if first >= last:
        return True
    quote = doc.quote_around(doc.tokens[first].start)
    return quote is not None and quote.open == doc.tokens[first].start and quote.close >= doc.tokens[last - 1].end


def marker_statements(doc: Doc, cues: list[Cue], attributor: Attributor, found: list[Statement]) -> list[Statement]:
    """`Secondo X, …` and `…, secondo X, …`: the clause is credited to X."""
    stops, cue_starts = clause_stops(doc, cues)
    out: list[Statement] = []
    covered = SpanSet((s.start, s.end) for s in found)
    for cue in cues:
        if not cue.marker:
            continue
        candidate = attributor.candidates.by_first.get(cue.last) or attributor.candidates.by_first.get(
            _after_determiners(doc, cue.last))
        person_only = cue.lemma in attribution_words()["person_only_markers"]
        if candidate is None or (person_only and not _named_person(candidate, cue)):
            continue
        sentence_first, sentence_last = doc.sentence_bounds(cue.first)
        after = candidate.last
        while after < sentence_last and doc.lower[after] not in (",", ":", ".") and after < candidate.last + 12:
            if doc.tokens[after].text in "«“\"":
                break
            after += 1
        speaker = attributor.best_of_group(candidate, limit=after)
        apposed = attributor.candidates.by_first.get(after + 1)
        if apposed is not None and apposed.kind == "person" and apposed.last < sentence_last and doc.lower[apposed.last] == ",":
            after = apposed.last  # Secondo un suo portavoce in Crimea, Mario Rossi, …
            speaker = attributor.candidates.speaker(apposed)
        clause_first = attributor.clause_floor(cue.first)
        comma_before = cue.first >= 2 and doc.lower[cue.first - 1] == ","
        before = doc.lower[cue.first - 2] if comma_before else None
        clause_initial = (cue.first == clause_first or before in grammar("clause_joiners") or (
            cue.first == clause_first + 1 and doc.lower[clause_first] in grammar("clause_joiners")))
        unmarked = _clause_after_phrase(doc, candidate.last, sentence_last)
        if clause_initial and after < sentence_last and (doc.lower[after] == "," or unmarked is not None):
            first = after + 1 if doc.lower[after] == "," else unmarked  # Secondo X, … / Secondo X l'obiettivo …
            first = _past_participle_aside(doc, first, sentence_last)
            last = content_end(doc, first, sentence_last, stops, cue_starts)
        elif cue.first > clause_first and (comma_before or not person_only) and not _only_a_quote(
                doc, clause_first, cue.first - (1 if comma_before else 0)) and not (
                comma_before and _quotation_before(doc, cue)):  # "cameraman per France 2" credits nothing
            first = clause_first  # …, secondo X, … / … secondo X.
            if comma_before and after < sentence_last and doc.lower[after] == ",":
                last = content_end(doc, after + 1, sentence_last, stops, cue_starts)
            else:
                last = cue.first - (1 if comma_before else 0)
        else:
            continue
        opened = doc.quote_around(doc.tokens[first].start) if first < sentence_last else None
        if opened is not None and doc.tokens[first].start == opened.open:
            continue  # «Secondo X, «…»»: a direct quotation, attributed with the quotes
        statement = content_statement(doc, first, _before_final_stops(doc, first, last), cue.text(doc))
        if statement is None or covered.overlaps(statement.start, statement.end):
            continue
        statement.clause_start, statement.clause_end = doc.tokens[cue.first].start, doc.tokens[candidate.last - 1].end
        out.append(apply_speaker(statement, speaker, attributor))
    return out


def _named_person(candidate, cue: Cue) -> bool:
    """A person a common preposition (`per`) can credit: not a lone capitalised word after an article, which is a
    common noun written large (`per la Politica estera`, `per il Capodanno`), not somebody."""
    if candidate.kind != "person":
        return False
    return not (candidate.via == "name" and candidate.last - candidate.first == 1 and candidate.first > cue.last)


def _quotation_before(doc: Doc, cue: Cue) -> bool:
    """`«…», secondo X`: a quotation right before the marker is attributed as direct speech — unless the parse makes
    the marker modify a clause that starts before the quotation (`Anche la protezione di «…», secondo EFF, rischia
    di …`: the whole clause is X's)."""
    quote = doc.quote_around(doc.tokens[cue.first - 2].start)
    if quote is None:
        return False
    clause_first = modified_clause_start(doc.analysis, cue.verb)
    return clause_first is None or doc.tokens[clause_first].start >= quote.open


def _before_final_stops(doc: Doc, first: int, last: int) -> int:
    """`last` moved back over the sentence-final marks that end the content tokens [first, last)."""
    while last > first and doc.tokens[last - 1].text in ".!?…":
        last -= 1
    return last


def _after_determiners(doc: Doc, i: int) -> int:
    while i < len(doc.tokens) - 1 and doc.lower[i] in grammar("marker_fillers"):
        i += 1
    while i < len(doc.tokens) - 1 and is_determiner(doc.lower[i]):
        i += 1
    return i


def anaphoric_statements(doc: Doc, cues: list[Cue], attributor: Attributor, found: list[Statement]) -> list[Statement]:
    """`… . Lo ha confermato X`: the previous sentence is what X confirmed."""
    out: list[Statement] = []
    covered = SpanSet((s.start, s.end) for s in found)
    for number, cue in enumerate(cues):
        if cue.marker or cue.passive or not attributor.is_anaphoric(cue) or cue.first == 0:
            continue
        previous_first, previous_last = doc.sentence_bounds(cue.first - 1)
        if doc.paragraph(previous_first) != doc.paragraph(cue.first) or any(
                not c.marker and previous_first <= c.first < previous_last for c in cues[max(0, number - 5) : number]):
            continue  # the previous sentence is already someone's statement
        last = _before_final_stops(doc, previous_first, previous_last)
        statement = content_statement(doc, previous_first, last, cue.text(doc))
        if statement is None or covered.overlaps(statement.start, statement.end):
            continue
        statement.clause_start, statement.clause_end = doc.tokens[cue.first].start, doc.tokens[cue.last - 1].end
        out.append(apply_speaker(statement, attributor.after(cue.last), attributor))
    return out

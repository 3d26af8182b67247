"""Reported speech: cue verbs (every tense and person, gerunds, compound tenses) and attribution markers, and the
clause each of them reports.

A cue is a verb group (`ha inoltre ribadito`, `avrebbe detto`, `sostenendo`, `fa sapere`) or a marker (`secondo`,
`a detta di`). What it reports depends on the verb's frames in `speech_verbs.yaml`: a `che`/`di` clause, an object
plus `di` (accusare X di Y), an object plus a predicate (definire X come Y) or only quoted words (parla di «…»).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .cues import (VerbForm, auxiliary_forms, endings, fold_apostrophe, grammar, is_infinitive, is_of, light_verbs,
                   load_lexicon, preposition_lemma, speech_verb_frames, strip_clitic, verb_forms)
from .quotes import OPENERS
from .syntax import hangs_inside, quoted_object
from .spans import Doc

OPENING_MARKS = frozenset(OPENERS) | {":"}

@lru_cache(maxsize=1)
def attribution_words() -> dict:
    data = load_lexicon("attribution.yaml")
    return {
        "markers": sorted((tuple(fold_apostrophe(m).split()) for m in data["markers"]), key=len, reverse=True),
        "closing": [tuple(fold_apostrophe(m).split()) for m in data["closing_phrases"]],
        "complementizers": frozenset(data["complementizers"]),
        "adverbs": frozenset(fold_apostrophe(str(w)) for w in data["adverbs"]),
        "inserts": frozenset(fold_apostrophe(str(w)) for w in data["adverbs"] + data["group_words"]),
        "breaks": frozenset(str(w) for w in data["clause_breaks"]),
        "person_only_markers": frozenset(data["person_only_markers"]),
    }


@dataclass
class Cue:
    """A speech verb group or attribution marker. Token ranges are [first, last)."""

    first: int  # first token of the group (auxiliary, clitic or marker)
    last: int  # one past the verb (or the marker words)
    verb: int  # the speech verb (or the marker's first word)
    lemma: str
    frames: frozenset[str]
    gerund: bool = False
    marker: bool = False
    passive: bool = False
    complementizer: int | None = None  # token of che / di / se / come that opens the content

    def text(self, doc: Doc) -> str:
        """The cue as written, with its complementizer when it follows the verb directly (`ha detto che`)."""
        return doc.span_text(self.first, self.complementizer + 1 if self.complementizer == self.last else self.last)


def find_cues(doc: Doc) -> list[Cue]:
    """Every speech-verb group and attribution marker, in text order (content not yet set)."""
    cues: list[Cue] = []
    forms, (light, light_forms) = verb_forms(), light_verbs()
    inserts = attribution_words()["inserts"]
    if doc.analysis.has_parse:
        candidates = range(len(doc.lower))
    else:  # only lexicon words can be cues: skip the rest without looking
        candidates = doc.where(_cue_words())
    for i in candidates:
        lower = doc.lower[i]
        form = forms.get(lower) or _parsed_form(doc, i)
        if form is None and lower in light:
            spec = light[lower]
            j = _skip_back(doc, i - 1, inserts)
            if j >= 0 and light_forms.get(doc.lower[j]) == spec["after"]:
                first = _auxiliaries_before(doc, j)
                cues.append(Cue(first, i + 1, i, f"{doc.lower[j]} {lower}", frozenset(spec["frames"])))
            continue
        if form is None or _noun_use(doc, i):
            continue
        first = _auxiliaries_before(doc, i)
        has_aux = any(doc.lower[k] in auxiliary_forms() for k in range(first, i))
        if form.participle and not has_aux:
            continue  # an adjective: "ritenuta la vera artefice"
        if not form.finite and not form.participle and not form.gerund and not has_aux:
            continue  # a bare infinitive: "senza dire"
        group = doc.lower[first:i]
        reflexive = any(w in grammar("reflexive_clitics") for w in group) or lower.endswith(endings("reflexive_clitics"))
        passive = form.participle and any(auxiliary_forms().get(w) == "essere" for w in group) and not reflexive
        frames = form.frames | {"predicate"} if reflexive and "reflexive_predicate" in form.frames else form.frames
        cues.append(Cue(first, i + 1, i, form.lemma, frames, gerund=form.gerund, passive=passive))
    cues.extend(_markers(doc))
    cues.sort(key=lambda c: c.first)
    return cues


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """Words that may be a cue's verb: speech-verb forms and the verbs of light-verb cues."""
    return frozenset(verb_forms()) | frozenset(light_verbs()[0])


def _parsed_form(doc: Doc, i: int) -> VerbForm | None:
    """A speech verb the lexicon's regular conjugation misses (`aggiungendo`), known by the parse's lemma."""
    token = doc.tokens[i]
    if not doc.analysis.has_parse or token.upos != "VERB":
        return None
    frames = speech_verb_frames().get(token.lemma.casefold())
    if frames is None:
        return None
    feats = token.feats.split("|")
    return VerbForm(token.lemma.casefold(), frames, finite="VerbForm=Fin" in feats, gerund="VerbForm=Ger" in feats,
                    participle="VerbForm=Part" in feats)


def _noun_use(doc: Doc, i: int) -> bool:
    """`le accuse`, `gli attacchi`, `il Consiglio di Sicurezza`: a noun that looks like a verb form."""
    word = doc.tokens[i].text
    if i == 0:
        return False
    before = doc.lower[i - 1]
    if word[:1].isupper() and doc.sentence_bounds(i)[0] != i and before not in OPENING_MARKS:
        return True
    if before in grammar("noun_determiners") or (preposition_lemma(before) not in (None, before) and before != "d'"):
        return True  # "le accuse", "nel consiglio"; a bare preposition may precede an infinitive ("di dire")
    return before in grammar("article_or_clitic") and doc.lower[i].endswith("i") and not doc.lower[i].endswith("ti")


def _skip_back(doc: Doc, j: int, inserts: frozenset[str]) -> int:
    while j >= 0 and doc.lower[j] in inserts and doc.lower[j] not in auxiliary_forms():
        j -= 1
    return j


def _auxiliaries_before(doc: Doc, i: int) -> int:
    """First token of the verb group ending at i: auxiliaries, reflexive/clitic pronouns and adverbs in between."""
    inserts = attribution_words()["inserts"]
    first = i
    j = i - 1
    while j >= 0 and j >= i - 5:
        lower = doc.lower[j]
        sentence_start = doc.sentence_bounds(j)[0] == j
        if lower in auxiliary_forms() or (lower in inserts and (doc.tokens[j].text[:1].islower() or sentence_start)):
            if lower in auxiliary_forms() or lower in grammar("clitics"):
                first = j
            j -= 1
            continue
        break
    return first  # an adverb alone before the verb is not part of the group


def _markers(doc: Doc) -> list[Cue]:
    out = []
    by_first_word = _markers_by_first_word()
    for i in doc.where(by_first_word):
        for words in by_first_word[doc.lower[i]]:
            if tuple(doc.lower[i : i + len(words)]) == words:
                if len(words) == 1 and i > 0 and doc.lower[i - 1] in grammar("ordinal_markers"):
                    break  # "il secondo giorno": an ordinal
                out.append(Cue(i, i + len(words), i, " ".join(words), frozenset({"marker"}), marker=True))
                break
    return out


@lru_cache(maxsize=1)
def _markers_by_first_word() -> dict[str, list[tuple[str, ...]]]:
    """Attribution markers (longest first) by their first word."""
    by_first_word: dict[str, list[tuple[str, ...]]] = {}
    for words in attribution_words()["markers"]:
        by_first_word.setdefault(words[0], []).append(words)
    return by_first_word


def find_content(doc: Doc, cue: Cue, stops: set[int], cue_starts: set[int]) -> tuple[int, int, int | None] | None:
    """Token range of what a verb cue reports, and the token of its complementizer; None when the verb only takes a
    noun phrase (`ha condannato l'attacco`) or introduces a quotation by a colon. `stops` are tokens where another
    cue's clause begins; `cue_starts` the first tokens of all cues (a quotation followed by one is direct speech)."""
    return _surface_content(doc, cue, stops, cue_starts) or _parsed_content(doc, cue, stops, cue_starts)


def _surface_content(doc: Doc, cue: Cue, stops: set[int], cue_starts: set[int]) -> tuple[int, int, int | None] | None:
    n = len(doc.tokens)
    words = attribution_words()
    sentence_first, sentence_last = doc.sentence_bounds(cue.verb)
    j = cue.last
    while j < sentence_last and doc.lower[j] in words["adverbs"]:
        j += 1
    if j >= sentence_last:
        return None
    lower = doc.lower[j]
    start: int | None = None
    complementizer: int | None = None
    if lower in words["complementizers"] and cue.frames & {"che", "se", "object"}:
        start, complementizer = j + 1, j
    elif is_of(lower) and len(lower) <= 2:  # "di" / "d'" + infinitive, not an articulated "della"
        if "di" in cue.frames and j + 1 < n and (is_infinitive(doc.lower[j + 1]) or doc.lower[j + 1] in grammar("auxiliary_infinitives")):
            start, complementizer = j + 1, j
    if start is None and "object" in cue.frames:
        start = _object_then(doc, j, sentence_last, cue)
    elif start is None and cue.frames & {"label", "predicate"}:
        start = _object_then(doc, j, sentence_last, cue, labelling=True)
    quoted_object = start is None and (not cue.gerund or "quote" in cue.frames)
    if quoted_object:
        start = _object_with_quote(doc, j, sentence_last, (stops, cue_starts), 8)
    if start is None or start >= sentence_last:
        return None
    end = content_end(doc, start, sentence_last, stops, cue_starts)
    if quoted_object:
        end = _after_last_quote(doc, start, end)
    if end <= start:
        return None
    return start, end, complementizer


def _parsed_content(doc: Doc, cue: Cue, stops: set[int], cue_starts: set[int]) -> tuple[int, int, int | None] | None:
    """With a dependency parse, a `che`/`di` clause the surface rules did not reach (`aggiungendo anche che …`):
    the clause the verb governs through a complementizer, from the complementizer on, ending where the rules end
    reported content. Not a quotation: those are direct speech, attributed with their marks."""
    if not doc.analysis.has_parse or cue.marker:
        return None
    from .syntax import marked_clause

    found = marked_clause(doc.analysis, cue.verb)
    if found is None:
        return _parsed_quoted_object(doc, cue, stops, cue_starts)
    complementizer, clause_end = found
    _, sentence_last = doc.sentence_bounds(cue.verb)
    first = complementizer + 1
    if not cue.last <= complementizer < sentence_last - 1 or complementizer - cue.last > 3 or any(
            doc.lower[k] in (":", ";", ".", ",") or k in cue_starts or doc.quote_around(doc.tokens[k].start)
            for k in range(cue.last, first + 1)):
        return None
    if not _frame_allows(cue, doc.lower[complementizer]):
        return None
    last = min(content_end(doc, first, sentence_last, stops, cue_starts), doc.token_before(clause_end) + 1)
    return (first, last, complementizer) if first < last else None


def _parsed_quoted_object(doc: Doc, cue: Cue, stops: set[int], cue_starts: set[int]) -> tuple[int, int, None] | None:
    """With a dependency parse, a noun object holding quoted words further than the surface window reaches, past
    commas and relative clauses (`ha sottolineato gli obiettivi del vertice, dal quale è emersa «…»`): mixed
    content, the object's whole phrase. The object must follow the verb group directly."""
    if cue.gerund and "quote" not in cue.frames:
        return None
    found = quoted_object(doc.analysis, cue.verb)
    if found is None:
        return None
    first, end = found
    j = cue.last
    _, sentence_last = doc.sentence_bounds(cue.verb)
    while j < sentence_last and doc.lower[j] in attribution_words()["adverbs"]:
        j += 1
    if first != j or end > sentence_last:
        return None
    quoted = [doc.quote_around(doc.tokens[k].start) for k in range(first, end) if doc.tokens[k].text in OPENING_MARKS]
    if not any(q is not None and not quoted_name(doc.text[q.start : q.end]) for q in quoted):
        return None
    last = min(content_end(doc, first, sentence_last, stops, cue_starts), end)
    return (first, last, None) if first < last else None


def _frame_allows(cue: Cue, complementizer: str) -> bool:
    """Whether the verb's frames take a clause opened by this word (`dire che`, `dire di`; not `invitare a`)."""
    if complementizer in attribution_words()["complementizers"]:
        return bool(cue.frames & {"che", "se"})
    return is_of(complementizer) and len(complementizer) <= 2 and "di" in cue.frames


def _object_with_quote(doc: Doc, j: int, limit: int, stops: tuple[set[int], ...], window: int) -> int | None:
    """`ha espresso «forte insoddisfazione» per …`, `parla di «…»`: a noun phrase is reported speech only when it
    holds quoted words (then it is mixed), not a quoted name (`il "Lodo Alfano"`)."""
    for k in range(j, min(limit, j + window)):
        if doc.lower[k] in (".", ";", ":", ",") or (k == j and doc.upos[k] in ("AUX", "VERB")) or (
                k > j and any(k in s for s in stops)):
            return None
        quote = doc.quote_around(doc.tokens[k].start) if doc.tokens[k].text in OPENING_MARKS else None
        if quote is not None and not quoted_name(doc.text[quote.start : quote.end]):
            return j + 1 if is_of(doc.lower[j]) else j
    return None


def quoted_name(words: str) -> bool:
    """A title or a name in quotes: every word capitalised (`"Lodo Alfano"`, «Porta a Porta» aside)."""
    parts = [w for w in words.split() if len(w) > 3]
    return bool(parts) and all(w[:1].isupper() for w in parts)


def _after_last_quote(doc: Doc, start: int, end: int) -> int:
    """A quoted object ends at the first comma or bracket after its last quotation."""
    last_close = None
    k = start
    while k < end:
        quote = doc.quote_around(doc.tokens[k].start)
        if quote is not None and quote.open == doc.tokens[k].start:
            k = doc.token_at(quote.close)
            last_close = k
            continue
        if last_close is not None and doc.lower[k] in (",", "(", "-", "–"):
            return k
        k += 1
    return end


def _object_then(doc: Doc, j: int, limit: int, cue: Cue, labelling: bool = False) -> int | None:
    """For `accusare X di Y` / `chiedere a X di Y` / `definire X come Y`: the content starts at X when the link
    (di/a + infinitive, any di-complement for accusations, come/che for labels, or a quotation) follows X within a
    few words. A clitic object (`l'ha definita come`) makes the content start after the link."""
    clitic = strip_clitic(doc.lower[cue.verb]) != doc.lower[cue.verb] or (
        cue.first < cue.verb and doc.lower[cue.first] in grammar("object_clitics"))
    for k in range(j, min(limit, j + 9)):
        lower = doc.lower[k]
        link = (lower in words_of("complementizers") or is_of(lower)) if labelling else (
            preposition_lemma(lower) in grammar("of") | grammar("to"))
        if link and k > j:
            accusation = not labelling and "di" not in cue.frames  # accusare X di Y: any complement of di
            if labelling or accusation or (k + 1 < limit and is_infinitive(doc.lower[k + 1])):
                return j
            continue
        if link and k == j and clitic and lower in words_of("complementizers"):
            return j + 1  # l'ha definita come …; "accusandolo di …" names no one and is not kept
        if labelling and doc.tokens[k].text in OPENING_MARKS and doc.quote_around(doc.tokens[k].start) is not None:
            return j
        if lower in (".", ";", ":") or doc.upos[k] == "AUX":
            break
    return None


def words_of(name: str) -> frozenset[str]:
    return attribution_words()[name]


def content_end(doc: Doc, start: int, limit: int, stops: set[int], cue_starts: set[int]) -> int:
    """Where reported content ends: the sentence end, a semicolon or colon, a new cue's clause, a `mentre` clause,
    or a quotation that has its own attribution (handled as direct speech)."""
    breakers, gerund_endings = grammar("content_breakers"), endings("gerund_endings")
    k = start
    while k < limit:
        quote = doc.quote_opening_at(doc.starts[k])
        if quote is not None and k > start:
            if doc.lower[k - 1] == "," and k - start > 2 and len(doc.text[quote.start : quote.end].split()) >= 4:
                break  # «…» after a comma: the speaker's own words, a direct statement of its own
            after = doc.token_at(quote.close)
            while after < len(doc.tokens) and doc.tokens[after].text in (",", "-", "–", "—"):
                after += 1
            if k in stops or after in cue_starts:
                break
            k = after
            continue
        if doc.lower[k] in (";", ":") or (doc.lower[k] in breakers and k > start) or k in stops:
            break
        if doc.lower[k] == "," and k + 1 < limit and strip_clitic(doc.lower[k + 1]).endswith(gerund_endings) and (
                not hangs_inside(doc.analysis, k + 1, start, k)):
            break  # ", andando a …": the journalist's gloss, unless the parse hangs it on a word of the clause
        k += 1
    return k


def clause_start_before(doc: Doc, cue: Cue) -> int:
    """Where the clause of a cue begins, for cutting a preceding content: the comma or conjunction before it."""
    breaks = attribution_words()["breaks"]
    k = cue.first - 1
    floor = max(doc.sentence_bounds(cue.first)[0], cue.first - 8)
    while k >= floor:
        if doc.lower[k] in breaks:
            return k
        k -= 1
    return cue.first

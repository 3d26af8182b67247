"""Stance cues in a span and the composition rules a bag of words gets wrong: negation (and double negation),
hedging (conditionals), passives, object clitics, labelling participles, and binding each cue to the one
counterpart it is about."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter

from ..analysis import Analysis
from .counterparts import Counterpart
from .lexicon import CueForm, StanceLexicon, starts_with_any, word_matches
from .words import Word


_start = attrgetter("start")  # a bisect key called in C, not a Python call per probe
_folded = attrgetter("folded")


@dataclass
class Cue:
    form: CueForm
    first: int  # word indices [first, last)
    last: int
    sign: int  # +1 support / -1 oppose, after negation
    weight: float  # strength after hedging
    evidence_start: int  # character span of the evidence (negation included)
    evidence_end: int
    reported: bool = False  # someone else's act or stance ("il sostegno occidentale a Kiev", "ha revocato X")


@dataclass
class Placed:
    """A counterpart placed among the words of a span."""

    counterpart: Counterpart
    word: int  # index of its first word
    sentence: int
    clause: int


def find_cues(words: list[Word], lexicon: StanceLexicon, starting_before: int | None = None) -> list[Cue]:
    """The cues of a span, left to right, longest first; only those starting before the offset `starting_before`
    when it is given (the words after it still complete or rule out a cue)."""
    cues: list[Cue] = []
    stop = len(words) if starting_before is None else bisect_left(words, starting_before, key=_start)
    free_from = 0  # the words of a cue are part of no other
    for i in lexicon.where_forms_may_start(map(_folded, words[:stop])):
        if i < free_from:
            continue
        forms = lexicon.forms_starting_with(words[i].folded, words[i + 1].folded if i + 1 < len(words) else None)
        match = _match_at(words, i, forms, lexicon) if forms else None
        if match is None:
            continue
        form, last, reported = match
        cue = _compose(form, words, i, last, lexicon)
        cue.reported = reported
        cues.append(cue)
        free_from = last
    return cues


def _match_at(
    words: list[Word], i: int, forms: tuple[CueForm, ...], lexicon: StanceLexicon
) -> tuple[CueForm, int, bool] | None:
    """The longest of `forms` (those whose first word matches word `i`) that the words from `i` spell."""
    for form in forms:
        pattern = form.words
        last = i + len(pattern)
        if last > len(words):
            continue
        k = 1
        while k < len(pattern) and word_matches(pattern[k], words[i + k].folded):
            k += 1
        if k < len(pattern):
            continue
        following = words[last].folded if last < len(words) else ""
        if following in form.unless_followed_by:
            continue  # "sostenendo che" reports speech
        # "il sostegno occidentale", "ha revocato X": someone else's stance or act, which the speaker may judge
        return form, last, form.act or following in lexicon.agent_qualifiers
    return None


def _compose(form: CueForm, words: list[Word], first: int, last: int, lexicon: StanceLexicon) -> Cue:
    """Apply negation (odd count of negators before the cue flips it) and hedging to one matched cue."""
    cue_word = words[first]
    window = [w for w in words[max(0, first - lexicon.negation_window) : first] if w.clause == cue_word.clause]
    negators = [w for w in window if w.folded in lexicon.negators] or [
        w for w in window if w.folded in lexicon.concord
    ][:1]
    sign = form.sign * (-1 if len(negators) % 2 else 1)
    hedged = any(w.folded in lexicon.hedges for w in words[:first] if w.sentence == cue_word.sentence) or any(
        w.folded.endswith(lexicon.conditional_endings) for w in words[first:last]
    )
    weight = form.strength * (lexicon.hedge_factor if hedged else 1.0)
    evidence_start = negators[0].start if negators else cue_word.start
    return Cue(form, first, last, sign, weight, evidence_start, words[last - 1].end)


def place(counterparts: list[Counterpart], words: list[Word]) -> list[Placed]:
    placed = []
    for c in counterparts:
        i = bisect_left(words, c.start, key=_start)
        if i < len(words):
            placed.append(Placed(c, i, words[i].sentence, words[i].clause))
    return placed


def bind(
    cue: Cue,
    words: list[Word],
    candidates: list[Placed],
    lexicon: StanceLexicon,
    analysis: Analysis | None = None,
) -> Placed | None:
    """The one counterpart a cue is about (the distance rule). The constructions that name it outright (a clitic of
    the cue, a labelling participle) come first; then, for labels, what the parse links them to when there is a
    parse (plain position is weakest for them); otherwise, and for verbs and nouns with an object, position."""
    here = words[cue.first]
    same_sentence = [c for c in candidates if c.sentence == here.sentence]
    if not same_sentence:
        return None
    inside = [c for c in same_sentence if cue.first <= c.word < cue.last and c.counterpart.via == "pronoun"]
    if inside:
        return inside[0]  # a clitic of the cue itself: "lasciatelo governare"
    binds = cue.form.binds
    clause_start = next(i for i, w in enumerate(words) if w.clause == here.clause)
    opening = words[clause_start].folded
    if not cue.reported and starts_with_any(opening, lexicon.labelling_participles) and clause_start <= cue.first:
        before = [c for c in same_sentence if c.word < clause_start]
        return before[-1] if before else None  # "l'UE, ritenuta la vera artefice ..." labels the UE
    if analysis is not None and analysis.has_parse and binds in ("near", "subject"):
        linked = _linked_by_parse(analysis, words, cue.first, same_sentence)
        if linked is not None:
            return linked
    if binds in ("object", "agent") and _is_passive(words, cue, lexicon):
        binds = "subject"
    predicate = words[max(0, cue.first - lexicon.copula_window) : cue.first]
    if binds == "near" and any(w.folded in lexicon.copulas and w.clause == here.clause for w in predicate):
        binds = "subject"  # "X, che ..., è illegittima": the label is about the subject
    if binds in ("object", "agent") and words[cue.first].folded.endswith(lexicon.clitic_object_endings):
        before = [c for c in same_sentence if c.word < cue.first]
        return before[-1] if before else None  # "accusandolo": the one named just before
    after = [
        c
        for c in same_sentence
        if c.word >= cue.last
        and c.clause == here.clause
        and words[c.word - 1].folded not in lexicon.locative_prepositions
    ]
    before_in_clause = [c for c in same_sentence if c.word < cue.first and c.clause == here.clause]
    if binds == "subject":  # "fuggendo dall'Ucraina è divenuto illegittimo": a prepositional object is no subject
        before_in_clause = [
            c for c in before_in_clause if not c.word or words[c.word - 1].folded not in lexicon.prepositions
        ]
    if binds == "agent" and before_in_clause:
        return before_in_clause[0]
    if cue.reported:  # the one an act is done to is its direct object, a short phrase away
        after = [c for c in after if c.word - cue.last < lexicon.act_window]
    if binds == "object" and not after:  # "a Parisi sono state rivolte accuse": the dative before it
        dative = [c for c in before_in_clause if after_addressee_marker(words, c.word, lexicon)]
        return dative[-1] if dative else None
    if binds in ("object", "agent"):
        return after[0] if after else None
    if binds == "near":
        nearest = [(cue.first - c.word, 0, c) for c in before_in_clause[-1:]] + [
            (c.word - cue.last, 1, c) for c in after[:1]
        ]
        if nearest:
            return min(nearest, key=lambda t: (t[0], t[1]))[2]
    if before_in_clause:
        return before_in_clause[0]
    earlier = [c for c in same_sentence if c.clause < here.clause]
    return earlier[0] if earlier else None  # the sentence's subject ("Se X prova..., avrà problemi")


def after_addressee_marker(words: list[Word], i: int, lexicon: StanceLexicon) -> bool:
    """Does word `i` follow a marker of the one addressed ("a", "contro", "nei confronti di")?"""
    markers = lexicon.addressee_markers_ending_with(words[i - 1].folded) if i else ()
    return any(i >= len(m) and tuple(w.folded for w in words[i - len(m) : i]) == m for m in markers)


def possessor(target: Placed, words: list[Word], candidates: list[Placed], lexicon: StanceLexicon) -> Placed | None:
    """The counterpart right after a bound one in a genitive ("il governo | di Putin"), which shares its stance."""
    i = bisect_left(words, target.counterpart.end, key=_start)
    if i + 1 < len(words) and words[i].folded in lexicon.genitives:
        return next((c for c in candidates if c.word == i + 1), None)
    return None


def _is_passive(words: list[Word], cue: Cue, lexicon: StanceLexicon) -> bool:
    if not words[cue.first].folded.endswith(lexicon.participle_endings):
        return False
    for aux in lexicon.passive_auxiliaries:
        start = cue.first - len(aux)
        if start >= 0 and tuple(w.folded for w in words[start : cue.first]) == aux:
            return True
    return False


def _linked_by_parse(analysis: Analysis, words: list[Word], cue_at: int, candidates: list[Placed]) -> Placed | None:
    """A candidate governed by the cue word (within three steps) or governing it directly, nearest first."""
    cue_word = words[cue_at]
    starts = [t.start for t in analysis.tokens]
    token_at = lambda offset: (
        analysis.tokens[max(0, bisect_left(starts, offset + 1) - 1)] if starts else None
    )  # noqa: E731
    cue_token = token_at(cue_word.start)
    if cue_token is None:
        return None
    linked = []
    for c in candidates:
        token = token_at(c.counterpart.start)
        chain, hop = [], token
        for _ in range(3):
            if hop is None or hop.head is None:
                break
            chain.append(hop.head)
            hop = analysis.tokens[hop.head]
        if cue_token.i in chain or cue_token.head == token.i:
            linked.append(c)
    return min(linked, key=lambda c: abs(c.word - cue_at)) if linked else None


def judged_acts(cues: list[Cue], words: list[Word]) -> list[tuple[Cue, int]]:
    """Someone else's acts the speaker condemns in the same sentence, each with the sign that gives their object:
    condemned support opposes its recipient ("la vera artefice del sostegno occidentale a Kiev"), a condemned
    sanction supports its victim ("la decisione che aveva revocato X è illegittima"). Other acts say nothing: a
    positive word nearby is seldom about the act ("la decisione del Tar conferma che la revoca di X ...")."""
    condemned = {words[c.first].sentence for c in cues if not c.reported and c.sign < 0}
    return [(act, -act.sign) for act in cues if act.reported and words[act.first].sentence in condemned]


def negative_imperative(words: list[Word], lexicon: StanceLexicon) -> tuple[int, int] | None:
    """The span of a negative imperative opening the quote ("Non si ritiri"), or None."""
    rule = lexicon.negative_imperative
    content = list(islice((w for w in words if not w.is_punct), 3))  # the negator, a clitic, the verb
    if len(content) < 2 or content[0].folded not in lexicon.negators:
        return None
    verb = content[1]
    if verb.folded in rule.clitics and len(content) > 2:
        verb = content[2]
    if verb.folded in rule.not_verbs or verb.folded.endswith("'") or not verb.folded.endswith(rule.endings):
        return None
    return content[0].start, verb.end

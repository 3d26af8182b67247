"""Stance: the counterparts a statement is about, and the speaker's stance toward each.

Counterparts come from the quote (and, for the one addressed or accused, from the reporting clause); each stance
cue of the lexicon (`quotetrack/data/lexicon/stance.yaml`) binds to the one counterpart it is about, after negation
and hedging; counterparts no cue binds to are neutral. `docs/stance.md` describes the rules and the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from operator import or_

from ..analysis import Analysis
from ..kb import KnowledgeBase, fold
from ..models import Article, Statement, Target
from .counterparts import Counterpart
from .cues import Placed, after_addressee_marker, bind, find_cues, judged_acts, negative_imperative, place, possessor
from .lexicon import StanceLexicon, default_lexicon, load_lexicon
from .reading import ArticleReading, read_article

__all__ = ["annotate_targets", "StanceLexicon", "load_lexicon", "default_lexicon", "LABEL_THRESHOLD"]

LABEL_THRESHOLD = 0.15  # |score| below this is neutral (cues that cancel out, or very weak ones)


@dataclass
class _Votes:
    counterpart: Counterpart
    scores: list[tuple[float, int, int]] = field(default_factory=list)  # (score, evidence start, end)

    def add(self, score: float, start: int, end: int) -> None:
        self.scores.append((score, start, end))


def annotate_targets(
    statement: Statement,
    article: Article,
    analysis: Analysis,
    kb: KnowledgeBase,
    lexicon: StanceLexicon | None = None,
) -> list[Target]:
    """Targets of one statement, each with stance, score in [-1, 1] and the evidence words (a substring of the
    quote or of the reporting clause). Pure: reads its arguments only."""
    lexicon = lexicon or default_lexicon()
    text = article.text
    day = article.published if article.dated else None  # an ingest day says nothing about who held a role
    reading = read_article(text, day, analysis, kb, lexicon)
    is_self = _self_test(statement.speaker, kb)
    votes: dict[str, _Votes] = {}

    def vote(placed: Placed | None, score: float | None, start: int = 0, end: int = 0) -> None:
        if placed is None or is_self(placed.counterpart.name):
            return
        entry = votes.setdefault(fold(placed.counterpart.name), _Votes(placed.counterpart))
        if score is not None:
            entry.add(score, start, end)

    def apply(cue, words, placed) -> Placed | None:
        """Vote with one cue for the counterpart it binds to (and for that one's owner: "il governo di Putin")."""
        target = bind(cue, words, placed, lexicon, analysis)
        if target is not None:
            for one in (target, possessor(target, words, placed, lexicon)):
                vote(one, cue.sign * cue.weight, cue.evidence_start, cue.evidence_end)
        return target

    quote_words = reading.words_between(statement.start, statement.end)
    in_quote = _inside(reading, statement.start, statement.end, is_self)
    in_quote += _pronoun_referents(statement, reading, quote_words, is_self, lexicon)
    in_quote += _listed_after(statement, reading, quote_words, is_self, lexicon)
    quote_placed = place(sorted(in_quote, key=lambda c: c.start), quote_words)
    for placed in quote_placed:
        vote(placed, None)
    quote_cues = find_cues(quote_words, lexicon)
    for cue in quote_cues:
        if not cue.reported:
            apply(cue, quote_words, quote_placed)
    for act, sign in judged_acts(quote_cues, quote_words):
        act.sign = sign
        apply(act, quote_words, quote_placed)

    addressee = None
    if statement.clause_start is not None and statement.clause_end is not None:
        addressee = _reporting_clause(statement, reading, is_self, lexicon, apply, vote)
    imperative = negative_imperative(quote_words, lexicon)
    if imperative is not None and addressee is not None:
        rule = lexicon.negative_imperative
        vote(addressee, (1 if rule.stance == "support" else -1) * rule.strength, *imperative)

    targets = [_target(v, text) for v in votes.values()]
    if not any(t.stance == "neutral" for t in targets):
        return targets
    own_side = _own_side(statement.speaker, kb, kb.generation)
    return [t for t in targets if not (t.stance == "neutral" and fold(t.entity) in own_side)]


def _reporting_clause(statement, reading, is_self, lexicon, apply, vote) -> Placed | None:
    """Stance cues of the reporting clause ("Trump attacca Zelensky:", "accusandolo"); returns the one addressed.

    The clause is read from the start of its sentence, so an object pronoun ("accusandolo") reaches the person
    named just before it; counterparts outside the clause count only when a clause cue binds to them.
    """
    text = reading.text
    start, end = statement.clause_start, statement.clause_end
    sentence_start = max(text.rfind(mark, 0, start) for mark in (". ", "\n", "! ", "? ")) + 1
    # a clause before the quote governs it: "ha accusato | il governo russo di aver invaso..."
    reach = statement.end if end <= statement.start else end
    words = reading.words_between(sentence_start, reach)
    placed = place(_inside(reading, sentence_start, reach, is_self), words)
    # stance words before the speech verb belong to another act ("X ringrazia Y ... e dichiara che")
    verb_at = text.rfind(statement.cue, start, end) if statement.cue and statement.cue != ":" else -1
    from_here = verb_at if verb_at >= 0 else start
    if statement.cue and statement.cue.endswith(lexicon.gerund_endings):
        from_here = sentence_start  # "ha espresso insoddisfazione per Y, definendo ...": one act
    addressee = None
    for cue in find_cues(words, lexicon, starting_before=end):
        if cue.reported or not (from_here <= words[cue.first].start and cue.evidence_end <= end):
            continue
        cue.evidence_start = max(cue.evidence_start, start)  # the evidence stays inside the clause
        addressee = addressee or apply(cue, words, placed)
    for p in placed:
        if from_here <= p.counterpart.start < end and after_addressee_marker(words, p.word, lexicon):
            vote(p, None)
            addressee = addressee or p
    return addressee


def _pronoun_referents(statement, reading, quote_words, is_self, lexicon) -> list[Counterpart]:
    """Pronouns of the quote that point outside it, each as a counterpart at the pronoun's place, so cues bind to
    it like to a name: second person ("la vostra proposta") → the one addressed in the reporting sentence, third
    person ("lui", "lasciatelo") → the person that sentence addresses ("riferendosi al premier"), else the one
    person it names. Unresolved (none or several) pronouns are left alone."""
    if statement.clause_start is None or statement.clause_end is None:
        return []
    folded = [w.folded for w in quote_words]
    # a pronoun, or an imperative's clitic ("lasciatelo": the person the sentence is about); each word tested in C
    clitics = repeat(lexicon.imperative_clitic_endings)
    may_point_out = map(or_, map(lexicon.pronouns.__contains__, folded), map(str.endswith, folded, clitics))
    pronouns = [(w, w.folded in lexicon.addressee_pronouns) for w in compress(quote_words, may_point_out)]
    if not pronouns:
        return []  # most quotes: nothing to resolve
    start, end = _reporting_sentence(statement, reading.text)
    around = [m for m in _inside(reading, start, end, is_self) if not statement.start <= m.start < statement.end]
    clause = reading.words_between(start, end)
    placed = place(around, clause)
    addressed = [p.counterpart for p in placed if after_addressee_marker(clause, p.word, lexicon)]
    people = list({m.name: m for m in around if m.kind == "person"}.values())
    others = list({m.name: m for m in around}.values())
    second = addressed[-1:] or (others if len(others) == 1 else [])
    addressed_people = [c for c in addressed if c.kind == "person"]
    third = addressed_people[-1:] or (people if len(people) == 1 else [])
    return [
        Counterpart(w.start, w.end, r.name, r.kind, "pronoun")
        for w, second_person in pronouns
        for r in (second if second_person else third)
    ]


def _reporting_sentence(statement, text) -> tuple[int, int]:
    """The sentence around the reporting clause, outside the quote: where a pronoun of the quote looks."""
    start = min(statement.clause_start, statement.start)
    end = max(statement.clause_end, statement.end)
    sentence_start = max(text.rfind(mark, 0, start) for mark in (". ", "\n", "! ", "? ")) + 1
    stops = [i for i in (text.find(mark, end) for mark in (". ", "\n")) if i >= 0]
    return sentence_start, min(stops, default=len(text))


def _listed_after(statement, reading, quote_words, is_self, lexicon) -> list[Counterpart]:
    """'nei paesi che ho nominato», che includono Germania, Francia ...': a listing phrase of the quote stands for
    the counterparts named after the quote in the same sentence."""
    folded = [w.folded for w in quote_words]
    if lexicon.listing_first_words.isdisjoint(folded):
        return []  # most quotes
    may_start = [i for i, word in enumerate(folded) if word in lexicon.listing_first_words]
    found = (
        quote_words[i]
        for phrase in lexicon.listing_phrases
        for i in may_start
        if tuple(folded[i : i + len(phrase)]) == phrase
    )
    at = next(found, None)
    if at is None:
        return []
    text = reading.text
    stops = [i for i in (text.find(mark, statement.end) for mark in (". ", "\n")) if i >= 0]
    listed = _inside(reading, statement.end, min(stops, default=len(text)), is_self)
    return [Counterpart(at.start, at.end, m.name, m.kind, "listed") for m in listed]


def _inside(reading: ArticleReading, start: int, end: int, is_self) -> list[Counterpart]:
    return [m for m in reading.counterparts_inside(start, end) if not is_self(m.name)]


def _self_test(speaker: str | None, kb: KnowledgeBase):
    """A predicate: does a name refer to the speaker (never a target)?"""
    if not speaker:
        return lambda name: False
    entity = kb.get(speaker)
    key = fold(speaker)
    last = key.split()[-1]
    proper = speaker[:1].isupper()
    known: dict[str, bool] = {}  # a statement asks about the same few names again and again

    def is_self(name: str) -> bool:
        if name not in known:
            known[name] = names_self(name)
        return known[name]

    def names_self(name: str) -> bool:
        if fold(name) == key or (entity is not None and kb.get(name) is entity):
            return True
        return proper and name[:1].isupper() and fold(name).split()[-1] == last and " " in name.strip()

    return is_self


@lru_cache(maxsize=1 << 10)  # speakers come back in every statement; a changed KB has a new generation
def _own_side(speaker: str | None, kb: KnowledgeBase, generation: int) -> frozenset[str]:
    """The speaker's own country and party (folded); a speaker outside the KB takes the countries its name names
    ("Governo cinese" → Cina)."""
    if not speaker:
        return frozenset()
    entity = kb.get(speaker)
    if entity is not None:
        sides = {entity.country, getattr(entity, "party", None)}
    else:
        sides = {m.entity.name for m in kb.find_mentions(speaker) if m.entity is not None}
    return frozenset(fold(s) for s in sides if s)


def _target(votes: _Votes, text: str) -> Target:
    c = votes.counterpart
    if not votes.scores:
        return Target(c.name, "neutral", 0.0, "", c.kind)
    score = max(-1.0, min(1.0, sum(s for s, _, _ in votes.scores)))
    if abs(score) < LABEL_THRESHOLD:
        return Target(c.name, "neutral", 0.0, "", c.kind)
    stance = "support" if score > 0 else "oppose"
    strongest = max((v for v in votes.scores if (v[0] > 0) == (score > 0)), key=lambda v: abs(v[0]))
    return Target(c.name, stance, round(score, 3), text[strongest[1] : strongest[2]], c.kind)

"""What the statement classifier reads of a candidate: how it was found, its cue, its content and its quotation.

Every feature is a property of Italian reporting in general (the kind of cue, the frame the content follows, whether
the content is a clause with a verb, whether a quotation reads as an utterance or as a title), never a word of a
particular article, so that what the classifier learns carries over to news it has never read.
"""
from __future__ import annotations

import bisect
import math

from ..analysis import Document
from .candidates import Candidate
from .cues import Cue
from .speakers import SPEAKER_KINDS, MentionFacts, grammatical_roles, outermost

_END_MARKS = frozenset(".!?…")
_VERB_TAGS = frozenset({"VERB", "AUX"})


def candidate_features(doc: Document, candidate: Candidate, others: list[Candidate], cues_by_sentence: dict,
                       facts: MentionFacts, cue_words: list[int]) -> dict[str, float]:
    """The features of one statement candidate; `others` are the candidates that overlap it, `facts` the article's
    mention facts, `cue_words` the token of every cue of the article, in text order."""
    f: dict[str, float] = {
        f"origin={candidate.origin}": 1.0,
        f"kind={candidate.kind}": 1.0,
        f"frame={candidate.frame or 'none'}": 1.0,
        f"attribution={candidate.attribution or 'none'}": 1.0,
        "skipped": float(candidate.skipped),
        "parsed": float(candidate.parsed),
    }
    if candidate.reading:
        f[f"reading={candidate.reading}"] = 1.0
    cue = candidate.cue
    if cue is not None:
        f.update(_cue_features(doc, cue))
    text = doc.text[candidate.start : candidate.end]
    words = text.split()
    n_tokens = candidate.last - candidate.first
    f["tokens_log"] = math.log1p(n_tokens)
    f["words"] = float(min(len(words), 80))
    f["starts_upper"] = float(text[:1].isupper())
    f["ends_with_mark"] = float(text.rstrip()[-1:] in _END_MARKS)
    f["capitalised_share"] = sum(1 for w in words if w[:1].isupper()) / max(1, len(words))
    tokens = doc.tokens[candidate.first : candidate.last]
    lows = doc.lower[candidate.first : candidate.last]  # the columns, counted in C: a statement is dozens of words
    f["verbs"] = float(min(sum(map(_VERB_TAGS.__contains__, doc.upos[candidate.first : candidate.last])), 10))
    f["finite_verb"] = float(any(t.upos == "AUX" or (t.upos == "VERB" and "VerbForm=Inf" not in t.feats
                                                      and "VerbForm=Part" not in t.feats) for t in tokens))
    first_person, ambiguous = doc.lang.words("first_person_words"), doc.lang.words("first_person_ambiguous")
    f["first_person"] = float(not (first_person.isdisjoint(lows) and ambiguous.isdisjoint(lows)))
    quotes = doc.quotes_within(candidate.start, candidate.end)
    f["quotes_inside"] = float(min(len(quotes), 5))
    f["quoted_share"] = sum(q.end - q.start for q in quotes) / max(1, candidate.end - candidate.start)
    f["other_cues_inside"] = float(min(_other_cues_inside(candidate, cue_words), 3))
    f["sentence_marks_inside"] = float(sum(map(_END_MARKS.__contains__, doc.texts[candidate.first : candidate.last])))
    first_sentence = doc.sentence_of[candidate.first]
    f["headline"] = float(first_sentence == 0 or doc.paragraph(candidate.first) == 0)
    sentence_first, sentence_last = doc.near(candidate.first)
    f["sentence_share"] = n_tokens / max(1, sentence_last - sentence_first)
    f["cues_in_sentence"] = float(min(cues_by_sentence.get(first_sentence, 0), 6))
    before = doc.lower[candidate.first - 1] if candidate.first > 0 else ""
    if candidate.origin == "quotation":
        f.update(_quotation_features(doc, candidate, before, words))
    inside_of, contains = 0, 0
    for other in others:
        if other.start <= candidate.start and candidate.end <= other.end and (other.start, other.end) != (candidate.start, candidate.end):
            inside_of += 1
            f[f"inside_{other.origin}"] = 1.0
        elif candidate.start <= other.start and other.end <= candidate.end:
            contains += 1
        else:
            f["crosses_other"] = 1.0
    f["inside_others"] = float(inside_of)
    f["contains_others"] = float(contains)
    f.update(_speaker_evidence(doc, candidate, facts))
    return f


def _other_cues_inside(candidate: Candidate, cue_words: list[int]) -> int:
    """How many other reporting words the candidate's span holds: a span that takes in another cue (`X, che ha detto
    che …`) is often a sentence around a statement rather than the statement."""
    inside = bisect.bisect_left(cue_words, candidate.last) - bisect.bisect_left(cue_words, candidate.first)
    own = candidate.cue is not None and candidate.first <= candidate.cue.word < candidate.last
    return inside - own


def _speaker_evidence(doc: Document, candidate: Candidate, facts: MentionFacts) -> dict[str, float]:
    """Whether someone stands where a speaker stands (a subject, a post-verbal subject, a passive's agent, the object
    of `secondo`): reported speech has a speaker; a verb used in another sense often has none. With a cue, it is
    read once per cue and kept in `facts`: the roles depend on the cue alone, and a sixth of the candidates share
    their cue with another (content read two ways). Shared: copy before adding to it."""
    cue = candidate.cue
    if cue is None:
        return _read_speaker_evidence(doc, candidate, facts)
    evidence = facts.cue_evidence.get(cue)
    if evidence is None:
        evidence = facts.cue_evidence[cue] = _read_speaker_evidence(doc, candidate, facts)
    return evidence


def _read_speaker_evidence(doc: Document, candidate: Candidate, facts: MentionFacts) -> dict[str, float]:
    anchor = candidate.cue.word if candidate.cue is not None else candidate.first
    first, last = doc.near(min(anchor, len(doc.tokens) - 1), reach=60)
    mentions = outermost([m for m in doc.mentions_within(first, last) if m.kind in SPEAKER_KINDS])
    roles = grammatical_roles(doc, candidate, mentions, facts)
    by_first = {m.first: m for m in mentions}
    f: dict[str, float] = {}
    for first_token, role in roles.items():
        if role in ("subject", "postverbal", "agent", "source", "voice", "marker", "relative", "after", "apposition"):
            f[f"speaker_role={role}"] = 1.0
            m = by_first.get(first_token)
            if m is not None:
                f[f"speaker_role_kind={m.kind}"] = 1.0
                f[f"speaker_role_via={m.via}"] = 1.0
    return f


def _cue_features(doc: Document, cue: Cue) -> dict[str, float]:
    f = {
        f"cue_kind={cue.kind}": 1.0,
        f"cue_tense={cue.tense}": 1.0,
        f"cue_sense={cue.sense}": 1.0,
        "cue_auxiliary": float(cue.auxiliary),
        "cue_passive": float(cue.passive),
        "cue_reflexive": float(cue.reflexive),
        "cue_negated": float(cue.negated),
        "cue_governed": float(cue.governed),
        "cue_polarity": cue.polarity,
        "cue_person_only": float(cue.person_only),
        "cue_capitalised": float(doc.tokens[cue.word].text[:1].isupper()),
        "cue_in_quote": float(doc.quote_around(doc.tokens[cue.word].start) is not None),
        "cue_frames": float(len(cue.frames)),
        "cue_needs_speaking_subject": float(cue.kind == "verb" and cue.lemma in doc.lang.speaking_subject_verbs),
    }
    for frame in cue.frames:
        f[f"cue_frame={frame}"] = 1.0
    subject = cue.first - 1
    f["cue_after_comma"] = float(subject >= 0 and doc.lower[subject] == ",")
    f["cue_sentence_initial"] = float(cue.first == doc.sentence_bounds(cue.first)[0])
    return f


def _quotation_features(doc: Document, candidate: Candidate, before: str, words: list[str]) -> dict[str, float]:
    """Does a quotation read as an utterance, or as a name, a title or a scare-quoted word? `words` are the
    candidate's, split at spaces."""
    lang = doc.lang
    quote = doc.quote_around(candidate.start)
    f = {"quote_words_log": math.log1p(len(words)),
         "quote_title_case": float(len(words) > 1 and all(w[:1].isupper() for w in words if len(w) > 3)),
         "quote_after_article": float(lang.is_determiner(before) or lang.preposition(before) is not None)}
    if quote is not None:
        k_before = doc.token_before(quote.open)
        f["quote_opens_paragraph"] = float(k_before < 0 or doc.paragraph(k_before) != doc.paragraph(candidate.first))
        after = doc.token_at(quote.close)
        f["quote_closes_paragraph"] = float(after >= len(doc.tokens) or doc.paragraph(after) != doc.paragraph(candidate.first))
        f["quote_colon_before"] = float(k_before >= 0 and doc.lower[k_before] == ":")
        sentence_start = doc.tokens[doc.near(candidate.first)[0]].start
        # «Abbiamo perso», dichiara X, «ma non la guerra»: a quotation resumed after its attribution
        f["quote_resumes"] = float(k_before >= 0 and doc.lower[k_before] == "," and bool(words)
                                   and words[0][:1].islower() and bool(doc.quotes_within(sentence_start, quote.open)))
        f["quote_comma_after"] = float(after < len(doc.tokens) and doc.lower[after] == ",")
        f["quote_unclosed"] = float(not quote.closed)
    if candidate.interjection is not None:
        f["quote_split"] = 1.0
    return f

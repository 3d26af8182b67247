"""The feature row of a (statement, candidate target) pair, read by both learned models, and the rule score.

Where the candidate stands (inside the quote, the reporting sentence, reached by a pronoun; after the cue, after
`a`/`contro`; subject or object in the parse), what it is (KB entity, name, title, institution; how often the
article names it; the speaker's own side), and what the words say about it: the evaluations of its sentence summed
by how they reach it (`polarity.relation`), the cue's own polarity when the candidate is its object, negation,
requests, contrast, comparisons. `rule_score` composes these into one number in -1..1, the stance the words give
without learning, which is also a feature and chooses the evidence.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .polarity import Evaluation, predicated, relation
from .targets import ArticleView, Candidate, StatementSpan, addressed, points

if TYPE_CHECKING:
    from ..analysis import Document, Mention

# how much an evaluation counts toward the rule score, by how it reaches the candidate
# (the term a comparison ranks against, "più bravo di X", gets nothing: what is said is said of the other term)
WEIGHTS = {"subject": 1.0, "object": 1.0, "modifier": 1.0, "clause": 0.5, "sentence": 0.15, "outranked": 0.0}
# blame elsewhere in the sentence, that no construction brings to the candidate, mostly tells of events (a crime, a war,
# a charge) rather than of the candidate: it counts a third of what praise there counts
SENTENCE_BLAME = 0.05
# a word's sentiment (Sentix) is no judgement: "ferito", "crisi", "colpiti" describe events, not who is to blame. It
# reaches the models through its own features and may be shown as evidence (weighed this much against judgements),
# but leaves the rule score alone (cross-validated on gold-dev: the rule agrees with the gold far more often)
SENTIMENT_EVIDENCE = 0.35
# inside a request, asking for something good is a plain request (neutral, as the guidelines say: "ha chiesto al
# governo di sostenere le famiglie"); asking someone to stop or go ("deve dimettersi") still opposes, this much
ASKED_AGAINST = 0.5
# …and asking that good be done to someone ("pregate per X", "rispettino l'autonomia della Corte") is on that one's
# side, this much; the one asked to do it is still only asked
ASKED_FOR = 0.5
_REACH = {"subject": "near", "object": "near", "modifier": "near", "clause": "clause", "sentence": "sentence",
          "outranked": "sentence"}
_VIAS = ("kb", "name", "title", "organisation", "demonym", "adjective", "ner", "description")
_CUE_KINDS = ("request", "accusation", "criticism", "praise", "labelling", "comparison", "threat", "denial",
              "complaint", "cognition", "warning", "promise", "answer", "evaluation")
_CUE_REACH = 4  # a frame mention this close after the cue is its object
_TITLE_GAP = 6  # how many words of a title or an adverb may stand between the cue and the quote it opens on its object
_TITLE_TAGS = ("DET", "ADP", "ADV", "ADJ", "NOUN", "NUM", "")  # …and of what kind (no verb, no `che`, no pronoun)
_VICTIM_REACH = 4  # a mention this close after a word of harm is the one it is done to (`attaccare il presidente X`)


# the features the stance models read (the target classifier reads them all): what the words say, and little of
# where the candidate stands, so a few hundred training pairs teach polarity rather than the articles' topics
_STANCE_PREFIXES = ("rule_score", "cue_", "near_", "clause_", "sentence_", "quote_judgement", "quote_sentiment",
                    "frame_judgement", "frame_sentiment", "negated", "requests", "contrast", "question",
                    "exclamation", "own_side", "kind_", "statement_", "in_quote", "in_frame", "pointer_", "addressed")


def stance_row(features: dict[str, float]) -> dict[str, float]:
    """The part of a pair's feature row the stance models learn from."""
    return {name: value for name, value in features.items() if name.startswith(_STANCE_PREFIXES)}


@dataclass(frozen=True)
class Cue:
    """The reporting words of a statement, as stance reads them."""

    polarity: float
    kind: str
    first: int | None
    last: int | None
    passive: bool = False  # a participle without "avere" (`è stato accusato`, `X, definito …`): it is about what precedes


def read_cue(view: ArticleView, span: StatementSpan) -> Cue:
    """The cue's polarity (its strongest word: `ha accusato` → accusare) and kind (from `reporting.yaml`)."""
    if span.cue_first is None:
        return Cue(0.0, "", None, None)
    doc = view.doc
    polarity, kind = 0.0, ""
    words = range(span.cue_first, min(span.cue_last, len(doc.tokens)))
    passive = (any(doc.lower[k] in doc.lang.participle_forms for k in words)
               and not any(doc.lang.auxiliaries.get(doc.lower[k]) == "avere" for k in words))
    for k in words:
        lemma = doc.dictionary_lemmas[k] or doc.lower[k]
        if lemma not in doc.lang.verb_lemmas and doc.lower[k] in doc.lang.verb_forms:
            lemma = doc.lang.verb_forms[doc.lower[k]].lemma  # the lexicon's reading where a tagger misread the verb
        entry = doc.lang.verb_lemmas.get(lemma)
        noun = doc.lang.noun_cues.get(doc.lower[k])
        kind = kind or (entry or {}).get("kind", "") or (noun.kind if noun else "")
        value = doc.lang.verb_polarity.get(lemma, 0.0) or (noun.polarity if noun else 0.0)
        if abs(value) > abs(polarity):
            polarity = value  # "sostenendo che" reports (0), whatever "sostenere" means elsewhere
    if passive and kind == "request":
        kind = ""  # "è convinto che", "è stato pregato di": the speaker is the one asked, and asks nothing
    elif not passive and _told_to(doc, span.cue_last, span.last, view.lexicon.clause_ends):
        kind = "request"  # "ha detto a X di andarsene": telling someone to do something asks it of them
    return Cue(polarity, kind, span.cue_first, span.cue_last, passive)


def _told_to(doc, after: int, last: int, clause_ends: frozenset[str]) -> bool:
    """Does the cue go on with someone told (`a X`) and then `di` and an infinitive other than an auxiliary's (`ha
    detto al presidente di lasciare`)? `ha detto di aver visto` reports; `ha detto a X di aver visto` is rare."""
    lang = doc.lang
    told = False
    for k in range(after, min(last, after + _CUE_REACH + 4) - 1):
        if lang.preposition(doc.lower[k]) == "a":
            told = True
        elif doc.lower[k] == "di":
            verb = doc.lower[k + 1]
            return told and verb not in lang.auxiliaries and _infinitive(lang, verb)
        elif doc.lower[k] in clause_ends:
            return False
    return False


def _infinitive(lang, word: str) -> bool:
    """An infinitive, or one with clitics attached (`dimettersi`, `andarsene`, `lasciarlo`)."""
    if word.endswith(lang.endings("infinitive_endings")):
        return True
    truncated = lang.endings("truncated_infinitive_endings")
    return any(word.endswith(clitic) and word[: -len(clitic)].endswith(truncated)
               for clitic in lang.words("attached_clitics"))


def pair_features(view: ArticleView, span: StatementSpan, candidate: Candidate, evaluations: list[Evaluation],
                  cue: Cue, found: list[Candidate]) -> tuple[dict[str, float], float, Evaluation | None]:
    """(feature row, rule score, the evaluation that best justifies the rule score) of one pair; `found` are all the
    statement's candidates."""
    statement = span.statement
    n_candidates = len(found)
    f: dict[str, float] = {
        "in_quote": len(candidate.quote),
        "in_frame": len(candidate.frame),
        "pointer_third": candidate.pointers["third"],
        "pointer_second": candidate.pointers["second"],
        "pointer_cue": candidate.pointers["cue"],
        "pointer_context": candidate.pointers["context"],
        "n_candidates": n_candidates,
        "quote_tokens": span.last - span.first,
        "article_count": view.counts.get(candidate.name, 0),
        "article_rank": view.rank.get(candidate.name, 99),
        "in_kb": float(view.kb.get(candidate.name) is not None),
        "in_lead": float(candidate.name in view.lead),
        "located_share": view.located.get(candidate.name, 0) / max(1, view.counts.get(candidate.name, 0)),
        "own_side": float(candidate.name in view.own_side(statement.speaker)),
        "speaks": view.speakers.get(candidate.name, 0),
        f"kind_{candidate.kind}": 1.0,
        f"statement_{statement.kind}": 1.0,
        "cue_polarity": cue.polarity,
        "question": float("?" in statement.quote),
        "exclamation": float("!" in statement.quote),
    }
    if cue.kind in _CUE_KINDS:
        f[f"cue_{cue.kind}"] = 1.0
    mentions = candidate.quote + candidate.frame
    for m in mentions:
        if m.via in _VIAS:
            f[f"via_{m.via}"] = f.get(f"via_{m.via}", 0.0) + 1.0
        if m.resolved_by and m.resolved_by != "kb":
            # how the index found whom a phrase names (`il premier` by the article's date, `l'azienda` by the last one
            # named, `la Corte` by the court the article named): some ways are surer than others
            key = f"resolved_{m.resolved_by.replace(' ', '_')}"
            f[key] = f.get(key, 0.0) + 1.0
    _place_features(view, span, candidate, cue, f)
    if mentions:
        _mention_features(view, mentions, f)
    topic = _topic_of_unnamed_quote(view, span, candidate, found)
    score, best = _polarity_features(view, span, candidate, evaluations, cue, f, topic)
    f["rule_score"] = score
    return f, score, best


def _topic_of_unnamed_quote(view: ArticleView, span: StatementSpan, candidate: Candidate,
                            found: list[Candidate]) -> bool:
    """Is the candidate named in the reporting sentence of a quote that names, or points at, none of the statement's
    candidates, on the cue's side of any contrast word, and not the speaker's own side? Such a quote speaks of what
    its sentence names (`Parlando di X, Rossi ha detto: «è una vergogna»`), so its words reach the candidate as the
    reporting clause's object's do; past `ma` the sentence turns to another matter (`Il governo apre a X, ma Rossi
    ha detto che …`)."""
    if candidate.quote or any(c.quote or points(c) for c in found):
        return False
    anchor = span.cue_first if span.cue_first is not None else span.first
    contrast = view.lexicon.contrast
    return any(not view.doc.among(list(range(min(m.last, anchor), max(m.first, anchor))), contrast)
               for m in candidate.frame) and not view.on_speaker_side(candidate, span.statement.speaker)


def _place_features(view: ArticleView, span: StatementSpan, candidate: Candidate, cue: Cue, f: dict) -> None:
    doc = view.doc
    object_of_cue = addressee = opened = False
    if candidate.quote:
        first = candidate.quote[0]
        f["quote_position"] = (first.first - span.first) / max(1, span.last - span.first)
        # "ha accusato | il governo di …", "ha chiesto | a X di …": the object leads the reported content
        f["leads_quote"] = float(_leads(doc, range(span.first, first.first)))
        addressee = any(addressed(view, m) for m in candidate.quote)
        # "ha criticato | Obama perché …": the object the quote opens with, right after the cue, is the cue's object;
        # after an accusation, even past another accused ("accusano X e | Y, che avrebbe …": each one accused)
        opened = bool(f["leads_quote"]) and (cue.kind == "accusation" or _right_after_cue(view, cue, span.first))
    for m in candidate.frame:
        distance = span.first - m.last if m.last <= span.first else m.first - span.last
        f["frame_distance"] = min(f.get("frame_distance", 999.0), float(distance))
        f["frame_before_quote"] = float(m.last <= span.first)
        if cue.last is not None and 0 <= m.first - cue.last <= _CUE_REACH:
            object_of_cue = True
        if cue.passive and cue.first is not None and m.last <= cue.first and all(
                doc.lower[k] == "," or doc.lower[k] in doc.lang.auxiliaries for k in range(m.last, cue.first)):
            object_of_cue = True  # "X è stato accusato di …", "X, definito «…»"
        if addressed(view, m) and not _before_contrast(view, m, cue):
            addressee = True
        if cue.first is not None and m.last <= cue.first:
            f["frame_before_cue"] = 1.0
    object_of_cue = object_of_cue or bool(candidate.pointers["cue"])  # "accusandolo di «…»": what the clitic stands for
    f["cue_object"] = float(object_of_cue)
    f["addressed"] = float(addressee)
    f["cue_polarity_on_object"] = cue.polarity if object_of_cue or addressee or opened else 0.0
    f["labelled"] = float(cue.kind == "labelling" and (object_of_cue or opened))  # "l'ha definito «…»"


def _before_contrast(view: ArticleView, m: Mention, cue: Cue) -> bool:
    """Does a contrast word stand between the mention and the cue after it (`si apre al dialogo con X, ma Rossi ha
    chiarito che …`)? The mention belongs to another clause: whom that one addresses is not the speaker's addressee."""
    if cue.first is None or m.last > cue.first:
        return False
    return any(view.doc.lower[k] in view.lexicon.contrast for k in range(m.last, cue.first))


def _right_after_cue(view: ArticleView, cue: Cue, first: int) -> bool:
    """Does the quote start right after the cue: a quote mark at most between, or a few words that name no one and
    open no clause (`ha criticato il vecchio amico Mario Rossi per …`, `ha accusato duramente`)?"""
    if cue.last is None or first < cue.last:
        return False
    doc = view.doc
    gap = range(cue.last, first)
    return len(gap) <= 1 or len(gap) <= _TITLE_GAP and all(
        doc.texts[k].isalpha() and doc.texts[k].islower() and doc.tokens[k].upos in _TITLE_TAGS
        and doc.lower[k] not in view.lexicon.clause_ends and doc.lower[k] not in doc.lang.verb_forms for k in gap)


def _leads(doc: Document, before: range) -> bool:
    """Does the mention lead the reported content: only articles and prepositions before it (`a X di …`), or a
    common noun and the `di` that makes the mention its owner (`il governo di X di …`, `i vicini di X`)? What is
    said of the noun phrase is said of the one it belongs to, unless the noun names a person of its own (`il
    portavoce di X`)."""
    def linker(k: int) -> bool:
        return (doc.tokens[k].upos in ("DET", "ADP") or doc.lang.preposition(doc.lower[k]) is not None
                or doc.lang.is_determiner(doc.lower[k]))
    heads = [k for k in before if not linker(k)]
    if not heads:
        return True
    head = heads[0]
    named = doc.mention_of_token.get(head)
    someone = named is not None and named.kind == "person" and named.name is not None
    return (len(heads) == 1 and not someone and doc.texts[head].islower()
            and doc.tokens[head].upos not in ("VERB", "AUX")
            and head + 1 < before.stop and doc.lang.preposition(doc.lower[head + 1]) == "di")


def _mention_features(view: ArticleView, mentions: list[Mention], f: dict) -> None:
    doc, lexicon = view.doc, view.lexicon
    m = mentions[0]
    f["zipf"] = min(doc.lang.zipf(doc.lower[k]) for k in range(m.first, m.last))
    f["sentence_initial"] = float(m.first == doc.sentence_bounds(m.first)[0])
    before = doc.lower[m.first - 1] if m.first else ""
    preposition = doc.lang.preposition(before)
    f["after_locative"] = float(before in lexicon.locative)
    f["after_place_noun"] = float(any(doc.lower[k] in lexicon.place_nouns for k in range(max(0, m.first - 2), m.first)))
    f["after_di"] = float(preposition == "di")
    f["owns_named"] = float(preposition == "di" and _named_before(view, m.first - 2))
    f["capitals"] = float(m.text.isupper())
    f["words"] = float(m.last - m.first)
    # a name finder's misreading: a reporting or opinion verb written large at the head of a clause (`Crediamo che`)
    f["verb_word"] = float(any(doc.lower[k] in doc.lang.verb_forms for k in range(m.first, m.last)))
    f["resolved"] = float(bool(m.resolved_by) and m.resolved_by != "kb")


def _named_before(view: ArticleView, k: int) -> bool:
    """Does token k end a named person or organisation (`il Consiglio Nazionale | della Slovenia`, `Mario Rossi | del
    partito X`)? What follows its `di` tells whose it is, or whose member they are: said to name it, rarely judged."""
    other = view.doc.mention_of_token.get(k) if k >= 0 else None
    return other is not None and other.last == k + 1 and other.name is not None and other.kind in (
        "person", "organisation")


def _reach_weight(reach: str, score: float) -> float:
    """How much an evaluation counts by how it reaches the candidate: blame that only shares its sentence, little."""
    return SENTENCE_BLAME if reach == "sentence" and score < 0 else WEIGHTS[reach]


def _asked_weight(score: float, reach: str) -> float:
    """How much an evaluation inside a request counts: asking someone to stop or go opposes them, asking for good to
    be done to someone (its object) supports them, asking for something good of the one asked takes no side."""
    if score < 0:
        return ASKED_AGAINST
    return ASKED_FOR if reach == "object" else 0.0


def _compared(doc, m: Mention, lexicon) -> bool:
    """Is the mention the term of a comparison (`più vaste rispetto all'Ucraina`, `meglio di X`)? What the clause
    says is said of the other term."""
    sentence_first = doc.sentence_bounds(m.first)[0]
    for k in range(m.first - 1, max(sentence_first, m.first - 6) - 1, -1):
        if doc.lower[k] in lexicon.clause_breaks:
            return False
        if _comparing(doc, k, lexicon):
            return True
    return False


def _comparing(doc, k: int, lexicon) -> bool:
    """Is the word at k a word of comparison used as one? A word that compares only with a preposition after it
    (`comparison_prepositions`) needs it: `rispetto all'anno scorso` compares, `rispetto per X` is respect for X."""
    if doc.lower[k] not in lexicon.comparisons:
        return False
    needed = lexicon.comparison_prepositions.get(doc.lower[k])
    return needed is None or k + 1 < len(doc.tokens) and doc.lang.preposition(doc.lower[k + 1]) == needed


def _outranked(doc, m: Mention, lexicon) -> bool:
    """Is the compared mention the term a comparison ranks against (`più bravo di X`, `meglio di X`, `rispetto a X`):
    articles aside, `di` right after a word of comparison or the one word it grades, or `a` right after one? Praise
    of the other term is no praise of this one (unlike a likeness, `onesto come X`, or whose a superlative is, `il
    più grande successo di X`)."""
    k = doc.before_determiners(m.first)
    preposition = doc.lang.preposition(doc.lower[k]) if k >= 0 else None
    reach = {"di": 2, "a": 1}.get(preposition or "", 0)
    return any(_comparing(doc, j, lexicon) for j in range(max(0, k - reach), k))


def _harmed(view: ArticleView, span: StatementSpan, candidate: Candidate, evaluations: list[Evaluation]) -> dict[int, set[int]]:
    """Sentence → first tokens of the candidate's quote mentions that a word of harm of the quote is done to (`per
    attaccare X`, `dileggia X`), or that a verb of leading leads to harm (`portare X alla rovina`): the blame the quote
    lays in that sentence is laid on whoever harms them."""
    found: dict[int, set[int]] = {}
    for e in evaluations:
        if span.first <= e.first < span.last:
            for m in candidate.quote:
                if _led_to_harm(e, m) or e.harm and e.victim(m) and m.first - e.last <= _VICTIM_REACH and not _agent(
                        view.doc, e.last, m.first):
                    found.setdefault(e.sentence, set()).add(m.first)
    return found


def _led_to_harm(e: Evaluation, m: Mention) -> bool:
    """Is the mention the one a verb of leading leads to the harm `e` names (`portare X al fallimento`): after the
    verb, before the harm?"""
    return e.leader is not None and e.prior < 0 and e.leader < m.first and m.last <= e.first


def _agent(doc, first: int, last: int) -> bool:
    """Does `da` stand between a participle and a name after it (`offeso dalla campagna di X`)? Then X does the harm."""
    return any(doc.lang.preposition(doc.lower[k]) == "da" for k in range(first, last))


def _polarity_features(view: ArticleView, span: StatementSpan, candidate: Candidate, evaluations: list[Evaluation],
                       cue: Cue, f: dict, topic: bool) -> tuple[float, Evaluation | None]:
    """Evaluations summed by how near they reach the candidate, judgements apart from sentiment; the rule score with
    its best evidence."""
    doc, lexicon = view.doc, view.lexicon
    score, best, best_weight = 0.0, None, 0.0
    # the accused, labelled or addressed one of the reporting clause is what the whole quote is about, and so is what
    # the reporting sentence names when the quote names no one
    governed = bool(f.get("cue_object") or f.get("addressed")) or topic
    compared = {m.first for m in candidate.quote + candidate.frame if _compared(doc, m, lexicon)}
    outranked = {m.first for m in candidate.quote + candidate.frame
                 if m.first in compared and _outranked(doc, m, lexicon)}
    harmed = _harmed(view, span, candidate, evaluations)
    for e in evaluations:
        asked = cue.kind == "request" and span.first <= e.first < span.last  # "ha chiesto di «sostenere …»"
        if e.demanded and not (e.request or asked):
            continue  # "ha accolto le dimissioni di X", "si è dimesso": what happened, not what the speaker asks
        kind = "judgement" if e.judgement else "sentiment"
        sign = "pos" if e.score > 0 else "neg"
        inside = span.first <= e.first < span.last
        where = "quote" if inside else "frame"
        f[f"{where}_{kind}_{sign}"] = f.get(f"{where}_{kind}_{sign}", 0.0) + e.score
        nearest, suffered = None, False
        for m in candidate.quote if inside else [] if candidate.quote else candidate.frame:
            if doc.sentence_of[m.first] == e.sentence:
                if inside and e.victim(m) and not _agent(doc, e.last, m.first):
                    suffered = suffered or e.passive or m.first - e.last <= _VICTIM_REACH
                    continue  # "la crisi colpisce X", "X è stato colpito": X suffers the harm, nobody judges X
                # (in the reporting sentence the speaker does the harm: "ha attaccato X, dicendo …" opposes X)
                r = "sentence" if m.first in compared else relation(doc, e, m, lexicon)
                if m.first in outranked:
                    r = "outranked"  # "più bravo di X": neither the praise nor its opposite (gold-dev has none)
                if m.first in harmed.get(e.sentence, ()) and e.score < 0 and not e.harm and not _led_to_harm(e, m):
                    e = e._replace(score=-e.score)  # "un attacco vergognoso a X": blame of the harm is sympathy
                if r == "subject" and not e.judgement and inside and predicated(doc, e, m, lexicon):
                    e, kind = e._replace(judgement=True), "judgement"  # "X è arrogante": said of X, it judges X
                    f["predicated"] = f.get("predicated", 0.0) + e.score
                if (inside or r == "object") and (nearest is None or WEIGHTS[r] > WEIGHTS[nearest]):
                    nearest = r  # outside the quote, only what the words are done to ("accusando X")
        if inside and nearest is None and not suffered and (candidate.pointers or governed):
            nearest = "clause"  # a pronoun or a description of the quote, or the reporting clause, brought it here
        if inside and asked and e.demanded and f.get("addressed") and nearest != "object":
            nearest = "subject"  # "ha chiesto a X di dimettersi": the one asked is the one to go
        if inside and f.get("labelled") and not e.harm:
            nearest = "object"  # the label: what the speaker calls the one the cue names
        if nearest is None or nearest != "object" and doc.lower[e.first] in lexicon.against:
            continue  # "contro X" opposes X, not whoever acts against ("X ha votato contro")
        if nearest == "object" and f.get("labelled") and inside and not e.judgement:
            e, kind = e._replace(judgement=True), "judgement"  # the label's sentiment is what the speaker calls them
        if e.fought and nearest != "object":
            e = e._replace(score=-e.score)  # "X lotta contro la corruzione": what X fights speaks for X
            sign = "pos" if e.score > 0 else "neg"
        key = f"{_REACH[nearest]}_{kind}_{sign}"
        f[key] = f.get(key, 0.0) + e.score
        if nearest != "sentence":
            f["negated"] = f.get("negated", 0.0) + (e.negator is not None)
            f["requests"] = f.get("requests", 0.0) + (e.request or asked)
            f["contrast"] = f.get("contrast", 0.0) + e.contrast
        weight = _reach_weight(nearest, e.score) * (_asked_weight(e.score, nearest) if e.request or asked else 1.0)
        if e.judgement:
            score += weight * e.score
        shown = abs(weight * e.score) * (1.0 if e.judgement else SENTIMENT_EVIDENCE)
        if shown > best_weight:
            best, best_weight = e, shown
    on_object = f.get("cue_polarity_on_object", 0.0)
    if on_object and abs(on_object) >= best_weight:
        best = None  # the cue itself justifies it
    score += on_object
    return max(-1.0, min(1.0, score)), best

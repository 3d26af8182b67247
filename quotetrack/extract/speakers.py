"""Who said it: the speaker options of a statement, each described by features a learned ranker weighs.

Options are the people, organisations, countries and anonymous sources the article mentions around the cue (its
sentence, the two before it in the paragraph, the one after), plus the speaker of the previous statement (a null
subject: `Ha poi aggiunto: …`). Features say where an option stands relative to the cue and the content (subject
before the verb, post-verbal subject, agent of a passive, object of `secondo`, inside a prepositional phrase, a
parenthesis, an apposition or a relative clause, an object of another verb), what it is (a name, a title resolved
by date or by the article, an organisation, a description, a pronoun), how common its word is in Italian, and, with a
parse, its syntactic relation to the cue.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from ..analysis import Document, Mention
from ..analysis.document import REACH, QuoteSpan, longest_by
from ..analysis.mentions import abbreviated_organisation, spelled_out
from ..lang import fold
from .candidates import Candidate, aside_opening, only_fillers, participle_agent
from .content import finite_verb, gerund
from .cues import MARKER, Cue, time_expression_start

SPEAKER_KINDS = ("person", "organisation", "country", "anonymous")
MAX_OPTIONS = 30
_PREPOSITIONS = ("di", "a", "da", "in", "con", "su", "per", "tra", "fra", "verso", "contro", "secondo")
_DEPRELS = ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "nmod", "appos", "conj", "root", "flat")


@dataclass(frozen=True)
class SpeakerOption:
    """One possible speaker of a statement."""

    name: str | None
    mention_text: str | None
    kind: str | None
    mention: Mention | None  # None for the previous statement's speaker carried over
    features: dict[str, float] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Spoken:
    """What the options of later statements need to know of an earlier one: who spoke, and where."""

    name: str | None
    mention_text: str | None
    kind: str | None
    start: int
    end: int
    first: int  # tokens of the statement
    last: int


class MentionFacts:
    """What each mention of one article is and where it stands, whatever statement it may speak: read on first use
    and kept for the article's other statements (a mention is an option of two or three statements on average).
    Mentions are told apart by their first token, as the roles are: the index gives one mention per token."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._own: dict[int, tuple[dict[str, float], str | None]] = {}
        self._subject_like: dict[int, bool] = {}
        self._places: dict[int, str] = {}
        self._named: dict[str, list[Mention]] | None = None
        self._clauses: dict[Cue, CueClause] = {}
        self.cue_evidence: dict[Cue, dict[str, float]] = {}  # features.py's speaker evidence, the same for every
        # candidate of one cue

    def features(self, m: Mention) -> tuple[dict[str, float], str | None]:
        """The mention's own features and the preposition before it (`_own_features`); the features are shared:
        copy them before adding any."""
        own = self._own.get(m.first)
        if own is None:
            own = self._own[m.first] = _own_features(self.doc, m)
        return own

    def subject_like(self, m: Mention) -> bool:
        like = self._subject_like.get(m.first)
        if like is None:
            like = self._subject_like[m.first] = _subject_like(self.doc, m)
        return like

    def clause(self, cue: Cue) -> CueClause:
        """The cue's clause (`_cue_clause`): read once per cue, though its roles are read for the statement's evidence
        and again for its speaker, over other mentions."""
        clause = self._clauses.get(cue)
        if clause is None:
            clause = self._clauses[cue] = _cue_clause(self.doc, cue)
        return clause

    def referent(self, kind: str, before: int, since: int) -> Mention | None:
        """Whom a definite title or noun at token `before` refers back to among the people or organisations of
        `kind` the article surely names from token `since` on (a KB entry, a person surely named: `_known_person`,
        an organisation's name): the last one outside a prepositional phrase or in an agent's (`il partito guidato
        da X`), else the last one (`X ha chiamato Y per offrirgli il posto di Z. Il senatore ha detto`: Y)."""
        found = self.surely_named(kind)
        near = found[bisect.bisect_left(found, since, key=lambda m: m.first):
                     bisect.bisect_left(found, before, key=lambda m: m.last)]
        return max(reversed(near), default=None, key=self._acting)

    def surely_named(self, kind: str) -> list[Mention]:
        """The mentions, in text order, of the people or organisations of `kind` the article surely names: a KB entry,
        a person surely named (`_known_person`), an organisation's name."""
        if self._named is None:
            self._named = {}
            for m in self.doc.mentions:
                if m.name and m.name[:1].isupper() and (m.via == "kb" or m.via in ("name", "ner") and (
                        _known_person(self.doc, m) if m.kind == "person" else m.kind == "organisation")) \
                        and not _portfolio_of_a_title(self.doc, m):
                    self._named.setdefault(m.kind, []).append(m)
        return self._named.get(kind, [])

    def _acting(self, m: Mention) -> bool:
        """Not in a prepositional phrase, or in an agent's."""
        lang, preposition = self.doc.lang, _preposition_before(self.doc, m)
        return preposition is None or lang.preposition(self.doc.lower[preposition]) in lang.agent_prepositions

    def place(self, m: Mention) -> str:
        """The role a mention has toward any cue before the cue's own rules: `parenthesis`, `prepositional` or
        `other`."""
        place = self._places.get(m.first)
        if place is None:
            doc = self.doc
            preposition = _preposition_before(doc, m)
            place = ("parenthesis" if _in_parenthesis(doc, m) else
                     "prepositional" if preposition is not None and not _source_of_words(doc, preposition) else "other")
            self._places[m.first] = place
        return place


def speaker_options(doc: Document, candidate: Candidate, earlier: list[Spoken], facts: MentionFacts) -> list[SpeakerOption]:
    """The options for one statement, each with its features; `facts` are the article's."""
    anchor = _anchor(candidate)
    sentence = doc.sentence_of[min(anchor, len(doc.tokens) - 1)]
    paragraph = doc.paragraph(min(anchor, len(doc.tokens) - 1))
    first_sentence = sentence
    while first_sentence > 0 and sentence - first_sentence < 2:
        previous = doc.sentences[first_sentence - 1]
        if doc.paragraph(previous.first) != paragraph:
            break
        first_sentence -= 1
    last_sentence = min(len(doc.sentences) - 1, sentence + 1)
    if doc.paragraph(doc.sentences[last_sentence].first) != paragraph:
        last_sentence = sentence
    window_first = max(doc.sentences[first_sentence].first, anchor - 2 * REACH)
    window_last = min(doc.sentences[last_sentence].last, anchor + REACH)
    mentions = outermost([m for m in doc.mentions_within(window_first, window_last) if m.kind in SPEAKER_KINDS
                          and (m.name or m.via in ("title", "description")) and not _people_complement(doc, m)])
    if len(mentions) > MAX_OPTIONS:  # the nearest ones: a speaker is never the fortieth name away
        mentions = sorted(sorted(mentions, key=lambda m: abs(m.first - anchor))[:MAX_OPTIONS], key=lambda m: m.first)
    counts = doc.mention_counts
    # earlier statements reach the options only through the carried-over speaker: the ranker learns from gold earlier
    # speakers, and features counting them (whether a mention names the previous speaker, how often it spoke) taught
    # it a trust that its own earlier choices, a third of them wrong, do not earn
    previous = earlier[-1] if earlier else None
    named = []  # (mention, the name it gives its speaker)
    for m in mentions:
        name = _spoken_name(doc, m)
        if name is None:
            continue
        if candidate.first <= m.first < candidate.last and not _inside_cue(m, candidate):
            continue  # never a word of the statement itself
        if name[:1].islower() and _document_as_source(doc, candidate.cue, m):
            continue  # `secondo il documento`; not `secondo le dichiarazioni di Anna Neri`, which names her
        named.append((m, name))
    slot = subject_slot(doc, candidate)
    described = _noun_subject(doc, candidate, facts) if slot == "noun" else None
    if described is not None:
        named.append(described)
        mentions.append(described[0])
    subject_like = {m.first: facts.subject_like(m) for m, _ in named}
    subjects = [m for m, _ in named if subject_like[m.first] and m.last <= candidate.first]
    subject_rank = {m.first: rank for rank, m in enumerate(sorted(subjects, key=lambda m: -m.first))}
    roles = grammatical_roles(doc, candidate, [m for m, _ in named], facts)
    if candidate.cue is not None and candidate.cue.last <= candidate.first:
        _mark_speaker_after_the_words(doc, candidate, [m for m, _ in named], roles)
    if candidate.cue is not None and not any(role in _SPEAKER_ROLES for role in roles.values()):
        issuer = _issuer_of_document_read(doc, candidate.cue, [m for m, _ in named])
        if issuer is not None:
            roles[issuer.first] = "source"
    if not any(role in _SPEAKER_ROLES for role in roles.values()):  # `Ha poi detto`: the sentence before's subject
        shared = _shared_subject(doc, candidate, [m for m, _ in named], facts, previous) \
            or _previous_speaker_named_before(doc, candidate, [m for m, _ in named], previous)
        if shared is not None:
            roles[shared.first] = "subject"
    if candidate.cue is not None and candidate.cue.kind == "marker":
        named = [(m, name) for m, name in named if not _in_reported_clause(doc, m, candidate, roles)]
    # whether grammar put someone in a speaker's place: then a mention elsewhere is less likely the speaker, and one
    # in a later sentence is not (it is the subject of what comes next); the features are read for the kept ones only
    role_found = any(role in _SPEAKER_ROLES for role in roles.values())
    if role_found and candidate.cue is not None:
        named = [(m, name) for m, name in named if doc.sentence_of[m.first] <= sentence or roles.get(m.first) in _SPEAKER_ROLES]
    subject = next((first for first, role in roles.items() if role == "subject"), None)
    if candidate.cue is not None and candidate.cue.tense == "gerund" and subject is not None:
        # a gerund shares the subject of the verb it depends on: that verb's object does not speak (`X ha elogiato Y,
        # sostenendo che …`)
        named = [(m, name) for m, name in named if roles.get(m.first) != "object" or not subject < m.first < candidate.cue.first]
    elif candidate.cue is not None and candidate.cue.tense == "gerund":
        # with no subject of its own either (`ha difeso Y dicendo che …`): the object the gerund follows with no comma
        named = [(m, name) for m, name in named if not _object_before_gerund(doc, m, candidate.cue, roles)]
    if candidate.cue is not None:
        named = _without_the_labelled(doc, named, candidate.cue)
    # `Rossi è stato accusato di …`: the patient speaks under none of his names, nor as the speaker carried over
    patients = {name for m, name in named if roles.get(m.first) == "patient"}
    named = [(m, name) for m, name in named if name not in patients]
    if candidate.cue is not None and subject is None:
        # no subject of its own: the verb shares the subject of the clause before, never the object of an infinitive
        # or a participle in its own sentence (`Dopo aver criticato Y, ha detto che …`)
        named = [(m, name) for m, name in named if not _object_of_a_nonfinite_verb(doc, m, candidate.cue, roles)]
    before_cue = sorted((m for m in mentions if candidate.cue and m.last <= candidate.cue.first),
                        key=lambda m: -m.last)
    nearest_before = {id(m): rank for rank, m in enumerate(before_cue)}
    after_cue = sorted((m for m in mentions if candidate.cue and m.first >= candidate.cue.last), key=lambda m: m.first)
    nearest_after = {id(m): rank for rank, m in enumerate(after_cue)}
    options = []
    about = _named_in_the_words(doc, candidate)
    for m, name in named:
        f = _mention_features(doc, candidate, m, facts, sentence, paragraph)
        f["named_in_the_words"] = float(fold(name) in about)
        f["rank_before_cue"] = min(nearest_before.get(id(m), 9), 9)
        f["rank_after_cue"] = min(nearest_after.get(id(m), 9), 9)
        f["name_mentions_log"] = math.log1p(counts.get(fold(name), 0))
        f["subject_like"] = float(subject_like[m.first])
        f["subject_rank_before"] = float(min(subject_rank.get(m.first, 9), 9))
        options.append(SpeakerOption(name, m.text, m.kind, m, f))
    _subject_referring_back(doc, options, roles, previous, facts)
    if previous is not None and previous.name is not None and previous.name not in patients:
        f = _carried_features(doc, candidate, previous, sentence, paragraph)
        f["name_mentions_log"] = math.log1p(counts.get(fold(previous.name), 0))
        f["named_in_the_words"] = float(fold(previous.name) in about)
        options.append(SpeakerOption(previous.name, previous.mention_text, previous.kind, None, f))
    context = _statement_context(candidate, len(options))
    context[f"subject_slot={slot}"] = 1.0
    context["speaker_role_found"] = float(role_found)
    for option in options:
        option.features.update(context)
        if option.mention is not None:
            option.features[f"role={roles.get(option.mention.first, 'none')}"] = 1.0
    return options


def _named_in_the_words(doc: Document, candidate: Candidate) -> frozenset[str]:
    """The names (folded) the statement's own words give, its cue and speaker inside them aside: one seldom names
    oneself in the third person (`«Rossi ha sbagliato»`), so an option named there is rather whom the words are about."""
    return frozenset(fold(name) for m in doc.mentions_within(candidate.first, candidate.last)
                     if not _inside_cue(m, candidate) and (name := _spoken_name(doc, m)) is not None)


def _document_as_source(doc: Document, cue: Cue | None, m: Mention) -> bool:
    """A phrase headed by a document's noun as a marker's source (`secondo il documento`, `stando alle dichiarazioni`):
    words, credited to whoever issued them, never a speaker themselves (the issuer is named elsewhere, or before)."""
    return cue is not None and cue.kind == "marker" and 0 <= m.first - cue.last <= 1 \
        and m.via in ("description", "organisation") and _document_noun_head(doc, m)


def unissued_document(doc: Document, option: SpeakerOption) -> bool:
    """An option still named by a document's common noun (`la lettera`, `il rapporto`) once nothing named its issuer:
    a document never speaks; its words are the issuer's, or the statement has no named speaker."""
    m = option.mention
    return m is not None and option.name[:1].islower() and m.via in ("description", "organisation") \
        and _document_noun_head(doc, m)


def _document_noun_head(doc: Document, m: Mention) -> bool:
    """Is the phrase headed by a document's noun (`la nota`, `le dichiarazioni`: reporting.yaml `document_nouns`)?"""
    return m.head is not None and doc.lower[m.head] in doc.lang.document_nouns


def _in_reported_clause(doc: Document, m: Mention, candidate: Candidate, roles: dict[int, str]) -> bool:
    """`Secondo alcune fonti Mario Rossi aveva perso …`: past the marker's source and before the statement, in its
    sentence, a mention belongs to the reported clause (its subject, an adjunct), never to whoever reports it."""
    source = max((first for first, role in roles.items() if role == "marker"), default=None)
    return source is not None and source < m.first and m.last <= candidate.first \
        and roles.get(m.first) not in _SPEAKER_ROLES | {"conjunct", "apposition"} \
        and doc.sentence_of[m.first] == doc.sentence_of[candidate.first]


def _subject_referring_back(doc: Document, options: list[SpeakerOption], roles: dict[int, str],
                            previous: Spoken | None, facts: MentionFacts) -> None:
    """A short singular definite title or organisation noun that nothing resolved, as the subject (`Il senatore ha
    poi aggiunto`, `la società ha risposto`) or a marker's source (`secondo il senatore`), refers back: to the last
    one of its kind named in the two sentences before (`La Corte ha respinto il ricorso. La sentenza afferma che …`),
    else, with no prepositional complement, to the one who just spoke when that speaker was named and is of its kind.
    The option then names them. A phrase with a long complement (`il capo del sindacato dei tassisti di Roma`) or one
    naming a person (`la madre di Anna`) brings in someone new."""
    k, option = next(((k, o) for k, o in enumerate(options) if o.mention is not None
                      and _referring_role(roles.get(o.mention.first), o.mention)), (None, None))
    m = option.mention if option is not None else None
    if m is None or m.head is None or not option.name or not option.name[:1].islower():
        return
    kind = "person" if m.via == "title" else m.kind
    if (m.via not in ("title", "description", "organisation") or kind not in ("person", "organisation")
            or not _opened_by_definite_article(doc, m) or m.last - m.head > _SHORT_COMPLEMENT):
        return
    if doc.lower[m.first + 1] in doc.lang.words("possessives"):
        return  # "il suo portavoce": someone of the one named before, not that one
    if any(_known_person(doc, o) for o in doc.mentions_within(m.head + 1, m.last)):
        return  # "la madre di Anna", "l'avvocato di Rossi": someone defined by another person, not someone named before
    sentence = doc.sentence_of[m.first]
    named = facts.referent(kind, m.first, doc.sentences[max(0, sentence - _SENTENCES_BACK)].first)
    if named is not None and _holds_other_titles(doc, m, named.name):
        named = _last_given_title(doc, m) or named
    if named is not None:
        options[k] = SpeakerOption(named.name, option.mention_text, named.kind, m, option.features)
    elif previous is not None and previous.name and previous.name[:1].isupper() and previous.kind == kind \
            and not _with_prepositional_complement(doc, m):
        options[k] = SpeakerOption(previous.name, option.mention_text, previous.kind, m, option.features)


def _with_prepositional_complement(doc: Document, m: Mention) -> bool:
    """A prepositional phrase follows the phrase's head (`il portavoce della società`, `il ministro della difesa`): it
    says whose or of what, someone the last speaker need not be."""
    return any(doc.lang.preposition(doc.lower[k]) is not None for k in range(m.head + 1, m.last))


def _issuer_of_document_read(doc: Document, cue: Cue, mentions: list[Mention]) -> Mention | None:
    """An impersonal verb with `si` (`si legge`, `si afferma`) reports what a document says, named in a prepositional
    phrase next to it (`Nella sentenza della Corte, si legge che …`, `si legge in una nota diffusa dalla Regione`):
    its words are the issuer's: the agent of a participle after the document's noun, else the document's phrase when
    the reader named it for its issuer (`la sentenza della Corte`: the Corte), a source as in `fanno sapere da …`."""
    if cue.kind != "verb" or not cue.reflexive or cue.tense != "finite":
        return None
    document = _document_beside(doc, cue, mentions)
    if document is None:
        return None
    by_first = {m.first: m for m in mentions}
    agents = (participle_agent(doc, k, len(doc.tokens)) for k in (document.head + 1, document.last))
    agent = next((by_first[k] for k in agents if k in by_first), None)
    return agent or (document if document.name and document.name[:1].isupper() else None)


def _document_beside(doc: Document, cue: Cue, mentions: list[Mention]) -> Mention | None:
    """The phrase headed by a document's noun in a prepositional phrase right before the cue's verb group, or set off
    from it by a comma only (`Nella nota, si legge`), or right after it (`si legge nella nota`)."""
    group = _verb_group_first(doc, cue.first)
    for m in mentions:
        if not _document_noun_head(doc, m) or _preposition_before(doc, m) is None:
            continue
        after = 0 <= m.first - cue.last <= 1
        before = m.last <= group and doc.sentence_of[m.first] == doc.sentence_of[group] and only_fillers(doc, m.last, group)
        if after or before:
            return m
    return None


def _opened_by_definite_article(doc: Document, m: Mention) -> bool:
    """A phrase opened by a singular definite article (`il senatore`), or a noun with it and one adjective or participle
    before (`il rieletto presidente`, which a reader starts at the noun); not a noun before (`lo staff medico`)."""
    articles = doc.lang.words("definite_singular_articles")
    if doc.lower[m.first] in articles:
        return True
    before = m.first - 1
    return before >= 1 and doc.lower[before - 1] in articles and doc.tokens[before].text.islower() \
        and (doc.tokens[before].upos == "ADJ"
             or doc.lower[before].endswith(doc.lang.endings("past_participle_endings", "irregular_participle_endings")))


def _holds_other_titles(doc: Document, title: Mention, name: str) -> bool:
    """The article gave `name` titles before, none of them `title`'s (`l'ex procuratore Mario Rossi` … `l'ex capo
    dello stato`): the title may be someone else's, whom the article gave it (`_last_given_title`)."""
    if title.via != "title":
        return False
    given = [t for t in doc.mentions_within(0, title.first) if t.via == "title" and t.name == name]
    return bool(given) and not any(_title_keys(doc, t) & _title_keys(doc, title) for t in given)


def _last_given_title(doc: Document, title: Mention) -> Mention | None:
    """The title phrase before `title` that named the last person given that title (`l'ex presidente Mario Rossi` …
    `l'ex capo dello stato`), if any."""
    keys = _title_keys(doc, title)
    return next((t for t in reversed(doc.mentions_within(0, title.first)) if t.via == "title" and t.kind == "person"
                 and t.name and t.name[:1].isupper() and _title_keys(doc, t) & keys), None)


def _title_keys(doc: Document, title: Mention) -> set[str]:
    """The synonym groups (`title_synonyms`) a title phrase's head reads as, alone or with the words after it (`capo
    dello stato` is a `presidente`)."""
    if title.head is None:
        return set()
    lang = doc.lang
    return {lang.synonym_key("title_synonyms", fold(doc.tokens[title.head].text)),
            lang.synonym_key("title_synonyms", fold(doc.span_text(title.head, title.last)))}


def _referring_role(role: str | None, m: Mention) -> bool:
    """The subject, or a title as a marker's source (`secondo il senatore`; `secondo il comunicato` is no one)."""
    return role == "subject" or role == "marker" and m.via == "title"


def _shared_subject(doc: Document, candidate: Candidate, mentions: list[Mention], facts: MentionFacts,
                    previous: Spoken | None) -> Mention | None:
    """The subject a verb cue opening its sentence with no subject of its own shares (`Mario Rossi è arrivato a Roma.
    Ha poi detto che …`), or the verb of a clause a colon ends (`Ha poi ricordato l'amico: «…»`): the last phrase in
    subject position, with its verb after it, in the sentence before. A verb right after the quotation it reports,
    which opens its sentence, with no subject after it either (`«…», ha proseguito`), goes on with the last speaker
    when the sentence before names them, else with that sentence's subject too (`Mario Rossi ha accolto così il
    verdetto. «…», ha proseguito`)."""
    verb = _null_subject_verb(doc, candidate)
    if verb is None:
        return None
    quoted = not _opens_its_sentence(doc, verb)
    if quoted and not _right_after_its_quotation(doc, candidate, verb):
        return None
    sentence = doc.sentence_of[candidate.first if quoted else verb]
    opening = doc.sentences[sentence].first
    start = doc.sentences[max(0, sentence - 1)].first
    before = [m for m in mentions if start <= m.first and m.last <= opening and (
        facts.subject_like(m) and _verb_follows(doc, m.last, apposed=True) or _took_the_floor(doc, m))]
    last_speaker = _last_speaker_named_in(doc, mentions, previous, sentence - 1) if quoted else None
    return last_speaker or (before[-1] if before else None)


def _took_the_floor(doc: Document, m: Mention) -> bool:
    """`m` ends its clause right after a verb of taking the floor (`È poi intervenuto Mario Rossi.`, `Ha preso la parola
    anche Anna Neri.`): the subject Italian puts after such an intransitive verb, whom the verbs of the next sentence
    go on with (`Ha ricordato che …`)."""
    lang = doc.lang
    named = doc.mention_at_first.get(m.last)  # a title, then the name it gives (`il ministro Mario Rossi`)
    end = named.last if named is not None else m.last
    if m.kind not in ("person", "organisation", "anonymous") or end >= len(doc.tokens) \
            or doc.lower[end] not in (".", ";", ":") or doc.quote_around(m.start) is not None:
        return False
    k = doc.before_determiners(m.first)
    while k > 0 and doc.lower[k] in lang.words("group_adverbs"):
        k -= 1
    for verb, words in lang.floor_taking:
        j = k - len(words)
        if j >= 0 and doc.tokens[j].lemma == verb and tuple(doc.lower[j + 1 : k + 1]) == words:
            return True
    return False


def _right_after_its_quotation(doc: Document, candidate: Candidate, verb: int) -> bool:
    """The statement is a quotation opening its sentence, only its closing mark and a comma stand between it and the
    verb group at `verb`, and no phrase follows the verb where its subject would stand (`«…», ha proseguito.`, `«…»,
    ha detto alla radio`; not `«…», ha dichiarato lo staff`)."""
    group, opening = _verb_group_first(doc, verb), doc.sentences[doc.sentence_of[candidate.first]].first
    after = doc.past_group_adverbs(candidate.cue.last) if candidate.cue is not None else len(doc.tokens)
    subject_after = after < len(doc.tokens) and (after in doc.mention_at_first or doc.lang.is_determiner(doc.lower[after]))
    return doc.quote_around(doc.tokens[candidate.first].start) is not None and candidate.last <= group \
        and not subject_after and not any(doc.tokens[k].text[:1].isalnum()
                                          for k in (*range(opening, candidate.first), *range(candidate.last, group)))


def _previous_speaker_named_before(doc: Document, candidate: Candidate, mentions: list[Mention],
                                   previous: Spoken | None) -> Mention | None:
    """A finite verb cue with no subject of its own, in a sentence opened by a verb (`Ha quindi ricordato che …`,
    `Poi auspica …, e afferma che …`), right after a sentence holding the last statement and no subject before a
    verb (`Ha preso la parola Anna Neri: «…», per poi ribadire …`): it goes on with the one who spoke last, named in
    that sentence (by name rather than by pronoun), not with a name in a complement there (`… guidata da lei e da
    Marco Bianchi`). Not a gerund, which shares the subject of its own sentence."""
    verb = _null_subject_verb(doc, candidate)
    if verb is None or previous is None or not previous.name or candidate.cue and candidate.cue.tense == "gerund" \
            or not _opens_its_sentence(doc, _first_verb(doc, doc.sentence_of[verb])):
        return None
    return _last_speaker_named_in(doc, mentions, previous, doc.sentence_of[verb] - 1)


def _last_speaker_named_in(doc: Document, mentions: list[Mention], previous: Spoken | None,
                           sentence: int) -> Mention | None:
    """The last mention naming the one who spoke last in `sentence`, when that sentence holds their statement (by name
    rather than by pronoun)."""
    if previous is None or not previous.name or sentence < 0:
        return None
    start, end = doc.sentences[sentence].first, doc.sentences[sentence].last
    if not start <= previous.first < previous.last <= end:
        return None
    named = [m for m in mentions if start <= m.first and m.last <= end and _spoken_name(doc, m) == previous.name]
    return max(named, key=lambda m: (m.via != "pronoun", m.first), default=None)


def _opens_its_sentence(doc: Document, verb: int) -> bool:
    """Nothing but openers (`Poi`, `E`) stands before the verb group of `verb` in its sentence, or past them only a
    prepositional phrase set off by a comma (`E sulle proteste del sindaco, ha concluso`): the verb opens it."""
    k, group = doc.sentences[doc.sentence_of[verb]].first, _verb_group_first(doc, verb)
    while k < group and not (doc.tokens[k].text[:1].isalnum() and doc.lower[k] not in _subject_openers(doc.lang)):
        k += 1
    return k == group or _leading_adjunct(doc, k, group)


def _leading_adjunct(doc: Document, k: int, group: int) -> bool:
    """A prepositional phrase from token k up to a comma, short and with no quotation, clause or colon of its own, and
    past it only a phrase set off by commas before the verb group at `group`: an adjunct, which names no subject
    (`Sulle accuse della giunta, ha detto`, `Sulle accuse del sindaco, Anna Neri, ha detto`)."""
    lang = doc.lang
    if lang.preposition(doc.lower[k]) is None or group - k > _ADJUNCT_REACH or doc.lower[group - 1] != "," \
            or doc.lower[group] in lang.words("reflexive_clitics"):
        return False  # not `Nella nota, si legge che …`: a verb with `si` may be impersonal, with no subject to share
    closing = next(t for t in range(k, group) if doc.lower[t] == ",")
    return only_fillers(doc, closing, group) and not any(
        doc.lower[t] in (":", ";", "«", "»", '"') or doc.lower[t] in lang.words("complementisers")
        or doc.quote_around(doc.tokens[t].start) is not None for t in range(k, closing))


_ADJUNCT_REACH = 20  # tokens of a sentence-opening adjunct (`Sulle proteste arrivate dal sindaco di Pisa, Anna Neri,`)


def _first_verb(doc: Document, sentence: int) -> int:
    """The token of the first verb of a sentence (its last token when it has none)."""
    span = doc.sentences[sentence]
    return next((k for k in range(span.first, span.last) if doc.tokens[k].upos in ("VERB", "AUX")), span.last - 1)


def _null_subject_verb(doc: Document, candidate: Candidate) -> int | None:
    """The token of the verb whose subject a statement's speaker is, when nothing stands before it in its clause: a
    verb cue after a boundary, or the first word of a sentence that a colon ends before a quotation, when it is a
    verb (`Ha poi ricordato l'amico: «…»`)."""
    cue = candidate.cue
    if cue is not None:
        return cue.first if cue.kind in ("verb", "light") and subject_slot(doc, candidate) == "boundary" else None
    if candidate.attribution != "colon":
        return None
    colon = _colon_before(doc, candidate)
    k = doc.sentences[doc.sentence_of[colon]].first
    while k < colon and (doc.lower[k] in _subject_openers(doc.lang) or doc.lower[k] in doc.lang.words("clitics")):
        k += 1
    return k if k < colon and doc.tokens[k].upos in ("VERB", "AUX") else None


def _colon_before(doc: Document, candidate: Candidate) -> int:
    """The token of the colon that attributes a statement (`Rossi: «…»`)."""
    colon = doc.token_before(doc.tokens[candidate.first].start)
    while colon > 0 and doc.lower[colon] != ":":
        colon -= 1
    return colon


def _past_apposition(doc: Document, k: int) -> int:
    """Past an apposition with no verb set off by commas at token k (`Mario Rossi, medico a Roma, ha detto`: to `ha`),
    else k."""
    if k >= len(doc.tokens) or doc.lower[k] != ",":
        return k
    for j in range(k + 1, min(len(doc.tokens), k + _APPOSITION_REACH)):
        if doc.lower[j] == ",":
            return j + 1
        if doc.tokens[j].upos in ("VERB", "AUX") or not doc.tokens[j].text[:1].isalnum():
            break
    return k


_APPOSITION_REACH = 12  # tokens of an apposition (`, pediatra all'ospedale della città di Roma,`)


def _known_person(doc: Document, m: Mention) -> bool:
    """A mention surely of a person: a KB person, a name opened by a given name, or a name the article completes to
    one (a capitalised phrase of unknown words may be a place or a company: `la compagnia di Mountain View`)."""
    if m.kind != "person" or not m.name or m.via not in ("kb", "name", "ner"):
        return False
    return m.via == "kb" or m.resolved_by == "article" or \
        fold(m.text.split()[0]) in doc.lang.speaker_words["given_names"]


_SHORT_COMPLEMENT = 4  # words after a title's or a noun's head (`il presidente di Forza Nuova`)
_SENTENCES_BACK = 2


_SPEAKER_ROLES = frozenset({"subject", "postverbal", "agent", "source", "marker", "relative", "after", "voice"})


def _people_complement(doc: Document, m: Mention) -> bool:
    """Is the mention a people named by its nationality after a preposition (`ai russi`, `degli americani`)? What
    the sentence says is said to them or of them; who speaks is named otherwise (`gli americani hanno detto`)."""
    return m.via == "demonym" and doc.lower[m.first] not in doc.lang.words("plural_articles")  # `gli americani`


def outermost(mentions: list[Mention]) -> list[Mention]:
    """The mentions (in text order) not nested in a longer one: in `il presidente Usa` the title speaks, not the
    country inside it."""
    out: list[Mention] = []
    reach = -1
    for m in mentions:
        if out and m.first == out[-1].first and m.last > out[-1].last:
            out[-1] = m  # the longer of two phrases opening on one word
        elif m.last > reach or (m.first, m.last) == (out[-1].first, out[-1].last):
            out.append(m)
        reach = max(reach, m.last)
    return out


def grammatical_roles(doc: Document, candidate: Candidate, mentions: list[Mention],
                      facts: MentionFacts | None = None) -> dict[int, str]:
    """The role each mention plays toward the cue, read from the surface (a parse adds its own features):
    subject (the clause's first phrase before the verb, past appositions), relative (the antecedent of `che ha
    detto`), postverbal (`ha detto Rossi`), agent (`da Rossi` after a passive), marker (`secondo Rossi`), after
    (the speaker slot of `È quanto sostiene Rossi`), apposition (a phrase apposed to the subject), prepositional (in a
    prepositional phrase), parenthesis, object (right after another verb). `facts`: the article's, when the caller
    keeps them."""
    cue = candidate.cue
    roles: dict[int, str] = {}
    lang = doc.lang
    if cue is None:
        if candidate.attribution == "colon":  # `Rossi: «…»`, `Rossi attacca i giudici: «…»`
            colon = _colon_before(doc, candidate)
            floor = _clause_floor(doc, colon)
            by_last = _outermost_by_last(mentions)
            before = [m for m in mentions if floor <= m.first and m.last <= colon and not _in_prepositional_phrase(doc, m)
                      and not _described_in_prepositional_phrase(doc, m, by_last) and doc.quote_around(m.start) is None]
            if before:
                adjacent = [m for m in before if only_fillers(doc, m.last, colon)]
                chosen = adjacent[0] if adjacent else before[0]
                if any(doc.tokens[k].upos in ("VERB", "AUX") or doc.lower[k] in lang.verb_forms
                       for k in range(before[0].last, chosen.first)):
                    chosen = before[0]  # "Rossi attacca Bianchi: «…»": the name after the verb is its object
                roles[chosen.first] = "subject"
        return roles
    by_first = {m.first: m for m in mentions}
    by_last = _outermost_by_last(mentions)
    facts = facts or MentionFacts(doc)
    for m in mentions:
        place = facts.place(m)
        described = by_last.get(m.first)
        if described is not None and _describes(doc, described, m):
            if place != "parenthesis" and roles.get(described.first) in ("object", "prepositional"):
                # "critica il premier Aldo Pirri", "su richiesta del ministro Aldo Pirri", "in un'intervista al
                # quotidiano Alfa": the name stands where the title or the noun it names stands
                place = roles[described.first]
            # else "il suo rivale Carlo Neri ha detto": the name goes with its description, whatever a tagger made
            # of the noun before it
        elif place != "parenthesis" and m.first > 0 and doc.tokens[m.first - 1].upos == "VERB" and m.first - 1 != cue.word \
                and not _noun_after_article(doc, m.first - 1) and not _built_with_essere(doc, m.first - 1):
            place = "object"
        roles[m.first] = place
    noun = cue.kind == "noun" or cue.last >= 2 and lang.is_determiner(doc.lower[cue.last - 2]) \
        and doc.lower[cue.last - 1] in lang.noun_cues
    if noun:  # "l'annuncio del ministro X di …", "«…», è stata la risposta di X": whose words they are
        for m in _complement_of(doc, _past_agent_phrase(doc, cue.last), by_first):
            roles[m.first] = "agent"
    if cue.kind == "marker" and doc.quote_around(doc.tokens[cue.word].start) is not None:
        return roles  # «… per mano di X …», «… secondo X …»: inside quotation marks the words are the quote's own
    if cue.kind == "marker":
        k = cue.last
        while k < len(doc.tokens) and (lang.is_determiner(doc.lower[k]) or doc.lower[k] in ("quanto",)):
            k += 1
        found = next((m for m in mentions if cue.last <= m.first <= k + 3 and not _phrase_break(doc, k, m.first)),
                     None) or _mention_spanning_cue_end(cue, mentions)
        product = _source_product(doc, found) if found is not None else None
        if product is not None:
            after = product + 1  # past one adjective: "il bilancio definitivo comunicato dalla questura"
            agent = participle_agent(doc, after, len(doc.tokens)) or participle_agent(doc, after + 1, len(doc.tokens))
            if agent in by_first:  # "secondo i dati diffusi dal ministero": the ministry's
                found = by_first[agent]
        if found is not None:
            roles[found.first] = "marker"
            for m in _conjuncts_after(doc, found, mentions):  # "secondo X e Y": X's, the first-named
                roles[m.first] = "conjunct"
        _names_apposed_to_speakers(doc, mentions, roles, by_last)
        return roles
    if cue.speaker_at is not None:
        found = next((m for m in mentions if cue.speaker_at <= m.first <= cue.speaker_at + 2), None)
        if found is not None and roles.get(found.first) == "prepositional":
            found = _phrase_after_recipient(doc, found, mentions, roles) or found
        if found is not None:
            roles[found.first] = "after"
    # relative: "X, che ha detto", "X, il quale ha detto", "X, secondo il quale …"; past a clause set off before
    # the verb ("X, il quale, quando gli è stato chiesto, ha detto"), where the verb's subject stands before it too
    group, verb_at, relative, floor = facts.clause(cue)
    if cue.kind == "relative":
        _mark_antecedent(doc, cue.first - 1, mentions, roles)
    elif relative >= 0 and doc.lower[relative] in ("che", "quale", "quali", "cui"):
        j = relative - 1
        if j >= 0 and lang.is_determiner(doc.lower[j]):
            j -= 1
        _mark_antecedent(doc, j, mentions, roles)
    # subject before the verb: the phrase next to the verb group (past appositions and parentheses), else the
    # first phrase of the clause that is not in a prepositional phrase
    before = [m for m in mentions if floor <= m.first and m.last <= verb_at and roles.get(m.first) == "other"
              and doc.quote_around(m.start) is None]
    _extend_prepositional_phrases(doc, mentions, roles, by_first, by_last)
    before = [m for m in before if roles.get(m.first) == "other" and not _in_relative_aside(doc, m, verb_at, by_last)
              and not _in_participial_aside(doc, m, verb_at)]
    opened = _oblique_relative(doc, floor, verb_at) if before else None
    if opened is not None and any(m.first >= opened for m in before):
        before = [m for m in before if m.first >= opened]  # "la conferenza nella quale X ha detto": X speaks
    if not before and floor > 1 and doc.lower[floor - 1] in lang.words("subject_sharing_openers"):
        # "X è favorevole, ma ha chiesto che …": a verb after `ma` with no subject of its own shares the one before
        earlier = _clause_floor(doc, floor - 1)
        before = _subject_of_earlier_clause(doc, [m for m in mentions if earlier <= m.first and m.last < floor
                                                  and roles.get(m.first) == "other"
                                                  and doc.quote_around(m.start) is None and facts.subject_like(m)])
    verb = _verb_before_gerund(doc, cue, floor) if cue.tense == "gerund" else None
    inverted = _inverted_subject(doc, verb, cue.first, [m for m in mentions if floor <= m.first and m.last <= cue.first
                                                        and roles.get(m.first) in ("other", "object")]) \
        if verb is not None else None
    if inverted is not None and inverted not in before:
        before = sorted([*before, inverted], key=lambda m: m.first)
    if before and not any(r == "relative" for r in roles.values()):
        adjacent = [inverted] if inverted is not None else \
            [m for m in before if m.last <= verb and only_fillers(doc, m.last, verb)] if verb else []
        if verb and not adjacent:  # "X, l'ideatore del festival, ha citato …, ammettendo": the nearest before it,
            # or the phrase it is apposed to (X); after a coordinator the first (`X ha chiesto una relazione e ha
            # annunciato …, chiedendo`: X's verbs)
            earlier = [m for m in before if m.last <= verb]
            adjacent = earlier[:1] if verb > 0 and doc.lower[verb - 1] in lang.words("coordinators") \
                else _apposition_head(doc, earlier)[-1:]
        adjacent = adjacent or [m for m in before if only_fillers(doc, m.last, group)] \
            or [m for m in before if _set_off_adjunct(doc, m.last, group)]
        subject = adjacent[0] if adjacent else before[0]
        antecedent = _antecedent_of_relative(doc, subject.first, floor, before)
        if antecedent is not None:  # "X che tengono d'occhio la regione affermano": the subject is X
            subject = antecedent
        conjuncts = _conjuncts_before(doc, subject, before)
        if conjuncts:  # "Anna Neri e Marco Bianchi hanno detto": the first-named speaks for both
            for m in (subject, *conjuncts[1:]):
                roles[m.first] = "conjunct"
            subject = conjuncts[0]
        roles[subject.first] = "subject"
        for m in before:
            if m.first > subject.first and roles.get(m.first) == "other" and only_fillers(doc, subject.last, m.first):
                roles[m.first] = "apposition"
    # a postverbal subject: right after the verb group
    if cue.kind in ("verb", "light") and cue.tense != "gerund":
        j = doc.past_group_adverbs(cue.last)
        found = None
        for k in range(j, min(len(doc.tokens), j + 4)):  # `ha detto il reverendo Mario Rossi`
            found = by_first.get(k)
            if found is not None or not doc.tokens[k].text[:1].isalpha() or lang.preposition(doc.lower[k]) \
                    or doc.lower[k] in lang.words("complementisers"):
                break  # not past `che`: "ha chiesto che il governo …" names no subject
        if found is None and candidate.last <= cue.first:
            found = _subject_past_adjunct(doc, j, by_first) or _subject_past_recipient(doc, j, mentions, by_first, roles)
        colon_after = found is not None and found.last < len(doc.tokens) and doc.lower[found.last] == ":"
        if found is not None and colon_after and "subject" in roles.values():
            roles[found.first] = "object"  # "Rossi attacca Bianchi: «…»": the subject speaks to its object
        elif found is not None and (not cue.frames & {"label", "object_of", "object_to", "compare"}
                                    or "label" not in cue.frames and candidate.last <= cue.first):
            # «…», ha accusato Rossi: after the words it reports, a verb that takes an object has its subject after it
            roles[found.first] = "postverbal"
        elif found is not None and "label" in cue.frames:
            roles[found.first] = "object"  # "definì Bianchi «un traditore»": who is labelled, not who speaks
    # the voice an organisation speaks through: "il partito, per bocca di Rossi, ha detto" (in the clause read above)
    for m in mentions:
        if floor <= m.first <= cue.last + 8 and _spoken_through(doc, m):
            roles[m.first] = "voice"
    _mark_spokespeople(doc, cue, mentions, roles, by_first, by_last)
    # the agent of a passive or of a participle: "dichiarato da Rossi"; the source of an impersonal plural
    # ("dicono dalla Protezione civile", "fanno sapere dal ministero"): right after the verb
    impersonal = cue.kind in ("verb", "light") and cue.tense == "finite" and not cue.passive
    if cue.passive or cue.tense == "participle" or impersonal:
        reach = 2 if impersonal else 6
        for m in mentions:
            if m.first > cue.last and m.first - cue.last <= reach:
                k = doc.before_determiners(m.first)
                if k >= 0 and lang.preposition(doc.lower[k]) in lang.agent_prepositions:
                    # a verb between: the agent of that verb (`ha preso la parola, per venire poi fermata da X`)
                    if not doc.has_verb(cue.last, k):
                        roles[m.first] = "source" if impersonal else "agent"
                    break
    if impersonal and "subject" not in roles.values():
        source = _source_before_plural_verb(doc, cue, group, floor, mentions)
        if source is not None:
            roles[source.first] = "source"
    _names_apposed_to_speakers(doc, mentions, roles, by_last)
    _passive_patient(cue, roles)
    return roles


def _source_before_plural_verb(doc: Document, cue: Cue, group: int, floor: int, mentions: list[Mention]) -> Mention | None:
    """`Dal ministero fanno sapere che …`, `Da Palazzo Chigi precisano`: a `da` phrase that opens the clause of a
    plural reporting verb with no subject of its own names the source, as `fanno sapere dal ministero` does after it."""
    lang = doc.lang
    if not doc.lower[cue.first].endswith(lang.endings("plural_verb_endings")):
        return None
    for m in mentions:
        if floor <= m.first and m.last <= group and only_fillers(doc, m.last, group):
            k = doc.before_determiners(m.first)
            if k >= floor and lang.preposition(doc.lower[k]) in lang.agent_prepositions and only_fillers(doc, floor, k):
                return m
    return None


class CueClause(NamedTuple):
    """Where a verb cue's clause lies, read from the words alone (`_cue_clause`)."""

    group: int  # first token of the verb group, or the opening comma of a clause set off right before it
    verb_at: int  # where the subject's search stops: the cue's first token, or that opening comma
    relative: int  # where a relative pronoun whose clause the cue ends would stand (`_relative_before_adjunct`)
    floor: int  # first token of the clause


def _cue_clause(doc: Document, cue: Cue) -> CueClause:
    """The clause of a cue for `grammatical_roles`: its verb group, past a clause set off before the verb (`X, il
    quale, quando gli è stato chiesto, ha detto`), where the verb's subject stands before it too; the relative pronoun's
    place, and the clause's first token."""
    group = _verb_group_first(doc, cue.first)
    aside = _clause_aside_before(doc, group) if cue.tense != "gerund" else None
    verb_at = aside if aside is not None else cue.first
    if aside is not None:
        group = aside  # the verb's clause, for its subject, opens where the aside does
    floor = _clause_floor(doc, verb_at)
    if cue.tense == "gerund":
        floor = _floor_past_introduced_quotation(doc, floor, cue.first)
    return CueClause(group, verb_at, _relative_before_adjunct(doc, group - 1), floor)


def _mark_speaker_after_the_words(doc: Document, candidate: Candidate, mentions: list[Mention],
                                  roles: dict[int, str]) -> None:
    """Words a cue introduced (`hanno commentato anche altri: «…»`) and a second, parenthetical reporting verb right
    after them (`«…» ha dichiarato il ministro Mario Rossi`): the phrase after that verb is its postverbal subject,
    the one speaker named, not an object. Read for the speaker only: the cue's evidence for the statement is the
    cue's own."""
    lang = doc.lang
    k = candidate.last
    while k < min(len(doc.tokens), candidate.last + 3) and not doc.tokens[k].text[:1].isalnum():
        k += 1
    while k < len(doc.tokens) and doc.lower[k] in lang.auxiliaries:
        k += 1
    form = lang.verb_forms.get(doc.lower[k]) if k < len(doc.tokens) else None
    if form is None or "parenthetical" not in lang.verb_frames.get(form.lemma, ()):
        return
    found = next((m for m in mentions if m.first == k + 1), None)
    if found is None:
        return
    roles[found.first] = "postverbal"
    for m in mentions:
        if m.first == found.last and _describes(doc, found, m):
            roles[m.first] = "postverbal"  # `il ministro Mario Rossi`: the name goes with its title


def _without_the_labelled(doc: Document, named: list[tuple[Mention, str]], cue: Cue) -> list[tuple[Mention, str]]:
    """The options but the one a labelling participle is about and the title naming it (`il ministro Mario Rossi,
    definito «…»`)."""
    labelled = next((m for m, _ in named if _labelled_by_a_participle(doc, m, cue)), None)
    if labelled is None:
        return named
    return [(m, name) for m, name in named
            if m is not labelled and not (m.last == labelled.first and name == labelled.name)]


def _labelled_by_a_participle(doc: Document, m: Mention, cue: Cue) -> bool:
    """`m` ends right before a participle of a labelling verb (`il ministro Mario Rossi, definito «…»`): the
    participle says what `m` was called, so `m` is who was labelled, never who speaks."""
    if cue.tense != "participle" or cue.passive or "label" not in cue.frames or cue.first != cue.word:
        return False  # `Rossi ha definito …`, `Rossi l'ha definita …`: a past tense, Rossi speaks
    return m.last == cue.first or m.last == cue.first - 1 and doc.lower[m.last] == ","


def _passive_patient(cue: Cue, roles: dict[int, str]) -> None:
    """The subject of a passive verb that takes a person as its object (`Rossi è stato accusato di …`, `è stato
    invitato a …`, `venne definito «…»`) is who the words are about or addressed to, the active verb's object: never
    the speaker, who is the agent or someone named before: it is marked `patient`, and no option."""
    if cue.passive and cue.frames & _PERSON_OBJECT_FRAMES:
        for first, role in roles.items():
            if role in ("subject", "relative", "apposition"):
                roles[first] = "patient"


_PERSON_OBJECT_FRAMES = frozenset({"object_of", "object_to", "label"})


def _built_with_essere(doc: Document, k: int) -> bool:
    """The verb at token k is a participle after a form of `essere` in its group (`si è espresso`, `è intervenuto`,
    `è stato eletto`): a passive or a verb taking no object, so the phrase right after it is its subject."""
    j = doc.before_group_adverbs(k)
    return j >= 0 and doc.lang.auxiliaries.get(doc.lower[j]) == "essere"


def _phrase_break(doc: Document, k: int, i: int) -> bool:
    """A comma stands among tokens [k, i): a phrase starting at i is no longer the one opening at k (`per l'appunto,
    in Francia`: no one's opinion; `secondo informazioni della polizia` is the police's)."""
    return "," in doc.lower[k:i]


def _mention_spanning_cue_end(cue: Cue, mentions: list[Mention]) -> Mention | None:
    """`secondo la ricostruzione della polizia`: a long marker ends inside the phrase it governs, whose mention
    starts within the cue and names the source past it."""
    return next((m for m in mentions if cue.first < m.first < cue.last < m.last), None)


def _noun_after_article(doc: Document, k: int) -> bool:
    """The word at token k, read as a verb, follows an article that is no clitic or a possessive (`dopo il voto`,
    `un comunicato`, `a loro difesa`): it is a noun, and a phrase after it no object."""
    lang = doc.lang
    before = doc.lower[k - 1] if k > 0 else ""
    return before in lang.words("noun_determiners") and before not in lang.words("clitics") \
        or before in lang.words("possessives")


def _describes(doc: Document, described: Mention, m: Mention) -> bool:
    """The phrase right before a name is its title or description, or an organisation's noun naming it (`il
    quotidiano Alfa`, `il suo profilo Beta`), unless the name is the subject of a verb right after it (`in un
    comunicato Alfa ha detto`)."""
    return described.via in ("title", "description") or (
        described.resolved_by == "apposition" and described.name == m.name and not _verb_follows(doc, m.last))


def _described_in_prepositional_phrase(doc: Document, m: Mention, by_last: dict[int, Mention]) -> bool:
    """A name after the title or the noun describing it in a prepositional phrase (`del suo amico Carlo Rota`): in
    that phrase too."""
    described = by_last.get(m.first)
    return described is not None and _describes(doc, described, m) and _in_prepositional_phrase(doc, described)


def _source_product(doc: Document, m: Mention) -> int | None:
    """The token of a noun of what a source says heading the phrase `m` (`i dati`, `le prime dichiarazioni`: past
    an adjective before it), None when it has none."""
    if m.head is None:
        return None
    return next((k for k in range(m.head, min(m.head + 2, m.last))
                 if fold(doc.tokens[k].text) in doc.lang.source_products), None)


def _subject_past_adjunct(doc: Document, j: int, by_first: dict[int, Mention]) -> Mention | None:
    """After a verb reporting the words before it, the phrase past a short prepositional phrase that names nobody
    (`«…», ha detto in una nota Rossi`): its subject. Not past one naming someone (`ha detto al ministro Rossi`: whom
    the words were said to)."""
    lang, n = doc.lang, len(doc.tokens)
    if j >= n or lang.preposition(doc.lower[j]) is None:
        return None
    k = doc.past_determiners(j + 1)
    words = 0
    while k < n and words < 3 and doc.tokens[k].text.isalpha() and doc.tokens[k].text.islower() \
            and k not in doc.mention_at_first and lang.preposition(doc.lower[k]) is None:
        k, words = k + 1, words + 1
    return by_first.get(k) if words else None


def _subject_past_recipient(doc: Document, j: int, mentions: list[Mention], by_first: dict[int, Mention],
                            roles: dict[int, str]) -> Mention | None:
    """After a verb reporting the words before it, the phrase past a prepositional one naming whom they were said to
    (`«…» ha dichiarato a Radio Uno il ministro Rossi`): its subject."""
    lang = doc.lang
    if j >= len(doc.tokens) or lang.preposition(doc.lower[j]) is None:
        return None
    k = doc.past_determiners(j + 1)
    recipient = by_first.get(k)
    return _phrase_after_recipient(doc, recipient, mentions, roles) if recipient is not None else None


def _phrase_after_recipient(doc: Document, recipient: Mention, mentions: list[Mention],
                            roles: dict[int, str]) -> Mention | None:
    """The phrase after a prepositional one in a speaker's slot, in the same clause (`È quanto ha detto alla stampa
    il portavoce X`): the speaker, the prepositional phrase being whom the words were said to."""
    for m in mentions:
        if m.first < recipient.last or m.first > recipient.last + _RECIPIENT_REACH:
            continue
        if any(not doc.tokens[k].text[:1].isalnum() or doc.tokens[k].upos in ("VERB", "AUX")
               for k in range(recipient.last, m.first)):
            return None
        if roles.get(m.first) != "prepositional":
            return m
    return None


_RECIPIENT_REACH = 6  # words between the prepositional phrase and the speaker after it (`alle 12.30`)


def _verb_group_first(doc: Document, i: int) -> int:
    """The first token of the verb group a cue opening at token i ends: the auxiliaries and the verbs governing its
    infinitive, with their clitics and adverbs (`ha voluto far presente`, `tiene a far sapere`): a subject stands
    before them, not only before the cue's own words."""
    lang = doc.lang
    k = i
    while k > 0:
        word = doc.lower[k - 1]
        if word in lang.auxiliaries or word in lang.governor_forms or word in lang.words("clitics") \
                or word in lang.words("group_adverbs"):
            k -= 1
        elif k > 1 and lang.preposition(word) in ("a", "di") and doc.lower[k - 2] in lang.governor_forms:
            k -= 2  # the link of `tiene a`, `ha deciso di`
        else:
            break
    return k


def _subject_of_earlier_clause(doc: Document, subject_like: list[Mention]) -> list[Mention]:
    """The subject a clause after `ma` shares: of the phrases in subject position before it, the one next to its verb
    (`davanti ai giudici Marco Verdi e Luca Bianchi, il sindaco ha ammesso, ma …`: the mayor, not a judge listed
    after a comma), else the first."""
    next_to_verb = [m for m in subject_like if _verb_follows(doc, m.last)]
    return (next_to_verb or subject_like)[:1]


def _verb_follows(doc: Document, k: int, apposed: bool = False) -> bool:
    """A verb group starts at token k, past a name after a title, adverbs and clitics (`il sindaco ha`, `il sindaco
    Carlo Rota si è`); with `apposed`, past an apposition set off by commas too (`il sindaco Carlo Rota, medico,
    ha`)."""
    lang = doc.lang
    named = doc.mention_at_first.get(k)
    if named is not None:
        k = named.last
    if apposed:
        k = _past_apposition(doc, k)
    while k < len(doc.tokens) and (doc.lower[k] in lang.words("group_adverbs") or doc.lower[k] in lang.words("clitics")):
        k += 1
    return k < len(doc.tokens) and doc.tokens[k].upos in ("VERB", "AUX")


def _set_off_adjunct(doc: Document, a: int, b: int) -> bool:
    """Only a prepositional phrase set off by commas, with no verb of its own, between tokens a and b: `X, in una breve
    nota, ha detto`, `X, nel corso dell'incontro, ha spiegato` (the phrase before it is the verb's subject)."""
    preposition = doc.lang.preposition(doc.lower[a + 1]) if b - a >= 4 else None
    if preposition is None or preposition in doc.lang.words("phrase_complements") or doc.lower[a] != "," \
            or doc.lower[b - 1] != ",":
        return False  # not "i gruppi X, di quartiere e di volontari, hanno detto": X's complements
    return all(doc.tokens[k].upos not in ("VERB", "AUX") and doc.tokens[k].text[:1].isalnum() for k in range(a + 2, b - 1))


def _relative_before_adjunct(doc: Document, k: int) -> int:
    """`X, i quali, alla fine della visita, hanno detto`: the relative pronoun before a prepositional phrase set
    off by commas that ends at token k, right before the verb, or before a time expression with no commas (`X, che
    lunedì aveva detto`, `X, che due anni fa disse`); else k."""
    time = time_expression_start(doc, k)
    if time <= k and doc.lower[time - 1] in doc.lang.words("relative_pronouns"):
        return time - 1
    opening = next((t for t in range(k - 1, max(0, k - 10), -1) if doc.lower[t] in (",", ".", ";", ":")), None)
    if opening is None or not _set_off_adjunct(doc, opening, k + 1) or doc.lower[opening - 1] not in ("che", "quale", "quali"):
        return k
    return opening - 1


def _apposition_head(doc: Document, phrases: list[Mention]) -> list[Mention]:
    """The phrases (in text order) up to the one the last is apposed to, past a chain of phrases set off by commas
    (`Anna Neri, una ragazza molto timida,`: up to Anna Neri): an apposition describes the phrase it follows."""
    n = len(phrases)
    while n > 1 and doc.lower[phrases[n - 2].last] == "," and only_fillers(doc, phrases[n - 2].last, phrases[n - 1].first):
        n -= 1
    return phrases[:n]


def _clause_aside_before(doc: Document, group: int) -> int | None:
    """The opening comma of a subordinate clause set off by commas right before the verb group at token `group`
    (`X, quando gli è stato chiesto, ha detto`, `X, rispondendo a chi chiedeva perché …, ha affermato`): opened by a
    subordinating word or a gerund, with no comma, colon or quotation of its own. The verb's subject stands before
    it, not in it; else None."""
    lang = doc.lang
    if group < 3 or doc.lower[group - 1] != ",":
        return None
    for k in range(group - 2, max(0, group - _ASIDE_REACH), -1):
        if doc.quote_around(doc.tokens[k].start) is not None or doc.lower[k] in (":", ";", ".", "(", ")"):
            return None
        if doc.lower[k] == ",":
            opener = doc.tokens[k + 1]
            subordinate = opener.lower in lang.words("subordinate_openers") \
                or opener.lower in lang.words("fronted_subordinators") or "VerbForm=Ger" in opener.feats
            return k if subordinate and k + 1 < group - 1 else None
    return None


_ASIDE_REACH = 30  # tokens of a clause set off before a verb (`, rispondendo a chi chiedeva perché …,`)


def _outermost_by_last(mentions: list[Mention]) -> dict[int, Mention]:
    """The longest of the mentions (in text order) ending at each token: `il ministro dei Trasporti`, not `Trasporti`."""
    return longest_by(mentions, attrgetter("last"))


def _names_apposed_to_speakers(doc: Document, mentions: list[Mention], roles: dict[int, str],
                               by_last: dict[int, Mention]) -> None:
    """A person's name set off by a comma after a person's title or description in a speaker's place is who speaks
    (`il direttore della radio, Carlo Rota, ha detto`, `ha aggiunto il presidente dell'associazione, Carlo Rota`,
    `secondo il portavoce, Anna Neri,`): the name takes the title's role, the title is its apposition. A lone
    capitalised word set off by commas there is a surname, whatever kind a reader gave it (`il direttore, Rota,`)."""
    for m in mentions:
        if not (m.kind == "person" or _set_off_word(doc, m)) or m.via not in ("name", "kb", "ner") or m.first < 1 \
                or doc.lower[m.first - 1] != "," or roles.get(m.first) not in ("other", "prepositional", "apposition"):
            continue
        title = _phrase_before_place(doc, m.first - 1, by_last) or by_last.get(m.first - 1)
        if title is not None and title.via in ("title", "description") and title.kind == "person" \
                and roles.get(title.first) in ("subject", "postverbal", "agent", "marker", "after"):
            roles[m.first], roles[title.first] = roles[title.first], "apposition"


def _phrase_before_place(doc: Document, end: int, by_last: dict[int, Mention]) -> Mention | None:
    """The phrase a place phrase ending at token `end` closes (`un inviato del giornale a Roma`, `il portavoce del
    governo in Italia`): a name set off after the place is apposed to that phrase, as no place is a person (`…in
    Italia, Anna Neri,`). `by_last`: the options by their last token (places need not be among them)."""
    lang = doc.lang
    place = doc.longest_mention_at_last.get(end)
    if place is None or place.kind not in ("place", "country"):
        return None
    k = place.first - 1
    while k > 0 and lang.is_determiner(doc.lower[k]):
        k -= 1
    if k < 1 or lang.preposition(doc.lower[k]) not in lang.speaker_words["place_prepositions"]:
        return None
    return by_last.get(k)


def _set_off_word(doc: Document, m: Mention) -> bool:
    """A name of one word set off by commas on both sides (`, Rota,`)."""
    return m.last - m.first == 1 and m.last < len(doc.tokens) and doc.lower[m.last] == ","


def _extend_prepositional_phrases(doc: Document, mentions: list[Mention], roles: dict[int, str],
                                  by_first: dict[int, Mention], by_last: dict[int, Mention]) -> None:
    """Names that belong to a prepositional phrase before them are in it, as no subject: a name apposed to it (`dal
    sindaco di Roma, Anna Neri,`, not a subject after a phrase set before it: `in un comunicato, l'associazione ha
    detto`), and a person coordinated with a person in it (`ai giudici Anna Neri, Marco Bianchi e Luca Verdi,`). Not
    a name with its verb right after it, past clitics (`dopo l'incontro con Anna Neri e Bianchi ha detto`, `…, il
    ministro Rossi lo ha difeso`). `by_first`, `by_last`:
    the mentions by their first token, the outermost by their last."""
    lang = doc.lang
    for m in mentions:
        named = by_first.get(m.last)  # "il sindaco Carlo Rota ha detto": the title's verb is after its name
        end = named.last if named is not None else m.last
        if roles.get(m.first) != "other" or m.first < 2 or doc.verb_follows(end):
            continue
        k = m.first - 1
        while k > 0 and lang.is_determiner(doc.lower[k]):
            k -= 1
        left = by_last.get(k)
        if left is None or roles.get(left.first) != "prepositional" or left.via == "pronoun":
            continue  # "tra questi, Anna Neri ha detto": a phrase set before the subject, not a name apposed to it
        closed = _phrase_before_place(doc, left.last, by_last) if m.kind == "person" else None
        if closed is not None and roles.get(closed.first) != "prepositional":
            continue  # "il portavoce del governo in Italia, Anna Neri,": apposed to the subject, not to the place
        apposed = doc.lower[k] == "," and k == m.first - 1 and not _complement_of_a_subject(doc, left) \
            and not _titled_name_then_title(m, left, by_last)
        coordinated = doc.lower[k] in lang.words("coordinators") and m.kind == left.kind == "person"
        if apposed or coordinated:
            roles[m.first] = "prepositional"


def _titled_name_then_title(m: Mention, left: Mention, by_last: dict[int, Mention]) -> bool:
    """`m` is a title or a description after a name that has its own title before it (`malgrado la smentita del direttore
    Marco Rossi, l'assessore Anna Neri ha detto`): a new phrase, not a second apposition of the name."""
    described = by_last.get(left.first)
    return m.via in ("title", "description") and described is not None and described.via in ("title", "description")


def _past_agent_phrase(doc: Document, k: int) -> int:
    """Where the `di` complement of a noun of words starts when `da parte` opens its agent at token k (`la richiesta
    da parte del sindaco`), else k."""
    lang = doc.lang
    if k + 1 < len(doc.tokens) and lang.preposition(doc.lower[k]) == "da" \
            and doc.lower[k + 1] in lang.words("agent_phrase_nouns"):
        return k + 2
    return k


def _complement_of(doc: Document, k: int, by_first: dict[int, Mention]) -> list[Mention]:
    """The options naming the `di` complement that starts at token k (`del ministro`), with the name set off beside
    it (`del coordinatore del partito, Mario Rossi,`)."""
    lang, n = doc.lang, len(doc.tokens)
    if k >= n or lang.preposition(doc.lower[k]) != "di":
        return []
    j = doc.past_determiners(k + 1)
    phrase = doc.mention_at_first.get(j)
    if phrase is None:
        return []
    found = [by_first[j]] if j in by_first else []
    for t in range(phrase.last, min(phrase.last + 5, n - 1)):  # past the phrase's own complement, to a comma
        if doc.lower[t] == ",":
            if t + 1 in by_first:
                found.append(by_first[t + 1])
            break
        if not doc.tokens[t].text.isalpha() and doc.tokens[t].text[-1:] not in "'’":
            break
    return found


def _object_of_a_nonfinite_verb(doc: Document, m: Mention, cue: Cue, roles: dict) -> bool:
    """An object in the cue's sentence, before it, of an infinitive clause (`dopo aver criticato Y`, `prima di
    incontrare Y`): the clause has no subject of its own."""
    if roles.get(m.first) != "object" or m.last > cue.first or doc.sentence_of[m.first] != doc.sentence_of[cue.first]:
        return False
    first = doc.sentences[doc.sentence_of[m.first]].first
    verb = next((k for k in range(m.first - 1, first - 1, -1) if doc.tokens[k].upos in ("VERB", "AUX")), None)
    if verb is None or verb == first or finite_verb(doc, verb):
        return False
    before = doc.lower[verb - 1]
    lang = doc.lang
    return (before in lang.words("auxiliary_infinitives")  # "aver criticato"
            or lang.preposition(before) is not None and doc.lower[verb].endswith(lang.endings("infinitive_endings")))


def _object_before_gerund(doc: Document, m: Mention, cue: Cue, roles: dict) -> bool:
    """An object the gerund follows in its sentence with no comma between (`ha difeso Y dicendo che …`): the gerund
    tells how the verb's subject acted on it (after a comma it may be an inverted subject: `ha parlato Y, dicendo`)."""
    return (roles.get(m.first) == "object" and m.last <= cue.first and doc.sentence_of[m.first] == doc.sentence_of[cue.first]
            and "," not in doc.lower[m.last:cue.first])


def _verb_before_gerund(doc: Document, cue: Cue, floor: int) -> int | None:
    """Where the finite verb group a gerund depends on starts (`il ministro lo aveva difeso dicendo`: at `lo`), when
    it is in the same clause: its subject is the gerund's. A comma may stand before the gerund (`ha citato le sue
    parole, ammettendo di`), and inside a list of its objects (`ha criticato X, Y e Z, dicendo`). A gerund after
    another shares that one's subject (`X ha criticato Y, accusandolo di …, e chiedendo …`): past it, to the verb
    both depend on."""
    k = _verb_group_before(doc, cue.first, floor)
    end = cue.first
    while k is not None and _gerund_in_run(doc, k, end):
        k, end = _verb_group_before(doc, doc.before_group_adverbs(k) + 1, floor), k
    return k


def _gerund_in_run(doc: Document, k: int, end: int) -> bool:
    """Whether the run of clitics and verbs starting at token k, before token `end`, holds a gerund (`accusandolo`,
    `avendo detto`)."""
    clitics = doc.lang.words("clitics")
    while k < end and (doc.tokens[k].upos in ("VERB", "AUX") or doc.lower[k] in clitics):
        if gerund(doc, k):
            return True
        k += 1
    return False


def _verb_group_before(doc: Document, i: int, floor: int) -> int | None:
    """Where the verb group before token i starts, in the same clause from token `floor` (`_verb_before_gerund`)."""
    k = i - 1
    if k > floor and doc.lower[k] == ",":
        k -= 1
    k = _before_quotation(doc, k, floor)
    listed = False  # a coordinator seen: the commas before it may separate the items of one list
    while k >= floor and doc.tokens[k].upos not in ("VERB", "AUX"):
        listed = listed or doc.lower[k] in doc.lang.words("coordinators")
        if not doc.tokens[k].text[:1].isalnum() and not (listed and doc.lower[k] == ","):
            return None
        k -= 1
    if k < floor:
        return None
    k = _tagged_verb_run_start(doc, k, floor)
    main = _verb_before_clause(doc, k, floor)
    while main is not None:  # `X ha detto che Y ha sbagliato, aggiungendo`: X adds, the verb of `che` is no main verb
        k, main = main, _verb_before_clause(doc, main, floor)
    return k


def _before_quotation(doc: Document, k: int, floor: int) -> int:
    """When token k closes a quotation opened after token `floor`, the token before it, past a colon: the words a
    verb introduced stand between it and a gerund that shares its subject (`X ha accolto la proposta: «…», chiedendo
    di …`); else k."""
    quote = _closed_at(doc, k)
    if quote is None:
        return k
    opening = doc.token_at(quote.open)
    if opening <= floor:
        return k
    return opening - 2 if doc.lower[opening - 1] == ":" else opening - 1


def _tagged_verb_run_start(doc: Document, k: int, floor: int) -> int:
    """Where the run of verbs and clitics holding the verb at token k starts, after token `floor` (`lo aveva
    difeso`: at `lo`), by the tagger's VERB and AUX: unlike a cue's group (cues), any verb the clause holds."""
    clitics = doc.lang.words("clitics")
    while k - 1 >= floor and (doc.tokens[k - 1].upos in ("VERB", "AUX") or doc.lower[k - 1] in clitics):
        k -= 1
    return k


def _verb_before_clause(doc: Document, k: int, floor: int) -> int | None:
    """When the verb group at token k is in a clause opened by `che` or `se` after another verb (`ha detto che Y ha
    sbagliato`, `ha criticato la legge che il governo ha approvato`), where that verb's group starts."""
    opener = next((j for j in range(k - 1, floor - 1, -1) if doc.lower[j] in doc.lang.words("complementisers")
                   and doc.quote_around(doc.tokens[j].start) is None), None)
    verb = next((j for j in range(opener - 1, floor - 1, -1) if doc.tokens[j].upos in ("VERB", "AUX")), None) \
        if opener is not None else None
    return _tagged_verb_run_start(doc, verb, floor) if verb is not None else None


def _inverted_subject(doc: Document, verb: int, i: int, before: list[Mention]) -> Mention | None:
    """The subject after a verb with `essere` that a gerund at token i depends on (`è intervenuto anche il ministro
    X, sostenendo`): such a verb takes no object, so the phrase between it and the gerund's comma is its subject; so
    it is after a verb reporting the quotation before it (`«…», ha detto X, aggiungendo`, `«…» dichiara X
    definendo`)."""
    lang = doc.lang
    k, essere = verb, False
    while k < i and (doc.tokens[k].upos in ("VERB", "AUX") or doc.lower[k] in lang.words("clitics")
                     or doc.lower[k] in lang.words("group_adverbs")):
        essere = essere or lang.auxiliaries.get(doc.lower[k]) == "essere"
        k += 1
    if not essere and not _follows_quotation(doc, verb):
        return None
    after = [m for m in before if m.first >= k]
    if not after or after[0].first > k + 1 or doc.lower[after[-1].last:i] not in ([","], []):
        return None
    return after[0]


def _follows_quotation(doc: Document, k: int) -> bool:
    """Token k comes right after a quotation's closing mark, past a comma (`«…», ha detto`)."""
    j = k - 1 if k > 0 and doc.lower[k - 1] != "," else k - 2
    return _closed_at(doc, j) is not None


def _oblique_relative(doc: Document, floor: int, i: int) -> int | None:
    """Where a relative clause opened by a preposition and `cui`/`quale` starts, when one opens between `floor` and
    the verb at token i (`la conferenza nella quale`, `il giorno in cui`): the pronoun is no subject, so the clause's
    subject comes after it. Not a list set off by `tra cui` (`i comuni, tra cui X, hanno detto`)."""
    lang = doc.lang
    for k in range(i - 1, floor, -1):
        if doc.tokens[k].upos in ("VERB", "AUX"):
            return None  # the clause has a verb of its own before i: i is the main clause's
        if doc.lower[k] in ("cui", "quale", "quali"):
            preposition = _relative_preposition(doc, k, floor - 1)
            if preposition is not None and preposition not in lang.words("partitive_prepositions") \
                    and doc.quote_around(doc.tokens[k].start) is None:
                return k + 1
            return None
    return None


def _relative_preposition(doc: Document, pronoun: int, floor: int) -> str | None:
    """The preposition (lemma) before a relative pronoun, past its article (`tra i quali`, `nella quale`), looked for
    after token `floor` only; None when there is none."""
    j = pronoun - 1
    if j > floor + 1 and doc.lang.is_determiner(doc.lower[j]):
        j -= 1
    return doc.lang.preposition(doc.lower[j]) if j > floor else None


def _in_relative_aside(doc: Document, m: Mention, i: int, by_last: dict[int, Mention]) -> bool:
    """Inside a relative clause set off by commas before token i (`X, assieme alla quale Y aveva inciso Z, si è
    definita`, `X, durante l'incontro al quale era presente il segretario, Y, ha detto`): not the subject of the verb
    at i. A name set off after a title is where its title is (`by_last`: the outermost mentions by their last token)."""
    title = by_last.get(m.first - 1) if m.first > 0 and doc.lower[m.first - 1] == "," else None
    first = title.first if title is not None and title.via in ("title", "description") else m.first
    k = first - 1
    while k > first - 15 and k >= 0 and doc.lower[k] not in (",", ".", ";", ":"):
        k -= 1
    if k < 0 or doc.lower[k] != ",":
        return False
    # the relative word opens the aside, after a preposition, an article and a noun (`con il quale`, `assieme alla
    # quale`, `durante l'incontro al quale`)
    opener = next((t for t in range(k + 1, min(k + 6, first)) if doc.lower[t] in ("che", "cui", "quale", "quali")
                   or not (doc.tokens[t].text.islower() and doc.tokens[t].text.isalpha()
                           or doc.lang.is_determiner(doc.lower[t]))), None)
    if opener is None or doc.lower[opener] not in ("che", "cui", "quale", "quali"):
        return False
    closing = next((t for t in range(m.last, i) if doc.lower[t] == ","), None)
    if closing is None:
        return False
    # a clause with a verb of its own before the comma (not `X, nella quale Y, pediatra, ha detto`: Y's verb is at
    # i), or a verbless list of members (`i comuni, tra cui Y, hanno detto`)
    preposition = _relative_preposition(doc, opener, k)
    return preposition in doc.lang.words("partitive_prepositions") or any(
        doc.tokens[t].upos in ("VERB", "AUX") for t in range(opener + 1, closing))


def _in_participial_aside(doc: Document, m: Mention, i: int) -> bool:
    """Inside a past participle's phrase set off by commas right before the verb group at token i (`Anna Neri,
    intervistata da Radio Alfa, ha detto`): a complement of the participle, not the subject of the verb."""
    k = m.first - 1
    while k > m.first - _PARTICIPLE_REACH and k >= 0 and doc.lower[k] not in (",", ".", ";", ":"):
        k -= 1
    opener = k + 1
    if k < 0 or doc.lower[k] != "," or opener + 1 >= m.first or not _participle_with_complement(doc, opener):
        return False
    closing = next((t for t in range(m.last, i) if doc.lower[t] == ","), None)
    return closing is not None and not doc.has_verb(m.last, closing) \
        and only_fillers(doc, closing, _verb_group_first(doc, i))


def _participle_with_complement(doc: Document, k: int) -> bool:
    """A past participle at token k followed by its prepositional complement (`intervistata a`, `raggiunto dal`), not
    a title with the same ending (`candidato alle primarie`, `ex-deputato del partito`)."""
    word = doc.tokens[k].text
    return word.isalpha() and word.islower() and word.endswith(doc.lang.endings("past_participle_endings")) \
        and fold(word) not in doc.lang.speaker_words["titles"] and doc.lang.preposition(doc.lower[k + 1]) is not None


_PARTICIPLE_REACH = 6  # words from a participle to the name it governs (`, intervistata dal quotidiano`)


def _mark_antecedent(doc: Document, j: int, mentions: list[Mention], roles: dict[int, str]) -> None:
    """The phrase ending at token j (past a comma) is the antecedent of the relative clause after it; of coordinated
    antecedents the first-named (`X e Y, i quali hanno detto`: X's)."""
    if j >= 0 and doc.lower[j] == ",":
        j -= 1
    antecedent = next((m for m in mentions if m.last == j + 1), None)
    if antecedent is None:
        return
    antecedent = _completed_phrase(doc, antecedent, {m.last: m for m in mentions})
    conjuncts = _conjuncts_before(doc, antecedent, mentions)
    for m in (antecedent, *conjuncts[1:]) if conjuncts else ():
        roles[m.first] = "conjunct"
    roles[(conjuncts[0] if conjuncts else antecedent).first] = "relative"
    if antecedent.via in ("title", "description") and antecedent.first > 1 and doc.lower[antecedent.first - 1] == ",":
        # "Marco Rossi, il chitarrista del gruppo, che ha spiegato": the description is apposed to the name before it
        named = next((m for m in mentions if m.last == antecedent.first - 1 and m.kind == "person"
                      and m.via in ("name", "kb", "ner")), None)
        if named is not None:
            roles[named.first] = "relative"


def _completed_phrase(doc: Document, m: Mention, by_last: dict[int, Mention]) -> Mention:
    """The phrase a complement completes, past a chain of them (`Anna Neri della Croce Rossa di Roma`: Anna Neri), else
    `m` itself: what follows the complement (a conjunct, a relative clause) belongs to the head of the phrase."""
    lang = doc.lang
    while True:
        j = doc.before_determiners(m.first)
        head = by_last.get(j) if j >= 1 and lang.preposition(doc.lower[j]) in lang.words("phrase_complements") else None
        if head is None:
            return m
        m = head


def _conjuncts_before(doc: Document, subject: Mention, before: list[Mention]) -> list[Mention]:
    """The phrases coordinated before a subject (`X, Y e Z hanno detto`: X and Y), first-named first."""
    lang = doc.lang
    by_last = {m.last: m for m in before}
    found, m = [], subject
    while True:
        title = by_last.get(m.first)
        opening = title.first if title is not None and title.via == "title" else m.first
        k = m.first - 1
        if opening < m.first and (lang.is_determiner(doc.lower[opening]) or lang.is_determiner(doc.lower[opening - 1])):
            # "X e il presidente Y hanno detto": the link stands before Y's title (not "il vicesindaco e segretario del
            # partito Y": titles with no article of their own are one person's)
            k = opening - 1
        if opening >= 2 and lang.preposition(doc.lower[opening - 1]) is not None \
                and doc.lower[opening - 2] in lang.words("coordinators"):
            # "al ministro X ed al sottosegretario Y", "dal ministro X e dal segretario": past the repeated preposition
            k = opening - 2
        k = doc.before_determiners(k + 1)
        link = doc.lower[k] if k >= 1 else ""
        if not (link in lang.words("coordinators") if not found else link == ","):  # not an apposition
            break
        left = by_last.get(k) or _antecedent_of_aside(doc, k, by_last)
        if left is None:
            break
        left = _completed_phrase(doc, left, by_last)  # "X di Radio Uno e Y": the complement belongs to X
        found.append(left)
        m = left
    return found[::-1]


def _antecedent_of_aside(doc: Document, link: int, by_last: dict[int, Mention]) -> Mention | None:
    """The phrase before a relative clause set off by commas that ends at token `link` (`X, che ha sede a Roma, e Y
    hanno detto`: X, coordinated with Y)."""
    if link < 3 or doc.lower[link - 1] != ",":
        return None
    for k in range(link - 2, 0, -1):
        if doc.lower[k] in (",", ";", ":", "."):
            return None
        if doc.lower[k] in doc.lang.words("relative_pronouns"):
            j = k - 1 if not doc.lang.is_determiner(doc.lower[k - 1]) else k - 2
            return by_last.get(j) if j >= 1 and doc.lower[j] == "," else None
    return None


def _spoken_through(doc: Document, m: Mention) -> bool:
    """`per voce di X`, `per bocca del portavoce X`."""
    lang = doc.lang
    k = doc.before_determiners(m.first)
    return (k >= 2 and lang.preposition(doc.lower[k]) == "di" and doc.lower[k - 1] in lang.speaker_words["voice_nouns"]
            and doc.lower[k - 2] == "per")


def _mark_spokespeople(doc: Document, cue: Cue, mentions: list[Mention], roles: dict[int, str],
                       by_first: dict[int, Mention], by_last: dict[int, Mention]) -> None:
    """The person an organisation or a country speaks with or through, in a phrase set off before the verb or right
    after it (`la Francia, con la ministra Anna Neri, annuncia`, `il sindacato ha comunicato con Anna Neri che`, `il
    comune, attraverso il portavoce Anna Neri, ha spiegato`): the statement is that person's."""
    speaker = next((by_first[k] for k, role in roles.items() if role in ("subject", "postverbal") and k in by_first), None)
    if speaker is None or speaker.kind not in ("organisation", "country"):
        return
    lang = doc.lang
    for m in mentions:
        if m.kind != "person" or roles.get(m.first) not in ("other", "prepositional"):
            continue
        k = m.first - 1
        title = by_last.get(m.first)
        if title is not None and title.via == "title":
            k = title.first - 1  # "con la ministra della Cultura Anna Neri"
        while k > 0 and lang.is_determiner(doc.lower[k]):
            k -= 1
        if k > 0 and doc.lower[k] in lang.speaker_words["voice_prepositions"] and (
                k == cue.last or doc.lower[k - 1] == "," and k < cue.first):
            roles[m.first] = "voice"


def _conjuncts_after(doc: Document, first: Mention, mentions: list[Mention]) -> list[Mention]:
    """The phrases coordinated after `first` (`X e Y`, `X, Y e Z`)."""
    lang = doc.lang
    by_first = {m.first: m for m in mentions}
    found, m = [], first
    while m.last + 1 < len(doc.tokens) and (doc.lower[m.last] in lang.words("coordinators") or doc.lower[m.last] == ","):
        k = m.last + 1
        while k < len(doc.tokens) and lang.is_determiner(doc.lower[k]) and k not in by_first:
            k += 1
        following = by_first.get(k)
        if following is None:
            break
        found.append(following)
        m = following
    if found and doc.lower[found[-1].first - 1] not in lang.words("coordinators"):
        return []  # "secondo X, il governo …": a comma alone does not coordinate
    return found


def _subject_like(doc: Document, m: Mention) -> bool:
    """A phrase in subject position: opening its clause, outside prepositional phrases and quotations, with a verb
    after it within a few words (past appositions and parentheses)."""
    if m.kind not in ("person", "organisation", "anonymous", "country") or doc.quote_around(m.start) is not None:
        return False
    if _in_prepositional_phrase(doc, m) or _listed_in_prepositional_phrase(doc, m):
        return False
    k = doc.before_determiners(m.first)
    first, _ = doc.sentence_bounds(m.first)
    if k >= first and doc.tokens[k].text[:1].isalnum() and doc.lower[k] not in _subject_openers(doc.lang) \
            and not _oblique_relative_pronoun(doc, k):
        return False
    k = m.last
    depth = 0
    while k < len(doc.tokens) and k < m.last + 12:
        low = doc.lower[k]
        if low == "(":
            depth += 1
        elif low == ")":
            depth -= 1
        elif depth <= 0 and doc.tokens[k].upos in ("VERB", "AUX"):
            return True
        elif depth <= 0 and low in (".", ";", ":"):
            return False
        k += 1
    return False


def _listed_in_prepositional_phrase(doc: Document, m: Mention) -> bool:
    """`m` closes or continues a list a prepositional phrase opens (`guidate da Anna Neri e Mario Rossi, …`, `di X, Y e
    Z`): it is in that phrase, whatever verb follows it."""
    lang = doc.lang
    k = m.first - 1
    for _ in range(_LIST_REACH):
        k = doc.before_determiners(k + 1)
        if k < 1 or not (doc.lower[k] == "," or doc.lower[k] in lang.words("coordinators")):
            return False
        left = doc.longest_mention_at_last.get(k)  # `dal sindaco di Torino`, not the `Torino` nested in it
        if left is None or left.kind not in SPEAKER_KINDS:
            return False
        if _in_prepositional_phrase(doc, left):
            return True
        k = left.first - 1
    return False


_LIST_REACH = 4  # names listed before a phrase (`da X, Y, Z e W`)


def _oblique_relative_pronoun(doc: Document, k: int) -> bool:
    """Token k is a relative pronoun after a preposition (`nella quale`, `per cui`): the clause it opens has its
    subject after it (`la conferenza nella quale il professore ha detto`)."""
    lang = doc.lang
    j = doc.before_determiners(k)
    return doc.lower[k] in lang.words("relative_pronouns") and j >= 0 and lang.preposition(doc.lower[j]) is not None


@lru_cache(maxsize=4)
def _subject_openers(lang) -> frozenset[str]:
    """The words a subject may follow (joined once per language, not for every option)."""
    return lang.words("clause_openers") | lang.words("group_adverbs") | lang.words("coordinators")


def _antecedent_of_relative(doc: Document, i: int, floor: int, before: list[Mention]) -> Mention | None:
    """The phrase a relative clause hangs on (`X, che …` / `X il quale …`), when that clause runs up to token i; a
    comma before i closes it (`X che parla di crisi, ciò nonostante, il governo ha detto`: the government speaks)."""
    for k in range(i - 1, floor - 1, -1):
        if doc.lower[k] == "," and doc.quote_around(doc.tokens[k].start) is None:
            return None
        if doc.lower[k] in ("che", "quale", "quali") and doc.quote_around(doc.tokens[k].start) is None:
            j = k - 1
            if j >= 0 and doc.lang.is_determiner(doc.lower[j]):
                j -= 1
            if j >= 0 and doc.lower[j] == ",":
                j -= 1
            return next((m for m in before if m.last == j + 1), None)
        if doc.lower[k] in (";", ":", "."):
            return None
    return None


def _clause_floor(doc: Document, i: int) -> int:
    """First token of the clause holding token i: after the last clause opener outside quotation marks."""
    first, _ = doc.near(i, reach=80)
    openers = doc.lang.words("clause_openers")
    k = i - 1
    while k >= first and k > i - 80:
        if doc.lower[k] == ")":  # an aside closed before i (`la Lega Navale (LNI) ha detto`) opens no clause
            opening = aside_opening(doc, k, first)
            k = opening if opening is not None else k
        elif doc.lower[k] in openers and doc.quote_around(doc.tokens[k].start) is None:
            return k + 1
        k -= 1
    return max(first, i - 80)


def _floor_past_introduced_quotation(doc: Document, floor: int, i: int) -> int:
    """The clause of a gerund at token i whose own clause is only the quotation a colon opens before it (`X ha accolto
    la proposta: «…», chiedendo di …`): the one the colon ends, whose verb introduced the words and shares its
    subject with the gerund; else `floor`."""
    k = i - 2 if i > floor and doc.lower[i - 1] == "," else i - 1
    quote = _closed_at(doc, k) if k >= floor else None
    if quote is None or doc.token_at(quote.open) != floor or floor < 1 or doc.lower[floor - 1] != ":":
        return floor
    return _clause_floor(doc, floor - 1)


def _closed_at(doc: Document, k: int) -> QuoteSpan | None:
    """The quotation whose closing mark is token k, if any."""
    quote = doc.quote_around(doc.tokens[k].start) if k >= 0 else None
    return quote if quote is not None and doc.tokens[k].end == quote.close else None


def _source_of_words(doc: Document, k: int) -> bool:
    """The preposition at token k completes a noun of what a source says (`le stime degli Stati Uniti`, `le
    dichiarazioni del sindaco`) or opens the agent of a participle after one (`lo studio condotto dall'istituto`,
    `il rapporto appena pubblicato dall'agenzia`): the words are its phrase's own, so that phrase may be the speaker
    the prepositional phrase would hide."""
    if k <= 0:
        return False
    products = doc.lang.source_products
    if doc.lang.preposition(doc.lower[k]) == "di":
        return fold(doc.tokens[k - 1].text) in products
    return doc.lower[k] in doc.lang.agent_preposition_forms and participle_agent(doc, k - 1, len(doc.tokens)) is not None \
        and any(fold(doc.tokens[p].text) in products for p in range(max(0, k - 3), k - 1))


def _portfolio_of_a_title(doc: Document, m: Mention) -> bool:
    """The complement of a department title (`department_titles`: `il ministro degli Interni`, `l'assessore alla
    Sanità`) names the holder's portfolio, not an organisation that acts or speaks on its own."""
    preposition = _preposition_before(doc, m)
    return preposition is not None and preposition > 0 \
        and fold(doc.tokens[preposition - 1].text) in doc.lang.speaker_words["department_titles"]


def _in_prepositional_phrase(doc: Document, m: Mention) -> bool:
    return _preposition_before(doc, m) is not None


def _preposition_before(doc: Document, m: Mention) -> int | None:
    """The token of the preposition that opens the phrase of `m` (`dal sindaco`, `di Camera e Senato`), if any."""
    lang = doc.lang
    if lang.preposition(doc.lower[m.first]) is not None and not _surname_particle(doc, m):
        return m.first  # a phrase read with its preposition: "alla nazione"
    k = m.first - 1
    if m.via == "adjective" and k > 0:  # "sul futuro italiano": the phrase opens before the noun the adjective follows
        k -= 1
    while k >= 0 and (lang.is_determiner(doc.lower[k]) or fold(doc.tokens[k].text) in lang.speaker_words["np_prefixes"]):
        k -= 1
    if k == m.first - 1 and m.kind != "person" and k >= 2 and doc.lower[k] in lang.words("coordinators"):
        # a bare name coordinated with another bare name inside the phrase: "di Camera e Senato", "tra Francia e Cina"
        j = k - 1
        while j > 0 and doc.tokens[j].text[:1].isupper() and k - j <= 3:
            j -= 1
        k = j if j < k - 1 else k
    return k if k >= 0 and lang.preposition(doc.lower[k]) is not None and doc.lower[k] != "secondo" else None


def _surname_particle(doc: Document, m: Mention) -> bool:
    """A person's name opening with a capitalised preposition opens with a particle of the surname (`Di Pietro`,
    `D'Amico`, `Dal Lago`), not with a prepositional phrase."""
    return m.kind == "person" and m.via in ("kb", "name", "ner") and m.last - m.first > 1 \
        and doc.tokens[m.first].text[:1].isupper()


def _complement_of_a_subject(doc: Document, m: Mention) -> bool:
    """`m` completes a noun that is no prepositional phrase itself (`i capigruppo della Lega, X e Y,`): a phrase
    apposed to it is the noun's, not the preposition's (unlike `dal sindaco di Roma, Anna Neri,`)."""
    lang = doc.lang
    k = _preposition_before(doc, m)
    if k is None or lang.preposition(doc.lower[k]) not in lang.words("phrase_complements"):
        return False
    j = k - 1
    while j >= 0 and k - j <= 3 and doc.tokens[j].text.isalpha() \
            and lang.preposition(doc.lower[j]) is None and not lang.is_determiner(doc.lower[j]):
        j -= 1  # the noun and its adjectives, capitalised or not (`i Presidenti di Camera e Senato, X e Y,`)
    if j == k - 1:
        return False
    j = doc.before_determiners(j + 1)
    return j < 0 or lang.preposition(doc.lower[j]) is None and doc.tokens[j].upos not in ("VERB", "AUX")


def _in_parenthesis(doc: Document, m: Mention) -> bool:
    """Inside brackets opened earlier in the sentence: `(… fare morire House)`."""
    first, _ = doc.sentence_bounds(m.first)
    start = doc.tokens[first].start
    return doc.text.rfind("(", start, m.start) > doc.text.rfind(")", start, m.start)


def _anchor(candidate: Candidate) -> int:
    """The token a statement's speaker is looked for around: its cue, else its first word."""
    return candidate.cue.word if candidate.cue is not None else candidate.first


def _inside_cue(m: Mention, candidate: Candidate) -> bool:
    """`Il piano, secondo il ministro, fallirà`, `«Il piano», ha detto il ministro, «fallirà»`: the cue and its
    speaker lie inside the content they credit. A cue before its content (`ha rivelato che Rossi …`) has none of the
    content's words as its speaker."""
    cue = candidate.cue
    if cue is None or not candidate.first <= cue.first < candidate.last:
        return False
    return cue.first <= m.first and (cue.kind == MARKER or m.first < cue.last + 8)


def _spoken_name(doc: Document, m: Mention) -> str | None:
    """The name a mention gives its speaker: its own, except for officials an institution's noun names as a group
    (`le autorità thailandesi` speak as themselves, though what they do is the government's), else a lower-case
    description."""
    if m.resolved_by == "institution" and m.head is not None and \
            fold(doc.tokens[m.head].text) in doc.lang.speaker_words["speaking_as_themselves"]:
        return _unresolved_name(doc, m._replace(via="description"))
    return m.name or _unresolved_name(doc, m)


def _unresolved_name(doc: Document, m: Mention) -> str | None:
    """A title nobody holds in the article: a lower-case description (`portavoce del ministero`)."""
    if m.via not in ("title", "description") or m.head is None:
        return None
    phrase, k = "", m.head
    for inner in doc.mentions_within(m.head + 1, m.last):
        if inner.first < k or inner.last > m.last or inner.name == inner.text or \
                not (_known_person(doc, inner) or abbreviated_organisation(inner)):
            continue
        # "la madre di Anna" → madre di Anna Rota: the person a description names, by their full name
        before = phrase + doc.text[doc.tokens[k].start : doc.tokens[inner.first].start]
        phrase = spelled_out(doc.lang, before, inner.name) if abbreviated_organisation(inner) else before + inner.name
        k = inner.last
    phrase += doc.span_text(k, m.last)
    return phrase[:1].lower() + phrase[1:]


def _mention_features(doc: Document, candidate: Candidate, m: Mention, facts: MentionFacts, sentence: int,
                      paragraph: int) -> dict[str, float]:
    """The mention's own features (read once per article) and where it stands toward this statement."""
    cue = candidate.cue
    own, preposition = facts.features(m)
    f = dict(own)
    f["sentence_delta"] = float(sentence - doc.sentence_of[m.first])
    f["same_paragraph"] = float(doc.paragraph(m.first) == paragraph)
    # relative to the cue
    if cue is not None:
        f["has_cue"] = 1.0
        if m.last <= cue.first:
            gap = cue.first - m.last
            f["before_cue"] = 1.0
            between = range(m.last, cue.first)
        elif m.first >= cue.last:
            gap = m.first - cue.last
            f["after_cue"] = 1.0
            between = range(cue.last, m.first)
        else:
            gap = 0
            f["inside_cue"] = 1.0
            between = range(0)
        f["gap_to_cue"] = float(min(gap, 60))
        f["gap_to_cue_log"] = math.log1p(gap)
        for kind, found in doc.counts_between(between.start, between.stop).items():
            f[f"{kind}_between"] = float(found)
        f["mentions_between"] = float(len(doc.mentions_within(between.start, between.stop)) if between else 0)
        f["adjacent_before_cue"] = float(m.last <= cue.first and only_fillers(doc, m.last, cue.first, coordinated=True))
        f["adjacent_after_cue"] = float(m.first >= cue.last and only_fillers(doc, cue.last, m.first))
        if cue.speaker_at is not None:
            f["at_after_content_slot"] = float(abs(m.first - cue.speaker_at) <= 1)
        if cue.kind == MARKER:
            f["marker_object"] = float(cue.last <= m.first <= cue.last + 4 and gap <= 4)
        f["agent_of_passive"] = float(preposition in doc.lang.agent_prepositions
                                      and (cue.passive or cue.tense == "participle") and m.first > cue.last)
    else:
        f["has_cue"] = 0.0
    # relative to the content
    if m.last <= candidate.first:
        f["before_content"] = 1.0
        f["gap_to_content_log"] = math.log1p(candidate.first - m.last)
    elif m.first >= candidate.last:
        f["after_content"] = 1.0
        f["gap_to_content_log"] = math.log1p(m.first - candidate.last)
    else:
        f["within_content"] = 1.0
    if doc.has_parse:
        f.update(_parse_features(doc, m, cue))
    return f


def _own_features(doc: Document, m: Mention) -> tuple[dict[str, float], str | None]:
    """What a mention is and what stands around it, whatever statement it may be the speaker of; and the
    preposition before it (`secondo` included), None if none."""
    lang = doc.lang
    f: dict[str, float] = {}
    f[f"via={m.via}"] = 1.0
    f[f"kind={m.kind}"] = 1.0
    f[f"resolved_by={m.resolved_by or 'none'}"] = 1.0
    f["has_name"] = float(m.name is not None)
    f["length"] = float(m.last - m.first)
    head_word = doc.tokens[m.head if m.head is not None else m.last - 1]
    f["head_zipf"] = lang.zipf(head_word.lower) if m.via in ("name", "ner") else -1.0
    f["capitalised"] = float(m.text[:1].isupper())
    f["document_head"] = float(_headed_by_a_document(doc, m))
    f["in_quote"] = float(doc.quote_around(m.start) is not None)
    f["sentence_initial"] = float(_sentence_initial(doc, m.first))
    # before the mention: a preposition (which), a comma, a relative pronoun
    k = doc.before_determiners(m.first)
    before = doc.lower[k] if k >= 0 else ""
    prep = lang.preposition(before) if before else None
    if before == "secondo":
        prep = "secondo"
    f[f"prep_before={prep if prep in _PREPOSITIONS else ('other' if prep else 'none')}"] = 1.0
    f["comma_before"] = float(before == ",")
    f["paren_before"] = float(before == "(")
    after = doc.lower[m.last] if m.last < len(doc.tokens) else ""
    f["comma_after"] = float(after == ",")
    f["paren_after"] = float(after == ")")
    f["relative_after"] = float(after in ("che", "cui") or (after == "," and m.last + 1 < len(doc.tokens)
                                                          and doc.lower[m.last + 1] in ("che", "il", "la", "i", "le")
                                                          and m.last + 2 < len(doc.tokens) and doc.lower[m.last + 2] in ("quale", "quali", "che")))
    f["colon_after"] = float(after == ":")
    f["verb_after"] = float(m.last < len(doc.tokens) and doc.tokens[m.last].upos in ("VERB", "AUX"))
    f["verb_before"] = float(k >= 0 and doc.tokens[k].upos in ("VERB", "AUX") and k == m.first - 1)
    return f, prep


def _headed_by_a_document(doc: Document, m: Mention) -> bool:
    """A phrase naming what someone said or wrote (`la lettera`, `le stime`), not who: the speaker only when the
    article names nobody who wrote or said it, which the ranker weighs against the other options."""
    return m.via in ("description", "organisation") and (
        _document_noun_head(doc, m) or m.head is not None and fold(doc.texts[m.head]) in doc.lang.source_products)


def _sentence_initial(doc: Document, i: int) -> bool:
    first, _ = doc.near(i, reach=12)
    k = first
    while k < i and (doc.lang.is_determiner(doc.lower[k]) or not doc.tokens[k].text[:1].isalnum()):
        k += 1
    return k == i


def _parse_features(doc: Document, m: Mention, cue: Cue | None) -> dict[str, float]:
    """The mention's syntactic relation, and whether it hangs on the cue's verb or on the verb the cue hangs on."""
    tokens = doc.tokens
    head = next((k for k in range(m.first, m.last) if tokens[k].head is None or not m.first <= tokens[k].head < m.last),
                m.first)
    rel = doc.relation(head)
    f = {f"deprel={rel if rel in _DEPRELS else rel.split(':')[0] if rel.split(':')[0] in _DEPRELS else 'other'}": 1.0}
    if cue is not None:
        verb = cue.word
        f["head_is_cue"] = float(tokens[head].head == verb)
        governor = tokens[verb].head
        f["head_is_cue_governor"] = float(governor is not None and tokens[head].head == governor)
        f["subject_of_cue"] = float(tokens[head].head == verb and rel.startswith("nsubj"))
        f["agent_of_cue"] = float(tokens[head].head == verb and rel == "obl:agent")
        f["object_of_cue"] = float(tokens[head].head == verb and rel in ("obj", "iobj"))
        f["tree_distance"] = float(min(_tree_distance(doc, head, verb), 8))
    return f


def _tree_distance(doc: Document, a: int, b: int) -> int:
    ancestors = {}
    k, d = a, 0
    while k is not None and d < 20:
        ancestors[k] = d
        k, d = doc.tokens[k].head, d + 1
    k, d = b, 0
    while k is not None and d < 20:
        if k in ancestors:
            return ancestors[k] + d
        k, d = doc.tokens[k].head, d + 1
    return 20


def _carried_features(doc: Document, candidate: Candidate, previous: Spoken, sentence: int, paragraph: int) -> dict[str, float]:
    """The previous statement's speaker, carried over to a statement with a null subject."""
    gap = max(0, candidate.first - previous.last)
    previous_sentence = doc.sentence_of[min(previous.first, len(doc.tokens) - 1)]
    f = {"via=previous": 1.0, f"kind={previous.kind or 'none'}": 1.0, "has_name": 1.0,
         "gap_to_content_log": math.log1p(gap), "sentence_delta": float(sentence - previous_sentence),
         "same_paragraph": float(doc.paragraph(min(previous.first, len(doc.tokens) - 1)) == paragraph),
         "has_cue": float(candidate.cue is not None), "head_zipf": -1.0}
    persons_between = [m for m in doc.mentions_within(previous.last, candidate.first) if m.kind == "person"]
    f["mentions_between"] = float(len(persons_between))
    return f


def subject_slot(doc: Document, candidate: Candidate) -> str:
    """What stands right before a verb cue's group, where a preverbal subject stands: a `mention`; a `noun` phrase
    no reader made a mention of (`l'attaccante ha detto`: the speaker is someone the article named before); a
    `pronoun`; a clause boundary (`, ha detto`, `e ha aggiunto`: a null subject) as `boundary`; else `other`, or
    `none` for statements without a verb cue."""
    cue = candidate.cue
    if cue is None or cue.kind not in ("verb", "light"):
        return "none"
    lang = doc.lang
    k = _subject_slot_end(doc, cue)
    if k < 0:
        return "boundary"
    ending = doc.mentions_within(max(0, k - 12), k + 1)
    if ending and ending[-1].last == k + 1:
        return "pronoun" if ending[-1].via == "pronoun" else "mention"
    word = doc.tokens[k].text
    if not word[:1].isalnum() or doc.lower[k] in lang.words("coordinators") or doc.lower[k] in lang.words("clause_openers"):
        return "boundary"
    return "noun" if _noun_phrase_ending_at(doc, k) is not None else "other"


def _subject_slot_end(doc: Document, cue: Cue) -> int:
    """The token right before a verb cue's group, where a preverbal subject ends (before brackets after it: `la Lega
    Navale (LNI) ha detto`); -1 at the text's start."""
    k = _verb_group_first(doc, cue.first) - 1
    if k >= 0 and doc.lower[k] == ")":
        opening = aside_opening(doc, k, doc.near(k)[0])
        k = opening - 1 if opening is not None else k
    return k


def _noun_phrase_ending_at(doc: Document, k: int) -> int | None:
    """The determiner opening a phrase of up to three lower-case nouns and adjectives that ends at token k
    (`l'attaccante`, `il nuovo tecnico`), if one does."""
    j = k
    while j > k - 4 and j >= 0 and doc.tokens[j].text[:1].islower() and doc.tokens[j].upos in ("NOUN", "ADJ", ""):
        j -= 1
    return j if j < k and j >= 0 and doc.lang.is_determiner(doc.lower[j]) else None


def _noun_subject(doc: Document, candidate: Candidate, facts: MentionFacts) -> tuple[Mention, str] | None:
    """`L'azzurra ha detto`, `il teologo ha dichiarato`: a definite singular phrase no reader made a mention of, headed
    by a noun of people (`_person_noun`: of profession, nationality, team or role) right before a verb cue, is its
    subject and refers to someone the article named before: the first person it names, the one it is about, not a
    man (by his given name's `-o`) when the article is feminine. The phrase as a mention of that person, and the name;
    only where `subject_slot` is `noun`."""
    k = _subject_slot_end(doc, candidate.cue)
    first = _noun_phrase_ending_at(doc, k)
    lang = doc.lang
    if first is None or doc.lower[first] not in lang.words("definite_singular_articles"):
        return None
    head = next((j for j in range(first + 1, k + 1) if fold(doc.texts[j]) not in lang.speaker_words["np_prefixes"]), None)
    if head is None or fold(doc.texts[head]) in lang.speaker_words["titles"] or not _person_noun(lang, doc.lower[head]):
        return None  # a title is the title readers' (`il ministro`: whoever holds it, not the one the article is about)
    feminine = doc.lower[first] in lang.speaker_words["feminine_determiners"]
    person = next((m for m in facts.surely_named("person") if m.last <= first
                   and not (feminine and lang.masculine_given_name(m.text))), None)
    if person is None:
        return None
    start, end = doc.starts[first], doc.ends[k]
    return Mention(first, k + 1, start, end, doc.text[start:end], "description", "person", person.name, head=head,
                   resolved_by="earlier"), person.name


_MIN_ZIPF_OF_OTHER_GENDER = 1.5  # wordfreq Zipf: a form written now and then (`teologa`), not a mere misspelling


def _person_noun(lang, word: str) -> bool:
    """A noun of people: one with an ending of people of either gender (`giornalista`, `ventenne`: grammar.yaml
    `epicene_person_endings`), or one whose form of the other gender is a word of its own and no verb's
    (`teologo`/`teologa`, `relatrice`/`relatore`, `campione`/`campionessa`: `gender_pair_endings`). Things have one
    gender (`la scena`, `l'accordo`; `la ricerca`'s `ricerco` is a verb's), abstract nouns (`-zione`) too."""
    word = fold(word).rsplit("-", 1)[-1]  # "ex-relatrice"
    if word.endswith(lang.endings("epicene_person_endings")):
        return True
    if word.endswith(lang.endings("abstract_noun_endings")):
        return False
    infinitive = lang.endings("infinitive_endings")
    for pair in lang.words("gender_pair_endings"):
        one, other = pair.split()
        for this, that in ((one, other), (other, one)):
            if word.endswith(this) and len(word) > len(this) + 2:
                form = word[: len(word) - len(this)] + that
                if lang.zipf(form) >= _MIN_ZIPF_OF_OTHER_GENDER and not lang.lemma(form).endswith(infinitive):
                    return True
    return False



def _statement_context(candidate: Candidate, n_options: int) -> dict[str, float]:
    cue = candidate.cue
    f = {f"st_origin={candidate.origin}": 1.0, f"st_attribution={candidate.attribution or 'none'}": 1.0,
         f"st_kind={candidate.kind}": 1.0, "n_options": float(n_options)}
    if cue is not None:
        f[f"cue_kind={cue.kind}"] = 1.0
        f[f"cue_tense={cue.tense}"] = 1.0
        f["cue_passive"] = float(cue.passive)
        f["cue_reflexive"] = float(cue.reflexive)
        f["cue_governed"] = float(cue.governed)
    return f

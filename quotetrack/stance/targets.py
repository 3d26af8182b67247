"""Who a statement may be about: its candidate targets, read from the document's mention index.

A candidate is one canonical name with the mentions that bring it into reach of the statement:
- mentions inside the quote (names, titles and descriptions the index resolved, institutions, metonyms);
- mentions in the reporting sentence around it (the accused of `ha accusato X di «…»`, the labelled of
  `ha definito X «…»`, the one asked in `ha chiesto a X di …`), which a learned classifier keeps or drops;
- for a description of the quote the mention index resolved to no one (`l'ex giudice`, `la società`), the people
  or organisations (as the description is) named before the quote, back to three sentences (`_named_before_quote`);
- pronouns: a third-person pronoun, possessive or object clitic of the quote (`«lo ha tradito»`, `«dopo averla
  vista»`; not an article or a demonstrative before a noun: `gli operai`) points at the last person named before the
  statement other than the speaker, a second-person one at the one addressed (`«siete …»`), an
  object clitic of an accusing, labelling or asking cue at the last one named before it (`accusandolo di «…»`).
The speaker (also by part of their name) and first-person references are never candidates, nor common noun phrases
the index resolved to no one, nor a country named by a common noun (`il Paese`), nor what someone else's title
belongs to (`l'ex presidente dell'Acme Mario Rossi`); the speaker's own side is one, marked as such.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Sequence

from ..analysis.document import REACH
from ..lang import fold

if TYPE_CHECKING:
    from ..analysis import Document, Mention
    from ..models import Statement
    from .lexicon import StanceLexicon

TARGET_KINDS = ("person", "organisation", "country")
# how the mention index reads a country named by a common noun (`il Paese`, `lo Stato`, `la nazione`): in gold-dev,
# 4 of the 64 candidates named only so were counterparts, and the target classifier kept none of those 4 but 14 others
COUNTRY_NOUN = "country"
_LOOK_BACK_SENTENCES = 3  # how far before a statement a pronoun's antecedent is looked for
_AFFILIATION_GAP = 3  # tokens between a speaker and the title phrase describing them (`, il`)
_UNSOUGHT = object()  # an antecedent not looked for yet (None: looked for, not found)
# how common (wordfreq Zipf) a lone word the knowledge base does not know is when it is a common noun written large
# (`la Procura`, `la Terra`, `il Santo Padre`) or a word read as a name at a sentence's start: in gold-dev, 4 of the 48
# such candidates the target classifier kept were counterparts, against 31 of 164 of the other lone words
_COMMON_ZIPF = 4.0
# kinds of reporting verb (`reporting.yaml`) that act on someone: their object clitic is whom the statement is aimed at
AIMED_CUE_KINDS = frozenset({"accusation", "criticism", "praise", "labelling", "comparison", "request", "threat",
                             "warning"})


@dataclass
class Candidate:
    """One counterpart in reach of a statement."""

    name: str
    kind: str
    quote: list[Mention] = field(default_factory=list)  # its mentions inside the quote
    frame: list[Mention] = field(default_factory=list)  # its mentions in the reporting sentence, outside the quote
    # "third" / "second" person words of the quote aimed at it, "cue" for an object clitic of the cue (`accusandolo`),
    # "context" for a description of the quote resolved to no one that may stand for it (`l'ex giudice`)
    pointers: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class StatementSpan:
    """Where a statement lies among the document's tokens."""

    statement: Statement
    first: int  # quote tokens [first, last)
    last: int
    frame_first: int  # the quote and the sentence of its cue: tokens [frame_first, frame_last)
    frame_last: int
    cue_first: int | None
    cue_last: int | None

    @classmethod
    def of(cls, doc: Document, statement: Statement) -> "StatementSpan":
        first = doc.token_at(statement.start)
        last = max(first + 1, doc.token_before(statement.end) + 1)
        last = min(last, len(doc.tokens))
        cue_first = cue_last = None
        if statement.cue_start is not None and statement.cue_end is not None:
            cue_first = doc.token_at(statement.cue_start)
            cue_last = max(cue_first + 1, doc.token_before(statement.cue_end) + 1)
        anchor = min(cue_first if cue_first is not None else first, len(doc.tokens) - 1)
        sentence_first, sentence_last = doc.near(anchor)  # the cue's sentence, as far as any rule looks: the clause
        return cls(statement, first, last, min(sentence_first, first), max(sentence_last, last), cue_first, cue_last)


class ArticleView:
    """What every statement of an article shares: the mention index grouped by canonical name, the speaker tests."""

    def __init__(self, doc: Document, lexicon: StanceLexicon, statements: Sequence[Statement] = ()):
        self.doc = doc
        self.kb = doc.kb
        self.lexicon = lexicon
        self.statements = statements
        self._sides: dict[str, set[str]] = {}  # `_described_sides` of each speaker, read once per article
        self._keys: dict[str, str] = {}  # `key` of each name: every statement asks again about the same few names

    @cached_property
    def speakers(self) -> Counter:
        """How many of the article's statements each canonical name speaks: its protagonists."""
        return Counter(self.key(s.speaker) for s in self.statements if s.speaker)

    @cached_property
    def targetable(self) -> list[Mention]:
        """The mentions that may be targets, in text order: people, organisations and countries with a name, not
        one that names a place, an event or a document (`Palazzo Verdi`, `Festival di X`, `Privacy Act`, `il fiume
        X`), nor a common noun phrase resolved to no one, a letter or a function word read as a name."""
        first_person = self.lexicon.first_person
        return [m for m in self.doc.mentions if m.kind in TARGET_KINDS and m.name and m.via != "pronoun"
                and self.doc.lower[m.first] not in first_person and not self._no_counterpart(m.name)
                and not self._names_a_place(m) and not self._names_a_work(m) and not self._no_name(m)]

    def _no_name(self, m: Mention) -> bool:
        """Does the mention name nobody: a common noun phrase the index resolved to no one (`la società`, `la
        maggioranza del nuovo`: no capital, no number, in its name), or one word, a letter or a function word, the
        name finder read as a name (`I`, `Se`, `D` written large)?"""
        if not any(word[:1].isupper() or word[:1].isdigit() for word in m.name.split()):
            return True
        return m.via != "kb" and m.last - m.first == 1 and (
            len(m.text) == 1 or self.doc.lower[m.first] in self.doc.lang.function_words)

    def _no_counterpart(self, name: str) -> bool:
        """Does the name open or close with a word of places, events and documents?"""
        words = fold(name).split()
        return words[0] in self.lexicon.not_counterparts or (
            len(words) > 1 and words[-1] in self.lexicon.not_counterpart_ends)

    def _names_a_place(self, m: Mention) -> bool:
        """Does a noun of geography or streets stand right before the mention, or before it and `di` (`nel
        quartiere X`, `l'isola di X`, `via X`), or is it a metonym after a preposition of place (`a Mosca`, `la strage
        di Kabul`: the city, not the government it stands for elsewhere), or a lone word taken for a person after `a`
        or `in` (`a Borgoverde`)?"""
        doc, k = self.doc, m.first - 1
        if k >= 0 and doc.lower[k] in self.lexicon.metonym_places_after and not self._given_to(k) and (
                self._metonym(m) or self._lone_word_at_place(m, k)):
            return True
        if k > 0 and doc.lang.preposition(doc.lower[k]) == "di":
            k -= 1
        return k >= 0 and (doc.lower[k] in self.lexicon.place_heads
                           or doc.dictionary_lemmas[k] in self.lexicon.place_heads)

    def _lone_word_at_place(self, m: Mention, k: int) -> bool:
        """Is the mention a lone word the name finder took for a person, and token k before it `a` or `in`, not `di`?
        A town or a place written alone is read as a person's name (`far compere a Borgoverde`); a person named only
        so, after a bare preposition of place, is rare (in gold-dev, none of 25 such candidates was a counterpart)."""
        lang = self.doc.lang
        return (m.kind == "person" and not self.surely_person(m)
                and lang.preposition(self.doc.lower[k]) in lang.speaker_words["place_prepositions"])

    def _given_to(self, k: int) -> bool:
        """Is token k an `a` after a noun of help or attitude, one lower-case word at most between (`l'aiuto
        militare a Kiev`, `solidarietà a Mosca`)? Then the metonym after it is whom the help is for, not a place."""
        doc, held = self.doc, self.lexicon.held
        if k < 1 or doc.lang.preposition(doc.lower[k]) != "a":
            return False
        return doc.lower[k - 1] in held or k > 1 and doc.lower[k - 2] in held and doc.texts[k - 1].isalpha() and (
            doc.texts[k - 1].islower())

    def _names_a_work(self, m: Mention) -> bool:
        """Does a noun of works, laws or operations stand right before the mention (`il decreto X`, `la serie X`)?"""
        doc, k = self.doc, m.first - 1
        return k >= 0 and (doc.lower[k] in self.lexicon.work_heads
                           or doc.dictionary_lemmas[k] in self.lexicon.work_heads)

    def _metonym(self, m: Mention) -> bool:
        """Is the mention one of the metonyms the knowledge base gives its entity (`Mosca` for Russia)?"""
        entity = self.kb.get(m.name)
        return entity is not None and fold(m.text) in {fold(word) for word in entity.metonyms}

    @cached_property
    def title_parts(self) -> frozenset[int]:
        """First tokens of the mentions that a title phrase naming someone else holds (`l'ex presidente dell'Acme`
        read as Mario Rossi: Acme): what that one's title belongs to, named to say who they are."""
        titles = [m for m in self.doc.mentions if m.via == "title" and m.name]
        return frozenset(m.first for t in titles for m in self.targetable_within(t.first, t.last)
                         if m is not t and m.last <= t.last and not self.same(m.name, t.name))

    @cached_property
    def targetable_firsts(self) -> list[int]:
        return [m.first for m in self.targetable]

    def targetable_within(self, first: int, last: int) -> list[Mention]:
        """The targetable mentions starting in tokens [first, last), in order (found by bisection on both ends: a
        statement costs the mentions near it, not the rest of the article)."""
        firsts = self.targetable_firsts
        return self.targetable[bisect.bisect_left(firsts, first) : bisect.bisect_left(firsts, last)]

    @cached_property
    def lead(self) -> set[str]:
        """The canonical names of the article's first sentence: whom the story is about, and its statements with it."""
        if not self.doc.sentences:
            return set()
        return {self.key(m.name) for m in self.targetable_within(0, self.doc.sentences[0].last)}

    @cached_property
    def counts(self) -> Counter:
        """How often the article mentions each canonical name."""
        return Counter(self.key(m.name) for m in self.targetable)

    @cached_property
    def located(self) -> Counter:
        """How often the article names each canonical name right after a locative (`in X`, `nel X`): places the name
        finder took for people, and countries named as places, are rarely counterparts."""
        doc, locative = self.doc, self.lexicon.locative
        return Counter(self.key(m.name) for m in self.targetable if m.first and doc.lower[m.first - 1] in locative)

    @cached_property
    def rank(self) -> dict[str, int]:
        return {name: k for k, (name, _) in enumerate(self.counts.most_common())}

    def key(self, name: str) -> str:
        """The canonical form two mentions of one entity share: the KB's name, else the fullest form the article
        writes of the name (`Commissione` of an article that also writes `Commissione europea`)."""
        found = self._keys.get(name)
        if found is None:
            entity = self.kb.get(name)
            found = self._keys[name] = entity.name if entity is not None else self.fullest.get(fold(name), name)
        return found

    @cached_property
    def fullest(self) -> dict[str, str]:
        """Each organisation's name (folded) the article also writes followed by a nationality or by `di` and
        capitalised words, mapped to that longer form where it is the only one (`Ferrovie` of an article that also
        writes `Ferrovie dello Stato`, `Polizia` of `Polizia serba`): the article's full name of it, which the name
        finder cut short. A name written with two different tails (`Procura di Roma`, `Procura di Bari`) stays as it
        is."""
        tails: dict[str, set[str]] = {}
        for m in self.targetable:
            if m.kind == "organisation" and fold(m.text) == fold(m.name) and self.kb.get(m.name) is None:
                tail = self._of_tail(m.last)
                tails.setdefault(fold(m.name), set()).update([f"{m.name} {tail}"] if tail else [])
        return {name: next(iter(longer)) for name, longer in tails.items() if len(longer) == 1}

    def _of_tail(self, k: int) -> str | None:
        """The words that continue a name from token k: an adjective of nationality (`serba`), or `di` (or `del`,
        `dello`…) and capitalised words."""
        doc = self.doc
        if k < len(doc.tokens) and doc.tokens[k].text.islower() and fold(doc.tokens[k].text) in self.kb.country_adjectives():
            return doc.tokens[k].text
        if k >= len(doc.tokens) or doc.lang.preposition(doc.lower[k]) != "di":
            return None
        end = k + 1
        while end < len(doc.tokens) and doc.tokens[end].text[:1].isupper():
            end += 1
        return doc.text[doc.tokens[k].start : doc.tokens[end - 1].end] if end > k + 1 else None

    def same(self, a: str | None, b: str | None) -> bool:
        """Do two names refer to one entity (folded, through the KB, or a person's surname)?"""
        if not a or not b:
            return False
        if fold(a) == fold(b) or self.key(a) == self.key(b):
            return True
        fa, fb = fold(a).split(), fold(b).split()
        return a[:1].isupper() and b[:1].isupper() and fa[-1] == fb[-1] and (len(fa) == 1 or len(fb) == 1)

    def is_speaker(self, name: str | None, speaker: str | None) -> bool:
        """Is the name the speaker's: the same entity, or the first or last words of the speaker's name (`Giulio`,
        `Maria Ferri` of Giulio Maria Ferri; `Ministero degli Esteri` of Ministero degli Esteri cinese)?"""
        if self.same(name, speaker):
            return True
        if not name or not speaker or not (name[:1].isupper() and speaker[:1].isupper()):
            return False
        part, whole = fold(name).split(), fold(speaker).split()
        return len(part) < len(whole) and part in (whole[: len(part)], whole[-len(part):])

    def surely_person(self, m: Mention) -> bool:
        """Is the mention a person the article names in full (`Rossi` of an article that writes `Mario Rossi`) or
        the knowledge base knows? A lone capitalised word taken for a person is as often a place, a programme or a
        nickname (`a Vago`, `su Geo`), which a pronoun of the quote does not stand for."""
        return m.kind == "person" and (len(m.name.split()) > 1 or self.kb.get(m.name) is not None)

    def common_word(self, m: Mention) -> bool:
        """Is the mention's canonical name one common word of the language the knowledge base does not know, written
        with an initial capital only (`la Procura`, `la Terra`, `Ritengo` opening a sentence), not a given name
        (`William`)? A common noun written large names an institution only with what the article adds to it (`la
        Procura di Roma`), and a word at a sentence's start is often no name at all. Common means frequent and a word
        of the language's dictionary: a frequent brand or club (`Juventus`, `Samsung`) is in no dictionary."""
        name, lang = self.key(m.name), self.doc.lang
        return (name.isalpha() and not name.isupper() and self.kb.get(name) is None
                and lang.zipf(name.lower()) >= _COMMON_ZIPF and name.lower() in lang.lemma_dictionary
                and fold(name) not in lang.speaker_words["given_names"])

    def own_side(self, speaker: str | None) -> set[str]:
        """The speaker's country and party (canonical names), from the knowledge base."""
        entity = self.kb.get(speaker) if speaker else None
        if entity is None:
            return set()
        return {self.key(s) for s in (entity.country, entity.party) if s}

    def _described_sides(self, speaker: str) -> set[str]:
        """The countries and organisations of the knowledge base named in the speaker's name or description, by name
        or adjective of nationality."""
        sides = self._sides.get(speaker)
        if sides is None:
            sides = self._sides[speaker] = {self.key(m.entity.name) for m in self.kb.find_mentions(speaker)
                                            if m.entity is not None and m.entity.kind in ("country", "organisation")
                                            and not self.same(m.entity.name, speaker)}
        return sides

    def on_speaker_side(self, candidate: Candidate, speaker: str | None) -> bool:
        """Is the candidate the speaker's own side: their country or party (`own_side`), a country or organisation
        their name or description names (`il ministro della Difesa russo`: Russia, `il portavoce dell'Acme`: Acme,
        `fonti della polizia di X`: the police of X), or one named after them (`Governo Rossi` of Mario Rossi)?
        Who speaks for a side, or from within it, evaluates it only where the words do (GUIDELINES §5)."""
        if not speaker or candidate.kind == "person":
            return False  # a side is a country or an organisation (`sorella di X` is not X's own side)
        if candidate.name in self.own_side(speaker) or candidate.name in self._described_sides(speaker):
            return True
        entity = self.kb.get(speaker)
        return _within(candidate.name, speaker) or entity is not None and entity.kind == "person" and _named_after(
            candidate.name, entity.name)


def _within(name: str, description: str) -> bool:
    """Are the name's words, folded, a run of the description's words (`polizia di X` in `fonti della polizia di X`)?"""
    part, whole = fold(name).split(), fold(description).split()
    return any(whole[k : k + len(part)] == part for k in range(len(whole) - len(part) + 1))


def _named_after(name: str, person: str) -> bool:
    """Is the name of two words or more, ending with the person's surname (`Governo Rossi` of Mario Rossi)?"""
    words = fold(name).split()
    return len(words) > 1 and words[-1] == fold(person).split()[-1]


def candidates(view: ArticleView, span: StatementSpan) -> list[Candidate]:
    """The candidate targets of one statement, in the order they are first mentioned."""
    doc, statement = view.doc, span.statement
    found: dict[str, Candidate] = {}

    def add(m: Mention, where: str) -> None:
        if view.is_speaker(m.name, statement.speaker):
            return
        getattr(_candidate(found, view.key(m.name), m.kind), where).append(m)

    speaker_tokens = set()
    if statement.speaker_start is not None and statement.speaker_end is not None:
        speaker_tokens = set(range(doc.token_at(statement.speaker_start), doc.token_before(statement.speaker_end) + 1))
    for m in view.targetable_within(span.frame_first - REACH, span.frame_last):  # none further back reaches the frame
        if m.last <= span.frame_first:
            continue
        if m.first in view.title_parts:
            continue  # `il presidente dell'Acme Mario Rossi`: Acme says who Rossi is; the statement is about Rossi
        if m.via == COUNTRY_NOUN:
            continue  # `il Paese`, `lo Stato`: the speaker's own country or the story's setting, rarely a counterpart
        if view.common_word(m):
            continue  # `la Procura`, `la Terra`: which one, the word alone does not say
        if span.first <= m.first and m.last <= span.last:
            add(m, "quote")
        elif ((m.last <= span.first or m.first >= span.last) and m.first not in speaker_tokens
              and not affiliation(doc, m, speaker_tokens)):
            add(m, "frame")
    for person, word in _pointed(view, span):
        _candidate(found, view.key(person.name), person.kind).pointers[word] += 1
    aimed = _cue_clitic_referent(view, span, speaker_tokens)
    if aimed is not None:
        _candidate(found, view.key(aimed.name), aimed.kind).pointers["cue"] += 1
    described = _unnamed_descriptions(view, span)
    if described:
        for m in _named_before_quote(view, span, described):
            if view.key(m.name) not in found and not view.is_speaker(m.name, statement.speaker):
                _candidate(found, view.key(m.name), m.kind).pointers["context"] += 1
    return list(found.values())


def points(candidate: Candidate) -> bool:
    """Does a word of the statement point at the candidate: a pronoun of the quote or a clitic of the cue?"""
    return bool(candidate.pointers["third"] or candidate.pointers["second"] or candidate.pointers["cue"])


def _unnamed_descriptions(view: ArticleView, span: StatementSpan) -> set[str]:
    """The kinds (person, organisation) of the descriptions of the quote the mention index resolved to no one
    (`l'azienda`, `il campione`): the quote speaks of someone by a common noun."""
    doc, first_person = view.doc, view.lexicon.first_person
    return {m.kind for m in doc.mentions_within(span.first, span.last) if m.last <= span.last
            and m.kind in ("person", "organisation") and m.via in ("organisation", "title", "description")
            and doc.lower[m.first] not in first_person and (not m.name or view._no_name(m))}


def _named_before_quote(view: ArticleView, span: StatementSpan, kinds: set[str]) -> list[Mention]:
    """The counterparts of those kinds named before the quote, back to three sentences before its reporting
    sentence: a description of the quote the index could not resolve may stand for one of them (`Luca Bianchi ha
    lasciato la magistratura. «L'ex giudice è un uomo onesto», ha detto Rossi`); the classifier keeps one only where
    the quote's words judge it, as it does for the antecedent of a pronoun."""
    doc = view.doc
    floor = doc.sentences[max(0, doc.sentence_of[span.frame_first] - _LOOK_BACK_SENTENCES)].first
    return [m for m in view.targetable_within(floor, span.first) if m.kind in kinds
            and m.via != COUNTRY_NOUN and m.first not in view.title_parts and not view.common_word(m)]


def _cue_clitic_referent(view: ArticleView, span: StatementSpan, speaker_tokens: set[int]) -> Mention | None:
    """The one an object clitic of the cue stands for (`accusandolo di «…»`, `l'ha definito «…»`): the last one
    named before the cue, outside the quote, not the speaker. The cue is aimed at them, wherever they were named.
    Only a cue that acts on someone (accuses, labels, asks…): `lo ha detto` says the statement itself."""
    doc = view.doc
    if span.cue_first is None:
        return None
    verb = _clitic_verb(doc, span.cue_first, span.cue_last)
    if verb is None or doc.lang.verb_lemmas.get(verb, {}).get("kind") not in AIMED_CUE_KINDS:
        return None
    speaker = span.statement.speaker
    floor = doc.sentences[max(0, doc.sentence_of[span.cue_first] - _LOOK_BACK_SENTENCES)].first
    for m in reversed(view.targetable_within(floor, span.cue_first)):
        inside = span.first <= m.first < span.last
        if not inside and m.first not in speaker_tokens and not view.is_speaker(m.name, speaker):
            return m
    return None


def _clitic_verb(doc: Document, first: int, last: int) -> str | None:
    """The lemma of the cue's verb that carries a third-person object clitic, before its auxiliary (`lo ha
    accusato`, `l'ha definito`) or attached to its gerund or infinitive (`accusandolo`, `definirla`)."""
    lang = doc.lang
    clitics = lang.words("third_person_object_clitics")
    endings = lang.endings("third_person_object_clitics")
    last = min(last, len(doc.tokens))
    for k in range(max(0, first - 1), last):
        word = doc.lower[k]
        if word in clitics and k + 1 < last and doc.lower[k + 1] in lang.auxiliaries:
            verbs = (doc.lower[j] for j in range(k + 2, last) if doc.lower[j] not in lang.auxiliaries)
            return next((lang.verb_forms[v].lemma for v in verbs if v in lang.verb_forms), None)
        if not word.endswith(endings):
            continue  # most words: no clitic attached, one test in C
        forms = [_gerund_or_infinitive(lang, word[: -len(c)]) for c in clitics if word.endswith(c)]
        if any(forms):
            return next(f for f in forms if f).lemma
    return None


def _gerund_or_infinitive(lang, stem: str):
    """The verb form a word with its clitic cut off is, when a gerund (`accusando`) or a truncated infinitive
    (`definir`) of the lexicon's verbs; else None."""
    form = lang.verb_forms.get(stem) or lang.verb_forms.get(stem + "e")
    return form if form is not None and form.tense in ("gerund", "infinitive") else None


def affiliation(doc: Document, m: Mention, speaker_tokens: set[int]) -> bool:
    """Is the mention what the speaker's title belongs to (`Anna Neri, presidente dell'Acme, ha detto`, `il portavoce
    del partito Anna Neri`)? The speaker's own side, described, not whom the statement is about."""
    if not speaker_tokens or m.first < 2 or doc.lang.preposition(doc.lower[m.first - 1]) != "di":
        return False
    title = m.first - 2
    if fold(doc.texts[title]) not in doc.lang.speaker_words["titles"]:
        return False
    return title in speaker_tokens or _joined(doc, title - 1, -1, speaker_tokens) or _joined(
        doc, m.last, 1, speaker_tokens)


def _joined(doc: Document, k: int, step: int, speaker_tokens: set[int]) -> bool:
    """Going from token k by step, is the speaker reached past nothing but commas and articles?"""
    for _ in range(_AFFILIATION_GAP):
        if k in speaker_tokens:
            return True
        if not 0 <= k < len(doc.tokens) or not (doc.lower[k] == "," or doc.lang.is_determiner(doc.lower[k])):
            return False
        k += step
    return False


def _candidate(found: dict[str, Candidate], key: str, kind: str) -> Candidate:
    """The candidate of a canonical name, made on its first mention only (most are mentioned again and again)."""
    candidate = found.get(key)
    if candidate is None:
        candidate = found[key] = Candidate(key, kind)
    return candidate


def _pointed(view: ArticleView, span: StatementSpan) -> list[tuple[Mention, str]]:
    """(antecedent, "third"/"second") for the pronouns and possessives of the quote that point outside it."""
    doc, lexicon = view.doc, view.lexicon
    out = []
    third = second = _UNSOUGHT  # each antecedent is looked for once, at the first pronoun that needs it
    for i in range(span.first, span.last):
        low = doc.lower[i]
        if _third_person_at(doc, lexicon, i):
            if third is _UNSOUGHT:
                third = _antecedent(view, span, people_only=True)
            if third is not None:
                out.append((third, "third"))
        elif low in lexicon.second_person:
            if second is _UNSOUGHT:
                second = _addressee(view, span) or _antecedent(view, span, people_only=False)
            if second is not None:
                out.append((second, "second"))
    return out


def _third_person_at(doc: Document, lexicon: StanceLexicon, i: int) -> bool:
    """Does token i stand for a third person: a pronoun, a possessive, an anaphoric word (`quest'ultimo`) or an object
    clitic (`lo ha tradito`, `l'ha visto`, `averla uccisa`)? A word that is an article or a demonstrative as well
    (`gli`, `lo`, `questi`) only when a verb other than a participle follows (`gli ha scritto`, not `gli americani`,
    `questi giorni`, `lo stato`)."""
    low, mention = doc.lower[i], doc.mention_of_token.get(i)
    if low in lexicon.third_person or mention is not None and mention.via == "pronoun" and mention.last == i + 1:
        return low not in _determiner_forms(doc.lang) or doc.verb_follows(i + 1) and not _participle_at(doc, i + 1)
    return mention is not None and mention.via == "pronoun" or _object_clitic(doc, lexicon, i)


def _participle_at(doc: Document, k: int) -> bool:
    """Is token k a participle of an auxiliary (`stato`, `stata`)? A clitic stands before the auxiliary's finite form
    (`lo è stato`), never right before its participle: `lo stato` is an article and a noun."""
    low = doc.lower[k] if k < len(doc.tokens) else ""
    return low in doc.lang.auxiliaries and low.endswith(doc.lang.endings("past_participle_endings"))


@lru_cache(maxsize=4)
def _determiner_forms(lang) -> frozenset[str]:
    """Articles and demonstratives: a third-person word among them (`gli`, `lo`, `questi`) is a pronoun only
    before a verb."""
    return lang.words("plural_articles") | lang.words("definite_singular_articles") | lang.words("demonstratives")


def _object_clitic(doc: Document, lexicon: StanceLexicon, i: int) -> bool:
    """Is token i an object clitic of one person (`stance.yaml` `third_person_clitics`) before an auxiliary
    (`l'ha tradito`), or a word that ends in one after an infinitive or a gerund (`averla`, `ucciderlo`,
    `lasciandola`; the stem longer than three letters: not `Carlo`, `parla`; no word of a name)?"""
    lang, low, clitics = doc.lang, doc.lower[i], lexicon.third_person_clitics
    if low in clitics:
        return i + 1 < len(doc.tokens) and doc.lower[i + 1] in lang.auxiliaries
    if not low.endswith(lexicon.attached_clitics) or i in doc.mention_of_token:
        return False  # most words: no clitic to look for; a name's word is none (`Montecarlo`)
    verb_endings = lang.endings("truncated_infinitive_endings", "gerund_endings")
    return any(low.endswith(c) and len(low) - len(c) > 3 and low[: -len(c)].endswith(verb_endings)
               for c in lexicon.attached_clitics)


def _antecedent(view: ArticleView, span: StatementSpan, people_only: bool) -> Mention | None:
    """The last person (or, for the one addressed, anyone) named before the statement, not the speaker."""
    doc, speaker = view.doc, span.statement.speaker
    floor = doc.sentences[max(0, doc.sentence_of[span.frame_first] - _LOOK_BACK_SENTENCES)].first
    for m in reversed(view.targetable_within(floor, span.first)):
        if (not people_only or view.surely_person(m)) and not view.is_speaker(m.name, speaker):
            return m
    return None


def _addressee(view: ArticleView, span: StatementSpan) -> Mention | None:
    """The one the reporting sentence addresses: a name after an addressee marker (`a X`, `contro X`) outside the
    quote."""
    for m in view.targetable_within(span.frame_first, span.frame_last):
        if ((m.last <= span.first or m.first >= span.last) and addressed(view, m)
                and not view.is_speaker(m.name, span.statement.speaker)):
            return m
    return None


def addressed(view: ArticleView, m: Mention) -> bool:
    """Does an addressee marker stand right before the mention (`a X`, `al governo`, `contro X`)?"""
    if m.first == 0:
        return False
    before = view.doc.lower[m.first - 1]
    markers = view.lexicon.addressee_markers
    return before in markers or view.doc.lang.preposition(before) in markers

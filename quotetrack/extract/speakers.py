"""Who speaks: noun phrases that can be speakers, and the choice of one for a cue.

Candidates come from three readers over the article: the knowledge base (names, aliases, epithets, dated roles),
capitalised name sequences (people outside the KB), and noun phrases headed by a title, an organisation or an
anonymous-source noun (`il portavoce dell'ambasciata`, `il governo cinese`, `fonti ucraine`). A role is resolved by
the article's date through the KB, then by whom the article itself introduced with that title.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import compress, count
from operator import itemgetter

from ..kb import KnowledgeBase, fold
from .cues import cached_map, endings, grammar, is_closed_word, is_determiner, is_of, load_lexicon, preposition_lemma
from .spans import Doc

_NAME_LIKE: dict[str, bool] = {}  # word → _name_like(word), for cached_map
_FIRST_CHARACTER = itemgetter(0)  # tokens are never empty

# confidence by how the speaker was found
EXPLICIT, ORGANISATION, ROLE_BY_DATE, ROLE_IN_ARTICLE, ANONYMOUS, CARRIED, NOBODY = 0.9, 0.8, 0.75, 0.65, 0.6, 0.45, 0.1




@lru_cache(maxsize=1)
def speaker_words() -> dict[str, frozenset[str]]:
    """The flat word lists of `speakers.yaml`, the given names of `given_names.yaml`, and the first words of
    attribution markers."""
    words = {key: frozenset(fold(str(w)) for w in values) for key, values in load_lexicon("speakers.yaml").items()
             if isinstance(values, list) and all(isinstance(w, str) for w in values)}
    words["given_names"] = frozenset(fold(name) for group in load_lexicon("given_names.yaml")["given_names"] for name in group)
    words["speaker_prepositions"] = frozenset(load_lexicon("attribution.yaml")["speaker_prepositions"])
    words["titles_and_organisations"] = words["titles"] | words["organisations"]
    words["phrase_heads"] = words["titles"] | words["organisations"] | words["anonymous"]
    # an anaphora or the first word of a two-word one
    words["anaphora_words"] = words["anaphora"] | frozenset(w[:k] for w in words["anaphora"] for k in range(1, len(w)))
    return words


@dataclass
class Candidate:
    """A noun phrase that may be a speaker. Token range [first, last)."""

    first: int
    last: int
    text: str
    via: str  # kb / name / title / organisation / anonymous / anaphora
    name: str | None = None  # canonical name when known
    kind: str | None = None  # person / organisation / country / anonymous
    head: str | None = None  # title noun of a title phrase
    head_index: int | None = None  # token of that noun
    role: str | None = None  # KB role id of a title phrase
    confidence: float = EXPLICIT


@dataclass
class Speaker:
    name: str | None
    mention: str | None
    kind: str | None
    confidence: float
    first: int = -1  # token range of the mention
    last: int = -1


NOBODY_SPEAKS = Speaker(None, None, None, NOBODY)


class Candidates:
    """All speaker candidates of one article, with in-article role introductions and name completion."""

    def __init__(self, doc: Doc, kb: KnowledgeBase):
        self.doc = doc
        self.kb = kb
        self.day: date | None = doc.article.published if doc.article.dated else None
        self.words = speaker_words()
        self._name_like = list(compress(count(), cached_map(_name_like, _NAME_LIKE, doc.words)))
        known = self._kb_candidates()
        self._roles_at = {c.first: c for c in known if c.role}
        self._known_at = {c.first: c for c in known if not c.role}
        self._known_tokens = {i for c in known if not c.role for i in range(c.first, c.last)}
        names = self._name_candidates()
        self._known_at.update({c.first: c for c in names})
        found = [c for c in known if not c.role] + names + self._phrase_candidates()
        self.items = _without_overlaps(found)
        self.by_first = {c.first: c for c in self.items}
        self.by_last = {c.last: c for c in self.items}
        self._link_appositions()
        self._complete_names()
        self._build_indexes()

    # -- readers -----------------------------------------------------------------------------------------------
    def _kb_candidates(self) -> list[Candidate]:
        doc, out = self.doc, []
        for mention in self.kb.find_mentions(doc.text, on=self.day):
            first, last = doc.token_at(mention.start), doc.token_before(mention.end) + 1
            if first >= last:
                continue
            if mention.via in ("name", "alias") and is_closed_word(fold(mention.text)):
                continue  # "Un" is an article before it is an acronym
            if mention.via == "demonym":
                # "gli americani" speak for their country; an adjective (il governo cinese) does not
                if first == 0 or doc.lower[first - 1] not in grammar("plural_articles"):
                    continue
                first -= 1
            entity = mention.entity
            if mention.via == "role":
                out.append(Candidate(first, last, doc.span_text(first, last), "title", kind="person",
                                     head=doc.lower[first], head_index=first, role=mention.role,
                                     confidence=ROLE_BY_DATE))
                continue
            if entity is None:
                continue
            confidence = ROLE_BY_DATE if mention.via == "epithet" else EXPLICIT
            out.append(Candidate(first, last, doc.span_text(first, last), "kb", entity.name, entity.kind,
                                 confidence=confidence))
        return out

    def _name_candidates(self) -> list[Candidate]:
        doc, out, n, resume = self.doc, [], len(self.doc.tokens), 0
        for i in self._name_like:
            if i < resume or i in self._known_tokens or not self._starts_name(i):
                continue
            last = i + 1
            while last < n and not self._known_person_at(last):
                if self._continues_name(last):
                    last += 1
                elif (doc.lower[last] in self.words["name_particles"] and last + 1 < n
                      and self._continues_name(last + 1) and doc.tokens[last].start == doc.tokens[last - 1].end + 1
                      and not _acronym(doc.tokens[last + 1].text)
                      and not (last + 2 < n and self._continues_name(last + 2))):
                    # "Luca Cordero di Montezemolo": one word after the particle ends the name; not "del Muro di
                    # Berlino la NATO", nor "Sveva Bianchi del Nuovo Centrodestra" (a party after the name)
                    last += 2
                else:
                    break
            name_start = self._given_name_start(i, last)
            if last - i >= 3 and i > 0 and is_of(doc.lower[i - 1]) and all(
                    doc.lower[k] not in self.words["name_particles"] for k in range(i, last)):
                # "il leader dei Verdi Tommaso Gallo", "il ministro delle Riforme Costituzionali Maria Elena Boschi":
                # the complement, then the name
                end = max(name_start, i + 1)
                complement = doc.span_text(i, end)
                out.append(Candidate(i, end, complement, "name", name=complement, kind="organisation"))
                name_start = end
            i = name_start
            resume = last
            if self._sentence_initial(i) and last == i + 1 and not self._capitalised_elsewhere(i) and not self._before_verb(last):
                continue
            text = doc.span_text(i, last)
            out.append(Candidate(i, last, text, "name", name=text, kind=self._name_kind(i, last)))
        return out

    def _given_name_start(self, first: int, last: int) -> int:
        """Where a run of three or more capitalised words that reaches a given name after other words starts its name:
        `le Riforme Costituzionali Maria Elena Boschi`, `Washington D.C. Adrian Fenty`."""
        given = self.words["given_names"]
        if last - first < 3 or self.doc.lower[first] in given:
            return first
        return next((k for k in range(first + 1, last - 1) if self.doc.lower[k] in given), first)

    def _known_person_at(self, i: int) -> bool:
        known = self._known_at.get(i)
        return i in self._known_tokens and (known is None or known.kind == "person")

    def _before_verb(self, i: int) -> bool:
        """A capitalised first word is a name when a verb or a colon follows it (`Bianchi attacca`, `Rossi:`)."""
        return i < len(self.doc.tokens) and (self.doc.upos[i] in ("AUX", "VERB") or self.doc.lower[i] == ":")

    def _starts_name(self, i: int) -> bool:
        token, lower = self.doc.tokens[i], self.doc.lower[i]
        word = token.text
        if _prefixed_name(word):
            return True
        if not word[:1].isupper() or not word[:1].isalpha():
            return False
        if word[-1] in "'’" and not (i + 1 < len(self.doc.tokens) and self.doc.tokens[i + 1].text[:1].isupper()):
            return False  # C’è
        if lower in self.words["not_names"] or lower.rstrip("'") in self.words["titles_and_organisations"]:
            return False
        if self._sentence_initial(i) and (is_closed_word(lower) or lower.endswith(endings("adverb_endings"))
                                          or lower in self._lower_words):
            return False
        return True

    def _continues_name(self, i: int) -> bool:
        doc = self.doc
        if doc.tokens[i].start - doc.tokens[i - 1].end > 1 or "\n" in doc.text[doc.tokens[i - 1].end : doc.tokens[i].start]:
            return False
        word = doc.tokens[i].text
        if word == "." and len(doc.tokens[i - 1].text) == 1 and doc.tokens[i - 1].text.isupper():
            return True  # George W. Bush
        if _prefixed_name(word):
            return True
        return word[:1].isupper() and word[:1].isalpha() and doc.lower[i] not in self.words["not_names"] and (
            doc.lower[i] not in self.words["titles"])

    def _sentence_initial(self, i: int) -> bool:
        """First word of a sentence, of a quotation or after a colon: capitalised whatever it is."""
        first, _ = self.doc.sentence_bounds(i)
        if i == first:
            return True
        return not self.doc.tokens[i - 1].text[:1].isalnum() and self.doc.tokens[i - 1].text not in (",", "'", "’", "-")

    def _capitalised_elsewhere(self, i: int) -> bool:
        return self.doc.tokens[i].text in self._mid_sentence_words

    @cached_property
    def _mid_sentence_words(self) -> set[str]:
        tokens = self.doc.tokens
        return {tokens[j].text for j in self._name_like if tokens[j].text[:1].isupper() and not self._sentence_initial(j)}

    @cached_property
    def _lower_words(self) -> set[str]:
        """Words the article writes in lower case somewhere (read only for a few sentence-initial words)."""
        return set(compress(self.doc.lower, map(str.islower, map(_FIRST_CHARACTER, self.doc.words))))

    def _name_kind(self, first: int, last: int) -> str:
        words = self.doc.lower[first:last]
        if any(w in self.words["organisations"] for w in words):
            return "organisation"
        if last - first == 1 and self.doc.tokens[first].text.isupper() and len(self.doc.tokens[first].text) > 1:
            return "organisation"
        return "person"

    def _phrase_candidates(self) -> list[Candidate]:
        doc, out = self.doc, []
        titles, orgs = self.words["titles"], self.words["organisations"]
        heads = self.words["phrase_heads"]
        for i in doc.where(heads):
            lower = doc.lower[i]
            if i > 0 and doc.lower[i - 1] in heads and not is_determiner(doc.lower[i - 1]):
                continue  # inside a phrase already read
            first = i
            while first > 0 and (is_determiner(doc.lower[first - 1]) or doc.lower[first - 1] in self.words["np_prefixes"]):
                first -= 1
            if lower not in titles and first == i and not self._may_start_phrase(i):
                continue  # "tecnologiche e militari": an adjective, not the soldiers
            last = self._phrase_end(i + 1, adjectives=2 if lower in orgs and lower not in titles else 1)
            known_role = self._roles_at.get(i)
            if known_role is not None and known_role.last < last:
                known_role = None  # "il premier iracheno" is not the KB's "premier"
            elif known_role is not None:
                last = known_role.last
            text = doc.span_text(first, last)
            if lower in titles:
                if i > 0 and f"{doc.lower[i - 1]} {lower}" in titles:
                    lower = f"{doc.lower[i - 1]} {lower}"  # "primo ministro" is a title of its own
                role = known_role.role if known_role else getattr(self.kb.role_of_phrase(doc.span_text(i, last)), "id", None)
                out.append(Candidate(first, last, text, "title", kind="person", head=lower, head_index=i,
                                     role=role, confidence=ROLE_IN_ARTICLE))
            elif lower in orgs:
                out.append(Candidate(first, last, text, "organisation", _organisation_name(doc.span_text(i, last)),
                                     "organisation", head_index=i, confidence=ORGANISATION))
            else:
                out.append(Candidate(first, last, text, "anonymous", _description(doc.span_text(i, last)),
                                     "anonymous", head_index=i, confidence=ANONYMOUS))
        anaphora, n = self.words["anaphora"], len(doc.lower)
        for i in doc.where(self.words["anaphora_words"]):
            for size in (1, 2):
                if i + size <= n and "".join(doc.lower[i : i + size]) in anaphora:
                    out.append(Candidate(i, i + size, doc.span_text(i, i + size), "anaphora", kind="person",
                                         confidence=CARRIED))
        return out

    def _may_start_phrase(self, i: int) -> bool:
        if i == 0 or self._sentence_initial(i):
            return True
        before = self.doc.lower[i - 1]
        lemma = preposition_lemma(before)
        return before in (",", ";", ":") or lemma in grammar("source_prepositions") or before in self.words["speaker_prepositions"] or (
            lemma is not None and lemma != before)  # "secondo fonti …", "dei medici …", not "e militari"

    def _phrase_end(self, i: int, adjectives: int = 1) -> int:
        """End of a phrase's modifiers: a few adjectives, acronyms and up to three `di` complements."""
        doc, n = self.doc, len(self.doc.tokens)
        allowed, adjectives, complements = adjectives, 0, 0
        while i < n:
            lower, word = doc.lower[i], doc.tokens[i].text
            if "\n" in doc.text[doc.tokens[i - 1].end : doc.tokens[i].start]:
                break
            if lower in grammar("coordinators") and complements and i + 1 < n and is_of(doc.lower[i + 1]):
                i += 1  # "ministro dell'università e della ricerca"
                continue
            if preposition_lemma(lower) in grammar("phrase_complements") and complements < 3:
                j = i + 1
                while j < n and is_determiner(doc.lower[j]):
                    j += 1
                known = self._known_at.get(j)
                k = known.last if known is not None else j
                while known is None and k < n and k < j + 3 and doc.tokens[k].text[:1].isupper() and doc.tokens[k].text[:1].isalpha():
                    if k > j and k in self._known_at:
                        break  # "il capo del Pentagono Mark Esper": the name is not part of the complement
                    k += 1
                if k == j and j < n and doc.tokens[j].text[:1].isalpha() and not is_closed_word(doc.lower[j]):
                    k = j + 1
                    while k < n and k < j + 3 and _looks_adjective(doc.lower[k], doc.tokens[k].text):
                        k += 1
                    named = self._known_at.get(k)
                    single = named is not None and (named.last == k + 1 or any(
                        doc.lower[t] in self.words["name_particles"] for t in range(k, named.last)))
                    if single and doc.tokens[k].start == doc.tokens[k - 1].end + 1:
                        k = named.last  # "dell'ospedale Sainte-Anne" (a two-word name after it is an apposition)
                if k == j:
                    break
                complements += 1
                i = k
                continue
            if _acronym(word) and adjectives < 2:
                i += 1  # l'inviato ONU, il sindaco di Washington D.C.
                adjectives += 1
                continue
            if _looks_adjective(lower, word) and adjectives < allowed:
                i += 1
                adjectives += 1
                continue
            break
        return i

    # -- links -------------------------------------------------------------------------------------------------
    def _link_appositions(self) -> None:
        """A title phrase next to a name names that person: `il premier Romano Prodi`, `Rosy Bindi, ministra …`."""
        self.introductions: list[tuple[int, Candidate, Candidate]] = []  # (token, title phrase, person)
        for c in self.items:
            if c.via != "title":
                continue
            person = self.apposed_person(c)
            if person is not None:
                self.introductions.append((c.first, c, person))

    def apposed_person(self, c: Candidate) -> Candidate | None:
        doc = self.doc
        comma = c.last < len(doc.tokens) and doc.lower[c.last] == ","
        person = self.by_first.get(c.last + 1 if comma else c.last)
        closed = person is not None and (not comma or person.last >= len(doc.tokens) or doc.lower[person.last] in (",", ")", ".", ":"))
        if person is not None and closed and person.kind == "person" and person.via in ("kb", "name"):
            return person  # "il premier Romano Prodi", "il portavoce, Walter Braunohler,"
        bare = c.head_index == c.first  # "Rosy Bindi, ministro della famiglia" — no article before the title
        before = c.first - 1 if bare and c.first > 0 and doc.lower[c.first - 1] == "," else None
        person = self.by_last.get(before) if before is not None else None
        if person is not None and person.kind == "person" and person.via in ("kb", "name"):
            return person
        return None

    def _complete_names(self) -> None:
        """People outside the KB are named by the fullest form the article gives (`Fenty` → `Adrian Fenty`)."""
        fullest: dict[str, str] = {}
        for c in self.items:
            if c.via == "name" and c.kind == "person":
                key = fold(c.text.split()[-1])
                if len(c.text) > len(fullest.get(key, "")):
                    fullest[key] = c.text
        initials = {"".join(w[0] for w in c.text.split() if w[:1].isupper()): c for c in self.items
                    if c.via in ("name", "organisation") and len(c.text.split()) > 1}
        organisations: dict[str, str] = {}  # capitalised head → fullest organisation name so far
        for c in self.items:
            if c.via == "name":
                entity = self.kb.get(c.text)
                acronym = initials.get(c.text) if c.text.isupper() else None
                if entity is not None:
                    c.name, c.kind, c.via = entity.name, entity.kind, "kb"
                elif acronym is not None and acronym is not c:
                    c.name, c.kind = acronym.name, "organisation"  # EFF → Electronic Frontier Foundation
                elif c.kind == "person":
                    c.name = fullest.get(fold(c.text.split()[-1]), c.text)
            elif c.via == "organisation" and c.head_index is not None and self.doc.tokens[c.head_index].text[:1].isupper():
                head = self.doc.lower[c.head_index]
                if c.head_index == c.last - 1 and head in organisations:
                    c.name = organisations[head]  # "Il Consiglio" after "il Consiglio per i diritti umani"
                elif len(c.name or "") > len(organisations.get(head, "")):
                    organisations[head] = c.name or ""

    # -- resolution --------------------------------------------------------------------------------------------
    def speaker(self, c: Candidate) -> Speaker:
        """The Speaker a candidate stands for (a title phrase resolved by date, then by the article)."""
        if c.via == "anonymous":
            return self._anonymous(c)
        if c.via in ("kb", "name", "organisation") and c.name:
            return Speaker(c.name, c.text, c.kind, c.confidence, c.first, c.last)
        if c.via == "anaphora":
            person = self._previous_person(c.first)
            if person is not None:
                return Speaker(person.name, c.text, person.kind, CARRIED, c.first, c.last)
            return NOBODY_SPEAKS
        person = self.apposed_person(c)
        if person is not None:
            return Speaker(person.name, person.text, person.kind, EXPLICIT, person.first, person.last)
        by_date = self.kb.holder(c.role, self.day) if c.role and self.day is not None else None
        in_article = self._introduced(c)
        if by_date is not None and (in_article is None or self.doc.article.dated):
            return Speaker(by_date.name, c.text, by_date.kind, ROLE_BY_DATE, c.first, c.last)
        if in_article is not None:
            return Speaker(in_article.name, c.text, in_article.kind, ROLE_IN_ARTICLE, c.first, c.last)
        if c.role:
            holder = self.kb.holder(c.role, None)
            if holder is not None:
                return Speaker(holder.name, c.text, holder.kind, CARRIED, c.first, c.last)
        return Speaker(_description(self.doc.span_text(self._head_index(c), c.last)), c.text, "anonymous", ANONYMOUS,
                       c.first, c.last)

    def _anonymous(self, c: Candidate) -> Speaker:
        """An anonymous phrase: its institution (`i giudici del Tribunale`), an earlier fuller description with a
        synonymous head (`i medici dell'ospedale X` … `i dottori`), or itself."""
        head = self.doc.lower[c.head_index] if c.head_index is not None else ""
        firsts, earlier = self._descriptions.get(_group_key(head, "description_synonyms"), ([], []))
        k = bisect.bisect_left(firsts, c.first)
        for other in reversed(earlier[max(0, k - 20) : k]):
            if other.last - other.head_index > c.last - (c.head_index or c.first):
                fuller = self._anonymous(other)
                return Speaker(fuller.name, c.text, fuller.kind, fuller.confidence, c.first, c.last)
        if head in speaker_words()["institution_voices"]:
            for other in self.within(c.first + 1, c.last + 8):
                after_di = is_of(self.doc.lower[other.first - 1])
                if other.kind == "organisation" and other.via != "anonymous" and (other.first < c.last or after_di):
                    return Speaker(other.name, c.text, "organisation", ORGANISATION, c.first, c.last)
        return Speaker(c.name, c.text, c.kind, c.confidence, c.first, c.last)

    def _head_index(self, c: Candidate) -> int:
        return c.head_index if c.head_index is not None else c.first

    def _introduced(self, c: Candidate) -> Candidate | None:
        """Whom the article means by a title: the person it last introduced with the same role or title word,
        else a KB holder of the role named earlier, else the first one it introduces later (`il premier italiano`
        … `il premier Conte`)."""
        befores, afters = [], []
        for key in (("role", c.role), ("title", _group_key(c.head or "", "title_synonyms"))):
            found = self._introductions_by.get(key, []) if key[1] else []
            k = bisect.bisect_left(found, (c.first,))
            befores.append(found[k - 1][2] if k > 0 else None)
            afters.append(found[k][2] if k < len(found) else None)
        # the same role before the same title word: "il premier italiano" is not "il primo ministro russo X"
        return next((p for p in befores if p is not None), None) or self._earlier_holder(c) or next(
            (p for p in afters if p is not None), None)

    def _earlier_holder(self, c: Candidate) -> Candidate | None:
        """A person named earlier in the article who holds or held the role in the KB (`Papa Benedetto XVI` …
        `il pontefice`)."""
        firsts, holders = self._holders.get(c.role, ([], [])) if c.role else ([], [])
        k = bisect.bisect_left(firsts, c.first)
        return holders[k - 1] if k > 0 else None

    def _previous_person(self, before: int) -> Candidate | None:
        k = bisect.bisect_left(self._people_firsts, before)
        return self._people[k - 1] if k > 0 else None

    def within(self, first: int, last: int) -> list[Candidate]:
        """Candidates starting in tokens [first, last), in order."""
        return self.items[bisect.bisect_left(self.firsts, first) : bisect.bisect_left(self.firsts, last)]

    def _build_indexes(self) -> None:
        self.firsts = [c.first for c in self.items]
        self._people = [c for c in self.items if c.kind == "person" and c.via in ("kb", "name")]
        self._people_firsts = [c.first for c in self._people]
        self._holders: dict[str, tuple[list[int], list[Candidate]]] = {}
        for c in self._people:
            entity = self.kb.get(c.name) if c.via == "kb" and c.name else None
            for role in {spell.role for spell in entity.roles} if entity is not None else ():
                firsts, holders = self._holders.setdefault(role, ([], []))
                firsts.append(c.first)
                holders.append(c)
        self._introductions_by: dict[tuple, list[tuple[int, int, Candidate]]] = {}
        for number, (position, title, person) in enumerate(self.introductions):
            keys = [("title", _group_key(title.head or "", "title_synonyms"))] + ([("role", title.role)] if title.role else [])
            for key in keys:
                self._introductions_by.setdefault(key, []).append((position, number, person))
        self._descriptions: dict[str, tuple[list[int], list[Candidate]]] = {}
        for c in self.items:
            if c.via == "anonymous" and c.head_index is not None:
                key = _group_key(self.doc.lower[c.head_index], "description_synonyms")
                firsts, found = self._descriptions.setdefault(key, ([], []))
                firsts.append(c.first)
                found.append(c)


def _group_key(word: str, groups: str) -> str:
    """The first word of the synonym group holding `word` (itself when in none)."""
    return _synonym_keys(groups).get(word, word)


@lru_cache(maxsize=None)
def _synonym_keys(groups: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for group in load_lexicon("speakers.yaml")[groups]:
        for word in group:
            keys.setdefault(fold(str(word)), fold(str(group[0])))
    return keys


def _name_like(word: str) -> bool:
    """A token that may be part of a name: capitalised, or a particle hyphened to a name."""
    return word[:1].isupper() or ("-" in word and _prefixed_name(word))


def _prefixed_name(word: str) -> bool:
    """`al-Zawahiri`, `bin-Laden`: a lower-case name particle joined by a hyphen to a capitalised name."""
    particle, dash, rest = word.partition("-")
    return bool(dash) and particle.lower() in speaker_words()["name_particles"] and rest[:1].isupper()


def _acronym(word: str) -> bool:
    """`NATO`, `ONU`, `D.C.`: initials, which qualify a title (`l'inviato ONU`) and are never the part of a person's
    name a particle leads to."""
    return len(word) > 1 and word.isupper() and word.replace(".", "").isalpha()


def _looks_adjective(lower: str, word: str) -> bool:
    return (word[:1].islower() and word.isalpha() and len(word) > 3 and not is_closed_word(lower)
            and lower.endswith(endings("nominal_endings"))
            and not lower.endswith(endings("adverb_endings", "gerund_endings"))
            and lower not in speaker_words()["titles"] and lower not in speaker_words()["anonymous"]
            and lower not in load_lexicon("attribution.yaml")["adverbs"])


def _organisation_name(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _description(phrase: str) -> str:
    """A lower-case descriptive name for an anonymous speaker, without deictic words."""
    for deictic, plain in load_lexicon("speakers.yaml")["description_rewrites"].items():
        phrase = phrase.replace(deictic, plain)
    return phrase[:1].lower() + phrase[1:] if phrase[1:2].islower() or len(phrase) < 2 else phrase


def _without_overlaps(found: list[Candidate]) -> list[Candidate]:
    """One candidate per token. Phrases (longest first) keep the names inside their complements (`la corte
    d'appello di Versailles`); a KB entry or name at a phrase's head wins over the phrase (`il Cremlino`)."""
    phrases = sorted((c for c in found if c.via in ("title", "organisation", "anonymous")),
                     key=lambda c: (-(c.last - c.first), c.first))
    names = [c for c in found if c.via in ("kb", "name", "anaphora")]
    taken: dict[int, Candidate] = {}
    for c in sorted(names, key=lambda c: (c.via != "kb" or c.kind != "person", -(c.last - c.first), c.via != "kb", c.first)):
        if all(i not in taken for i in range(c.first, c.last)):
            for i in range(c.first, c.last):
                taken[i] = c
    kept_phrases: list[Candidate] = []
    for c in phrases:
        head = c.head_index if c.head_index is not None else c.first
        if any(i in taken and taken[i].via == "phrase" for i in range(c.first, c.last)):
            continue
        if any(i in taken for i in range(c.first, head + 1)):
            continue
        for i in range(c.first, c.last):
            inner = taken.get(i)
            if inner is not None and inner.via != "phrase":
                for j in range(inner.first, inner.last):
                    taken.pop(j, None)
        kept_phrases.append(c)
        marker = Candidate(c.first, c.last, "", "phrase")
        for i in range(c.first, c.last):
            taken[i] = marker
    kept = [c for c in names if taken.get(c.first) is c] + kept_phrases
    kept.sort(key=lambda c: c.first)
    return kept

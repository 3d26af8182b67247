"""Who an article mentions: one index, read by attribution (speakers) and by stance (counterparts).

Readers, each over the whole article once:
- the knowledge base: names, aliases, epithets, metonyms, demonyms and roles held on the article's date (a demonym
  after an act or a document, `le sanzioni americane`, is the country: via `adjective`);
- capitalised words: people and organisations the knowledge base does not know (`Mario Bianchi`, `Legambiente`);
- noun phrases headed by a title, an organisation noun or an anonymous-source noun (`il portavoce della
  compagnia`, `il governo cinese`, `fonti diplomatiche`);
- personal pronouns and anaphoric words (`egli`, `quest'ultimo`);
- country nouns with a definite article (`il Paese`, `lo Stato`: via `country`);
- the engine's entity tagger (Stanza), for what the others missed.
Then each mention is resolved to a canonical name where the article allows: a surname to the fullest name the
article gives, initials to the organisation they abbreviate, a title to the person it stands beside, else to the
role's holder on the article's date, else to the person the article introduced with that title; an anonymous
description to the fullest description with the same head noun, a bare one of a place's staff to the one such place
the article names (`i medici` → medici dell'ospedale di Udine), one closing on an organisation's bare noun to the
name the article gives it (`del partito` → del Partito Verde), a bare definite one to the person the article names
with that noun (before it, else later: `il ladro … il ladro, Ugo Neri`) or to the last person the story (not a quotation)
named; an institution named by its common noun to the one it is (`il governo nipponico` → Governo giapponese, a bare `il
governo` → its country's, `la Corte` → the court the article names).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from datetime import date
from functools import cached_property, lru_cache
from itertools import compress, count, dropwhile
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from ..kb import city_names
from ..lang import fold
from .document import QUOTE_MARKS, Mention

if TYPE_CHECKING:
    from .document import Document

PERSON, ORGANISATION, COUNTRY, PLACE, ANONYMOUS = "person", "organisation", "country", "place", "anonymous"
_FIRST_CHARACTER = itemgetter(slice(0, 1))  # a word's first character: scans of every token run in C with map()
_FIRST_TOKEN, _LAST_TOKEN = attrgetter("first"), attrgetter("last")  # a mention's bounds, read in C
_PHRASE_VIAS = ("title", "organisation", "description")
_NAMING_VIAS = ("kb", "name", "ner")  # how a mention read from a name (not a phrase) came about
_HYPHEN = re.compile("-")
_SET_OFF_CLOSERS = (",", ")", ".", ":", "-", "–", "—")  # what closes a name set off by a comma: `il portavoce, Ugo Neri -`


def find_mentions(doc: Document) -> tuple[Mention, ...]:
    """Every mention of the article, non-overlapping, in text order, resolved."""
    return _Reader(doc).mentions()


class _Reader:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lang = doc.lang
        self.words = doc.lang.speaker_words
        self.day = doc.article.published if doc.article.published and doc.article.dated else None
        self.n = len(doc.tokens)

    # -- the whole reading -------------------------------------------------------------------------------------
    def mentions(self) -> tuple[Mention, ...]:
        known = self._kb_mentions()
        self.known_at = {m.first: m for m in known if m.via != "title"}
        self.known_tokens = {i for m in known if m.via != "title" for i in range(m.first, m.last)}
        self.roles_at = {m.first: m for m in known if m.via == "title"}
        names = self._name_mentions()
        absorbed = {i for m in names for i in range(m.first, m.last)}
        known = [m for m in known if m.first not in absorbed]
        self.known_at = {m.first: m for m in known if m.via != "title"}
        self.known_at.update({m.first: m for m in names})
        found = [m for m in known if m.via != "title"] + names + self._phrase_mentions() + self._source_phrases()
        found += self._indefinite_subjects()
        found += self._pronouns()
        found += self._country_nouns()
        found += self._tagged(found)
        kept = _without_overlaps(found)
        return tuple(_Resolver(self, kept).resolve())

    # -- readers -----------------------------------------------------------------------------------------------
    def _kb_mentions(self) -> list[Mention]:
        doc, out = self.doc, []
        matches = doc.kb.find_mentions(doc.text, on=self.day)
        matched = {doc.token_at(m.start) for m in matches} | {doc.token_before(m.end) for m in matches}
        for m in matches:
            first, last = doc.token_at(m.start), doc.token_before(m.end) + 1
            if first >= last or m.via in ("alias", "surname") and self._another_surname_before(first, last, matched):
                continue
            if m.via in ("name", "alias") and _closed_word(self.lang, doc.lower[first]) and last - first == 1:
                continue  # "Un" is an article before it is an acronym
            via = "kb"
            if m.via == "demonym":
                # "gli americani" speak for their country, and so do "agli americani", "degli americani"; an
                # adjective after an act or a document names it too (le sanzioni americane, il comunicato russo),
                # after a group it does not (aziende americane)
                if first > 0 and doc.lower[first - 1] in self.lang.words("plural_articles"):
                    first -= 1
                    via = "demonym"
                elif first > 0 and _plural_articulated(self.lang, doc.lower[first - 1]):
                    via = "demonym"  # the preposition stays out: "ai russi" is addressed to them
                elif first > 0 and doc.tokens[first - 1].text.isalpha() and doc.lower[first - 1] not in self.words[
                        "not_the_state"] and not _closed_word(self.lang, doc.lower[first - 1]):
                    via = "adjective"
                else:
                    continue
            if m.via == "role":
                holder = m.entity.name if m.entity is not None and self.day is not None else None
                out.append(self._mention(first, last, "title", PERSON, holder, head=first, role=m.role,
                                         resolved_by="date" if holder else ""))
                continue
            if m.entity is None:
                continue
            kind = _KIND.get(m.entity.kind, m.entity.kind)
            out.append(self._mention(first, last, via, kind, m.entity.name, resolved_by="kb"))
        return out

    def _another_surname_before(self, first: int, last: int, matched: set[int]) -> bool:
        """A surname the KB knows alone, right after a rare capitalised word it does not know that is no title and does
        not open the sentence (`Garrido Rossi`, a double surname, where the KB knows a Mario Rossi): another person of
        that surname, whose whole name the name reader takes."""
        doc, k = self.doc, first - 1
        return (last - first == 1 and k >= 0 and k not in matched and doc.texts[k][:1].isupper()
                and doc.tokens[k].end + 1 == doc.tokens[first].start and not self._sentence_initial(k)
                and self.lang.zipf(doc.lower[k]) < 3.5 and fold(doc.texts[k]) not in self.words["titles"])

    def _name_mentions(self) -> list[Mention]:
        """Runs of capitalised words (with name particles: `Luca Cordero di Montezemolo`) the KB does not know."""
        doc, out, resume = self.doc, [], 0
        for i in self._capitalised:
            if i < resume or i in self.known_tokens and not (self._place_opens_name(i) or self._given_name_opens_name(i)) \
                    or not self._starts_name(i) or self._opens_role(i):
                continue
            last = i + 1
            given = fold(doc.tokens[i].text) in self.words["given_names"]
            institution = self._institution_name_start(i)
            # a country's adjective written large belongs to the name before it: "la Borsa Italiana"; so does a
            # country's name after a company's or an association's ("Acme Italia")
            while last < self.n and (last not in self.known_tokens or (given or institution) and self._place_word(last)
                                     or (institution or not given) and self._adjective_word(last)
                                     or not given and self._national_branch(i, last)):
                if self._continues_name(last):
                    last += 1
                elif (doc.lower[last] in self.words["name_particles"] and last + 1 < self.n
                      and fold(doc.texts[last - 1]) not in self.words["name_suffixes"]  # "Teodoro II di Valdora": his see
                      and self._continues_name(last + 1) and doc.tokens[last].start == doc.tokens[last - 1].end + 1
                      and not _acronym(doc.tokens[last + 1].text)
                      and not (last + 2 < self.n and self._continues_name(last + 2))):
                    last += 2  # one word after a particle ends the name: not "Sara Neri del Partito Verde"
                elif not given and not institution and (complement := self._named_complement(last)) and \
                        self._common_words(i, last):
                    last = complement  # "Notiziario Regionale della Liguria"
                elif foreign := self._foreign_link(last):
                    last = foreign  # "Alliance for the Clean Rivers"
                else:
                    break
            resume = last
            start_name = self._given_name_start(i, last)
            if start_name > i:  # "il ministro delle Riforme Maria Neri": the complement, then the name
                out.append(self._mention(i, start_name, "name", ORGANISATION, doc.span_text(i, start_name)))
                i = start_name
            opens_sentence = self._sentence_initial(i)
            if opens_sentence and last == i + 1 and not self._single_word_name(i):
                continue
            if opens_sentence and last > i + 1 and self._common_word_before_surname(i, last):
                i += 1  # "Incontro Rossi nel suo ufficio": a word written large to open the sentence, then the name
            if self._source_then_subject(i, last):
                out.append(self._mention(i, i + 1, "name", self._name_kind(i, i + 1), doc.texts[i]))
                i += 1
            text = doc.span_text(i, last)
            out.append(self._mention(i, last, "name", self._name_kind(i, last), text))
        return out

    def _source_then_subject(self, first: int, last: int) -> bool:
        """`Secondo Acme Neri ha segnato 20 punti`: two capitalised words after `secondo` and right before a verb,
        the first no given name, the second a surname the article writes alone elsewhere and the pair nowhere
        else, are two names: the source, then the verb's subject."""
        doc, texts = self.doc, self.doc.texts
        if (last - first != 2 or first == 0 or doc.lower[first - 1] not in self.lang.words("source_markers")
                or last >= self.n or doc.tokens[last].upos not in ("VERB", "AUX")
                or fold(texts[first]) in self.words["given_names"]):
            return False
        elsewhere = [k for k in self._capitalised if texts[k] == texts[first + 1] and k != first + 1]
        return (any(not texts[k - 1][:1].isupper() for k in elsewhere)
                and not any(texts[k - 1] == texts[first] for k in elsewhere))

    def _place_opens_name(self, i: int) -> bool:
        """A place or a country's capital the knowledge base knows, then an organisation noun written large, is an
        organisation's name (`Borgoverde News`, `Valdora Post`): the place is no mention of its own."""
        doc = self.doc
        known = self.known_at.get(i)
        return (known is not None and known.last == i + 1 and known.kind in (COUNTRY, PLACE) and i + 1 < self.n
                and i + 1 not in self.known_tokens and doc.tokens[i + 1].text[:1].isupper()
                and fold(doc.tokens[i + 1].text) in self.words["organisations"] and self._continues_name(i + 1))

    def _given_name_opens_name(self, i: int) -> bool:
        """A given name the knowledge base reads alone as somebody's surname, then a capitalised word it does not know
        (`il dottor Michel Yao` where the KB knows a Michel): that given name opens another person's name."""
        known = self.known_at.get(i)
        return (known is not None and known.last == i + 1 and known.kind == PERSON and i + 1 < self.n
                and i + 1 not in self.known_tokens and fold(self.doc.texts[i]) in self.words["given_names"]
                and self._continues_name(i + 1))

    def _foreign_link(self, k: int) -> int:
        """Past the small words of a foreign name (`of the`, `for`) to the capitalised word after them; else 0."""
        links = self.words["foreign_name_links"]
        j = k
        while j < self.n and self.doc.lower[j] in links and self.doc.tokens[j].text[:1].islower():
            j += 1
        return j + 1 if k < j < self.n and self._continues_name(j) else 0

    def _common_words(self, first: int, last: int) -> bool:
        """Capitalised common Italian words (`Notiziario Regionale`, `Gazzettino`) that are not the surname of somebody
        the article names: the start of an outlet's or a body's name, not a person's. (Names opened by an
        organisation noun are read as phrases, complements and adjectives included: `il Ministero della Salute
        sudafricano`.)"""
        doc = self.doc
        if last - first == 1 and self._sentence_initial(first):
            return False  # "Stime dell'Istat …": any noun is written large there
        return all(self.lang.zipf(doc.lower[k]) >= 3.5 and fold(doc.tokens[k].text) not in self._article_surnames
                   for k in range(first, last))

    def _common_word_before_surname(self, first: int, last: int) -> bool:
        """A common Italian word that is no given name and that the article never writes large inside a sentence,
        then a rare word the article writes elsewhere after another capitalised word (`Incontro Rossi` where it
        wrote `Mario Rossi`): the common word only opens the sentence, the rare one is a surname."""
        texts = self.doc.texts
        surname = texts[last - 1]
        if (fold(texts[first]) in self.words["given_names"] or self.lang.zipf(self.doc.lower[first]) < 4.0
                or texts[first] in self._mid_sentence_words or self.lang.zipf(self.doc.lower[last - 1]) >= 3.0):
            return False
        return any(texts[k] == surname and k != last - 1 and texts[k - 1] != texts[first]
                   and texts[k - 1][:1].isupper() and not self._sentence_initial(k - 1) for k in self._capitalised if k)

    @cached_property
    def _article_surnames(self) -> frozenset[str]:
        """The capitalised words the article writes after a given name (`Marta Colombo`): surnames, folded."""
        doc, given = self.doc, self.words["given_names"]
        return frozenset(fold(doc.tokens[i + 1].text) for i in self._capitalised
                         if i + 1 < self.n and fold(doc.tokens[i].text) in given and doc.tokens[i + 1].text[:1].isupper())

    def _named_complement(self, k: int) -> int:
        """Past a complement that continues a name (`della Liguria`, `per l'Arte`, `per l'Italia`): an articulated `di`
        or a `per` and a capitalised word the knowledge base does not know, or a country or place it knows (a party or
        a person is somebody else: `Bianchi della Lega`); else 0."""
        doc = self.doc
        low = doc.lower[k]
        if self.lang.preposition(low) not in self.lang.words("phrase_complements") or low == "di":
            return 0
        j = k + 1
        while j < self.n and self.lang.is_determiner(doc.lower[j]):
            j += 1
        if j >= self.n or not (self._continues_name(j) and doc.tokens[j].text[:1].isupper()):
            return 0
        known = self.known_at.get(j)
        if known is not None:
            return known.last if known.kind in (COUNTRY, PLACE) else 0
        return 0 if j in self.known_tokens else j + 1

    def _place_word(self, i: int) -> bool:
        """A single word the KB reads as a place, a country or somebody's surname (`Colombo`, `Firenze`, the
        surname of a known person): after a given name it is this person's surname (`Marta Colombo`)."""
        known = self.known_at.get(i)
        return known is not None and known.last == i + 1 and known.kind in (COUNTRY, PLACE, ORGANISATION, PERSON)

    def _national_branch(self, first: int, k: int) -> bool:
        """A country the KB knows, named in one word right after capitalised words that are no Italian words (`Acme
        Italia`, `Zeta Francia`): a company's or an association's branch in that country, one name. After Italian
        words written large (`Coppa Italia`, `Banca Francia`) the country stays a mention of its own."""
        known = self.known_at.get(k)
        dictionary = self.lang.lemma_dictionary
        return (known is not None and known.last == k + 1 and known.kind == COUNTRY and known.via == "kb"
                and k > first and not any(self.doc.lower[j] in dictionary for j in range(first, k)))

    def _institution_name_start(self, i: int) -> bool:
        """An organisation noun written large before another capitalised word opens the organisation's proper name
        (`Federazione Italiana Nuoto`, `Comitato Olimpico`); alone it is a common noun (`la Regione`)."""
        doc = self.doc
        return (doc.tokens[i].text[:1].isupper() and fold(doc.tokens[i].text) in self._institution_nouns
                and i + 1 < self.n and (self._continues_name(i + 1) or bool(self._foreign_link(i + 1))))

    @cached_property
    def _institution_nouns(self) -> frozenset[str]:
        """Organisation nouns, and the ones that are organisations only when written large (`il Centro studi …`)."""
        return _institution_nouns(self.lang)

    def _adjective_word(self, i: int) -> bool:
        """A single word the KB reads as a country's adjective (`Italiana`): inside an institution's name it is
        part of the name."""
        known = self.known_at.get(i)
        return known is not None and known.last == i + 1 and known.via in ("adjective", "demonym")

    def _single_word_name(self, i: int) -> bool:
        """A capitalised word opening a sentence is a name when the article capitalises it elsewhere too, when a
        finite singular verb, a colon or an acronym in brackets follows it (`Bianchi attacca`, `Rossi:`, `Neri
        (PD)`), or when Italian knows neither it nor its dictionary form as a common word."""
        doc = self.doc
        word = doc.tokens[i].text
        if word in self._mid_sentence_words:
            return True
        verb = i + 1 < self.n and self._singular_verb_at(i + 1)
        if verb or i + 1 < self.n and doc.lower[i + 1] == ":":
            # "Alcuni testimoni riferiscono": a quantifier before a noun that looks like a verb form is no name
            return not (_closed_word(self.lang, doc.lower[i]) or doc.lower[i] in self.lang.words("indefinite_quantifiers"))
        if i + 3 < self.n and doc.lower[i + 1] == "(" and _acronym(doc.tokens[i + 2].text) and doc.lower[i + 3] == ")":
            return True  # "Bianchi (PD) ha detto": a surname and the party in brackets
        # a rare form of a common word is that word too: "Esasperata, la donna …" (esasperato)
        low = doc.lower[i]
        if i + 1 < self.n and doc.lower[i + 1] in self.lang.function_words and low.endswith(
                self.lang.endings("adjective_endings", "past_participle_endings")):
            return False  # "Laconico il commento", "Pressato dai giornalisti": an adjective or participle opens it
        return self.lang.zipf(low) < 3.0 and self.lang.zipf(self.lang.lemma(low)) < 3.0

    def _given_name_start(self, first: int, last: int) -> int:
        """Where a run of three or more capitalised words that reaches a given name after other words starts its
        name: `le Riforme Costituzionali Maria Neri`."""
        if last - first < 2:
            return first  # one word: no complement before a name
        given = self.words["given_names"]
        doc = self.doc
        last = self._before_suffix(first, last)  # "Ugo Neri Jr.": the suffix is no word of the name's count
        if self._surname_after_office(first, last):
            return last - 1
        if last - first < 3 or fold(doc.tokens[first].text) in given:
            return first
        found = next((k for k in range(first + 1, last - 1) if fold(doc.tokens[k].text) in given), None)
        if found is None and first > 0 and self.lang.preposition(doc.lower[first - 1]) is not None:
            # "dell'Agricoltura Nadia Costa": common words written large, then the name
            common = [self.lang.zipf(doc.lower[k]) >= 3.5 for k in range(first, last)]
            found = next((first + k for k in range(1, len(common) - 1) if common[k - 1] and not common[k]), None)
        return found if found is not None else first

    def _surname_after_office(self, first: int, last: int) -> bool:
        """Two capitalised words after a title and an articulated preposition: the office's common noun, then its
        holder's surname (`il presidente della Camera Rossi`, `il ministro del Lavoro Zanetti`) when the article
        writes that surname after a given name, the knowledge base knows it as somebody's, or the title's complement
        names a department (`department_titles`) and the word is rare, no adjective (`della Difesa Nazionale`) and
        no acronym (`del Consiglio Ue`)."""
        doc, lang = self.doc, self.lang
        low = doc.lower[first - 1] if first else ""
        if last - first != 2 or first < 2 or lang.preposition(low) in (None, low) or first in self.known_tokens \
                or fold(doc.texts[first - 2]) not in self.words["titles"] or lang.zipf(doc.lower[first]) < 3.5 \
                or fold(doc.texts[first]) in self.words["given_names"]:
            return False
        known = self.known_at.get(first + 1)
        if fold(doc.texts[first + 1]) in self._article_surnames or known is not None and known.kind == PERSON:
            return True
        word = doc.tokens[first + 1]
        return (known is None and fold(doc.texts[first - 2]) in self.words["department_titles"]
                and lang.zipf(word.lower) < 3.5 and not _acronym(word.text)
                and not _looks_adjective(lang, word.lower, word.text, self.words, _modifier_tag(word, lang)))

    def _before_suffix(self, first: int, last: int) -> int:
        """The end of a run of capitalised words without its name suffix and its dot (`Jr.`, `II`)."""
        texts = self.doc.texts
        while last - 1 > first and (texts[last - 1] == "." or fold(texts[last - 1]) in self.words["name_suffixes"]):
            last -= 1
        return last

    def _opens_role(self, i: int) -> bool:
        """Does a role phrase of the knowledge base open at token i with a word before its title (`il Santo Padre`,
        `l'Alto rappresentante`, `il Sommo Pontefice`)? That word, written large, is part of the title, not a name
        (`Santo` is a given name too)."""
        role = self.roles_at.get(i)
        titles = _phrase_titles(self.lang)
        return role is not None and fold(self.doc.texts[i]) not in titles and any(
            fold(self.doc.texts[j]) in titles for j in range(i + 1, min(role.last, i + 3)))

    def _role_opened_before(self, head: int) -> Mention | None:
        """The role phrase of the knowledge base that opens one or two words before a title word and goes on past it
        (`santo padre`, `sommo pontefice`, `primo ministro britannico`): the title phrase opens where the role does."""
        for k in range(max(0, head - 2), head):
            role = self.roles_at.get(k)
            if role is not None and role.last > head:
                return role
        return None

    def _starts_name(self, i: int) -> bool:
        token = self.doc.tokens[i]
        word, low = token.text, self.doc.lower[i]
        if i in self._prefixed:
            return True
        if not word[:1].isupper() or not word[:1].isalpha():
            return False
        if word[-1] in "'’" and not (i + 1 < self.n and self.doc.tokens[i + 1].text[:1].isupper()):
            return False  # C’è
        folded = fold(word)
        if folded in self.words["not_names"] or folded.rstrip("'") in self.words["titles"]:
            return False
        if self._abbreviation_ends_at(i + 2):
            return False  # "il Sig. Rossi", "la Sig.ra Neri": an honorific, no name
        if folded in _title_openers(self.lang) and i + 1 < self.n and f"{folded} {fold(self.doc.texts[i + 1])}" in self.words["titles"]:
            return False  # "il Primo Ministro", "il Primo cittadino": a title written large
        if folded.rstrip("'") in self._institution_nouns:
            return self._institution_name_start(i)
        if word[-1] in "'’" and word in self._mid_sentence_words and i + 1 not in self.known_tokens:
            return True  # "Dell'Orto ha detto" where the article wrote "Marco Dell'Orto": a surname's particle
        if not self._sentence_initial(i) or self._particle_opens_surname(i):
            return True  # "Di Ferrante ha detto": the particle is the surname's, not a preposition
        return not (_closed_word(self.lang, low) or low.endswith(self._no_name_endings)
                    or low in self.lang.words("group_adverbs") or low in self._lower_words
                    or low in self.lang.words("fronted_subordinators"))

    def _particle_opens_surname(self, i: int) -> bool:
        """A surname's particle written large to open a sentence (`Di Ferrante ha detto`, `Lo Verde sostiene`): right
        before a capitalised word that is no place, country or organisation the knowledge base knows, no city, no
        organisation noun, month or title, and that a singular verb follows (the pair is its subject). `Da Milano
        arriva la notizia` stays a preposition phrase, and `lo` before a word it is the article of (`Lo Scoglio ha
        chiuso`) an article."""
        doc, words = self.doc, self.words
        low = doc.lower[i]
        if (low not in words["sentence_surname_particles"] or i + 2 >= self.n or not self._sentence_initial(i)
                or i + 1 in self.known_tokens or not self._continues_name(i + 1)
                or fold(doc.texts[i + 1]) in self._institution_nouns or fold(doc.texts[i + 1]) in city_names()
                or not self._singular_verb_at(i + 2)):
            return False
        return low != "lo" or not doc.lower[i + 1].startswith(tuple(words["lo_article_onsets"]))

    def _singular_verb_at(self, k: int) -> bool:
        """A verb form that may have one person for subject: no plural and no infinitive (`Critiche arrivano`,
        `Inutile dire`)."""
        return self.doc.tokens[k].upos in ("AUX", "VERB") and not self.doc.lower[k].endswith(
            self.lang.endings("plural_verb_endings", "infinitive_endings"))

    @cached_property
    def _no_name_endings(self) -> tuple[str, ...]:
        """Endings of the words a sentence or a quotation opens with, written large there, that are no name: adverbs
        (`Finalmente`) and first persons plural (`Stiamo`, `Dobbiamo`, `Vorremmo`)."""
        return self.lang.endings("adverb_endings", "first_person_plural_endings")

    def _continues_name(self, i: int) -> bool:
        doc = self.doc
        gap_start = doc.ends[i - 1]
        gap = doc.starts[i] - gap_start  # a space at most, no line break: measured, not cut out of the text
        if gap > 1 or gap == 1 and doc.text[gap_start] == "\n":
            return False
        word = doc.tokens[i].text
        if word == "." and (len(doc.tokens[i - 1].text) == 1 and doc.tokens[i - 1].text.isupper()
                            or fold(doc.tokens[i - 1].text) in self.words["name_suffixes"]):
            return True  # George W. Bush, Martin Luther King Jr.
        if i in self._prefixed:
            return True
        folded = fold(word)
        return (word[:1].isupper() and word[:1].isalpha() and folded not in self.words["not_names"]
                and folded not in self.words["titles"])

    def _sentence_initial(self, i: int) -> bool:
        """First word of a sentence, of a quotation or after a colon: capitalised whatever it is."""
        if i in self._sentence_firsts:
            return True
        before = self.doc.texts[i - 1]
        return not before[:1].isalnum() and before not in (",", "'", "’", "-", "(") and not self._abbreviation_ends_at(i)

    @cached_property
    def _sentence_firsts(self) -> frozenset[int]:
        return frozenset(s.first for s in self.doc.sentences)

    @cached_property
    def _first_characters(self) -> list[str]:
        """Each token's first character: what the capitalisation scans test, sliced once for both."""
        return list(map(_FIRST_CHARACTER, self.doc.texts))

    @cached_property
    def _prefixed(self) -> frozenset[int]:
        """Tokens that are a particle joined to a name (`al-Zawahiri`), among the hyphenated ones: the tokens holding
        the text's few hyphens, not a test of every token."""
        doc, texts, words = self.doc, self.doc.texts, self.words
        hyphenated = {doc.token_before(hyphen.start() + 1) for hyphen in _HYPHEN.finditer(doc.text)}
        return frozenset(i for i in hyphenated if _prefixed_name(texts[i], words))

    @cached_property
    def _capitalised(self) -> list[int]:
        """Tokens that may be (part of) a name: capitalised, or a particle joined to one (`al-Zawahiri`)."""
        capitalised = compress(count(), map(str.isupper, self._first_characters))
        return sorted(self._prefixed.union(capitalised))

    @cached_property
    def _mid_sentence_words(self) -> set[str]:
        texts = self.doc.texts
        return {texts[i] for i in self._capitalised if texts[i][:1].isupper() and i and not self._sentence_initial(i)}

    @cached_property
    def _lower_words(self) -> set[str]:
        return set(compress(self.doc.lower, map(str.islower, self._first_characters)))

    def _name_kind(self, first: int, last: int) -> str:
        doc = self.doc
        if last - first > 1 and (fold(doc.texts[first]) in self.words["place_nouns"]
                                 or fold(doc.texts[last - 1]) in self.words["place_nouns_after"]):
            return PLACE  # "Stretto di Kerč", "Valle Camonica", "Sadr City": a place, nobody who speaks
        if self._place_complement(first) or self._street_noun_before(first):
            return PLACE  # "i comuni di Valdora e Montebello", "l'aeroporto di Valdora", "in via Bertolini"
        if any(fold(doc.tokens[k].text) in self._institution_nouns for k in range(first, last)):
            return ORGANISATION
        if last - first > 1 and (fold(doc.tokens[last - 1].text) in self.words["company_suffixes"] or any(
                doc.tokens[k].text[:1].islower() and self.lang.preposition(doc.lower[k]) is not None
                and doc.lower[k] not in self.words["name_particles"] for k in range(first, last))):
            return ORGANISATION  # "Nordica Spa", "Acme Inc", "Corriere della Sera", "Autostrade per l'Italia"
        text = doc.tokens[first].text
        if last - first == 1 and text.isupper() and len(text) > 1:
            return ORGANISATION
        if fold(text) in self.words["given_names"] or last - first == 2 and self._particle_opens_surname(first):
            return PERSON  # "Da Ponte ha detto": a surname, common words or not
        if last - first > 1 and (self._article_before_name(first) or self._common_words_no_given_name(first, last)
                                 or self._article_opens_name(first) or self._quoted_name(first, last)):
            return ORGANISATION  # "il Nuovo Centro", "Scelta Popolare", "Il Corriere Nuovo": no person's name
        if last - first > 1 and (self._adjective_word(last - 1) or self._national_branch(first, last - 1)):
            return ORGANISATION  # "Borsa Italiana", "Croce Rossa Svizzera", "Acme Italia": a country ends no person's name
        word_before = fold(doc.tokens[first - 1].text) if first > 0 else ""
        if self._organisation_noun_before(first) or self._organisation_noun_after(last):
            return ORGANISATION  # named after the kind of organisation it is: "il quotidiano (inglese) Il Mattino"
        if last - first == 1 and self.lang.zipf(doc.lower[first]) >= 4.0 and word_before not in self.words["titles"] \
                and not self._set_off_after_office(first) and not self._abbreviation_ends_at(first):
            return ORGANISATION  # a common word written large: "Regione", "Associazione" (not "il ministro Neri")
        return PERSON

    def _article_before_name(self, first: int) -> bool:
        """A definite article, alone or in a preposition, right before a name that opens with no given name and no
        surname particle (`il Nuovo Centro`, `della Festa Civica`, `i Fratelli Neri`): Italian puts no article before
        a person's first and last name, so the name is a party's, a team's, an event's or a place's."""
        doc = self.doc
        if first == 0 or fold(doc.texts[first]) in self.words["name_particles"]:
            return False
        low = doc.lower[first - 1]
        return _definite(self.lang, low) or low in self.lang.words("plural_articles")

    def _article_opens_name(self, first: int) -> bool:
        """A name opened by an article written large that opens no surname (`Il Corriere Nuovo`, `I Falchi`,
        `L'Unione`; not `Lo Presti`): a newspaper's, a work's or a group's name."""
        return fold(self.doc.texts[first]) in self.words["articles_opening_no_surname"]

    def _quoted_name(self, first: int, last: int) -> bool:
        """A name alone between quotation marks (`il premio "Stella Verde"`): a work's, a prize's or a product's."""
        texts = self.doc.texts
        return first > 0 and last < self.n and texts[first - 1] in QUOTE_MARKS and texts[last] in QUOTE_MARKS

    def _past_quoted_name(self, head: int, k: int) -> int:
        """`l'Istituto di studi agrari "Carlo Verdi"`: a name in quotation marks right after the words of an
        organisation whose noun is written large goes on its proper name; past its closing mark, else k. After a
        common noun (`il quotidiano "La Voce"`) the name in quotation marks is the organisation's whole name."""
        if not self.doc.texts[head][:1].isupper():
            return k
        j = k + 1
        while j < self.n and j < k + 6 and self.doc.texts[j][:1].isupper():
            j += 1
        return j + 1 if j > k + 1 and self._quoted_name(k + 1, j) else k

    def _common_words_no_given_name(self, first: int, last: int) -> bool:
        """Common Italian words written large that agree as a noun and its adjective do, none a given name nor a
        surname the article gives (`Scelta Popolare`, `Forze Unite`): a party's or a body's name, not a person's (a
        given name the lists lack is singular before a surname that is often plural: `Libero Bianchi`)."""
        given, lower = self.words["given_names"], self.doc.lower
        return (self._common_words(first, last) and not any(fold(t) in given for t in self.doc.texts[first:last])
                and all(word[-1:] in self._vowels for word in lower[first:last])
                and len({self._number(word) for word in lower[first:last]} - {""}) < 2)

    _vowels = frozenset("aeiouàèéìòù")

    def _number(self, word: str) -> str:
        """An Italian noun's or adjective's number told by its last letter: `p` for `-i`, `s` for `-o` and `-a`, else
        `` (`-e` ends both)."""
        return "p" if word.endswith("i") else "s" if word.endswith(("o", "a")) else ""

    def _abbreviation_ends_at(self, k: int) -> bool:
        """The words before token `k` are an abbreviation and its full stop (`Sig.`, `Dott.`, `Sig.ra`): before a
        name, a person's honorific or title (a single letter is an initial: `Ugo S. Neri`)."""
        lower, abbreviations = self.doc.lower, self.lang.abbreviations
        if 2 <= k <= self.n and lower[k - 1] == "." and len(lower[k - 2]) > 1 and lower[k - 2] in abbreviations:
            return True
        return 3 <= k <= self.n and lower[k - 2] == "." and "".join(lower[k - 3:k]) in abbreviations

    def _set_off_after_office(self, first: int) -> bool:
        """A word set off by a comma right after a title and its office written large (`il ministro degli Esteri,
        Rossi,`): the holder's surname, however common the word."""
        doc, k = self.doc, first - 1
        if k < 3 or doc.lower[k] != ",":
            return False
        k -= 1
        while k > first - 5 and doc.texts[k][:1].isupper() and not self._sentence_initial(k):
            k -= 1
        while k > 0 and self.lang.is_determiner(doc.lower[k]):
            k -= 1
        return k < first - 2 and k > 0 and self.lang.preposition(doc.lower[k]) is not None \
            and fold(doc.texts[k - 1]) in self.words["titles"]

    def _metonym_word(self, m: Mention) -> bool:
        """Is the mention one word the KB matched as a metonym of its entity, not a place by its context?"""
        doc = self.doc
        if m.via != "kb" or m.last - m.first != 1 or self._place_complement(m.first) or (
                m.first and doc.lang.preposition(doc.lower[m.first - 1]) == "in"):
            return False
        entity, word = doc.kb.get(m.name), fold(m.text)
        return entity is not None and any(fold(form) == word for form in entity.metonyms)

    def _place_complement(self, first: int) -> bool:
        """A name after `di` (or after `e` in a list of such names) that follows a noun for a place (`i comuni di X e
        Y`, `l'aeroporto di X`): a place."""
        doc, k = self.doc, first - 1
        if k > 1 and doc.lower[k] in self.lang.words("coordinators") and doc.texts[k - 1][:1].isupper():
            k = next((j for j in range(k - 1, max(0, k - 5), -1) if doc.lower[j] == "di"), k)
        return (k > 0 and doc.lower[k] == "di" and fold(doc.texts[k - 1]) in self.words["place_heads"])

    def _street_noun_before(self, first: int) -> bool:
        """A street's or a square's noun in lower case right before a name (`in via Bertolini`, `di viale La Marmora`):
        Italian writes that noun small, and the name after it is the street's, nobody who speaks."""
        doc = self.doc
        return first > 0 and doc.texts[first - 1].islower() and doc.lower[first - 1] in self.words["street_nouns"]

    def _organisation_noun_before(self, first: int) -> bool:
        """An organisation noun, and perhaps two modifiers, before a name (`il quotidiano sportivo inglese The Daily`)
        says what the name is; not a noun that takes its leader's name (`il governo Rossi`)."""
        doc, k = self.doc, first - 1
        organisations, titles = self.words["organisations"], self.words["titles"]
        while k > 0 and k > first - 3 and doc.lower[k] not in organisations and doc.lower[k] not in titles \
                and _plain_modifier(self.lang, doc.tokens[k]):
            k -= 1
        word = fold(doc.tokens[k].text) if k >= 0 else ""
        if k < first - 1 and k > 1 and self.lang.preposition(doc.lower[k - 1]) and fold(doc.texts[k - 2]) in titles:
            return False  # "il presidente del comitato svedese Ivo Galli": the title's holder
        if first > 2 and doc.lower[first - 3] in organisations and " ".join(doc.lower[first - 3:first]) in organisations:
            return True  # "l'agenzia di stampa Acme"
        return word in organisations and word not in self.words["named_after_leaders"]

    def _organisation_noun_after(self, last: int) -> bool:
        """`Radio Sole, una emittente locale`: an organisation noun set off after a name, alone or after an indefinite
        article, says what the name is."""
        doc, k = self.doc, last + 1
        if last >= self.n or doc.lower[last] != ",":
            return False
        if k < self.n and doc.lower[k] in self.lang.words("indefinite_articles"):
            k += 1
        return k < self.n and doc.texts[k][:1].islower() and fold(doc.texts[k]) in self.words["organisations"]

    def _phrase_mentions(self) -> list[Mention]:
        """Noun phrases headed by a title, an organisation noun or an anonymous-source noun."""
        doc, out = self.doc, []
        words = self.words
        titles = _phrase_titles(self.lang)
        written_large = words["organisations_written_large"]
        orgs, heads = _head_words(self.lang)
        for i in self._where(heads):
            head = fold(doc.tokens[i].text)
            if head in written_large and (not doc.tokens[i].text[:1].isupper() or self._sentence_initial(i)):
                continue  # "il centro della città"
            if head in words["compound_title_heads"] and (i == 0 or f"{fold(doc.texts[i - 1])} {head}" not in titles):
                continue  # "un cittadino", not "il primo cittadino"
            if i > 0 and fold(doc.tokens[i - 1].text) in heads and not self.lang.is_determiner(doc.lower[i - 1]):
                continue  # inside a phrase already read
            role = self.roles_at.get(i) or self._role_opened_before(i)
            first = i if role is None else min(i, role.first)
            while first > 0 and (self.lang.is_determiner(doc.lower[first - 1])
                                 or fold(doc.tokens[first - 1].text) in words["np_prefixes"]):
                first -= 1
            if head not in titles and first == i and not self._may_start_phrase(i):
                continue  # "tecnologiche e militari": an adjective, not the soldiers
            if first == i and _closed_word(self.lang, doc.lower[i]) and not self._subject_of_next_verb(i):
                continue  # "ad aiutare": the preposition, not the initials of a title (l'ad)
            if first == i and self._participle_after_auxiliary(i):
                continue  # "ha inviato una nota": the verb, not the envoy
            after = i + 2 if i + 1 < self.n and f"{head} {fold(doc.texts[i + 1])}" in titles else i + 1
            last = self._phrase_end(after, adjectives=2 if head in orgs and head not in titles else 1)  # "il procuratore generale"
            if role is not None and role.last > last:
                last = role.last
            elif role is not None and role.last < last:
                role = None  # "il premier iracheno" is not the knowledge base's "premier"
            if head in titles:
                role_id = role.role if role else getattr(doc.kb.role_of_phrase(doc.span_text(i, last)), "id", None)
                holder = role.name if role else None
                out.append(self._mention(first, last, "title", PERSON, holder, head=i, role=role_id,
                                         resolved_by="date" if holder else ""))
            elif head in orgs:
                last = self._past_quoted_name(i, last)
                name = "".join(c for c in doc.span_text(i, last) if c not in QUOTE_MARKS)
                out.append(self._mention(first, last, "organisation", ORGANISATION, name[:1].upper() + name[1:],
                                         head=i))
            else:
                out.append(self._mention(first, last, "description", ANONYMOUS,
                                         _description(doc.span_text(i, last), self.lang), head=i))
        return out

    def _verb_of_quanto(self, marker: int) -> int | None:
        """The finite verb of `secondo quanto riferiscono testimoni`, `secondo quanto ha detto il sindaco`: the subject
        after it is the source."""
        doc, lang, k = self.doc, self.lang, marker + 2
        if k >= self.n or doc.lower[marker + 1] != "quanto":
            return None
        compound = doc.lower[k] in lang.auxiliaries and k + 1 < self.n
        k += compound
        form = lang.verb_forms.get(doc.lower[k])
        return k if form is not None and (compound or form.finite) else None

    def _subject_of_next_verb(self, i: int) -> bool:
        """A plural head that is also a verb form, right before a finite verb (`testimoni riferiscono`): no finite verb
        follows another, so it is the noun, the verb's bare subject."""
        doc, k = self.doc, i + 1
        form = self.lang.verb_forms.get(doc.lower[k]) if k < self.n else None
        return doc.lower[i].endswith(self.lang.endings("plural_endings")) and k < self.n and (
            doc.lower[k] in self.lang.auxiliaries or getattr(form, "finite", False))

    def _agent_of_quanto(self, marker: int) -> int | None:
        """The agent preposition of `secondo quanto riportato dal …`, `secondo quanto riferito da …`: the words are
        the agent's, the source the marker names."""
        doc, k = self.doc, marker + 3
        if k < self.n and doc.lower[marker + 1] == "quanto" and doc.lower[k] in self.lang.agent_preposition_forms \
                and doc.texts[marker + 2].isalpha() and doc.texts[marker + 2].islower():
            return k
        return None

    def _source_phrases(self) -> list[Mention]:
        """The noun phrase after `secondo`, or after the `di` of `a detta di` and the other `source_marker_nouns`,
        names a source whatever its head (`secondo gli osservatori`, `secondo alcuni giornali locali`, `a detta dei
        vicini`): a description. Without an article or a quantifier only a plural noun is one (`secondo voci`, not
        the ordinal of `secondo tempo`)."""
        doc, lang, out = self.doc, self.lang, []
        quantifiers = lang.words("indefinite_quantifiers")
        for i in self._where(lang.words("source_markers") | lang.words("source_marker_nouns")):
            if i > 0 and doc.lower[i - 1] in lang.words("ordinal_markers"):
                continue
            head = i + 1
            articulated = False  # the article inside a preposition (`dei vicini`)
            if doc.lower[i] in lang.words("source_marker_nouns"):  # "a detta dei vicini": past the di
                if not (0 < i and doc.lower[i - 1] in ("a", "ad") and head < self.n
                        and lang.preposition(doc.lower[head]) == "di"):
                    continue
                articulated = doc.lower[head] not in lang.words("of")
                i, head = head, head + 1
            agent = self._agent_of_quanto(i)
            if agent is None:
                agent = self._verb_of_quanto(i)  # "secondo quanto riferiscono testimoni": its subject after it
            if agent is not None:  # "secondo quanto riportato dal telegiornale locale": the agent is the source
                articulated = doc.lower[agent] not in lang.agent_prepositions
                i, head = agent, agent + 1
            while head < self.n and (lang.is_determiner(doc.lower[head]) or doc.lower[head] in quantifiers):
                head += 1
            if head < self.n and doc.lower[head] in self.words["same_pronouns"] and self._same_pronoun(head):
                continue  # "secondo quanto riferito dallo stesso": a pronoun (`_pronouns`)
            determined = head > i + 1 or articulated
            if head >= self.n or not (_looks_adjective(lang, doc.lower[head], doc.tokens[head].text, self.words,
                                                         doc.tokens[head].upos)
                                      or fold(doc.tokens[head].text) in self.words["anonymous"]
                                      or determined and self._bare_noun(i + 1, head)):
                continue
            if not determined and not doc.lower[head].endswith(lang.endings("plural_endings")):
                continue
            k = head + 1  # its adjectives, even those that head phrases of their own (`i responsabili militari`)
            while k < self.n and k < head + 4:
                if self._negated_adjective(k):
                    k += 2  # "voci non confermate"
                elif doc.tokens[k].text[:1].islower() and doc.tokens[k].text.isalpha() \
                        and not _closed_word(lang, doc.lower[k]) and _may_modify(lang, doc.lower[k]) \
                        and (doc.tokens[k].upos not in ("VERB", "AUX") or fold(doc.tokens[k].text) in self._phrase_heads) \
                        and not self._governs_cut_complement(k):
                    k += 1
                else:
                    break
            product = lang.source_products.get(fold(doc.tokens[head].text))
            if product is not None and self._holder_named_after(k):
                continue  # "secondo il racconto di Luca Neri": the words are the person's, named after them
            if product is not None and k < self.n and lang.preposition(doc.lower[k]) == "di" and doc.lower[k] != "di":
                # "secondo le dichiarazioni del sindaco": the words are the mayor's, read as the source's own phrase
                head = k + 1
                if head >= self.n or not doc.tokens[head].text[:1].islower() or head in self.known_tokens:
                    continue
                k, product = head + 1, None
            elif product is not None and (counted := self._counted_after_di(k)) is not None:
                head, k, product = counted, counted + 1, None  # "secondo il racconto di un passante"
            last = self._phrase_end(k)
            if fold(doc.texts[head]) not in self._phrase_heads:  # "l'agenzia giapponese per …": an organisation's name
                last = self._modifier_complement_end(last)
            name = product or self._counted_description(head, last) or _description(doc.span_text(head, last), lang)
            out.append(self._mention(i + 1, last, "description", ANONYMOUS, name, head=head))
        return out

    def _holder_named_after(self, k: int) -> bool:
        """A bare `di` at k, then a name (`la ricostruzione di Anna Neri`, `il racconto di Acme`): whose words they are
        is that name, a source of its own, not the noun of the words."""
        return k + 1 < self.n and self.doc.lower[k] == "di" and self._starts_name(k + 1)

    def _counted_description(self, head: int, last: int) -> str | None:
        """For a bare number after an article (`secondo il racconto dei due`), the description of the people an
        earlier phrase counts with that number (`i due ragazzi`): the number stands for them, and alone names no one."""
        doc, lang = self.doc, self.lang
        if last != head + 1 or doc.lower[head] not in lang.words("cardinal_numbers"):
            return None
        for j in range(head - 2, 0, -1):
            noun = j + 1
            if doc.lower[j] == doc.lower[head] and lang.is_determiner(doc.lower[j - 1]) and doc.texts[noun].isalpha() \
                    and doc.texts[noun][:1].islower() and not _closed_word(lang, doc.lower[noun]):
                return _description(doc.span_text(noun, self._phrase_end(noun + 1)), lang)
        return None

    def _counted_after_di(self, k: int) -> int | None:
        """The noun after a bare `di` and an indefinite article, a quantifier or a number (`di un testimone`, `di
        alcuni residenti`, `di tre agenti`): someone the text does not name, whose words a source's noun reports."""
        doc, lang = self.doc, self.lang
        counted = k + 2
        if counted >= self.n or doc.lower[k] != "di" or not (
                doc.lower[k + 1] in _indefinite_openers(lang) or doc.lower[k + 1] in lang.words("cardinal_numbers")):
            return None
        word = doc.tokens[counted].text
        return counted if word.isalpha() and word[:1].islower() and not _closed_word(lang, doc.lower[counted]) else None

    def _negated_adjective(self, k: int) -> bool:
        """A negation and an adjective or participle after it (`non confermate`): one modifier of the noun before."""
        doc, j = self.doc, k + 1
        return (doc.lower[k] in self.lang.words("negations") and j < self.n and doc.texts[j].isalpha()
                and doc.texts[j][:1].islower() and len(doc.texts[j]) > 3 and doc.lower[j] not in self.lang.auxiliaries
                and doc.lower[j].endswith(self.lang.endings("past_participle_endings", "adjective_endings")))

    def _bare_noun(self, first: int, k: int) -> bool:
        """After `secondo` and an article any lower-case word is the source's noun, borrowed ones too (`i tabloid`),
        and one a tagger reads as a verb (`gli ingegneri`): no verb follows an article; not a title or its
        abbreviation before a name (`il dottor Yao`, `il dott. Yao`) nor a noun after a demonstrative, which points
        back (`questa ong`)."""
        doc, word, low = self.doc, self.doc.tokens[k].text, self.doc.lower[k]
        verbal = doc.tokens[k].upos in ("VERB", "AUX") or low in self.lang.verb_forms
        return (word[:1].islower() and word.isalpha() and low not in self.lang.function_words
                and low not in self.lang.auxiliaries and (not verbal or self._noun_read_as_verb(k))
                and low not in self.lang.abbreviations
                and not (k + 1 < self.n and doc.tokens[k + 1].text[:1].isupper())
                and not any(doc.lower[j] in self.lang.words("demonstratives") for j in range(first, k)))

    def _noun_read_as_verb(self, k: int) -> bool:
        """A word that looks like a verb right after an article, with no open word after it (`gli ingegneri del
        consorzio`, `il racconto dei vicini`), is a source's noun; `il rieletto presidente` is a participle before its
        noun, and a rule (`il contratto`) is no source."""
        doc = self.doc
        after = doc.texts[k + 1] if k + 1 < self.n else ""
        articles = self.lang.words("noun_determiners") | self.lang.words("article_or_clitic") \
            | self.lang.words("elided_article_or_clitic")  # after `secondo`, `gli`, `le`, `l'` are no clitics
        return (doc.lower[k - 1] in articles and doc.lower[k] not in self.lang.words("norm_nouns")  # il contratto
                and not (after.isalpha() and after[:1].islower() and not _closed_word(self.lang, after.lower())))

    def _indefinite_subjects(self) -> list[Mention]:
        """`Un migrante, invece, ha detto`, `alcuni gestori hanno raccontato`, `alcuni degli accusati hanno`: a noun
        phrase that opens a clause with an indefinite article or quantifier and is followed by its verb is someone
        the text does not name, whatever its noun."""
        doc, lang, out = self.doc, self.lang, []
        no_nouns = lang.words("time_spans") | lang.words("time_words") | lang.words("group_adverbs")
        for i in sorted(self._where(_indefinite_openers(lang)) + self._counted_openers()):
            if not self._opens_clause(i - 1 if i > 0 and doc.lower[i - 1] in lang.words("approximators") else i):
                continue  # "Almeno quattro sindaci hanno detto": the approximator opens the clause
            head = i + 1
            if head < self.n and lang.preposition(doc.lower[head]) == "di" and (
                    doc.lower[head] != "di" or doc.lower[i] in lang.words("quantity_nouns")):
                head += 1  # "alcuni degli accusati", "migliaia di manifestanti"
            if head >= self.n:
                continue  # the text ends after the opener ("… Uno degli")
            upos = "" if head == i + 1 else doc.tokens[head].upos  # after an article, a noun whatever its tag
            if not (_looks_adjective(lang, doc.lower[head], doc.tokens[head].text, self.words, upos)
                                      or fold(doc.tokens[head].text) in self.words["anonymous"]):
                continue
            if doc.lower[head] in no_nouns:
                continue  # "tre anni dopo, X aveva detto", "il 10 aprile": time; "tre infatti": no noun
            last = self._modifier_complement_end(self._phrase_end(head + 1))
            last = self._prepositional_phrase_end(last) if not self._verb_after(last) else last
            if self._verb_after(last):
                noun = head + 1 if self._prenominal_before_noun(head) else head  # "una recente sentenza"
                out.append(self._mention(i, last, "description", ANONYMOUS,
                                         _description(doc.span_text(head, last), lang), head=noun))
        return out

    def _counted_openers(self) -> list[int]:
        """Numbers that open a plural noun phrase (`tre residenti`, `7 famiglie`): a count of people the text does not
        name, as `alcuni residenti` is; a number of four digits and more is a year or an amount."""
        doc, plural = self.doc, self.lang.endings("plural_endings")
        digits = (i for i in compress(count(), map(str.isdigit, doc.texts)) if len(doc.texts[i]) < 4)
        numbers = set(doc.where(self.lang.words("cardinal_numbers"))).union(digits)
        return [i for i in numbers if i + 1 < self.n and doc.lower[i + 1].endswith(plural)]

    def _opens_clause(self, i: int) -> bool:
        """Token i opens a clause: first in its sentence, after a coordinator or a word that opens a clause (`mentre
        alcuni residenti`, `dove migliaia di persone`), or after a sentence-opening adverb (`Intanto alcuni residenti
        hanno detto`)."""
        doc, lang = self.doc, self.lang
        if self._sentence_initial(i) or doc.lower[i - 1] in lang.words("coordinators") \
                or doc.lower[i - 1] in lang.words("clause_openers"):
            return True
        return i > 0 and doc.lower[i - 1] in lang.words("group_adverbs") and self._sentence_initial(i - 1)

    def _modifier_complement_end(self, k: int) -> int:
        """Past the complement of a participle or adjective that modifies the noun before k (`le persone presenti sul
        luogo hanno visto`, `uno studente intervistato dalla radio ha detto`) when a verb follows it, else k."""
        doc, lang = self.doc, self.lang
        if k < self.n and self._participle_like(k) and k + 1 < self.n and lang.preposition(doc.lower[k + 1]) not in (None, "di"):
            end = self._prepositional_phrase_end(k + 1)
            return end if end > k + 1 else k
        if k > 0 and self._participle_like(k - 1) and k < self.n and lang.preposition(doc.lower[k]) not in (None, "di"):
            return self._prepositional_phrase_end(k)
        return k

    def _participle_like(self, k: int) -> bool:
        """A lower-case participle or adjective (`presenti`, `intervistato`, `riuniti`): no function word or auxiliary."""
        doc, lang = self.doc, self.lang
        word = doc.texts[k]
        return (word.isalpha() and word[:1].islower() and len(word) > 4 and doc.lower[k] not in lang.function_words
                and doc.lower[k] not in lang.auxiliaries
                and doc.lower[k].endswith(lang.endings("past_participle_endings", "adjective_endings")))

    def _prepositional_phrase_end(self, k: int) -> int:
        """Past a short prepositional phrase at k that a verb follows (`un ferroviere in pensione ha detto`), else k."""
        doc, lang = self.doc, self.lang
        if k >= self.n or lang.preposition(doc.lower[k]) is None:
            return k
        j = k + 1
        while j < self.n and lang.is_determiner(doc.lower[j]):
            j += 1
        for end in range(j + 1, min(self.n, j + 3)):
            if not doc.lower[end - 1].isalpha() or doc.tokens[end - 1].upos in ("VERB", "AUX"):
                return k
            if self._verb_after(end) and doc.lower[end - 1] not in lang.function_words:  # not "negli scontri e"
                return end
        return k

    def _verb_after(self, k: int) -> bool:
        """A finite verb at k, past an aside between commas, adverbs and clitics (`, invece, ha detto`)."""
        doc, lang = self.doc, self.lang
        if k < self.n and doc.lower[k] == ",":
            close = next((j for j in range(k + 1, min(self.n, k + 9)) if doc.lower[j] in (",", ".", ";", ":")), None)
            if close is None or doc.lower[close] != ",":
                return False
            k = close + 1
        while k < self.n and (doc.lower[k] in lang.words("group_adverbs") or doc.lower[k] in lang.words("clitics")):
            k += 1
        return k < self.n and doc.tokens[k].upos in ("VERB", "AUX") and doc.tokens[k].text[:1].islower()

    @cached_property
    def _listed(self) -> list[int]:
        """The tokens holding a word some reader looks for: one scan of the article."""
        return self.doc.where(_listed_words(self.lang))

    def _where(self, words: frozenset[str]) -> list[int]:
        """The tokens whose word is in `words`, one of the lists `_listed_words` joins."""
        return self.doc.among(self._listed, words)

    @cached_property
    def _phrase_heads(self) -> frozenset[str]:
        """Words that head phrases of their own: titles, organisation nouns, anonymous sources."""
        return frozenset(self.words["titles"]) | frozenset(self.words["organisations"]) | frozenset(self.words["anonymous"])

    def _participle_after_auxiliary(self, i: int) -> bool:
        """The word at i is a past participle in a compound tense: after a form of `avere` or the participle of
        `essere`, past adverbs of the verb group (`ha inoltre inviato`, `è stato delegato`)."""
        doc, lang = self.doc, self.lang
        participle = lang.endings("past_participle_endings")
        if not doc.texts[i].islower() or not doc.lower[i].endswith(participle):
            return False  # "è stato Deputato al Parlamento": a title written large
        k = doc.before_group_adverbs(i)
        auxiliary = lang.auxiliaries.get(doc.lower[k]) if k >= 0 else None
        return auxiliary == "avere" or auxiliary == "essere" and doc.lower[k].endswith(participle)

    def _may_start_phrase(self, i: int) -> bool:
        if i == 0 or self._sentence_initial(i):
            return True
        before = self.doc.lower[i - 1]
        lemma = self.lang.preposition(before)
        # "secondo fonti …", "dei medici …", "in Parlamento", not "e militari"
        return before in (",", ";", ":") or lemma in self.lang.words("source_prepositions") or before == "secondo" or (
            lemma is not None and (lemma != before or self._institution_written_large(i)))

    def _institution_written_large(self, i: int) -> bool:
        """An institution every country has, written large (`in Parlamento`, `in Senato`): Italian drops the article
        after a bare preposition, and the capital says it is the institution, not a room (`in camera`)."""
        return self.doc.tokens[i].text[:1].isupper() and fold(self.doc.tokens[i].text) in self.lang.institutions

    def _phrase_end(self, i: int, adjectives: int = 1) -> int:
        """End of a phrase's modifiers: a few adjectives, acronyms and up to three complements (`di`, `per`)."""
        doc, n, lang = self.doc, self.n, self.lang
        allowed, used, complements = adjectives, 0, 0
        while i < n:
            low, word = doc.lower[i], doc.tokens[i].text
            if "\n" in doc.text[doc.tokens[i - 1].end : doc.tokens[i].start]:
                break
            if low in lang.words("coordinators") and complements and i + 1 < n and lang.preposition(doc.lower[i + 1]) == "di":
                i += 1  # "ministro dell'università e della ricerca"
                continue
            if lang.preposition(low) in lang.words("phrase_complements") and complements < 3:
                j = i + 1
                while j < n and lang.is_determiner(doc.lower[j]):
                    j += 1
                if self._prenominal_before_noun(j):
                    j += 1  # "gli esponenti della nuova giunta": the noun after the adjective is the complement's
                known = self.known_at.get(j)
                k = known.last if known is not None else j
                while known is None and k < n and k < j + 3 and doc.tokens[k].text[:1].isupper() and doc.tokens[k].text[:1].isalpha():
                    if k > j and k in self.known_at:
                        break  # "il capo del Pentagono Mark Esper": the name is not part of the complement
                    k += 1
                # after an article (`di questa legge`, `degli accusati`) a word the tagger read as a verb is a noun
                nominal = j > i + 1 or lang.preposition(low) != low and not low.endswith("'") or low.endswith("ll'")
                verbal = j < n and (_closed_word(lang, doc.lower[j]) or doc.tokens[j].upos in ("VERB", "AUX")) \
                    and doc.lower[j] not in self.words["country_nouns"]  # "la tv di stato": a noun, not "è stato"
                if k == j and j < n and doc.tokens[j].text[:1].isalpha() and doc.lower[j] not in lang.function_words \
                        and not (verbal and not nominal or lang.preposition(low) == low and j == i + 1
                        and doc.lower[j].endswith(lang.endings("infinitive_endings"))):  # "di aver invaso", "per tentare": a clause
                    k = j + 1
                    while k < n and k < j + 3 and (_looks_adjective(lang, doc.lower[k], doc.tokens[k].text, self.words,
                                                                       _modifier_tag(doc.tokens[k], lang, doc.tokens[j]))
                                                     or _compound_modifier(doc.tokens[k].text)):
                        k += 1
                    k = self._organisation_name_end(j, k)
                elif k == j and nominal and self._closing_number(j):
                    k = j + 1  # "il personale del 118": a service known by its number
                if k == j:
                    break
                complements += 1
                i = k
                continue
            if _acronym(word) and used < 2:
                i += 1  # l'inviato ONU
                used += 1
                continue
            if _looks_adjective(lang, low, word, self.words, _modifier_tag(doc.tokens[i], lang, doc.tokens[i - 1])) \
                    and used < allowed \
                    and not self._governs_cut_complement(i):
                i += 1
                used += 1
                continue
            if self._negated_adjective(i) and used < allowed:
                i += 2  # "fonti non ufficiali"
                used += 1
                continue
            break
        return i

    def _prenominal_before_noun(self, j: int) -> bool:
        """An adjective that stands before its noun (`ultima`, `nuova`) and a lower-case open word after it: that word
        is the noun, whatever a tagger or the lexicon read it as (`della nuova proposta`)."""
        doc, lang = self.doc, self.lang
        after = doc.texts[j + 1] if j + 1 < self.n else ""
        return (j < self.n and doc.lower[j] in lang.words("prenominal_adjectives") and after.isalpha()
                and after[:1].islower()
                and after.lower() not in lang.function_words)

    def _governs_cut_complement(self, i: int) -> bool:
        """A participle (`proveniente`, `intervistato`) or a word that stands before its noun (`prima`) followed by a
        preposition whose complement the phrase does not take (`una notizia proveniente dalla capitale`, `la ragazza
        prima di partire`): the word goes with that complement, not the noun, and would end the description cut off."""
        doc, lang = self.doc, self.lang
        low = doc.lower[i]
        if i + 1 >= self.n or lang.preposition(doc.lower[i + 1]) is None:
            return False
        participle = low.endswith(lang.endings("past_participle_endings", "present_participle_endings")) \
            and fold(doc.texts[i]) not in _demonyms(doc.kb)  # "vietnamita": a nationality, no participle
        if not participle and low not in lang.words("prenominal_adjectives"):
            return False
        return self._phrase_end(i + 1, adjectives=0) == i + 1

    def _closing_number(self, j: int) -> bool:
        """A number after an articulated `di` that no word goes on but a verb (`del 118,`, `del 115 hanno`), unlike a
        date, an amount or a count (`dell'11 settembre`, `del 10 per cento`, `dei 3 figli`); four digits are a year
        (`la lettera del 1990`)."""
        if j >= self.n:
            return False  # the text ends after the `di`
        doc, lang = self.doc, self.lang
        after = doc.lower[j + 1] if j + 1 < self.n else ""
        verbal = after in lang.auxiliaries or after in lang.verb_forms
        return doc.texts[j].isdigit() and len(doc.texts[j]) < 4 and (verbal or not after.isalnum()) \
            and after not in lang.words("percent_words")

    def _organisation_name_end(self, noun: int, k: int) -> int:
        """Past the name an organisation noun in a complement takes (`dei medici dell'ospedale San Carlo`), not a
        person's (`il direttore dell'ospedale Ugo Neri`); else k."""
        doc = self.doc
        named = self.known_at.get(k)
        if fold(doc.texts[noun]) not in self.words["organisations"] or named is None or named.kind == PERSON:
            return k
        return named.last

    def _pronouns(self) -> list[Mention]:
        """Personal pronouns and anaphoric words that may stand for someone named earlier: a person (`egli`, `dallo
        stesso`) or a group (`essi`, `loro stessi`)."""
        doc, out = self.doc, []
        anaphora = self.words["anaphora"]
        for i in self._where(self.lang.anaphora_words):
            if doc.lower[i] in anaphora:
                out.append(self._mention(i, i + 1, "pronoun", PERSON, None))
            elif i + 1 < self.n and doc.lower[i] + doc.lower[i + 1] in anaphora:  # quest' + ultimo
                out.append(self._mention(i, i + 2, "pronoun", PERSON, None))
        out += [self._mention(i, i + 1, "pronoun", PERSON, None) for i in self._where(self.words["same_pronouns"])
                if self._same_pronoun(i)]
        for i in self._where(_plural_anaphora_openers(self.lang)):
            last = next((i + len(words) for words in _plural_anaphora(self.lang)
                         if tuple(doc.lower[i : i + len(words)]) == words), None)
            if last is not None and (self._opens_clause(i) or doc.lower[i - 1] in (",", ";", ":")):
                # the subject of a main clause, not of one a conjunction opens (`se essi non otterranno nulla`)
                out.append(self._mention(i, last, "pronoun", ANONYMOUS, None))
        return out

    def _same_pronoun(self, i: int) -> bool:
        """`stesso` with no noun after it: after a preposition with its article and before a punctuation mark
        (`dallo stesso.`), or after an article and before an auxiliary (`la stessa ha detto`); not `lo stesso
        parere`, `dello stesso autore`, nor the adverb (`ha vinto lo stesso.`)."""
        doc, lang = self.doc, self.lang
        before = doc.lower[i - 1] if i > 0 else ""
        after = doc.lower[i + 1] if i + 1 < self.n else "."
        if lang.preposition(before) not in (None, before):  # dallo, della: a preposition with its article
            return not after.isalnum()
        return lang.is_determiner(before) and after in lang.auxiliaries

    def _country_nouns(self) -> list[Mention]:
        """`il Paese`, `lo Stato`: a definite country noun not followed by a name or a complement stands for a country
        (which one, the resolver tells)."""
        doc, out = self.doc, []
        nouns = self.words["country_nouns"]
        for i in self._where(nouns):
            after = doc.tokens[i + 1] if i + 1 < self.n else None
            if i == 0 or not self.lang.is_determiner(doc.lower[i - 1]) and self.lang.preposition(doc.lower[i - 1]) in (
                    None, doc.lower[i - 1]):
                continue  # "un paese", "in paese": not the country the article is about
            if after is not None and (after.text[:1].isupper() or self.lang.preposition(after.lower) == "di"):
                continue  # "lo Stato Islamico", "il paese di Gino"
            if i > 1 and self.lang.preposition(doc.lower[i - 1]) == "di" and doc.tokens[i - 2].text[:1].isupper():
                continue  # "l'Avvocatura dello Stato", "la Ragioneria dello Stato": the end of a name
            out.append(self._mention(i - 1, i + 1, "country", COUNTRY, None, head=i))
        return out

    def _tagged(self, found: list[Mention]) -> list[Mention]:
        """The engine tagger's entities no other reader found (people named in full, organisations)."""
        doc = self.doc
        if not doc.entities:
            return []
        taken = {i for m in found for i in range(m.first, m.last)}
        out = []
        for e in doc.entities:
            first, last = doc.token_at(e.start), doc.token_before(e.end) + 1
            if first >= last or any(k in taken for k in range(first, last)):
                continue
            kind = {"PER": PERSON, "ORG": ORGANISATION}.get(e.label)
            if kind is None or (kind == PERSON and last - first < 2):
                continue  # a single-word PER of a weak tagger is too often wrong; places are not speakers
            out.append(self._mention(first, last, "ner", kind, doc.span_text(first, last)))
        return out

    def _mention(self, first: int, last: int, via: str, kind: str, name: str | None, **more) -> Mention:
        doc = self.doc
        return Mention(first, last, doc.starts[first], doc.ends[last - 1], doc.span_text(first, last), via, kind, name,
                       **more)


class _Resolver:
    """Gives the kept mentions their canonical names: names completed, titles and descriptions resolved."""

    def __init__(self, reader: _Reader, mentions: list[Mention]):
        self.reader = reader
        self.doc = reader.doc
        self.items = mentions
        self._reindex()
        self._institutions: dict[tuple[str, str], str] = {}

    def resolve(self) -> list[Mention]:
        self._surnames_over_metonyms()
        self._complete_names()
        self._one_spelling()
        self._link_titles()
        self._earlier_titles()
        self._name_described_people()
        self._describe()
        self._staff_of_named_places()
        self._name_institutions()
        self._organisation_named_in_complement()
        self._governments_by_leader()
        self._describe_foreign_institutions()
        self._definite_anaphora()
        self._pronoun_antecedents()
        self._leave_common_nouns_common()
        return self.items

    def _surnames_over_metonyms(self) -> None:
        """A lone word the KB knows as a city standing for its country (`Rossano` for an invented Rossania), which is the
        surname of the one person the article names in full under it (`Mario Rossano`), and not the place of `in Rossano`
        or `l'aeroporto di Rossano`: that person, as the name reader would have completed a surname it did not know."""
        metonyms = [k for k, m in enumerate(self.items) if self.reader._metonym_word(m)]
        if not metonyms:
            return
        named: dict[str, set[str]] = {}
        for m in self.items:
            if m.kind == PERSON and m.via in _NAMING_VIAS and len(m.text.split()) > 1:
                named.setdefault(self._surname(m.text.split()), set()).add(m.name or m.text)
        items = list(self.items)
        for k in metonyms:
            items[k] = _as_person(items[k], named)
        self.items = items

    def _one_spelling(self) -> None:
        """Names the article spells two ways, apart from case, accents and a hyphen for a space (`Omar al-Rashid`, `Omar
        Al Rashid`), are one name: the spelling it writes most often, the first of those."""
        items = self.items
        keys = {m.name: _spelling_key(m.name) for m in items if m.name and m.kind in (PERSON, ORGANISATION)}
        if len(set(keys.values())) == len(keys):
            return  # every name spelt one way
        spellings = Counter(m.name for m in items if m.kind in (PERSON, ORGANISATION) and m.name in keys)
        chosen: dict[str, str] = {}
        for m in items:
            key = keys.get(m.name) if m.kind in (PERSON, ORGANISATION) else None
            if key is not None and (key not in chosen or spellings[m.name] > spellings[chosen[key]]):
                chosen[key] = m.name
        self.items = [m._replace(name=chosen[keys[m.name]]) if m.kind in (PERSON, ORGANISATION) and m.name in keys
                and chosen[keys[m.name]] != m.name else m for m in items]

    def _leave_common_nouns_common(self) -> None:
        """An organisation the article names only by a common noun it writes in lower case (`la società`, `il
        giornale`) and that nothing resolved keeps that noun, in lower case: it is no proper name (`Società`)."""
        doc = self.doc
        self.items = [m._replace(name=_description(doc.span_text(m.head, m.last), doc.lang))
                      if m.via == "organisation" and not m.resolved_by and m.head is not None
                      and doc.tokens[m.head].text[:1].islower() else m for m in self.items]

    def _complete_names(self) -> None:
        """People outside the KB are named by a fuller form the article gives (`Bianchi` → `Mario Bianchi`, the
        nearest earlier one, else the first later one; a lone given name `Mario` likewise); an acronym names the
        organisation whose initials it spells; a name the KB knows gets its canonical name."""
        kb = self.doc.kb
        people = [m for m in self.items if m.via in ("name", "ner", "kb") and m.kind == PERSON and " " in m.text.strip()]
        by_last: dict[str, list[Mention]] = {}
        by_first: dict[str, list[Mention]] = {}
        for m in people:
            words = m.text.split()
            by_last.setdefault(self._surname(words), []).append(m)
            by_first.setdefault(fold(words[0]), []).append(m)
        initials = {"".join(w[0] for w in m.text.split() if w[:1].isupper()): m for m in self.items
                    if m.via in ("name", "organisation", "kb", "ner") and m.kind == ORGANISATION and len(m.text.split()) > 1}
        bracketed = self._bracketed_acronyms()
        initials.update(bracketed)
        abbreviated = {m.first for m in bracketed.values()}
        family_named: dict[str, str] = {}
        out = []
        for m in self.items:
            if m.via in ("name", "ner"):
                entity = kb.get(m.text)
                acronym = initials.get(m.text) if m.text.isupper() or m.text in bracketed else None
                if entity is not None:
                    m = m._replace(name=entity.name, kind=_KIND.get(entity.kind, entity.kind), via="kb", resolved_by="kb")
                elif acronym is not None and acronym is not m:
                    m = m._replace(name=acronym.name, kind=ORGANISATION, resolved_by="article")
                elif m.kind == PERSON or " " not in m.text and self._surname([m.text]) in by_last:
                    # a surname that is also a common word (`Neri`) is still the person named in full elsewhere
                    words = m.text.split()
                    given = {fold(w) for w in words[:-1]}  # "Anna Rota" is not "Carlo Rota", whatever their surname
                    fuller = _nearest([p for p in by_last.get(self._surname(words), [])
                                       if given <= {fold(w) for w in (p.name or p.text).split()}
                                       and not (p.text == m.text and self._particle_surname(words))], m)
                    if fuller is None and len(words) == 1:
                        # one person however the article writes them in full (`Ugo Neri`, `Ugo M. Neri`)
                        namesakes = by_first.get(fold(words[0]), [])
                        named = {self._surname((p.name or p.text).split()) for p in namesakes}
                        fuller = _nearest(namesakes, m) if len(named) == 1 else None
                    if fuller is not None and len(fuller.text) > len(m.text):
                        m = m._replace(name=fuller.name or fuller.text, kind=PERSON, resolved_by="article")
                    family = None if m.resolved_by else self._family_name(m, people, family_named)
                    if family is not None:
                        family_named[fold(m.text)] = family
                        m = m._replace(name=family, kind=PERSON, resolved_by="article")
                if not m.resolved_by and m.kind in (PERSON, ORGANISATION) and self._bare_city(m):
                    m = m._replace(kind=PLACE)  # "Varese ha chiesto", "il treno per Cassino": a place
            if m.first in abbreviated and m.via in ("name", "ner"):
                m = m._replace(kind=ORGANISATION)  # "Public Health England (PHE)"
            out.append(m)
        self.items = _fullest_names(out)
        self._reindex()  # the organisations are named from the completed names
        self._name_organisations()
        self._reindex()

    def _family_name(self, m: Mention, people: list[Mention], family_named: dict[str, str]) -> str | None:
        """`il fratello Carlo`, `il fratello di Ugo Neri, Carlo`: a sibling the article names by given names alone
        (`speakers.yaml` `family_surname_relatives`) carries the family's surname: the named relative's, else the one
        `_family_surname` finds, as the article writes it in full; the same given names later are that person too."""
        doc, words = self.doc, self.doc.lang.speaker_words
        if not all(fold(w) in words["given_names"] for w in m.text.split()):
            return None
        if fold(m.text) in family_named:
            return family_named[fold(m.text)]
        k = m.first - 2 if m.first > 1 and doc.lower[m.first - 1] == "," else m.first - 1
        if k < 0:
            return None
        given_first = [p for p in people if fold(p.text.split()[0]) in words["given_names"]]  # no show's or place's name
        if doc.lower[k] in words["family_surname_relatives"]:
            if k > 0 and doc.lower[k - 1] in doc.lang.words("first_person_words"):
                return None  # `mio fratello Carlo`: the writer's or the speaker's family, whose surname goes unsaid
            surname = self._family_surname(m, {self._surname(p.text.split()) for p in given_first})
            relative = _nearest_before([p for p in given_first if self._surname(p.text.split()) == surname], m)
        else:
            relative = next((p for p in given_first if p.last == k + 1 and p.first > 1 and doc.lower[p.first - 1] == "di"
                             and doc.lower[p.first - 2] in words["family_surname_relatives"]), None)
        names = (relative.name or relative.text).split() if relative is not None else []
        surname = list(dropwhile(lambda w: fold(w) in words["given_names"], names))
        return " ".join([m.text, *surname]) if surname else None

    def _family_surname(self, m: Mention, full_names: set[str]) -> str | None:
        """Whose relative `m` is: the person last named in its sentence before it (`Ugo Neri e suo fratello Carlo`),
        else the person the article is about: of the surnames of `full_names`, the one it used most before `m`, if
        only one."""
        start = self.doc.sentence_bounds(m.first)[0]
        counts: dict[str, int] = {}
        last_in_sentence = None
        for other in self.items[: bisect.bisect_left(self.items, m.first, key=attrgetter("first"))]:
            if _person_by_name(other):
                surname = self._surname(other.text.split())
                counts[surname] = counts.get(surname, 0) + 1
                last_in_sentence = surname if other.first >= start else last_in_sentence
        ranked = sorted(full_names & set(counts), key=lambda surname: -counts[surname])
        if last_in_sentence or not ranked or len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]:
            return last_in_sentence
        return ranked[0]

    def _bare_city(self, m: Mention) -> bool:
        """A name that is a city's (GeoNames) and is used as one: not opened by a given name, not after an article
        (`il Napoli` is the football club), a title or another capitalised word (`il dottor Ugo Yao`), nor the name
        of an organisation (`il comune di Pomezia`); after a preposition it is the place, and elsewhere too unless a
        verb or a colon follows (`Ferrara ha detto`, `Ferrara:` is somebody of that surname)."""
        doc, lang = self.doc, self.doc.lang
        if fold(m.text) not in city_names() or fold(m.text.split()[0]) in lang.speaker_words["given_names"]:
            return False
        before = doc.lower[m.first - 1] if m.first else ""
        preposition = lang.preposition(before)
        if lang.is_determiner(before) or preposition not in (None, before):
            return False
        if m.first and (doc.tokens[m.first - 1].text[:1].isupper() or fold(before) in lang.speaker_words["titles"]):
            return False
        if before == "di" and m.first > 1 and fold(doc.tokens[m.first - 2].text) in _head_words(lang)[0]:
            return False
        if preposition is not None:
            return True
        after = doc.tokens[m.last] if m.last < len(doc.tokens) else None
        return after is None or not (after.upos in ("VERB", "AUX") or after.text == ":")

    def _particle_surname(self, words: list[str]) -> bool:
        """A surname with its particle and no given name (`Di Franco`, `Dal Molin`): written so again it is no fuller
        form of itself, and the name in full is looked for further back (`Marco Di Franco`)."""
        particles = self.doc.lang.speaker_words
        return len(words) == 2 and (fold(words[0]) in particles["name_particles"]
                                    or fold(words[0]) in particles["sentence_surname_particles"])

    def _surname(self, words: list[str]) -> str:
        """The folded surname of a name's words: the last one but a suffix (`King` of `Martin Luther King Jr.`)."""
        suffixes = self.doc.lang.speaker_words["name_suffixes"]
        return next((word for word in map(fold, reversed(words)) if word.rstrip(".") not in suffixes), fold(words[-1]))

    def _bracketed_acronyms(self) -> dict[str, Mention]:
        """`il Centro nazionale degli uragani (NHC)`, `Public Health England (PHE)`: an acronym in brackets right after
        an organisation, or after a name whose initials it spells, abbreviates it (a party after a person does not);
        so does a word written like a name made of the organisation's letters (`Agenzia spaziale lunare (Aslu)`)."""
        doc, out = self.doc, {}
        for m in self.items:
            k = m.last
            if k + 2 < len(doc.tokens) and doc.lower[k] == "(" and doc.lower[k + 2] == ")":
                acronym = doc.tokens[k + 1].text
                spelled = "".join(w[0] for w in m.text.split() if w[:1].isupper())  # "Assembly of the Council": AC
                if len(m.text.split()) > 1 and (_acronym(acronym) and (m.kind == ORGANISATION or spelled == acronym)
                                                or m.kind == ORGANISATION and _letters_of(acronym, m.text)):
                    # the earliest of the mentions ending there is the whole name, not a name inside it
                    out.setdefault(acronym, m._replace(name=m.name or m.text, kind=ORGANISATION))
        return out

    def _name_organisations(self) -> None:
        self._name_organisations_in_article()
        self._link_organisation_appositions()

    def _link_organisation_appositions(self) -> None:
        """`il quotidiano Il Mattino`, `l'associazione Libera`: an organisation noun beside a name names it; a later
        `il giornale` is the one the article introduced with a synonymous noun (and the same words, if any)."""
        doc = self.doc
        introduced: dict[str, tuple[Mention, set[str]]] = {}  # the name, and the words of the phrase beside it
        out = []
        for m in self.items:
            if m.via == "organisation" and m.head is not None:
                head = fold(doc.tokens[m.head].text)
                key = doc.lang.synonym_key("organisation_synonyms", head)
                named = self._name_after_modifiers(m.last) or self._set_off_name(m.last) or self._name_before(m)
                modifiers = {fold(doc.texts[k]) for k in range(m.head + 1, m.last)} - _anaphoric_modifiers(doc.lang)
                if named is not None and named.kind == ORGANISATION and named.via in _NAMING_VIAS and named.name:
                    m = m._replace(name=named.name, resolved_by="apposition")
                    introduced[key] = (named, modifiers)
                elif key in introduced and modifiers <= introduced[key][1] and m.resolved_by not in ("issuer",):
                    # "il giornale cinese" after "il quotidiano cinese X": no word the introduction did not give
                    m = m._replace(name=introduced[key][0].name, resolved_by="article")
            out.append(m)
        self.items = out

    def _name_after_modifiers(self, k: int) -> Mention | None:
        """The mention at `k`, or past one or two words that modify the phrase before it (`l'agenzia antidoping
        statunitense Acme`)."""
        doc = self.doc
        for j in range(k, min(k + 3, len(doc.tokens))):
            if j in self.by_first and self.by_first[j].via != "adjective":
                return self.by_first[j]
            if not _plain_modifier(doc.lang, doc.tokens[j]):
                return None
        return None

    def _name_before(self, m: Mention) -> Mention | None:
        """`Acme, azienda pubblica del comune`, `Radio Sole, una emittente locale`: the name an organisation phrase
        without a definite article follows after a comma is the one the phrase describes."""
        doc = self.doc
        if m.first < 2 or doc.lower[m.first - 1] != "," or not doc.texts[m.head][:1].islower() \
                or doc.lower[m.head] in doc.lang.document_nouns or not (
                m.first == m.head or doc.lower[m.first] in doc.lang.words("indefinite_articles")):
            return None
        return self.by_last.get(m.first - 1)

    def _set_off_name(self, comma: int) -> Mention | None:
        """The name a comma at `comma` sets off beside a phrase, closed by a comma or a full stop (`il giornale, Il
        Corriere di Valdora,`); not the subject of the next clause (`secondo il giornale, Acme non paga`)."""
        doc, n = self.doc, len(self.doc.tokens)
        named = self.by_first.get(comma + 1) if comma < n and doc.lower[comma] == "," else None
        return named if named is not None and (named.last >= n or doc.lower[named.last] in (",", ")", ".", ";")) else None

    def _name_organisations_in_article(self) -> None:
        """`l'ambasciata` after `l'Ambasciata degli Stati Uniti`: a bare organisation noun takes the fullest
        organisation the article named before with the same head; a document (`il comunicato dell'ambasciata`,
        `la sentenza della Corte`, `la lettera di Anna Neri`) speaks for its issuer, the organisation or the person named
        in its complement."""
        doc = self.doc
        documents = doc.lang.document_nouns
        fullest: dict[str, Mention] = {}
        out = []
        for m in self.items:
            head = fold(doc.tokens[m.head].text) if m.head is not None else ""
            if m.via == "description" and head in documents:
                m = self._issued_by(m, fullest)  # "una recente sentenza di Cassazione": the court's words
            elif m.via == "organisation" and m.head is not None:
                if head in documents:
                    m = self._issued_by(m, fullest)
                elif m.last - m.head == 1 and head in fullest:
                    m = m._replace(name=fullest[head].name, resolved_by="earlier")
                elif m.last - m.head > 1 and (head not in fullest or len(m.text) >= len(fullest[head].text)):
                    fullest[head] = m
            elif m.kind == ORGANISATION and m.via in _NAMING_VIAS and m.name:
                head = fold(m.name.split()[0])
                if head not in fullest or len(m.name) >= len(fullest[head].name or ""):
                    fullest[head] = m
            out.append(m)
        self.items = out

    def _issued_by(self, m: Mention, fullest: dict[str, Mention]) -> Mention:
        """A document's phrase named by the organisation, country or person its complement names (`la sentenza della
        Corte`, `la lettera di Anna Neri`, `il comunicato dell'ambasciata` after `l'Ambasciata d'Italia`), if any."""
        doc = self.doc
        issuer = next((o for o in self._starting_within(m.head + 1, m.last)
                       if o.kind in (ORGANISATION, COUNTRY) or _person_by_name(o)), None)
        if issuer is None:
            issuer = next((fullest[fold(doc.texts[k])] for k in range(m.head + 1, m.last)
                           if fold(doc.texts[k]) in fullest), None)
        return m if issuer is None else m._replace(name=issuer.name, resolved_by="issuer")

    def _link_titles(self) -> None:
        """A title phrase beside a name names that person (`il premier Mario Rossi`, `Anna Neri, ministra …`);
        any other title phrase but an indefinite one is the role's holder on the article's date, else the person the
        article introduced with that title before it, else the KB's holder the article names, else the person
        introduced after it."""
        introductions: dict[tuple, list[tuple[int, Mention, str]]] = {}
        apposed: dict[int, Mention] = {}
        for m in self.items:
            if m.via != "title":
                continue
            person = self._apposed_person(m) or self._apposed_past_office_words(m) \
                or self._apposed_past_coordinated_noun(m) or self._apposed_after_coordinated_noun(m)
            if person is not None:
                apposed[m.first] = person
                word_key = self._title_word_key(m)
                for key in {*self._title_keys(m), word_key, word_key[:2] + ("",)}:  # a bare title finds it too
                    introductions.setdefault(key, []).append((m.first, person, self._gender(m)))
        out = []
        for m in self.items:
            if m.via == "title":
                person = apposed.get(m.first)
                if person is not None:
                    m = m._replace(name=person.name, resolved_by="apposition")
                elif m.name is None and self.doc.lower[m.first] not in self.doc.lang.words("indefinite_articles"):
                    found = self._introduced(m, introductions) or self._only_one_with_title(m, introductions)
                    holder = m.role and (self._named_holder(m.role) or self._holder_in_period(m))
                    if found is not None and (found.first < m.first or not holder):
                        m = m._replace(name=found.name, resolved_by="article")
                    elif holder:  # before someone introduced later with the title (`… nel 1968 papa Pio`)
                        m = m._replace(name=holder, resolved_by="named holder")
            out.append(m)
        self.items = out
        self._reindex()

    def _earlier_titles(self) -> None:
        """A bare definite title nothing resolved (`il ministro`, `l'ex presidente`) is the one the article last gave
        that title before (of its gender, if any: `la presidente`): the person it named (`il presidente del comitato
        Ugo Neri`), else its description when a name or a nationality in it tells who (`il ministro della difesa
        russo` … `il ministro`; `il presidente uscente` tells no more than `il presidente`)."""
        doc = self.doc
        titled: dict[str, list[Mention]] = {}
        out = []
        for m in self.items:
            if m.via == "title" and m.head is not None:
                key = self._office(m)
                before = _of_gender(titled.get(key, []), self._gender(m), self._gender)
                if m.name is None and before and self._bare_title(m):
                    earlier = before[-1]
                    m = m._replace(name=earlier.name or _description(doc.span_text(earlier.head, earlier.last), doc.lang),
                                   resolved_by="earlier")
                if m.name is not None or self._described_office(m) and self._identifying_words(m):
                    titled.setdefault(key, []).append(m)
            out.append(m)
        self.items = out
        self._reindex()

    def _office(self, m: Mention) -> str:
        """The office a title phrase names, as its synonym group does, former or not (`l'ex primo ministro` →
        `premier`)."""
        doc = self.doc
        pair = fold(doc.span_text(m.head, min(m.last, m.head + 2)))
        title = pair if pair in doc.lang.speaker_words["titles"] else fold(doc.texts[m.head])
        return doc.lang.synonym_key("title_synonyms", title.removeprefix("ex "))

    def _described_office(self, m: Mention) -> bool:
        """A title phrase that says more than its office (`il ministro della difesa`, `il presidente uscente`)."""
        office = self.doc.span_text(m.head, min(m.last, m.head + 2))
        return m.last > m.head + (2 if fold(office) in self.doc.lang.speaker_words["titles"] else 1)

    def _bare_title(self, m: Mention) -> bool:
        """A title in lower case after a definite article (`il ministro`, `dell'ex presidente`), with nothing but `ex`,
        `stesso` beside it (`same_referent_modifiers`): it tells no more than its office."""
        doc, lang = self.doc, self.doc.lang
        articles = lang.words("definite_singular_articles")
        if m.first < m.head and doc.lower[m.first] in articles:
            words = range(m.first + 1, m.last)
        elif m.first > 0 and _articulated(lang, doc.lower[m.first - 1]):
            words = range(m.first, m.last)  # "dell'ex presidente": the article is in the preposition
        else:
            return False
        return doc.texts[m.head][:1].islower() and all(
            k == m.head or doc.lower[k] in lang.speaker_words["same_referent_modifiers"]
            or f"{doc.lower[m.head]} {doc.lower[k]}" in lang.speaker_words["titles"] for k in words)

    @cached_property
    def _kb_name_counts(self) -> dict[str, int]:
        """How often the article names each KB entity (computed once)."""
        counts: dict[str, int] = {}
        for m in self.items:
            if m.via == "kb" and m.name:
                counts[m.name] = counts.get(m.name, 0) + 1
        return counts

    def _named_holder(self, role: str) -> str | None:
        """Undated, a role names the past or present holder the article itself names most (never today's holder
        by default: the article may be years old)."""
        held = {e.name for e in self.doc.kb.ever_held([role])}
        counts = {name: self._kb_name_counts[name] for name in held if name in self._kb_name_counts}
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        if not ranked or len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    @cached_property
    def _period(self) -> tuple[date, date] | None:
        """When an undated article happened, as far as its titles tell: while each person it names with a title held
        that role (`il premier Mario Rossi`: during Rossi's time as premier)."""
        if self.reader.day is not None:
            return None
        kb, start, end = self.doc.kb, date.min, date.max
        for m in self.items:
            person = self._apposed_person(m) if m.via == "title" and m.role else None
            entity = kb.get(person.name) if person is not None and person.name else None
            spells = [s for s in entity.roles if s.role == m.role] if entity is not None else []
            if spells:
                start = max(start, min(s.start or date.min for s in spells))
                end = min(end, max(s.end or date.max for s in spells))
        return (start, end) if date.min < start < end or start < end < date.max else None

    def _holder_in_period(self, m: Mention) -> str | None:
        """Undated, the holder of a title's role for most of the period the article's other titles allow: a role of
        the article's own country (`il capo dello Stato` of a story abroad is that country's), not a former one
        (`l'ex presidente`)."""
        role = m.role
        country = getattr(self.doc.kb.roles.get(role), "country", None)
        former = any(fold(self.doc.tokens[k].text) == "ex" for k in range(m.first, m.head or m.first))
        if self._period is None or former or country is not None and country != self._article_country:
            return None
        start, end = self._period
        held: dict[str, int] = {}
        for entity in self.doc.kb.ever_held([role]):
            for s in entity.roles:
                days = (min(end, s.end or date.max) - max(start, s.start or date.min)).days if s.role == role else 0
                if days > 0:
                    held[entity.name] = held.get(entity.name, 0) + days
        ranked = sorted(held.items(), key=lambda item: -item[1])
        return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None

    def _title_keys(self, m: Mention) -> list[tuple]:
        """How an introduction is looked up: by the KB role when the phrase names one (`il presidente russo`),
        else by the title word's synonym group (`il pontefice` → `papa`)."""
        return [("role", m.role)] if m.role else [self._title_word_key(m)]

    def _title_word_key(self, m: Mention) -> tuple:
        """The title's synonym group, read on its two last words where they form a title (`primo ministro`), with
        the complement that makes it a different office (`presidente della Cei` is not `il presidente`)."""
        doc = self.doc
        head = fold(doc.tokens[m.head].text) if m.head is not None else ""
        if m.head is not None and m.head > 0:
            pair = f"{fold(doc.tokens[m.head - 1].text)} {head}"
            if pair in doc.lang.speaker_words["titles"]:
                head = pair
        complement = ""
        if m.head is not None and m.head + 1 < m.last and doc.lang.preposition(doc.lower[m.head + 1]) is not None:
            complement = fold(doc.span_text(m.head + 2, m.last))
        return ("title", doc.lang.synonym_key("title_synonyms", head), complement)

    def _introduced(self, m: Mention, introductions: dict) -> Mention | None:
        """The person the article last introduced with the same role or title before `m`, else the first after; one
        introduced with the title's gender if any (`della presidente`: the one it called `la presidente`)."""
        for title_key in self._title_keys(m):
            found = _nearest(_of_gender(introductions.get(title_key, []), self._gender(m), itemgetter(2)), m,
                             key=itemgetter(0))  # (first token, person, gender)
            if found is not None:
                return found[1]
        return None

    def _only_one_with_title(self, m: Mention, introductions: dict) -> Mention | None:
        """A definite title with a complement that names no one (`il segretario del partito`) is the person the
        article introduced before with the bare title (`il segretario Ugo Neri`), when it introduced nobody else with
        that title word; not in quoted words, where a speaker may give the title to himself."""
        word_key = self._title_word_key(m)
        if m.role or not word_key[2] or self._starting_within(m.head + 1, m.last) or not self._definite_opener(m) \
                or self._named_in_speech(m):
            return None
        people = _of_gender(introductions.get(word_key[:2] + ("",), []), self._gender(m), itemgetter(2))
        if len({person.name for _, person, _ in people}) != 1:
            return None
        first, person, _ = people[0]
        return person if first < m.first and not self._title_word_key(self.by_first[first])[2] else None

    def _gender(self, m: Mention) -> str:
        """`f` or `m` where the article before a title phrase shows its gender (`la presidente`, `del ministro`,
        `speakers.yaml` `feminine_determiners`, `masculine_determiners`), else ``."""
        doc = self.doc
        if m.head is None:
            return ""
        opener = doc.lower[m.first] if m.first < m.head else doc.lower[m.first - 1] if m.first else ""
        words = doc.lang.speaker_words
        return "f" if opener in words["feminine_determiners"] else "m" if opener in words["masculine_determiners"] else ""

    def _apposed_person(self, m: Mention, end: int | None = None) -> Mention | None:
        """The person a phrase ending at `end` (else at the mention's end) names beside it."""
        doc = self.doc
        n = len(doc.tokens)
        end = m.last if end is None else end
        comma = end < n and doc.lower[end] == ","
        person = self._past_honorific(self.by_first.get(end + 1 if comma else end))
        closed = person is not None and (not comma or person.last >= n or doc.lower[person.last] in _SET_OFF_CLOSERS)
        if closed and _person_by_name(person):
            return person  # "il premier Mario Rossi", "il portavoce, Marco Neri,", "il portavoce, Marco Neri -"
        person = self._name_past_modifiers(end)
        if person is not None:
            return person  # "il campione dei pesi welter Ugo Neri"
        opener = doc.lower[m.first - 1] if m.first > 0 else ""
        if opener == "," or opener == "(" and end < n and doc.lower[end] == ")":  # "Ugo Neri (cantante del gruppo)"
            person = self.by_last.get(self._before_adverbs(m.first - 1))  # "Ugo Neri però, cantante del gruppo"
            if _person_by_name(person) \
                    and self._apposition_form(m, end, person):
                return person
        return None

    def _past_honorific(self, m: Mention | None) -> Mention | None:
        """The name a lone title word stands right before (`padre Ugo Neri`), else the mention itself: `il portavoce,
        padre Ugo Neri,` names Ugo Neri as `il portavoce, Ugo Neri,` does."""
        if m is not None and m.via == "title" and m.head == m.first == m.last - 1:
            person = self.by_first.get(m.last)
            if _person_by_name(person):
                return person
        return m

    def _apposed_past_office_words(self, m: Mention) -> Mention | None:
        """`il ministro delle Pari opportunità, Anna Neri,`: the office's name may go on in lower case past where the
        phrase reader stopped; one or two such words (no function word, no verb) and a comma, then the name set
        off, still name the holder."""
        doc, end = self.doc, self._past_bare_words(m.last)
        if end == m.last or end >= len(doc.tokens) or doc.lower[end] != ",":
            return None
        person = self.by_first.get(end + 1)
        closed = person is not None and (person.last >= len(doc.tokens) or doc.lower[person.last] in _SET_OFF_CLOSERS)
        return person if closed and _person_by_name(person) else None

    def _apposed_past_coordinated_noun(self, m: Mention) -> Mention | None:
        """`lo scrittore e regista Anna Neri`, `il sindaco e medico Ugo Neri`: a title coordinated with a bare title or
        noun (no article: one person with two roles) before a name is that person's too; not one whose complement ends
        on another title (`il figlio dell'attore e regista Anna Neri`: the second title is the complement's)."""
        doc, k = self.doc, m.last
        if k + 1 >= len(doc.tokens) or doc.lower[k] not in doc.lang.words("coordinators") \
                or k - 1 != m.head and fold(doc.texts[k - 1]) in doc.lang.speaker_words["titles"]:
            return None
        other = self.by_first.get(k + 1)
        if other is not None and other.via == "title" and other.head == other.first:
            return self._apposed_person(other)
        j = self._past_bare_words(k + 1)
        person = self.by_first.get(j) if j > k + 1 else None
        return person if _person_by_name(person) else None

    def _past_bare_words(self, k: int) -> int:
        """Past at most two lower-case words from token k, no function word and no verb among them: the rest of an
        office's name (`delle Pari opportunità`) or a bare second role (`e regista`)."""
        doc, end = self.doc, k
        while end < min(len(doc.tokens), k + 2) and doc.texts[end].isalpha() and doc.texts[end][:1].islower() \
                and not _closed_word(doc.lang, doc.lower[end]) and doc.tokens[end].upos not in ("VERB", "AUX"):
            end += 1
        return end

    def _apposed_after_coordinated_noun(self, m: Mention) -> Mention | None:
        """`Anna Neri, ex senatrice e docente`, `Ugo Neri, giornalista e scrittore`: a bare title coordinated after
        a title or one or two lower-case words set off after a name (one person with two roles) is that person's too."""
        doc, k = self.doc, m.first - 1
        if m.head != m.first or k < 2 or doc.lower[k] not in doc.lang.words("coordinators"):
            return None
        other = self.by_last.get(k)
        if other is not None and other.via == "title":
            return self._apposed_person(other)
        j = k
        while j > max(0, k - 3) and _plain_modifier(doc.lang, doc.tokens[j - 1]):
            j -= 1
        if j == k or j < 2 or doc.lower[j - 1] != ",":
            return None
        person = self.by_last.get(j - 1)
        return person if _person_by_name(person) else None

    def _name_past_modifiers(self, k: int) -> Mention | None:
        """A person surely named (`_surely_person`) one or two words after `k` that may modify the phrase before it
        and are no title (`welter` in `il campione dei pesi welter Ugo Neri`, the participle `armate` in `il capitano
        delle forze armate Ugo Neri`), else None."""
        doc = self.doc
        for j in range(k, min(k + 2, len(doc.tokens))):
            if not (_plain_modifier(doc.lang, doc.tokens[j]) or self.reader._participle_like(j)) \
                    or doc.lower[j] in doc.lang.words("group_adverbs") \
                    or fold(doc.texts[j]) in doc.lang.speaker_words["titles"]:
                return None  # "il padre dell'attuale presidente Ugo Neri": the name is the complement's title's
            person = self.by_first.get(j + 1)
            if person is not None:
                return person if self._surely_person(person) else None
        return None

    def _before_adverbs(self, k: int) -> int:
        """Where the words before token `k` end, past the adverbs of the clause (`però`, `invece`)."""
        adverbs = self.doc.lang.words("group_adverbs")
        while k > 0 and self.doc.lower[k - 1] in adverbs:
            k -= 1
        return k

    def _apposition_form(self, m: Mention, end: int, person: Mention) -> bool:
        """A title after a name and a comma describes that name without an article (`Anna Neri, ministra della
        Salute`, `Ugo Neri, ex ministro`: plain modifiers before it), or with a definite one when a comma or a stop
        closes it (`Anna Neri, la cantante del gruppo,`) and no title stands before the name (`il sindaco Ugo Neri, il
        questore.` is a list of office holders)."""
        doc = self.doc
        if all(_plain_modifier(doc.lang, doc.tokens[k]) for k in range(m.first, m.head)):
            return True
        titled = any(o.via == "title" and o.last == person.first for o in self._starting_within(0, person.first))
        return (m.head == m.first + 1 and doc.lower[m.first] in doc.lang.words("definite_singular_articles")
                and end < len(doc.tokens) and doc.lower[end] in (",", ".") and not titled)

    def _describe(self) -> None:
        """An anonymous description takes the fullest description with a synonymous head given earlier (`i medici
        dell'ospedale X` … `i dottori`), or the person named beside it (`un uomo di 40 anni, Ivo Galli,`); the voices
        of an institution (`i giudici del Tribunale`) are it. An indefinite article brings in someone new (`un
        funzionario russo` after `un funzionario americano`): their description is their own, and the one later
        definite descriptions take."""
        lang, doc = self.doc.lang, self.doc
        indefinite = lang.words("indefinite_articles")
        earlier: dict[str, Mention] = {}
        out = []
        for m in self.items:
            if m.via == "description" and m.head is not None:
                person = self._described_person(m)
                head = fold(doc.tokens[m.head].text)
                key = self._description_key(m)
                previous = earlier.get(key)
                if person is not None:
                    m = m._replace(name=person.name, kind=PERSON, resolved_by="apposition")
                elif doc.lower[m.first] in indefinite:
                    earlier[key] = m
                elif previous is not None and previous.last - previous.head > m.last - m.head \
                        and self._identifying_words(m) <= self._identifying_words(previous):
                    m = m._replace(name=previous.name, kind=previous.kind, resolved_by="earlier")
                elif previous is None and (later := self._fuller_later(m, key)) is not None:
                    m = m._replace(name=later.name, kind=later.kind, resolved_by="later")
                elif previous is None or m.last - m.head >= previous.last - previous.head:
                    earlier[key] = m
                if head in lang.speaker_words["institution_voices"]:
                    inner = next((o for o in self._starting_within(m.first + 1, m.last) if o.kind == ORGANISATION
                                  and o.via != "description"), None)
                    if inner is not None:
                        described = earlier.get(key) is m
                        m = m._replace(name=inner.name, kind=ORGANISATION, resolved_by="institution")
                        if described:  # "i giudici della sezione del Tribunale X … i giudici": the Tribunale X again
                            earlier[key] = m
            out.append(m)
        self.items = out

    def _staff_of_named_places(self) -> None:
        """A bare description of a place's staff that nothing else resolved (`i medici`, `la torre di controllo`) is
        the staff of the one such place the article names (`l'ospedale di Udine`): `medici dell'ospedale di Udine`."""
        doc, staff = self.doc, self.doc.lang.place_staff
        workplaces = {k: staff[words] for k, m in enumerate(self.items) if m.via == "description" and not m.resolved_by
                      and m.head is not None and (words := fold(doc.span_text(m.head, m.last))) in staff}
        places = self._named_places() if workplaces else {}  # the article is read for places only when staff speak
        for k, noun in workplaces.items():
            m = self.items[k]
            if noun in places:
                self.items[k] = m._replace(name=_description(f"{doc.span_text(m.head, m.last)} {places[noun]}", doc.lang),
                                           resolved_by="place")

    def _named_places(self) -> dict[str, str]:
        """The places the article names by their noun and a name (`l'ospedale di Udine`, `nella procura di Roma`), as
        `dell'ospedale di Udine`, by the noun (folded); a noun the article gives two names is left out."""
        doc, lang = self.doc, self.doc.lang
        found: dict[str, set[str]] = {}
        for k in doc.where(frozenset(lang.place_staff.values())):
            named = [j for j in range(k + 1, self.reader._phrase_end(k + 1)) if doc.texts[j][:1].isupper()]
            before = doc.lower[k - 1] if k else ""
            of_the = next((form for ending, form in lang.of_the
                           if before == ending or lang.preposition(before) and before.endswith(ending)), None)
            if named and of_the is not None:
                space = "" if of_the.endswith("'") else " "
                found.setdefault(doc.lower[k], set()).add(f"{of_the}{space}{doc.span_text(k, named[-1] + 1)}")
        return {noun: names.pop() for noun, names in found.items() if len(names) == 1}

    def _name_described_people(self) -> None:
        """A description that names a person in its complement (`i legali di Neri`, `la famiglia della Neri`) gives
        that person's full name after a bare `di` (`legali di Ugo Neri`), as it names them anywhere else; one with a
        singular possessive (`i suoi amici`) is of the person named last before it (`amici di Ugo Neri`); `ex` stays
        (`ex moglie di Ugo Neri`)."""
        out, last_person = [], None
        named_by_noun = self._named_by_noun()
        for m in self.items:
            if m.via == "description" and not m.resolved_by and m.head is not None:
                plain = self.doc.span_text(m.head, m.last)
                phrase = self._with_full_names(m)
                possessor = self._possessor(m, named_by_noun, last_person) if phrase == plain else None
                if possessor is not None:
                    phrase = self.doc.span_text(m.head, self._relation_end(m)) + " di " + possessor.name
                if m.head > m.first and self.doc.lower[m.head - 1] in self.doc.lang.speaker_words["description_prefixes"]:
                    phrase = f"{self.doc.texts[m.head - 1]} {phrase}"
                if phrase != plain:
                    m = m._replace(name=_description(phrase, self.doc.lang))
            elif self._named_person(m):
                last_person = m
            out.append(m)
        self.items = out

    def _possessor(self, m: Mention, named_by_noun: dict, last_person: Mention | None) -> Mention | None:
        """The person a description without a name in it is of: `lo zio del ragazzo`'s, `i suoi amici`'s, if any."""
        possessor = self._relative_of(m, named_by_noun, last_person)
        return possessor or (last_person if self._possessed(m) and self._bare(m) else None)

    def _bare(self, m: Mention) -> bool:
        """A description with no complement after its head, whose head names people, not their words (`i suoi
        sostenitori`, not `la sua testimonianza`)."""
        doc = self.doc
        return fold(doc.texts[m.head]) not in doc.lang.source_products and not any(
            doc.lang.preposition(doc.lower[k]) for k in range(m.head + 1, m.last))

    def _relative_of_someone(self, m: Mention) -> bool:
        """`lo zio del ragazzo`, `il convivente della donna`: a relative of one person the text names by a common
        noun."""
        doc, lang = self.doc, self.doc.lang
        of = m.last - 2
        return (fold(doc.texts[m.head]) in lang.speaker_words["relatives"] and of > m.head
                and lang.preposition(doc.lower[of]) == "di" and doc.lower[of] in lang.speaker_words["singular_of"]
                and doc.texts[of + 1].isalpha() and doc.texts[of + 1][:1].islower())

    def _relative_of(self, m: Mention, named_by_noun: dict, last_person: Mention | None) -> Mention | None:
        """Whose relative `lo zio del ragazzo` is: the person the article named with that noun before (`il ragazzo,
        Ugo Neri,`, `l'ammiraglio Ugo Neri`), else, for a noun that says only `a person` (`ragazzo`, `vittima`), the
        person it named last."""
        if not self._relative_of_someone(m):
            return None
        noun = fold(self.doc.texts[m.last - 1])
        found = _nearest_before(named_by_noun.get(self.doc.lang.synonym_key("description_synonyms", noun), []), m)
        plain = noun in self.doc.lang.speaker_words["plain_person_nouns"]
        return found or (last_person if plain else None)

    def _relation_end(self, m: Mention) -> int:
        """Where a relative's own words end: before `del ragazzo`, at the end of `i suoi amici`."""
        return m.last - 2 if self._relative_of_someone(m) else m.last

    def _possessed(self, m: Mention) -> bool:
        """`i suoi amici`, `la sua famiglia`: a singular possessive before the head."""
        possessives = self.doc.lang.speaker_words["singular_possessives"]
        return any(self.doc.lower[k] in possessives for k in range(m.first, m.head))

    def _with_full_names(self, m: Mention) -> str:
        """The words of a description from its head on, each person in it by their full name and each organisation
        written by its initials by its name."""
        doc, lang = self.doc, self.doc.lang
        phrase, k = "", m.head
        for inner in self._starting_within(m.head + 1, m.last):
            if inner.first < k or inner.last > m.last:
                continue
            if abbreviated_organisation(inner):  # "i deputati del PdL" → deputati del Popolo della Libertà
                phrase = spelled_out(lang, phrase + doc.text[doc.tokens[k].start : doc.tokens[inner.first].start],
                                     inner.name)
                k = inner.last
                continue
            if not self._named_person(inner):
                continue
            of = inner.first - 1 if lang.preposition(doc.lower[inner.first - 1]) == "di" else inner.first
            if of < inner.first and _articulated(lang, doc.lower[of]) and " " in inner.text:
                continue  # "i tifosi del Mario Rossi Stadium": a full name after an article names no person
            words = doc.text[doc.tokens[k].start : doc.tokens[of].start] if of > k else ""
            phrase += words + ("di " if of < inner.first else "") + inner.name
            k = inner.last
        return phrase + (" " + doc.span_text(k, m.last) if k < m.last else "") if phrase else doc.span_text(m.head, m.last)

    def _named_person(self, m: Mention) -> bool:
        """A person the article names by a name surely a person's: a KB person, one opened by a given name, or a
        surname the article completed."""
        return m.kind == PERSON and bool(m.name) and (self._surely_person(m) or m.via == "name" and m.resolved_by == "article")

    def _fuller_later(self, m: Mention, key: str) -> Mention | None:
        """`gli investigatori … Gli investigatori del reparto speciale`: a bare definite description the article has not
        described before is the group it describes fully next, with a definite article, in the paragraph."""
        doc = self.doc
        if m.last != m.head + 1 or m.first == m.head or not self._definite_opener(m):
            return None
        paragraph = doc.paragraph(m.first)
        return next((o for o in self._starting_within(m.last, len(doc.tokens))
                     if o.via == "description" and o.head is not None and o.last > o.head + 1 and not o.resolved_by
                     and self._description_key(o) == key and self._definite_opener(o)
                     and doc.paragraph(o.first) == paragraph), None)

    def _definite_opener(self, m: Mention) -> bool:
        """A description opened by a definite article, singular or plural (`il`, `gli`, `dei`)."""
        low, lang = self.doc.lower[m.first], self.doc.lang
        return low in lang.words("plural_articles") or _definite(lang, low)

    def _identifying_words(self, m: Mention) -> set[str]:
        """The names and the nationalities after a phrase's head (`tifosi svedesi`, `autorità del Valdistan`): a
        description that gives one the earlier one lacks is somebody else (`i tifosi svedesi` are not the `tifosi della
        squadra italiana`)."""
        doc, demonyms = self.doc, _demonyms(self.doc.kb)
        return {fold(doc.texts[k]) for k in range(m.head + 1, m.last)
                if doc.texts[k][:1].isupper() or fold(doc.texts[k]) in demonyms}

    def _name_institutions(self) -> None:
        """An institution named by its common noun takes the name of the one it is: `la Corte` is the court the
        article names with that head (the one it names most); `il governo nipponico`, `il Parlamento`, `le autorità
        russe` are the institution of the country their adjective or complement names, else of the article's country
        (`speakers.yaml` `institutions`): the KB's when it knows one (`Parlamento russo` → Duma, `Camera` in Italy →
        Camera dei deputati), `Governo <head of government>` when the article names the one in office, else
        `Governo giapponese`."""
        institutions = self.doc.lang.institutions
        named = self._organisations_by_head()
        out = []
        for m in self.items:
            if m.via == "kb" and m.kind == ORGANISATION:
                m = self._of_another_country(m)
            elif m.via == "country":
                country = _demonyms(self.doc.kb).get(fold(self.doc.tokens[m.last].text)) if m.last < len(
                    self.doc.tokens) else None
                m = m._replace(name=country or self._article_country, resolved_by="institution")
            elif m.via == "name" and m.last == m.first + 1 and m.kind != PERSON:
                head = fold(self.doc.tokens[m.first].text)  # "il Congresso", "la Procura": a capitalised common noun
                if head in institutions:
                    name = self._institution(institutions[head], self._article_country)
                    m = m._replace(name=name, kind=ORGANISATION, resolved_by="institution")
                elif head in named:
                    m = m._replace(name=named[head], kind=ORGANISATION, resolved_by="article")
            elif m.via in ("organisation", "description") and m.head is not None:
                head = fold(self.doc.tokens[m.head].text)
                country = self._country_of_phrase(m)
                bare = m.last == m.head + 1 and m.via == "organisation"  # "il governo", not "le autorità"
                if head in institutions and (country is not None or bare):
                    name = self._institution(institutions[head], country or self._article_country)
                    m = m._replace(name=name, kind=ORGANISATION, resolved_by="institution")
                elif bare and head in named:
                    m = m._replace(name=named[head], resolved_by="article")
            out.append(m)
        self.items = out

    def _organisation_named_in_complement(self) -> None:
        """A description whose complement ends on an organisation's bare common noun (`una parte della minoranza del
        partito`) completes it with the name the article gives an organisation opened by that noun (`Partito
        Verde`): `parte della minoranza del Partito Verde`; a name stays as written (`i tecnici del Centro`), and
        institutions are left to `_name_institutions`."""
        doc, lang = self.doc, self.doc.lang
        named = self._organisations_by_head()
        out = []
        for m in self.items:
            noun = fold(doc.texts[m.last - 1])
            if m.via == "description" and not m.resolved_by and m.head is not None and m.last - m.head > 2 \
                    and doc.texts[m.last - 1].islower() \
                    and noun in named and noun not in lang.institutions and m.name and fold(m.name).endswith(noun) \
                    and lang.preposition(doc.lower[m.last - 2]) == "di" and _articulated(lang, doc.lower[m.last - 2]):
                m = m._replace(name=m.name[: len(m.name) - len(noun)] + named[noun])
            out.append(m)
        self.items = out

    def _governments_by_leader(self) -> None:
        """`il governo Rossi`, `un esecutivo Rossi`: a government noun followed by a person's name is the government
        that person leads, one mention named `Governo Rossi` (the form news and the annotation guidelines use), not
        the country's government and its leader side by side."""
        doc, institutions = self.doc, self.doc.lang.institutions
        leaders = self.doc.lang.speaker_words["named_after_leaders"]
        out, skip = [], None
        for m in self.items:
            if m is skip:
                continue
            head = fold(doc.texts[m.head]) if m.via == "organisation" and m.head is not None else None
            leader = self.by_first.get(m.last) if head in leaders and head in institutions else None
            if leader is not None and leader.kind == PERSON and leader.via in _NAMING_VIAS and leader.name \
                    and m.last == m.head + 1:
                m = m._replace(last=leader.last, end=leader.end, text=doc.span_text(m.first, leader.last),
                               kind=ORGANISATION, name=f"{institutions[head]} {self._leader_surname(leader)}",
                               resolved_by="leader")
                skip = leader
            out.append(m)
        self.items = out
        self._reindex()

    def _leader_surname(self, leader: Mention) -> str:
        """How a government is named after its leader: the knowledge base's surname, else the name's last word."""
        entity = self.doc.kb.get(leader.name)
        return (entity.surname if entity is not None else None) or leader.name.split()[-1]

    def _describe_foreign_institutions(self) -> None:
        """`fonti della polizia`, `il portavoce del governo` in news about another country are that country's: the
        description names it with its adjective (`fonti della polizia keniota`), as the institution alone is named
        (`Polizia keniota`); the home country's goes unsaid."""
        doc, country = self.doc, self._article_country
        entity = doc.kb.get(country)
        if country == doc.lang.home_country or entity is None or not entity.demonyms:
            return
        out = []
        for m in self.items:
            noun = fold(doc.texts[m.last - 1])
            if m.via == "description" and not m.resolved_by and m.name and m.last - m.head > 2 \
                    and noun in doc.lang.institutions and _articulated(doc.lang, doc.lower[m.last - 2]) \
                    and noun not in doc.lang.speaker_words["speaking_as_themselves"]:  # autorità: a plural
                adjective = _agreeing(entity.demonyms, feminine=noun.endswith("a"))
                m = m._replace(name=f"{m.name} {adjective}")
            out.append(m)
        self.items = out

    def _of_another_country(self, m: Mention) -> Mention:
        """An institution the knowledge base knows as one country's, followed by another country's adjective or name (`il
        ministero degli Esteri francese`, `… della Francia`), is that country's: `<name> <adjective>`."""
        doc, kb = self.doc, self.doc.kb
        entity = kb.get(m.name) if m.name else None
        k = self._shared_adjective_at(m.last)
        country = _demonyms(kb).get(fold(doc.texts[k])) if k < len(doc.tokens) else None
        adjective = doc.lower[k] if country is not None else None  # as written, agreeing with the noun
        if k > m.last and adjective is not None:
            adjective = _agreeing(getattr(kb.get(country), "demonyms", []), feminine=m.name.split()[0].endswith("a"))
        named = self.by_first.get(k + 1) if k < len(doc.tokens) and doc.lang.preposition(doc.lower[k]) == "di" else None
        if country is None and named is not None and named.kind == COUNTRY and named.via == "kb":
            country = named.name
            adjective = _agreeing(getattr(kb.get(country), "demonyms", []), feminine=m.name.split()[0].endswith("a"))
        if entity is None or entity.country is None or country is None or country == entity.country:
            return m
        return m._replace(name=f"{entity.name} {adjective}" if adjective else f"{entity.name} di {country}",
                          resolved_by="institution")

    def _shared_adjective_at(self, k: int) -> int:
        """`il ministero della Salute e quello dell'Interno russi`: an adjective after a second institution that
        `quello` stands for, joined by `e` or `che`, goes with the first as well; where it stands, else k."""
        doc, lang = self.doc, self.doc.lang
        n = len(doc.tokens)
        joined = k + 2 < n and doc.lower[k] in lang.words("coordinators") | lang.words("correlative_coordinators")
        if not (joined and doc.lower[k + 1] in lang.words("demonstratives") and lang.preposition(doc.lower[k + 2]) == "di"):
            return k
        j = k + 3
        while j < n and j < k + 6 and doc.texts[j][:1].isupper():
            j += 1
        return j if j > k + 3 and j < n and fold(doc.texts[j]) in _demonyms(doc.kb) else k

    def _organisations_by_head(self) -> dict[str, str]:
        """Organisations the article names in more than one word, by their first word (folded): the one it names
        most for each."""
        counts: dict[str, dict[str, int]] = {}
        for m in self.items:
            if m.kind == ORGANISATION and m.name and m.via in _NAMING_VIAS and " " in m.name:
                by_name = counts.setdefault(fold(m.name.split()[0]), {})
                by_name[m.name] = by_name.get(m.name, 0) + 1
        return {head: max(names, key=lambda n: names[n]) for head, names in counts.items()}

    def _country_of_phrase(self, m: Mention) -> str | None:
        """The country an institution phrase names after its head: a demonym (`nipponico`) or a complement naming
        a country or a person of one (`di Putin`)."""
        kb = self.doc.kb
        for k in range(m.head + 1, m.last):
            country = _demonyms(kb).get(fold(self.doc.tokens[k].text))
            if country is not None:
                return country
            inner = self.by_first.get(k)
            if inner is not None and inner.via == "kb" and inner.name:
                entity = kb.get(inner.name)
                if entity is not None:
                    return entity.name if entity.kind == COUNTRY else entity.country
        return None

    @cached_property
    def _article_country(self) -> str:
        """The country the article is about: the one its mentions name most (countries, and the countries of the
        people and organisations the KB knows), else `speakers.yaml`'s `home_country`."""
        counts: dict[str, int] = {}
        for m in self.items:
            entity = self.doc.kb.get(m.name) if m.via in ("kb", "demonym") and m.name else None
            country = entity and (entity.name if entity.kind == COUNTRY else entity.country)
            if country:
                counts[country] = counts.get(country, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        tie = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
        return ranked[0][0] if ranked and not tie else self.doc.lang.home_country

    def _institution(self, head: str, country: str) -> str:
        """The name of a country's institution: the KB's (`<Head> <demonym>` as an alias, else its only
        organisation of that country named with that head), `Governo <surname>` for a government whose head the
        article names, else `<Head> <demonym>`."""
        known = self._institutions
        if (head, country) not in known:
            known[(head, country)] = self._institution_name(head, country)
        return known[(head, country)]

    def _institution_name(self, head: str, country: str) -> str:
        kb = self.doc.kb
        entity = kb.get(country)
        demonyms = entity.demonyms if entity is not None else []
        adjective = _agreeing(demonyms, feminine=head.endswith("a"))
        if head == "Governo":
            leader = self._head_of_government(country)
            if leader is not None:
                return f"{head} {leader}"
        known = kb.get(f"{head} {adjective}") if adjective else None
        if known is not None:
            return known.name
        same_head = [e for e in _organisations_by_country(kb, kb.generation).get(country, ())
                     if fold(e.name.split()[0]) == fold(head)]
        if len(same_head) == 1:
            return same_head[0].name
        return f"{head} {adjective}" if adjective else f"{head} di {country}"

    def _head_of_government(self, country: str) -> str | None:
        """The surname of the home country's head of government the article names (Italian news say `il governo
        Letta` of their own government, `il governo russo` of another's): the one in office on its date, or, undated,
        the only one the article calls by the office (`il premier X`), else the only one it names who ever held it."""
        if country != self.doc.lang.home_country:
            return None
        kb = self.doc.kb
        titles = tuple(self.doc.lang.speaker_words["government_heads"])
        roles = [r.id for r in _roles_by_country(kb, kb.generation).get(country, ())
                 if any(fold(mention).startswith(titles) for mention in r.mentions)]
        named = {m.name for m in self.items if m.kind == PERSON and m.name}
        if self.reader.day is not None:
            holders = [kb.holder(r, self.reader.day) for r in roles]
            leaders = [h for h in holders if h is not None and h.name in named]
        else:
            titled = {m.name for m in self.items if m.via == "title" and m.role in roles and m.name}
            leaders = [e for e in kb.ever_held(roles) if e.name in (titled if len(titled) == 1 else named)]
        return (leaders[0].surname or leaders[0].name) if len(leaders) == 1 else None

    def _definite_anaphora(self) -> None:
        """A bare singular definite description (`l'uomo`, `il ladro`, `l'azienda stessa`) that nothing else resolved
        refers back to someone the article already named: the last person (for a person noun) or organisation (for an
        organisation noun: the last one named with a noun of its kind if any, `l'associazione` → Lega Amici
        Association) it named in an earlier sentence. Only full names count (a KB entry, or a name of two words
        and more: a lone capitalised word may be a place). Not when the article introduced that noun as someone it
        does not name (`un uomo … l'uomo`), and not a person of the other gender (`Ugo Neri … la donna`)."""
        doc = self.doc
        people: list[Mention] = []  # the persons named, in text order
        organisations: dict[str, Mention] = {}  # the last organisation named, and the last named with each noun
        introduced: set[str] = set()
        named_by_noun = self._named_by_noun()
        out = []
        for m in self.items:
            kind = self._refers_back(m)
            antecedent = by_noun = None
            if kind == PERSON:  # "la donna": the last person named who may be a woman
                antecedent = next((p for p in reversed(people) if self._same_gender(m, p)), None)
                by_noun = self._named_by_same_noun(m, named_by_noun)
            elif kind == ORGANISATION:  # "l'associazione": the last one named with a noun of its kind, if any
                last = organisations.get(ORGANISATION)
                antecedent = organisations.get(self._organisation_key(doc.tokens[m.head].text),
                                               None if last is None or self._organisation_keys(last) else last)
            if by_noun is not None:  # "l'artista" after "l'artista Ugo Neri", wherever the last person named
                m = m._replace(name=by_noun.name, kind=PERSON, resolved_by="antecedent")
            elif antecedent is not None and antecedent.last <= doc.sentence_bounds(m.first)[0] \
                    and self._description_key(m) not in introduced and not self._named_in_own_relative(m, antecedent):
                m = m._replace(name=antecedent.name, kind=antecedent.kind, resolved_by="antecedent")
            relative = people[-1] if people else None
            # "il convivente di Anna Neri … l'uomo": the man, not the woman his description names
            inside = relative is not None and relative.via == "description" and m.first < relative.last
            if not inside and self._described_relative(m):
                people.append(m)
            elif not inside and m.name and m.kind in (PERSON, ORGANISATION) and (
                    m.via == "kb" or m.via in ("name", "ner") and " " in m.name) and not self._named_in_speech(m):
                if m.kind == PERSON:
                    people.append(m)
                else:
                    organisations[ORGANISATION] = m
                    organisations.update((key, m) for key in self._organisation_keys(m))
            if m.via == "description" and not m.resolved_by:
                introduced.add(self._description_key(m))
            out.append(m)
        self.items = out

    def _same_gender(self, description: Mention, person: Mention) -> bool:
        """Whether a description may be the person: not when its article says a woman (`la donna`, `la ragazza`) and
        the person is a man, by his description's article or by his given name's masculine `-o` (`Ugo`, `Marco`). A
        noun feminine whoever it names (`la vittima`, `la persona`) says no woman."""
        words = self.doc.lang.speaker_words
        if self._gender(description) != "f" or fold(self.doc.texts[description.head]) in words["epicene_feminine_nouns"]:
            return True
        if person.via == "description":
            return self._gender(person) != "m"
        return not self.doc.lang.masculine_given_name(person.name or person.text)

    def _named_in_own_relative(self, m: Mention, person: Mention) -> bool:
        """`l'infermiere che ha accompagnato Ugo Neri`: a description whose own relative clause names the person is
        somebody else."""
        doc = self.doc
        if m.last >= len(doc.tokens) or doc.lower[m.last] not in doc.lang.words("relative_pronouns"):
            return False
        end = min(doc.sentence_bounds(m.first)[1], m.last + 8)
        return any(o.name == person.name for o in self._starting_within(m.last + 1, end))

    def _named_by_same_noun(self, m: Mention, named_by_noun: dict[str, list[Mention]]) -> Mention | None:
        """The person the article named with the noun of `m` last before it, else first after it with a definite
        article (`il ladro … il ladro, Ugo Neri,`: the story names the thief once it knows him)."""
        named = named_by_noun.get(self._description_key(m), [])
        before = _nearest_before(named, m)
        if before is not None:
            return before
        return next((o for o in named if o.first > m.last and self._definite_naming(o)), None)

    def _definite_naming(self, m: Mention) -> bool:
        """A person named by a noun after a definite article: `il ladro, Ugo Neri,` or `l'artista Ugo Neri`."""
        doc = self.doc
        opener = m.first if m.via == "description" else m.first - 2
        return opener >= 0 and _definite(doc.lang, doc.lower[opener])

    def _named_in_speech(self, m: Mention) -> bool:
        """A person named inside somebody's quoted words (`«Ugo era stanco», ha detto la moglie`): the speaker's
        reference, not the story's; a later `la donna` is no more him than anybody the speaker names."""
        quote = self.doc.quote_around(m.start) if m.kind == PERSON else None
        return quote is not None and (quote.start < m.start or quote.end > m.end)

    def _described_relative(self, m: Mention) -> bool:
        """`il convivente di Anna Neri`: a relative the text defines by a person it names, as good as a name to point
        back to."""
        doc = self.doc
        return (m.via == "description" and not m.resolved_by and m.head is not None and m.name != doc.span_text(m.head, m.last)
                and fold(doc.texts[m.head]) in doc.lang.speaker_words["relatives"]
                and any(self._named_person(o) for o in self._starting_within(m.head + 1, m.last)))

    def _named_by_noun(self) -> dict[str, list[Mention]]:
        """The people the article named with a common noun, by the noun's synonym group: right before their name
        (`l'artista Ugo Neri`, `del cantante Ugo Neri`), or as a description the name is set off beside (`un uomo,
        Ugo Neri,`)."""
        doc, lang = self.doc, self.doc.lang
        found: dict[str, list[Mention]] = {}
        for m in self.items:
            if m.via == "description" and m.resolved_by == "apposition" and m.kind == PERSON:
                found.setdefault(self._description_key(m), []).append(m)
            elif m.first >= 2 and doc.texts[m.first - 1].isalpha() and doc.texts[m.first - 1].islower() \
                    and not _closed_word(lang, doc.lower[m.first - 1]) and _definite(lang, doc.lower[m.first - 2]) \
                    and self._surely_person(m):  # the words before first: they rule out most mentions
                key = lang.synonym_key("description_synonyms", fold(doc.texts[m.first - 1]))
                found.setdefault(key, []).append(m)
        return found

    def _surely_person(self, m: Mention) -> bool:
        """A person the KB knows, or a name opened by a given name (`la missione Apollo Nove` names no person)."""
        return m.kind == PERSON and (m.via == "kb" or m.via in ("name", "ner") and " " in (m.name or "") and fold(
            m.text.split()[0]) in self.doc.lang.speaker_words["given_names"])

    def _organisation_key(self, word: str) -> str:
        """The kind of organisation a noun names, as its synonym group does (`association` → `associazione`)."""
        return _organisation_kind(self.doc.lang, fold(word))

    def _organisation_keys(self, m: Mention) -> set[str]:
        """The kinds of organisation a name says it is (`Lega Amici Association`: an association), if any; one of
        another kind is no antecedent (`la società` is not the association)."""
        nouns = _organisation_kind_nouns(self.doc.lang)
        return {self._organisation_key(word) for word in (m.name or "").split() if fold(word) in nouns}

    def _description_key(self, m: Mention) -> str:
        """A description's head noun as its synonym group names it (`dottori` → `medico`)."""
        return self.doc.lang.synonym_key("description_synonyms", fold(self.doc.tokens[m.head].text))

    def _described_person(self, m: Mention) -> Mention | None:
        """`Un uomo di 75 anni, Ivo Galli, …`, `Ivo Galli, analista di …`, `il passeggero Ivo Galli`: the name right
        after a singular description, or set off by commas beside it (and its complements), is who it describes; a
        plural (`i deputati del partito, Ivo Galli, …`) names a group the person belongs to."""
        if m.via != "description" or m.resolved_by:
            return None
        doc, lang = self.doc, self.doc.lang
        if m.head == m.first and (m.first == 0 or doc.lower[m.first - 1] != ","):
            return None  # "la vice dei deputati del partito, Ivo Galli,": a complement, not the person's description
        if m.head != m.first and doc.lower[m.first] not in _singular_articles(lang):
            return None
        named = self.by_first.get(m.last)  # "il passeggero Ugo Neri": the name right after the noun
        if _person_by_name(named):
            return named
        end = m.last
        while end < min(len(doc.tokens), m.last + 6) and doc.lower[end].isalnum() and doc.tokens[end].upos not in ("VERB", "AUX"):
            end += 1
        return self._apposed_person(m, end) if end < len(doc.tokens) and doc.lower[end] == "," else None

    def _refers_back(self, m: Mention) -> str | None:
        """The kind of named antecedent an unresolved description stands for when it is a singular definite article,
        the head noun in lower case and nothing else but `stesso` (`la compagnia stessa`); an organisation noun only
        when it names a kind of organisation (`organisation_synonyms`: not `la giunta`, not `l'ordinanza`). Offices
        (`il senatore`) are left to the title rules."""
        if m.via not in ("description", "organisation") or m.head is None or m.resolved_by:
            return None
        doc, lang = self.doc, self.doc.lang
        head = doc.tokens[m.head].text
        if m.via == "organisation" and fold(head) not in lang.synonym_words["organisation_synonyms"] \
                or fold(head) in lang.speaker_words["relatives"] | lang.speaker_words["collectives"]:
            return None  # "la giunta", "l'ordinanza"; "la fidanzata" is the named person's, "il coro" a group
        same = _anaphoric_modifiers(lang)
        if (m.head == m.first or doc.lower[m.first] not in lang.words("definite_singular_articles") or not head[:1].islower()
                or any(doc.lower[k] not in same for k in (*range(m.first + 1, m.head), *range(m.head + 1, m.last)))):
            return None
        return ORGANISATION if m.via == "organisation" else PERSON

    def _pronoun_antecedents(self) -> None:
        """A pronoun stands for the person surely named last before it (`_surely_someone`) whose sex it agrees with
        (`lei` never for a man, `lui` never for a woman), a plural one (`essi`) for the group described last (a guess
        the consumers weigh)."""
        last_person = {"m": None, "f": None}  # the last person who may be a man, a woman
        last_group = None
        feminine = self.doc.lang.speaker_words["feminine_anaphora"]
        out = []
        for m in self.items:
            if m.via == "pronoun" and m.kind == ANONYMOUS:
                m = m._replace(name=last_group.name if last_group else None, resolved_by="antecedent")
            elif m.via == "pronoun":
                antecedent = last_person["f" if fold(m.text).replace(" ", "") in feminine else "m"]
                m = m._replace(name=antecedent.name if antecedent else None, resolved_by="antecedent")
            elif self._surely_someone(m):
                sex = self._sex(m)
                last_person.update((key, m) for key in ("m", "f") if sex in ("", key))
            elif self._described_group(m):
                last_group = m
            out.append(m)
        self.items = out

    @staticmethod
    def _surely_someone(m: Mention) -> bool:
        """A person a pronoun may stand for: one the KB knows, a title or description resolved, a name of several
        words (a surname alone is completed before); not a lone capitalised word read as a name, as often a place, a
        work or a brand as anybody (`Il sindaco Ugo Neri ha presentato Lumerion. Secondo lui, …`: Neri)."""
        return m.kind == PERSON and bool(m.name) and (m.via in ("kb", "title", "description") or " " in m.name)

    def _sex(self, m: Mention) -> str:
        """`f` or `m` where a person's mention tells: the article of a title or description (`la ministra`, not a
        noun feminine whoever it names: `la vittima`), else a given name's masculine `-o` (`Ugo`); else ``."""
        words = self.doc.lang.speaker_words
        if m.via in ("title", "description") and m.head is not None:
            return "" if fold(self.doc.texts[m.head]) in words["epicene_feminine_nouns"] else self._gender(m)
        return "m" if self.doc.lang.masculine_given_name(m.name or m.text) else ""

    def _described_group(self, m: Mention) -> bool:
        """An anonymous description opened by a plural article (`i tecnici del comune`, `le infermiere`) or a
        number: a group a plural pronoun may stand for."""
        lang = self.doc.lang
        opener = self.doc.lower[m.first]
        return (m.via == "description" and m.kind == ANONYMOUS and bool(m.name) and m.head is not None
                and (opener in lang.words("plural_articles") or opener in lang.words("indefinite_quantifiers")
                     or opener in lang.words("cardinal_numbers") or opener.isdigit()))

    def _starting_within(self, first: int, last: int) -> list[Mention]:
        """The mentions starting in tokens [first, last) (the items are in text order)."""
        return self.items[bisect.bisect_left(self.items, first, key=_FIRST_TOKEN) :
                          bisect.bisect_left(self.items, last, key=_FIRST_TOKEN)]

    def _reindex(self) -> None:
        items = self.items  # built in C: the resolver re-indexes after each of its passes
        self.by_first = dict(zip(map(_FIRST_TOKEN, items), items))
        self.by_last = dict(zip(map(_LAST_TOKEN, items), items))


_KIND = {"city": PLACE, "region": PLACE}


@lru_cache(maxsize=4)
def _head_words(lang) -> tuple[frozenset[str], frozenset[str]]:
    """(organisation heads, every phrase head): organisation nouns and documents (a document speaks for its issuer),
    and with them titles and anonymous sources."""
    words = lang.speaker_words
    organisations = words["organisations"] | lang.document_nouns | words["organisations_written_large"]
    return organisations, (words["titles"] | organisations | words["anonymous"] | words["relatives"]
                           | words["collectives"] | words["compound_title_heads"])


@lru_cache(maxsize=4)
def _institution_nouns(lang) -> frozenset[str]:
    """`_Reader._institution_nouns`, joined once per language rather than once per article."""
    return lang.speaker_words["organisations"] | lang.speaker_words["organisations_written_large"]


@lru_cache(maxsize=4)
def _phrase_titles(lang) -> frozenset[str]:
    """Titles and the heads of compound titles (`cittadino` of `primo cittadino`), joined once per language."""
    return lang.speaker_words["titles"] | lang.speaker_words["compound_title_heads"]


@lru_cache(maxsize=4)
def _title_openers(lang) -> frozenset[str]:
    """The first words of the titles of several words (`primo` of `primo ministro`)."""
    return frozenset(title.split()[0] for title in lang.speaker_words["titles"] if " " in title)


@lru_cache(maxsize=4)
def _organisation_kind_nouns(lang) -> frozenset[str]:
    """The nouns that say what kind of organisation a name is: the synonym groups' and every organisation noun."""
    return lang.synonym_words["organisation_synonyms"] | _head_words(lang)[0]


@lru_cache(maxsize=1024)
def _organisation_kind(lang, word: str) -> str:
    return "kind:" + lang.synonym_key("organisation_synonyms", word)


@lru_cache(maxsize=4)
def _singular_articles(lang) -> frozenset[str]:
    """The definite and indefinite singular articles (`l'uomo`, `un uomo`)."""
    return lang.words("definite_singular_articles") | lang.words("indefinite_articles")


@lru_cache(maxsize=4)
def _anaphoric_modifiers(lang) -> frozenset[str]:
    """Words a description that refers back may hold beside its noun (`l'azienda stessa`, `l'ex ministro`), not a
    possessive: `il suo medico` is somebody else."""
    return lang.speaker_words["np_prefixes"] - lang.words("possessives")


@lru_cache(maxsize=4)
def _indefinite_openers(lang) -> frozenset[str]:
    """The indefinite articles and quantifiers that may open a subject the text does not name."""
    return lang.words("indefinite_articles") | lang.words("indefinite_quantifiers")


@lru_cache(maxsize=4)
def _plural_anaphora(lang) -> tuple[tuple[str, ...], ...]:
    """The plural anaphora of `speakers.yaml` as token sequences, longest first (`loro stessi`, `essi`)."""
    return tuple(sorted((tuple(str(w).lower().split()) for w in lang.data("speakers.yaml")["plural_anaphora"]),
                        key=len, reverse=True))


def _plural_anaphora_openers(lang) -> frozenset[str]:
    return frozenset(words[0] for words in _plural_anaphora(lang))


@lru_cache(maxsize=4)
def _listed_words(lang) -> frozenset[str]:
    """Every word a reader looks for in the article's tokens: phrase heads, source markers, anaphora, country
    nouns, indefinite openers."""
    return (_head_words(lang)[1] | lang.words("source_markers") | lang.words("source_marker_nouns") | lang.anaphora_words
            | lang.speaker_words["country_nouns"] | _indefinite_openers(lang) | lang.speaker_words["same_pronouns"]
            | _plural_anaphora_openers(lang))


def _definite(lang, low: str) -> bool:
    """A definite article, alone or in a preposition (`il`, `dell'`, `al`)."""
    return low in lang.words("definite_singular_articles") or _articulated(lang, low)


def _articulated(lang, low: str) -> bool:
    """A preposition joined with an article (`dell'`, `al`, `nei`), not a bare one (`di`, `a`)."""
    return lang.preposition(low) not in (None, low)


def _plural_articulated(lang, low: str) -> bool:
    """A preposition joined with a plural article (`ai`, `degli`, `dalle`), not a singular one (`al`, `dello`)."""
    return _articulated(lang, low) and low.endswith(tuple(lang.words("plural_articles")))


def _of_gender(found: list, gender: str, gender_of) -> list:
    """The items of `found` not of the other gender (`gender_of` tells an item's: `f`, `m` or ``) if any, else all."""
    agreeing = [item for item in found if gender_of(item) in ("", gender)] if gender else []
    return agreeing or found


def _nearest_before(found: list[Mention], m: Mention) -> Mention | None:
    """The mention of `found` (in text order) nearest before `m`, if any."""
    k = bisect.bisect_left(found, m.first, key=attrgetter("first"))
    return found[k - 1] if k > 0 else None


def _nearest(found: list, m: Mention, key=attrgetter("first")):
    """The item of `found` (in text order: `key` gives its first token) nearest before `m`, else the first after it."""
    k = bisect.bisect_left(found, m.first, key=key)
    if k > 0:
        return found[k - 1]
    while k < len(found) and key(found[k]) <= m.first:
        k += 1
    return found[k] if k < len(found) else None


@lru_cache(maxsize=4)
def _demonym_table(kb, generation: int) -> dict[str, str]:
    return {fold(d): e.name for e in kb.entities.values() if e.kind == COUNTRY for d in e.demonyms}


def _demonyms(kb) -> dict[str, str]:
    """Folded demonym → its country, from the knowledge base."""
    return _demonym_table(kb, kb.generation)


@lru_cache(maxsize=4)
def _organisations_by_country(kb, generation: int) -> dict[str | None, list]:
    """The KB's organisations by country, in KB order (built again when the KB changes: `generation`)."""
    table: dict[str | None, list] = {}
    for e in kb.entities.values():
        if e.kind == ORGANISATION:
            table.setdefault(e.country, []).append(e)
    return table


@lru_cache(maxsize=4)
def _roles_by_country(kb, generation: int) -> dict[str | None, list]:
    """The KB's roles by country, in KB order (built again when the KB changes: `generation`)."""
    table: dict[str | None, list] = {}
    for r in kb.roles.values():
        table.setdefault(r.country, []).append(r)
    return table


def _fullest_names(mentions: list[Mention]) -> list[Mention]:
    """A name completed from a full name that the article itself completes with a suffix takes it (`Rossi` →
    `Ugo Rossi` → `Ugo Rossi Jr.`)."""
    completed: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == PERSON and m.via in ("name", "ner") and " " in m.text and m.name and m.name.startswith(m.text + " "):
            completed.setdefault(m.text, set()).add(m.name)
    fuller = {text: names.pop() for text, names in completed.items() if len(names) == 1}
    return [m._replace(name=fuller[m.name]) if m.resolved_by == "article" and m.kind == PERSON and m.name in fuller
            else m for m in mentions]


def _closed_word(lang, low: str) -> bool:
    return low in lang.function_words or low in lang.auxiliaries or low in lang.verb_forms


def _prefixed_name(word: str, words) -> bool:
    """`al-Zawahiri`, `bin-Laden`: a lower-case name particle joined by a hyphen to a capitalised name."""
    particle, dash, rest = word.partition("-")
    return bool(dash) and particle.lower() in words["name_particles"] and rest[:1].isupper()


def abbreviated_organisation(m: Mention) -> bool:
    """An organisation written by the initials of the name the knowledge base gives it (`PdL`, `Pd`, `FMI`), or of
    the name the article spells it out with (`Agenzia spaziale lunare (Aslu)` … `l'Aslu`): a description names it by
    that name, as it names a person in full."""
    short, name = fold(m.text), fold(m.name or "")
    if m.kind != ORGANISATION or " " in short or " " not in name or not 1 < len(short) <= 6 or short[0] != name[0]:
        return False
    if m.via == "kb":
        return (m.text.isupper() or len(short) <= 3) and _in_order(short, name)
    # a name the article completed only from a word of it (`la Fiat` of `Fiat Auto`) is no abbreviation
    return m.resolved_by == "article" and short not in name.split() and _in_order(short, name)


def spelled_out(lang, before: str, name: str) -> str:
    """The words before an organisation's initials, then the name they stand for, an article or articulated
    preposition before it elided when the name opens with a vowel (`della Asl` → `dell'Azienda …`)."""
    words = before.rstrip()
    last = words.rsplit(" ", 1)[-1]
    elided = lang.elided_before_vowel.get(last.lower()) if fold(name[:1]) in "aeiou" else None
    return before + name if elided is None else words[: len(words) - len(last)] + elided + name


def _letters_of(word: str, name: str) -> bool:
    """`Aslu` of `Agenzia spaziale lunare`: a capitalised word of a few letters, lower case after the first, that opens
    with the name's first letter and takes the rest in the name's order - an abbreviation of it, not a surname."""
    letters, name = fold(word), fold(name)
    return (2 < len(word) <= 8 and word.isalpha() and word[0].isupper() and word[1:].islower()
            and letters[0] == name[0] and _in_order(letters, name))


def _in_order(letters: str, name: str) -> bool:
    """Each of the letters found in the name, in their order: what an abbreviation takes of the words it shortens."""
    rest = iter(name)
    return all(c in rest for c in letters)


def _acronym(word: str) -> bool:
    """`NATO`, `ONU`, `D.C.`: initials."""
    return len(word) > 1 and word.isupper() and word.replace(".", "").isalpha()


def _looks_adjective(lang, low: str, word: str, words, upos: str = "") -> bool:
    return (upos not in ("VERB", "AUX") and word[:1].islower() and word.isalpha() and len(word) > 3 and not _closed_word(lang, low)
            and low.endswith(lang.endings("nominal_endings"))
            and not low.endswith(lang.endings("adverb_endings", "gerund_endings"))
            and fold(word) not in words["titles"] and fold(word) not in words["anonymous"] and _may_modify(lang, low))


def _compound_modifier(word: str) -> bool:
    """A lower-case word joined by a hyphen (`la sezione terza-bis`, `il settore socio-sanitario`): a modifier."""
    parts = word.split("-")
    return len(parts) > 1 and word[:1].islower() and all(part.isalpha() for part in parts)


def _plain_modifier(lang, token) -> bool:
    """A lower-case word that may modify the noun before it (`antidoping`, `statunitense`): no function word, no verb."""
    return (token.text.isalpha() and token.text[:1].islower() and not _closed_word(lang, token.lower)
            and token.upos not in ("VERB", "AUX") and _may_modify(lang, token.lower))


def _may_modify(lang, low: str) -> bool:
    """Not a quantifier or a number (`alcuni`, `due`): after a noun they open the next noun phrase."""
    return low not in lang.words("indefinite_quantifiers") and low not in lang.words("cardinal_numbers")


def _person_by_name(m: Mention | None) -> bool:
    """A person's mention that a name brings (the knowledge base, the name finder, the tagger's entities), not a title
    or a description resolved to someone: what a title beside it or a coordinated role may name."""
    return m is not None and m.kind == PERSON and m.via in _NAMING_VIAS


def _modifier_tag(token, lang, noun=None) -> str:
    """A word's tag where it may modify the noun before it: a participle, which a parser tags as a verb (`i dati
    diffusi`, `la donna velata`), does so as an adjective would (the built-in reading leaves it untagged), unless the
    lexicon lists it as a reporting verb's form, or its number is not that of the complement's `noun` (`le guardie
    della polizia arrivate`): it then belongs to a noun further back."""
    if token.upos == "VERB" and "VerbForm=Part" in token.feats:
        agrees = noun is None or _same_number(token, noun)
        return "ADJ" if agrees and token.lower not in lang.verb_forms else "VERB"
    return token.upos


def _same_number(token, noun) -> bool:
    """Do the parser's features give both words the same number, or leave either without one?"""
    numbers = [next((f for f in t.feats.split("|") if f.startswith("Number=")), None) for t in (token, noun)]
    return None in numbers or numbers[0] == numbers[1]


def _agreeing(demonyms: list[str], feminine: bool) -> str | None:
    """The singular demonym agreeing with a head noun: `russa` for Polizia, `russo` for Governo, `finlandese` for
    both (an adjective in -e has one singular form)."""
    wanted = ("a", "e") if feminine else ("o", "e")
    found = next((d for d in demonyms if d.endswith(wanted) and not d.endswith(("he", "ie"))), None)
    return found or (demonyms[0] if demonyms else None)


def _description(phrase: str, lang) -> str:
    """A lower-case descriptive name for an anonymous speaker, without deictic words."""
    for deictic, plain in lang.description_rewrites:
        phrase = phrase.replace(deictic, plain)
    return phrase[:1].lower() + phrase[1:] if phrase[1:2].islower() or len(phrase) < 2 else phrase


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    """One mention per token. Phrases (longest first) keep the names inside their complements (`la corte d'appello
    di Parigi`); a KB entry or a name at a phrase's head wins over the phrase (`il Cremlino`)."""
    phrases = sorted((m for m in found if m.via in _PHRASE_VIAS), key=lambda m: (-(m.last - m.first), m.first))
    names = [m for m in found if m.via not in _PHRASE_VIAS]
    rank = {"kb": 0, "demonym": 0, "adjective": 0, "country": 1, "name": 1, "ner": 2, "pronoun": 3}
    taken: dict[int, Mention] = {}
    for m in sorted(names, key=lambda m: (m.kind != PERSON or m.via != "kb", -(m.last - m.first), rank[m.via], m.first)):
        if taken.keys().isdisjoint(range(m.first, m.last)):
            for i in range(m.first, m.last):
                taken[i] = m
    phrase_of: dict[int, Mention] = {}
    kept_phrases = []
    for m in phrases:
        head = m.head if m.head is not None else m.first
        if not phrase_of.keys().isdisjoint(range(m.first, m.last)):
            continue
        if not taken.keys().isdisjoint(range(m.first, head + 1)):
            continue
        kept_phrases.append(m)
        for i in range(m.first, m.last):
            phrase_of[i] = m
    # a pronoun or an adjective inside a phrase is part of what the phrase names (il ministro russo)
    kept = [m for m in names if taken.get(m.first) is m and not (m.first in phrase_of and m.via in ("pronoun", "adjective"))]
    kept += kept_phrases
    kept.sort(key=lambda m: (m.first, -(m.last - m.first)))
    return kept


def _as_person(m: Mention, named: dict[str, set[str]]) -> Mention:
    """The mention named as the one person the article writes in full with its word as surname, else as it is."""
    people = named.get(fold(m.text), set())
    return m._replace(name=next(iter(people)), kind=PERSON, resolved_by="article") if len(people) == 1 else m


def _spelling_key(name: str) -> str:
    return _HYPHEN.sub(" ", fold(name))

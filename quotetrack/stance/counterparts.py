"""Counterparts a statement can be about: KB entities (by name, metonym, demonym, role on the article date),
governments ("il governo russo", "la precedente amministrazione"), and people the article itself introduces.

Everything is found once per article over its whole text (a surname is recognised because the full name came
earlier); statements then take the mentions inside their spans.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import accumulate, compress, count

from ..kb import Entity, KnowledgeBase, fold, fold_text
from .lexicon import StanceLexicon
from .words import TextWords, Word, split_words

NOT_TARGET_KINDS = ("city", "region", "place", "group", "bloc", "document", "law")


@dataclass(frozen=True)
class Counterpart:
    start: int
    end: int
    name: str  # canonical name
    kind: str | None  # person / country / organisation
    via: str  # how it was recognised: name, alias, surname, metonym, demonym, role, government, article, ner


def article_counterparts(
    text: str,
    text_words: TextWords,
    published: date | None,
    ner: tuple[tuple[int, int, str, str], ...],
    kb: KnowledgeBase,
    lexicon: StanceLexicon,
) -> list[Counterpart]:
    """Every counterpart mention in an article, in text order, non-overlapping (the longest wins).

    `text_words` are the article's words; `ner` the (start, end, label, text) of the entities its analysis found."""
    naming = _Naming(text)
    index = _WordIndex(text_words)
    words = index.words
    found: list[Counterpart] = []
    roles = []
    for m in kb.find_mentions(text, on=published):
        head = _word_before(text, m.start, index)
        if m.via == "role":
            if published is None or head is None or head.folded not in kb.former_markers:
                roles.append(m)  # dated, "l'ex premier" is not the one in office; undated, any holder may be
            continue
        if m.via == "demonym" and head is not None and (
            head.folded in lexicon.generic_heads or _ends_phrase(words, head, lexicon.among_phrases)
        ):
            continue  # "aziende americane" are companies, "fra i libici" a people: not the United States, Libya
        if m.entity is not None and m.entity.kind not in NOT_TARGET_KINDS:
            found.append(Counterpart(m.start, m.end, m.entity.name, m.entity.kind, m.via))
    country = _article_country(found, kb, lexicon)
    for m in roles:
        holder = _role_holder(m, country, naming, published, kb, lexicon)
        if holder is not None and holder.kind not in NOT_TARGET_KINDS:
            found.append(Counterpart(m.start, m.end, holder.name, holder.kind, "role"))
    found += _governments(naming, index, published, found, country, kb, lexicon)
    found += _article_organisations(text, index, lexicon, kb)
    found += _article_people(text, index, found, lexicon)
    found += _named_entities(ner, found, kb)
    found += _described_people(index, found, lexicon)
    found += _described_organisations(index, found, lexicon)
    found += _acronyms(index, found, lexicon)
    found += _the_country(index, country, kb, lexicon)
    return _longest_first(found)


class _WordIndex:
    """The article's words, with what several readers ask of each of them worked out once: a reader then visits
    only the words it looks for (a few nouns, the capitalised words) instead of every word of the article."""

    def __init__(self, words: TextWords) -> None:
        self._text = words.text
        self.words = words.words
        self.starts, self.ends = words.starts, words.ends
        self._texts, self._folded = words.texts, words.folded
        self._distinct = frozenset(words.folded)
        self.capitalised = list(map(_capitalised, self._texts))
        self.capitalised_at = list(compress(count(), self.capitalised))

    def with_surname_key(self, keys) -> list[tuple[Word, str]]:
        """The words whose surname key is one of `keys`, each with its key, in text order.

        A word's key is its folded form, but for a hyphenated word's ("al-Zarqawi" → "zarqawi"), which is never a
        key itself: only those few words are keyed one by one."""
        hyphenated = [(w, _surname_key(w.text)) for w in self._hyphenated]
        keyed = [(w, w.folded) for w in self.folded_in(keys)] + [(w, key) for w, key in hyphenated if key in keys]
        return sorted(keyed, key=lambda word_key: word_key[0].i)

    @cached_property
    def _hyphenated(self) -> list[Word]:
        """The words with a hyphen: found from the text's few hyphens, not by testing every word."""
        found: dict[int, Word] = {}
        at = self._text.find("-")
        while at >= 0:
            i = bisect_right(self.starts, at) - 1
            if i >= 0 and at < self.ends[i]:
                found[i] = self.words[i]
            at = self._text.find("-", at + 1)
        return list(found.values())

    def folded_in(self, forms) -> list[Word]:
        """The words whose folded form is one of `forms`, in text order."""
        if self._distinct.isdisjoint(forms):
            return []  # most articles have none of the few words a reader looks for: no pass over them all
        return list(compress(self.words, map(forms.__contains__, self._folded)))

    def written_in(self, forms) -> list[Word]:
        """The words written (case and accents kept) as one of `forms`, in text order."""
        return list(compress(self.words, map(forms.__contains__, self._texts)))


def _article_country(found: list[Counterpart], kb: KnowledgeBase, lexicon: StanceLexicon) -> str | None:
    """The country an article is about: the one it names most, directly or through its people and institutions
    ('il Congresso', 'Obama'), else the home country (the news are Italian)."""
    named = Counter()
    for (name, kind), times in Counter((c.name, c.kind) for c in found).items():  # each name looked up once
        entity = kb.get(name) if kind != "country" else None
        country = name if kind == "country" else entity.country if entity is not None else None
        home = kb.get(country) if country is not None else None
        if home is not None and home.kind == "country":
            named[home.name] += times
    return named.most_common(1)[0][0] if named else lexicon.governments.home_country


def _the_country(index: _WordIndex, country: str | None, kb: KnowledgeBase, lexicon: StanceLexicon):
    """'il Paese', 'del paese': the country the article is about (a definite, unqualified noun); 'i deputati': its
    parliament (the KB organisation called '<parliament prefix> <demonym>', e.g. 'Parlamento russo' → Duma)."""
    entity = kb.get(country) if country else None
    if entity is None:
        return []
    parliament = next(
        (p for p in (kb.get(f"{lexicon.parliament_prefix} {d}") for d in entity.demonyms) if p is not None), None
    )
    words = index.words
    out = []
    for w in index.folded_in(lexicon.country_nouns | lexicon.member_nouns):
        meant = entity if w.folded in lexicon.country_nouns else parliament
        if meant is None or not w.i or words[w.i - 1].folded not in lexicon.definite_articles:
            continue
        after = words[w.i + 1] if w.i + 1 < len(words) else None
        if after is not None and (_capitalised(after.text) or after.folded in lexicon.genitives):
            continue  # "il paese di Bengodi", "il Paese Basco", "i deputati del PD" are others
        out.append(Counterpart(w.start, w.end, meant.name, meant.kind, "description"))
    return out


def _described_organisations(index: _WordIndex, found: list[Counterpart], lexicon: StanceLexicon):
    """'la corte', 'il tribunale', 'al Congresso': an institution the article named in full ('la Corte Suprema',
    'il Congresso degli Stati Uniti') comes back by its head noun alone (written large, only where nothing follows
    it in the clause: 'al Congresso,'); the one with that head the article names most, if one does."""
    heads: dict[str, Counter] = {}
    for c in found:
        if c.kind == "organisation" and c.via != "government":
            first = fold(c.name.split()[0])
            if first in lexicon.organisation_head_nouns:
                heads.setdefault(first, Counter())[c.name] += 1
    words = index.words
    out = []
    for w in index.folded_in(heads):
        named = heads[w.folded].most_common(2)
        if (len(named) == 2 and named[1][1] == named[0][1]) or not w.i:
            continue  # two institutions named as often: "la corte" could be either
        after = words[w.i + 1] if w.i + 1 < len(words) else None
        if _capitalised(w.text) and not (after is None or after.is_punct):
            continue  # "il Consiglio superiore della magistratura" is another one's full name
        if words[w.i - 1].folded in lexicon.definite_articles and not (after and _capitalised(after.text)):
            out.append(Counterpart(w.start, w.end, named[0][0], "organisation", "description"))
    return out


def _acronyms(index: _WordIndex, found: list[Counterpart], lexicon: StanceLexicon) -> list[Counterpart]:
    """'il Tar' after 'il Tribunale amministrativo regionale del Lazio': a short capitalised word spelling the
    initials of an organisation the article names."""
    by_initials: dict[str, set[str]] = {}
    for c in found:
        if c.kind != "organisation":
            continue
        initials = "".join(fold(part)[0] for part in c.name.split() if fold(part) not in lexicon.name_particles_folded)
        for size in range(3, len(initials) + 1):
            by_initials.setdefault(initials[:size], set()).add(c.name)
    out = []
    for w in index.folded_in(by_initials):
        if not (3 <= len(w.text) <= 6) or not w.text[:1].isupper() or any(c.start <= w.start < c.end for c in found):
            continue  # too short or long, lower case, or a word of a counterpart found already
        names = by_initials[w.folded]
        if len(names) == 1:
            out.append(Counterpart(w.start, w.end, next(iter(names)), "organisation", "acronym"))
    return out


def _described_people(index: _WordIndex, found: list[Counterpart], lexicon: StanceLexicon) -> list[Counterpart]:
    """'il ministro' in an article that called one person so ('il Ministro dell'economia, Tommaso Padoa-Schioppa',
    'Walter Veltroni, segretario del PD'): a description the article itself resolves."""
    words, starts = index.words, index.starts
    titled: dict[str, set[str]] = {}
    naming: set[int] = set()  # title words that stand next to the name they give
    for c in found:
        if c.kind != "person":
            continue
        first, after = bisect_left(starts, c.start), bisect_left(starts, c.end)
        if first >= len(words):
            continue
        near = words[max(0, first - 5) : first] + words[after : after + 3]
        for w in near:
            if w.folded in lexicon.titles and w.sentence == words[first].sentence:
                titled.setdefault(w.folded, set()).add(c.name)
                naming.add(w.i)
    out = []
    for w in index.folded_in(titled):
        people = titled[w.folded]
        if w.i in naming or len(people) != 1 or not w.i:
            continue
        after = words[w.i + 1] if w.i + 1 < len(words) else None
        if words[w.i - 1].folded in lexicon.definite_articles and not (after and _capitalised(after.text)):
            out.append(Counterpart(w.start, w.end, next(iter(people)), "person", "description"))
    return out


def _named_entities(ner, found: list[Counterpart], kb: KnowledgeBase) -> list[Counterpart]:
    """Entities of the parse engine: ones the KB knows by that name, and people named in full ("Dario Fo")
    or by the surname of someone the article introduced."""
    people = {_surname_key(c.name): c.name for c in found if c.via == "article"}
    out = []
    for start, end, label, surface in ner:
        entity = kb.get(surface)
        if entity is not None and entity.kind not in NOT_TARGET_KINDS:
            out.append(Counterpart(start, end, entity.name, entity.kind, "ner"))
        elif label == "PER" and _surname_key(surface.split()[-1]) in people:
            out.append(Counterpart(start, end, people[_surname_key(surface.split()[-1])], "person", "ner"))
        elif label == "PER" and len(surface.split()) >= 2 and all(_capitalised(w) for w in surface.split()):
            out.append(Counterpart(start, end, surface, "person", "ner"))
    return out


def _role_holder(mention, country, naming, published, kb, lexicon) -> Entity | None:
    """Who a role mention names. A generic role ('la premier') names the home role unless the article is about
    another country and names no home holder: then it is that country's role ('premier ucraino'). Undated, the
    holder is the past or present one the article names (most)."""
    role = kb.roles.get(mention.role)
    if role is None:
        return None
    home = lexicon.governments.home_country
    holder = lambda r: kb.holder(r.id, published) if published else _named_holder(r.id, naming, kb)  # noqa: E731
    found = holder(role)
    if role.country == home and country != home and (found is None or not naming.names(found)):
        phrase = " ".join(w.folded for w in split_words(mention.text) if w.folded not in lexicon.definite_articles)
        foreign = next(
            (r for r in kb.roles.values() if r.country == country and any(fold(m).startswith(phrase + " ") for m in r.mentions)),
            None,
        )
        if foreign is not None:
            return holder(foreign)
    return found


def _named_holder(role: str | None, naming: _Naming, kb: KnowledgeBase) -> Entity | None:
    """The past or present holder of a role the article names most often, if one does."""
    named = Counter()
    for e in kb.ever_held([role]):
        named[e.name] = naming.times(e)
    ranked = [(n, name) for name, n in named.most_common(2) if n]
    if not ranked or (len(ranked) == 2 and ranked[0][0] == ranked[1][0]):
        return None
    return kb.get(ranked[0][1])


def _ends_phrase(words: list[Word], last: Word, phrases: list[tuple[str, ...]]) -> bool:
    """Do the article's words up to `last` end with one of `phrases`?"""
    return any(
        last.i + 1 >= len(p) and tuple(w.folded for w in words[last.i + 1 - len(p) : last.i + 1]) == p for p in phrases
    )


def _word_before(text: str, offset: int, index: _WordIndex) -> Word | None:
    """The word that ends right before `offset` (spaces apart), if one does."""
    end = offset
    while end > 0 and text[end - 1].isspace():
        end -= 1
    ends = index.ends
    i = bisect_left(ends, end)  # words never overlap: their ends are in order
    return index.words[i] if i < len(ends) and ends[i] == end else None


def _longest_first(found: list[Counterpart]) -> list[Counterpart]:
    priority = {"government": 0, "ner": 3, "article": 2}
    kept: list[Counterpart] = []
    spans: list[tuple[int, int]] = []  # the kept spans in order: never overlapping, so their ends are in order too
    for c in sorted(found, key=lambda c: (-(c.end - c.start), priority.get(c.via, 1), c.start)):
        before = bisect_left(spans, (c.end,))  # the kept spans that start before c ends: the last reaches furthest
        if before and spans[before - 1][1] > c.start:
            continue
        insort(spans, (c.start, c.end))
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


# -- governments ------------------------------------------------------------------------------------------------


def _governments(naming, index, published, kb_found, article_country, kb, lexicon) -> list[Counterpart]:
    """'il governo russo' → Governo russo; 'il governo di Putin' → his country's; bare 'il governo' → the
    article's country's;
    'la precedente amministrazione' → the administration before the current head's (Amministrazione Biden)."""
    gov = lexicon.governments
    by_start = {c.start: c for c in kb_found}
    words = index.words
    out = []
    for w in index.folded_in(gov.nouns):
        prefix = gov.nouns[w.folded]
        if w.i and words[w.i - 1].folded in gov.not_after:
            continue  # "consiglio di amministrazione" is a board, not a government
        if w.folded in gov.only_after and not (w.i and words[w.i - 1].folded in gov.only_after[w.folded]):
            continue  # "le autorità" govern; "l'autorità della corte" is a power
        before = words[w.i - 1] if w.i else None
        after = words[w.i + 1 : w.i + 4]
        if after and after[0].folded in gov.not_followed_by:
            continue
        previous_before = before is not None and before.folded in gov.previous
        previous_after = bool(after) and after[0].folded in gov.previous
        previous = previous_before or previous_after
        end = after[0].end if previous_after else w.end
        qualifier = _qualifier(w, words, by_start, kb, lexicon.genitives)
        country = qualifier[0] if qualifier else None
        if qualifier and qualifier[1] is not None:
            end = max(end, qualifier[1])
        if country is None:
            if w.text[0].isupper() and after and after[0].text[:1].isupper():
                leader = kb.get(after[0].text)
                if leader is not None and leader.kind == "person":
                    out.append(
                        Counterpart(w.start, after[0].end, f"{prefix} {after[0].text}", "organisation", "government")
                    )
                continue
            if w.folded in gov.needs_qualifier and not previous:
                continue  # a bare "amministrazione" is any administration
            country = _country_near(w, words, by_start, kb) if previous else article_country
        name = _government_name(prefix, country, previous, naming, published, kb, lexicon)
        if name:
            start = before.start if previous_before else w.start
            out.append(Counterpart(start, end, name, "organisation", "government"))
    return out


def _qualifier(
    noun: Word, words: list[Word], by_start: dict, kb: KnowledgeBase, genitives: frozenset[str]
) -> tuple[str, int | None] | None:
    """The country qualifying a government noun: a demonym right after it, or 'di/del X' (X's country)."""
    nxt = words[noun.i + 1] if noun.i + 1 < len(words) else None
    if nxt is None:
        return None
    hit = by_start.get(nxt.start)
    if hit is not None and hit.via == "demonym":
        return hit.name, hit.end
    if nxt.folded in genitives and noun.i + 2 < len(words):
        hit = by_start.get(words[noun.i + 2].start)
        if hit is not None:
            entity = kb.get(hit.name)
            country = hit.name if hit.kind == "country" else (entity.country if entity else None)
            return (country, None) if country else None
    return None


def _country_near(noun: Word, words: list[Word], by_start: dict, kb: KnowledgeBase) -> str | None:
    """The country a sentence is about, for 'la precedente amministrazione': the nearest country named before."""
    for w in reversed(words[max(0, noun.i - 60) : noun.i]):
        hit = by_start.get(w.start)
        if hit is not None and hit.kind == "country":
            return hit.name
    return None


def _government_name(prefix, country, previous, naming, published, kb, lexicon) -> str | None:
    if country is None:
        return None
    gov = lexicon.governments
    heads = [r for r in gov.head_roles if r in kb.roles and kb.roles[r].country == country]
    if published is None:  # undated: at home, the one head of government the article names, if only one
        named = [e for e in kb.ever_held(heads) if naming.names(e)]
        leader = named[0] if len(named) == 1 and not previous and country == gov.home_country else None
    else:
        leader = _previous_holder(heads, published, kb) if previous else _holder(heads, published, kb)
    if leader is not None and (previous or naming.names(leader)):
        return f"{prefix} {leader.surname or leader.name}"
    if previous:
        return None
    entity = kb.get(country)
    adjective = entity.demonyms[0] if entity is not None and entity.demonyms else None
    return f"{prefix} {adjective}" if adjective else f"{gov.fallback_prefix} {country}"


def _holder(roles, on, kb) -> Entity | None:
    for role in roles:
        holder = kb.holder(role, on)
        if holder is not None:
            return holder
    return None


def _previous_holder(roles, on, kb) -> Entity | None:
    """Who held the head role before the holder on `on` (the one whose spell ended last before `on`)."""
    best: tuple[date, Entity] | None = None
    current = _holder(roles, on, kb)
    for entity in kb.ever_held(roles):
        if entity is current:
            continue
        for spell in entity.roles:
            if spell.role in roles and spell.end is not None and (on is None or spell.end <= on):
                if best is None or spell.end > best[0]:
                    best = (spell.end, entity)
    return best[1] if best else None


class _Naming:
    """Whether and how often an article names KB people; each person looked up once per article."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._named: dict[tuple[str, ...], bool] = {}
        self._times: dict[tuple[str, ...], int] = {}

    def names(self, person: Entity) -> bool:
        """Does the article name the person, in full or by surname?"""
        keys = _name_keys((person.name, person.surname or person.name))
        if keys not in self._named:
            self._named[keys] = self._may_name(keys) and _any_name(keys).search(self.folded) is not None
        return self._named[keys]

    def times(self, person: Entity) -> int:
        """How often the article names the person, by any of its names; a full name counts once."""
        keys = _name_keys((person.name, person.surname or person.name, *person.aliases))
        if keys not in self._times:
            self._times[keys] = len(_any_name(keys).findall(self.folded)) if self._may_name(keys) else 0
        return self._times[keys]

    @cached_property
    def folded(self) -> str:
        return fold_text(self.text)  # only when asked: many articles name no role and no government

    def _may_name(self, keys: tuple[str, ...]) -> bool:
        # most people are not in a given article: a substring test rules them out faster than the regex
        return any(key in self.folded for key in keys)


@lru_cache(maxsize=1 << 12)
def _name_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """The distinct folded names, the longest first (a regex alternative then takes the full name)."""
    return tuple(sorted({fold(n) for n in names}, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1 << 12)
def _any_name(keys: tuple[str, ...]) -> re.Pattern:
    """One regex for any of the folded names as whole words of a folded text."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(n) for n in keys)})(?!\w)")


# -- people the article introduces --------------------------------------------------------------------------------


def _article_people(text, index, kb_found, lexicon) -> list[Counterpart]:
    """Full names the article introduces (confirmed by a title before them or by their surname used alone
    elsewhere), and every mention of their surname ("al-Zarqawi", "Al Zarqawi" and "Zarqawi" are one person)."""
    words = index.words
    taken = _Spans((c.start, c.end) for c in kb_found)
    alone = _alone_surnames(index)
    people: dict[str, str] = {}  # surname key -> full name as first introduced
    full_spans: list[tuple[int, int, str]] = []
    for run in _capitalised_runs(text, index, lexicon):
        first, last = run[0], run[-1]
        joined = (
            first.i >= 2 and words[first.i - 1].text in lexicon.name_particles and _capitalised(words[first.i - 2].text)
        )
        if joined or taken.overlap(first.start, last.end):
            continue  # "Commissione di Vigilanza Rai" is an organisation's name
        key = _surname_key(last.text)
        titled = any(
            w.folded in lexicon.titles and w.sentence == first.sentence for w in words[max(0, first.i - 5) : first.i]
        )
        with_particle = any(not _capitalised(w.text) for w in run)  # "Ossezia del Sud" is no one's name
        if titled or (not with_particle and any(i < first.i or i > last.i for i in alone.get(key, ()))):
            people.setdefault(key, text[first.start : last.end])
            full_spans.append((first.start, last.end, key))
    out = [Counterpart(s, e, people[key], "person", "article") for s, e, key in full_spans]
    surnames = index.with_surname_key(people) if people else []
    for w, key in surnames:
        if not taken.overlap(w.start, w.end) and not any(s <= w.start < e for s, e, _ in full_spans):
            out.append(Counterpart(w.start, w.end, people[key], "person", "article"))
    return out


def _article_organisations(text, index, lexicon, kb) -> list[Counterpart]:
    """Institutions named in full: an institution word and the capitalised words after it ('Corte Suprema degli
    Stati Uniti', 'Guardia Nazionale'); the KB's name when it knows one. A longer KB match still wins."""
    words = index.words
    out = []
    for w in index.written_in(lexicon.organisation_heads):
        span = [w]
        for nxt in words[w.i + 1 : w.i + 7]:
            if not (_capitalised(nxt.text) or nxt.folded in lexicon.genitives) or nxt.sentence != w.sentence:
                break
            span.append(nxt)
        while span and not _capitalised(span[-1].text):
            span.pop()
        if len(span) >= 2:
            surface = text[w.start : span[-1].end]
            # the KB's name for the longest known part: "Corte Suprema degli Stati Uniti d'America"
            known = (kb.get(text[w.start : x.end]) for x in reversed(span[1:]))
            entity = next((e for e in known if e is not None), None)
            out.append(
                Counterpart(w.start, span[-1].end, entity.name if entity else surface, "organisation", "article")
            )
    return out


@lru_cache(maxsize=1 << 14)
def _surname_key(word: str) -> str:
    return fold(word.rsplit("-", 1)[-1])


def _alone_surnames(index: _WordIndex) -> dict[str, list[int]]:
    """Where each capitalised word stands without capitalised neighbours, by surname key: a surname used there
    names a person ('Prodi'), not part of a name ('Data Center')."""
    capital = [*index.capitalised, False]  # the word after the last is no capital
    alone: dict[str, list[int]] = {}
    for i in index.capitalised_at:
        if not (i and capital[i - 1]) and not capital[i + 1]:
            alone.setdefault(_surname_key(index.words[i].text), []).append(i)
    return alone


class _Spans:
    """Spans already taken, to ask whether another overlaps one of them without a scan of them all."""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # the furthest end so far

    def overlap(self, start: int, end: int) -> bool:
        before_end = bisect_left(self._starts, end)  # the spans that start before `end`
        return before_end > 0 and self._reach[before_end - 1] > start


def _capitalised_runs(text: str, index: _WordIndex, lexicon: StanceLexicon):
    """Runs of two to four capitalised words ('Romano Prodi', 'Antonio Di Pietro', 'George W. Bush'), particles
    allowed inside, within one line (a headline's last word and the next paragraph's first are no name); a run
    never starts with a word that only starts sentences or institutions ('Il', 'Corte')."""
    words, capital = index.words, index.capitalised
    end = 0
    for start in index.capitalised_at:
        if start < end or words[start].text in lexicon.not_name_words:
            continue  # inside the last run, or no start of one
        end = start + 1
        while (
            end < len(words)
            and (capital[end] or words[end].text in lexicon.name_particles)
            and "\n" not in text[words[end - 1].end : words[end].start]
        ):
            end += 1
        last = end  # the run ends at its last capitalised word, not at a particle
        while not capital[last - 1]:
            last -= 1
        if 2 <= last - start <= 4:
            yield words[start:last]



_ROMAN = re.compile(r"[IVX]{1,5}")


@lru_cache(maxsize=1 << 14)
def _capitalised(word: str) -> bool:
    """'Prodi', 'al-Zarqawi', 'W.', 'VI' (of 'Paolo VI'); not 'USA' (an acronym) nor 'il'."""
    last = word.rsplit("-", 1)[-1]
    initial = len(word) == 2 and word.endswith(".")
    return last[:1].isupper() and (not word.isupper() or initial or bool(_ROMAN.fullmatch(word)))

"""Knowledge base: people, countries and organisations, their aliases, metonyms, demonyms and dated roles.

The knowledge lives in YAML files under `quotetrack/data/kb/` (read them, extend them; `docs/knowledge-base.md`
describes the format); a user adds their own with `--kb FILE` (same format, entries with an existing name are
merged). Lookups ignore case and accents.
"""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import yaml

from .datafiles import load_yaml
from .lang import fold, get as get_language

# region and city are places: recognised (so they are not mistaken for people) but never stance targets
ENTITY_KINDS = ("person", "country", "organisation", "region", "city")
# libyaml's parser when present: the shipped KB loads in a tenth of the time


@dataclass(frozen=True)
class RoleSpell:
    role: str  # role id from roles.yaml, e.g. us_president
    start: date | None = None
    end: date | None = None  # exclusive; None = still in office

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def overlaps(self, other: "RoleSpell") -> bool:
        starts_before_other_ends = self.start is None or other.end is None or self.start < other.end
        ends_after_other_starts = self.end is None or other.start is None or other.start < self.end
        return starts_before_other_ends and ends_after_other_starts


@dataclass
class Entity:
    name: str  # canonical name
    kind: str  # one of ENTITY_KINDS
    aliases: list[str] = field(default_factory=list)  # other names and transliterations (case-sensitive surface)
    epithets: list[str] = field(default_factory=list)  # descriptions that mean this one entity ("il tycoon")
    metonyms: list[str] = field(default_factory=list)  # places standing for it ("Cremlino", "Casa Bianca")
    demonyms: list[str] = field(default_factory=list)  # adjectives ("americano", "russe")
    country: str | None = None  # a person's or organisation's country (its "own side")
    roles: list[RoleSpell] = field(default_factory=list)
    party: str | None = None  # a politician's party (canonical organisation name), when useful
    # the name used alone ("Di Maio", "Xi", "von der Leyen"); None = last word of `name`, "" = never alone
    family_name: str | None = None

    @property
    def surname(self) -> str | None:
        if self.kind != "person":
            return None
        if self.family_name is not None:
            return self.family_name or None
        parts = self.name.split()
        return parts[-1] if len(parts) > 1 else None


@dataclass(frozen=True)
class Role:
    id: str
    mentions: tuple[str, ...]  # lower-case phrases without article: "presidente usa", "portavoce del cremlino"
    country: str | None = None


class Mention(NamedTuple):  # a tuple: built for every match of every article, and cheaper to build than a dataclass
    start: int
    end: int
    text: str
    entity: Entity | None  # None for a role nobody in the KB held on that date (or a former holder: "l'ex premier")
    via: str  # name / alias / surname / epithet / metonym / demonym / role
    role: str | None = None


class KnowledgeBase:
    def __init__(self, entities: Iterable[Entity] = (), roles: Iterable[Role] = ()):
        self.entities: dict[str, Entity] = {}
        self.roles: dict[str, Role] = {}
        # words that may stand before a role or epithet ("il", "dell'") and that mark a former holder ("ex")
        # the words around roles and epithets come from the language data; a KB file may add to them (`language:`)
        words = _language_words()
        self.articles: set[str] = set(words["articles"])
        self.indefinite_articles: set[str] = set(words["indefinite_articles"])
        self.former_markers: set[str] = set(words["former"])
        self._role_spellings: dict[str, list[str]] = {}  # role id → mentions as written, for the accent check
        # bumped whenever the contents change: what others derive from a KB (and cache) is keyed on it
        self.generation = 0
        for role in roles:
            self.roles[role.id] = role
        for entity in entities:
            self.add(entity)

    # -- building -------------------------------------------------------------------------------------------
    def add(self, entity: Entity) -> Entity:
        """Add an entity, merging with an existing one of the same canonical name."""
        key = fold(entity.name)
        old = self.entities.get(key)
        if old is not None:
            for attr in ("aliases", "epithets", "metonyms", "demonyms"):
                merged = getattr(old, attr) + [x for x in getattr(entity, attr) if x not in getattr(old, attr)]
                setattr(old, attr, merged)
            old.roles = old.roles + [r for r in entity.roles if r not in old.roles]
            old.country = entity.country or old.country
            old.party = entity.party or old.party
            old.family_name = entity.family_name if entity.family_name is not None else old.family_name
            entity = old
        else:
            self.entities[key] = entity
        self._forget_indexes()
        return entity

    def _forget_indexes(self) -> None:
        self.generation += 1
        names = ("_cached_index", "_cached_surface", "_cached_role_phrases", "_cached_spells", "_cached_held",
                 "_cached_mentions", "_cached_phrase_mentions", "_cached_answers", "_cached_demonyms")
        for name in names:
            self.__dict__.pop(name, None)

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> "KnowledgeBase":
        """The shipped knowledge base plus the user's files (a bad file raises ValueError naming it)."""
        kb = cls()
        folder = resources.files("quotetrack") / "data" / "kb"
        for name in sorted(p.name for p in folder.iterdir() if p.name.endswith((".yaml", ".yml"))):
            kb.read_yaml((folder / name).read_text(encoding="utf-8"), origin=name)
        for path in extra:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc.__class__.__name__
                raise ValueError(f"{path}: cannot read knowledge-base file ({reason})") from None
            kb.read_yaml(text, origin=str(path))
        return kb

    def read_yaml(self, text: str, origin: str = "<yaml>") -> None:
        """Read one KB file: a mapping with optional `roles:` and `entities:` keys."""
        try:
            data = load_yaml(text) or {}
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f" at line {where.line + 1}" if where is not None else ""
            raise ValueError(f"{origin}: not valid YAML{line} ({exc.__class__.__name__})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{origin}: expected a mapping with 'entities' and/or 'roles'")
        roles = data.get("roles") or {}
        if not isinstance(roles, dict):
            raise ValueError(f"{origin}: 'roles' must map role ids to {{mentions: [...], country: ...}}")
        language = data.get("language") or {}
        if not isinstance(language, dict):
            raise ValueError(f"{origin}: 'language' must be a mapping of word lists ('articles', 'former', ...)")
        self.articles.update(fold(a) for a in _strings(language.get("articles"), origin, "language articles"))
        self.indefinite_articles.update(
            fold(a) for a in _strings(language.get("indefinite_articles"), origin, "language indefinite_articles")
        )
        self.former_markers.update(fold(a) for a in _strings(language.get("former"), origin, "language former"))
        for role_id, spec in roles.items():
            spec = spec or {}
            if not isinstance(spec, dict):
                raise ValueError(f"{origin}: role {role_id!r} must be a mapping with 'mentions'")
            spellings = _strings(spec.get("mentions"), origin, f"role {role_id!r} mentions")
            self._role_spellings.setdefault(str(role_id), []).extend(spellings)
            old = self.roles.get(str(role_id))
            mentions = tuple(dict.fromkeys([*(old.mentions if old else ()), *(fold(m) for m in spellings)]))
            country = spec.get("country") or (old.country if old else None)
            self.roles[str(role_id)] = Role(str(role_id), mentions, country)
        entities = data.get("entities") or []
        if not isinstance(entities, list):
            raise ValueError(f"{origin}: 'entities' must be a list of entries with a 'name'")
        for raw in entities:
            self.add(_entity_from_yaml(raw, origin))
        self._forget_indexes()

    def problems(self) -> list[str]:
        """Consistency problems: roles nobody defined, two holders of one role on the same day. Empty = fine."""
        found = []
        spells: dict[str, list[tuple[Entity, RoleSpell]]] = {}
        for e in self.entities.values():
            for spell in e.roles:
                if spell.role not in self.roles:
                    found.append(f"{e.name}: unknown role {spell.role!r}")
                if spell.start and spell.end and spell.end <= spell.start:
                    found.append(f"{e.name}: {spell.role} ends before it starts")
                spells.setdefault(spell.role, []).append((e, spell))
        for role, held in spells.items():
            for i, (a, sa) in enumerate(held):
                for b, sb in held[i + 1 :]:
                    if sa.overlaps(sb):
                        found.append(f"{role}: {a.name} ({sa.start}–{sa.end}) overlaps {b.name} ({sb.start}–{sb.end})")
        return found

    # -- lookups ----------------------------------------------------------------------------------------------
    def get(self, name: str) -> Entity | None:
        """The entity a name refers to: canonical name, alias, transliteration, metonym, epithet or unique surname."""
        answers = self.__dict__.get("_cached_answers")  # every stage asks about the same names
        if answers is None:
            answers = self.__dict__["_cached_answers"] = {}
        answer = answers.get(name, _UNASKED)  # one lookup for a name asked before
        if answer is _UNASKED:
            key = fold(name)
            hits = self._lookup_index().get(key) or self._lookup_index().get(self._strip_article(key))
            if len(answers) >= 1 << 16:
                answers.clear()
            answer = answers[name] = hits[0] if hits and len({h.name for h in hits}) == 1 else None
        return answer

    def holder(self, role_id: str, on: date | None) -> Entity | None:
        """Who held `role_id` on `on` (today's holder when `on` is None)."""
        spells = self.__dict__.get("_cached_spells")
        if spells is None:
            spells = {}
            for e in self.entities.values():
                for spell in e.roles:
                    spells.setdefault(spell.role, []).append((e, spell))
            self.__dict__["_cached_spells"] = spells
        holders = {id(e): e for e, spell in spells.get(role_id, ()) if spell.covers(on)}
        return next(iter(holders.values())) if len(holders) == 1 else None

    def ever_held(self, roles: Iterable[str]) -> tuple[Entity, ...]:
        """Everyone who held any of `roles`, past or present, in KB order."""
        held = self.__dict__.setdefault("_cached_held", {})  # one entry per set of roles asked about: few
        wanted = frozenset(roles)
        if wanted not in held:
            held[wanted] = tuple(e for e in self.entities.values() if any(s.role in wanted for s in e.roles))
        return held[wanted]

    def role_of_phrase(self, phrase: str) -> Role | None:
        """The role a phrase names ('il presidente Usa' → us_president), articles and case ignored."""
        phrases = self.__dict__.get("_cached_role_phrases")
        if phrases is None:
            phrases = {m: role for role in self.roles.values() for m in role.mentions}
            self.__dict__["_cached_role_phrases"] = phrases
        return phrases.get(self._strip_article(fold(phrase)))

    def resolve_role(self, phrase: str, on: date | None) -> Entity | None:
        role = self.role_of_phrase(phrase)
        return self.holder(role.id, on) if role else None

    def find_mentions(self, text: str, on: date | None = None) -> list[Mention]:
        """Every KB mention in `text`, longest match first, non-overlapping, in text order.

        A form written capitalised in the KB (names, aliases, metonyms, surnames, 'il Cavaliere') only matches
        capitalised text, so 'monti' and 'conte' stay common words; epithets need an article before them
        ('del tycoon'), and a role after 'ex' ('l'ex premier') names nobody.
        """
        # speaker attribution and stance both read the same article: the last few answers are kept; a phrase (a
        # speaker's name or description, read by stance for the sides it names) comes back article after article:
        # many more of those are kept
        phrase = len(text) <= _PHRASE_LENGTH
        recent: dict = self.__dict__.setdefault("_cached_phrase_mentions" if phrase else "_cached_mentions", {})
        key = (text, on)
        if key not in recent:
            if len(recent) >= (_PHRASES_KEPT if phrase else 4):
                del recent[next(iter(recent))]
            recent[key] = tuple(self._scan_mentions(text, on))
        return list(recent[key])

    def _scan_mentions(self, text: str, on: date | None) -> list[Mention]:
        index = self._surface_index()
        folded, offsets = _fold_with_offsets(text)
        found: list[Mention] = []
        for match in _surface_matches(index.pattern, folded):
            folded_start = match.start(1) - 1  # the matches were made on " " + folded
            start, end = folded_start, match.end(1) - 1
            if offsets is not None:
                start, end = offsets[start], offsets[end - 1] + 1
            surface = text[start:end]
            candidate = index.choose(match.group(1), surface)
            if candidate is None:
                continue
            via, target = candidate.via, candidate.target
            if via == "epithet" and _word_before(folded, folded_start) not in self.articles:
                continue
            if via == "role":
                former = _word_before(folded, folded_start).rstrip("-").split("'")[-1] in self.former_markers
                holder = None if former else self.holder(target, on)
                found.append(Mention(start, end, surface, holder, "role", target))
                continue
            found.append(Mention(start, end, surface, target, via))
        return found

    def _strip_article(self, key: str) -> str:
        """A folded phrase without its leading article: 'il presidente usa' → 'presidente usa'."""
        found = _LEADING_WORD.match(key)
        if found and (found.group(1) in self.articles or found.group(1) in self.indefinite_articles):
            return key[found.end() :].strip()
        return key

    def _strip_spelled_article(self, form: str) -> str:
        """'il Cavaliere' → 'Cavaliere', keeping the capital that says the epithet is a proper name."""
        form = form.strip()
        return form[len(form) - len(self._strip_article(fold(form))) :]

    # -- indexes ---------------------------------------------------------------------------------------------
    def country_adjectives(self) -> frozenset[str]:
        """The countries' adjectives of nationality, folded (`serbo`, `egiziana`): read once, not per article."""
        cache = self.__dict__.get("_cached_demonyms")
        if cache is None:
            cache = frozenset(fold(d) for e in self.entities.values() if e.kind == "country" for d in e.demonyms)
            self.__dict__["_cached_demonyms"] = cache
        return cache

    def _lookup_index(self) -> dict[str, list[Entity]]:
        cache = self.__dict__.get("_cached_index")
        if cache is None:
            cache = {}
            surnames: dict[str, list[Entity]] = {}
            for e in self.entities.values():
                epithets = [self._strip_spelled_article(form) for form in e.epithets]
                for form in [e.name, *e.aliases, *e.metonyms, *e.epithets, *epithets]:
                    people = cache.setdefault(fold(form), [])
                    if e not in people:
                        people.append(e)
                if e.surname:
                    surnames.setdefault(fold(e.surname), []).append(e)
            for key, people in surnames.items():
                cache.setdefault(key, people)
            self.__dict__["_cached_index"] = cache
        return cache

    def _surface_index(self) -> "_SurfaceIndex":
        cache = self.__dict__.get("_cached_surface")
        if cache is None:
            cache = _SurfaceIndex.build(self)
            self.__dict__["_cached_surface"] = cache
        return cache


@dataclass(frozen=True)
class _Candidate:
    via: str
    target: object  # an Entity, or a role id for via == "role"
    capitalised: bool  # the KB writes it with a capital: only capitalised text matches
    acronym: bool  # the KB writes it all in capitals ('UN', 'AN'): only the same capitals match, not the word 'Un'
    final_accent: bool  # the KB writes it with a final accented vowel ('Santità'): 'papà' is not 'Papa'


# strongest first: when one surface means several things, the first kind that fits the text wins
_STRENGTH = ("name", "alias", "metonym", "epithet", "role", "surname", "demonym")


@dataclass
class _SurfaceIndex:
    pattern: re.Pattern
    by_surface: dict[str, list[_Candidate]]
    # (key, surface) → choose's answer: the same names recur in every article (emptied when full: memory stays flat)
    chosen: dict[tuple[str, str], _Candidate | None] = field(default_factory=dict)

    @classmethod
    def build(cls, kb: KnowledgeBase) -> "_SurfaceIndex":
        by_surface: dict[str, list[_Candidate]] = {}

        def put(via: str, target: object, spelling: str) -> None:
            spelling = spelling.strip()
            if not spelling:
                return
            candidate = _Candidate(
                via, target, spelling[:1].isupper(), spelling.isupper(), spelling[-1:] in _FINAL_ACCENTS
            )
            entries = by_surface.setdefault(fold(spelling), [])
            if candidate not in entries:
                entries.append(candidate)

        surnames: dict[str, list[Entity]] = {}
        for e in kb.entities.values():
            put("name", e, e.name)
            for via, forms in (("alias", e.aliases), ("metonym", e.metonyms), ("demonym", e.demonyms)):
                for form in forms:
                    put(via, e, form)
            for form in e.epithets:
                put("epithet", e, kb._strip_spelled_article(form))
            if e.surname:
                surnames.setdefault(fold(e.surname), []).append(e)
        for people in surnames.values():
            if len(people) == 1:
                put("surname", people[0], people[0].surname)
        for role in kb.roles.values():
            for m in [*role.mentions, *kb._role_spellings.get(role.id, ())]:
                put("role", role.id, m.lower())
        for entries in by_surface.values():
            entries.sort(key=lambda c: _STRENGTH.index(c.via))
        # the character before a surface is consumed, not looked behind at: the search then skips in C to the
        # characters that can precede one (see _surface_matches)
        pattern = re.compile(rf"\W({_trie_regex(by_surface)})(?!\w)")
        return cls(pattern, by_surface)

    def choose(self, key: str, surface: str) -> _Candidate | None:
        """The candidate a matched surface means, or None (wrong case, 'papà', or ambiguous between entities)."""
        asked = (key, surface)
        if asked not in self.chosen:
            if len(self.chosen) >= 1 << 16:
                self.chosen.clear()
            self.chosen[asked] = self._choose(key, surface)
        return self.chosen[asked]

    def _choose(self, key: str, surface: str) -> _Candidate | None:
        capital = surface[:1].isupper() or surface[:1].isdigit()
        capitals = surface.isupper()
        accented = surface[-1:].casefold() in _FINAL_ACCENTS
        fitting = [
            c
            for c in self.by_surface.get(key, ()) or self.by_surface.get(fold(key), ())
            if (capital or not c.capitalised) and (capitals or not c.acronym) and (c.final_accent or not accented)
        ]
        if not fitting:
            return None
        best = [c for c in fitting if c.via == fitting[0].via]
        if len({id(c.target) if c.via != "role" else c.target for c in best}) > 1:
            return None
        return best[0]


def _surface_matches(pattern: re.Pattern, folded: str) -> Iterator[re.Match]:
    r"""The surface pattern's matches on `" " + folded`, as `(?<!\w)(?:surfaces)(?!\w)` would match on `folded`.

    Each match starts with the non-word character before its surface; the search resumes on a match's last character,
    which may be the one the next surface needs before it (`u.s.a.+europa`)."""
    padded = " " + folded
    position = 0
    while (match := pattern.search(padded, position)) is not None:
        yield match
        position = match.end() - 1


def _trie_regex(surfaces: Iterable[str]) -> str:
    """One regex for many folded surfaces, as a trie: fast on long texts, and it prefers the longest surface."""
    trie: dict = {}
    for surface in surfaces:
        node = trie
        for ch in surface:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node_regex(trie) or "(?!)"


def _trie_node_regex(node: dict) -> str:
    ends_here = "" in node
    branches = []
    for ch, child in sorted(node.items()):
        if not ch:
            continue
        chars = [ch]
        while len(child) == 1 and "" not in child:  # a chain of single letters is one literal, not nested groups
            (ch, child), = child.items()
            chars.append(ch)
        branches.append("".join(map(_char_regex, chars)) + _trie_node_regex(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


def _char_regex(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`text` folded like `fold` but keeping its whitespace, and each folded character's offset in `text`.

    The offsets are None when folding kept every character in place (the usual case), to save a 1 MB list.
    Only non-ASCII characters are folded one by one, so a 1 MB article takes milliseconds, not a second.
    """
    pieces = _NON_ASCII_PIECES.split(text)  # [ascii, non-ascii character, ascii, …, ascii]: one pass in C
    marks = pieces[1::2]
    table = {c: _fold_char(c) for c in set(marks)}
    if all(len(f) == 1 for f in table.values()):
        pieces[1::2] = map(table.__getitem__, marks)  # each character folded in C, not by a Python call per match
        return "".join(pieces).lower(), None
    parts: list[str] = []
    offsets: list[int] = []
    done = 0
    for k, piece in enumerate(pieces):  # rare: 'ß' → 'ss', '…' → '...', a lone combining accent → ''
        if k % 2:  # a non-ASCII character: its folding, every character of it at its offset
            parts.append(table[piece])
            offsets.extend([done] * len(table[piece]))
        else:  # ASCII: lower case keeps every character in place
            parts.append(piece.lower())
            offsets.extend(range(done, done + len(piece)))
        done += len(piece)
    return "".join(parts), offsets


_NON_ASCII_PIECES = re.compile(r"([^\x00-\x7f])")  # a non-ASCII character; `split` keeps it between the pieces


def _fold_char(ch: str) -> str:
    if ch.isspace():
        return ch
    return fold(ch) if not ch.isascii() else ch.casefold()


@lru_cache(maxsize=1)
def _language_words() -> dict[str, frozenset[str]]:
    """Definite articles and articulated prepositions (required before an epithet, stripped from a role phrase),
    indefinite articles, and the words that make a role a former one (`l'ex premier`), from `quotetrack.lang`."""
    lang = get_language()
    determiners = {form for form, (upos, lemma) in lang.function_words.items() if upos == "DET"}
    definite = {form for form in determiners if lang.function_words[form][1] == "il"}
    articulated = {form for form, (upos, lemma) in lang.function_words.items()
                   if upos == "ADP" and form != lemma and form not in ("d'", "ad", "od")}
    indefinite = {form for form in determiners if lang.function_words[form][1] == "uno"}
    return {"articles": frozenset(fold(w) for w in definite | articulated),
            "indefinite_articles": frozenset(fold(w) for w in indefinite),
            "former": frozenset(fold(w) for w in lang.words("former_markers"))}


def _entity_from_yaml(raw, origin: str) -> Entity:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise ValueError(f"{origin}: every entity needs a 'name' ({raw!r:.60})")
    name = str(raw["name"])
    kind = raw.get("kind", "person")
    if kind not in ENTITY_KINDS:
        raise ValueError(f"{origin}: {name}: kind {kind!r} is not one of {', '.join(ENTITY_KINDS)}")
    family_name = raw.get("surname")
    return Entity(
        name=name,
        kind=kind,
        aliases=_strings(raw.get("aliases"), origin, f"{name} aliases"),
        epithets=_strings(raw.get("epithets"), origin, f"{name} epithets"),
        metonyms=_strings(raw.get("metonyms"), origin, f"{name} metonyms"),
        demonyms=_strings(raw.get("demonyms"), origin, f"{name} demonyms"),
        country=raw.get("country"),
        party=raw.get("party"),
        family_name=None if family_name is None else str(family_name or ""),
        roles=[_role_spell(r, origin, name) for r in raw.get("roles") or []],
    )


def _role_spell(raw, origin: str, name: str) -> RoleSpell:
    if not isinstance(raw, dict) or not raw.get("role"):
        raise ValueError(f"{origin}: {name}: every role needs {{role: id, from: date, to: date}} ({raw!r:.60})")
    try:
        return RoleSpell(str(raw["role"]), _as_date(raw.get("from")), _as_date(raw.get("to")))
    except ValueError:
        raise ValueError(f"{origin}: {name}: {raw['role']} has a date that is not YYYY-MM-DD") from None


def _strings(value, origin: str, what: str) -> list[str]:
    """A YAML list of strings; a single string is a one-item list (not a list of its letters)."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        return [str(value)]
    if not isinstance(value, list):
        raise ValueError(f"{origin}: {what} must be a list of strings")
    return [str(v) for v in value if v is not None and str(v).strip()]


_FINAL_ACCENTS = frozenset("àèéìòóù")
_PHRASE_LENGTH = 200  # characters: a text `find_mentions` reads as a phrase (a name, a description), not an article
_PHRASES_KEPT = 4096  # phrases whose mentions `find_mentions` keeps (first kept, first dropped)
_UNASKED = object()  # `KnowledgeBase.get`'s answer for a name not asked before (None is an answer: nobody)
_LEADING_WORD = re.compile(r"(\w+'|\w+(?=\s))\s*")
_WORD_BEFORE = re.compile(r"([\w'-]+)\s*$")


def _word_before(folded: str, pos: int) -> str:
    """The word just before `pos`, with its apostrophe: 'dell'' in "dell'ex premier", 'il' in 'il tycoon'."""
    found = _WORD_BEFORE.search(folded, max(0, pos - 24), pos)
    return found.group(1) if found else ""


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """The folded names of the world's cities (GeoNames, `data/kb/cities.txt.gz`; CITIES-LICENSE.md says how it is
    built): a name the KB does not know may still be a place."""
    data = resources.files("quotetrack").joinpath("data/kb/cities.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split("\n")) - {""}


@lru_cache(maxsize=8)
def _cached_kb(extra: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.load(extra)


def default_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped KB (plus user files), loaded once per process."""
    return _cached_kb(tuple(str(p) for p in extra))

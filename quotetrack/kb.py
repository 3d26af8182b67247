"""Knowledge base: people, countries and organisations, their aliases, metonyms, demonyms and dated roles.

The knowledge lives in YAML files under `quotetrack/data/kb/` (read them, extend them); a user adds their own with
`--kb FILE` (same format, entries with an existing name are merged). Lookups ignore case and accents.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

ENTITY_KINDS = ("person", "country", "organisation")


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Zelenskyj' and 'ZELENSKYJ' fold alike, 'Volodymyr Zelens'kyj' too."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True)
class RoleSpell:
    role: str  # role id from roles.yaml, e.g. us_president
    start: date | None = None
    end: date | None = None  # exclusive; None = still in office

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Entity:
    name: str  # canonical name
    kind: str  # person / country / organisation
    aliases: list[str] = field(default_factory=list)  # other names and transliterations (case-sensitive surface)
    epithets: list[str] = field(default_factory=list)  # lower-case descriptions that mean this one entity ("il tycoon")
    metonyms: list[str] = field(default_factory=list)  # places standing for it ("Cremlino", "Casa Bianca")
    demonyms: list[str] = field(default_factory=list)  # adjectives ("americano", "russe")
    country: str | None = None  # a person's or organisation's country (its "own side")
    roles: list[RoleSpell] = field(default_factory=list)

    @property
    def surname(self) -> str | None:
        parts = self.name.split()
        return parts[-1] if self.kind == "person" and len(parts) > 1 else None


@dataclass(frozen=True)
class Role:
    id: str
    mentions: tuple[str, ...]  # lower-case phrases without article: "presidente usa", "portavoce del cremlino"
    country: str | None = None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: Entity | None  # None for a role nobody in the KB held on that date
    via: str  # name / alias / surname / epithet / metonym / demonym / role
    role: str | None = None


class KnowledgeBase:
    def __init__(self, entities: Iterable[Entity] = (), roles: Iterable[Role] = ()):
        self.entities: dict[str, Entity] = {}
        self.roles: dict[str, Role] = {}
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
            entity = old
        else:
            self.entities[key] = entity
        self._forget_indexes()
        return entity

    def _forget_indexes(self) -> None:
        self.__dict__.pop("_cached_index", None)
        self.__dict__.pop("_cached_surface", None)

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> "KnowledgeBase":
        """The shipped knowledge base plus the user's files."""
        kb = cls()
        folder = resources.files("quotetrack") / "data" / "kb"
        for name in sorted(p.name for p in folder.iterdir() if p.name.endswith((".yaml", ".yml"))):
            kb.read_yaml((folder / name).read_text(encoding="utf-8"), origin=name)
        for path in extra:
            kb.read_yaml(Path(path).read_text(encoding="utf-8"), origin=str(path))
        return kb

    def read_yaml(self, text: str, origin: str = "<yaml>") -> None:
        """Read one KB file: a mapping with optional `roles:` and `entities:` keys."""
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ValueError(f"{origin}: not valid YAML ({exc.__class__.__name__})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{origin}: expected a mapping with 'entities' and/or 'roles'")
        for role_id, spec in (data.get("roles") or {}).items():
            spec = spec or {}
            mentions = tuple(fold(m) for m in spec.get("mentions", []))
            self.roles[role_id] = Role(role_id, mentions, spec.get("country"))
        for raw in data.get("entities") or []:
            if not isinstance(raw, dict) or "name" not in raw:
                raise ValueError(f"{origin}: every entity needs a 'name' ({raw!r:.60})")
            self.add(
                Entity(
                    name=str(raw["name"]),
                    kind=raw.get("kind", "person"),
                    aliases=[str(a) for a in raw.get("aliases", [])],
                    epithets=[str(a) for a in raw.get("epithets", [])],
                    metonyms=[str(a) for a in raw.get("metonyms", [])],
                    demonyms=[str(a) for a in raw.get("demonyms", [])],
                    country=raw.get("country"),
                    roles=[
                        RoleSpell(r["role"], _as_date(r.get("from")), _as_date(r.get("to")))
                        for r in raw.get("roles", [])
                    ],
                )
            )
        self._forget_indexes()

    # -- lookups ----------------------------------------------------------------------------------------------
    def get(self, name: str) -> Entity | None:
        """The entity a name refers to: canonical name, alias, transliteration, metonym, or unique surname."""
        hits = self._lookup_index().get(fold(name))
        return hits[0] if hits and len({h.name for h in hits}) == 1 else None

    def holder(self, role_id: str, on: date | None) -> Entity | None:
        """Who held `role_id` on `on` (today's holder when `on` is None)."""
        holders = [e for e in self.entities.values() for r in e.roles if r.role == role_id and r.covers(on)]
        return holders[0] if len(holders) == 1 else None

    def role_of_phrase(self, phrase: str) -> Role | None:
        """The role a phrase names ('il presidente Usa' → us_president), articles and case ignored."""
        key = _strip_article(fold(phrase))
        for role in self.roles.values():
            if key in role.mentions:
                return role
        return None

    def resolve_role(self, phrase: str, on: date | None) -> Entity | None:
        role = self.role_of_phrase(phrase)
        return self.holder(role.id, on) if role else None

    def find_mentions(self, text: str, on: date | None = None) -> list[Mention]:
        """Every KB mention in `text`, longest match first, non-overlapping, in text order."""
        index = self._surface_index()
        found: list[Mention] = []
        for match in index.pattern.finditer(text):
            surface = match.group(0)
            key = fold(surface)
            entry = index.by_surface.get(key)
            if entry is None:
                continue
            via, target = entry
            if via == "role":
                role = self.roles[target]
                found.append(Mention(match.start(), match.end(), surface, self.holder(role.id, on), "role", role.id))
                continue
            if via in ("name", "alias", "metonym") and not surface[:1].isupper() and not surface[:1].isdigit():
                continue  # proper names are capitalised in Italian news; 'russia' in a URL is not a mention
            found.append(Mention(match.start(), match.end(), surface, target, via))
        return found

    # -- indexes ---------------------------------------------------------------------------------------------
    def _lookup_index(self) -> dict[str, list[Entity]]:
        cache = self.__dict__.get("_cached_index")
        if cache is None:
            cache = {}
            surnames: dict[str, list[Entity]] = {}
            for e in self.entities.values():
                for form in [e.name, *e.aliases, *e.metonyms, *e.epithets]:
                    cache.setdefault(fold(form), []).append(e)
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


@dataclass
class _SurfaceIndex:
    pattern: re.Pattern
    by_surface: dict[str, tuple[str, object]]

    @classmethod
    def build(cls, kb: KnowledgeBase) -> "_SurfaceIndex":
        by_surface: dict[str, tuple[str, object]] = {}
        # weaker kinds first so stronger ones overwrite a shared surface
        for e in kb.entities.values():
            for form in e.demonyms:
                by_surface.setdefault(fold(form), ("demonym", e))
        surnames: dict[str, list[Entity]] = {}
        for e in kb.entities.values():
            if e.surname:
                surnames.setdefault(fold(e.surname), []).append(e)
        for key, people in surnames.items():
            if len(people) == 1:
                by_surface[key] = ("surname", people[0])
        for role in kb.roles.values():
            for m in role.mentions:
                by_surface[m] = ("role", role.id)
        for e in kb.entities.values():
            for via, forms in (("epithet", e.epithets), ("metonym", e.metonyms), ("alias", e.aliases), ("name", [e.name])):
                for form in forms:
                    by_surface[fold(form)] = (via, e)
        alternatives = sorted(by_surface, key=len, reverse=True)
        body = "|".join(_loose(a) for a in alternatives) or "(?!)"
        pattern = re.compile(rf"(?<![\w'’])(?:{body})(?![\w])", re.IGNORECASE)
        return cls(pattern, by_surface)


def _loose(folded: str) -> str:
    """A regex for a folded surface that also matches its accented and curly-apostrophe spellings."""
    out = []
    for ch in folded:
        if ch == " ":
            out.append(r"\s+")
        elif ch == "'":
            out.append("['’]")
        elif ch in _ACCENTED:
            out.append(f"[{ch}{_ACCENTED[ch]}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


_ACCENTED = {"a": "àáâäã", "e": "èéêë", "i": "ìíîï", "o": "òóôöõ", "u": "ùúûü", "c": "čç", "s": "šş", "z": "ž", "y": "ý"}
_ARTICLES = ("il ", "lo ", "la ", "l'", "i ", "gli ", "le ", "un ", "una ", "uno ")


def _strip_article(key: str) -> str:
    for art in _ARTICLES:
        if key.startswith(art):
            return key[len(art) :].strip()
    return key


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@lru_cache(maxsize=8)
def _cached_kb(extra: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.load(extra)


def default_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped KB (plus user files), loaded once per process."""
    return _cached_kb(tuple(str(p) for p in extra))

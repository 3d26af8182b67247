"""The one reading of an article that extraction, attribution and stance all use.

An engine (`quotetrack.analysis.builtin` or `quotetrack.analysis.stanza`) builds a `Document` once per article:
tokens with offsets, lemmas and tags, sentences, clauses, quotations, entities, an optional dependency parse, and
the mention index (who is mentioned, resolved to canonical names). Nothing downstream tokenises again.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, count
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Container, NamedTuple, Sequence

if TYPE_CHECKING:
    from ..kb import KnowledgeBase
    from ..lang import Language
    from ..models import Article


class Token(NamedTuple):  # a tuple: an article has hundreds of tokens, and a tuple is the cheapest object to build
    i: int  # index in Document.tokens
    text: str
    start: int  # character offsets into Document.text
    end: int
    lower: str  # lower case, one apostrophe: what word lists are compared with
    lemma: str
    upos: str  # Universal POS; "" when the engine could not tell
    feats: str = ""  # UD features, "Mood=Ind|Tense=Past"
    head: int | None = None  # index of the head token; None for a root or without a parse
    deprel: str = ""  # UD relation; "" without a parse


class Sentence(NamedTuple):
    start: int  # character offsets
    end: int
    first: int  # token range [first, last)
    last: int


class QuoteSpan(NamedTuple):
    """A quotation: marks at `open` and `close - 1`; its words are text[start:end]. `closed` is False when the
    paragraph ended before a closing mark."""

    open: int
    close: int
    start: int
    end: int
    closed: bool = True


class EntitySpan(NamedTuple):
    """A named entity an engine's tagger found (characters; label PER / ORG / LOC)."""

    start: int
    end: int
    label: str
    text: str


_MENTION_FIELDS = ("first", "last", "start", "end", "text", "via", "kind", "name", "head", "role", "resolved_by")


class Mention:
    """Somebody or something the article mentions: a token range and, where it can be told, who it is.

    `via` says how it was recognised: kb (a name, alias or epithet of the knowledge base), name (capitalised words),
    title (a title phrase: `il ministro degli Esteri`), organisation (`il governo cinese`), description (an anonymous
    source: `fonti diplomatiche`), pronoun, demonym (`gli americani`), ner (the engine's tagger).

    A class with slots rather than a NamedTuple: every rule reads mentions' fields, thousands of reads per article,
    and Python 3.11 specialises the read of a slot but not that of a named tuple's field. It is immutable all the
    same, and equal, hashed, unpacked and replaced as the named tuple was (the tuple of its fields)."""

    __slots__ = _MENTION_FIELDS
    _fields = _MENTION_FIELDS
    first: int
    last: int
    start: int
    end: int
    text: str
    via: str
    kind: str  # person / organisation / country / place / anonymous
    name: str | None  # canonical name; None where the article does not tell
    head: int | None  # the title or head noun's token, for phrases
    role: str | None  # the knowledge base's role id of a title phrase
    resolved_by: str  # how `name` was found for a phrase: apposition, date, article, earlier, kb

    def __init__(self, first: int, last: int, start: int, end: int, text: str, via: str, kind: str, name: str | None,
                 head: int | None = None, role: str | None = None, resolved_by: str = "") -> None:
        values = first, last, start, end, text, via, kind, name, head, role, resolved_by
        for set_slot, value in zip(_MENTION_SLOT_SETTERS, values):  # past __setattr__, which refuses
            set_slot(self, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Mention is immutable: {name} cannot be set (use _replace)")

    __delattr__ = __setattr__

    def _replace(self, **changes: object) -> Mention:
        """A copy with some fields changed (as a named tuple's `_replace`)."""
        copy = Mention(*map(changes.pop, _MENTION_FIELDS, self))
        if changes:
            raise ValueError(f"Mention has no field {', '.join(changes)}")
        return copy

    def __iter__(self):
        return iter(_mention_values(self))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Mention:
            return NotImplemented
        return _mention_values(self) == _mention_values(other)

    def __hash__(self) -> int:
        return hash(_mention_values(self))

    def __repr__(self) -> str:
        return "Mention(" + ", ".join(f"{f}={v!r}" for f, v in zip(_MENTION_FIELDS, self)) + ")"

    def __reduce__(self):
        return Mention, _mention_values(self)  # pickled by its fields: unpickling sets none through __setattr__


_MENTION_SLOT_SETTERS = tuple(getattr(Mention, f).__set__ for f in _MENTION_FIELDS)
_mention_values = attrgetter(*_MENTION_FIELDS)  # the fields as one tuple, read in C


class Columns(NamedTuple):
    """The tokens' texts, lower forms, start and end offsets, tags and lemmas as lists, when the engine holds them so
    (the built-in engine cuts and tags words as lists): the Document's columns are then these, not read out of every
    token again. The Stanza engine keeps the built-in engine's columns under its own lemmas (`dictionary_lemmas`)."""

    texts: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    upos: list[str]
    lemmas: list[str]


_NEWLINE = re.compile("\n")
REACH = 150  # tokens: further than any real sentence reaches from its verb
_START, _LOWER, _UPOS, _TEXT = attrgetter("start"), attrgetter("lower"), attrgetter("upos"), attrgetter("text")
_LEMMA = attrgetter("lemma")
_END = attrgetter("end")
_NAME = attrgetter("name")
_FIRST, _LAST = attrgetter("first"), attrgetter("last")
_VERB, _COMMA = frozenset({"VERB"}), frozenset({","})
QUOTE_MARKS = frozenset("«»“”\"")  # the marks that open or close a quotation, as tokens


def longest_by(mentions: Sequence[Mention], edge: Callable[[Mention], int]) -> dict[int, Mention]:
    """The first of the mentions (in text order) at each value of `edge`: at one start, or one end, the longest."""
    out: dict[int, Mention] = {}
    for m in mentions:
        out.setdefault(edge(m), m)
    return out


@dataclass(frozen=True, eq=False)
class Document:
    """An analysed article. Built by an engine; read-only for everything downstream."""

    article: Article
    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[QuoteSpan, ...]  # outermost quotations in text order; an unclosed one ends at its first sentence
    lang: Language
    kb: KnowledgeBase
    engine: str = "builtin"
    has_parse: bool = False
    entities: tuple[EntitySpan, ...] = ()
    # how the engine reads who is mentioned (`quotetrack.analysis.mentions.find_mentions`), run on first use only:
    # an article with no cue never needs it
    mention_reader: Callable[[Document], tuple[Mention, ...]] | None = field(default=None, repr=False, compare=False)
    # the engine's own lists of the tokens' texts, lower forms and starts (they agree with `tokens`), else None
    columns: Columns | None = field(default=None, repr=False, compare=False)

    @cached_property
    def mentions(self) -> tuple[Mention, ...]:
        """Who the article mentions, resolved to canonical names where the article allows."""
        return self.mention_reader(self) if self.mention_reader is not None else ()

    # -- columns, computed once ---------------------------------------------------------------------------------
    @cached_property
    def texts(self) -> list[str]:
        return self.columns.texts if self.columns is not None else list(map(_TEXT, self.tokens))

    @cached_property
    def lower(self) -> list[str]:
        return self.columns.lower if self.columns is not None else list(map(_LOWER, self.tokens))

    @cached_property
    def starts(self) -> list[int]:
        return self.columns.starts if self.columns is not None else list(map(_START, self.tokens))

    @cached_property
    def ends(self) -> list[int]:
        return self.columns.ends if self.columns is not None else list(map(_END, self.tokens))

    @cached_property
    def upos(self) -> list[str]:
        return self.columns.upos if self.columns is not None else list(map(_UPOS, self.tokens))

    @cached_property
    def dictionary_lemmas(self) -> list[str]:
        """Each word's lemma out of context, as the built-in engine reads every word (a reporting verb's form by its
        verb, the rest by the dictionary): the tokens' own lemmas with that engine; with Stanza, which reads lemmas
        in context (`difesa` the noun, `preoccupati` a form of `preoccupare`), the built-in reading kept beside them.
        Stance reads words by it: its lexicon's priors and rules were set on it."""
        return self.columns.lemmas if self.columns is not None else list(map(_LEMMA, self.tokens))

    @cached_property
    def sentence_of(self) -> list[int]:
        """Sentence number of every token."""
        out = [0] * len(self.tokens)
        for number, s in enumerate(self.sentences):
            out[s.first : s.last] = [number] * (s.last - s.first)
        return out

    @cached_property
    def _line_breaks(self) -> list[int]:
        return [m.start() for m in _NEWLINE.finditer(self.text)]

    @cached_property
    def _quote_opens(self) -> list[int]:
        return [q.open for q in self.quotes]

    @cached_property
    def _quote_closes(self) -> list[int]:
        return [q.close for q in self.quotes]

    @cached_property
    def _mention_firsts(self) -> list[int]:
        return [m.first for m in self.mentions]

    @cached_property
    def mention_at_first(self) -> dict[int, Mention]:
        """The longest mention starting at each token."""
        return longest_by(self.mentions, _FIRST)

    @cached_property
    def mention_at_last(self) -> dict[int, Mention]:
        return {m.last: m for m in self.mentions}

    @cached_property
    def longest_mention_at_last(self) -> dict[int, Mention]:
        """The longest mention ending at each token: `dal sindaco di Torino`, not the `Torino` nested in it."""
        return longest_by(self.mentions, _LAST)

    @cached_property
    def _counted_tokens(self) -> dict[str, list[int]]:
        """Where the verbs, commas, clause openers and quotation marks are (token indexes, in order): a few tokens of
        each kind, found by one scan of the words and one of the tags, so that `counts_between` bisects them."""
        openers = self.lang.words("clause_openers")
        lower, texts = self.lower, self.texts
        marked = self.where(_COMMA | openers | QUOTE_MARKS)
        return {"verbs": list(compress(count(), map(_VERB.__contains__, self.upos))),
                "commas": [i for i in marked if lower[i] == ","],
                "openers": [i for i in marked if lower[i] in openers],
                "quote_marks": [i for i in marked if texts[i] in QUOTE_MARKS]}

    def counts_between(self, first: int, last: int) -> dict[str, int]:
        """How many verbs, commas, clause openers and quotation marks tokens [first, last) hold: two bisections per
        kind, not a walk."""
        return {kind: bisect.bisect_left(found, last) - bisect.bisect_left(found, first)
                for kind, found in self._counted_tokens.items()}

    @cached_property
    def mention_counts(self) -> dict[str, int]:
        """How many times the article mentions each canonical name (folded)."""
        from ..lang import fold

        return dict(Counter(map(fold, filter(None, map(_NAME, self.mentions)))))  # counted in C

    @cached_property
    def mention_of_token(self) -> dict[int, Mention]:
        """The mention covering each token that one covers."""
        return {i: m for m in self.mentions for i in range(m.first, m.last)}

    # -- lookups ------------------------------------------------------------------------------------------------
    def where(self, words: Container[str]) -> list[int]:
        """Tokens whose lower form is in `words`, in order (a scan in C)."""
        return list(compress(count(), map(words.__contains__, self.lower)))

    def among(self, tokens: list[int], words: Container[str]) -> list[int]:
        """The tokens of `tokens` (indexes, in order) whose lower form is in `words`: a scan in C, like `where`."""
        return list(compress(tokens, map(words.__contains__, map(self.lower.__getitem__, tokens))))

    def has_verb(self, first: int, last: int) -> bool:
        """Whether a verb or an auxiliary stands among tokens [first, last)."""
        return any(self.tokens[k].upos in ("VERB", "AUX") for k in range(first, last))

    def token_at(self, position: int) -> int:
        """Index of the first token starting at or after character `position`."""
        return bisect.bisect_left(self.starts, position)

    def token_before(self, position: int) -> int:
        """Index of the last token starting before character `position` (-1 if none)."""
        return bisect.bisect_left(self.starts, position) - 1

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Token range [first, last) of the sentence holding token i."""
        s = self.sentences[self.sentence_of[i]]
        return s.first, s.last

    def near(self, i: int, reach: int = REACH) -> tuple[int, int]:
        """Token range [first, last) of the sentence holding token i, clipped to `reach` tokens on either side: every
        rule that looks around a word looks this far, so that an endless sentence costs time in proportion to its
        length, not to its square."""
        s = self.sentences[self.sentence_of[i]]  # `sentence_bounds`, read in place: rules ask this for most words
        return max(s.first, i - reach), min(s.last, i + reach + 1)

    def before_group_adverbs(self, i: int) -> int:
        """The token before i past the adverbs a verb group may hold (`è stato poi eletto`, `ha inoltre detto`): where
        the group's auxiliary or governing verb stands; -1 at the article's start."""
        adverbs = self.lang.words("group_adverbs")
        j = i - 1
        while j >= 0 and self.lower[j] in adverbs:
            j -= 1
        return j

    def before_determiners(self, i: int) -> int:
        """The token before i past the determiners of a noun phrase at i (`contro il governo`: at `contro`): where
        what governs the phrase stands (a preposition, a comma, a verb); -1 at the article's start."""
        j = i - 1
        while j >= 0 and self.lang.is_determiner(self.lower[j]):
            j -= 1
        return j

    def past_determiners(self, i: int, limit: int | None = None, possessives: bool = False) -> int:
        """Token i, or the first after it past determiners (`il`, `questa`), and possessives too when asked (`la
        sua`): where a noun phrase's own words start; `limit` (the article's end by default) at the most."""
        limit = len(self.tokens) if limit is None else limit
        opens_phrase = self.lang.is_determiner_or_possessive if possessives else self.lang.is_determiner
        while i < limit and opens_phrase(self.lower[i]):
            i += 1
        return i

    def past_group_adverbs(self, i: int, limit: int | None = None) -> int:
        """Token i, or the first after it that is no adverb a verb group may hold (`ha detto poi X`, `noto anche
        come`): where what follows the group starts; `limit` (the article's end by default) at the most."""
        adverbs, limit = self.lang.words("group_adverbs"), len(self.tokens) if limit is None else limit
        while i < limit and self.lower[i] in adverbs:
            i += 1
        return i

    def verb_follows(self, k: int) -> bool:
        """Whether a verb or an auxiliary stands at token k past `non` and clitics (`che gli offrì`, `gli ha scritto`):
        the word before k is then a pronoun or a relative, not a determiner of a noun."""
        k = self.past_clitics(k)
        return k < len(self.tokens) and self.tokens[k].upos in ("VERB", "AUX")

    def past_clitics(self, k: int, limit: int | None = None) -> int:
        """Token k, or the first after it past `non` and clitics (`non gli ha scritto`): where the verb they lean on
        stands; `limit` (the article's end by default) at the most."""
        clitics, limit = self.lang.words("clitics"), len(self.tokens) if limit is None else limit
        while k < limit and (self.lower[k] == "non" or self.lower[k] in clitics):
            k += 1
        return k

    def paragraph(self, i: int) -> int:
        """Paragraph (line) number of token i."""
        return bisect.bisect_left(self._line_breaks, self.starts[i])

    def span_text(self, first: int, last: int) -> str:
        """Text of tokens [first, last)."""
        if first >= last:
            return ""
        return self.text[self.starts[first] : self.ends[last - 1]]

    def quote_around(self, position: int) -> QuoteSpan | None:
        """The quotation whose marks enclose character `position`, if any."""
        k = bisect.bisect_right(self._quote_opens, position) - 1  # the last quotation opening at or before it
        return self.quotes[k] if k >= 0 and position < self._quote_closes[k] else None

    def quotes_within(self, start: int, end: int) -> list[QuoteSpan]:
        """Quotations lying wholly inside characters [start, end)."""
        k = bisect.bisect_left(self._quote_opens, start)
        out = []
        while k < len(self.quotes) and self.quotes[k].open < end:
            if self.quotes[k].close <= end:
                out.append(self.quotes[k])
            k += 1
        return out

    def mentions_within(self, first: int, last: int) -> list[Mention]:
        """Mentions starting in tokens [first, last), in order."""
        firsts = self._mention_firsts
        return list(self.mentions[bisect.bisect_left(firsts, first) : bisect.bisect_left(firsts, last)])

    def relation(self, i: int) -> str:
        """Token i's relation in the parse; a conjunct that no coordinator joins to its head, nor any other conjunct
        of that head, is the apposition a parser took for one (`il direttore del giornale, Mario Rossi, ha detto`),
        not a list (`A, B e C`)."""
        token = self.tokens[i]
        if token.deprel != "conj" or token.head is None:
            return token.deprel
        conjuncts = [c for c in self.children(token.head) if self.tokens[c].deprel == "conj"]
        return "conj" if any(self.tokens[g].deprel == "cc" for c in conjuncts for g in self.children(c)) else "appos"

    def children(self, i: int) -> list[int]:
        """Dependents of token i in the parse (none without one)."""
        return self._children.get(i, [])

    @cached_property
    def _children(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for t in self.tokens:
            if t.head is not None:
                out.setdefault(t.head, []).append(t.i)
        return out

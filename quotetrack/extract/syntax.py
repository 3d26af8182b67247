"""Attribution from a dependency parse: who is the subject of a cue verb, and which clause it reports.

Pure functions over a parsed `Analysis` (Universal Dependencies relations, as the Stanza engine produces). They
use only relations, POS and morphological features, never Italian words, and return None when the parse says
nothing useful, so the rule-based extractor can fall back to its patterns. They also repair the parser's common
mistakes on news text (see docs/engines.md): a post-verbal subject labelled `obj`, a `che` clause attached to the
wrong verb, an appositive name labelled `conj`.
"""
from __future__ import annotations

import unicodedata

from ..analysis import Analysis, Token

SUBJECTS = ("obl:agent", "nsubj", "nsubj:pass")  # in order of preference (a passive's agent is its speaker)
CLAUSES = ("ccomp", "csubj", "csubj:pass")  # relations of a reported clause
NOUN_PHRASE = {"det", "det:poss", "det:predet", "amod", "nmod", "nmod:poss", "case", "nummod", "fixed",
               "flat", "flat:name", "flat:foreign", "compound"}
NAME_PARTS = {"flat", "flat:name", "flat:foreign", "compound"}
PREDICATE_PARTS = {"aux", "aux:pass", "cop"}  # a cue may be given as its auxiliary (`ha` of `ha detto`)
# children of a cue verb that may stand between it and its reported clause (`ha detto ai giornalisti che`)
BETWEEN_VERB_AND_CLAUSE = {"obl", "iobj", "obj", "nsubj", "nsubj:pass", "expl", "expl:impers", "advmod", "aux",
                           "aux:pass", "punct"}
REFLEXIVE = ("expl", "expl:pv")  # the clitic of a pronominal verb, which the models may parse as a passive
CLIMB_LIMIT = 4  # how many governing verbs to climb for a subject (`ha voluto far sapere`)


def cue_verbs(analysis: Analysis, lemmas: set[str]) -> list[int]:
    """Indices of verbs whose lemma is one of `lemmas` (speech verbs), in text order."""
    wanted = {lemma.casefold() for lemma in lemmas}
    return [t.i for t in analysis.tokens if t.upos == "VERB" and t.lemma.casefold() in wanted]


def speaker_tokens(analysis: Analysis, verb_index: int) -> list[int] | None:
    """Token indices (text order) of the noun phrase naming who speaks through the cue verb, or None.

    When a role and a name are in apposition (`il portavoce del Cremlino, Dmitri Peskov`) the name is returned;
    a role alone comes whole (`il portavoce del Cremlino`). Of coordinated speakers (`Macron e Scholz`) only the
    first is returned: one statement has one speaker in the output contract.
    """
    if not analysis.has_parse or not 0 <= verb_index < len(analysis.tokens):
        return None
    tree = _Tree(analysis)
    verb = tree.predicate(verb_index)
    for _ in range(CLIMB_LIMIT):
        subject = tree.subject(verb)
        if subject is not None:
            return tree.speaker_phrase(subject)
        governor = tree.governor(verb)
        if governor is None:
            return None
        verb = governor
    return None


def content_span(analysis: Analysis, verb_index: int) -> tuple[int, int] | None:
    """Character span of the clause the cue verb reports, without its complementizer and final punctuation.

    None when the verb governs no clause (`ha condannato l'attacco`).
    """
    if not analysis.has_parse or not 0 <= verb_index < len(analysis.tokens):
        return None
    tree = _Tree(analysis)
    verb = tree.predicate(verb_index)
    clause = tree.reported_clause(verb)
    if clause is None:
        return None
    members = sorted(tree.subtree(clause))
    while members and analysis.tokens[members[0]].deprel in ("mark", "punct") and not _opens(
        analysis.tokens[members[0]].text
    ):
        members.pop(0)
    if not members:
        return None
    start, end = analysis.tokens[members[0]].start, analysis.tokens[members[-1]].end
    return _trim_punctuation(analysis.text, start, end)


def marked_clause(analysis: Analysis, verb_index: int) -> tuple[int, int] | None:
    """(token of the complementizer, character end) of a clause the cue verb governs through a complementizer
    (`che`, `di`, `se`: UD `mark`), or None. The end is the clause's last non-punctuation character."""
    if not analysis.has_parse or not 0 <= verb_index < len(analysis.tokens):
        return None
    tree = _Tree(analysis)
    clause = tree.reported_clause(tree.predicate(verb_index))
    if clause is None:
        return None
    members = sorted(tree.subtree(clause))
    marks = tree.kids(clause, "mark")
    if not marks or marks[0].i != members[0]:
        return None
    span = _trim_punctuation(analysis.text, analysis.tokens[members[0]].start, analysis.tokens[members[-1]].end)
    return (marks[0].i, span[1]) if span else None


def hangs_inside(analysis: Analysis, index: int, first: int, last: int) -> bool:
    """Whether the parse makes token `index` an adverbial clause (advcl) of a word of the tokens [first, last): a
    gerund after a comma that modifies a verb of the reported clause belongs to that clause (`… la lotta alla
    pirateria, riproponendo …`); one hung on the cue or the main clause, or loosely coordinated (`conj`), is the
    journalist's gloss."""
    if not analysis.has_parse or not 0 <= index < len(analysis.tokens):
        return False
    token = analysis.tokens[index]
    return token.deprel == "advcl" and token.head is not None and first <= token.head < last


def agentless_passive(analysis: Analysis, verb_index: int) -> bool:
    """Whether the verb is a true passive (not a pronominal `si è detto`) whose agent the parse does not find:
    `L'ex ministro è stato accusato di «…»` — someone said it, the sentence does not say who."""
    if not analysis.has_parse or not 0 <= verb_index < len(analysis.tokens):
        return False
    tree = _Tree(analysis)
    verb = tree.predicate(verb_index)
    return bool(tree.kids(verb, "aux:pass")) and not tree.kids(verb, "obl:agent", *REFLEXIVE)


def modified_clause_start(analysis: Analysis, index: int) -> int | None:
    """First token of the clause that the phrase holding token `index` modifies: `Anche la protezione di «…»,
    secondo EFF, rischia di …` — `secondo` is in `EFF`, an oblique of `rischia`, whose clause starts at `Anche`.
    None when the phrase hangs on no verb."""
    if not analysis.has_parse or not 0 <= index < len(analysis.tokens):
        return None
    phrase = analysis.tokens[index]
    if phrase.deprel == "case" and phrase.head is not None:
        phrase = analysis.tokens[phrase.head]
    if phrase.head is None or analysis.tokens[phrase.head].upos != "VERB":
        return None
    tree = _Tree(analysis)
    return min(tree.subtree(analysis.tokens[phrase.head]))


def governing_verb(analysis: Analysis, first: int, last: int) -> int | None:
    """The verb outside tokens [first, last) that the words of this span hang on (a quotation that is the object
    of `per riaffermare «…»`), or None when they hang on no verb or on several words."""
    if not analysis.has_parse:
        return None
    heads = {t.head for t in analysis.tokens[first:last] if t.head is not None and not first <= t.head < last}
    if len(heads) != 1:
        return None
    head = analysis.tokens[heads.pop()]
    return head.i if head.upos == "VERB" else None


def patients(analysis: Analysis, first: int, last: int) -> list[int]:
    """Tokens heading the noun phrases that the verbs among tokens [first, last) act upon: the subject of a passive
    (`L'ex ministro è stato accusato di …`) and objects. Whoever an introduction accuses or addresses is not the
    one speaking in it, so a speaker carried over to it is none of these."""
    if not analysis.has_parse:
        return []
    tree = _Tree(analysis)
    found = []
    for token in analysis.tokens[max(0, first) : min(last, len(analysis.tokens))]:
        if token.head is None or token.upos not in ("NOUN", "PROPN", "PRON"):
            continue
        verb = analysis.tokens[token.head]
        passive = bool(tree.kids(verb, "aux:pass")) and not tree.kids(verb, *REFLEXIVE)  # not `si è dimesso`
        if token.deprel in ("obj", "iobj") or (token.deprel == "nsubj:pass" and passive):
            found.append(token.i)
    return found


def quoted_object(analysis: Analysis, verb_index: int) -> tuple[int, int] | None:
    """Token range [first, last) of the cue verb's noun object when quoted words sit anywhere in its phrase,
    relative clauses and commas included (`ha sottolineato gli obiettivi del vertice, dal quale è emersa «…»`),
    or None. The range is the object's subtree up to its first gap that is not punctuation."""
    if not analysis.has_parse or not 0 <= verb_index < len(analysis.tokens):
        return None
    tree = _Tree(analysis)
    verb = tree.predicate(verb_index)
    objects = [o for o in tree.kids(verb, "obj") if o.i > verb.i and o.upos in ("NOUN", "PROPN")]
    if not objects:
        return None
    members = tree.subtree(objects[0])
    first = last = min(members)
    while last + 1 in members or (last + 1 < len(analysis.tokens) and analysis.tokens[last + 1].upos == "PUNCT"
                                  and last + 2 in members):
        last += 1
    if not any(_opens(t.text) for t in analysis.tokens[first : last + 1]):
        return None
    return first, last + 1


class _Tree:
    """Child lists and walks over one analysis's dependency tree."""

    def __init__(self, analysis: Analysis):
        self.tokens = analysis.tokens
        self.children: list[list[Token]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if token.head is not None and 0 <= token.head < len(self.tokens):
                self.children[token.head].append(token)

    def kids(self, token: Token, *deprels: str) -> list[Token]:
        return [c for c in self.children[token.i] if not deprels or c.deprel in deprels]

    def predicate(self, index: int) -> Token:
        token = self.tokens[index]
        if token.deprel in PREDICATE_PARTS and token.head is not None:
            return self.tokens[token.head]
        return token

    def subtree(self, token: Token, keep=None) -> set[int]:
        """Indices of `token` and its descendants; `keep(child)` decides which branches to follow."""
        found, stack = set(), [token]
        while stack:
            current = stack.pop()
            found.add(current.i)
            stack += [c for c in self.children[current.i] if keep is None or keep(c)]
        return found

    def is_ancestor(self, candidate: Token, token: Token) -> bool:
        seen = set()
        while token.head is not None and token.i not in seen:
            seen.add(token.i)
            if token.head == candidate.i:
                return True
            token = self.tokens[token.head]
        return False

    # -- subjects -------------------------------------------------------------------------------------------

    def subject(self, verb: Token) -> Token | None:
        passive = bool(self.kids(verb, "aux:pass"))  # `è stato annunciato`: its nsubj:pass is what was said
        for deprel in SUBJECTS:
            found = [] if passive and deprel == "nsubj:pass" else self.kids(verb, deprel)
            if found:
                subject = found[0]
                if subject.upos == "PRON" and verb.deprel == "acl:relcl" and verb.head is not None:
                    return self.tokens[verb.head]  # `X, che ha detto …`: the antecedent speaks
                return subject
        return self.inverted_subject(verb)

    def inverted_subject(self, verb: Token) -> Token | None:
        """A noun phrase right after the verb that the parser called `obj` but is its subject: a proper noun
        (`ha dichiarato Peskov`), or any noun when the verb has another object (`Lo ha confermato il ministro`) or
        opens an inverted reporting clause after a quote (`«…», ha detto il ministro`)."""
        objects = [o for o in self.kids(verb, "obj") if o.i > verb.i]
        if not objects:
            return None
        candidate = objects[0]
        if min(self.subtree(candidate)) != verb.i + 1 or candidate.upos not in ("PROPN", "NOUN"):
            return None
        if candidate.upos == "PROPN":
            return candidate
        other_object = any(o.i < verb.i for o in self.kids(verb, "obj"))
        first = min([verb.i] + [a.i for a in self.kids(verb, *PREDICATE_PARTS)])
        after_punctuation = first > 0 and self.tokens[first - 1].upos == "PUNCT"
        return candidate if other_object or after_punctuation else None

    def governor(self, verb: Token) -> Token | None:
        """The verb whose subject a subjectless cue shares: `sostenendo che` (advcl/xcomp), `ha voluto
        sottolineare` (an infinitive), `ha parlato e ha detto` (coordination), or an earlier verb of the same
        sentence for a gerund the parser hung on the quote (`«…», ha detto X, aggiungendo che`)."""
        if verb.head is None:
            return None
        head = self.tokens[verb.head]
        feats = verb.feats.split("|")
        gerund = "VerbForm=Ger" in feats
        if verb.deprel in ("advcl", "xcomp") or (verb.deprel == "ccomp" and "VerbForm=Inf" in feats):
            return head
        if verb.deprel == "conj" and self.kids(verb, "cc"):
            if self.quote_closes_between(head, verb):
                return None  # `… «…» e ha insistito che`: the parser joined the verb to a verb inside the quote
            relative = self.relative_clause_of(head)
            if relative is not None and relative.head is not None:
                # `denuncia la mancanza di una guida, che sappia …, e dichiara che`: hung on a relative clause,
                # the verb coordinates with the clause that governs the antecedent
                return self.verb_above(self.tokens[relative.head])
            return head
        if gerund and verb.deprel == "conj":
            earlier = [s for s in self.kids(head, "conj") if s.i < verb.i and s.upos == "VERB"]
            return earlier[-1] if earlier else head
        return None

    def relative_clause_of(self, verb: Token) -> Token | None:
        """The relative clause (acl:relcl) `verb` sits in, climbing through clausal complements only."""
        while verb.deprel in ("xcomp", "ccomp", "conj") and verb.head is not None:
            verb = self.tokens[verb.head]
        return verb if verb.deprel == "acl:relcl" else None

    def verb_above(self, token: Token) -> Token | None:
        while token.head is not None:
            token = self.tokens[token.head]
            if token.upos == "VERB" or token.deprel == "root":
                return token
        return None

    def quote_closes_between(self, first: Token, last: Token) -> bool:
        start, end = sorted((first.i, last.i))
        return any(unicodedata.category(t.text[-1:] or " ") in ("Pf", "Pe") for t in self.tokens[start:end])

    # -- noun phrases ---------------------------------------------------------------------------------------

    def speaker_phrase(self, head: Token) -> list[int]:
        if head.upos != "PROPN":
            name = self.apposed_name(head)
            if name is not None:
                head = name
        return sorted(self.subtree(head, keep=lambda c: c.deprel in NOUN_PHRASE and not self.is_name_apposition(c)))

    def apposed_name(self, head: Token) -> Token | None:
        """A proper name standing beside a role noun inside its phrase, the name being the better mention."""
        for index in sorted(self.subtree(head, keep=lambda c: c.deprel in NOUN_PHRASE or self.is_name_apposition(c))):
            token = self.tokens[index]
            if token is not head and self.is_name_apposition(token):
                return token
        return None

    def is_name_apposition(self, token: Token) -> bool:
        """`, Dmitri Peskov,` beside a role: appos, a multi-word name hung as nmod without a preposition
        (`il presidente americano Donald Trump`), or a comma-led conj that no `e`/`o` coordinates (a parser slip)."""
        if token.upos != "PROPN":
            return False
        if token.deprel == "appos":
            return True
        if token.deprel == "nmod":
            return not self.kids(token, "case") and bool(self.kids(token, *NAME_PARTS))
        if token.deprel == "conj" and token.head is not None:
            siblings = self.kids(self.tokens[token.head], "conj")
            coordinated = any(self.kids(s, "cc") for s in siblings + self.kids(token, "conj"))
            after_comma = token.i > 0 and self.tokens[min(self.subtree(token)) - 1].upos == "PUNCT"
            return after_comma and not coordinated
        return False

    # -- reported clauses -----------------------------------------------------------------------------------

    def reported_clause(self, verb: Token) -> Token | None:
        """The clause the verb reports: ccomp (preferring one introduced by a complementizer, so `ha fatto
        sapere che X` gives X), an xcomp with `di`, or a clause opened by a complementizer right after the verb
        that the parser attached elsewhere (`sostenendo che …` hung on the main verb)."""
        clauses = self.kids(verb, *CLAUSES)
        clauses += [x for x in self.kids(verb, "xcomp") if self.kids(x, "mark")]
        marked = [c for c in clauses if self.kids(c, "mark")]
        if marked or clauses:
            return (marked or clauses)[0]
        return self.clause_after(verb)

    def clause_after(self, verb: Token) -> Token | None:
        skipped = set()
        for child in self.kids(verb, *BETWEEN_VERB_AND_CLAUSE):
            if child.i > verb.i:
                skipped |= self.subtree(child)
        index = verb.i + 1
        while index in skipped:
            index += 1
        if index >= len(self.tokens):
            return None
        mark = self.tokens[index]
        if mark.deprel != "mark" or mark.head is None or mark.head <= verb.i:
            return None
        clause = self.tokens[mark.head]
        return None if self.is_ancestor(clause, verb) else clause


def _opens(text: str) -> bool:
    """An opening quote or bracket, kept at the start of a reported clause (`che «…»`)."""
    return text == '"' or (bool(text) and unicodedata.category(text[0]) in ("Ps", "Pi"))


def _trim_punctuation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop trailing punctuation and spaces, keeping a closing quote or bracket whose opener is inside the span."""
    while end > start:
        char = text[end - 1]
        category = unicodedata.category(char)
        if char.isspace():
            end -= 1
        elif category in ("Pe", "Pf") or char == '"':
            inside = text[start : end - 1]
            if any(unicodedata.category(c) in ("Ps", "Pi") for c in inside) or (char == '"' and '"' in inside):
                break
            end -= 1
        elif category.startswith("P"):
            end -= 1
        else:
            break
    return (start, end) if end > start else None

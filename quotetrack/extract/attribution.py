"""Choosing the speaker of a cue: relative clauses, pre-verbal and post-verbal subjects, carried-over speakers.

These surface rules decide, and are the whole of the built-in engine; with a dependency parse (`analysis.has_parse`)
`syntax.speaker_tokens` is asked where they find no one, before the speaker is carried over from an earlier
statement; a quotation without a cue takes the subject of the verb it hangs on, and a carried-over speaker is never
one the introducing sentence accuses (`syntax.patients`).
"""
from __future__ import annotations

import bisect
from typing import Sequence

from ..kb import KnowledgeBase
from ..models import Statement
from .reported import Cue, attribution_words
from .spans import Doc
from .cues import grammar, is_determiner, is_preposition
from .speakers import CARRIED, Candidate, Candidates, Speaker, speaker_words
from .syntax import governing_verb, patients

CARRY_BACK = 3  # how many earlier statements a carried-over speaker may come from, the closest first
MAX_CLAUSE = 80  # tokens searched for a subject or a clause start: keeps attribution linear on endless sentences
_RANK = {"kb": 0, "name": 0, "title": 1, "organisation": 2, "anonymous": 3, "anaphora": 4}


class Attributor:
    def __init__(self, doc: Doc, kb: KnowledgeBase):
        self.doc = doc
        self.candidates = Candidates(doc, kb)
        self.pending: set[int] = set()  # ids of statements whose speaker is carried over from the previous one

    # -- subjects ----------------------------------------------------------------------------------------------
    def of_cue(self, cue: Cue, inverted: bool = False, earlier: Sequence[Statement] = ()) -> Speaker | None:
        """The speaker of a verb cue; None when the subject is null and must be carried over.

        `inverted`: the cue follows what it reports («…», ha detto X), so its subject is after the verb.
        `earlier`: statements already found in the same sentence (a gerund shares its main verb's subject).
        The surface rules decide; a parse is asked only when they find no subject of the cue's own, before a
        speaker is carried over from the sentence.
        """
        if inverted or self.is_anaphoric(cue):
            return (self.after(cue.last) or self.before(cue) or self._parsed_subject(cue)
                    or self._same_sentence(cue, earlier))
        if cue.gerund:
            return (self._same_sentence(cue, earlier) or self.before(cue, gerund=True) or self.sentence_subject(cue)
                    or self._parsed_subject(cue))
        return (self.relative(cue.first) or self.before(cue) or self._post_subject(cue) or self._parsed_subject(cue)
                or self._same_sentence(cue, earlier) or self.sentence_subject(cue))

    def _parsed_subject(self, cue: Cue) -> Speaker | None:
        if not self.doc.analysis.has_parse or cue.marker:
            return None
        from .syntax import speaker_tokens

        tokens = speaker_tokens(self.doc.analysis, cue.verb)
        if not tokens or (cue.frames & {"object", "label"} and min(tokens) > cue.verb):
            return None  # after `accusare`, `definire` the noun phrase is who is accused or labelled
        return self._speaker_among(tokens)

    def _speaker_among(self, tokens: list[int]) -> Speaker | None:
        for i in sorted(tokens):
            c = self._candidate_covering(i)
            if c is not None:
                return self.candidates.speaker(c)
        return None

    def quotation_subject(self, first: int, last: int) -> Speaker | None:
        """With a parse, the subject of the verb a quotation without a cue hangs on (`Bush ha telefonato ad Aso per
        riaffermare «…»`: Bush), found by the same climbing as a cue's subject; never a passive's patient, a phrase
        inside the quotation, or a verb of another quotation."""
        from .syntax import speaker_tokens

        verb = governing_verb(self.doc.analysis, first, last)
        if verb is None or self.doc.quote_around(self.doc.tokens[verb].start) is not None:
            return None  # «A», «B»: the parser hangs one quotation on another
        tokens = speaker_tokens(self.doc.analysis, verb)
        if not tokens or any(first <= i < last for i in tokens):
            return None
        return self._speaker_among(tokens)

    def _candidate_covering(self, i: int) -> Candidate | None:
        return next((c for c in self.candidates.within(max(0, i - 12), i + 1) if c.first <= i < c.last), None)

    def is_anaphoric(self, cue: Cue) -> bool:
        """`Lo ha confermato X`, `L'ha detto X`: the subject follows the verb."""
        first, _ = self.doc.sentence_bounds(cue.first)
        return cue.first == first and self.doc.lower[cue.first] in grammar("anaphoric_clitics")

    def relative(self, group_first: int) -> Speaker | None:
        """`il premier Romano Prodi che aveva dichiarato`, `Giuliano Amato, che aveva bollato`: the antecedent."""
        doc = self.doc
        k = group_first - 1
        between = grammar("clitics") | attribution_words()["adverbs"]
        while k >= 0 and k > group_first - 4 and doc.lower[k] in between:
            k -= 1
        if k < 0:
            return None
        if doc.lower[k] in grammar("relatives"):
            k -= 1
        elif doc.lower[k] in grammar("relatives_with_article") and k > 0 and is_determiner(doc.lower[k - 1]):
            k -= 2
        else:
            return None
        if k >= 0 and doc.lower[k] == ",":
            k -= 1
        c = self.candidates.by_last.get(k + 1)
        return self.best_of_group(c) if c is not None else None

    def before(self, cue: Cue, gerund: bool = False) -> Speaker | None:
        """The subject of the cue's clause. For a finite verb, the last candidate before it that is not inside a
        prepositional phrase or a relative clause (`In un'intervista con Newsmax, il presidente Trump ha detto`);
        for a gerund, the first one (the main clause's subject, not its object: `Trump attacca Zelensky,
        accusandolo`)."""
        found = self._subjects_between(self.clause_floor(cue.first), cue.first)
        if not found:
            return None
        chosen = found[-1]
        if gerund or not (self._next_to_verb(chosen, cue.first) or self._has_relative(chosen)):
            chosen = found[0]  # the clause's subject, not the object of an earlier verb
        while True:  # back to the head of an apposition group: "Peskov, portavoce del Cremlino, ha detto"
            previous = next((c for c in reversed(found) if c.last <= chosen.first), None)
            if previous is None or not self._apposed(previous, chosen):
                break
            chosen = previous
        return self.best_of_group(chosen, limit=cue.first)

    def _has_relative(self, c: Candidate) -> bool:
        """`un uomo che ha aiutato gli estremisti … ha affermato`: the relative clause is about the subject."""
        k = c.last + (1 if c.last < len(self.doc.tokens) and self.doc.lower[c.last] == "," else 0)
        lower = self.doc.lower
        return k < len(lower) and (lower[k] in grammar("relatives") or is_determiner(lower[k]) and
                                   k + 1 < len(lower) and lower[k + 1] in grammar("relatives_with_article"))

    def _next_to_verb(self, c: Candidate, verb: int) -> bool:
        """Nothing but adverbs, commas and candidates between a candidate and the verb group."""
        adverbs = attribution_words()["adverbs"]
        k = c.last
        while k < verb:
            other = self.candidates.by_first.get(k)
            if other is not None:
                k = other.last
            elif self.doc.lower[k] in adverbs or self.doc.lower[k] == ",":
                k += 1
            else:
                return False
        return True

    def sentence_subject(self, cue: Cue) -> Speaker | None:
        """The subject opening the sentence, for a clause with none of its own (`X ha espresso …, ma ha detto`)."""
        first, _ = self.doc.sentence_bounds(cue.first)
        found = self._subjects_between(first, cue.first)
        if not found or found[0].first > first + 2:
            return None
        return self.best_of_group(found[0], limit=cue.first)

    def _subjects_between(self, floor: int, limit: int) -> list[Candidate]:
        doc = self.doc
        return [c for c in self.candidates.within(max(floor, limit - MAX_CLAUSE), limit) if c.last <= limit
                and not self.in_prepositional_phrase(c) and doc.quote_around(doc.tokens[c.first].start) is None]

    def _apposed(self, left: Candidate, right: Candidate) -> bool:
        gap = self.doc.lower[left.last : right.first]
        return gap == [","] or not gap

    def after(self, position: int, within: int = 3) -> Speaker | None:
        """A subject right after a verb: `ha dichiarato Peskov`, `continua il ministro`."""
        doc = self.doc
        inserts = attribution_words()["adverbs"]
        k = position
        _, sentence_last = doc.sentence_bounds(max(0, position - 1))
        while k < sentence_last and k < position + within and (doc.lower[k] in inserts or doc.lower[k] == ","):
            k += 1
        for c in self.candidates.within(position, k + 2):
            if not self.in_prepositional_phrase(c):
                return self.best_of_group(c)
        return None

    def _post_subject(self, cue: Cue) -> Speaker | None:
        """`ha detto Rossi che …`: a post-verbal subject before the complementizer (never the object of accusare)."""
        if "object" in cue.frames or "label" in cue.frames or cue.marker:
            return None
        return self.after(cue.last, within=2)

    def _same_sentence(self, cue: Cue, earlier) -> Speaker | None:
        first, _ = self.doc.sentence_bounds(cue.first)
        for statement in reversed(earlier[-5:]):
            if statement.speaker is not None and first <= self.doc.token_at(statement.start) < cue.first and id(statement) not in self.pending:
                return Speaker(statement.speaker, statement.speaker_mention, statement.speaker_kind,
                               min(statement.confidence, CARRIED + 0.2))
        return None

    def clause_floor(self, i: int) -> int:
        """First token of the clause holding token i: after the last clause opener outside quotation marks."""
        doc = self.doc
        first, _ = doc.sentence_bounds(i)
        first = max(first, i - MAX_CLAUSE)
        k = i - 1
        while k >= first:
            if doc.lower[k] in grammar("clause_openers") and doc.quote_around(doc.tokens[k].start) is None:
                return k + 1
            k -= 1
        return first

    def in_prepositional_phrase(self, c: Candidate, depth: int = 0) -> bool:
        """`a Russia Today`, `del ministro delle Emergenze Evgeni Zinitchev`: not a subject."""
        doc = self.doc
        k = c.first - 1
        while k >= 0 and (is_determiner(doc.lower[k]) or doc.lower[k] in speaker_words()["np_prefixes"]):
            k -= 1
        if k >= 0 and is_preposition(doc.lower[k]) and doc.lower[k] not in speaker_words()["speaker_prepositions"]:
            return True
        previous = self.candidates.by_last.get(c.first)
        return previous is not None and depth < 3 and self.in_prepositional_phrase(previous, depth + 1)

    def best_of_group(self, c: Candidate, limit: int | None = None) -> Speaker:
        """A name and its apposed title are one speaker: `Dmitri Peskov, portavoce …` — the name is reported."""
        group = [c]
        for other in self.candidates.within(c.last, c.last + MAX_CLAUSE):
            gap = self.doc.lower[group[-1].last : other.first]
            if limit is not None and other.last > limit:
                break
            if all(w in (",", "(", ")") for w in gap) and len(gap) <= 1:
                group.append(other)
            else:
                break
        best = min(group, key=lambda g: (_RANK[g.via] if g.kind == "person" or g.via != "kb" else 1, g.first))
        return self.candidates.speaker(best)

    # -- carrying over -----------------------------------------------------------------------------------------
    def previous_subject(self, position: int, sentences: int = 3) -> tuple[int, Speaker] | None:
        """The person leading one of the previous sentences of the paragraph (`Veltroni, che … . «…», dichiara`),
        with the token where it was found."""
        doc = self.doc
        i = min(doc.token_at(position), len(doc.tokens) - 1)
        first, _ = doc.sentence_bounds(i)
        for _ in range(sentences):
            if first == 0 or doc.paragraph(first - 1) != doc.paragraph(first):
                return None
            first, _ = doc.sentence_bounds(first - 1)
            for c in self.candidates.within(first, first + 7):
                if c.kind == "person" and not self.in_prepositional_phrase(c):
                    return c.first, self.best_of_group(c)
        return None

    def fill_carried(self, statements: list[Statement]) -> None:
        """Give statements with a null subject the speaker of the closest earlier statement, or of the closer
        sentence that a person leads."""
        spoken: list[Statement] = []  # earlier statements with a speaker
        unattributed: list[Statement] = []
        for statement in statements:
            if id(statement) in self.pending:
                self.pending.discard(id(statement))
                silent = self._not_speaking(statement)
                last = next((s for s in reversed(spoken[-CARRY_BACK:]) if s.speaker not in silent), None)
                leading = self.previous_subject(statement.start)
                if leading is not None and leading[1].name in silent:
                    leading = None
                if leading is not None and (last is None or self.doc.tokens[leading[0]].start > last.end):
                    speaker = leading[1]
                    statement.speaker, statement.speaker_mention = speaker.name, speaker.mention
                    statement.speaker_kind, statement.confidence = speaker.kind, CARRIED
                elif last is not None:
                    statement.speaker, statement.speaker_mention = last.speaker, last.speaker_mention
                    statement.speaker_kind, statement.confidence = last.speaker_kind, CARRIED
                else:
                    unattributed.append(statement)
            if statement.speaker is not None:
                spoken.append(statement)
        self._fill_from_next(unattributed, statements)

    def _not_speaking(self, statement: Statement) -> set[str]:
        """With a parse, who the sentence introducing a statement accuses or addresses (`X è stato accusato di
        «…», mentre …: «…»`): the subject of a passive, objects. Without one, nobody: the closest speaker is taken."""
        if not self.doc.analysis.has_parse:
            return set()
        first, _ = self.doc.sentence_bounds(min(self.doc.token_at(statement.start), len(self.doc.tokens) - 1))
        names = set()
        for i in patients(self.doc.analysis, first, self.doc.token_at(statement.start)):
            c = self._candidate_covering(i)
            if c is not None:
                names.add(self.candidates.speaker(c).name)
        return names

    def _fill_from_next(self, unattributed: list[Statement], statements: list[Statement]) -> None:
        """A quotation opening a paragraph before anyone is named (`«…». Berlusconi, dopo …`) belongs to the next
        speaker of that paragraph."""
        starts = [s.start for s in statements]
        for statement in unattributed:
            paragraph = self.doc.paragraph(min(self.doc.token_at(statement.start), len(self.doc.tokens) - 1))
            k = bisect.bisect_right(starts, statement.start)
            for following in statements[k : k + 3]:
                same = self.doc.paragraph(min(self.doc.token_at(following.start), len(self.doc.tokens) - 1)) == paragraph
                if same and following.speaker is not None:
                    statement.speaker, statement.speaker_mention = following.speaker, following.speaker_mention
                    statement.speaker_kind, statement.confidence = following.speaker_kind, CARRIED
                    break


def apply_speaker(statement: Statement, speaker: Speaker | None, attributor: Attributor) -> Statement:
    """Fill a statement's speaker fields, or mark it for carrying over."""
    if speaker is None or speaker.name is None:
        attributor.pending.add(id(statement))
        return statement
    statement.speaker, statement.speaker_mention = speaker.name, speaker.mention
    statement.speaker_kind, statement.confidence = speaker.kind, speaker.confidence
    if speaker.first >= 0 and statement.clause_start is not None:
        doc = attributor.doc
        statement.clause_start = min(statement.clause_start, doc.tokens[speaker.first].start)
        statement.clause_end = max(statement.clause_end or 0, doc.tokens[speaker.last - 1].end)
    return statement


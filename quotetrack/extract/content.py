"""What a cue reports: the clause, infinitive, object or quotation it governs, as token ranges.

With a dependency parse the governed clause comes from the parse (`parsed_content`); the surface reading
(`surface_content`) approximates it from the cue's frames: it steps over adverbs, a post-verbal subject, an adjunct
between commas or a short prepositional phrase (`ha detto, in una nota, che …`, `ha detto ai giornalisti che …`),
then takes the complementizer the frames allow. Content ends at the sentence's end, a semicolon, a new cue's
clause or a gloss (`…, sottolineando`); coordinated clauses (`che A e che B`) are split.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..analysis import Document, QuoteSpan
from ..analysis.tokens import FULL_STOPS
from .cues import Cue, adverb_at, time_expression_end

MAX_SKIP = 12  # tokens a cue may be separated from its complementizer by


@dataclass(frozen=True)
class Content:
    """Reported content: tokens [first, last); `frame` says how the cue governs it; `link` is the complementizer
    (for an object, the `di` after an addressee set off by commas)."""

    first: int
    last: int
    frame: str  # che / se / come / di / object / label / quote / colon / clause / previous
    link: int | None = None
    skipped: int = 0  # tokens stepped over between the cue and its content
    parsed: bool = False  # found through the dependency parse


def surface_content(doc: Document, cue: Cue, stops: frozenset[int]) -> Content | None:
    """The content a verb, light-verb or noun cue governs, read from the surface."""
    frames = cue.frames
    if cue.tense == "participle" and not cue.auxiliary:
        frames = frames & _BARE_PARTICIPLE_FRAMES  # "una proposta definita «assurda»": only quoted words or a label
    sentence_first, limit = doc.near(cue.word)
    if cue.tense == "gerund" and cue.first > 0 and doc.lower[cue.first - 1] == ",":
        limit = inserted_clause_end(doc, cue.last, limit)
    elif _in_appositive_relative(doc, cue):
        limit = _appositive_relative_end(doc, cue.last, limit)
    j = cue.last
    if _may_name_an_agent(cue):
        j = _past_leading_agent(doc, cue, limit)
        limit = _agent_start(doc, j, limit)
    named_agent = j > cue.last
    limit = _fronted_clause_end(doc, cue, limit)
    limit = _subject_phrase_end(doc, cue, sentence_first, limit)
    if cue.kind == "noun":
        j += _copula_after_noun(doc, j, limit)  # "la proposta è di …"
    skipped = j - cue.last
    while j < limit and j - cue.last <= MAX_SKIP:
        low = doc.lower[j]
        token = doc.tokens[j]
        frame = doc.lang.frame_word(low)
        if frame == "che" and cue.kind == "noun" and skipped and _relative_verb_after(doc, j):
            return None  # "le voci sul sindaco che circolavano": the nearer noun's relative clause
        if frame is not None and (frame in frames or (frame == "come" and "che" in frames and low == "come")):
            return _content(doc, j + 1, limit, stops, frame, j, skipped)
        if low in _complementizers(doc.lang, "request") and cue.sense == "request":
            return _content(doc, j + 1, limit, stops, "che", j, skipped)  # "un appello perché restino aperti"
        if low in _complementizers(doc.lang, "reason") and "reason" in frames and j == cue.last + skipped:
            return _content(doc, j + 1, limit, stops, "che", j, skipped)  # "ha espresso perplessità poiché …"
        if low == "di" or low == "d'":
            if ("di" in frames or "object_of" in frames) and _infinitive_at(doc, j + 1, limit):
                return _content(doc, j + 1, limit, stops, "di", j, skipped)
        if j == cue.last + skipped and _charge_at(doc, cue, j, limit):
            if low in ("di", "d'"):
                return _content(doc, j + 1, limit, stops, "charge", j, skipped)  # "l'ha accusato di arroganza"
            return _content(doc, j, limit, stops, "charge", None, skipped)  # "dell'inganno": the article stays
        if (low in ("a", "ad") and "object_to" in frames and j == cue.last + skipped
                and (_object_clitic(doc, cue) or named_agent) and _infinitive_at(doc, j + 1, limit)
                or cue.kind == "noun" and _noun_object_to(doc, cue, j, limit)):
            return _content(doc, j + 1, limit, stops, "di", j, skipped)  # "lo ha invitato a dimettersi", "è stato
            # invitato dal partito a dimettersi" (without an agent, `è chiamato a decidere`: a duty), "l'invito a …"
        if low == ":" and ("colon" in frames or cue.kind == "noun"):
            return None  # a colon introduces direct speech: read with the quotation or the verbatim words after it
        if token.text in OPENING_QUOTES and _quotation_opened_by(doc, j) is not None and ("quote" in frames or skipped == 0
                                                                                   or "label" in frames):
            return _content(doc, j, limit, stops, "quote", None, skipped)
        if ("quote" in frames and doc.lang.preposition(low) is not None and j + 1 < limit
                and doc.tokens[j + 1].text in OPENING_QUOTES and _quotation_opened_by(doc, j + 1) is not None):
            return _content(doc, j + 1, limit, stops, "quote", j, skipped)  # "parla di «…»"
        if j == cue.last + skipped and _quoted_object_at(doc, cue, j, limit):
            return _content(doc, j, limit, stops, "quote", None, skipped)  # "ha criticato la «fretta» di X"
        if "to_of" in frames and doc.lang.preposition(low) == "a" and _adverbs_only(doc, cue.last, j):
            request = _request_after_addressee(doc, j, limit)
            if request is not None:  # the inserted phrase's words cannot end the request before it is made
                return _content(doc, j, limit, stops, "object", request, skipped)
        if frames & _OBJECT_FRAMES and j == cue.last + skipped and low != ",":  # an aside opens no object
            addressed = frames if cue.kind == "noun" or _adverbs_only(doc, cue.last, j) else frames - {"to_of"}
            linked = _object_link(doc, j, limit, addressed, cue.passive)
            if linked is not None:
                return _content(doc, j, limit, stops, linked, None, skipped)
        if j == cue.last + skipped and _predicate_at(doc, cue, j, frames):
            return _content(doc, j, limit, stops, "predicate", None, skipped)  # "si è detto fiducioso che …"
        if "label" in frames and j == cue.last + skipped and _object_clitic(doc, cue) and _nominal_at(doc, j):
            return _content(doc, j, limit, stops, "label", None, skipped)  # "l'ha definita una farsa"
        if frames & _LABEL_FRAMES and j == cue.last + skipped and _fronted_label_at(doc, j, limit):
            return _content(doc, j, limit, stops, "label", None, skipped)  # "ha definito inaccettabile la proposta"
        if ("compare" in frames and j == cue.last + skipped and _object_clitic(doc, cue)
                and doc.lang.preposition(low) in ("a", "con")):
            return _content(doc, j, limit, stops, "label", None, skipped)  # "paragonandolo a un dittatore"
        if ("di" in frames and cue.kind == "verb" and j == cue.last + skipped and cue.tense != "infinitive"
                and not cue.reflexive and _infinitive_at(doc, j, limit)):
            # "ha detto aver sbagliato": di left out; "si rivela essere" (turns out to be) reports nothing
            return _content(doc, j, limit, stops, "di", None, skipped)
        if "che" in frames and cue.kind in ("verb", "light") and _zero_che_verb(doc, j):
            return _content(doc, j, limit, stops, "che", None, skipped)  # "ha detto sarà difficile"
        if j == cue.last + skipped and (quoted := _object_with_quoted_words(doc, cue, j, limit, stops, skipped)):
            return quoted  # "ha ricordato le vittime, senza che «…»"
        step = _skippable(doc, j, limit, cue)
        if step == 0:
            return None
        j += step
        skipped += step
    return None


def inserted_clause_end(doc: Document, first: int, limit: int) -> int:
    """A clause set off by commas (`Rossi, definendolo un errore, ha votato contro`; `Rossi, secondo il quale …, ha
    votato contro`) ends at the comma before the main clause's verb."""
    for k in range(first, limit - 1):
        if doc.lower[k] == "," and doc.tokens[k + 1].text[:1].islower() and finite_verb(doc, k + 1):
            return k
    return limit


def _in_appositive_relative(doc: Document, cue: Cue) -> bool:
    """A cue in a relative clause set off by a comma (`Mario Rossi, che ha detto che …`): a gloss on a noun phrase of
    the sentence, which ends where the sentence takes that phrase back."""
    before = doc.before_group_adverbs(cue.first)
    return before > 0 and doc.lower[before] == "che" and doc.lower[before - 1] == ","


def _appositive_relative_end(doc: Document, first: int, limit: int) -> int:
    """Where an appositive relative clause ends: at a comma before `e` and a noun phrase (`tra loro Rossi, che promette
    di …, e Anna Neri`: the list the relative glossed an item of goes on), or before the main clause's finite verb once
    the content has a verb of its own (`Rossi, che ha detto che il piano è pronto, è stato rieletto`; in `…, che il
    piano, approvato ieri, è pronto` the verb after the comma is the content's)."""
    lang = doc.lang
    for k in range(first, limit - 2):
        if doc.lower[k] != ",":
            continue
        after = k + 1
        if doc.lower[after] in lang.words("coordinators") and (lang.is_determiner(doc.lower[after + 1])
                                                               or after + 1 in doc.mention_at_first):
            return k
        if doc.tokens[after].text[:1].islower() and finite_verb(doc, after) and any(
                finite_verb(doc, j) for j in range(first, k)):
            return k
    return limit


def gerund(doc: Document, k: int) -> bool:
    """The word at token k is a gerund, with a clitic attached or not (`dicendo`, `dicendolo`)."""
    return _strip_clitics(doc.lower[k], doc.lang).endswith(doc.lang.endings("gerund_endings"))


def finite_verb(doc: Document, k: int) -> bool:
    """A verb form that is neither infinitive (`aver`, `esser` too: no finite form ends in -r), gerund nor
    participle (any verb right after an auxiliary is one: `ha preso`, `aver assunto`), and no noun after an article
    (`la legge`)."""
    upos, low = doc.upos[k], doc.lower[k]  # the columns: this is asked of most words near a cue
    lang = doc.lang
    if upos not in ("AUX", "VERB") or k > 0 and lang.is_determiner(doc.lower[k - 1]):
        return False
    if k > 0 and upos == "VERB" and _auxiliary(doc, k - 1):
        return False
    nonfinite = lang.endings("past_participle_endings", "gerund_endings", "infinitive_endings",
                             "truncated_infinitive_endings")
    bare = _strip_clitics(low, lang)  # candidarsi, dicendolo: the infinitive loses its e before a clitic
    return not (low.endswith(nonfinite) or bare != low and bare.endswith(nonfinite))


def _auxiliary(doc: Document, k: int) -> bool:
    low = doc.lower[k]
    return low in doc.lang.auxiliaries or low in doc.lang.words("auxiliary_infinitives")


def _main_clause_resumes(doc: Document, first: int, last: int) -> int:
    """Content with no finite verb of its own (`di votare contro`, `«…»`, `le dimissioni`) ends where `e`, `ma` or a
    comma leads to a finite verb outside any subordinate clause: the sentence's main clause goes on (`ha annunciato
    di votare contro e ha lasciato la sala`, `ha detto «…» ed è uscito`)."""
    lang = doc.lang
    joiners = lang.words("coordinators") | {"ma", ","}
    openers = lang.words("subordinate_openers")
    nonfinite = lang.endings("past_participle_endings", "gerund_endings", "infinitive_endings")
    k = first
    while k < last:
        if doc.texts[k] in OPENING_QUOTES and (quote := _quotation_opened_by(doc, k)) is not None:
            opens_content, k = k == first, doc.token_at(quote.close)
            if opens_content and k < last and finite_verb(doc, k):
                return k  # `con scritto «Grazie» è stato appeso …`: the quoted object, then the main clause's verb
            continue
        if doc.lower[k] == "," and k > first and _another_party_compared(doc, k + 1, last):
            return k  # "si è dichiarata estranea ai fatti, come il presidente": who else did
        if doc.lower[k] in openers or finite_verb(doc, k):
            return last  # a clause of its own inside the content: its verbs may be coordinated too
        if doc.lower[k] in joiners and _clause_may_open(doc, k + 1, last):
            for j in _words_after(doc, k, last, 6):
                if not doc.lower[j][:1].isalnum() or doc.lower[j] in openers or doc.lower[j].endswith(nonfinite):
                    break  # `e di dare il voto`: an infinitive coordinated with the content's
                if doc.tokens[j].upos in ("AUX", "VERB"):
                    if finite_verb(doc, j):
                        return k
                    break
        k += 1
    return last


def _clause_may_open(doc: Document, k: int, last: int) -> bool:
    """A clause can open at k: a verb, a subject (a determiner, a pronoun, a name), a preposition's adjunct, a clitic
    or an adverb. A bare noun or adjective after `e` (`agenti ed elicotteri militari`, `fisso e annuale promesso`) is
    a word coordinated with the one before, whatever verb-like word follows it."""
    if k >= last:
        return False
    lang, low = doc.lang, doc.lower[k]
    return (doc.upos[k] in ("AUX", "VERB") or not low[:1].isalpha() or lang.is_determiner(low)
            or lang.preposition(low) is not None or low in lang.words("subject_pronouns")
            or low in lang.words("clitics") or k in doc.mention_at_first or adverb_at(doc, k))


def _words_after(doc: Document, k: int, last: int, count: int) -> Iterator[int]:
    """The next `count` tokens after k before `last`, each quotation passed over whole (`…, soltanto i «frondisti»
    restano`: quoted words are no verb of the clause around them, and their marks no end of it)."""
    j = k + 1
    while j < last and count > 0:
        if doc.texts[j] in OPENING_QUOTES and (quote := _quotation_opened_by(doc, j)) is not None:
            j = doc.token_at(quote.close)
            continue
        yield j
        count -= 1
        j += 1


def _another_party_compared(doc: Document, k: int, last: int) -> bool:
    """`come` + a name or a determiner's phrase at k (`…, come il sindaco`, `…, come Anna Neri`): someone else said or
    did the same, in the writer's words."""
    if not (k + 1 < last and doc.lower[k] == "come"):
        return False
    return doc.lang.is_determiner(doc.lower[k + 1]) or k + 1 in doc.mention_at_first


def _noun_object_to(doc: Document, cue: Cue, k: int, limit: int) -> bool:
    """`l'invito a votare`, `un appello ad abbassare i toni`: a speech noun whose request follows with `a`."""
    return doc.lower[k] in ("a", "ad") and "object_to" in cue.frames and _infinitive_at(doc, k + 1, limit)


def _subject_phrase_end(doc: Document, cue: Cue, sentence_first: int, limit: int) -> int:
    """A speech noun that opens its sentence is the main clause's subject (`L'annuncio di Rossi di candidarsi ha
    sorpreso tutti`, `La richiesta che il governo intervenga è stata respinta`), and so is the infinitive of a cleft
    (`A chiedere che il reparto resti aperto è il sindaco`): what it governs ends before the main verb, the first
    finite verb no clause of the phrase is still waiting for."""
    lang = doc.lang
    if not (_cleft_infinitive(doc, cue, sentence_first) or cue.kind == "noun" and all(
            lang.is_determiner(doc.lower[k]) for k in range(sentence_first, cue.first))):
        return limit
    openers = lang.words("subordinate_openers")
    waiting = 0  # clauses opened (`che`, `se`, `chi` …) whose verb has not come yet
    k = cue.last
    while k < limit:
        if doc.texts[k] in OPENING_QUOTES and (quote := _quotation_opened_by(doc, k)) is not None:
            k = doc.token_at(quote.close) + 1
            continue
        low = doc.lower[k]
        if low in openers:
            waiting += 1
        elif finite_verb(doc, k) and _verb_not_noun(doc, k):
            if not waiting:  # `La proposta di Rossi è quella di …`: the main verb is a copula naming what was said
                return limit if cue.kind == "noun" and _copula_after_noun(doc, k, limit) else k
            waiting -= 1
        k += 1
    return limit


def _cleft_infinitive(doc: Document, cue: Cue, sentence_first: int) -> bool:
    """A reporting verb after the `a` that opens its sentence, an infinitive there whatever its form (`far`): the
    subject of a cleft (`A denunciarlo sono i residenti`, `Ad annunciare che … è il comune`)."""
    return cue.kind in ("verb", "light") and cue.first == sentence_first + 1 and doc.lower[sentence_first] in ("a", "ad")


def _verb_not_noun(doc: Document, k: int) -> bool:
    """A finite verb form that no preposition, article or clitic comes right before (`sul lavoro` is a noun)."""
    before = doc.lower[k - 1]
    lang = doc.lang
    return lang.preposition(before) is None and not lang.is_determiner(before) and before.isalpha()


def _gloss_start(doc: Document, first: int, last: int) -> int:
    """Where the writer's gloss on the content's last noun begins: a comma, then a bare noun or adjective whose own
    relative clause or participle follows (`…, somma che è poi salita`, `…, simbolo della città che …`, `…, cosa
    già successa`); a list goes on (`risorse, personale e mezzi`)."""
    lang = doc.lang
    relatives = lang.words("relative_pronouns")
    participles = lang.endings("past_participle_endings")
    for k in range(first + 1, last - 2):
        word = doc.tokens[k + 1]
        if doc.lower[k] != "," or not word.text[:1].islower() or not word.text.isalpha() or word.upos in ("VERB", "AUX") \
                or doc.lower[k + 1] in lang.function_words or adverb_at(doc, k + 1):
            continue
        for j in range(k + 2, last):
            if doc.lower[j] in (",", ";", ":") or finite_verb(doc, j) or doc.lower[j] in lang.words("coordinators"):
                break
            if doc.lower[j] in relatives or doc.lower[j].endswith(participles) and doc.tokens[j].upos in ("VERB", "AUX"):
                return k
    return _closing_apposition_start(doc, first, last)


def _closing_apposition_start(doc: Document, first: int, last: int) -> int:
    """Where the writer's apposition on the content's last noun begins when it runs to the content's end: a comma,
    then a past participle (`…, nominato lo scorso anno`). A participle coordinated with the one before the
    comma (`fermata, perquisita`) is the content's own, and so is an apposition the content's clause may resume
    after."""
    lang = doc.lang
    participles = lang.endings("past_participle_endings")
    for k in range(first + 2, last - 2):
        if doc.lower[k] != "," or doc.lower[k - 1].endswith(participles):
            continue
        low = doc.lower[k + 1]
        if low.endswith(participles) and doc.tokens[k + 1].upos == "VERB" and not _labelling_verb(doc, low) \
                and not _clause_resumes_after(doc, k + 1, last):
            return k
    return last


def _labelling_verb(doc: Document, low: str) -> bool:
    """`ritenuta`, `definito`, `considerati`: a participle that labels (`…, ritenuta la vera responsabile`) carries the
    speaker's judgement, not the writer's gloss."""
    form = doc.lang.verb_forms.get(low)
    return form is not None and "label" in doc.lang.verb_frames.get(form.lemma, ())


def _clause_resumes_after(doc: Document, start: int, last: int) -> bool:
    """A comma after `start`, or a finite verb outside any relative or subordinate clause: the clause the
    apposition sits in may go on (`…, firmato ieri, entro fine anno`, `il ponte, costruito nel 1950, è sicuro`)."""
    openers = doc.lang.words("subordinate_openers")
    for j in range(start, last):
        if doc.lower[j] == ",":
            return True
        if doc.lower[j] in openers:
            return any(doc.lower[t] == "," for t in range(j, last))
        if finite_verb(doc, j):
            return True
    return False


def _verb_of_another_subject(doc: Document, first: int, last: int) -> int:
    """A finite clause ends where `e` leads, past adverbs only, to a finite verb whose number is not its own verb's
    (`… che il partito voterà la fiducia e hanno lasciato l'aula`): with no subject of its own, that verb's
    subject is the main clause's, and the main clause goes on."""
    lang = doc.lang
    plural = lang.endings("plural_verb_endings")
    skipped = lang.words("group_adverbs") | lang.words("clitics") | {","}
    own = next((k for k in range(first, last) if finite_verb(doc, k)), None)
    if own is None:
        return last
    for k in range(own + 1, last - 1):
        if doc.lower[k] not in lang.words("coordinators"):
            continue
        j = k + 1
        while j < last and (doc.lower[j] in skipped or adverb_at(doc, j)):
            j += 1
        if j < last and finite_verb(doc, j) and doc.lower[j].endswith(plural) != doc.lower[own].endswith(plural):
            return k
    return last


def _fronted_clause_end(doc: Document, cue: Cue, limit: int) -> int:
    """In a subordinate clause that opens the sentence (`Benché Rossi abbia detto che il piano è pronto, il
    consiglio …`) the content ends at the first comma: what follows is the main clause."""
    first, _ = doc.near(cue.first)
    if doc.lower[first] not in doc.lang.words("fronted_subordinators") or any(
            doc.lower[k] == "," and not _apposition_comma(doc, k) for k in range(first, cue.first)):
        return limit  # the cue is in the main clause
    k = cue.last
    while k < limit and doc.lower[k] != ",":
        if doc.tokens[k].text in OPENING_QUOTES and doc.quote_around(doc.tokens[k].start) is not None:
            k = doc.token_at(doc.quote_around(doc.tokens[k].start).close)
        k += 1
    return min(k, limit)


def _apposition_comma(doc: Document, k: int) -> bool:
    """A comma between two mentions: `il segretario del partito, Mario Rossi`."""
    return doc.mention_at_first.get(k + 1) is not None and any(m.last == k for m in doc.mentions_within(max(0, k - 8), k))


def _may_name_an_agent(cue: Cue) -> bool:
    """A passive or a bare participle (`definito «folle» da Rossi`) may name who spoke after `da`; a compound active
    tense (`ha detto che … dal premier`) has no agent: its `da` belongs to what was said."""
    return cue.passive or cue.tense == "participle" and not cue.auxiliary


def _past_leading_agent(doc: Document, cue: Cue, limit: int) -> int:
    """Where what was said may start after a passive or a participle: `è stato invitato dal partito a dimettersi`,
    `accusato da un vicino, Paolo Bianchi, di aver mentito`: the agent (and an apposition on it) may stand between
    the participle and the clause it governs; the cue's end when no such agent and clause follow."""
    k = doc.past_group_adverbs(cue.last, limit)
    if k >= limit or doc.lower[k] not in doc.lang.agent_preposition_forms:
        return cue.last
    first = doc.past_determiners(k + 1, limit, possessives=True)
    k = _mentions_end(doc, first, limit)
    if k == first:
        return cue.last
    if k < limit and doc.lower[k] == ",":
        apposition = doc.past_determiners(k + 1, limit)
        end = _mentions_end(doc, apposition, limit)
        if apposition < end < limit and doc.lower[end] == ",":
            k = end + 1
    return k if k < limit and _opens_clause(doc, k, limit, cue.frames) else cue.last


def _mentions_end(doc: Document, first: int, limit: int) -> int:
    """The end of the mentions that follow each other from `first` (`il sindaco` `Carla Neri`); `first` if none."""
    k = first
    while k < limit and k in doc.mention_at_first and doc.mention_at_first[k].last <= limit:
        k = doc.mention_at_first[k].last
    return k


def _agent_start(doc: Document, first: int, limit: int) -> int:
    """A passive's or a participle's agent (`definito «folle» da Rossi`) is who spoke, not what was said: the
    content ends before `da` + a mention, outside quotation marks."""
    lang = doc.lang
    agent_forms = lang.agent_preposition_forms
    for k in range(first, limit - 1):
        if doc.lower[k] in agent_forms and doc.quote_around(doc.tokens[k].start) is None:
            j = doc.past_determiners(k + 1, limit)
            if j in doc.mention_at_first:
                return k
    return limit


def _predicate_at(doc: Document, cue: Cue, j: int, frames: frozenset[str]) -> bool:
    """`si è detto fiducioso`, `dichiarandosi pronta`, `si è detta d'accordo`: a reflexive cue of the predicate frame,
    then an adjective, a participle, a noun or a predicative phrase (its complement and any che-clause belong to what
    was said)."""
    if "predicate" not in frames or not cue.reflexive:
        return False
    phrases = doc.lang.words("predicate_phrases")
    if doc.lower[j] in phrases:
        return True  # "si è detto contro la guerra"
    if j + 1 < len(doc.tokens):
        first = doc.lower[j]
        if (first + ("" if first.endswith("'") else " ") + doc.lower[j + 1]) in phrases:
            return True  # "si è detta d'accordo", "dicendosi a favore del dialogo"
    return _nominal_at(doc, j)


def _object_clitic(doc: Document, cue: Cue) -> bool:
    """The cue's object is a clitic (`l'ha definita`, `lo definisce`, `definendolo`): the words after the verb are
    the label itself."""
    lang = doc.lang
    group = doc.lower[cue.first : cue.word]
    if any(w in lang.words("clitics") and w not in lang.words("reflexive_clitics") for w in group):
        return True
    verb = doc.lower[cue.word]
    return cue.tense in ("gerund", "infinitive") and verb.endswith(tuple(
        c for c in lang.words("attached_clitics") if c not in lang.words("reflexive_clitics")))


def _charge_at(doc: Document, cue: Cue, j: int, limit: int) -> bool:
    """`di` + the noun of a charge at j, after a verb of accusing whose object is already said: a clitic
    (`accusandolo di incompetenza`), or the passive's subject when the charge is quoted (`è stata accusata di
    «arroganza»`): someone's words. A bare passive (`è accusato di omicidio`) is a court's charge, no statement. With
    a noun object the link is read by `_object_link`; an infinitive after `di` is read as any `di` clause."""
    if "charge" not in cue.frames or doc.lang.preposition(doc.lower[j]) != "di" or j + 1 >= limit:
        return False
    said = _object_clitic(doc, cue) or cue.passive and doc.tokens[j + 1].text in OPENING_QUOTES
    return said and _nominal_at(doc, j + 1) and not _infinitive_at(doc, j + 1, limit)


def _nominal_at(doc: Document, j: int) -> bool:
    """A lower-case content word that is not a finite verb: an adjective, a participle, a noun, or an article or a
    quotation mark opening a noun phrase."""
    lang, token = doc.lang, doc.tokens[j]
    low = doc.lower[j]
    if lang.is_determiner(low) or token.text in OPENING_QUOTES:
        return True
    if not token.text[:1].islower() or not low.isalpha() or low in lang.function_words or low in lang.auxiliaries:
        return False
    return (token.upos not in ("VERB", "AUX") or "VerbForm=Part" in token.feats
            or low.endswith(lang.endings("past_participle_endings", "irregular_participle_endings")))  # `commosso`


def _fronted_label_at(doc: Document, j: int, limit: int) -> bool:
    """`ha definito inaccettabile la proposta`, `dichiarando falsa la notizia`: the label before its object, one
    lower-case word that is no verb, no function word and no adverb, then the object's article."""
    lang, token = doc.lang, doc.tokens[j]
    return (j + 1 < limit and token.text.isalpha() and token.text.islower() and token.upos not in ("VERB", "AUX")
            and doc.lower[j] not in lang.function_words and not adverb_at(doc, j)
            and lang.is_determiner(doc.lower[j + 1]) and doc.lower[j + 1] not in lang.words("indefinite_articles"))


def _indefinite_article(doc: Document, k: int) -> bool:
    """`un`, `una`: after an object, the noun phrase it opens is a predicative label (`lo definì un errore`)."""
    return doc.lower[k] in doc.lang.words("indefinite_articles")


def _quoted_object_at(doc: Document, cue: Cue, j: int, limit: int) -> bool:
    """A noun phrase object with quoted words in it (`ha criticato la «fretta» del governo`, `ha lodato il suo
    «coraggio» in aula`, `ha sottolineato la presenza di «prove schiaccianti»`): a verb that reports quoted words takes the
    whole phrase, its determiners and a `di` complement of its noun included."""
    lang = doc.lang
    if cue.kind not in ("verb", "light") or "quote" not in cue.frames or not lang.is_determiner(doc.lower[j]):
        return False
    k = j + 1
    while k < limit and k <= j + 3 and (lang.is_determiner_or_possessive(doc.lower[k])
                                        or lang.preposition(doc.lower[k]) == "di" and k > j + 1
                                        or doc.tokens[k].text.isalpha() and doc.tokens[k].text.islower()
                                        and doc.lower[k] not in lang.function_words):
        k += 1
    return k < limit and doc.texts[k] in OPENING_QUOTES and _quotation_opened_by(doc, k) is not None


def _object_with_quoted_words(doc: Document, cue: Cue, j: int, limit: int, stops: frozenset[int],
                              skipped: int) -> Content | None:
    """`ha sottolineato gli obiettivi del vertice, dal quale è emersa «un'intesa»`: a noun-phrase object whose quoted
    words come further on in its clause. Words that report a noun phrase are a statement only with quoted words in
    it, and then the whole phrase is the content (GUIDELINES §1: mixed). After a finite cue set off by a comma (`…,
    lamenta il sindaco, …`) the phrase is the cue's subject; a gerund's (`…, paventando il rischio …`) is its object."""
    if (cue.kind not in ("verb", "light") or "quote" not in cue.frames or not doc.lang.is_determiner(doc.lower[j])
            or cue.first > 0 and doc.lower[cue.first - 1] == "," and cue.tense != "gerund"):
        return None
    content = _content(doc, j, limit, stops, "quote", None, skipped)
    if content is None:
        return None
    quotes = doc.quotes_within(doc.tokens[content.first].start, doc.tokens[content.last - 1].end)
    return content if any(_words_of_the_object(doc, quote, content.first) for quote in quotes) else None


_OBJECT_QUOTE_MIN_WORDS = 3  # fewer quoted words further on are a name or a scare quote (il "voto palese", sul "Sì")


def _words_of_the_object(doc: Document, quote: QuoteSpan, first: int) -> bool:
    """A quotation of a few words that no verb of its own introduces (`definita «…»`: that participle's) and that no
    bracket opened after `first` holds (`(in cinese "…")`: a gloss): the object's own quoted words."""
    k = doc.token_at(quote.open)
    before = doc.tokens[k - 1]
    brackets = doc.lower[first:k]
    return (len(doc.text[quote.start : quote.end].split()) >= _OBJECT_QUOTE_MIN_WORDS
            and before.upos not in ("VERB", "AUX") and not before.lower.endswith(doc.lang.endings("past_participle_endings"))
            and brackets.count("(") <= brackets.count(")"))


def _zero_che_verb(doc: Document, j: int) -> bool:
    """A verb that opens a che-clause without its "che": a future, a conditional or a subjunctive."""
    lang, low = doc.lang, doc.lower[j]
    if low in lang.words("zero_che_words"):
        return True
    return (low.endswith(lang.endings("zero_che_endings")) and doc.tokens[j].text[:1].islower()
            and low not in lang.function_words and doc.tokens[j].upos in ("VERB", "AUX", ""))


@lru_cache(maxsize=16)
def _complementizers(lang, kind: str) -> frozenset[str]:
    """The words that open a request's or a reason's clause (reporting.yaml `<kind>_complementizers`), read once per
    language: the content reader asks at every word after a cue."""
    return frozenset(lang.reporting.get(f"{kind}_complementizers") or ())


_BARE_PARTICIPLE_FRAMES = frozenset({"quote", "label"})
_LABEL_FRAMES = frozenset({"label", "predicate"})  # verbs that give a label: definire X Y, dichiarare falsa la notizia
_OBJECT_FRAMES = frozenset({"to_of", "object_of", "object_to", "label", "compare", "reason"})
_CLAUSE_FRAMES = frozenset({"che", "se", "come"})  # a finite clause a complementizer opens
_FINITE_FRAMES = frozenset({"che", "se", "come", "clause", "colon", "previous"})  # content that is a finite clause
OPENING_QUOTES = frozenset("«“\"‘„")
CLOSING_QUOTES = frozenset("»”\"’")


def _skippable(doc: Document, j: int, limit: int, cue: Cue) -> int:
    """How many tokens at j may stand between a cue and its content: an adverb, a mention (a post-verbal subject or
    `di X` after a noun cue), a time expression, an adjunct or a gerund's aside between commas, a short prepositional
    phrase. 0 when none."""
    lang = doc.lang
    low = doc.lower[j]
    if adverb_at(doc, j):
        return 1
    if (j == cue.last and low in lang.words("coordinators") and j + 1 < limit
            and lang.verb_forms.get(doc.lower[j + 1]) is not None):
        return 2  # "ha annunciato e confermato che": two reporting verbs share the content
    mention = doc.mention_at_first.get(j)
    if mention is not None and mention.kind in ("person", "organisation", "anonymous", "country"):
        return mention.last - j
    time = time_expression_end(doc, j, limit)
    if time > j:
        return time - j
    if (low == "," and j > cue.last and j + 2 < limit and doc.lower[j + 1] == "che" and not doc.verb_follows(j + 2)
            and not _gerund_aside(doc, cue)):
        return 1  # "ha spiegato ai soci del circolo, che a maggio …": the adjunct's closing comma
    if low == ",":
        aside = j + 1 < limit and _strip_clitics(doc.lower[j + 1], lang).endswith(lang.endings("gerund_endings"))
        for k in range(j + 1, min(limit, j + (16 if aside else 10))):
            if k > j + 2 and doc.lower[k] == "che" and lang.preposition(doc.lower[j + 1]) is not None and not any(
                    doc.tokens[t].upos in ("VERB", "AUX") for t in range(j + 1, k)):
                return k - j  # "ha annunciato, tramite il suo avvocato che …": the closing comma left out
            if doc.lower[k] == ",":
                inside = range(j + 2 if aside else j + 1, k)  # `, rispondendo ai giornalisti,`: a gerund's aside
                if any(_clause_verb(doc, t) or doc.lang.frame_word(doc.lower[t]) for t in inside):
                    return 0
                return k - j + 1
            if doc.lower[k] in (".", ";", ":") or doc.tokens[k].text in OPENING_QUOTES:
                return 0
        return 0
    if low == "di" and cue.kind == "noun" and j + 1 in doc.mention_at_first:
        return doc.mention_at_first[j + 1].last - j  # "l'annuncio di Rossi di candidarsi": whose announcement
    prep = lang.preposition(low)
    if prep is not None and prep not in ("di",) or (prep == "di" and low != "di" and cue.kind == "noun"):
        k = j + 1
        while k < limit and k < j + 8 and doc.lower[k] not in _STOP_SKIP and doc.tokens[k].text not in OPENING_QUOTES:
            if doc.lang.frame_word(doc.lower[k]) or (doc.lower[k] == "di" and _infinitive_at(doc, k + 1, limit)):
                return k - j
            if cue.kind == "noun" and _noun_object_to(doc, cue, k, limit):
                return k - j  # "l'appello del sindaco a restare in casa"
            if cue.kind == "noun" and k > j + 1 and _addressed_request_at(doc, cue, k, limit):
                return k - j  # "la richiesta del sindaco ai residenti di …": the request keeps its addressee
            if k > j + 1 and _quoted_object_at(doc, cue, k, limit):
                return k - j  # "ha criticato in aula la «fretta» del governo"
            if cue.kind == "noun" and (copula := _copula_after_noun(doc, k, limit)):
                return k - j + copula  # "la proposta del sindaco è quella di …"
            if _clause_verb(doc, k):
                return 0  # a verb ends the phrase; after an article the word is a noun (`in una nota`)
            k += 1
        if k < limit and doc.lower[k] == ",":
            return k - j
        return 0
    if lang.is_determiner(low) or doc.tokens[j].upos == "PROPN":
        mention_after = doc.mention_at_first.get(j + 1)
        if mention_after is not None:
            return mention_after.last - j
    return 0


def _copula_after_noun(doc: Document, j: int, limit: int) -> int:
    """`La proposta del sindaco è quella di chiudere il centro`, `la risposta è stata che …`: a speech noun as the
    subject of `essere` names what was said after the copula (and a pronoun standing for the noun). The copula's
    length up to the `di` or `che` that opens what was said; 0 when no copula opens a clause at j."""
    k = j
    while k < limit and k < j + 3 and doc.lang.auxiliaries.get(doc.lower[k]) == "essere":
        k += 1
    if k == j or k >= limit:
        return 0
    if doc.lang.is_determiner(doc.lower[k]):
        k += 1  # `quella di`
    if k < limit and (doc.lower[k] == "che" or doc.lower[k] in ("di", "d'") and _infinitive_at(doc, k + 1, limit)):
        return k - j
    return 0


_STOP_SKIP = frozenset({",", ".", ";", ":", "(", ")"})


def _gerund_aside(doc: Document, cue: Cue) -> bool:
    """A gerund after a comma (`ha annunciato, rispondendo ai cronisti, che …`): the comma after its words closes
    the aside, and the `che` after it is the main verb's."""
    return cue.tense == "gerund" and cue.first > 0 and doc.lower[cue.first - 1] == ","


def _relative_verb_after(doc: Document, j: int) -> bool:
    """`che` at j with a finite verb right after it, past words between it and a speech noun (`le voci sul sindaco
    che circolavano`, `il parere di Anna Neri, che aveva chiesto …`): the relative pronoun of the nearer noun, subject
    of its own clause. Right after the speech noun the clause may be the one it reports (`la motivazione che mancavano
    le prove`), and a clause that brings its subject or a negation first is reported (`l'accusa al sindaco che il
    bilancio sia falso`)."""
    return j + 1 < len(doc.tokens) and finite_verb(doc, j + 1)


def _clause_verb(doc: Document, k: int) -> bool:
    """A verb that makes the words around it a clause: not a noun after an article, nor a participle without an
    auxiliary, which modifies a noun (`le domande poste ieri`, `una nota diffusa in serata`) as an adjective would."""
    token = doc.tokens[k]
    if token.upos not in ("VERB", "AUX") or _after_article(doc, k):
        return False
    return "VerbForm=Part" not in token.feats or _auxiliary(doc, k - 1)


def _after_article(doc: Document, k: int) -> bool:
    """Token k follows an article or a preposition joined with one (`una nota`, `nel comunicato`): a noun, whatever
    a verb it looks like."""
    before = doc.lower[k - 1]
    joined = doc.lang.preposition(before)
    return doc.lang.is_determiner(before) or (joined is not None and joined != before)


def _infinitive_at(doc: Document, k: int, limit: int) -> bool:
    """An infinitive (or `aver`/`essere` + participle, or a clitic-infinitive) at k."""
    lang = doc.lang
    while k < limit and (doc.lower[k] in ("non", "più", "mai", "già") or doc.tokens[k].text in OPENING_QUOTES):
        k += 1  # `di non dire`, `di «prendere …»`
    if k >= limit or k in doc.mention_of_token:
        return False  # `di Carla Neri`: a name, whatever its ending
    token = doc.tokens[k]
    if "VerbForm=Inf" in token.feats:
        return True
    low = token.lower
    if low in lang.words("auxiliary_infinitives"):
        return True
    if not low.isalpha() or len(low) < 3 or low in lang.function_words:
        return False
    return (len(low) > 3 and low.endswith(lang.endings("infinitive_endings"))
            or low.endswith(lang.endings("truncated_infinitive_endings")) and lang.lemma(low) != low
            or _clitic_infinitive(low, lang))


def _clitic_infinitive(low: str, lang) -> bool:
    for clitic in lang.words("attached_clitics"):
        if low.endswith(clitic) and low[: -len(clitic)].endswith(lang.endings("truncated_infinitive_endings")):
            return True
    return False


def _object_link(doc: Document, j: int, limit: int, frames: frozenset[str], passive: bool = False) -> str | None:
    """`chiedere a X di Y`, `accusare X di Y`, `invitare X a Y`, `definire X (come) Y`, `paragonare X a Y`,
    `criticare X perché Y`: the content keeps X when the link follows it within a few words. After a `passive`, X is
    the subject put after the verb, and only a clause makes it one of `accusare X di Y` (`è stato accusato il sindaco
    di aver mentito`; in `la scossa è stata avvertita fino a dieci chilometri di distanza` nobody was warned)."""
    lang = doc.lang
    first_prep = lang.preposition(doc.lower[j])
    relative = False  # a relative clause of the object (`i cronisti che lo hanno seguito come …`) has verbs of its own
    for k in range(j + 1, min(limit, j + 10)):
        low = doc.lower[k]
        prep = lang.preposition(low)
        relative = relative or low in lang.words("relative_pronouns")
        if low in (".", ";", ":") or doc.tokens[k].upos == "AUX" and not relative:
            return None
        if k > j + 1 and doc.lower[k - 1] == "per" and _infinitive_at(doc, k, limit):
            return None  # "minacciano ritorsioni per punire l'arresto di …": a purpose clause, no `di` of the verb's
        if prep == "di" and k > j and ("to_of" in frames and first_prep == "a" or "object_of" in frames and first_prep is None):
            if ("to_of" in frames or passive) and not _infinitive_at(doc, k + 1, limit):
                continue
            return "object"
        if prep == "a" and "object_to" in frames and first_prep is None and _infinitive_at(doc, k + 1, limit):
            return "object"
        if prep in ("a", "con") and "compare" in frames and first_prep is None:
            return "label"
        if low in _complementizers(doc.lang, "reason") and "reason" in frames and first_prep is None:
            return "reason"  # "ha criticato il sindaco perché ha chiuso il parco"
        if "label" in frames and first_prep is None and (low == "come" or doc.tokens[k].text in OPENING_QUOTES
                                                          or _adjective_after_object(doc, j, k)
                                                          or k > j + 1 and _indefinite_article(doc, k)
                                                          and _object_phrase_at(doc, j)):
            return "label"  # "ha definito il piano «…»", "… come …", "… inaccettabile", "… una vergogna"
        if "label" in frames and first_prep == "di" and low == "come" and _noun_phrase_after_come(doc, k + 1, limit):
            return "label"  # "ha parlato della riforma come di un errore": the label of a `di` object
    return None


def _noun_phrase_after_come(doc: Document, k: int, limit: int) -> bool:
    """`come un errore`, `come di una svolta`, `come della svolta`, `come «…»`: a label after `come`, not an idiom
    (`come sempre`)."""
    lang = doc.lang
    if k < limit and doc.lower[k] in ("di", "d'"):
        k += 1  # "come di un errore"
    return k < limit and (lang.is_determiner(doc.lower[k]) or lang.preposition(doc.lower[k]) == "di"
                          or doc.tokens[k].text in OPENING_QUOTES)


def _addressed_request_at(doc: Document, cue: Cue, k: int, limit: int) -> bool:
    """`a X di` + infinitive at k after a noun that takes an addressee (`la richiesta da parte del governo agli
    alleati di ritirarsi`): the addressee opens the content, as it does after a verb."""
    return ("to_of" in cue.frames and doc.lang.preposition(doc.lower[k]) == "a"
            and _object_link(doc, k, limit, frozenset({"to_of"})) == "object")


def _adverbs_only(doc: Document, first: int, last: int) -> bool:
    """Nothing but adverbs between the cue and an addressee (`ha chiesto subito a X`): after an object
    (`ha ribadito la sua opposizione a X`) the `a` belongs to that noun."""
    return all(doc.tokens[k].upos == "ADV" for k in range(first, last))


def _request_after_addressee(doc: Document, j: int, limit: int) -> int | None:
    """`chiedere ai residenti, preoccupati per …, di non uscire`: an addressee followed by an inserted phrase, however
    long, hands the request on at the `, di` + infinitive that closes it. Returns that `di`."""
    for k in range(j + 2, limit - 1):
        if doc.lower[k] in (".", ";", ":", "?", "!"):
            return None
        if doc.lower[k] == "," and doc.lower[k + 1] in ("di", "d'") and _infinitive_at(doc, k + 2, limit):
            return k + 1
    return None


def _object_phrase_at(doc: Document, j: int) -> bool:
    """A noun phrase that can be the object a label names (`il piano`, `questa scelta`, `Rossi`): an adjective or an
    adverb there (`si è presentato armato di un coltello`, `… stamattina per una querela`) is no object, and the
    `un` after it opens no label."""
    lang, low = doc.lang, doc.lower[j]
    return (lang.is_determiner_or_possessive(low) or low in lang.words("demonstratives") or j in doc.mention_at_first
            or doc.tokens[j].text[:1].isupper())


def _adjective_after_object(doc: Document, j: int, k: int) -> bool:
    """`ha definito la proposta inaccettabile`: an adjective right after the object phrase."""
    token = doc.tokens[k]
    return token.upos == "ADJ" and k >= j + 2 and doc.lang.is_determiner(doc.lower[j])


def _content(doc: Document, first: int, limit: int, stops: frozenset[int], frame: str, link: int | None,
             skipped: int) -> Content | None:
    """The content from `first`. An object's link (the `di` after an addressee) is where the reported words proper
    begin: the main clause resuming is looked for only from there."""
    last = content_end(doc, first, limit, stops)
    if frame in _CLAUSE_FRAMES and (_elaboration_after_colon(doc, last, limit, stops)
                                    or verbless_list_after_colon(doc, last, limit, stops)
                                    or _subject_before_colon(doc, first, last, limit)):
        last = content_end(doc, last + 1, limit, stops)  # "ha spiegato che A: B": B details A, in the same voice
    if frame == "quote":
        last = _after_last_quote(doc, first, last)
    body = link if frame == "object" and link is not None else first
    last = _gloss_start(doc, first, _journalist_resumes(doc, body, last, frame))
    last = trim_end(doc, first, last)
    if last <= first or _ends_in_a_lead_in(doc, last):
        return None
    return Content(first, last, frame, link, skipped)


def _ends_in_a_lead_in(doc: Document, last: int) -> bool:
    """Content ending in a complementiser or a preposition (`di essere convinto che «…»`): the quotation says it, the
    words before it are no content."""
    return bool(doc.lang.frame_word(doc.lower[last - 1]) or doc.lang.preposition(doc.lower[last - 1]))


def _journalist_resumes(doc: Document, first: int, last: int, frame: str) -> int:
    """Where the journalist's words take the sentence back from the content, whichever reading found it: an adjunct
    right after quoted words; the main clause at a comma or `e` before its own finite verb when the content has
    none, before a verb of another number when it has one."""
    last = _adjunct_after_quotation(doc, first, last)
    if frame not in _FINITE_FRAMES:
        return _main_clause_resumes(doc, first, last)
    return _verb_of_another_subject(doc, first, last)


def _elaboration_after_colon(doc: Document, k: int, limit: int, stops: frozenset[int]) -> bool:
    """A colon inside a reported clause followed by a lower-case clause without quotation marks (`ha spiegato che
    il piano è fallito: i fondi non sono arrivati`): what follows spells out what was said. Quoted words or a capital
    after it are the speaker's own (direct speech). The clause's verb may come after an inserted phrase (`: agli
    iscritti, tra cui Rossi, veniva offerto …`)."""
    if not (k + 1 < limit and doc.lower[k] == ":" and doc.tokens[k + 1].text[:1].islower()
            and doc.tokens[k + 1].text[:1].isalpha()):
        return False
    return any(finite_verb(doc, j) for j in range(k + 1, content_end(doc, k + 1, limit, stops)))


def _subject_before_colon(doc: Document, first: int, k: int, limit: int) -> bool:
    """`ha affermato che la giunta: «non decide nulla»`: a clause opened by `che` with no verb before a colon is only
    its subject so far; its predicate comes after the colon."""
    return (k + 1 < limit and doc.lower[k] == ":" and k > first
            and not any(finite_verb(doc, j) or doc.tokens[j].upos in ("VERB", "AUX") for j in range(first, k)))


def verbless_list_after_colon(doc: Document, k: int, limit: int, stops: frozenset[int]) -> bool:
    """A colon followed by noun phrases with no verb of their own up to the content's end (`ha detto che sono stati
    fermati due uomini: un autista e il suo complice`, `secondo Rossi è nata una coalizione: quella dei sindaci`): they
    name what the content spoke of, in the same voice."""
    lang = doc.lang
    if not (k + 1 < limit and doc.lower[k] == ":" and (lang.is_determiner(doc.lower[k + 1])
                                                         or doc.lower[k + 1] in lang.words("demonstratives"))):
        return False
    end = content_end(doc, k + 1, limit, stops)
    return not any(finite_verb(doc, j) for j in range(k + 1, end))


def _after_last_quote(doc: Document, first: int, last: int) -> int:
    """A quoted object (`parla di «…»`, `ha espresso «…» per …`) ends at the first comma or bracket after its last
    quotation."""
    seen_quote = False
    for k, closed in _outside_quotations(doc, first, last):
        seen_quote = seen_quote or closed
        if seen_quote and doc.lower[k] in (",", "(", "-", "–", "—", ";"):
            return k
    return last


def _adjunct_after_quotation(doc: Document, first: int, last: int) -> int:
    """Quoted words followed at once by the journalist's adjunct (`ha parlato di «tradimento» rivolto al sindaco`,
    `lo ha definito «un errore» dopo il voto`, `«…» riguardo la crisi`): the content ends with the quotation."""
    adjuncts = _adjuncts_after_quotation(doc.lang)
    for k, closed in _outside_quotations(doc, first, last):
        if closed and any(tuple(doc.lower[k : k + len(words)]) == words for words in adjuncts):
            return k
    return last


@lru_cache(maxsize=4)
def _adjuncts_after_quotation(lang) -> tuple[tuple[str, ...], ...]:
    """grammar.yaml's `adjuncts_after_quotation` as word tuples, split once per language, not once per content."""
    return tuple(tuple(words.split()) for words in lang.words("adjuncts_after_quotation"))


def _outside_quotations(doc: Document, first: int, last: int) -> Iterator[tuple[int, bool]]:
    """The tokens of [first, last) outside the quotations opened there, in order, each with whether a quotation
    closes right before it."""
    k, closed = first, False
    while k < last:
        if doc.texts[k] in OPENING_QUOTES and (quote := _quotation_opened_by(doc, k)) is not None:
            k, closed = doc.token_at(quote.close), True  # the word after the closing mark
            continue
        yield k, closed
        k, closed = k + 1, False


def _quotation_opened_by(doc: Document, k: int) -> QuoteSpan | None:
    """The quotation the quotation mark at token k opens (None when the mark closes one, or opens none)."""
    quote = doc.quote_around(doc.tokens[k].start)
    return quote if quote is not None and quote.open == doc.tokens[k].start else None


def content_end(doc: Document, start: int, limit: int, stops: frozenset[int]) -> int:
    """Where reported content ends: the sentence's end, a semicolon or colon, a new cue's clause, a `mentre`
    clause of another party, a gerund gloss after a comma, or a closing bracket that opened before the content."""
    lang = doc.lang
    breakers = lang.words("content_breakers")
    gerund = lang.endings("gerund_endings")
    depth = 0
    k = start
    while k < limit:
        low = doc.lower[k]
        if doc.texts[k] in OPENING_QUOTES and (quote := _quotation_opened_by(doc, k)) is not None:
            words = doc.text[quote.start : quote.end].split()
            if (k > start + 2 and len(words) >= 4 and (doc.lower[k - 1] == "," or words[0][:1].isupper())
                    and not _quotation_goes_on(doc, k, words[0])):
                break  # `…, «…»`, `… «Siamo pronti …»`: the speaker's own words, a direct statement of their own
            k = doc.token_at(quote.close)
            continue
        if low in (";", ":") or (k > start and (k in stops or _sentence_end_at(doc, k, limit))):
            break
        if k > start and low in breakers and _contrast_of_its_own(doc, k, limit, stops):
            break
        if low == "(":
            depth += 1
        elif low == ")":
            if depth == 0:
                break
            depth -= 1
        elif low == "," and k + 1 < limit and (k + 1 in stops or _gerund_of_another_act(doc, k + 1, gerund)):
            break
        elif low == "," and _writer_clause_at(doc, k + 1, limit) and _words_before(doc, start, k):
            break  # "…, ma la richiesta è stata respinta": the journalist's clause, with a subject of its own
        elif depth == 0 and k > start + 1 and _gerund_clause(doc, k, gerund):
            while k > start + 1 and (doc.lower[k - 1] == "non" or adverb_at(doc, k - 1)):
                k -= 1  # `… non nascondendo`: the gerund's clause starts at its negation
            break
        k += 1
    return k


def _quotation_goes_on(doc: Document, k: int, first_word: str) -> bool:
    """`ha detto di non essere stanco, «ma di voler cambiare squadra»`: a quotation after a comma that opens with a
    lower-case `ma` carries on the reported clause before it."""
    return doc.lower[k - 1] == "," and first_word in doc.lang.words("quotation_continuing_openers")


def _contrast_of_its_own(doc: Document, k: int, limit: int, stops: frozenset[int]) -> bool:
    """`…, mentre Rossi ha scelto di tacere`, `…, mentre il ministero ha smentito`, `…, mentre secondo altri …`: the
    journalist sets a named party, or someone else's words or clause, against the content. A `mentre` clause with
    neither (`…, mentre il resto andrà ai comuni`) is part of what was said."""
    lang = doc.lang
    j = doc.past_group_adverbs(k + 1, limit)
    if j < limit and j in doc.mention_at_first and doc.tokens[j].text[:1].isupper():
        return True
    while j < limit and doc.lower[j] not in (";", ":") and not _sentence_end_at(doc, j, limit):
        if j in stops:
            return True
        form = lang.verb_forms.get(doc.lower[j])
        if form is not None and (form.finite or form.tense == "gerund" or form.participle
                                 and doc.lower[j - 1] in lang.auxiliaries) or doc.lower[j] in lang.words("source_markers"):
            return True
        j += 1
    return False


def _writer_clause_at(doc: Document, k: int, limit: int) -> bool:
    """A conjunction of grammar.yaml's `writer_clause_openers` at k (`ma`, `dopo che`) whose clause has a subject of
    its own: after a clause of the content, the journalist's contrast or the event that came before (`…, dopo che il
    consiglio ha votato contro`)."""
    for opener in _writer_clause_openers(doc.lang):
        after = k + len(opener)
        if after < limit and tuple(doc.lower[k:after]) == opener and _subject_and_verb_at(doc, after, limit):
            return True
    return False


def _words_before(doc: Document, start: int, k: int) -> bool:
    """Content before k that is more than adverbs and commas (`infatti, dopo che …, il sindaco …` has none yet)."""
    return any(doc.lower[j].isalnum() and not adverb_at(doc, j) for j in range(start, k))


@lru_cache(maxsize=4)
def _writer_clause_openers(lang) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(words.split()) for words in lang.words("writer_clause_openers"))


def _subject_and_verb_at(doc: Document, k: int, limit: int) -> bool:
    """A clause with a subject of its own at k: a noun phrase opened by a determiner, a name or a pronoun, then a
    finite verb (`il sindaco ha respinto …`, `Rossi replica …`, `ciò non è bastato`). A contrast that shares the
    reported clause's subject or verb (`…, ma non ora`, `…, ma ha chiesto …`, `…, ma il costo totale`) goes on with
    what was said."""
    lang, low = doc.lang, doc.lower[k]
    if not (lang.is_determiner(low) or low in lang.words("subject_pronouns") or k in doc.mention_at_first):
        return False
    return any(finite_verb(doc, j) for j in range(k + 1, min(limit, k + 9)) if doc.lower[j] not in (";", ":", "."))


def _sentence_end_at(doc: Document, k: int, limit: int) -> bool:
    """A full stop, `!` or `?` before a capitalised word (or a quotation mark opening one: `. «Il …`), after no
    abbreviation or initial: the sentence ends there even where a stray quotation mark kept the sentences together,
    and reported content never runs past it."""
    after = k + 2 if k + 2 < limit and doc.texts[k + 1] in OPENING_QUOTES else k + 1
    if doc.lower[k] not in FULL_STOPS or after >= limit or not doc.tokens[after].text[:1].isupper():
        return False
    before = doc.tokens[k - 1].text
    return not (doc.lower[k] == "." and (len(before) == 1 and before.isupper() or before.lower() in doc.lang.abbreviations))


def _gerund_of_another_act(doc: Document, k: int, gerund: tuple[str, ...]) -> bool:
    """A gerund after the content's comma that tells another act: the speaker's next words (`…, aggiungendo che …`, a
    reporting verb) or what the words caused (`…, provocando la reazione del sindaco`: grammar.yaml
    `consequence_gerunds`). A gerund of manner or circumstance (`…, ignorando i divieti`) is part of what was said; a
    word with a gerund's ending that is no verb (`…, quando …`: a clause of time) ends the content too."""
    lang = doc.lang
    bare = _strip_clitics(doc.lower[k], lang)
    if not bare.endswith(gerund):
        return False
    return (doc.tokens[k].upos != "VERB" or doc.lower[k] in lang.verb_forms or bare in lang.verb_forms
            or bare in lang.words("consequence_gerunds"))


def _gerund_clause(doc: Document, k: int, gerund: tuple[str, ...]) -> bool:
    """A gerund that opens a clause of the speaker's own after the content, even without a comma: a reporting
    gerund (`chiede di rinviare il voto sostenendo che …`), a negated one (`ha ammesso che … non nascondendo la
    delusione`) or one after `ma` or `e` (`lo ha chiamato un equivoco ma ritirando …`). A gerund of manner inside
    the content (`ha detto che il comune ha chiuso il bilancio tagliando le spese`) and a progressive's (`sta
    lavorando`) go on with it."""
    token = doc.tokens[k]
    if token.upos != "VERB" or not token.text.islower():
        return False  # the cheap tests first: this runs on every word of a content
    lang = doc.lang
    bare = _strip_clitics(token.lower, lang)
    if not bare.endswith(gerund):
        return False
    j = k - 1
    while j > 0 and adverb_at(doc, j) and doc.lower[j] != "non":
        j -= 1
    if doc.tokens[j].lemma in lang.words("progressive_verbs"):
        return False
    return (token.lower in lang.verb_forms or bare in lang.verb_forms or doc.lower[j] == "non"
            or doc.lower[j] in lang.words("coordinators") | {"ma"})


def _strip_clitics(low: str, lang) -> str:
    """The word without the clitic attached to its end (`dicendolo` → `dicendo`) when more than four letters are left,
    else the word. Most words end in no clitic: one test in C answers for them."""
    if not low.endswith(lang.endings("attached_clitics")):
        return low
    for clitic in _clitics_longest_first(lang):
        if low.endswith(clitic) and len(low) > len(clitic) + 4:
            return low[: -len(clitic)]
    return low


@lru_cache(maxsize=4)
def _clitics_longest_first(lang) -> tuple[str, ...]:
    """The attached clitics, longest first: `chiedendogli` loses `gli`, not `li` (a set's order would decide, and it
    changes from one Python process to the next)."""
    return tuple(sorted(lang.words("attached_clitics"), key=lambda c: (-len(c), c)))


def trim_end(doc: Document, first: int, last: int) -> int:
    """Content ends on a word of its own: not on punctuation, nor on the `e` or `ma` of a clause cut off after it,
    nor on an aside in brackets."""
    closers = doc.lang.words("coordinators") | {"ma", ",", ".", ";", ":", "-", "–", "—", "!", "?"}
    while last > first:
        if doc.lower[last - 1] in closers:
            last -= 1
        elif (opening := _closing_aside(doc, first, last)) is not None:
            last = opening
        else:
            break
    return last


_ASIDE_WORDS = 3  # `(5G)`, `(Roma Nord)`: one or two words in brackets gloss the word before them; more is an aside


def _closing_aside(doc: Document, first: int, last: int) -> int | None:
    """`… (era stata valutata anche un'altra ipotesi)`, `… (come riporta un quotidiano)`: words in brackets that
    close the content are the journalist's note on it; inside quotation marks they are the speaker's own. Returns
    where the bracket opens."""
    if doc.lower[last - 1] != ")" or doc.quote_around(doc.tokens[last - 1].start) is not None:
        return None
    k = last - 2
    while k > first and doc.lower[k] not in ("(", ")"):
        k -= 1
    words = sum(doc.lower[t][:1].isalnum() for t in range(k + 1, last - 1))
    return k if k > first and doc.lower[k] == "(" and words >= _ASIDE_WORDS else None


def coordinated_parts(doc: Document, content: Content, frames: frozenset[str]) -> list[Content]:
    """`che A e che B`, `di A e di B`, `che A, e di B`, `che A, ma che B`, `(ha chiesto) a X di A e di B`,
    `Secondo X A e che B`: one content per coordinated clause opened by a complementizer the cue's frames allow."""
    if content.frame not in ("che", "di", "se", "come", "object", "clause"):
        return [content]
    if content.frame != "object":
        frames = frames - {"to_of"}  # `ricorda che A, per permettere a X di B`: an addressee's `di` only after one
    parts, start = [], content.first
    k = content.first
    if content.frame == "object" and content.link is not None:
        k = content.link + 1  # `a X, che …, di A`: the addressee's relative clause coordinates nothing
    elif content.frame == "object":  # `a X, …, di A e di B`: the object's own `di` comes first, coordination after it
        k = next((j + 1 for j in range(k, content.last - 1) if _opens_clause(doc, j, content.last, frames)), content.last)
    lang = doc.lang
    joiners = lang.words("coordinators") | {"ma", ",", "o", "oppure", "nonché"}
    while k < content.last - 1:
        if doc.lower[k] in joiners and doc.quote_around(doc.tokens[k].start) is None:
            j = k + 1
            if doc.lower[k] == "," and j < content.last and doc.lower[j] in joiners:
                j += 1
            # `…, il paese, che …`: a relative clause on the noun before the comma, unless a source or a quotation
            # opens it (`…, che secondo X …`, `…, che «…»`: what was said goes on in a clause of its own)
            relative = doc.lower[j] == "che" and j == k + 1 and doc.lower[k] == "," and j + 1 < content.last \
                and doc.lower[j + 1] not in lang.words("source_markers") and doc.texts[j + 1] not in OPENING_QUOTES
            # a bare clause (`Secondo X A e che B`) coordinates a che-clause only after a verb of its own: after a
            # noun phrase (`X, campione di Y e che ha vinto …`) the che-clause is a relative one
            relative = relative or content.frame == "clause" and not any(finite_verb(doc, t) for t in range(start, k))
            relative = relative or _coordinated_modifier(doc, start, k, j)
            if j < content.last and not relative and _opens_clause(doc, j, content.last, frames):
                parts.append((start, k))
                start, k = j + 1, j + 1
                continue
        k += 1
    parts.append((start, content.last))
    if len(parts) == 1:
        return [content]
    out = []
    for a, b in parts:
        b = trim_end(doc, a, b)
        if b > a:
            out.append(Content(a, b, content.frame, content.link, content.skipped, content.parsed))
    return out


def _coordinated_modifier(doc: Document, start: int, k: int, j: int) -> bool:
    """`…, due uomini, poi fuggiti in auto e che ora sono ricercati`, `… verso Napoli dove arriverà domani e dove
    resterà`: a `che` after a participle's phrase, or a `dove` after a `dove` clause of the content, adds one more
    modifier to the noun before them (a relative clause), not a second reported clause."""
    lang = doc.lang
    if doc.lower[j] == "dove":
        return "dove" in doc.lower[start:k]
    if doc.lower[j] != "che":
        return False
    phrase = next((t + 1 for t in range(k - 1, start, -1) if doc.lower[t] == ","), start)
    while phrase < k and adverb_at(doc, phrase):
        phrase += 1
    word = doc.tokens[phrase]
    return (phrase < k and word.text.islower() and word.text.isalpha()
            and word.lower.endswith(lang.endings("past_participle_endings")) and not finite_verb(doc, phrase))


def _opens_clause(doc: Document, j: int, limit: int, frames: frozenset[str]) -> bool:
    low = doc.lower[j]
    frame = doc.lang.frame_word(low)
    if low == "che" or frame is not None and frame in frames:
        return True
    return _takes_preposition(low, frames) and _infinitive_at(doc, j + 1, limit)


def _takes_preposition(low: str, frames: frozenset[str]) -> bool:
    """Whether a cue with these frames reports an infinitive through this preposition: `di` (`ha annunciato di …`,
    `l'ha accusato di …`) or `a` (`l'ha invitato a …`)."""
    return low in ("di", "d'") and not frames.isdisjoint(("di", "object_of", "to_of")) or (
        low in ("a", "ad") and "object_to" in frames)


def parsed_content(doc: Document, cue: Cue, stops: frozenset[int]) -> Content | None:
    """With a parse: the clause the cue governs (ccomp / xcomp / a clause marked by che, di, se, come), from the
    word after its marker to the last word of its subtree, not past the sentence, a new cue's clause or the main
    clause resuming. A bare participle governs none, as in the surface reading (`il piano, annunciato per rassicurare
    i mercati, …`: a purpose, not words)."""
    if not parse_reads(doc, cue):
        return None
    tokens = doc.tokens
    clause = None
    heads = [cue.word, *range(cue.word + 1, cue.last)] if cue.kind == "light" else [cue.word]
    for child in (c for head in heads for c in doc.children(head)):
        rel = tokens[child].deprel.split(":")[0]
        if rel in ("ccomp", "xcomp", "csubj") or (rel == "advcl" and _marked(doc, child)):
            if child >= cue.last:
                clause = child
                break
    if clause is None:
        return None
    marker = next((c for c in doc.children(clause) if tokens[c].deprel == "mark" and c >= cue.last), None)
    first = marker + 1 if marker is not None else min(_subtree(doc, clause))
    if first < cue.last or marker is not None and _untaken_preposition(doc, marker, cue.frames):
        return None
    frame = "clause"
    if marker is not None:
        frame = doc.lang.frame_word(doc.lower[marker]) or ("di" if doc.lower[marker] in ("di", "d'") else "clause")
    _, limit = doc.near(cue.word)
    if _may_name_an_agent(cue):
        limit = _agent_start(doc, cue.last, limit)
    end = content_end(doc, first, limit, stops)
    last = _through_quotation(doc, first, min(max(_subtree(doc, clause)) + 1, end), end)
    last = trim_end(doc, first, _journalist_resumes(doc, first, last, frame))
    if last <= first or _ends_in_a_lead_in(doc, last) or _cut_before_nested_clause(doc, last):
        return None
    return Content(first, last, frame, marker, max(0, (marker or first) - cue.last), parsed=True)


def parse_reads(doc: Document, cue: Cue) -> bool:
    """Whether the parse is asked for the clause a cue governs (`parsed_content`): a verb's or a light verb's, not a
    bare participle's; a noun's content and a marker's are read on the surface alone."""
    return doc.has_parse and cue.kind in ("verb", "light") and not (cue.tense == "participle" and not cue.auxiliary)


def _untaken_preposition(doc: Document, marker: int, frames: frozenset[str]) -> bool:
    """A clause opened by a preposition the cue's frames do not take (`continua a lavorare`: `continuare` reports
    after a colon or as an aside, never through `a`) is the verb's other use, an aspect or a purpose, not words."""
    low = doc.lower[marker]
    return low in ("di", "d'", "a", "ad") and not _takes_preposition(low, frames)


def _cut_before_nested_clause(doc: Document, last: int) -> bool:
    """`ha sottolineato di essere convinto | che «…»`: the content stops at a reporting verb right before its
    complementiser, so its words only lead in to what that nested cue reports (the surface reading reads nothing
    there either)."""
    return (last < len(doc.tokens) and doc.lang.frame_word(doc.lower[last]) is not None
            and doc.lower[last - 1] in doc.lang.verb_forms)


def parse_gives_way(doc: Document, parsed: Content, surface: Content) -> bool:
    """Whether the surface reading of a cue stands in for the parse's clause: where the parse cuts it short
    (`cut_short`), or where the parse's clause starts only after the surface content ends, a later clause hung on the
    cue (`affermando di esserne contenta, | mentre X ha …`) that skips what the cue governs right after it."""
    return cut_short(doc, parsed, surface) or parsed.first >= surface.last


def cut_short(doc: Document, parsed: Content, surface: Content) -> bool:
    """Whether the parse's clause stops short where the surface reading of the same cue goes on: in mid-phrase, the
    next word following without a punctuation mark (`ha detto di volere | che …`, `si è detto sicuro | della …`) and
    opening no gerund gloss; at a colon, whose words explain the clause (`ha spiegato che X: Y`); or at the comma
    closing an aside right after the complementiser (`ha detto che, finita la riunione, | …`), which the parse took
    for the clause. A parse that ends at another comma or before a gerund may be right where the surface runs on."""
    if not (surface.first <= parsed.first < parsed.last < surface.last):
        return False
    after = doc.tokens[parsed.last]
    if after.text == ":" or after.text == "," and doc.tokens[surface.first].text == ",":
        return True
    if not (after.text[:1].isalnum() or after.text in OPENING_QUOTES):
        return False
    return not gerund(doc, parsed.last)


def _through_quotation(doc: Document, first: int, last: int, end: int) -> int:
    """A clause of the parse that stops inside a quotation opened within it (`che «A, ma B»` read as `che «A`)
    goes on to the quotation's end: quoted words are one utterance, however the parse splits them."""
    if last <= first:
        return last
    quote = doc.quote_around(doc.tokens[last - 1].start)
    if quote is None or quote.open < doc.tokens[first].start or quote.close <= doc.tokens[last - 1].end:
        return last
    return max(last, min(doc.token_at(quote.close), end))


def _marked(doc: Document, head: int) -> bool:
    return any(doc.tokens[c].deprel == "mark" and doc.lower[c] in ("che", "di", "se", "come") for c in doc.children(head))


def _subtree(doc: Document, head: int, limit: int = 400) -> list[int]:
    out, todo = [], [head]
    while todo and len(out) < limit:
        k = todo.pop()
        out.append(k)
        todo.extend(doc.children(k))
    return out

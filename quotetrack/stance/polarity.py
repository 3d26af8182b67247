"""Polarity through syntax: the evaluative words of a span, composed with what changes them, and what they are about.

`evaluations` reads a token range of the document once: each word or multiword phrase with a prior polarity
(`StanceLexicon`: Sentix-derived priors, the stance words, the reporting verbs' own polarity) becomes an
`Evaluation`, after negation (`non … mai` is one negation), contrast (`ma`: what follows weighs more than what came
before), requests and questions (`deve`, `chiediamo`, `?`: the clause asks rather than judges) and hedges (`se`,
`forse`).
`relation` says how an evaluation reaches a mention through the words between them (before the evaluative
predicate in its clause: its subject; right after it: its object; next to it: the head it modifies; in the clause
otherwise). Both engines read it so: the Stanza parse's relations in their place gave lower cross-validated stance
figures on gold-dev (docs/stance.md).
"""
from __future__ import annotations

import bisect
from itertools import compress, count
from operator import itemgetter, methodcaller
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..analysis import Document, Mention
    from .lexicon import StanceLexicon

_SKIPPABLE = ("DET", "PRON", "ADP", "AUX")  # words between its lemmas a word may link to another (`sostegno | a | X`)
# …and a multiword evaluation may have adverbs too (`ha fatto solo il suo dovere`, `fare sempre il massimo`)
_PHRASE_SKIPPABLE = (*_SKIPPABLE, "ADV")
_OBJECT_GAP = 3  # how far after an evaluative word its object may start (a preposition and an article between)
_APPOSITION_LENGTH = 8  # how many words an apposition between commas may have (`, il presidente della regione,`)
_PREDICATE_GAP = 4  # how many words a copula and its articles and adverbs may put between a name and what it is called
_ADVERB_TAGS = ("ADV", "")  # what may stand between a passive auxiliary and its participle
_CONTENT_OPENERS = ("che", ":")  # after a reporting verb: what follows is speech, the verb judges nobody
_PASSIVE_REQUEST_REACH = 12  # how far back from what is asked a passive request verb may be (agent, apposition)
_COUNTERFACTUAL_REACH = 4  # how far a condition's past subjunctive may be from `se` and from what it says (`fosse stato più`)
_AGENT_PHRASE_LENGTH = 5  # `da parte di` and at most two adverbs or adjectives before it (`anche`, `serio`)
_LED_GAP = 4  # how many words the one led may take between a verb of leading and `a`/`in` (`il nostro paese`)
_DESIGNATIONS = ("organisation", "title")  # phrases whose head noun may be a judgement word (`il regime di X`)
_FIRST_CHARACTER = itemgetter(slice(0, 1))


class Evaluation(NamedTuple):
    first: int  # tokens [first, last) of the word or phrase
    last: int
    prior: float  # out of context
    judgement: bool  # a judgement word (stance.yaml, a reporting verb's own polarity, a phrase), not a sentiment
    score: float  # after negation, contrast and hedging
    negator: int | None  # the token that negates it
    clause: int  # first token of its clause
    sentence: int
    request: bool  # in a clause that asks or obliges
    hedged: bool
    contrast: int  # +1 after a contrast word of its sentence, -1 before one, 0 neither
    fought: bool = False  # governed by a word of acting against it ("contro l'arroganza"): it speaks for the actor
    harm: bool = False  # a word of harm ("colpire", "insultare"): its object is the victim
    passive: bool = False  # a participle after a passive auxiliary ("è stato colpito"): its subject is its object
    demanded: bool = False  # a word that opposes only when asked for ("dimettersi"): elsewhere it reports an event
    attitude: bool = False  # where its subject stands toward another ("X critica Y"): it judges that other only
    held: bool = False  # a noun of an attitude held ("sostegno", "fiducia"): its `di` names who holds it
    asker: int | None = None  # the passive request it completes ("X è stato invitato … a dimettersi"): X is asked
    leader: int | None = None  # the verb that leads someone to it ("X ha portato Y alla rovina"): X's doing, Y's fate

    def victim(self, mention: Mention) -> bool:
        """Is the mention the one a word of harm is done to: after it (`colpisce X`), or before it in the passive
        (`X è stato colpito`)? In the passive a word of blame is done to its subject too (`X è stato criticato`,
        `è stato dimesso`): the speaker reports what others did to X."""
        if self.passive:
            return mention.first < self.first and (self.harm or self.score < 0)
        return self.harm and mention.first >= self.last

    @property
    def evidence_first(self) -> int:
        return self.negator if self.negator is not None and self.negator < self.first else self.first


def evaluations(doc: Document, first: int, last: int, lexicon: StanceLexicon) -> list[Evaluation]:
    """The evaluative words and phrases of tokens [first, last), in order; names never evaluate, nor do titles and
    descriptions the mention index resolved to someone."""
    tokens, named = doc.tokens, doc.mention_of_token
    breaks = doc.among(list(range(first, last)), lexicon.clause_ends)
    contrast_at: dict[int, list[int]] = {}  # the contrast words of each sentence
    for k in breaks:
        if doc.lower[k] in lexicon.contrast:
            contrast_at.setdefault(doc.sentence_of[k], []).append(k)
    found: list[Evaluation] = []
    end = first  # where the word or phrase read last ends: a phrase's other words are read with its first
    for i in _may_evaluate(doc, first, last, lexicon):
        token, mention = tokens[i], named.get(i)
        if i < end or mention is not None and mention.name is not None and not _designating(mention, i) and not (
                _misread_judgement(doc, mention, i, lexicon) or _names_no_one(mention)) or not token.text[:1].isalpha():
            continue
        if lexicon.intensified(_lemma(doc, i)) not in lexicon.evaluative and not token.text[:1].isupper() or (
                _noun_reading(doc, i, lexicon) or _charged(doc, i, lexicon)):
            continue  # `_word` would read it by this lemma alone, and no lexicon gives it a polarity
        end, prior, judgement, lemma = _word(doc, i, last, lexicon)
        if lemma in lexicon.authorship and end == i + 1:  # "responsabile della crisi": the crisis judges its author
            prior = _authored(doc, end, last, lexicon) or prior
        clause = _clause_start(doc, i, first, breaks)
        maker = _maker(doc, i, clause, lexicon) if end == i + 1 else None
        if maker is not None:  # "ha reso il paese più sicuro": what the subject of `rendere` did
            judgement = judgement or lemma in lexicon.outcomes  # a sentiment ("più triste") stays one
            prior = _outcome(doc, i, maker, lemma, prior, lexicon)
        if mention is not None and not judgement:
            prior = 0.0  # an unnamed title judges only by a judgement word ("è come un dittatore")
        verb_polarity = doc.lang.verb_polarity.get(lemma) if end == i + 1 else None
        if verb_polarity is not None and end < last and doc.lower[end] in _CONTENT_OPENERS:
            prior = verb_polarity  # "sostiene che": reporting, not support
        if prior and not _someone_elses(doc, end, last, lexicon) and not (
                _held_by_others(doc, i, lemma, lexicon)):
            negator = _negator(doc, i, clause, lexicon)
            sentence = doc.sentence_of[i]
            asker = _passive_request(doc, i, lexicon) if lemma in lexicon.demanded else None
            request = _in_request(doc, clause, i, lexicon) or _questioned(doc, i, lexicon) or asker is not None
            hedged = _hedged(doc, i, lexicon)
            contrast = _contrast(contrast_at, sentence, i)
            score = prior * (-0.8 if negator is not None else 1.0)
            score *= -1.0 if _contrary_to_fact(doc, i, clause, lexicon) else 1.0
            score *= (0.6 if hedged else 1.0) * (1.3 if contrast > 0 else 0.7 if contrast < 0 else 1.0)
            passive = _passive(doc, i, clause, lemma, lexicon)
            leader = maker if maker is not None else _leader(doc, i, clause, lexicon)
            judgement = judgement or maker is None and leader is not None and prior < 0  # a harm led to: their doing
            attitude = lemma in lexicon.attitudes and not passive and not _toward_speaker(doc, i, end, clause, lexicon)
            found.append(Evaluation(i, end, prior, judgement, max(-1.0, min(1.0, score)), negator, clause, sentence,
                                    request, hedged, contrast, _fought(doc, i, clause, lexicon), lemma in lexicon.harms,
                                    passive, lemma in lexicon.demanded, attitude, lemma in lexicon.held, asker,
                                    leader))
    return found


def _misread_judgement(doc: Document, mention: Mention, i: int, lexicon: StanceLexicon) -> bool:
    """Is the one-word name at i a judgement word the name finder took for a name because it opens its sentence or
    clause with a capital (`Bravissimo Luca Bianchi`, `Vergognoso`)?"""
    if not mention.first == i == mention.last - 1 or i > doc.sentence_bounds(i)[0] and (
            doc.lower[i - 1] not in lexicon.clause_breaks):
        return False
    _, prior, judgement, _ = _word(doc, i, i + 1, lexicon)
    return judgement and prior != 0


def _names_no_one(mention: Mention) -> bool:
    """Is the mention a description the mention index resolved to no one (`è un ladro`)? Its name is only its own
    words, and a judgement word among them says what the speaker calls someone."""
    return mention.via == "description" and not mention.resolved_by


def _noun_reading(doc: Document, i: int, lexicon: StanceLexicon) -> bool:
    """Is the word at i a form that is a noun after an article, a preposition or an adjective that precedes its noun
    (`una serie di`, `nella nuova serie`), where the lemmatiser may read an evaluative adjective?"""
    if doc.lower[i] not in lexicon.noun_forms or i == 0:
        return False
    before = doc.lower[i - 1]
    return (doc.lang.is_determiner(before) or doc.lang.preposition(before) is not None or before.isdigit()
            or before in doc.lang.words("prenominal_adjectives"))


def _charged(doc: Document, i: int, lexicon: StanceLexicon) -> bool:
    """Is the word at i the offence of an investigation, an arrest or a trial (`indagato per corruzione`, `arrestata
    per la truffa`)? The speaker reports a charge: whoever accuses says so through the cue."""
    k = doc.before_determiners(i)
    return k > 0 and doc.lang.preposition(doc.lower[k]) in ("per", "di") and (
        _lemma(doc, k - 1) in lexicon.charges or doc.lower[k - 1] in lexicon.charges)


def _toward_speaker(doc: Document, i: int, end: int, clause: int, lexicon: StanceLexicon) -> bool:
    """Is the attitude at i aimed at the speaker: a first-person object shortly before it in its clause (`ci ha
    sempre sostenuto`) or right after it (`critica noi`, `sostiene la nostra proposta`)?"""
    near = range(max(clause, i - 3), min(end + 3, len(doc.tokens)))
    return any(doc.lower[k] in lexicon.speaker_objects for k in near if not i <= k < end)


def _designating(mention: Mention, i: int) -> bool:
    """Is token i the head noun by which a phrase names an institution or a person (`il regime di X`, `il regime
    ucraino`)? Such a head may judge whom it names, where a name never does; `evaluations` reads it when it is a
    judgement word."""
    return mention.head == i and mention.via in _DESIGNATIONS


def _may_evaluate(doc: Document, first: int, last: int, lexicon: StanceLexicon) -> list[int]:
    """The tokens of [first, last) `evaluations` has to look at, in order: those whose lemma the lexicon lists (or
    that have none), the absolute superlatives (`lexicon.intensified`) and the capitalised ones (whose lemma `_word`
    reads again). Most words of a sentence are none of these, and are passed over by three scans in C."""
    lemmas = doc.dictionary_lemmas[first:last]
    listed = compress(count(first), map(lexicon.evaluative_or_none.__contains__, lemmas))
    superlatives = compress(count(first), map(methodcaller("endswith", lexicon.superlative_endings), lemmas))
    capitalised = compress(count(first), map(str.isupper, map(_FIRST_CHARACTER, doc.texts[first:last])))
    return sorted(set(listed).union(superlatives, capitalised))


def _clause_start(doc: Document, i: int, first: int, breaks: list[int]) -> int:
    """The first token of the clause of token i, within [first, …): its sentence's first token or the last clause
    break before it (`breaks`: the range's clause-ending words, in order), whichever comes later."""
    k = bisect.bisect_right(breaks, i) - 1
    return max(first, doc.sentence_bounds(i)[0], breaks[k] if k >= 0 else first)


def _word(doc: Document, i: int, last: int, lexicon: StanceLexicon) -> tuple[int, float, bool, str]:
    """(end, prior, is a judgement, lemma) of the word or multiword evaluation at token i, read by its lemma out of
    context (`_lemma`), else, for a capitalised word the built-in engine leaves as it is, by simplemma's."""
    token = doc.tokens[i]
    lemmas = [lexicon.intensified(_lemma(doc, i))]
    if token.text[:1].isupper():
        lemmas.append(doc.lang.lemma(token.lower))
    for lemma in lemmas:
        if lemma not in lexicon.evaluative:
            continue
        end, prior = _phrase(doc, i, last, lemma, lexicon)
        if end > i:
            return end, prior, True, lemma
        prior, judgement = lexicon.prior(lemma)
        if prior or judgement:
            return i + 1, prior, judgement, lemma
    return i + 1, 0.0, False, lemmas[0]


def _lemma(doc: Document, i: int) -> str:
    """The word's lemma out of context (`Document.dictionary_lemmas`), whatever the engine: the lexicon's priors and
    the rules were set on it, and Stanza's lemmas in their place gave lower stance figures (docs/stance.md)."""
    return doc.dictionary_lemmas[i] or doc.lower[i]


def _someone_elses(doc: Document, after: int, last: int, lexicon: StanceLexicon) -> bool:
    """Is the act just read someone else's (`il sostegno occidentale`, `le sanzioni americane`)? An adjective of
    agency or nationality after it says so."""
    if after >= last:
        return False
    named = doc.mention_of_token.get(after)
    return doc.lower[after] in lexicon.agent_qualifiers or (named is not None and named.via == "adjective")


def _held_by_others(doc: Document, i: int, lemma: str, lexicon: StanceLexicon) -> bool:
    """Is the word at i a noun of attitude held by others than the speaker: a possessive of theirs just before it, at
    most an adjective between (`il loro sostegno a X`, `il vostro solito appoggio a X`)? As `il sostegno occidentale`,
    the speaker reports it rather than gives it. After a possessive the word is a noun whatever its lemma says
    (`appoggio`, read as `appoggiare`)."""
    if lemma not in lexicon.held and doc.lower[i] not in lexicon.held:
        return False
    others = doc.lang.words("others_possessives")
    before = doc.lower[max(0, i - 2) : i]
    if before[-1:] and before[-1] in others:
        return True
    return len(before) == 2 and before[0] in others and before[1].isalpha() and not (
        doc.lang.is_determiner(before[1]) or doc.lang.preposition(before[1]) is not None)


def _phrase(doc: Document, i: int, last: int, lemma: str, lexicon: StanceLexicon) -> tuple[int, float]:
    """The longest multiword evaluation starting at token i: (its end, its polarity), else (i, 0). A name ends it; a
    common noun the mention index resolved to someone does not (`lasciare il paese`). A phrase that opens with a joined
    preposition opens with that form (`dalla parte di X` takes sides, `da parte di X` names an agent)."""
    named = doc.mention_of_token
    for words, value in lexicon.phrases.get(lemma, ()):
        if words[0] != lemma and words[0] != doc.tokens[i].lower:
            continue
        k, j = 1, i + 1
        while k < len(words) and j < last and (j not in named or doc.texts[j].islower()):
            low = doc.lower[j]
            if words[k] == _lemma(doc, j) or words[k] == low or words[k] == doc.lang.lemma(low):  # simplemma's last
                k += 1
            elif doc.upos[j] not in _PHRASE_SKIPPABLE and not doc.lang.is_determiner(low):
                break
            j += 1
        if k == len(words):
            return j, value
    return i, 0.0


def _negator(doc: Document, i: int, clause: int, lexicon: StanceLexicon) -> int | None:
    """The negation of the word at i: `non`/`senza` shortly before it in its clause, else a concord word (`mai`,
    `nessuno`) there; a verb of ceasing with `di` negates too, and undoes a negation before it (`non smetterò mai di
    ringraziarlo`)."""
    window = range(max(clause, i - lexicon.negation_window), i)
    lows = doc.lower
    found = [k for k in window if lows[k] in lexicon.negators
             and not any(_cancels_negation(doc, j, lexicon) for j in range(k + 1, i))]  # "non è solo"
    if not found:
        found = [k for k in window if lows[k] in lexicon.concord]
    found += [k for k in window if _lemma(doc, k) in lexicon.cessation and "di" in lows[k + 1 : min(k + 3, i)]]
    return min(found) if len(found) % 2 else None


def _cancels_negation(doc: Document, j: int, lexicon: StanceLexicon) -> bool:
    """Does the word at j make a `non` before it no negation: `solo` (`non è solo`), or the `che` of `non … che`
    meaning "only" (`non posso che ringraziare`, `non ha fatto altro che mentire`)?"""
    return doc.lower[j] in lexicon.not_negating_after or (
        doc.lower[j] == "che" and _lemma(doc, j - 1) in lexicon.exceptive_before_che)


def _fought(doc: Document, i: int, clause: int, lexicon: StanceLexicon) -> bool:
    """Does a word of acting against govern the word at i, with only articles and adjectives between (`contro la
    corruzione`, `contrastare la mafia`), or the noun the word qualifies (`contro le bande criminali`, `combattere le
    organizzazioni criminali`)?"""
    nouns = 0
    for k in range(i - 1, max(clause, i - 5) - 1, -1):
        if doc.lower[k] in lexicon.against or _lemma(doc, k) in lexicon.against:
            return True
        if not (doc.tokens[k].upos in ("DET", "ADJ") or doc.lang.is_determiner(doc.lower[k])
                or doc.lang.preposition(doc.lower[k]) is not None):
            nouns += 1
            if nouns > 1 or k != i - 1 or not _qualified_noun(doc, k):
                return False
    return False


def _qualified_noun(doc: Document, k: int) -> bool:
    """Can the word at k be the noun an evaluative adjective right after it qualifies: a common word, neither a name
    nor a verb?"""
    token = doc.tokens[k]
    return (token.text.isalpha() and token.text.islower() and k not in doc.mention_of_token
            and token.upos not in ("VERB", "AUX") and doc.lower[k] not in doc.lang.verb_forms)


def _passive(doc: Document, i: int, clause: int, lemma: str, lexicon: StanceLexicon) -> bool:
    """Is the word at i an inflected verb right after a passive auxiliary of its clause, adverbs aside (`è stato
    colpito`, `sono stati duramente colpiti`, `viene spesso insultato`)?"""
    if doc.lower[i] == lemma or not lemma.endswith(("are", "ere", "ire", "rre")):
        return False
    k = i - 1
    while k > max(clause, i - 3) and doc.tokens[k].upos in _ADVERB_TAGS and doc.texts[k].isalpha():
        k -= 1  # an adverb, or a word the tagger does not know (`spesso`)
    return k >= clause and (doc.lower[k] in lexicon.passive_auxiliaries or doc.lang.auxiliaries.get(doc.lower[k]) == "essere")


def _in_request(doc: Document, clause: int, i: int, lexicon: StanceLexicon) -> bool:
    """Is the clause a request or an obligation (a request lemma before the word in its clause, or an imperative)?"""
    for k in range(clause, i):
        token = doc.tokens[k]
        if _lemma(doc, k) in lexicon.requests or "Mood=Imp" in token.feats:
            return True
    return False


def _leader(doc: Document, i: int, clause: int, lexicon: StanceLexicon) -> int | None:
    """The active verb of leading whose `a`/`in` the word at i completes, articles aside, with at most the one led
    between (`ha portato il paese alla rovina`, `condurrà la squadra alla vittoria`); in the passive (`è stato portato
    in ospedale`) the subject is the one led."""
    k = i - 1
    while k > clause and doc.lang.is_determiner(doc.lower[k]):
        k -= 1
    if k <= clause or doc.lang.preposition(doc.lower[k]) not in ("a", "in"):
        return None
    for j in range(k - 1, max(clause, k - _LED_GAP - 1) - 1, -1):
        if _lemma(doc, j) in lexicon.leading and doc.tokens[j].upos in ("VERB", ""):
            return None if _passive(doc, j, clause, _lemma(doc, j), lexicon) else j  # `è stato portato`: led
    return None


def _maker(doc: Document, i: int, clause: int, lexicon: StanceLexicon) -> int | None:
    """The active verb of making (`rendere`) whose object the adjective at i says what it was made, degree adverbs
    aside, with at most the object between (`ha reso il paese più sicuro`, `rende difficile il dialogo`, `la rende
    più forte`); in the passive (`è stato reso più sicuro`) the subject is what was made."""
    if doc.tokens[i].upos not in ("ADJ", ""):
        return None
    for k in range(i - 1, max(clause, i - _LED_GAP - 3) - 1, -1):
        token = doc.tokens[k]
        if _lemma(doc, k) in lexicon.making and token.upos in ("VERB", ""):
            made = _made_object(doc, range(k + 1, i))
            return None if not made or _passive(doc, k, clause, _lemma(doc, k), lexicon) else k
        if token.upos in ("VERB", "AUX") or doc.lower[k] in lexicon.clause_ends:
            return None
    return None


def _made_object(doc: Document, between: range) -> bool:
    """Can the words between a verb of making and an adjective be its object and the adjective's degree: adverbs
    alone (`rende più forte`), or a phrase that opens with an article or a name (`il paese più`)? `rende difficile
    il dialogo`: the noun after the adjective is the object, not another outcome."""
    if all(doc.tokens[k].upos == "ADV" for k in between):
        return True
    opener = between[0]
    return doc.lang.is_determiner(doc.lower[opener]) or opener in doc.mention_of_token


def _outcome(doc: Document, i: int, maker: int, lemma: str, prior: float, lexicon: StanceLexicon) -> float:
    """The polarity of the adjective at i as what the verb of making at `maker` made something: its outcome value,
    else its own; turned round by `meno` right before it (`ha reso il paese meno sicuro`)."""
    value = lexicon.outcomes.get(lemma, prior)
    return -value if maker < i - 1 and doc.lower[i - 1] == "meno" else value


def _authored(doc: Document, after: int, last: int, lexicon: StanceLexicon) -> float:
    """The polarity of the act a word of authorship names with `di` right after it, articles and adjectives aside
    (`responsabile della grave crisi`, `artefice del successo`, `responsabili di violare la legge`); 0 when no
    evaluative act follows, or someone named does (`la responsabilità del governo`); the title the words make
    (`il responsabile del disastro`) names no one else. An attitude authored (`l'artefice del sostegno a X`) is the
    author's, as `il sostegno di X` is: the speaker's judgement of neither."""
    if after >= last or doc.lang.preposition(doc.lower[after]) != "di":
        return 0.0
    own = doc.mention_of_token.get(after - 1)
    for k in range(after + 1, min(last, after + _OBJECT_GAP + 1)):
        if doc.mention_of_token.get(k, own) is not own or doc.lower[k] in lexicon.clause_ends:
            return 0.0
        if not (doc.lang.is_determiner(doc.lower[k]) or doc.tokens[k].upos == "ADJ"):
            _, prior, _, lemma = _word(doc, k, last, lexicon)
            return 0.0 if lemma in lexicon.held or lemma in lexicon.attitudes else prior
    return 0.0


def _passive_request(doc: Document, i: int, lexicon: StanceLexicon) -> int | None:
    """The participle of a request verb whose `a`/`di` the word at i completes across its agent and an apposition
    between commas (`è stato invitato dal partito, la Lega, a dimettersi`, `sollecitato da tutti a lasciare`): the
    clause breaks at the commas, yet the word is what its subject is asked to do."""
    if i < 2 or doc.lang.preposition(doc.lower[i - 1]) not in ("a", "di"):
        return None
    for k in range(i - 2, max(doc.sentence_bounds(i)[0], i - _PASSIVE_REQUEST_REACH) - 1, -1):
        if doc.lower[k] in doc.lang.participle_forms and _lemma(doc, k) in lexicon.requests:
            return k
        if doc.lower[k] != "," and doc.lower[k] in lexicon.clause_ends or _verb_or_coordinator(doc, k):
            return None  # another clause: `invitato a cena e ha deciso di dimettersi` asks nothing
    return None


def _verb_or_coordinator(doc: Document, k: int) -> bool:
    """A verb, an auxiliary or a coordinator; not a form after a determiner (`il suo partito` is a noun)."""
    upos = doc.tokens[k].upos
    return upos in ("AUX", "CCONJ") or upos == "VERB" and not doc.lang.is_determiner(doc.lower[k - 1])


def _questioned(doc: Document, i: int, lexicon: StanceLexicon) -> bool:
    """Does a question mark close the clause of the word at i? A question asks, as a request does: it praises
    no one, though it may still blame (`perché non si dimette?`)."""
    for k in range(i + 1, doc.sentence_bounds(i)[1]):
        if doc.lower[k] == "?":
            return True
        if doc.lower[k] in lexicon.clause_ends:
            return False
    return False


def _contrary_to_fact(doc: Document, i: int, clause: int, lexicon: StanceLexicon) -> bool:
    """Is the word at i what a condition contrary to fact says, shortly after its past subjunctive (`Se X fosse
    onesto`, `se avesse ascoltato i consigli`)? The speaker says it is not so. The `se` opens its clause or follows
    `che` (`ha detto che se …`); `come se`, `anche se` and `non so se` state no condition."""
    for v in range(i - 1, max(clause, i - _COUNTERFACTUAL_REACH) - 1, -1):
        if doc.lower[v] in lexicon.counterfactual_verbs:
            return _opens_condition(doc, v, clause, lexicon)
    return False


def _opens_condition(doc: Document, verb: int, clause: int, lexicon: StanceLexicon) -> bool:
    """Does a `se` that opens its clause, or follows `che`, come before the verb at `verb` in its clause, with at most
    its subject between (`se il governo fosse`), and no negation (`se non fosse per X` says that it is so)?"""
    for k in range(verb - 1, max(clause, verb - _COUNTERFACTUAL_REACH - 1) - 1, -1):
        if doc.lower[k] in lexicon.negators:
            return False  # "se non fosse stato per il coraggio di X": it was so, thanks to X
        if doc.lower[k] == "se":
            before = doc.lower[k - 1] if k > 0 else ""
            return k == clause or doc.sentence_bounds(k)[0] == k or before in lexicon.clause_ends or before == "che"
    return False


def _hedged(doc: Document, i: int, lexicon: StanceLexicon) -> bool:
    """A hedge earlier in the sentence (`se`, `forse`)."""
    return not lexicon.hedges.isdisjoint(doc.lower[doc.near(i)[0] : i])


def _contrast(contrast_at: dict[int, list[int]], sentence: int, i: int) -> int:
    marks = contrast_at.get(sentence)
    if not marks:
        return 0
    return 1 if marks[0] < i else -1


def relation(doc: Document, evaluation: Evaluation, mention: Mention, lexicon: StanceLexicon) -> str:
    """How an evaluation reaches a mention of the same sentence: subject, object, modifier, clause or sentence. Read
    from the words between them on both engines: with the Stanza parse in their place, stance scored lower
    (docs/stance.md)."""
    located = (mention.first > 0 and doc.lower[mention.first - 1] in lexicon.locative
               and mention.first - 1 != evaluation.last)  # "fiducia in X" is no place
    # `Bravissimo` taken for a name, the noun of a phrase (`lasciare il paese`), a description that is the judgement
    # (`un ladro`): what the words say, not whom; the head of `il regime di X` still judges whom it names
    itself = evaluation.first <= mention.first and mention.last <= evaluation.last or _names_no_one(mention) and (
        evaluation.first < mention.last and mention.first < evaluation.last)
    if doc.sentence_of[mention.first] != evaluation.sentence or located or itself:
        return "sentence"  # elsewhere, or where it happens ("nella NATO", "in X si è sbagliato"): not what is judged
    leader = evaluation.leader
    if leader is not None and mention.first > leader:
        return "sentence"  # "X ha portato Y alla rovina", "alla morte di Y": what happens to Y, not what Y did
    if leader is not None:
        evaluation = evaluation._replace(first=leader)  # said of X as the subject of the verb of leading
    before = mention.last <= evaluation.first
    if before and evaluation.asker is not None and _subject_of(doc, mention, evaluation.asker, lexicon):
        return "subject"  # "X, invitato da tutti a dimettersi": the one asked
    if before and evaluation.attitude:
        return "sentence"  # "X critica Y": the speaker tells where X stands, and judges Y
    gap = range(mention.last, evaluation.first) if before else range(evaluation.last, mention.first)
    apposed = _after_apposition(doc, gap, lexicon) if before else None
    if apposed is not None:  # "X, il ministro di Y, ha mentito": the words between commas only name X again
        gap = apposed
    listed = _after_coordinated(doc, gap, evaluation) if before else None
    if listed is not None:  # "X e Y hanno mentito", "X, Y e Z": the others named are subjects beside X
        gap = listed
    between: Sequence[int] = gap
    lows: Sequence[str] = doc.lower[gap.start : gap.stop]
    if not lexicon.quote_marks.isdisjoint(lows):  # "«preoccupazione» per X", "X «mente»": the marks break nothing
        between = [k for k in gap if doc.lower[k] not in lexicon.quote_marks]
        lows = [doc.lower[k] for k in between]
    same_clause = lexicon.clause_ends.isdisjoint(lows)
    if not before and evaluation.held and _of(doc, between):
        return "sentence"  # "il sostegno del governo": the government's support, not support for it
    if not before and _by_agent(doc, between):
        # "un impegno serio da parte di X", "violenze da parte di X": what X did; "critiche da parte di X": where X stands
        return "sentence" if evaluation.attitude or evaluation.held else "subject"
    if not before and _agent_of(doc, evaluation, between):
        # "tradito da X": X did it; "sostenuto da X", "criticato da X": where X stands, said of another
        return "sentence" if _lemma(doc, evaluation.first) in lexicon.attitudes else "subject"
    if not before and len(between) <= _OBJECT_GAP and _only_linkers(doc, between):
        return "object"  # "critica il governo", "fiducia in X"
    if not before and 2 <= len(between) <= _OBJECT_GAP + 1 and _whose(doc, between):
        return "object"  # "condivido le scelte di X": what X did or said stands for X
    if before and not between:
        return "modifier"  # "X corrotto"
    if same_clause and before and not _someone_between(doc, between, mention, evaluation):
        return "subject"  # "X ha mentito", "X è un bugiardo"
    if before and _shares_subject(doc, evaluation, gap, lexicon):
        return "subject"  # "X è bravo, ma ha sbagliato tutto": the verb after the coordinator is X's too
    if before and _colon_topic(doc, mention, evaluation, lexicon):
        return "subject"  # "X: è un bugiardo": what follows the colon is said of X
    return "clause" if same_clause else "sentence"


def predicated(doc: Document, evaluation: Evaluation, mention: Mention, lexicon: StanceLexicon) -> bool:
    """Is the evaluative word said of the mention through a copula (`X è arrogante`, `X resta un incapace`, `X non
    sembra onesto`)? Then even a word of sentiment judges X; a participle (`X è stato ferito`) tells what happened to X."""
    e = evaluation.first
    if doc.tokens[e].upos in ("VERB", "AUX") or doc.lower[e] in doc.lang.participle_forms:
        return False
    gap = range(mention.last, e)
    if gap and e - 1 not in doc.mention_of_token and doc.tokens[e - 1].upos not in ("VERB", "AUX", "ADP"):
        gap = range(mention.last, e - 1)  # "X è un politico brillante": the adjective of what X is called
    if not 0 < len(gap) <= _PREDICATE_GAP:
        return False
    lemmas = [_lemma(doc, k) for k in gap]
    return not lexicon.copulas.isdisjoint(lemmas) and all(
        lemma in lexicon.copulas or doc.tokens[k].upos in ("DET", "ADV", "AUX") or doc.lang.is_determiner(doc.lower[k])
        or doc.lower[k] in lexicon.negators or doc.lower[k] in lexicon.quote_marks for k, lemma in zip(gap, lemmas))


def _subject_of(doc: Document, mention: Mention, participle: int, lexicon: StanceLexicon) -> bool:
    """Is the mention the subject of the passive participle (`X è stato invitato`, `X, invitato`): only a comma,
    auxiliaries and adverbs between them?"""
    gap = range(mention.last, participle)
    return mention.last <= participle and all(
        doc.lower[k] == "," or doc.lower[k] in lexicon.passive_auxiliaries
        or doc.lang.auxiliaries.get(doc.lower[k]) == "essere" or doc.tokens[k].upos == "ADV" for k in gap)


def _shares_subject(doc: Document, evaluation: Evaluation, gap: range, lexicon: StanceLexicon) -> bool:
    """Does the evaluation's clause go on with the subject of the one before (a coordinator, then straight a verb,
    no one else named between)?"""
    k = evaluation.clause + (doc.lower[evaluation.clause] in lexicon.clause_breaks)
    if k >= evaluation.first or doc.lower[k] not in lexicon.subject_carriers:
        return False
    return _verb_at(doc, k + 1, lexicon) and not any(j in doc.mention_of_token for j in gap)


def _colon_topic(doc: Document, mention: Mention, evaluation: Evaluation, lexicon: StanceLexicon) -> bool:
    """Is the mention the topic a colon right after it introduces (`X: è un bugiardo`, `X: non ha mai mentito`)? The
    mention opens its clause or what is reported (`ha detto che X: …`; not `sulla vicenda di X:`), the colon opens
    the evaluation's clause, which opens straight with its verb, no one named before the evaluation: that clause has
    no subject of its own, and what it says is said of X."""
    colon, before = mention.last, mention.first - 1
    opens = doc.sentence_bounds(mention.first)[0] == mention.first or (
        doc.lower[before] in lexicon.clause_breaks or doc.lower[before] in _CONTENT_OPENERS)
    return (opens and colon == evaluation.clause < evaluation.first and doc.lower[colon] == ":"
            and _verb_at(doc, colon + 1, lexicon)
            and not any(j in doc.mention_of_token for j in range(colon + 1, evaluation.first)))


def _verb_at(doc: Document, k: int, lexicon: StanceLexicon) -> bool:
    """Is token k a verb, an auxiliary or a negation: a clause that opens with it has no subject before its verb?"""
    return doc.tokens[k].upos in ("AUX", "VERB") or doc.lower[k] in lexicon.negators


def _after_apposition(doc: Document, gap: range, lexicon: StanceLexicon) -> range | None:
    """What follows an apposition that opens the gap after a name (`, il ministro di Y,`): the comma right after the
    name, then words without a verb, a coordinator (`X, o Y,` is a list) or another break up to a second comma; None
    when the gap opens no such phrase."""
    if len(gap) < 3 or doc.lower[gap[0]] != "," or doc.lower[gap[1]] in lexicon.subject_carriers:
        return None
    for k in gap[1 : _APPOSITION_LENGTH + 2]:
        if doc.lower[k] == ",":
            return range(k + 1, gap.stop) if k > gap[1] else None
        if (doc.tokens[k].upos in ("VERB", "AUX", "CCONJ") or doc.lower[k] in lexicon.clause_ends
                or doc.lower[k] in doc.lang.verb_forms):
            return None
    return None


def _after_coordinated(doc: Document, gap: range, evaluation: Evaluation) -> range | None:
    """What follows the names coordinated with the one before the gap (`e Y`, `, Y e Z`, `e (Y)`): the gap opens
    with a comma or a coordinator, names and those separators alone follow, one of them `e`/`ed`, and the gap goes
    on after the last name. None when the gap opens no such list."""
    named, separators = doc.mention_of_token, doc.lang.words("coordinators") | {",", "(", ")"}
    k, coordinated, last_name = gap.start, False, None
    while k < gap.stop and k < evaluation.first:
        mention = named.get(k)
        if mention is not None and mention.name is not None and doc.texts[k][:1].isupper():
            k = last_name = mention.last
        elif doc.lower[k] in separators and (last_name is None or last_name == k or doc.lower[k] == ")"):
            coordinated = coordinated or doc.lower[k] in doc.lang.words("coordinators")
            k += 1
        else:
            break
    if not coordinated or last_name is None:
        return None
    while k < gap.stop and doc.lower[k] == ")":
        k += 1
    return range(k, gap.stop)


def _someone_between(doc: Document, between: Sequence[int], mention: Mention, evaluation: Evaluation) -> bool:
    """Is someone else named between a mention and the evaluation after it (`X sa che Y ha mentito`, `X e la
    città respingono`)? Then that one is nearer to being what the evaluation says of its subject; a description the
    evaluation ends is no one else (`X è un ladro`)."""
    named = doc.mention_of_token
    return any(k in named and named[k] is not mention and named[k].last <= evaluation.first for k in between)


def _agent_of(doc: Document, evaluation: Evaluation, gap: Sequence[int]) -> bool:
    """Is the mention after the gap the agent of an evaluative past participle (`approvato dalla Camera`, `è stato
    tradito da X`): the gap is `da` and at most an article, right after the participle?"""
    first = evaluation.first
    return (evaluation.last == first + 1 and 0 < len(gap) <= 2 and doc.lang.preposition(doc.lower[gap[0]]) == "da"
            and doc.lower[first].endswith(doc.lang.endings("past_participle_endings"))
            and _lemma(doc, first) != doc.lower[first] and _only_linkers(doc, gap))


def _of(doc: Document, gap: Sequence[int]) -> bool:
    """Does the gap end with `di` (`del`, `della`) or `da parte di` (grammar.yaml's `agent_phrase_nouns`), with at most
    an adjective before it (`il sostegno concreto del`, `il sostegno da parte di`)?"""
    if not gap or doc.lang.preposition(doc.lower[gap[-1]]) != "di":
        return False
    return len(gap) <= (4 if _ends_with_agent_phrase(doc, gap) else 2)


def _ends_with_agent_phrase(doc: Document, gap: Sequence[int]) -> bool:
    """Does the gap end with `da parte di` (grammar.yaml's `agent_phrase_nouns`, `del`, `della`)?"""
    return len(gap) >= 3 and doc.lang.preposition(doc.lower[gap[-1]]) == "di" and (
        doc.lang.preposition(doc.lower[gap[-3]]) == "da" and doc.lower[gap[-2]] in doc.lang.words("agent_phrase_nouns"))


def _by_agent(doc: Document, gap: Sequence[int]) -> bool:
    """Does the gap after an evaluation name its doer: `da parte di`, at most two adverbs or adjectives before it and
    no verb (`responsabilità anche da parte di X`, `un impegno serio da parte di X`)?"""
    return _ends_with_agent_phrase(doc, gap) and len(gap) <= _AGENT_PHRASE_LENGTH and all(
        doc.texts[k].isalpha() and doc.texts[k].islower() and doc.tokens[k].upos not in ("VERB", "AUX")
        and k not in doc.mention_of_token for k in gap[:-3])


def _only_linkers(doc: Document, gap: Sequence[int]) -> bool:
    """Only prepositions, articles and the like in the gap (`sostegno | a | X`)."""
    return all(doc.tokens[k].upos in _SKIPPABLE or doc.lang.preposition(doc.lower[k]) is not None
               or doc.lang.is_determiner(doc.lower[k]) for k in gap)


def _whose(doc: Document, gap: Sequence[int]) -> bool:
    """Is the gap an object noun and the preposition that makes the mention its owner (`le scelte | di`, `il lavoro
    | del`), articles aside?"""
    *before, last = gap
    nouns = [k for k in before if not _only_linkers(doc, range(k, k + 1))]
    return doc.lang.preposition(doc.lower[last]) == "di" and len(nouns) == 1 and nouns[0] == before[-1]

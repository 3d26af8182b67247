"""Cues: the words that say someone said something, found from the reporting lexicon of `quotetrack.lang`.

One function per kind of cue, each over the few tokens the lexicon points at (found by one scan of the article for
the words of every table, `listed`):
- `verb_cues`: a reporting verb with its group (`ha inoltre dichiarato`, `si è detto`, `l'ha definita`, `avrebbe
  detto`, `ha voluto ribadire`, `torna a definire`), including gerunds, participles and infinitives;
- `light_verb_cues`: `fa sapere`, `ha reso noto`;
- `noun_cues`: `l'annuncio`, `le dichiarazioni`, `la richiesta`;
- `marker_cues`: `secondo`, `a parere del`, `stando ai`;
- `relative_marker_cues`: `…, secondo cui …`;
- `after_content_cues`: `È quanto sostiene X`, `Lo ha detto X`, `A confermarlo è X`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..analysis import Document
from ..lang import SLOTS, VerbForm

VERB, LIGHT, NOUN, MARKER, RELATIVE, AFTER = "verb", "light", "noun", "marker", "relative", "after"


@dataclass(frozen=True)
class Cue:
    """A cue. Token ranges are [first, last); `word` is the verb, noun or the marker's first word."""

    kind: str  # verb / light / noun / marker / relative / after
    first: int
    last: int
    word: int
    lemma: str
    frames: frozenset[str] = frozenset()
    tense: str = "finite"  # finite / participle / gerund / infinitive (verbs)
    auxiliary: bool = False
    passive: bool = False
    reflexive: bool = False
    negated: bool = False
    governed: bool = False  # an infinitive after a governing verb (`ha voluto ribadire`)
    polarity: float = 0.0
    sense: str = "speech"  # the lexicon's kind: speech, cognition, request, accusation …
    person_only: bool = False  # markers: only a named person or a title may follow (`per`)
    speaker_at: int | None = None  # after-content cues: where the speaker's phrase starts


def find_cues(doc: Document) -> list[Cue]:
    """Every cue of the article, in text order."""
    listed = doc.where(_table_words(doc.lang))
    relatives = relative_marker_cues(doc, listed)
    opening = {c.first for c in relatives}  # `secondo cui`: the relative marker, not `secondo` + a phrase
    cues = verb_cues(doc, listed) + light_verb_cues(doc, listed) + noun_cues(doc, listed) + relatives
    cues += [c for c in marker_cues(doc, listed) if c.first not in opening]
    cues += after_content_cues(doc, cues)
    cues.sort(key=lambda c: (c.first, c.last))
    return cues


@lru_cache(maxsize=4)
def _table_words(lang) -> frozenset[str]:
    """The first words of every cue table: what one scan of an article looks for."""
    return frozenset().union(lang.verb_forms, lang.light_verbs, lang.noun_cues, lang.markers, lang.relative_markers)


def verb_cues(doc: Document, listed: list[int]) -> list[Cue]:
    lang = doc.lang
    forms = lang.verb_forms
    entries = lang.verb_lemmas
    out = []
    candidates = range(len(doc.tokens)) if doc.has_parse else doc.among(listed, forms)
    for i in candidates:
        form = forms.get(doc.lower[i]) or _parsed_form(doc, i)
        if form is None or _noun_use(doc, i) or known_as(doc, i):
            continue
        if form.also_participle and not _auxiliary_before(doc, i):
            form = form._replace(tense="participle")  # "voci non confermate": a participle, not a present
        entry = entries.get(form.lemma) or {}
        first = _group_start(doc, i)
        group = doc.lower[first:i]
        auxiliary = any(_group_auxiliary(lang, w) for w in group)
        governed = False
        if form.infinitive:
            governor = _governor_before(doc, first)
            if _impersonal_before(doc, governor if governor is not None else first):
                continue  # "è inutile dire che …", "si può dire che …": the writer's voice
            if governor is not None:
                first, governed = _group_start(doc, governor), True
                group = doc.lower[first:i]
                auxiliary = any(_group_auxiliary(lang, w) for w in group)
        reflexive = any(w in lang.words("reflexive_clitics") for w in group) or (
            not form.finite and doc.lower[i].endswith(("si", "sene")))
        if entry.get("reflexive") and not reflexive:
            continue  # "si congratula": the verb reports only in its pronominal use
        if entry.get("not_reflexive") and reflexive:
            continue  # "si chiama", "si è classificata": named, ranked, nobody's words
        passive = form.participle and not reflexive and any(_passive_auxiliary(lang, w) for w in group)
        kind = entry.get("kind", "speech")
        if passive and doc.lower[i] in lang.stative_participles:
            passive, kind = False, "cognition"  # "è convinto che": a belief, not a passive
        if kind == "cognition" and _said_of(doc, first):
            kind = "speech"  # "ha detto di essere convinto che …": a belief stated aloud
        frames = frozenset(entry.get("frames") or ())
        out.append(Cue(VERB, first, i + 1, i, form.lemma, frames, form.tense, auxiliary, passive, reflexive,
                       _negated(doc, first), governed, float(entry.get("polarity", 0) or 0), kind))
    return out


def known_as(doc: Document, i: int) -> bool:
    """`X, noto anche come Y`, `un metodo noto come Y`, `noto per …`: the adjective "known" before `come` or `per`, not
    the verb `notare` (`nota come la crisi …`): its third person only after a comma, a copula or an adverb of degree
    (`meglio nota come Y`), where a verb with its own subject does not stand. A form that is no third person is the
    adjective in any apposition (`X, noto nel quartiere con il soprannome Y`) unless `che` follows it."""
    lang = doc.lang
    if doc.lower[i] not in lang.words("known_as") or i == 0:
        return False
    k = doc.past_group_adverbs(i + 1)
    if k >= len(doc.tokens):
        return False
    if doc.lower[i - 1] == "," and doc.lower[i] in lang.words("known_as_not_third_person") and doc.lower[k] != "che":
        return True
    if doc.lower[k] == "per" or doc.lower[k] == "come" and doc.lower[i] in lang.words("known_as_not_third_person"):
        return True  # "noto per …", "un documento noto come …"
    return doc.lower[k] == "come" and (doc.lower[i - 1] == "," or doc.lower[i - 1] in lang.auxiliaries
                                       or doc.lower[i - 1] in lang.words("known_as_degree"))


def _said_of(doc: Document, first: int) -> bool:
    """A verb group after `di` and a speech verb (`ha sottolineato di essere convinto`)."""
    if first < 2 or doc.lang.preposition(doc.lower[first - 1]) != "di":
        return False
    form = doc.lang.verb_forms.get(doc.lower[first - 2])
    return form is not None and (doc.lang.verb_lemmas.get(form.lemma) or {}).get("kind", "speech") == "speech"


def _auxiliary_before(doc: Document, i: int) -> bool:
    j = i - 1
    while j >= 0 and j > i - 5 and (doc.lower[j] in doc.lang.words("group_adverbs") or doc.lower[j] in doc.lang.words("clitics")):
        j -= 1
    return j >= 0 and (_group_auxiliary(doc.lang, doc.lower[j]) or _auxiliary_before_phrase(doc, j) is not None)


def _group_auxiliary(lang, word: str) -> bool:
    """An auxiliary of a verb group: `avere`, `essere`, their shortened infinitives (`dopo aver chiesto a X di …`), or
    venire's passive forms (`verrà chiesto di`)."""
    return (word in lang.auxiliaries or word in lang.words("auxiliary_infinitives")
            or word in lang.words("passive_auxiliaries"))


def _passive_auxiliary(lang, word: str) -> bool:
    """`è chiesto`, `viene chiesto`: with a participle, the forms of `essere` and venire's build a passive."""
    return lang.auxiliaries.get(word) == "essere" or word in lang.words("passive_auxiliaries")


def _parsed_form(doc: Document, i: int) -> VerbForm | None:
    """With a parse, a reporting verb the conjugated forms miss, known by its lemma. Its tense is read from its
    features, and a past participle with a clitic attached (`conclusosi`, `contestatogli`), which the dictionary
    tags a verb without features, is a participle still: no finite verb that governs the clause after it."""
    if not doc.has_parse:
        return None
    token = doc.tokens[i]
    if token.upos != "VERB" or token.lemma not in doc.lang.verb_lemmas:
        return None
    feats = token.feats
    participle = "VerbForm=Part" in feats or doc.lang.participle_with_clitic(token.lower)
    tense = ("gerund" if "VerbForm=Ger" in feats else "participle" if participle
             else "infinitive" if "VerbForm=Inf" in feats else "finite")
    return VerbForm(token.lemma, tense)


def _noun_use(doc: Document, i: int) -> bool:
    """`le accuse`, `gli attacchi`, `nel consiglio`, `il Consiglio`: a noun that looks like a verb form."""
    if i == 0:
        return False
    lang = doc.lang
    before = doc.lower[i - 1]
    if doc.has_parse and doc.tokens[i].upos in ("NOUN", "PROPN", "ADJ"):
        form = lang.verb_forms.get(doc.lower[i])
        if not getattr(form, "finite", False) or _nominal_in_parse(doc, i) and not _frame_follows(doc, i, form):
            return True  # tagged a noun; a finite form only with a noun's dependents (not `Rossi afferma che`)
    word = doc.tokens[i].text
    if word[:1].isupper() and doc.sentence_bounds(i)[0] != i and before not in _OPENING:
        return True
    if before in lang.words("noun_determiners"):
        return True
    prep = lang.preposition(before)
    if prep is not None and prep != before and before != "d'":
        return True  # "nel consiglio"; a bare preposition may precede an infinitive ("di dire")
    if before in lang.words("elided_article_or_clitic") and doc.lower[i] in lang.noun_cues:
        return doc.quote_around(doc.tokens[i].start) is None
    return before in lang.words("article_or_clitic") and doc.lower[i].endswith("i") and not doc.lower[i].endswith("ti")


_OPENING = frozenset("«“\"‘:(-–—")
_NOMINAL_DEPENDENTS = frozenset({"det", "case", "amod", "nummod"})


def _nominal_in_parse(doc: Document, i: int) -> bool:
    """A word tagged as a noun or an adjective reads as one in the parse when it has an article, a preposition, an
    adjective or a number of its own (`la condanna`, `in risposta`), or modifies a noun (`voci presenti`); a finite
    verb form the parse mistook for a noun has none (`il ministro, intanto, consiglia …`, `Aggiunge che …`)."""
    if doc.tokens[i].deprel.split(":")[0] == "amod":
        return True
    return any(doc.tokens[c].deprel.split(":")[0] in _NOMINAL_DEPENDENTS for c in doc.children(i))


def _frame_follows(doc: Document, i: int, form: VerbForm) -> bool:
    """Whether a finite reporting-verb form is followed at once by what its verb governs (`che`, `di` and an
    infinitive, a colon): `l'ex ministro afferma di essere stato ingannato` is a verb however the parse hangs an
    article on it. A speech noun of the noun-cue table is read as a noun there (`l'accusa di aver mentito`)."""
    lang = doc.lang
    if i + 1 >= len(doc.tokens) or doc.lower[i] in lang.noun_cues:
        return False
    frames = lang.verb_frames.get(form.lemma, ())
    after = doc.lower[i + 1]
    if after == ":":
        return "colon" in frames
    if after in ("di", "d'"):
        return "di" in frames and i + 2 < len(doc.tokens) and "VerbForm=Inf" in doc.tokens[i + 2].feats
    return lang.frame_word(after) in frames


def _group_start(doc: Document, i: int) -> int:
    """First token of the verb group ending at i: auxiliaries, clitics and adverbs in between (`l'ha poi detto`)."""
    lang = doc.lang
    first = i
    j = i - 1
    while j >= 0 and j >= i - 6:
        low = doc.lower[j]
        if (_group_auxiliary(lang, low) or low in lang.words("clitics")) and not (
                doc.tokens[j].text[:1].isupper() and doc.sentence_bounds(j)[0] != j and doc.lower[j - 1].isalpha()):
            first = j  # not a noun written large that looks like one: "il capo dello Stato ha detto"
        elif low == "," and j == first - 1:
            auxiliary = _auxiliary_before_aside(doc, j)
            if auxiliary is None:
                break
            first = j = auxiliary
        elif not adverb_at(doc, j):
            auxiliary = _auxiliary_before_phrase(doc, j) if j == first - 1 else None
            if auxiliary is None:
                break
            first = j = auxiliary
        j -= 1
    return first


def _auxiliary_before_phrase(doc: Document, last: int) -> int | None:
    """`aveva in passato osservato`, `ha in una nota affermato`: the auxiliary before a short prepositional phrase
    that ends at `last` inside a verb group."""
    lang = doc.lang
    for k in range(last, max(0, last - 4), -1):
        before = doc.lower[k - 1]
        if not doc.lower[k].isalpha() or doc.tokens[k].upos == "AUX" or doc.tokens[k].upos == "VERB" and not (
                lang.is_determiner(before) or lang.preposition(before) is not None):
            return None  # a verb ends the phrase; after an article or a preposition the word is a noun (`in passato`)
        if lang.preposition(doc.lower[k]) is not None:
            return k - 1 if doc.lower[k - 1] in lang.auxiliaries else None
    return None


def _auxiliary_before_aside(doc: Document, comma: int) -> int | None:
    """`aveva, due giorni fa, chiesto`: the auxiliary before an aside set off by commas that ends at `comma`."""
    for k in range(comma - 1, max(0, comma - 8), -1):
        if doc.lower[k] == ",":
            return k - 1 if k > 0 and doc.lower[k - 1] in doc.lang.auxiliaries else None
        if not doc.tokens[k].text[:1].isalnum():
            return None
    return None


def adverb_at(doc: Document, k: int) -> bool:
    """An adverb that may stand inside a verb group or between a cue and what it governs: one of the language's
    group adverbs, or one in -mente (`ufficialmente`, `pubblicamente`)."""
    low = doc.lower[k]
    return low in doc.lang.words("group_adverbs") or (low.endswith("mente") and len(low) > 7)


def time_expression_end(doc: Document, j: int, limit: int) -> int:
    """Past a time expression starting at token j (`venerdì`, `oggi pomeriggio`, `il 3 marzo`, `la settimana
    scorsa`, `due anni fa`, `nel 2010`), before `limit`; j if none. An indefinite article opens none (`ha annunciato
    una settimana di sciopero`)."""
    if doc.lower[j] in doc.lang.words("indefinite_articles"):
        return j
    end, k = j, j
    while k < limit and k - j < _TIME_REACH:
        if _time_word(doc, k):
            end = k + 1
        elif not _time_filler(doc, k):
            break
        k += 1
    return end


def time_expression_start(doc: Document, k: int) -> int:
    """Where a time expression ending at token k starts (`lunedì`, `la settimana scorsa`, `nel 2010`, `due anni
    fa`, `in passato`); k + 1 if none."""
    j, timed = k, False
    while j > 0 and k - j < _TIME_REACH:
        if _time_word(doc, j):
            timed = True
        elif not _time_filler(doc, j):
            break
        j -= 1
    return j + 1 if timed else k + 1


_TIME_REACH = 5  # tokens of a time expression (`nel corso del 2010`, `qualche giorno fa`)


def _time_word(doc: Document, k: int) -> bool:
    """A word that makes a phrase a time expression: a day, month, part of the day or span of time (grammar.yaml
    `time_words`, `time_spans`, `ago_words`), or a year."""
    lang, word = doc.lang, doc.lower[k]
    return word in lang.words("time_words") or word in lang.words("time_spans") or word in lang.words("ago_words") \
        or (word.isdigit() and len(word) == 4)


def _time_filler(doc: Document, k: int) -> bool:
    """A word that may stand inside a time expression around its time words: an article, a preposition, a number,
    a quantifier or a group adverb (`nel corso del`, `tre giorni`, `qualche anno`, `già lunedì`)."""
    lang, word = doc.lang, doc.lower[k]
    return word.isdigit() or word in lang.words("cardinal_numbers") or word in lang.words("indefinite_quantifiers") \
        or word in lang.words("group_adverbs") or lang.is_determiner(word) or lang.preposition(word) is not None


def _governor_before(doc: Document, first: int) -> int | None:
    """`ha voluto ribadire`, `torna a definire`, `ci tiene a precisare`: the governing verb before an infinitive."""
    j = first - 1
    if j >= 0 and doc.lower[j] in ("a", "di"):
        j -= 1
    j = doc.before_group_adverbs(j + 1)
    if j >= 0 and doc.lower[j] in doc.lang.governor_forms:
        return j
    return None


def _impersonal_before(doc: Document, k: int) -> bool:
    """An impersonal predicate right before token k (`inutile dire`, `bisogna ricordare`, `c'è da dire`), the
    impersonal `si` before a governing verb (`si può dire`), or `da` opening a sentence or a clause (`Da notare che
    …`, `; da segnalare che …`: the writer's note)."""
    j = k - 1
    if j >= 0 and doc.lower[j] == "da":
        if j == 0 or doc.lower[j - 1] in (".", ";", ":", "!", "?"):
            return True
        j -= 1
    if j < 0:
        return False
    if doc.lower[j] in doc.lang.words("impersonal_predicates") or doc.lower[j] == "è" and doc.lower[k - 1] == "da":
        return True
    return doc.lower[k] in doc.lang.governor_forms and doc.lower[j] == "si"


def _negated(doc: Document, first: int) -> bool:
    return first > 0 and doc.lower[first - 1] in ("non", "né", "mai") or (
        first > 1 and doc.lower[first - 2] == "non" and doc.lower[first - 1] in doc.lang.words("clitics"))


def light_verb_cues(doc: Document, listed: list[int]) -> list[Cue]:
    """`fa sapere`, `ha reso noto`, `ha lanciato un appello`: a light verb and the words after it (`DET` in the
    lexicon is an optional article or possessive)."""
    lang = doc.lang
    table = lang.light_verbs
    out = []
    for i in doc.among(listed, table):
        for cue in table[doc.lower[i]]:
            key = cue.words.index(doc.lower[i])  # the first word that is not DET: what the table is keyed on
            if tuple(doc.lower[i : i + len(cue.words) - key]) != cue.words[key:]:
                continue
            j = i - 1
            if key:  # "un appello", "il suo annuncio": the optional determiners before the key word
                if _adjective_after_determiner(doc, j):
                    j -= 1  # "la sua chiara volontà", "il convinto sostegno": one adjective between them and the noun
                while j >= 0 and doc.lang.is_determiner_or_possessive(doc.lower[j]):
                    j -= 1
            j = doc.before_group_adverbs(j + 1)
            form = lang.light_verb_forms.get(doc.lower[j]) if j >= 0 else None
            if form is None or form.lemma != cue.verb:
                continue
            first = _group_start(doc, j)
            last = i + len(cue.words) - key
            out.append(Cue(LIGHT, first, last, j, f"{cue.verb} {' '.join(w for w in cue.words if w != 'DET')}",
                           cue.frames, form.tense, first < j, False, False, _negated(doc, first), polarity=cue.polarity,
                           sense=cue.kind))
            break
    return out


def _adjective_after_determiner(doc: Document, k: int) -> bool:
    """A lower-case content word between a determiner or possessive and the noun of a light-verb cue: an adjective
    before the noun (`ha confermato la sua chiara volontà di …`)."""
    token, opens_phrase = doc.tokens[k], doc.lang.is_determiner_or_possessive
    return (k > 0 and token.text.isalpha() and token.text.islower() and token.lower not in doc.lang.function_words
            and not opens_phrase(doc.lower[k]) and opens_phrase(doc.lower[k - 1]))


def noun_cues(doc: Document, listed: list[int]) -> list[Cue]:
    """Speech nouns after a determiner or a preposition (`l'annuncio`, `nelle dichiarazioni`, `sue parole`)."""
    lang = doc.lang
    table = lang.noun_cues
    out = []
    for i in doc.among(listed, table):
        if i == 0 or doc.tokens[i].text[:1].isupper() and doc.sentence_bounds(i)[0] != i:
            continue
        before = doc.lower[i - 1]
        if not (lang.is_determiner_or_possessive(before) or lang.preposition(before)):
            continue
        noun = table[doc.lower[i]]
        first = i - 1
        out.append(Cue(NOUN, first, i + 1, i, noun.lemma, noun.frames, polarity=noun.polarity, sense=noun.kind))
    return out


def marker_cues(doc: Document, listed: list[int]) -> list[Cue]:
    """Attribution markers; a preposition in a marker matches its articulated forms (`a parere del`)."""
    lang = doc.lang
    table = _by_second_word(lang, "markers")
    out = []
    for i in doc.among(listed, lang.markers):
        if doc.lower[i] == "secondo" and _ordinal_secondo(doc, i):
            continue  # "il secondo giorno", "è arrivato secondo": an ordinal
        if _voice_of_a_reporting_verb(doc, i):
            continue
        for marker in _phrases_at(doc, i, table):
            last = _matches(doc, i, marker.words)
            if last is not None and i > 0 and marker.not_after and (
                    doc.lower[i - 1] in marker.not_after or lang.lemma(doc.lower[i - 1]) in marker.not_after):
                break  # "il rinvio a giudizio di X": a trial, not X's judgement
            if last is not None and _norm_follows(doc, last):
                break  # "secondo il contratto": in accordance with a rule, nobody's words
            if last is not None and _verb_crediting_no_clause(doc, i, last):
                break  # "X, come era chiamato dagli amici, …", "come aveva chiesto X, …": nobody's words
            if last is not None and _introduces_a_colon(doc, i, last):
                break  # "…, come ha spiegato X: «…»": X's words follow the colon; the clause before is the writer's
            if last is not None:
                out.append(Cue(MARKER, i, last, i, doc.span_text(i, last).lower(), frozenset({"marker"}),
                               person_only=marker.person_only, sense="pronoun" if marker.pronoun else "marker"))
                break
    return out


def _ordinal_secondo(doc: Document, i: int) -> bool:
    """`secondo` as an ordinal: after an article, a preposition or a placing participle (`il secondo giorno`, `di
    secondo grado`, `è arrivato secondo`), or coordinated with another (`secondo e terzo`): no preposition does
    either."""
    lang = doc.lang
    before = doc.lower[i - 1] if i > 0 else ""
    after = doc.lower[i + 1] if i + 1 < len(doc.tokens) else ""
    return (before in lang.words("ordinal_markers") or before in lang.words("ordinal_prepositions")
            or before in lang.words("placing_participles") or after in lang.words("coordinators"))


def _verb_crediting_no_clause(doc: Document, first: int, last: int) -> bool:
    """A verb in a marker whose kind credits no clause to anyone (grammar.yaml `markers_crediting_no_clause`): a
    labelling verb gives a name (`come fu chiamata`), a request verb says whose wish the clause fulfils (`come aveva
    chiesto il sindaco, la piazza è stata chiusa`, `come richiesto dalla difesa`): the clause is the writer's fact."""
    lang = doc.lang
    kinds = lang.words("markers_crediting_no_clause")
    return any((form := lang.verb_forms.get(doc.lower[k])) is not None
               and (lang.verb_lemmas.get(form.lemma) or {}).get("kind") in kinds for k in range(first, last))


def _introduces_a_colon(doc: Document, first: int, last: int) -> bool:
    """A marker after a comma whose speaker's phrase runs into a colon (`…, come ha spiegato il sindaco: «…»`): like a
    verb before a colon, it introduces the words after the colon, and the clause before it is the writer's lead-in."""
    if first == 0 or doc.lower[first - 1] != ",":
        return False
    for k in range(last, doc.near(first)[1]):
        if doc.lower[k] == ":":
            return True
        if not doc.lower[k][:1].isalnum():
            return False  # a comma, a bracket, a quotation mark: the phrase ended before any colon
    return False


def _norm_follows(doc: Document, k: int) -> bool:
    """A rule, a custom or a wish after a marker (grammar.yaml `norm_nouns`: `secondo le regole`, `secondo i suoi
    voleri`, `secondo la stessa tradizione`), past determiners and possessives and one more word."""
    lang = doc.lang
    k = doc.past_determiners(k, possessives=True)
    return any(doc.lower[j] in lang.words("norm_nouns") for j in range(k, min(len(doc.tokens), k + 2)))


def _voice_of_a_reporting_verb(doc: Document, i: int) -> bool:
    """`Il partito, per bocca di X, ha detto che …`: `per bocca di` names the voice of the verb that follows it (a
    speaker role), no marker of its own; alone (`Per voce di X, il partito respinge …`) it is one."""
    lang, n = doc.lang, len(doc.tokens)
    if not (i + 1 < n and doc.lower[i + 1] in lang.speaker_words["voice_nouns"]):
        return False
    for k in range(i + 3, min(n, i + 10)):
        if doc.lower[k] in (".", ";", ":"):
            return False
        if doc.lower[k] in lang.verb_forms and (doc.lower[k - 1] == "," or doc.lower[k - 1] in lang.auxiliaries):
            return True
    return False


def _matches(doc: Document, i: int, words: tuple[str, ...]) -> int | None:
    """Where `words` matched from token i end, or None. A plain preposition matches its articulated forms (`a parere
    di` → `a parere del`); VERB, AUX, PART and NOUN are slots (see `reporting.yaml`)."""
    lang = doc.lang
    k = i
    for word in words:
        if k >= len(doc.tokens):
            return None
        low = doc.lower[k]
        if low == word:
            pass  # the literal word itself (a word, never a slot: slots are upper case)
        elif word == "VERB":  # a finite form, or a participle after an auxiliary (`lo ha confermato`)
            form = lang.verb_forms.get(low)
            if form is None or not (form.finite or form.participle and k > 0 and doc.lower[k - 1] in lang.auxiliaries):
                return None
        elif word == "PART":
            if low not in lang.participle_forms:
                return None
        elif word == "AUX":
            if low not in lang.auxiliaries:
                return None
        elif word == "NOUN":
            k = doc.past_determiners(k, possessives=True)
            if k >= len(doc.tokens) or doc.lower[k] not in lang.noun_cues:
                return None
        elif not (lang.preposition(word) == word and lang.preposition(low) == word):
            return None
        k += 1
    return k


def relative_marker_cues(doc: Document, listed: list[int]) -> list[Cue]:
    """`X, secondo cui …`, `X, per il quale …`: the clause after is X's."""
    table = _by_second_word(doc.lang, "relative_markers")
    out = []
    for i in doc.among(listed, doc.lang.relative_markers):
        if doc.lower[i] in doc.lang.words("appositive_only_relatives") and (i == 0 or doc.lower[i - 1] != ","):
            continue  # "il reato per il quale si procede": for which, nobody's words
        for words in _phrases_at(doc, i, table):
            if tuple(doc.lower[i : i + len(words)]) == words:
                out.append(Cue(RELATIVE, i, i + len(words), i, " ".join(words), frozenset({"che"})))
                break
    return out


@lru_cache(maxsize=8)
def _by_second_word(lang, name: str) -> dict[str, tuple[dict[str, list], list]]:
    """A phrase table of the language (`markers`, `relative_markers`: by first word, longest first) by second word
    too: for each first word, (second word → the phrases that may match with it there, the phrases that match
    whatever comes second), each in the table's order. A slot, a preposition (it matches its articulated forms) or no
    second word at all matches whatever comes second: only the phrases that may match are tried."""
    out = {}
    for first, phrases in getattr(lang, name).items():
        seconds = [_fixed_second(lang, getattr(phrase, "words", phrase)) for phrase in phrases]
        anything = [phrase for phrase, second in zip(phrases, seconds) if second is None]
        out[first] = ({word: [phrase for phrase, second in zip(phrases, seconds) if second in (None, word)]
                       for word in set(seconds) - {None}}, anything)
    return out


def _fixed_second(lang, words: tuple[str, ...]) -> str | None:
    """The second word of a phrase when only that word matches there."""
    if len(words) < 2 or words[1] in SLOTS or lang.preposition(words[1]) == words[1]:
        return None
    return words[1]


def _phrases_at(doc: Document, i: int, table: dict[str, tuple[dict[str, list], list]]) -> list:
    """The phrases of a `_by_second_word` table that may match from token i."""
    by_second, anything = table[doc.lower[i]]
    return by_second.get(doc.lower[i + 1], anything) if i + 1 < len(doc.tokens) else anything


def after_content_cues(doc: Document, cues: list[Cue]) -> list[Cue]:
    """Attribution after the content, opening a sentence: the patterns of the lexicon's `after_content`."""
    lang = doc.lang
    by_first_word = _patterns_by_first_word(lang)
    verbs_at = {c.word: c for c in cues if c.kind == VERB}
    out = []
    for sentence in doc.sentences:
        i = sentence.first
        while i < sentence.last and doc.tokens[i].text in _OPENING:
            i += 1
        if i >= sentence.last:
            continue
        first_word = doc.lower[i]
        patterns = by_first_word.get(first_word, []) + by_first_word.get("*", [])
        for pattern in patterns:
            end = _match_pattern(doc, i, sentence.last, pattern, verbs_at)
            if end is not None:
                verb = next((k for k in range(i, end) if k in verbs_at), i)
                cue = verbs_at.get(verb)
                out.append(Cue(AFTER, i, end, verb, cue.lemma if cue else doc.lower[i], frozenset({"after"}),
                               polarity=cue.polarity if cue else 0.0, speaker_at=end))
                break
    return out


@lru_cache(maxsize=None)
def _patterns_by_first_word(lang) -> dict[str, list[tuple[str, ...]]]:
    """After-content patterns by their first literal word (`*` for those opening with a slot)."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for pattern in lang.after_content:
        key = pattern[0] if pattern[0] not in ("VERB", "AUX", "PART", "NOUN", "VERB+CLITIC", "SPEAKER") else "*"
        table.setdefault(key, []).append(pattern)
    return table


def _object_still_to_come(lang, infinitive: str) -> bool:
    """An infinitive whose attached clitic is no object of its own (`darne`, `decretarne`): its object follows it."""
    return any(infinitive.endswith(clitic) for clitic in lang.words("clitics_leaving_the_object"))


def _match_pattern(doc: Document, i: int, limit: int, pattern: tuple[str, ...], verbs_at: dict) -> int | None:
    """Where a pattern matched from token i ends (at its SPEAKER slot), or None."""
    lang = doc.lang
    k = i
    for n, slot in enumerate(pattern):
        if k >= limit:
            return None
        if slot == "SPEAKER":  # the speaker's phrase opens with a word (`A confermarlo, però, non è …` names nobody)
            return k if doc.tokens[k].text[:1].isalnum() else None
        if slot == "VERB+CLITIC":
            form = lang.verb_forms.get(doc.lower[k])
            if form is None or not form.infinitive or doc.lower[k] == form.lemma:
                return None
            if pattern[n + 1 : n + 2] == ("SPEAKER",) and _object_still_to_come(lang, doc.lower[k]):
                return None  # `A decretarne la chiusura il giudice`: the words after it are its object
            k += 1
            continue
        end = _matches(doc, k, (slot,))
        if end is None or end > limit:
            return None
        k = end
    return k

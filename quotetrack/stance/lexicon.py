"""The stance stage's Italian knowledge, read from `quotetrack/lang/<code>/`: prior polarities and function words.

Two files: `polarity.tsv`, prior polarities derived from Sentix (`derive_polarity` rebuilds it; CC BY-SA 4.0, see
`POLARITY-LICENSE.md` beside it), and `stance.yaml`, the evaluative words of political news Sentix lacks or gets
wrong, multiword evaluations, and the small closed lists (negators, contrast, requests …) the composition rules read.
The reporting verbs and nouns bring their own polarity from `reporting.yaml` (`accusare` −, `elogiare` +).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from ..lang import Language, lower

POLARITY_FILE = "polarity.tsv"


@dataclass(frozen=True)
class StanceLexicon:
    """Prior polarity by lemma (Sentix's, and the judgement words of `stance.yaml` and `reporting.yaml`, which are
    kept apart: a judgement is stronger evidence of stance than a word's sentiment), multiword evaluations by their
    first lemma, and the closed word lists."""

    polarity: dict[str, float]  # Sentix-derived
    judgements: dict[str, float]  # stance.yaml words and the reporting verbs' and nouns' own polarity
    # first lemma (a preposition's plain form, as the engines lemmatise `dalla`: `da`) → (lemmas, polarity), longest first
    phrases: dict[str, list[tuple[tuple[str, ...], float]]]
    negators: frozenset[str]
    not_negating_after: frozenset[str]
    concord: frozenset[str]
    negation_window: int
    exceptive_before_che: frozenset[str]  # lemmas after which `non … che` means "only" ("non posso che ringraziare")
    cessation: frozenset[str]  # verbs of ceasing: with `di`, a negation of what follows ("ha smesso di mentire")
    clause_breaks: frozenset[str]
    contrast: frozenset[str]
    requests: frozenset[str]
    comparisons: frozenset[str]
    comparison_prepositions: dict[str, str]  # comparison words that compare only before this one ("rispetto a")
    hedges: frozenset[str]
    counterfactual_verbs: frozenset[str]  # past subjunctives of a condition contrary to fact ("se fosse onesto")
    first_person: frozenset[str]
    second_person: frozenset[str]
    third_person: frozenset[str]
    third_person_clitics: frozenset[str]  # object clitics of one person (`averla`, `l'ha visto`)
    addressee_markers: frozenset[str]
    locative: frozenset[str]
    place_nouns: frozenset[str]
    place_heads: frozenset[str]  # place nouns naming no body: the name right after one is a place's ("via X")
    work_heads: frozenset[str]  # nouns of works, laws, operations: the name right after one is theirs ("il decreto X")
    metonym_places_after: frozenset[str]  # prepositions after which a metonym is its place ("a Mosca")
    not_counterparts: frozenset[str]  # first words of names of places, events and documents ("Palazzo X")
    not_counterpart_ends: frozenset[str]  # last words of such names ("X Act", "X Day")
    agent_qualifiers: frozenset[str]
    against: frozenset[str]  # words of acting against what they govern
    subject_carriers: frozenset[str]  # words after which a clause may go on with the subject before
    harms: frozenset[str]  # words of harm: their object is the victim
    demanded: frozenset[str]  # words that oppose only when asked for ("deve dimettersi"), else report an event
    passive_auxiliaries: frozenset[str]  # "viene", "venne": with a participle, a passive (as the forms of "essere")
    copulas: frozenset[str]  # verbs that predicate what follows of their subject ("è", "resta", "sembra")
    quote_marks: frozenset[str]  # quotation marks: they break no construction between a word and its object
    attitudes: frozenset[str]  # words of where their subject stands toward their object ("criticare", "contrario")
    speaker_objects: frozenset[str]  # words that make an attitude aimed at the speaker ("ci ha sostenuto")
    held: frozenset[str]  # nouns of an attitude whose `di` names who holds it ("il sostegno del governo")
    noun_forms: frozenset[str]  # forms that are nouns evaluating nobody after an article ("una serie di")
    charges: frozenset[str]  # words of investigation and trial: the offence after them is a charge ("indagato per")
    leading: frozenset[str]  # verbs of leading someone to an outcome ("portare alla rovina"): their subject's doing
    making: frozenset[str]  # verbs of making something what an adjective says ("rendere il paese più sicuro")
    authorship: frozenset[str]  # words of authorship: they judge as what was authored ("responsabile della crisi")
    outcomes: dict[str, float]  # adjectives that evaluate only as what someone made something ("sicuro", "debole")
    superlative_endings: tuple[str, ...]  # grammar.yaml's: "bravissimo" intensifies "bravo"
    superlative_bases: tuple[str, ...]  # tried in order: the superlative's own lemma first
    dictionary: dict[str, str]  # the language's lemma dictionary (form → lemma), which `inflected` reads

    @cached_property
    def clause_ends(self) -> frozenset[str]:
        """Words after which a new clause starts: the clause breaks and the contrast words."""
        return self.clause_breaks | self.contrast

    @cached_property
    def attached_clitics(self) -> tuple[str, ...]:
        """The third-person clitics a verb form may end in (`averla`), for `str.endswith`."""
        return tuple(sorted(c for c in self.third_person_clitics if c.isalpha()))

    @cached_property
    def evaluative(self) -> frozenset[str]:
        """Every lemma that may start an evaluation: most words of a sentence are not, and are passed over at once."""
        return frozenset(self.polarity) | frozenset(self.judgements) | frozenset(self.phrases) | frozenset(self.outcomes)

    @cached_property
    def evaluative_or_none(self) -> frozenset[str]:
        """`evaluative`, the forms of listed words (`inflected`) and the empty lemma (a token without one is read by
        its lower form)."""
        return self.evaluative | frozenset(self.inflected) | {""}

    @cached_property
    def inflected(self) -> dict[str, str]:
        """The dictionary's forms of listed words that are not listed themselves, with the listed word each is a form
        of (`critiche` → `critica`). A tagger may leave such a form as its own lemma (Stanza's `provocatoria`,
        `elogia` as nouns), and the polarity of the word it is a form of still holds."""
        listed = self.evaluative
        return {form: lemma for form, lemma in self.dictionary.items()
                if lemma in listed and form not in listed and form.isalpha() and form.islower()}

    def intensified(self, lemma: str) -> str:
        """The listed word a lemma stands for: itself; else the listed word it is a form of, where a tagger left a
        form as its own lemma (`inflected`: `provocatoria` → `provocatorio`, `elogia` → `elogiare`); else the listed
        lemma of an absolute superlative (`bravissimi` → `bravissimo`) or the listed word it intensifies
        (`incoerentissima` → `incoerente`, `vigliacchissimo` → `vigliacco`), else the lemma itself: taggers leave
        many superlatives as their own lemma."""
        if lemma in self.evaluative:
            return lemma
        listed = self.inflected.get(lemma)
        if listed is not None or not lemma.endswith(self.superlative_endings):
            return listed or lemma
        stem = next(lemma[: -len(e)] for e in self.superlative_endings if lemma.endswith(e))
        forms = [stem + base for base in self.superlative_bases]
        if stem.endswith(("ch", "gh")):
            forms += [stem[:-1] + base for base in self.superlative_bases]
        return next((form for form in forms if form in self.evaluative), lemma)

    def prior(self, lemma: str) -> tuple[float, bool]:
        """(polarity, whether it is a judgement word) of a lemma; (0, False) for a word that does not evaluate."""
        judgement = self.judgements.get(lemma)
        if judgement is not None:
            return judgement, True
        return self.polarity.get(lemma, 0.0), False


@lru_cache(maxsize=None)
def lexicon_of(lang: Language) -> StanceLexicon:
    """The stance lexicon of a language (read once per process)."""
    data = lang.data("stance.yaml")
    judgements = _reporting_polarity(lang)  # a reporting verb of no polarity (dire) says nothing: 0 hides Sentix
    judgements.update({lower(str(k)): float(v) for k, v in data["words"].items()})
    phrases: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for text, value in data["phrases"].items():
        words = tuple(lang.lemma(lower(w)) for w in str(text).split())  # "buona fede" is read as buono fede
        phrases.setdefault(lang.preposition(words[0]) or words[0], []).append((words, float(value)))
    for found in phrases.values():
        found.sort(key=lambda p: -len(p[0]))
    words = lambda key: frozenset(lower(str(w)) for w in data[key])  # noqa: E731
    return StanceLexicon(
        dict(_read_polarity(lang.code)), judgements, phrases, words("negators"), words("not_negating_after"),
        words("concord"), int(data["negation_window"]), words("exceptive_before_che"), words("cessation"),
        words("clause_breaks"), words("contrast"), words("requests"), words("comparisons"),
        {lower(str(k)): lower(str(v)) for k, v in data["comparison_prepositions"].items()}, words("hedges"),
        words("counterfactual_verbs"),
        lang.words("first_person_words") | lang.words("first_person_ambiguous"),  # grammar.yaml's, shared
        words("second_person"), words("third_person"), words("third_person_clitics"), words("addressee_markers"),
        words("locative"), words("place_nouns"), words("place_nouns") - words("places_naming_bodies"),
        words("work_heads"), words("metonym_places_after"),
        words("not_counterparts"), words("not_counterpart_ends"),
        words("agent_qualifiers"),
        words("against"), words("subject_carriers"), words("harms"), words("demanded"),
        lang.words("passive_auxiliaries"),  # grammar.yaml's, shared with the cues
        words("copulas"), words("quote_marks"), words("attitudes"), words("speaker_objects"), words("held"),
        words("noun_forms"), words("charges"), words("leading"), words("making"), words("authorship"),
        {lower(str(k)): float(v) for k, v in data["made_outcomes"].items()},
        lang.endings("superlative_endings"), tuple(lang.data("grammar.yaml")["superlative_bases"]),  # in their order
        lang.lemma_dictionary,
    )


def _reporting_polarity(lang: Language) -> dict[str, float]:
    """The reporting verbs' and speech nouns' own polarity (`accusare` −0.8, `dire` 0), by lemma: it replaces
    Sentix's prior, which averages every sense of the word."""
    found = dict(lang.verb_polarity)
    found.update({cue.lemma: cue.polarity for cue in lang.noun_cues.values()})
    return found


def _read_polarity(code: str) -> list[tuple[str, float]]:
    text = resources.files("quotetrack.lang").joinpath(code, POLARITY_FILE).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return [(lemma, float(score)) for lemma, score in rows]


def derive_polarity(sentix_csv: str | Path, lang: Language, threshold: float = 0.25, min_zipf: float = 2.5,
                    max_zipf: float = 5.0) -> list[tuple[str, float]]:
    """The prior polarities `polarity.tsv` ships, from Sentix's CSV (`lemma,score,polarity,poly`): single-word
    content lemmas whose |score| reaches `threshold`, sorted by lemma.

    Small on purpose: a few thousand evaluative words carry nearly all the signal of 68,000 lemmas. Words Italian
    rarely uses (wordfreq Zipf < `min_zipf`) never occur in news; the most frequent ones (Zipf > `max_zipf`: parte,
    volta, tempo) are so polysemous that Sentix's average of their senses says nothing (the evaluative ones among
    them, bene, male, meglio, are in `stance.yaml`); function words are never evaluative."""
    kept = []
    with open(sentix_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lemma, score = row["lemma"], float(row["score"])
            if (abs(score) >= threshold and lemma.isalpha() and lemma.islower()
                    and min_zipf <= lang.zipf(lemma) <= max_zipf
                    and lemma not in lang.function_words and lemma not in lang.auxiliaries):
                kept.append((lemma, round(score, 3)))
    return sorted(kept)


def write_polarity(rows: list[tuple[str, float]], path: str | Path) -> None:
    """Write derived polarities in the shipped format (a licence header, then `lemma<TAB>score` lines)."""
    header = ("# Prior polarity of Italian lemmas, derived from Sentix 3.1.1 (Basile, Nissim, Bosco, Vassallo,\n"
              "# Gabrieli, Vardanega; doi:10.5281/zenodo.15609185) by quotetrack.stance.lexicon.derive_polarity.\n"
              "# Licence: CC BY-SA 4.0 (see POLARITY-LICENSE.md).\n")
    Path(path).write_text(header + "".join(f"{lemma}\t{score}\n" for lemma, score in rows), encoding="utf-8")

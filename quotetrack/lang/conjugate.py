"""Every form of a verb from its lexicon entry: regular endings by class, irregular forms as listed, clitics attached.

A lexicon entry (`reporting.yaml`) gives a verb's class (are / ere / ire / isc, or irregular) and only the forms the
regular endings miss; this module generates the rest, so that adding a verb is one line of data.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

NON_FINITE = ("participle", "gerund", "infinitive")


class VerbForm(NamedTuple):
    """What one written form of a verb is."""

    lemma: str
    tense: str  # present … infinitive, participle, gerund; "finite" for listed irregular finite forms
    also_participle: bool = False  # a finite form that is a participle too (`confermate`, `dette`)

    @property
    def finite(self) -> bool:
        return self.tense not in NON_FINITE

    @property
    def participle(self) -> bool:
        return self.tense == "participle"

    @property
    def gerund(self) -> bool:
        return self.tense == "gerund"

    @property
    def infinitive(self) -> bool:
        return self.tense == "infinitive"


def conjugate(infinitive: str, verb_class: str, endings: dict) -> dict[str, list[str]]:
    """Regular forms of an Italian verb, by tense, from the endings of its class (none for `irregular`)."""
    stem = infinitive[:-3]
    forms: dict[str, list[str]] = {}
    for tense, suffixes in endings.get(verb_class, {}).items():
        forms[tense] = [_join(stem, suffix) if verb_class == "are" else stem + suffix for suffix in suffixes]
    return forms


def _join(stem: str, suffix: str) -> str:
    """First-conjugation spelling: the stem keeps its hard or soft sound (spiegare → spieghi, annunciare → annuncerà)."""
    if stem.endswith(("c", "g")) and suffix[:1] in ("e", "i") and not stem.endswith("sc"):
        return stem + "h" + suffix
    if stem.endswith(("ci", "gi")) and suffix[:1] in ("e", "i"):
        return stem[:-1] + suffix
    if stem.endswith("i") and suffix[:1] == "i":
        return stem + suffix[1:]  # inviare → invii is rare; studiare → studiamo, not studiiamo
    return stem + suffix


def verb_table(entries: dict, endings: dict, clitics: frozenset[str], *, infinitives: tuple[str, ...],
               gerunds: tuple[str, ...], lower: Callable[[str], str]) -> dict[str, VerbForm]:
    """Every form (written by `lower`) of every verb in `entries` → VerbForm; the first verb listing a form keeps it.

    Gerunds and infinitives also get the clitics Italian attaches to them (`accusandolo`, `definirla`, `dirsi`); a
    listed irregular form is told an infinitive or a gerund by the language's `infinitives` and `gerunds` endings."""
    table: dict[str, VerbForm] = {}
    attachable = sorted(clitics)
    for lemma, entry in entries.items():
        entry = entry or {}
        own: dict[str, VerbForm] = {}
        for tense, forms in conjugate(lemma, entry.get("class", "irregular"), endings).items():
            for form in forms:
                if tense == "participle":
                    _add_participle(own, form, lemma)
                else:
                    own.setdefault(form, VerbForm(lemma, tense))
        for form in entry.get("forms") or []:
            form = lower(str(form))
            own.setdefault(form, VerbForm(lemma, _tense_of_listed(form, lemma, infinitives, gerunds)))
        for form in entry.get("participles") or []:
            _add_participle(own, lower(str(form)), lemma)
        own.setdefault(lemma, VerbForm(lemma, "infinitive"))
        for form, reading in list(own.items()):
            if reading.gerund:
                for clitic in attachable:
                    own.setdefault(form + clitic, reading)
            elif reading.infinitive and form.endswith("e"):
                stem = form[:-2] if form.endswith("rre") else form[:-1]  # dire → dirlo, porre → porlo
                for clitic in attachable:
                    own.setdefault(stem + clitic, reading)
        for form, reading in own.items():
            table.setdefault(form, reading)
    return table


def _add_participle(own: dict[str, VerbForm], form: str, lemma: str) -> None:
    found = own.get(form)
    if found is None:
        own[form] = VerbForm(lemma, "participle")
    elif not found.participle:
        own[form] = found._replace(also_participle=True)


def _tense_of_listed(form: str, lemma: str, infinitives: tuple[str, ...], gerunds: tuple[str, ...]) -> str:
    if form == lemma or form.endswith(infinitives) and len(form) > 4:
        return "infinitive"
    if form.endswith(gerunds):
        return "gerund"
    return "finite"

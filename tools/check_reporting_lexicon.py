"""Check the Italian lexicon of reporting (quotetrack/lang/it/reporting.yaml) against its spec.

It validates the file's structure, generates every verb's forms with the engine's conjugator (regular classes) or from
the listed forms (irregular verbs), and prints the counts, the forms that two lemmas share, and a coverage report on
the corpus texts: how many verb lemmas occur there, and which frequent verbs introducing a che/di clause are missing.
The coverage is a hint of general Italian that may be missing, never a list of phrases to copy.

    python tools/check_reporting_lexicon.py                      # validate, count, collisions, coverage
    python tools/check_reporting_lexicon.py --forms dire ammettere   # print the forms of some lemmas

Exit status 1 when the file breaks the spec.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotetrack.lang.conjugate import conjugate  # noqa: E402  (the engine's own conjugator, so forms match it)

LEXICON = ROOT / "quotetrack" / "lang" / "it" / "reporting.yaml"
ENDINGS = ROOT / "quotetrack" / "lang" / "it" / "conjugation.yaml"
AUXILIARIES = ROOT / "quotetrack" / "lang" / "it" / "auxiliaries.yaml"
FUNCTION_WORDS = ROOT / "quotetrack" / "lang" / "it" / "function_words.yaml"
CORPUS = ROOT.parent / "shared" / "corpus" / "it-wikinews"

FRAMES = {"che", "di", "se", "come", "to_of", "object_of", "charge", "object_to", "label", "compare", "predicate",
          "reason", "quote", "colon", "parenthetical"}
NOUN_FRAMES = FRAMES | {"secondo_cui"}
KINDS = {"speech", "writing", "announcement", "request", "answer", "warning", "promise", "accusation", "criticism",
         "praise", "labelling", "comparison", "denial", "admission", "threat", "complaint", "cognition", "evaluation",
         "other"}
CLASSES = {"are": "are", "ere": "ere", "ire": "ire", "isc": "ire", "irregular": None}
VERB_KEYS = {"class", "forms", "participles", "frames", "polarity", "kind", "other_senses", "reflexive", "not_reflexive"}
NOUN_KEYS = {"plural", "frames", "polarity", "kind", "other_senses"}
LIGHT_KEYS = {"verb", "words", "frames", "polarity", "kind"}
GOVERNOR_KEYS = {"class", "forms", "participles", "link", "reflexive", "forms_from"}
LINKS = {"a", "di", "per", None}
TAKES = {"any", "person", "pronoun"}
MARKER_TOKENS = {"VERB", "AUX", "PART"}
AFTER_TOKENS = {"VERB", "VERB+CLITIC", "AUX", "PART", "NOUN", "SPEAKER"}
LIGHT_TOKENS = {"DET"}
LIST_KEYS = ("question_words", "request_complementizers", "reason_complementizers", "agent_prepositions", "che_needs_speaking_subject",
             "stative_participles")
TOP_KEYS = {"verbs", "nouns", "document_nouns", "markers", "relative_markers", "after_content", "light_verbs",
            "forms_of_light_verbs", "governors", "cognition_needs_quote", *LIST_KEYS}
WORD = re.compile(r"^[a-zàáèéìíòóùú']+$")
INFINITIVE_AFTER_DI = re.compile(r"(are|ere|ire|rre|ar|er|ir)(lo|la|li|le|ne|si|ci|vi|mi|ti|gli)?$")
TEXT_WORD = re.compile(r"[a-zàáèéìíòóùú]+")


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def validate(lex: dict) -> list[str]:
    """Every way the file departs from the spec, one line each (empty when it is sound)."""
    problems: list[str] = []
    bad = problems.append
    for key in set(lex) - TOP_KEYS:
        bad(f"unknown top-level key {key!r}")
    for key in TOP_KEYS - set(lex):
        bad(f"missing top-level key {key!r}")
    verbs = lex.get("verbs", {})
    for lemma, spec in verbs.items():
        _check_verb(f"verbs.{lemma}", lemma, spec, bad)
    for lemma, spec in lex.get("nouns", {}).items():
        where = f"nouns.{lemma}"
        _check_word(where, lemma, bad)
        _check_keys(where, spec, NOUN_KEYS, {"plural", "frames", "polarity", "kind"}, bad)
        if "plural" in spec and not (isinstance(spec["plural"], str) and WORD.match(spec["plural"])):
            bad(f"{where}: the plural is one lower-case word")
        _check_frames(where, spec.get("frames"), NOUN_FRAMES, bad)
        _check_polarity_kind(where, spec, bad)
    for singular, plural in lex.get("document_nouns", {}).items():
        if not isinstance(plural, str) or not all(WORD.match(w) for w in f"{singular} {plural}".split()):
            bad(f"document_nouns.{singular}: singular and plural must be lower-case words")
    for i, marker in enumerate(lex.get("markers", [])):
        where = f"markers[{i}]"
        _check_keys(where, marker, {"phrase", "takes", "not_after"}, {"phrase", "takes"}, bad)
        if marker.get("takes") not in TAKES:
            bad(f"{where}: takes must be one of {sorted(TAKES)}")
        if not all(isinstance(w, str) and WORD.match(w) for w in marker.get("not_after") or ()):
            bad(f"{where}: not_after lists lower-case words (lemmas)")
        _check_phrase(where, marker.get("phrase"), MARKER_TOKENS, bad)
    for i, phrase in enumerate(lex.get("relative_markers", [])):
        _check_phrase(f"relative_markers[{i}]", phrase, set(), bad)
    for i, pattern in enumerate(lex.get("after_content", [])):
        _check_phrase(f"after_content[{i}]", pattern, AFTER_TOKENS, bad)
        if isinstance(pattern, str) and not pattern.endswith("SPEAKER"):
            bad(f"after_content[{i}]: a pattern ends with SPEAKER")
    light_forms = lex.get("forms_of_light_verbs", {})
    for lemma, spec in light_forms.items():
        where = f"forms_of_light_verbs.{lemma}"
        if spec.get("forms_from") == "verbs":
            if lemma not in verbs or set(spec) != {"forms_from"}:
                bad(f"{where}: forms_from: verbs needs {lemma!r} in verbs and no other key")
        else:
            _check_verb(where, lemma, spec, bad, needs_frames=False)
    for i, cue in enumerate(lex.get("light_verbs", [])):
        where = f"light_verbs[{i}]"
        _check_keys(where, cue, LIGHT_KEYS, {"verb", "words", "frames"}, bad)
        if cue.get("verb") not in light_forms:
            bad(f"{where}: light verb {cue.get('verb')!r} has no entry in forms_of_light_verbs")
        _check_phrase(where, cue.get("words"), LIGHT_TOKENS, bad)
        _check_frames(where, cue.get("frames"), FRAMES, bad)
        _check_polarity_kind(where, cue, bad, required=False)
    for lemma, spec in lex.get("governors", {}).items():
        where = f"governors.{lemma}"
        _check_keys(where, spec, GOVERNOR_KEYS, {"link"}, bad)
        if spec.get("link") not in LINKS:
            bad(f"{where}: link must be a, di, per or null")
        if spec.get("forms_from") == "verbs":
            if lemma not in verbs or {"class", "forms", "participles"} & set(spec):
                bad(f"{where}: forms_from: verbs needs {lemma!r} in verbs and no forms of its own")
        else:
            conjugation = {k: v for k, v in spec.items() if k in ("class", "forms", "participles")}
            _check_verb(where, lemma, conjugation, bad, needs_frames=False)
        if "reflexive" in spec and spec["reflexive"] is not True:
            bad(f"{where}: reflexive is true or absent")
    if lex.get("cognition_needs_quote") not in (True, False):
        bad("cognition_needs_quote must be true or false")
    for key in LIST_KEYS:
        values = lex.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) and v == v.lower() for v in values):
            bad(f"{key}: a list of lower-case words")
    for lemma in lex.get("che_needs_speaking_subject", []) or []:
        if lemma not in verbs:
            bad(f"che_needs_speaking_subject: {lemma!r} is not in verbs")
        elif "che" not in verbs[lemma].get("frames", []):
            bad(f"che_needs_speaking_subject: {lemma!r} has no che frame")
    return problems


def _check_verb(where, lemma, spec, bad, needs_frames=True):
    _check_word(where, lemma, bad)
    required = {"class", "frames", "polarity", "kind"} if needs_frames else {"class"}
    _check_keys(where, spec, VERB_KEYS, required, bad)
    verb_class = spec.get("class")
    if verb_class not in CLASSES:
        bad(f"{where}: class must be one of {sorted(CLASSES)}")
    elif CLASSES[verb_class] and not lemma.endswith(CLASSES[verb_class]):
        bad(f"{where}: class {verb_class} needs an infinitive in -{CLASSES[verb_class]}")
    forms, participles = spec.get("forms", []), spec.get("participles", [])
    for key, values in (("forms", forms), ("participles", participles)):
        if not isinstance(values, list) or not all(isinstance(v, str) and WORD.match(v) for v in values):
            bad(f"{where}.{key}: a list of lower-case words")
        elif len(values) != len(set(values)):
            bad(f"{where}.{key}: a form is listed twice")
    if verb_class == "irregular":
        if lemma not in forms:
            bad(f"{where}: an irregular verb lists its infinitive among its forms")
        if "participles" not in spec:
            bad(f"{where}: an irregular verb lists its participles (an empty list where none is used)")
    if participles and (len(participles) % 4 or any(p[-1] != "oaie"[i % 4] for i, p in enumerate(participles))):
        bad(f"{where}.participles: four endings each, in the order -o -a -i -e")
    if needs_frames:
        _check_frames(where, spec.get("frames"), FRAMES, bad)
        _check_polarity_kind(where, spec, bad)
        if "other_senses" in spec and not isinstance(spec["other_senses"], str):
            bad(f"{where}: other_senses is a string")
    if "reflexive" in spec and spec["reflexive"] is not True:
        bad(f"{where}: reflexive is true or absent")
    if "not_reflexive" in spec and (spec["not_reflexive"] is not True or "reflexive" in spec):
        bad(f"{where}: not_reflexive is true or absent, and never with reflexive")


def _check_keys(where, spec, allowed, required, bad):
    if not isinstance(spec, dict):
        bad(f"{where}: a mapping is expected")
        return
    for key in set(spec) - allowed:
        bad(f"{where}: unknown key {key!r}")
    for key in required - set(spec):
        bad(f"{where}: missing key {key!r}")


def _check_word(where, word, bad):
    if not isinstance(word, str) or not WORD.match(word):
        bad(f"{where}: {word!r} is not one lower-case word with straight apostrophes")


def _check_frames(where, frames, allowed, bad):
    if not isinstance(frames, list) or not frames:
        bad(f"{where}: frames must be a non-empty list")
        return
    for frame in frames:
        if frame not in allowed:
            bad(f"{where}: unknown frame {frame!r}")
    if len(frames) != len(set(frames)):
        bad(f"{where}: a frame is listed twice")


def _check_polarity_kind(where, spec, bad, required=True):
    polarity = spec.get("polarity", None if required else 0)
    if isinstance(polarity, bool) or not isinstance(polarity, (int, float)) or not -1 <= polarity <= 1:
        bad(f"{where}: polarity must be a number in -1..1")
    kind = spec.get("kind", None if required else "other")
    if kind not in KINDS:
        bad(f"{where}: unknown kind {kind!r}")


def _check_phrase(where, phrase, tokens, bad):
    if not isinstance(phrase, str) or not phrase.strip():
        bad(f"{where}: a phrase is a non-empty string")
        return
    for token in phrase.split():
        if token.isupper() or "+" in token:
            if token not in tokens:
                bad(f"{where}: unknown token {token!r} (allowed: {sorted(tokens) or 'none'})")
        elif not WORD.match(token):
            bad(f"{where}: {token!r} is not a lower-case word with straight apostrophes")


def forms_of(lemma: str, spec: dict, endings: dict) -> set[str]:
    """Every form of one verb: the regular ones of its class plus the listed forms and participles."""
    generated = conjugate(lemma, spec.get("class", "irregular"), endings)
    forms = {form for tense in generated.values() for form in tense}
    return forms | set(spec.get("forms", [])) | set(spec.get("participles", []))


def all_forms(lex: dict, endings: dict) -> dict[str, dict[str, set[str]]]:
    """Section ("verbs", "light verbs", "governors") -> lemma -> its forms."""
    verbs = {lemma: forms_of(lemma, spec, endings) for lemma, spec in lex["verbs"].items()}

    def section(entries):
        return {lemma: verbs[lemma] if spec.get("forms_from") == "verbs" else forms_of(lemma, spec, endings)
                for lemma, spec in entries.items()}

    return {"verbs": verbs, "light verbs": section(lex["forms_of_light_verbs"]),
            "governors": section(lex["governors"])}


def owners(by_section: dict[str, dict[str, set[str]]]) -> dict[str, list[str]]:
    """Every form -> the lemmas it belongs to (one lemma listed in two sections counts once)."""
    found: dict[str, set[str]] = defaultdict(set)
    for lemmas in by_section.values():
        for lemma, forms in lemmas.items():
            for form in forms:
                found[form].add(lemma)
    return {form: sorted(lemmas) for form, lemmas in sorted(found.items())}


def collisions(by_section: dict[str, dict[str, set[str]]]) -> dict[str, list[str]]:
    """Forms that belong to two different lemmas."""
    return {form: lemmas for form, lemmas in owners(by_section).items() if len(lemmas) > 1}


def closed_class_words() -> dict[str, str]:
    """The engine's auxiliaries and function words (form -> what it is), where the package has them."""
    words = {}
    if AUXILIARIES.exists():
        for lemma, forms in load(AUXILIARIES).items():
            words.update({form: f"auxiliary {lemma}" for form in forms})
    if FUNCTION_WORDS.exists():
        for pos, forms in load(FUNCTION_WORDS).items():
            if isinstance(forms, dict):
                words.update({form: f"{pos} {lemma}" for form, lemma in forms.items()})
    return words


def noun_homographs(lex: dict, verb_forms: dict[str, set[str]]) -> dict[str, list[str]]:
    """Verb forms that are also a noun of the lexicon (accusa, risposta): context must tell them apart."""
    nouns = {}
    for lemma, spec in lex["nouns"].items():
        nouns[lemma] = lemma
        nouns[spec["plural"]] = lemma
    found = defaultdict(list)
    for lemma, forms in verb_forms.items():
        for form in forms & set(nouns):
            found[form].append(lemma)
    return dict(sorted(found.items()))


def corpus_words(corpus: Path) -> list[list[str]]:
    texts = []
    for path in sorted(corpus.glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        texts.append(TEXT_WORD.findall(body.replace("’", "'").lower()))
    return texts


def missing_introducers(texts, known: set[str], known_forms: set[str], top: int) -> list[tuple[str, int]] | None:
    """The most frequent verb lemmas right before che, or before di + infinitive, that the lexicon lacks.

    A word that is already a form of the lexicon is skipped (simplemma reads detto as dettare), and so is a word that
    is its own lemma (an infinitive, or a noun in -are such as militare). None when simplemma is not installed."""
    try:
        import simplemma
    except ImportError:
        return None
    counts: Counter[str] = Counter()
    for words in texts:
        for i in range(len(words) - 2):
            after, next_word = words[i + 1], words[i + 2]
            if words[i] in known_forms:
                continue
            if after == "che" or (after == "di" and INFINITIVE_AFTER_DI.search(next_word)):
                lemma = simplemma.lemmatize(words[i], lang="it")
                if lemma == words[i]:
                    continue
                if lemma.endswith(("are", "ere", "ire", "rre")) and lemma not in known | {"essere", "avere"}:
                    counts[lemma] += 1
    return counts.most_common(top)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicon", type=Path, default=LEXICON)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--top", type=int, default=40, help="how many missing corpus verbs to list")
    parser.add_argument("--forms", nargs="*", metavar="LEMMA", help="print the forms of these lemmas and stop")
    args = parser.parse_args(argv)

    lex = load(args.lexicon)
    problems = validate(lex)
    if problems:
        print(f"{args.lexicon}: {len(problems)} problems")
        for problem in problems:
            print("  " + problem)
        return 1
    endings = load(ENDINGS)
    by_section = all_forms(lex, endings)
    if args.forms:
        for lemma in args.forms:
            for section, lemmas in by_section.items():
                if lemma in lemmas:
                    print(f"{lemma} ({section}): {' '.join(sorted(lemmas[lemma]))}")
        return 0

    verbs = by_section["verbs"]
    verb_forms = set().union(*verbs.values())
    print(f"{args.lexicon.relative_to(ROOT) if args.lexicon.is_relative_to(ROOT) else args.lexicon}: structure ok")
    print(f"  {len(verbs)} verb lemmas, {len(verb_forms)} distinct verb forms; {len(lex['nouns'])} nouns, "
          f"{len(lex['document_nouns'])} document nouns; {len(lex['markers'])} markers, "
          f"{len(lex['relative_markers'])} relative markers, {len(lex['after_content'])} after-content patterns; "
          f"{len(lex['light_verbs'])} light-verb cues on {len(lex['forms_of_light_verbs'])} light verbs; "
          f"{len(lex['governors'])} governors")
    kinds = Counter(spec["kind"] for spec in lex["verbs"].values())
    print("  verbs by kind: " + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common()))

    shared = collisions(by_section)
    print(f"\nforms shared by two lemmas: {len(shared)}")
    for form, lemmas in shared.items():
        print(f"  {form}: {', '.join(lemmas)}")
    every_form = owners(by_section)
    closed = closed_class_words()
    clashes = {form: lemmas for form, lemmas in every_form.items() if form in closed}
    print(f"forms that are also an auxiliary or a function word of the engine: {len(clashes)}")
    for form, lemmas in clashes.items():
        print(f"  {form}: {', '.join(lemmas)} / {closed[form]}")
    homographs = noun_homographs(lex, verbs)
    print(f"\nverb forms that are also nouns of the lexicon (context decides): {len(homographs)}")
    print("  " + ", ".join(f"{form} ({'/'.join(lemmas)})" for form, lemmas in homographs.items()))

    if not args.corpus.is_dir():
        print(f"\ncoverage: no corpus at {args.corpus}")
        return 0
    texts = corpus_words(args.corpus)
    seen = set().union(*map(set, texts))
    present = [lemma for lemma, forms in verbs.items() if forms & seen]
    print(f"\ncoverage: {len(present)} of {len(verbs)} verb lemmas occur in at least one form in the "
          f"{len(texts)} corpus texts")
    absent = sorted(set(verbs) - set(present))
    print(f"  absent: {' '.join(absent)}")
    known = set(verbs) | set(lex["governors"]) | set(lex["forms_of_light_verbs"])
    missing = missing_introducers(texts, known, set(every_form), args.top)
    if missing is None:
        print("  (install simplemma to list the corpus verbs before che/di that the lexicon lacks)")
        return 0
    print(f"  the {len(missing)} most frequent verbs before che / di + infinitive that the lexicon lacks "
          "(a hint of general Italian; simplemma lemmas, so some are wrong):")
    print("  " + ", ".join(f"{lemma} {n}" for lemma, n in missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())

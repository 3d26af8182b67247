"""The Stanza engine: Italian tokens, lemmas, POS, a dependency parse and (optionally) entities.

This is the only module that imports stanza or torch, and only inside functions, so `import quotetrack` and the
built-in engine work on machines without them. Stanza objects never leave this module: `StanzaEngine` converts
them to the `quotetrack.analysis` dataclasses.
"""
from __future__ import annotations

import bisect
import importlib.util
import os
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Sequence

from ..kb import KnowledgeBase
from ..lang import Language, fold
from ..models import Article
from .document import Document, EntitySpan, Token

ENV_MODELS_DIR = "QUOTETRACK_STANZA_DIR"
ENV_NER_MODEL = "QUOTETRACK_STANZA_NER"
ENV_THREADS = "QUOTETRACK_TORCH_THREADS"
LANG = "it"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")  # in pipeline order
REQUIRED_PROCESSORS = ("tokenize", "pos", "lemma", "depparse")
NER_MODEL_FILE = Path("ner") / "it_kind_nertagger.pt"  # the project's NER tagger, when shipped beside the models

# Stanza's memory grows with document length; long texts are cut at paragraph breaks into pieces of about this size.
CHUNK_CHARS = 20_000
# how many characters are handed to Stanza in one bulk call (several articles, or pieces of one)
BATCH_CHARS = 60_000
# a word at least this frequent in Italian is a common word (the name reader's own bound for `Notiziario Regionale`)
COMMON_WORD_ZIPF = 3.5
# a lemma Italian uses less than this is one Stanza's lemmatiser built from an ending (`pirati` → `pirato`)
RARE_LEMMA_ZIPF = 2.0
# how much more Italian must use the dictionary's singular of a noun than Stanza's for it to stand (ten times)
SINGULAR_ZIPF_MARGIN = 1.0


# ---------------------------------------------------------------------------------------------- model discovery


def stanza_available() -> bool:
    """Whether stanza can be imported, checked without importing it (importing stanza imports torch: seconds)."""
    return importlib.util.find_spec("stanza") is not None


def torch_available() -> bool:
    return importlib.util.find_spec("torch") is not None


def default_models_dir() -> Path:
    """Stanza's own default resources directory, computed as Stanza does but without importing it (and torch)."""
    if os.environ.get("STANZA_RESOURCES_DIR"):
        return Path(os.environ["STANZA_RESOURCES_DIR"])
    try:
        from importlib.metadata import version

        from platformdirs import user_cache_dir

        return Path(user_cache_dir("stanza", "StanfordNLP", version("stanza"))) / "resources"
    except Exception:  # stanza or platformdirs missing: older Stanza releases used this folder
        return Path.home() / "stanza_resources"


def candidate_dirs(models_dir: str | os.PathLike | None = None) -> list[tuple[str, Path]]:
    """Where models are looked for, as (why, path). The first one given decides: an explicit --models or
    $QUOTETRACK_STANZA_DIR that is wrong is reported, not silently replaced by another folder."""
    if models_dir:
        return [("--models", Path(models_dir).expanduser())]
    if os.environ.get(ENV_MODELS_DIR):
        return [(f"${ENV_MODELS_DIR}", Path(os.environ[ENV_MODELS_DIR]).expanduser())]
    return [("Stanza's default directory", default_models_dir())]


def processor_files(resources_dir: Path) -> dict[str, Path]:
    """Model file of each Italian processor present under a resources directory (first .pt file of each)."""
    found: dict[str, Path] = {}
    for processor in PROCESSORS:
        folder = resources_dir / LANG / processor
        files = sorted(folder.glob("*.pt")) if folder.is_dir() else []
        if files:
            found[processor] = files[0]
    return found


def missing_parts(resources_dir: Path) -> list[str]:
    """What a directory lacks to count as an Italian Stanza resources directory (empty list: it counts)."""
    if not resources_dir.is_dir():
        return ["the directory itself"]
    missing = [] if (resources_dir / "resources.json").is_file() else ["resources.json"]
    present = processor_files(resources_dir)
    missing += [f"{LANG}/{p}" for p in REQUIRED_PROCESSORS if p not in present]
    return missing


def find_models(models_dir: str | os.PathLike | None = None) -> Path | None:
    """The Stanza resources directory to use: `models_dir`, else $QUOTETRACK_STANZA_DIR, else Stanza's default."""
    for _, path in candidate_dirs(models_dir):
        if not missing_parts(path):
            return path
    return None


def find_ner_model(resources_dir: Path) -> Path | None:
    """The NER tagger to load: $QUOTETRACK_STANZA_NER, else `ner/it_kind_nertagger.pt` beside the models."""
    if os.environ.get(ENV_NER_MODEL):
        path = Path(os.environ[ENV_NER_MODEL]).expanduser()
        return path if path.is_file() else None
    path = resources_dir / NER_MODEL_FILE
    return path if path.is_file() else None


def unavailable_reason(models_dir: str | os.PathLike | None = None) -> str:
    """One sentence saying why the Stanza engine cannot run here, and what to do about it."""
    if not stanza_available():
        return "stanza is not installed (pip install torch==2.13.0 stanza), or use --engine builtin"
    problems = []
    for why, path in candidate_dirs(models_dir):
        missing = missing_parts(path)
        if not path.is_dir():
            problems.append(f"{path} ({why}) does not exist")
        elif missing:
            problems.append(f"{path} ({why}) lacks {', '.join(missing)}")
    if not problems:
        return "Stanza and its Italian models are available"
    return (
        "no Italian Stanza models found: " + "; ".join(problems)
        + f"; run `quotetrack models download` or point --models or ${ENV_MODELS_DIR} at a resources directory"
    )


@dataclass
class ModelStatus:
    """What `quotetrack models status` reports."""

    engine: str  # what --engine auto would run
    searched: list[tuple[str, Path]]
    resources_dir: Path | None
    processors: dict[str, Path] = field(default_factory=dict)
    ner_model: Path | None = None
    stanza_importable: bool = False
    torch_importable: bool = False
    reason: str = ""


def model_status(models_dir: str | os.PathLike | None = None) -> ModelStatus:
    found = find_models(models_dir)
    importable = stanza_available()
    status = ModelStatus(
        engine="stanza" if found is not None and importable else "builtin",
        searched=candidate_dirs(models_dir),
        resources_dir=found,
        stanza_importable=importable,
        torch_importable=torch_available(),
        reason=unavailable_reason(models_dir),
    )
    if found is not None:
        status.processors = processor_files(found)
        status.ner_model = find_ner_model(found)
        if status.ner_model is not None:
            status.processors["ner"] = status.ner_model
    return status


class ModelDownloadError(RuntimeError):
    """The models could not be downloaded; the message is one sentence for the user."""


def download_models(target_dir: str | os.PathLike | None = None) -> Path:
    """Download Stanza's official Italian models into `target_dir` (default: Stanza's default directory)."""
    if not stanza_available():
        raise ModelDownloadError(unavailable_reason(target_dir))
    import stanza

    target = Path(target_dir).expanduser() if target_dir else default_models_dir()
    try:
        stanza.download(LANG, model_dir=str(target), logging_level="WARN")
    except Exception as err:  # requests, huggingface_hub and OS errors all mean the same thing to the user
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ModelDownloadError(
            f"could not reach Stanza's model server: {reason}; copy a resources directory and point --models "
            f"or ${ENV_MODELS_DIR} at it"
        ) from err
    return target


# -------------------------------------------------------------------------------------------------------- engine

_PIPELINES: dict[tuple[str, str | None], object] = {}


def _threads() -> int:
    """One torch thread unless the user asks otherwise: on a shared 2-core machine two threads ran 30x slower."""
    try:
        return max(1, int(os.environ.get(ENV_THREADS, "1")))
    except ValueError:
        return 1


def load_pipeline(resources_dir: Path, ner_model: Path | None = None):
    """The Stanza pipeline for these models, created once per process and reused."""
    key = (str(resources_dir), str(ner_model) if ner_model else None)
    if key not in _PIPELINES:
        import stanza
        import torch

        torch.set_num_threads(_threads())
        present = processor_files(resources_dir)
        processors = [p for p in PROCESSORS if p in present or (p == "ner" and ner_model is not None)]
        options = {"ner_model_path": str(ner_model)} if ner_model is not None else {}
        _PIPELINES[key] = stanza.Pipeline(
            LANG,
            dir=str(resources_dir),
            processors=",".join(processors),
            download_method=None,
            use_gpu=False,
            logging_level="WARN",
            **options,
        )
    return _PIPELINES[key]


class StanzaEngine:
    """Reads Italian with Stanza; the pipeline is loaded on first use.

    The tokens and sentences are the built-in engine's (`tokens.py`), so every surface rule sees the same tokens
    with either engine; Stanza puts its lemmas, tags, parse and entities on them, aligned by character offsets
    (`align`)."""

    name = "stanza"

    def __init__(
        self,
        models_path: str | os.PathLike,
        ner_model: str | os.PathLike | None = None,
        chunk_chars: int = CHUNK_CHARS,
    ):
        self.models_path = Path(models_path)
        self.ner_model = Path(ner_model) if ner_model else find_ner_model(self.models_path)
        self.chunk_chars = chunk_chars

    @property
    def pipeline(self):
        return load_pipeline(self.models_path, self.ner_model)

    def analyse_many(self, articles: Sequence[Article], kb: KnowledgeBase, lang: Language) -> list[Document]:
        from .builtin import analyse

        documents = [analyse(article, kb, lang) for article in articles]
        parses = self.parse_many([a.text for a in articles])
        return [align(document, parse) for document, parse in zip(documents, parses)]

    def parse_many(self, texts: Sequence[str]) -> list[Parse]:
        """Stanza's own reading of each text; its pieces go to Stanza in bulk calls of about BATCH_CHARS
        characters."""
        pieces = [(n, offset, piece) for n, text in enumerate(texts) for offset, piece in split_text(text, self.chunk_chars)]
        documents: list = []
        batch: list[tuple[int, int, str]] = []
        batch_chars = 0
        for piece in pieces:
            batch.append(piece)
            batch_chars += len(piece[2])
            if batch_chars >= BATCH_CHARS:
                documents += self._run(batch)
                batch, batch_chars = [], 0
        if batch:
            documents += self._run(batch)
        parses = [Parse() for _ in texts]
        for (n, offset, _), document in zip(pieces, documents):
            _append_document(parses[n], document, offset)
        return parses

    def _run(self, batch: list[tuple[int, int, str]]) -> list:
        import stanza

        return self.pipeline.bulk_process([stanza.Document([], text=piece) for _, _, piece in batch])


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut text into (offset, piece) parts of at most about `limit` characters, at paragraph breaks when possible,
    else at a space; blank parts are dropped (Stanza has nothing to say about them)."""
    parts: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > limit:
            window = text[start : start + limit]
            breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(window)]
            space = window.rfind(" ")
            end = start + (breaks[-1] if breaks and breaks[-1] > limit // 4 else space + 1 if space > 0 else limit)
        if text[start:end].strip():
            parts.append((start, text[start:end]))
        start = end
    return parts


@dataclass(slots=True)
class Word:
    """One Stanza word. Words of a multi-word token (`della` → `di` + `la`) share the token's offsets."""

    start: int
    end: int
    text: str
    lemma: str
    upos: str
    feats: str
    head: int | None  # index into Parse.words; None for a sentence root
    deprel: str


@dataclass
class Parse:
    """Stanza's words and entities for one text, before alignment to the surface tokens."""

    words: list[Word] = field(default_factory=list)
    entities: list[EntitySpan] = field(default_factory=list)


def _append_document(parse: Parse, document, offset: int) -> None:
    """Add a Stanza document's words and entities to `parse`, shifting offsets by `offset`."""
    words = parse.words
    for sentence in document.sentences:
        first = len(words)
        for stanza_token in sentence.tokens:
            for word in stanza_token.words:
                words.append(
                    Word(
                        offset + stanza_token.start_char,
                        offset + stanza_token.end_char,
                        word.text,
                        word.lemma or word.text,
                        word.upos or "",
                        word.feats or "",
                        first + word.head - 1 if word.head else None,
                        word.deprel or "",
                    )
                )
    for entity in document.ents:
        parse.entities.append(EntitySpan(offset + entity.start_char, offset + entity.end_char, entity.type, entity.text))


def align(document: Document, parse: Parse) -> Document:
    """The document with Stanza's reading on its tokens, matched by character offsets.

    Each token takes the lemma and relation of the Stanza word it carries (`_with_stanza_reading`; its tags stay the
    built-in engine's): of the words sharing its characters, the one whose head lies outside them (`della` → `di`, `dirlo` → `dir`), else the first. Heads are mapped to the tokens carrying
    them, climbing past words that share the token; a head outside the token's sentence makes it a root. A token
    Stanza glued to a neighbour (`ultimatum»`) hangs on the token that carries the glued word.
    """
    tokens = document.tokens
    starts = document.starts
    owner = [_token_of(word, tokens, starts) for word in parse.words]
    carried: dict[int, int] = {}
    for w, t in enumerate(owner):
        if t is None:
            continue
        if t not in carried or _heads_outside(parse.words, owner, w, t) and not _heads_outside(parse.words, owner, carried[t], t):
            carried[t] = w
    sentence_of = document.sentence_of
    aligned = []
    for token in tokens:
        w = carried.get(token.i)
        if w is None:
            deprel = "punct" if token.upos == "PUNCT" else "dep"
            token = token._replace(head=_covering_token(token, parse.words, carried), deprel=deprel)
        else:
            token = _with_stanza_reading(token, parse.words[w], document.lang)._replace(
                head=_head_token(parse.words, owner, w, token.i))
        if token.head is None or sentence_of[token.head] != sentence_of[token.i]:
            token = token._replace(head=None, deprel="root")
        aligned.append(token)
    # the words, offsets and tags are the built-in engine's still (`_with_stanza_reading`): its columns stand as they are
    entities = tuple(e for e in parse.entities if not _common_noun_organisation(document, e))
    return replace(document, tokens=tuple(aligned), entities=entities, engine="stanza", has_parse=True)


def _common_noun_organisation(document: Document, entity: EntitySpan) -> bool:
    """Is it an organisation Stanza's tagger found in common Italian words only (`il Consiglio`, `la Repubblica`,
    `la guardia costiera`)? The mention readers read a body named by its common noun as a phrase, or chose not to:
    the tagger's reading names no one they missed, and became a candidate target nobody ever is. A given name makes
    it a person's name the tagger mislabelled (`Mario Rossi`: both common words)."""
    if entity.label != "ORG":
        return False
    first, last = document.token_at(entity.start), document.token_before(entity.end) + 1
    given_names = document.lang.speaker_words["given_names"]
    return all(document.lang.zipf(document.lower[k]) >= COMMON_WORD_ZIPF and fold(document.texts[k]) not in given_names
               for k in range(first, last))


def _with_stanza_reading(token: Token, word: Word, lang: Language) -> Token:
    """The token with Stanza's lemma and relation, where Stanza read the word; its part of speech and features stay
    the built-in engine's. The readers' rules were written on the built-in tag conventions (a participle read as a
    verb, a country's adjective as an adjective, a noun a verb resembles as a noun), and Stanza's tags cost
    statements and speakers (cross-validated, 8 draws: quote F1 .871 against .865, speaker .786 against .780); its
    parse still comes from its own tagger, so its relations are consistent with each other.

    Its lemmatiser makes up a verb for words it does not know (`statunitensi` → `statunire`): a lemma that is no
    Italian word, or one Italian barely uses where the built-in one is in use (`_made_up`), gives way to the built-in
    one. A plural it copies as its own lemma gives way too (`_copied_plural`), and so do a verb's infinitive given
    to a noun (`_verb_lemma_of_noun`) and the rarer of a noun's two possible singulars (`_rarer_singular`), an
    adjective given to an adverb in -mente (`_adjective_of_adverb`) and an auxiliary given to another verb's form
    (`_auxiliary_of_another_verb`). A gerund or an infinitive carrying a clitic is a verb only (`_only_a_verb`): its
    copy as its own lemma gives way to the built-in verb's."""
    lemma = word.lemma.casefold()
    made_up = lemma != token.lemma and (_made_up(lemma, token.lemma, lang) or _copied_plural(token, word, lemma)
                                        or _verb_lemma_of_noun(token, word, lemma, lang)
                                        or _rarer_singular(word, lemma, token.lemma, lang)
                                        or _adjective_of_adverb(token, word, lemma, lang)
                                        or _auxiliary_of_another_verb(token, lemma, lang)
                                        or lemma == token.lower and _only_a_verb(token, lang))
    return token._replace(lemma=token.lemma if made_up else lemma, deprel=word.deprel)


def _only_a_verb(token: Token, lang: Language) -> bool:
    """Is the word a gerund, or an infinitive or a past participle with a clitic attached (`gridandole`, `parlarne`,
    `accortosi`), as the built-in engine reads it? Such a form is a verb only, whose lemma is its verb's; Stanza's
    lemmatiser copies some of them as their own lemma. A bare infinitive may be a noun (`il potere`), and so may a
    bare participle (`i feriti`)."""
    if token.upos != "VERB":
        return False
    infinitive_with_clitic = "VerbForm=Inf" in token.feats and token.lower.endswith(lang.endings("attached_clitics"))
    return "VerbForm=Ger" in token.feats or infinitive_with_clitic or lang.participle_with_clitic(token.lower)


def _made_up(lemma: str, dictionary_lemma: str, lang: Language) -> bool:
    """Is Stanza's lemma no Italian word, or a form Italian barely uses (`pirati` → `pirato`, `soccorsi` → `soccor`)
    where the dictionary's lemma is a word in use (`pirata`, `soccorso`)? Its lemmatiser builds such forms from the
    endings of words it does not know."""
    zipf = lang.zipf(lemma)
    return not zipf or zipf < RARE_LEMMA_ZIPF <= lang.zipf(dictionary_lemma)


def _copied_plural(token: Token, word: Word, lemma: str) -> bool:
    """Stanza's lemmatiser copies a plural it does not know as its own lemma (`le proteste` → `proteste`), where
    the dictionary reads the word as a form of another lemma (`protesta`): a plural noun or adjective cannot be its
    own lemma then. Where the built-in engine reads a verb form, Stanza's noun may be a participle's (`le imposte`):
    its lemma stays."""
    return (lemma == token.lower != token.lemma and word.upos in ("NOUN", "ADJ") and "Number=Plur" in word.feats
            and token.upos not in ("VERB", "AUX"))


def _verb_lemma_of_noun(token: Token, word: Word, lemma: str, lang: Language) -> bool:
    """Stanza's lemmatiser reads some nouns as forms of a verb they resemble (`la vergogna` → `vergognare`, `i
    batteri` → `battere`) while its tagger calls them nouns: a noun's lemma is no infinitive unless the word is one
    (`il potere`), so the dictionary's lemma stands."""
    infinitive = lang.endings("infinitive_endings")
    return word.upos == "NOUN" and lemma.endswith(infinitive) and not token.lower.endswith(infinitive)


def _rarer_singular(word: Word, lemma: str, dictionary_lemma: str, lang: Language) -> bool:
    """A noun's form may come from lemmas that differ in the last vowel only (`ribelli`: `ribello` or `ribelle`), and
    Stanza's lemmatiser picks by the ending it learned (`piloti` → `piloto`): where the dictionary gives the other one
    and Italian uses it at least ten times more (a zipf point), the dictionary's stands."""
    return (word.upos == "NOUN" and len(lemma) == len(dictionary_lemma) and lemma[:-1] == dictionary_lemma[:-1]
            and lang.zipf(dictionary_lemma) >= lang.zipf(lemma) + SINGULAR_ZIPF_MARGIN)


def _adjective_of_adverb(token: Token, word: Word, lemma: str, lang: Language) -> bool:
    """Stanza's lemmatiser gives some adverbs in -mente the adjective they are made from (`direttamente` →
    `diretto`): an adverb is its own lemma, so the dictionary's stands, and the adverb no longer evaluates as the
    adjective does."""
    return word.upos == "ADV" and lemma != token.lower and token.lower.endswith(lang.endings("adverb_endings"))


def _auxiliary_of_another_verb(token: Token, lemma: str, lang: Language) -> bool:
    """Stanza's lemmatiser reads some verb forms as an auxiliary's by their ending (`amavo` → `avere`, `sapranno`
    → `essere`), though the word is none of the auxiliary's forms (`auxiliaries.yaml`): where the dictionary reads
    another verb, its verb stands. A form the list lacks and the dictionary reads as no verb stays the auxiliary's
    (`son`, `E'`)."""
    return token.upos == "VERB" and lemma in _auxiliary_lemmas(lang) and lang.auxiliaries.get(token.lower) != lemma


@cache
def _auxiliary_lemmas(lang: Language) -> frozenset[str]:
    return frozenset(lang.auxiliaries.values())


def _token_of(word: Word, tokens: list[Token], starts: list[int]) -> int | None:
    """The surface token holding a word's first character."""
    k = bisect.bisect_right(starts, word.start) - 1
    if k >= 0 and word.start < tokens[k].end:
        return k
    k += 1  # the word starts in a space between tokens (never with Stanza's offsets; kept safe)
    return k if k < len(tokens) and tokens[k].start < word.end else None


def _heads_outside(words: list[Word], owner: list[int | None], w: int, t: int) -> bool:
    head = words[w].head
    return head is None or owner[head] != t


def _head_token(words: list[Word], owner: list[int | None], w: int, t: int) -> int | None:
    """The surface token of a word's head, climbing past heads that share the word's own token."""
    seen = set()
    head = words[w].head
    while head is not None and owner[head] == t and head not in seen:
        seen.add(head)
        head = words[head].head
    return None if head is None else owner[head]


def _covering_token(token: Token, words: list[Word], carried: dict[int, int]) -> int | None:
    """For a token no Stanza word starts in (`»` of `ultimatum»`): the closest earlier token whose word covers it."""
    for k in range(token.i - 1, max(-1, token.i - 4), -1):
        w = carried.get(k)
        if w is not None:
            return k if words[w].end > token.start else None
    return None

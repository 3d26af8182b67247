"""The Stanza engine: finding models, `quotetrack models`, and converting Stanza's output to an Analysis."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrack.analysis import analyse
from quotetrack.analysis import stanza as stanza_nlp
from quotetrack.analysis.document import EntitySpan
from quotetrack.analysis.stanza import Parse, StanzaEngine, Word, align, find_models, split_text, unavailable_reason
from quotetrack.cli import cli
from quotetrack.kb import default_kb
from quotetrack.lang import get as get_language
from quotetrack.models import Article


def builtin(text: str):
    return analyse(Article("t", text))


class Analyzer:
    """The Stanza engine as these tests use it: texts in, documents out."""

    def __init__(self, engine: StanzaEngine):
        self.engine = engine

    def analyze(self, text: str):
        return self.analyze_many([text])[0]

    def analyze_many(self, texts):
        articles = [Article(f"t{k}", text) for k, text in enumerate(texts)]
        return self.engine.analyse_many(articles, default_kb(), get_language())


def make_resources(root: Path, processors=("tokenize", "pos", "lemma", "depparse")) -> Path:
    """A directory shaped like Stanza's resources (empty model files: enough for discovery, not for loading)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "resources.json").write_text("{}")
    for processor in processors:
        (root / "it" / processor).mkdir(parents=True)
        (root / "it" / processor / "combined.pt").write_bytes(b"")
    return root


@pytest.fixture()
def no_env_models(monkeypatch, tmp_path):
    monkeypatch.delenv("QUOTETRACK_STANZA_DIR", raising=False)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza-default"))


# -- discovery (no stanza needed) ----------------------------------------------------------------------------------


def test_a_resources_directory_with_the_four_processors_is_found(tmp_path, no_env_models):
    models = make_resources(tmp_path / "models")
    assert find_models(models) == models


def test_a_directory_without_the_parser_does_not_count_and_the_reason_names_what_lacks(tmp_path, no_env_models):
    models = make_resources(tmp_path / "models", processors=("tokenize", "pos", "lemma"))
    assert find_models(models) is None
    if stanza_nlp.stanza_available():
        reason = unavailable_reason(models)
        assert str(models) in reason and "it/depparse" in reason and "quotetrack models download" in reason


def test_the_environment_variable_is_used_when_no_directory_is_given(tmp_path, no_env_models, monkeypatch):
    models = make_resources(tmp_path / "env-models")
    monkeypatch.setenv("QUOTETRACK_STANZA_DIR", str(models))
    assert find_models(None) == models
    assert find_models(tmp_path / "elsewhere") is None  # an explicit --models wins, even when it is wrong


def test_stanza_default_directory_is_the_last_resort(tmp_path, no_env_models):
    make_resources(tmp_path / "stanza-default")
    assert find_models(None) == tmp_path / "stanza-default"


def test_checking_for_stanza_and_models_does_not_import_torch():
    code = (
        "import sys, quotetrack.analysis.stanza as s; s.stanza_available(); s.find_models(None); s.model_status(None); "
        "print('torch' in sys.modules, 'stanza' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_long_texts_are_cut_at_paragraph_breaks_into_bounded_pieces():
    paragraph = "Il ministro ha parlato a lungo della crisi. " * 5
    text = "\n\n".join([paragraph] * 400)  # ~90 kB
    pieces = split_text(text, limit=2_000)
    assert all(len(piece) <= 2_000 for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])
    assert "".join(piece for _, piece in pieces) == text


def test_a_text_without_breaks_is_cut_at_spaces():
    text = "parola " * 1_000
    pieces = split_text(text, limit=500)
    assert all(len(piece) <= 500 and piece.endswith(" ") for _, piece in pieces)
    assert "".join(piece for _, piece in pieces) == text


def test_blank_text_has_no_pieces():
    assert split_text("") == [] and split_text(" \n\n  ") == []


# -- alignment of Stanza's words to the surface tokens (no models needed) -----------------------------------------


def test_alignment_maps_multiword_and_glued_words_onto_the_surface_tokens():
    text = "Disse «basta dirlo»."
    analysis = builtin(text)
    assert [t.text for t in analysis.tokens] == ["Disse", "«", "basta", "dirlo", "»", "."]
    at = text.index
    parse = Parse(words=[
        Word(0, 5, "Disse", "dire", "VERB", "VerbForm=Fin", None, "root"),
        Word(6, 7, "«", "«", "PUNCT", "", 2, "punct"),
        Word(at("basta"), at("basta") + 5, "basta", "bastare", "VERB", "", 0, "ccomp"),
        Word(at("dirlo"), at("»") + 1, "dir", "dire", "VERB", "VerbForm=Inf", 2, "csubj"),  # `dirlo»` glued,
        Word(at("dirlo"), at("»") + 1, "lo", "lo", "PRON", "", 3, "obj"),  # and split into dir + lo
        Word(at("."), at(".") + 1, ".", ".", "PUNCT", "", 0, "punct"),
    ])
    analysis = align(analysis, parse)
    tokens = {t.text: t for t in analysis.tokens}
    assert analysis.has_parse and [t.text for t in analysis.tokens][3] == "dirlo"
    assert (tokens["dirlo"].lemma, tokens["dirlo"].deprel, tokens["dirlo"].head) == ("dire", "csubj", tokens["basta"].i)
    assert (tokens["»"].deprel, tokens["»"].head) == ("punct", tokens["dirlo"].i)
    assert tokens["Disse"].head is None and tokens["Disse"].deprel == "root"


def test_a_lemma_stanza_makes_up_gives_way_to_the_built_in_reading():
    """Stanza's lemmatiser invents a verb for an adjective it does not know (`cileno` → `cilere`): the built-in lemma
    stands instead, so the organisation's phrase keeps its adjective; words whose Stanza lemma is Italian keep
    Stanza's lemma."""
    text = "Il governo cileno ha detto che la crisi è finita."
    analysis = builtin(text)
    stanza_reading = {"Il": ("il", "DET"), "governo": ("governo", "NOUN"), "cileno": ("cilere", "VERB"),
                      "ha": ("avere", "AUX"), "detto": ("dire", "VERB"), "che": ("che", "SCONJ"), "la": ("il", "DET"),
                      "crisi": ("crisi", "NOUN"), "è": ("essere", "AUX"), "finita": ("finire", "VERB"), ".": (".", "PUNCT")}
    parse = Parse(words=[Word(t.start, t.end, t.text, *stanza_reading[t.text], "", None if t.text == "detto" else 4, "dep")
                         for t in analysis.tokens])
    aligned = align(analysis, parse)
    tokens = {t.text: t for t in aligned.tokens}
    assert [tokens[w].lemma for w in ("cileno", "finita", "detto")] == ["cileno", "finire", "dire"]
    assert [m.text for m in aligned.mentions if m.kind == "organisation"] == ["Il governo cileno"]


def test_a_lemma_italian_barely_uses_gives_way_to_the_dictionarys_lemma_in_use():
    """Stanza builds a lemma from the ending of a word it does not know (`pirati` → `pirato`, `soccorsi` →
    `soccor`): a form Italian barely uses gives way to the dictionary's lemma where that one is in use; a lemma in use
    stays Stanza's (`legge`, which the dictionary reads as `leggere`)."""
    text = "Anna Neri ha detto che i pirati chiedono soccorsi contro la legge."
    analysis = builtin(text)
    reading = {"pirati": ("pirato", "NOUN", "Number=Plur"), "soccorsi": ("soccor", "NOUN", "Number=Plur"),
               "legge": ("legge", "NOUN", "Number=Sing")}
    tokens = {t.text: t for t in align(analysis, parse_over(analysis, reading, root="detto", head=3)).tokens}
    assert [tokens[w].lemma for w in ("pirati", "soccorsi", "legge")] == ["pirata", "soccorso", "legge"]


def test_a_participle_stanza_tags_as_a_verb_stays_in_the_phrase_it_modifies():
    """`i pescatori rapiti`: the participle modifies the noun before it, so the description keeps it, as it does with
    the built-in engine."""
    text = "I parenti dei pescatori rapiti hanno chiesto che il governo intervenga."
    analysis = builtin(text)
    verbs = {"rapiti": ("rapire", "VERB", "VerbForm=Part"), "chiesto": ("chiedere", "VERB", "VerbForm=Part")}
    parse = parse_over(analysis, verbs, root="chiesto", head=6)
    aligned = align(analysis, parse)
    assert [m.text for m in aligned.mentions if m.kind == "anonymous"] == ["I parenti dei pescatori rapiti"]


@pytest.mark.parametrize(("text", "participle", "kind", "mention"), [
    ("Secondo le guardie della polizia arrivate sul posto, il ladro era fuggito. Lo hanno detto ieri.", "arrivate",
     "anonymous", "le guardie della polizia"),
    ("Il ladro è stato circondato dalle squadre della polizia supportate anche da alcuni vigili, ha detto Mario Rossi.",
     "supportate", "organisation", "polizia"),
])
def test_a_participle_of_another_number_stays_out_of_the_noun_it_follows(text, participle, kind, mention):
    """`le guardie della polizia arrivate`: the plural participle modifies `guardie`, not the singular noun it
    follows, so neither the complement nor the body's own mention takes it (the built-in reading stops there too)."""
    analysis = builtin(text)
    reading = {"polizia": ("polizia", "NOUN", "Gender=Fem|Number=Sing"),
               participle: ("verbo", "VERB", "Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part"),
               "detto": ("dire", "VERB", "VerbForm=Part")}
    aligned = align(analysis, parse_over(analysis, reading, root="detto", head=3))
    assert next(m.text for m in aligned.mentions if m.kind == kind) == mention


def test_the_tags_are_the_built_in_engines_and_the_lemma_and_parse_stanzas():
    """The readers' rules were written on the built-in engine's tags: a token keeps its part of speech and features
    (in the tag column too), and takes Stanza's lemma, relation and head."""
    text = "Mario Rossi ha detto che la legge passa."
    analysis = builtin(text)
    reading = {"legge": ("legge", "NOUN", "Gender=Fem|Number=Sing"), "detto": ("dire", "VERB", "VerbForm=Part"),
               "passa": ("passare", "ADJ", "Number=Sing")}
    aligned = align(analysis, parse_over(analysis, reading, root="detto", head=3))
    assert [(t.upos, t.feats) for t in aligned.tokens] == [(t.upos, t.feats) for t in analysis.tokens]
    assert aligned.upos == analysis.upos
    legge = next(t for t in aligned.tokens if t.text == "legge")
    assert (legge.lemma, legge.deprel, legge.head) == ("legge", "dep", 3)
    assert next(t for t in aligned.tokens if t.text == "detto").deprel == "root"


def test_a_plural_stanza_copies_as_its_own_lemma_takes_the_dictionarys_lemma():
    """Stanza copies a plural it does not know as its lemma (`proteste`): the dictionary's lemma stands, so the
    word evaluates as `protesta` does. A singular keeps Stanza's lemma (`partita`, not the built-in `partito`), and so
    does a plural the built-in engine reads as a verb's participle (`imposte`)."""
    text = "Anna Neri ha detto che le proteste contro le nuove imposte e la partita di ieri sono finite."
    analysis = builtin(text)
    reading = {"proteste": ("proteste", "NOUN", "Gender=Fem|Number=Plur"),
               "imposte": ("imposte", "NOUN", "Gender=Fem|Number=Plur"),
               "partita": ("partita", "NOUN", "Gender=Fem|Number=Sing")}
    tokens = {t.text: t for t in align(analysis, parse_over(analysis, reading, root="detto", head=3)).tokens}
    assert [tokens[w].lemma for w in ("proteste", "imposte", "partita")] == ["protesta", "imposte", "partita"]


def test_a_noun_stanza_lemmatises_as_a_verb_takes_the_dictionarys_lemma():
    """Stanza reads some nouns as forms of a verb they resemble (`vergogna` → `vergognare`, `batteri` → `battere`)
    while tagging them nouns: a noun's lemma is no infinitive, so the dictionary's lemma stands and `vergogna`
    evaluates as the noun it is. A noun that is an infinitive keeps it (`il potere`)."""
    reading = {"vergogna": ("vergognare", "NOUN", "Gender=Fem|Number=Sing"),
               "batteri": ("battere", "NOUN", "Gender=Masc|Number=Plur"),
               "potere": ("potere", "NOUN", "Gender=Masc|Number=Sing")}
    tokens = aligned_tokens("Anna Neri ha detto che la vergogna dei batteri e il potere sono finiti.", reading)
    assert [tokens[w].lemma for w in ("vergogna", "batteri", "potere")] == ["vergogna", "batterio", "potere"]


def test_the_singular_italian_uses_far_more_stands_for_a_plural_noun():
    """`piloti` and `ribelli` could be plurals of `piloto`/`pilota`, `ribello`/`ribelle`: Stanza picks by ending, the
    dictionary's singular is the one Italian uses, and stands. Where Stanza's singular is the common one, it stays
    (`vite` → `vita`)."""
    reading = {"piloti": ("piloto", "NOUN", "Gender=Masc|Number=Plur"),
               "ribelli": ("ribello", "NOUN", "Gender=Masc|Number=Plur"),
               "vite": ("vita", "NOUN", "Gender=Fem|Number=Plur")}
    tokens = aligned_tokens("Anna Neri ha detto che i piloti dei ribelli rischiano le vite.", reading)
    assert [tokens[w].lemma for w in ("piloti", "ribelli", "vite")] == ["pilota", "ribelle", "vita"]


def test_an_adverb_in_mente_keeps_its_own_lemma_where_stanza_gives_its_adjective():
    """`direttamente` → `diretto`: an adverb is its own lemma, so it does not evaluate as its adjective would; an
    adjective keeps Stanza's lemma (`diretta` → `diretto`)."""
    reading = {"direttamente": ("diretto", "ADV", ""), "diretta": ("diretto", "ADJ", "Gender=Fem|Number=Sing")}
    tokens = aligned_tokens("Anna Neri ha detto che parlerà direttamente in una trasmissione diretta.", reading)
    assert [tokens[w].lemma for w in ("direttamente", "diretta")] == ["direttamente", "diretto"]


def test_a_verb_form_stanza_reads_as_an_auxiliarys_takes_the_dictionarys_verb():
    """Stanza reads some verb forms as an auxiliary's by their ending (`amavo` → `avere`, `sapranno` → `essere`):
    they are none of its forms, so the dictionary's verb stands. A true form of the auxiliary keeps its
    reading (`avevo`), and so does a form the dictionary reads as no verb (`E'` for `È`)."""
    reading = {"amavo": ("avere", "AUX", "Mood=Ind|Tense=Imp|VerbForm=Fin"),
               "sapranno": ("essere", "AUX", "Mood=Ind|Tense=Fut|VerbForm=Fin"),
               "avevo": ("avere", "AUX", "Mood=Ind|Tense=Imp|VerbForm=Fin"),
               "E": ("essere", "AUX", "Mood=Ind|Tense=Pres|VerbForm=Fin")}
    tokens = aligned_tokens("Anna Neri ha detto che avevo lasciato ciò che amavo e che lo sapranno. E' così.", reading)
    assert [tokens[w].lemma for w in ("amavo", "sapranno", "avevo", "E")] == ["amare", "sapere", "avere", "essere"]


def test_a_gerund_or_an_infinitive_with_a_clitic_takes_the_verbs_lemma_where_stanza_copies_the_word():
    """Stanza's lemmatiser copies some gerunds and infinitives with an attached clitic as their own lemma: such a form
    is a verb only, and the built-in verb's lemma stands. A bare infinitive may be a noun (`il potere`) and keeps
    Stanza's lemma."""
    reading = {"gridandole": ("gridandole", "ADJ", "Number=Sing"),
               "parlarne": ("parlarne", "NOUN", "Gender=Masc|Number=Sing"),
               "potere": ("potere", "NOUN", "Gender=Masc|Number=Sing")}
    tokens = aligned_tokens("Anna Neri ha detto gridandole di parlarne con il potere.", reading)
    assert [tokens[w].lemma for w in ("gridandole", "parlarne", "potere")] == ["gridare", "parlare", "potere"]


def test_an_organisation_the_tagger_finds_in_common_words_only_is_dropped():
    """Stanza's tagger reads a body named by its common noun (`il Consiglio`, `la guardia costiera`) as an
    organisation; such a span names no one, so it leaves the entities. A span with a rare word stays (`Zorbatel`),
    and so does a person's, however common the words (`Franco Bianchi`), even one the tagger calls an organisation
    (`Anna Neri`)."""
    text = "Il Consiglio e la guardia costiera hanno detto a Franco Bianchi e Anna Neri che la Zorbatel chiude."
    analysis = builtin(text)
    parse = parse_over(analysis, {}, root="detto", head=5)
    parse.entities = [EntitySpan(text.index(words), text.index(words) + len(words), label, words) for words, label in (
        ("Consiglio", "ORG"), ("guardia costiera", "ORG"), ("Franco Bianchi", "PER"), ("Anna Neri", "ORG"),
        ("Zorbatel", "ORG"))]
    aligned = align(analysis, parse)
    assert [e.text for e in aligned.entities] == ["Franco Bianchi", "Anna Neri", "Zorbatel"]
    assert not any(m.via == "ner" and m.text == "Consiglio" for m in aligned.mentions)


def parse_over(analysis, reading: dict, root: str, head: int) -> Parse:
    """A Stanza parse of the built-in tokens: `reading`'s (lemma, tag, features) where it has the word, else the
    built-in lemma and tag (NOUN for an untagged word); `root` is the root and every other word hangs on `head`."""
    return Parse(words=[Word(t.start, t.end, t.text, *(reading.get(t.text) or (t.lemma, t.upos or "NOUN", "")),
                             None if t.text == root else head, "dep") for t in analysis.tokens])


def aligned_tokens(text: str, reading: dict) -> dict:
    """The tokens of `text`, by their text, with `reading` aligned on them (`parse_over`, rooted at `detto`)."""
    analysis = builtin(text)
    return {t.text: t for t in align(analysis, parse_over(analysis, reading, root="detto", head=3)).tokens}


# -- quotetrack models -------------------------------------------------------------------------------------------


def test_models_status_says_builtin_runs_when_no_models_are_found(tmp_path, no_env_models):
    result = CliRunner().invoke(cli, ["models", "status", "--models", str(tmp_path / "none")])
    assert result.exit_code == 0
    assert "engine for --engine auto: builtin" in result.output
    assert f"looked in: {tmp_path / 'none'} (--models)" in result.output


def test_models_status_lists_each_processor_with_path_and_size(stanza_models_dir):
    result = CliRunner().invoke(cli, ["models", "status", "--models", str(stanza_models_dir)])
    assert result.exit_code == 0, result.output
    assert "engine for --engine auto: stanza" in result.output
    for processor in ("tokenize", "pos", "lemma", "depparse"):
        line = next(line for line in result.output.splitlines() if line.strip().startswith(processor))
        assert str(stanza_models_dir / "it" / processor) in line and "MB)" in line


def test_models_download_without_a_network_is_one_clear_line(tmp_path, monkeypatch):
    stanza = pytest.importorskip("stanza")
    requests = pytest.importorskip("requests")

    def unreachable(*args, **kwargs):
        raise requests.ConnectionError("Failed to resolve 'raw.githubusercontent.com'")

    monkeypatch.setattr(stanza, "download", unreachable)
    result = CliRunner().invoke(cli, ["models", "download", "--dir", str(tmp_path / "models")])
    assert result.exit_code == 1
    assert "could not reach Stanza's model server: Failed to resolve" in result.output
    assert "QUOTETRACK_STANZA_DIR" in result.output and "Traceback" not in result.output


# -- the engine, with the real models ----------------------------------------------------------------------------

SENTENCES = [
    "Dmitri Peskov, portavoce della presidenza russa, ha chiarito che le sanzioni restano un ostacolo.",
    "«Non accetteremo alcun ultimatum», ha dichiarato Peskov. Poi ha lasciato la sala.",
    "Il presidente ha detto di voler incontrare presto il suo omologo.",
    "Lo ha confermato Matteo Salvini al termine del vertice di Roma.",
    "Il governo ha condannato l'attacco.",
]


@pytest.fixture(scope="module")
def analyzer(stanza_models_dir):
    return Analyzer(StanzaEngine(stanza_models_dir))


@pytest.fixture(scope="module")
def analyses(analyzer):
    return analyzer.analyze_many(SENTENCES)


def test_tokens_and_sentences_are_the_builtin_engines(analyses):
    """Every surface rule sees the same tokens and sentences whichever engine runs."""
    for text, analysis in zip(SENTENCES, analyses):
        surface = builtin(text)
        assert analysis.engine == "stanza" and analysis.has_parse
        assert [(t.text, t.start, t.end) for t in analysis.tokens] == [(t.text, t.start, t.end) for t in surface.tokens]
        assert analysis.sentences == surface.sentences


def test_a_contraction_carries_the_tags_of_its_head_word(analyses):
    analysis = analyses[0]
    della = next(t for t in analysis.tokens if t.text == "della")
    assert (della.upos, della.deprel) == ("ADP", "case")  # `di` of `di` + `la`; `la` hangs on the same noun
    assert analysis.tokens[della.head].text == "presidenza"


def test_heads_stay_inside_their_sentence_and_reach_a_root(analyses):
    for analysis in analyses:
        for sentence in analysis.sentences:
            for token in analysis.tokens[sentence.first : sentence.last]:
                assert token.deprel and token.lemma
                seen = set()
                while token.head is not None:
                    assert sentence.first <= token.head < sentence.last and token.i not in seen
                    seen.add(token.i)
                    token = analysis.tokens[token.head]
                assert token.deprel == "root"


def test_the_parse_finds_the_subject_and_the_reported_clause(analyses):
    tokens = {t.text: t for t in analyses[0].tokens}
    assert tokens["Dmitri"].deprel == "nsubj" and tokens["Dmitri"].head == tokens["chiarito"].i
    assert tokens["restano"].deprel == "ccomp"
    assert tokens["chiarito"].lemma == "chiarire"


def test_entities_are_spans_of_the_text(analyzer, analyses):
    if analyzer.engine.ner_model is None:
        pytest.skip("no NER model beside the Stanza models")
    for analysis in analyses:
        for entity in analysis.entities:
            assert analysis.text[entity.start : entity.end] == entity.text
            assert entity.label in ("PER", "LOC", "ORG")
    assert any(e.text == "Matteo Salvini" for e in analyses[3].entities)


def test_analysing_a_batch_equals_analysing_each_text(analyzer, analyses):
    for text, batched in zip(SENTENCES, analyses):
        alone = analyzer.analyze(text)
        assert alone.tokens == batched.tokens and alone.sentences == batched.sentences


def test_the_pipeline_is_loaded_once_per_process(analyzer, stanza_models_dir):
    assert analyzer.engine.pipeline is analyzer.engine.pipeline
    assert StanzaEngine(stanza_models_dir).pipeline is analyzer.engine.pipeline


def test_odd_texts_give_an_analysis_not_an_error(analyzer):
    for text in ["", "   \n\n ", "...!!! ???", "«»", "12 34"]:
        analysis = analyzer.analyze(text)
        assert analysis.text == text and analysis.has_parse
        assert all(text[t.start : t.end].strip() for t in analysis.tokens)


def test_a_text_cut_into_pieces_keeps_its_offsets(stanza_models_dir):
    chunked = Analyzer(StanzaEngine(stanza_models_dir, chunk_chars=120))
    text = "\n\n".join(SENTENCES[:3])
    analysis = chunked.analyze(text)
    assert len(analysis.sentences) == 4
    assert all(text[token.start : token.end] == token.text for token in analysis.tokens)
    assert [t.text for t in analysis.tokens] == [t.text for a in chunked.analyze_many(SENTENCES[:3]) for t in a.tokens]


@pytest.mark.shared
@pytest.mark.stanza
def test_a_finite_verb_after_a_name_stays_a_cue_with_stanza(stanza_models_dir):
    from quotetrack.analysis import get_engine
    from quotetrack.extract import find_cues
    from quotetrack.models import Article

    engine = get_engine("stanza", str(stanza_models_dir))
    doc = analyse(Article("x", "Rossi attacca Bianchi: «Non si ritiri dall'accordo»."), engine)
    assert [(c.kind, c.lemma) for c in find_cues(doc)] == [("verb", "attaccare")]


@pytest.fixture(scope="module")
def stanza_doc(stanza_models_dir):
    from quotetrack.analysis import get_engine

    engine = get_engine("stanza", str(stanza_models_dir))
    return lambda text: analyse(Article("x", text), engine)


def parsed_text(doc, lemma):
    """The words of the clause the parse gives the first cue of this lemma (None if none)."""
    from quotetrack.extract import find_cues
    from quotetrack.extract.content import parsed_content

    content = parsed_content(doc, next(c for c in find_cues(doc) if c.lemma == lemma), frozenset())
    return content and doc.span_text(content.first, content.last)


def reported(doc):
    """(cue lemma, content text, reading) of the reported-speech candidates of a document."""
    from quotetrack.extract import find_candidates, find_cues

    return [(c.cue.lemma, doc.text[c.start : c.end], c.reading) for c in find_candidates(doc, find_cues(doc))
            if c.origin == "reported"]


@pytest.mark.shared
@pytest.mark.stanza
def test_a_finite_verb_after_an_aside_stays_a_cue(stanza_doc):
    from quotetrack.extract import find_cues

    doc = stanza_doc("Il ministero della Salute, intanto, consiglia ai cittadini di restare a casa.")
    assert ("verb", "consigliare") in [(c.kind, c.lemma) for c in find_cues(doc)]


@pytest.mark.shared
@pytest.mark.stanza
def test_the_parse_reads_the_clause_after_a_light_verbs_last_word(stanza_doc):
    assert ("fare sapere", "i lavori finiranno a maggio", "both") in reported(
        stanza_doc("La società ha fatto sapere che i lavori finiranno a maggio."))


@pytest.mark.shared
@pytest.mark.stanza
def test_a_parsed_clause_does_not_stop_inside_a_quotation_it_opened(stanza_doc):
    doc = stanza_doc("La sindaca ha ricordato che «la città non chiuderà, ma dovrà restare prudente per tutto l'inverno».")
    assert parsed_text(doc, "ricordare") == "«la città non chiuderà, ma dovrà restare prudente per tutto l'inverno»"


@pytest.mark.shared
@pytest.mark.stanza
def test_a_parsed_clause_cut_short_in_mid_phrase_gives_way_to_the_surface_reading(stanza_doc):
    doc = stanza_doc("Il ministro ha detto di sperare che «la trattativa, per quanto difficile, arrivi presto a una "
                     "conclusione».")
    said = [(text, reading) for lemma, text, reading in reported(doc) if lemma == "dire"]
    assert said == [("sperare che «la trattativa, per quanto difficile, arrivi presto a una conclusione»",
                     "surface_alone")]


@pytest.mark.shared
@pytest.mark.stanza
@pytest.mark.parametrize("text, lemma, clause, content", [
    # at a colon: what follows explains the clause, one utterance as the surface reads it
    ("Il sindaco ha spiegato che i lavori sono finiti: la strada riaprirà lunedì e il traffico tornerà normale.",
     "spiegare", "i lavori sono finiti",
     "i lavori sono finiti: la strada riaprirà lunedì e il traffico tornerà normale"),
    # at the comma closing an aside right after the complementiser: the aside is not the clause
    ("Mario Rossi ha detto che, finita la riunione, il consiglio voterà la proposta.",
     "dire", "finita la riunione", ", finita la riunione, il consiglio voterà la proposta"),
])
def test_a_parsed_clause_that_stops_at_a_colon_or_an_asides_comma_gives_way_to_the_surface_reading(
        stanza_doc, text, lemma, clause, content):
    doc = stanza_doc(text)
    assert parsed_text(doc, lemma) == clause
    assert [(words, reading) for cue, words, reading in reported(doc) if cue == lemma] == [(content, "surface_alone")]


@pytest.mark.shared
@pytest.mark.stanza
def test_an_irregular_participle_is_what_a_reflexive_cue_predicates(stanza_doc):
    from quotetrack.extract import find_cues
    from quotetrack.extract.candidates import clause_stops
    from quotetrack.extract.content import surface_content

    doc = stanza_doc("Il sindaco si è detto commosso dalla risposta dei cittadini.")
    cues = find_cues(doc)
    content = surface_content(doc, next(c for c in cues if c.lemma == "dire"), clause_stops(doc, cues))
    assert (doc.span_text(content.first, content.last), content.frame) == ("commosso dalla risposta dei cittadini", "predicate")


@pytest.mark.shared
@pytest.mark.stanza
def test_a_participle_modifying_a_noun_in_an_aside_keeps_the_aside_skippable(stanza_doc):
    doc = stanza_doc("L'ufficio del sindaco ha annunciato ieri, rispondendo alle domande poste dai cronisti, che "
                     "Mario Rossi non sarà ricevuto in città.")
    assert ("annunciare", "Mario Rossi non sarà ricevuto in città") in [(lemma, text) for lemma, text, _ in reported(doc)]
    doc = stanza_doc("Anna Neri ha spiegato, in una nota diffusa in serata, che la riunione è rinviata.")
    assert ("spiegare", "la riunione è rinviata") in [(lemma, text) for lemma, text, _ in reported(doc)]


def test_a_parsed_infinitive_clause_ends_where_the_main_clause_resumes():
    """A parse that coordinates the main clause's next verb with the reported infinitive (`ha chiesto di pregare …,
    poi ha visitato …`) does not carry the reported words past the comma: the surface reading stops there too."""
    text = "Il vescovo ha chiesto di pregare per i malati, poi nel pomeriggio ha visitato l'ospedale."
    analysis = builtin(text)
    words = [t.text for t in analysis.tokens]
    assert words == ["Il", "vescovo", "ha", "chiesto", "di", "pregare", "per", "i", "malati", ",", "poi", "nel",
                     "pomeriggio", "ha", "visitato", "l'", "ospedale", "."]
    heads = [(1, "det"), (3, "nsubj"), (3, "aux"), (None, "root"), (5, "mark"), (3, "xcomp"), (8, "case"),
             (8, "det"), (5, "obl"), (14, "punct"), (14, "advmod"), (12, "case"), (14, "obl"), (14, "aux"),
             (5, "conj"), (16, "det"), (14, "obj"), (3, "punct")]
    upos = {"ha": "AUX", "chiesto": "VERB", "pregare": "VERB", "visitato": "VERB"}
    parse = Parse(words=[Word(t.start, t.end, t.text, t.lemma or t.lower, upos.get(t.text, t.upos or "NOUN"),
                              "VerbForm=Part" if t.text in ("chiesto", "visitato") else "", head, rel)
                         for t, (head, rel) in zip(analysis.tokens, heads)])
    assert parsed_text(align(analysis, parse), "chiedere") == "pregare per i malati"


def test_a_parsed_clause_past_the_surface_content_gives_way_to_it():
    """A parse that hangs a later clause on the cue (`affermando di esserne contenta, mentre X ha …` with `mentre X
    ha …` as the gerund's clause) skips what the cue governs right after it: the surface reading stands."""
    text = "Anna Neri ha lodato il film, affermando di esserne contenta, mentre Marco Bianchi ha bocciato il libro."
    analysis = builtin(text)
    heads = [(3, "nsubj"), (0, "flat:name"), (3, "aux"), (None, "root"), (5, "det"), (3, "obj"), (7, "punct"),
             (3, "advcl"), (9, "case"), (7, "obl"), (9, "xcomp"), (16, "punct"), (16, "mark"), (16, "nsubj"),
             (13, "flat:name"), (16, "aux"), (7, "ccomp"), (18, "det"), (16, "obj"), (3, "punct")]
    assert len(heads) == len(analysis.tokens)
    parse = Parse(words=[Word(t.start, t.end, t.text, t.lemma or t.lower, t.upos or "NOUN", "", head, rel)
                         for t, (head, rel) in zip(analysis.tokens, heads)])
    doc = align(analysis, parse)
    assert parsed_text(doc, "affermare") == "Marco Bianchi ha bocciato il libro"
    assert [(text, reading) for lemma, text, reading in reported(doc) if lemma == "affermare"] == [
        ("esserne contenta", "surface_alone")]


@pytest.mark.shared
@pytest.mark.stanza
def test_readings_that_start_together_say_which_one_runs_on(stanza_doc):
    # the parse stops at the comma, the surface reading runs on over the apposition: the classifier is told which
    doc = stanza_doc("Il sindaco ha promesso di riaprire la scuola, una decisione attesa da mesi.")
    assert sorted((text, reading) for lemma, text, reading in reported(doc) if lemma == "promettere") == [
        ("riaprire la scuola", "parse_shorter"),
        ("riaprire la scuola, una decisione attesa da mesi", "surface_longer")]


@pytest.mark.shared
@pytest.mark.stanza
@pytest.mark.parametrize("text, lemma, clause", [
    ("Il sindaco continua a lavorare per la città nonostante le critiche.", "continuare", None),
    ("La squadra continuerà ad allenarsi ogni mattina.", "continuare", None),
    ("Il ministro ha promesso di ridurre le tasse entro l'anno.", "promettere", "ridurre le tasse entro l'anno"),
])
def test_a_parsed_clause_opened_by_a_preposition_the_cue_does_not_take_reports_nothing(stanza_doc, text, lemma,
                                                                                        clause):
    # `continuare` reports after a colon or as an aside (`«…», continua`); `continua a lavorare` is an aspect
    assert parsed_text(stanza_doc(text), lemma) == clause


@pytest.mark.shared
@pytest.mark.stanza
def test_a_bare_participle_governs_no_parsed_clause(stanza_doc):
    from quotetrack.extract import find_cues
    from quotetrack.extract.content import parsed_content

    doc = stanza_doc("Il piano, annunciato per rassicurare i mercati, non convince gli analisti.")
    cue = next(c for c in find_cues(doc) if doc.texts[c.word] == "annunciato")
    assert cue.tense == "participle" and not cue.auxiliary
    assert parsed_content(doc, cue, frozenset()) is None


@pytest.mark.shared
@pytest.mark.stanza
def test_a_parsed_clause_ends_with_its_quotation_before_the_journalists_adjunct(stanza_doc):
    doc = stanza_doc("Anna Neri ha detto che «la città ripartirà presto» riguardo le difficoltà del porto.")
    assert parsed_text(doc, "dire") == "«la città ripartirà presto»"


@pytest.mark.shared
@pytest.mark.stanza
def test_a_parsed_clause_cut_before_its_own_complementiser_reports_nothing(stanza_doc):
    # "di essere convinto | che «…»": the quotation is what the nested cue reports; its lead-in is no statement
    for opener in ("Più tardi", "Successivamente"):  # the parse ends the clause after "che", or before it
        doc = stanza_doc(f"{opener} il ministro Mario Rossi ha sottolineato di essere convinto che “Anna Neri non si "
                         "rimangerà la parola“.")
        assert [text for lemma, text, reading in reported(doc) if lemma == "sottolineare"] == []

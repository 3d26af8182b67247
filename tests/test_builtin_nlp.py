"""The built-in engine: tokens with exact offsets, lexicon lemmas and POS, Italian-aware sentences."""
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.analysis import analyse, get_engine
from quotetrack.kb import default_kb
from quotetrack.lang import get as get_language
from quotetrack.models import Article


def read(text: str):
    return analyse(Article("t", text))


def sentences(text: str) -> list[str]:
    analysis = read(text)
    return [text[s.start : s.end] for s in analysis.sentences]


def tagged(text: str) -> dict[str, tuple[str, str]]:
    return {t.text: (t.upos, t.lemma) for t in read(text).tokens}


def test_tokens_point_into_the_text():
    text = "L’ambasciatrice, dell’Onu, ha detto: «Va bene…» (3,5%)."
    analysis = read(text)
    assert all(text[t.start : t.end] == t.text for t in analysis.tokens)
    assert [t.text for t in analysis.tokens][:4] == ["L’", "ambasciatrice", ",", "dell’"]
    assert analysis.engine == "builtin" and analysis.has_parse is False


def test_speech_verbs_get_their_lemma_in_every_form():
    tags = tagged("Ha dichiarato, sostenendo e ribadendolo, che avrebbe detto e che disse quanto aggiunsero.")
    assert tags["dichiarato"] == ("VERB", "dichiarare")
    assert tags["sostenendo"] == ("VERB", "sostenere")
    assert tags["ribadendolo"] == ("VERB", "ribadire")
    assert tags["avrebbe"] == ("AUX", "avere")
    assert tags["detto"] == ("VERB", "dire")
    assert tags["disse"] == ("VERB", "dire")
    assert tags["aggiunsero"] == ("VERB", "aggiungere")


def test_function_words_and_capitalised_names():
    tags = tagged("La ministra parla con gli Stati Uniti della crisi")
    assert tags["La"] == ("DET", "il")
    assert tags["della"] == ("ADP", "di")
    assert tags["Stati"][0] == "PROPN"  # not the participle of essere
    assert tags["Uniti"][0] == "PROPN"


def test_elided_clitic_before_a_verb_is_a_pronoun():
    tokens = read("Il sindaco l'ha definita inutile e l'opposizione tace.").tokens
    clitic, article = [t for t in tokens if t.text == "l'"]
    assert clitic.upos == "PRON" and article.upos == "DET"


def test_abbreviations_initials_and_decimals_do_not_end_sentences():
    text = "Il sen. Bruno Villa e l'On. Lia Greco hanno visto J. F. Kennedy negli U.S.A. nel 1961. Il PIL è salito del 2.5 per cento."
    assert sentences(text) == [
        "Il sen. Bruno Villa e l'On. Lia Greco hanno visto J. F. Kennedy negli U.S.A. nel 1961.",
        "Il PIL è salito del 2.5 per cento.",
    ]


def test_a_sentence_never_ends_inside_a_quotation():
    text = "Poi ha detto: «Me ne vado. Torno domani.» Nessuno ha risposto. Davvero? Sì... Fine."
    assert sentences(text) == ["Poi ha detto: «Me ne vado. Torno domani.»", "Nessuno ha risposto.", "Davvero?", "Sì...", "Fine."]


def test_a_quotation_left_open_does_not_keep_its_paragraph_from_being_split():
    text = 'Gridavano "Basta guerre. Mario Rossi ha poi parlato ai giornalisti. Nessuno ha risposto.\nAltra frase.'
    assert sentences(text) == ['Gridavano "Basta guerre.', "Mario Rossi ha poi parlato ai giornalisti.", "Nessuno ha risposto.",
                               "Altra frase."]


def test_lines_without_final_punctuation_are_sentences_of_their_own():
    text = "Vertice a Roma sui dazi\nI ministri si sono incontrati ieri. Nessun accordo\n\nAltro titolo"
    assert sentences(text) == ["Vertice a Roma sui dazi", "I ministri si sono incontrati ieri.", "Nessun accordo", "Altro titolo"]


def test_sentences_and_tokens_line_up():
    analysis = read("Uno. Due, tre! «Quattro.» Cinque")
    assert analysis.sentences[0].first == 0
    assert [s.last for s in analysis.sentences][-1] == len(analysis.tokens)
    for sentence in analysis.sentences:
        tokens = analysis.tokens[sentence.first : sentence.last]
        assert tokens[0].start == sentence.start and tokens[-1].end == sentence.end


def test_empty_and_blank_text():
    for text in ("", "   \n\n  "):
        analysis = read(text)
        assert analysis.tokens == () and analysis.sentences == ()


def test_the_engine_is_chosen_by_name_and_batches():
    engine = get_engine("builtin")
    assert engine.name == "builtin"
    articles = [Article("a", "Una frase."), Article("b", "Due. Frasi.")]
    first, second = engine.analyse_many(articles, default_kb(), get_language())
    assert len(first.sentences) == 1 and len(second.sentences) == 2 and second.article.id == "b"


def test_a_word_is_tagged_by_its_context_each_time_it_recurs():
    """Word readings are cached; the neighbour rules still apply to every occurrence on its own."""
    text = "Stati d'animo diversi. Negli Stati Uniti l'ha detto Rossi, poi l'accordo."
    tags = [(t.text, t.upos) for t in read(text).tokens]
    assert tags[0] == ("Stati", "AUX")  # sentence-initial: the participle of essere
    assert ("Stati", "PROPN") in tags[1:]  # mid-sentence: a name
    assert [upos for word, upos in tags if word == "l'"] == ["PRON", "DET"]  # l'ha detto, l'accordo


def test_every_line_ends_a_sentence_even_with_blank_lines_and_spaces():
    text = "Titolo senza punto  \n\n  Il governo ha detto che va bene. Poi basta\nFine"
    assert sentences(text) == ["Titolo senza punto", "Il governo ha detto che va bene.", "Poi basta", "Fine"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aèB1.,:'’-… \n«»U.S.A")) , max_size=60))
def test_the_fast_tokeniser_gives_the_readable_patterns_tokens(text):
    from quotetrack.analysis.tokens import TOKEN, split_tokens

    expected = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    words, starts, ends = split_tokens(text)
    assert list(zip(words, starts, ends)) == expected


def test_a_number_before_a_stop_or_comma_is_its_own_token_on_every_supported_python():
    """CPython before 3.11.5 (Debian 12's 3.11.2) mis-handles a possessive repeated group (gh-106052): with one in
    the fast pattern, "2004." and "27," came out as single tokens there. The pattern keeps repeated groups greedy."""
    import re

    from quotetrack.analysis.tokens import SPLIT, split_tokens

    assert not re.search(r"\)[*+?]\+", SPLIT.pattern)
    words, _, _ = split_tokens("Nel 2004. Poi a 27, poi alle 12:30.")
    assert words[:7] == ["Nel", "2004", ".", "Poi", "a", "27", ","]
    assert "12:30" in words


def test_the_reporting_lexicon_checker_passes_on_the_shipped_lexicon():
    """README tells lexicon editors to run this tool after an edit: it must run and find the shipped file sound."""
    import subprocess
    import sys
    from pathlib import Path

    tool = Path(__file__).resolve().parents[1] / "tools" / "check_reporting_lexicon.py"
    done = subprocess.run([sys.executable, str(tool)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "structure ok" in done.stdout

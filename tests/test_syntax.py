"""Attribution from the dependency parse: the speaker and the reported clause of a cue verb (real Stanza models)."""
from __future__ import annotations

import pytest

from quotetrack.analysis import Analysis, Token
from quotetrack.extract.syntax import content_span, cue_verbs, marked_clause, speaker_tokens

SPEECH_VERBS = {"dire", "dichiarare", "chiarire", "sostenere", "confermare", "affermare", "aggiungere", "condannare"}


@pytest.fixture(scope="module")
def parse(stanza_models_dir):
    from quotetrack.stanza_nlp import StanzaAnalyzer

    analyzer = StanzaAnalyzer(stanza_models_dir)
    return analyzer.analyze


def attribution(analysis: Analysis, verb_text: str) -> tuple[str | None, str | None]:
    """(speaker words as written, reported clause) for the cue verb spelled `verb_text`."""
    verb = next(i for i in cue_verbs(analysis, SPEECH_VERBS) if analysis.tokens[i].text == verb_text)
    speaker = speaker_tokens(analysis, verb)
    span = content_span(analysis, verb)
    speaker_text = None
    if speaker:
        speaker_text = analysis.text[analysis.tokens[speaker[0]].start : analysis.tokens[speaker[-1]].end]
    return speaker_text, analysis.text[span[0] : span[1]] if span else None


def test_a_subject_with_an_apposition_gives_the_name_and_the_che_clause(parse):
    analysis = parse("Dmitri Peskov, portavoce della presidenza russa, ha chiarito che le sanzioni restano un ostacolo.")
    assert attribution(analysis, "chiarito") == ("Dmitri Peskov", "le sanzioni restano un ostacolo")


def test_a_role_before_the_name_gives_the_name(parse):
    analysis = parse("Il leader russo, Vladimir Putin, ha detto che la Russia è pronta.")
    assert attribution(analysis, "detto") == ("Vladimir Putin", "la Russia è pronta")


def test_a_role_alone_is_returned_whole(parse):
    analysis = parse("Il portavoce del Cremlino ha detto che i colloqui proseguiranno.")
    assert attribution(analysis, "detto") == ("Il portavoce del Cremlino", "i colloqui proseguiranno")


def test_a_subject_after_the_verb_is_the_speaker_even_when_parsed_as_object(parse):
    analysis = parse("«Non accetteremo alcun ultimatum», ha dichiarato Peskov.")
    assert attribution(analysis, "dichiarato") == ("Peskov", None)


def test_a_gerund_takes_the_subject_of_the_verb_it_hangs_on(parse):
    analysis = parse("Il ministro ha lasciato la sala sostenendo che l'accordo era già morto.")
    assert attribution(analysis, "sostenendo") == ("Il ministro", "l'accordo era già morto")


def test_di_with_an_infinitive_is_the_reported_clause_without_di(parse):
    analysis = parse("Il presidente ha detto di voler incontrare presto il suo omologo.")
    assert attribution(analysis, "detto") == ("Il presidente", "voler incontrare presto il suo omologo")


def test_in_a_relative_clause_the_antecedent_speaks(parse):
    analysis = parse("Il portavoce del Cremlino, che ha detto che i colloqui proseguiranno, non ha fornito dettagli.")
    assert attribution(analysis, "detto") == ("Il portavoce del Cremlino", "i colloqui proseguiranno")


def test_lo_ha_confermato_x_makes_x_the_speaker(parse):
    assert attribution(parse("Lo ha confermato Matteo Salvini."), "confermato") == ("Matteo Salvini", None)
    assert attribution(parse("Lo ha confermato il ministro degli Esteri."), "confermato") == (
        "il ministro degli Esteri",
        None,
    )


def test_a_verb_with_only_a_noun_object_reports_no_clause(parse):
    analysis = parse("Il governo ha condannato l'attacco.")
    assert attribution(analysis, "condannato") == ("Il governo", None)


def test_of_coordinated_speakers_the_first_is_returned(parse):
    analysis = parse("Emmanuel Macron e Olaf Scholz hanno affermato che l'Europa deve restare unita.")
    assert attribution(analysis, "affermato") == ("Emmanuel Macron", "l'Europa deve restare unita")


def test_a_quoted_clause_keeps_its_quote_marks_and_loses_the_full_stop(parse):
    analysis = parse("Putin ha detto che «la Russia è pronta».")
    assert attribution(analysis, "detto") == ("Putin", "«la Russia è pronta»")


def test_cue_verbs_are_found_by_lemma_among_verbs_only(parse):
    analysis = parse("Il ministro ha detto che il detto popolare è vero.")
    cues = cue_verbs(analysis, {"dire"})
    assert [analysis.tokens[i].text for i in cues] == ["detto"]
    assert analysis.tokens[cues[0]].start == analysis.text.index("detto")


def test_without_a_parse_the_helpers_step_aside():
    words = "Il ministro ha detto che piove".split()
    tokens, start = [], 0
    for i, word in enumerate(words):
        tokens.append(Token(i=i, text=word, start=start, end=start + len(word), lemma=word))
        start += len(word) + 1
    analysis = Analysis(text=" ".join(words), tokens=tokens, has_parse=False)
    assert speaker_tokens(analysis, 3) is None and content_span(analysis, 3) is None


def test_a_verb_coordinated_past_a_relative_clause_takes_the_main_subject(parse):
    analysis = parse(
        "Il segretario denuncia la mancanza di una guida per il paese, che sappia capire le contraddizioni, "
        "e dichiara che l'azione del governo è debole."
    )
    assert attribution(analysis, "dichiara") == ("Il segretario", "l'azione del governo è debole")


def test_a_clause_opened_by_a_complementizer_is_found_from_the_complementizer(parse):
    analysis = parse("Il ministro ha parlato a lungo, aggiungendo anche che la crisi è finita.")
    verb = next(t.i for t in analysis.tokens if t.text == "aggiungendo")
    complementizer, end = marked_clause(analysis, verb)
    assert analysis.tokens[complementizer].text == "che"
    assert analysis.text[analysis.tokens[complementizer].end : end].strip() == "la crisi è finita"


def test_a_noun_object_is_no_marked_clause(parse):
    analysis = parse("Il governo ha condannato l'attacco.")
    assert marked_clause(analysis, next(t.i for t in analysis.tokens if t.text == "condannato")) is None

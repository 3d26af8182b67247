"""Where the dependency parse decides what the surface rules cannot: each test runs the extractor with both engines
on one sentence of its own (real Stanza models) and shows what the parse adds."""
from __future__ import annotations

import pytest

from quotetrack.builtin_nlp import BuiltinAnalyzer
from quotetrack.extract import extract_statements
from quotetrack.ingest import article_from_text
from quotetrack.kb import default_kb

TEXTS = {
    "object": "Il ministro ha voluto sottolineare i risultati raggiunti durante il vertice, dal quale è uscita «una linea "
              "comune dei governi europei sulle frontiere».",
    "gerund": "In aggiunta, osserva il sindacato, nella riforma c'è anche un taglio dei fondi destinati alle scuole, "
              "riducendo così le ore di lezione.",
    "accused": "Mario Rossi ha detto che il partito è unito. Luca Bianchi ha detto che il partito è diviso. Bianchi è "
               "stato poi accusato di tradimento, mentre ai suoi sostenitori sono state rivolte critiche durissime: «Chi "
               "attacca il partito ogni giorno pensa solo alla propria carriera».",
    "passive": "Mario Rossi ha detto che il partito è unito. Luca Bianchi ha detto che il partito è diviso. Bianchi è "
               "stato poi accusato di «tradimento e di opportunismo».",
    "passive_with_agent": "Il ministro è stato definito «un uomo senza coraggio» dal leader dell'opposizione Carlo Neri.",
    "inserted_marker": "Anche la chiusura di «piccoli ospedali» e di «reparti di provincia», secondo il sindacato, rischia "
                       "di lasciare senza cure migliaia di pazienti.",
    "purpose": "Il presidente Marco Verdi ha telefonato al collega francese per ribadire «il pieno sostegno dell'Italia "
               "alla missione europea nel Mediterraneo orientale».",
}


@pytest.fixture(scope="module")
def extracted(stanza_models_dir):
    """{name: (built-in statements, Stanza statements)} for every text, Stanza run once in bulk."""
    from quotetrack.stanza_nlp import StanzaAnalyzer

    kb = default_kb()
    parsed = StanzaAnalyzer(stanza_models_dir).analyze_many(list(TEXTS.values()))
    out = {}
    for (name, text), analysis in zip(TEXTS.items(), parsed):
        article = article_from_text(text, name)
        assert analysis.text == article.text
        out[name] = (extract_statements(article, BuiltinAnalyzer().analyze(article.text), kb),
                     extract_statements(article, analysis, kb))
    return out


def test_a_noun_object_holding_quoted_words_is_mixed_content_past_commas_and_relative_clauses(extracted):
    builtin, stanza = extracted["object"]
    assert [(s.kind, s.speaker) for s in builtin] == [("direct", None)]  # only the words inside the marks
    [statement] = stanza
    assert statement.kind == "mixed" and statement.cue == "ha voluto sottolineare"
    assert statement.quote.startswith("i risultati raggiunti durante il vertice, dal quale è uscita «una linea")
    assert statement.quote.endswith("sulle frontiere»") and statement.speaker == "ministro"


def test_a_gerund_the_parse_hangs_inside_the_reported_clause_belongs_to_it(extracted):
    builtin, stanza = extracted["gerund"]
    assert [s.quote for s in builtin] == ["nella riforma c'è anche un taglio dei fondi destinati alle scuole"]
    assert [s.quote for s in stanza] == [
        "nella riforma c'è anche un taglio dei fondi destinati alle scuole, riducendo così le ore di lezione"]


def test_a_speaker_carried_over_is_never_the_one_the_introduction_accuses(extracted):
    builtin, stanza = extracted["accused"]
    assert builtin[-1].quote.startswith("Chi attacca") and builtin[-1].speaker == "Luca Bianchi"
    assert stanza[-1].quote.startswith("Chi attacca") and stanza[-1].speaker == "Mario Rossi"
    assert [s.speaker for s in stanza[:2]] == ["Mario Rossi", "Luca Bianchi"]


def test_a_quotation_without_cue_takes_the_subject_of_the_verb_it_hangs_on(extracted):
    builtin, stanza = extracted["purpose"]
    assert [s.speaker for s in builtin] == [None]
    [statement] = stanza
    assert statement.speaker == "Marco Verdi" and statement.cue is None
    assert statement.quote.startswith("il pieno sostegno dell'Italia")


def test_a_passive_with_quoted_words_and_no_agent_is_mixed_speech_of_the_previous_speaker_not_the_accused(extracted):
    builtin, stanza = extracted["passive"]
    assert len(builtin) == 2  # the rules skip passive cues
    assert (stanza[-1].quote, stanza[-1].kind, stanza[-1].cue) == ("tradimento e di opportunismo", "mixed",
                                                                    "è stato poi accusato")
    assert stanza[-1].speaker == "Mario Rossi"


def test_a_passive_whose_agent_follows_the_quotation_is_not_taken(extracted):
    builtin, stanza = extracted["passive_with_agent"]
    assert builtin == [] and stanza == []


def test_secondo_inserted_in_a_clause_credits_the_whole_clause_not_only_its_last_quotation(extracted):
    builtin, stanza = extracted["inserted_marker"]
    assert [(s.kind, s.quote) for s in builtin] == [("direct", "reparti di provincia")]
    [statement] = stanza
    assert statement.kind == "mixed" and statement.speaker == "Sindacato" and statement.cue == "secondo"
    assert statement.quote == ("Anche la chiusura di «piccoli ospedali» e di «reparti di provincia», secondo il "
                               "sindacato, rischia di lasciare senza cure migliaia di pazienti")

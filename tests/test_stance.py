"""Stance: which counterparts a statement is about, and the speaker's stance toward each.

Invented Italian articles go through the real pipeline (built-in analysis, the shipped extraction and stance models);
the unit tests below read the two rule layers on their own (candidate targets from the mention index, polarity
composed through the clause).
"""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from quotetrack.analysis import analyse
from quotetrack.extract import extract_statements
from quotetrack.lang import get as get_language
from quotetrack.models import Article, Statement
from quotetrack.stance import RULE_DECIDES, StanceModels, annotate, decide, kept, read_pairs, stance_of
from quotetrack.stance.lexicon import derive_polarity, lexicon_of
from quotetrack.stance.polarity import evaluations, predicated, relation
from quotetrack.stance.targets import ArticleView, Candidate, StatementSpan, candidates

DAY = date(2025, 3, 20)


def doc_of(text: str, day: date | None = DAY):
    return analyse(Article("t", text, published=day))


def stances(text: str, day: date | None = DAY) -> dict[str, dict[str, str]]:
    """quote → {target: stance} of every statement of an invented article, through the whole pipeline."""
    doc = doc_of(text, day)
    out = {}
    for s in annotate(doc, extract_statements(doc)):
        for t in s.targets:  # a side always shows words of the statement's sentence; neutral shows none
            assert t.evidence in text and -1.0 <= t.score <= 1.0
            assert bool(t.evidence) == (t.stance != "neutral") and (t.score == 0) == (t.stance == "neutral")
        out[s.quote] = {t.entity: t.stance for t in s.targets}
    return out


def statement(text: str, quote: str, speaker: str | None = None, cue: str | None = None) -> Statement:
    start = text.index(quote)
    cue_start = text.index(cue) if cue else None
    return Statement("t", quote, "direct", start, start + len(quote), speaker=speaker, cue=cue, cue_start=cue_start,
                     cue_end=cue_start + len(cue) if cue else None)


# -- the two statements of the issue -----------------------------------------------------------------------------
def said_rule(quote: str) -> float:
    """The rule score of the one candidate of a quote a minister says."""
    text = f"Il ministro Anna Neri ha detto: «{quote}»."
    (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
    return pair.rule_score


def test_a_demand_to_stop_complaining_opposes_the_one_it_names():
    text = ("Il presidente americano Donald Trump è tornato ad attaccare Kiev. «Zelensky deve smetterla di lamentarsi "
            "e firmare l'accordo», ha detto Trump ai giornalisti.")
    assert stances(text)["Zelensky deve smetterla di lamentarsi e firmare l'accordo"] == {
        "Volodymyr Zelensky": "oppose"}


def test_good_faith_supports_the_leader_a_role_names_on_the_article_date():
    text = "Sul negoziato Donald Trump si è mostrato ottimista. «Il leader russo sta trattando in buona fede», ha dichiarato."
    assert stances(text)["Il leader russo sta trattando in buona fede"] == {"Vladimir Putin": "support"}


def test_the_demo_articles_two_statements():
    """As `quotetrack demo` reads them: a demand that opposes, and praise reported by a gerund that supports."""
    text = ("«Zelensky deve smetterla di lamentarsi e firmare l'accordo», ha detto Trump ai cronisti. Il presidente Usa "
            "ha poi elogiato Vladimir Putin, sostenendo che il leader russo sta trattando in buona fede.")
    assert stances(text) == {"Zelensky deve smetterla di lamentarsi e firmare l'accordo": {"Volodymyr Zelensky": "oppose"},
                             "il leader russo sta trattando in buona fede": {"Vladimir Putin": "support"}}


# -- targets ------------------------------------------------------------------------------------------------------
def test_the_accused_of_an_accusation_is_a_target_and_opposed():
    text = "Mario Rossi ha accusato il sindaco Luca Bianchi di «aver mentito ai cittadini»."
    found = stances(text)
    (quote,) = found
    assert found[quote] == {"Luca Bianchi": "oppose"}


def test_thanks_support_the_one_thanked_and_the_speaker_is_never_a_target():
    text = "«Ringrazio la Commissione europea per il sostegno», ha detto Giorgia Meloni, che ha poi lasciato Bruxelles."
    assert stances(text) == {"Ringrazio la Commissione europea per il sostegno": {"Commissione europea": "support"}}


def test_an_adjective_of_nationality_after_an_act_names_the_country():
    text = "«Le sanzioni americane restano un ostacolo», ha detto Dmitry Peskov."
    assert stances(text)["Le sanzioni americane restano un ostacolo"] == {"Stati Uniti": "oppose"}


def test_first_person_words_are_never_targets():
    doc = doc_of("«Noi difenderemo il nostro lavoro», ha detto Anna Neri.")
    view = ArticleView(doc, lexicon_of(doc.lang))
    (s,) = extract_statements(doc)
    assert candidates(view, StatementSpan.of(doc, s)) == []


def test_a_building_an_event_or_a_law_the_name_finder_takes_for_a_person_is_no_candidate():
    doc = doc_of("Anna Neri ha parlato a Palazzo Vantelli delle Olimpiadi di Torino, della Legge Bianchi e del "
                 "Comunicato Congiunto.")
    assert [m.name for m in ArticleView(doc, lexicon_of(doc.lang)).targetable] == ["Anna Neri"]


def test_an_english_law_day_or_event_name_is_no_candidate():
    doc = doc_of("Anna Neri ha parlato del Tessar Privacy Act, del Verdal Day e del Porta Lorenzina al Meridal Data "
                 "Center.")
    assert [m.name for m in ArticleView(doc, lexicon_of(doc.lang)).targetable] == ["Anna Neri"]


def test_a_name_after_a_noun_of_geography_or_streets_is_a_place_and_no_candidate():
    doc = doc_of("Anna Neri ha sfilato da via Garibaldi fino al quartiere San Giorgio, lungo il fiume Sarno e "
                 "vicino all'isola di Montelupo, con Luca Bianchi.")
    assert [m.name for m in ArticleView(doc, lexicon_of(doc.lang)).targetable] == ["Anna Neri", "Luca Bianchi"]


def test_a_capital_after_a_preposition_of_place_is_the_city_and_no_candidate():
    doc = doc_of("Anna Neri ha ricordato la strage di Kabul e il vertice a Mosca, poi ad Atene ha detto che Mosca e il "
                 "Cremlino sbagliano.")
    assert [m.text for m in ArticleView(doc, lexicon_of(doc.lang)).targetable] == ["Anna Neri", "Mosca", "Cremlino"]


def test_a_capital_after_a_noun_of_help_and_a_is_whom_the_help_is_for_not_the_city():
    doc = doc_of("Anna Neri ha criticato il sostegno militare a Mosca e la solidarietà ad Atene, poi è andata a Roma.")
    assert [m.text for m in ArticleView(doc, lexicon_of(doc.lang)).targetable] == ["Anna Neri", "Mosca", "Atene"]


def test_a_name_right_after_a_noun_of_works_laws_or_storms_is_no_candidate_but_an_author_is():
    doc = doc_of("Anna Neri ha criticato il decreto Bianchi, la serie Montelupo Story e l'uragano Gedeone, ma ha "
                 "lodato il libro di Carla Rossi.")
    names = [m.name for m in ArticleView(doc, lexicon_of(doc.lang)).targetable]
    assert "Carla Rossi" in names and not {"Bianchi", "Montelupo Story", "Gedeone"} & set(names)


@pytest.mark.parametrize("text", [
    "Anna Neri, presidente della Confartigianato Valdese, ha detto che «la crisi è grave».",
    "Il portavoce del Partito Liberale Anna Neri ha detto che «la crisi è grave».",
])
def test_what_the_speakers_title_belongs_to_is_no_candidate_of_the_reporting_sentence(text):
    doc = doc_of(text)
    (s,) = extract_statements(doc)
    assert candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s)) == []


def test_a_title_holder_the_speaker_accuses_is_still_a_candidate():
    text = "Anna Neri accusa il presidente della Confartigianato Valdese di essere «un bugiardo»."
    doc = doc_of(text)
    (s,) = extract_statements(doc)
    names = [c.name for c in candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))]
    assert names == ["Confartigianato Valdese"]


def test_the_accused_a_quote_opens_with_is_the_accusations_object_past_another_accused():
    """`accusano anche X, …, e Y, che avrebbe …`: Y is accused too, though X stands between the cue and Y's quote."""
    text = ("Gli inquirenti accusano anche Paolo Conti, consigliere comunale, e Marco Ferri, assessore al bilancio, che "
            "avrebbe favorito un'impresa amica.")
    quote = "Marco Ferri, assessore al bilancio, che avrebbe favorito un'impresa amica"
    pairs = {p.candidate.name: p for p in read_pairs(doc_of(text), [statement(text, quote, cue="accusano")])}
    assert pairs["Marco Ferri"].features["cue_polarity_on_object"] < 0 and pairs["Marco Ferri"].rule_score < 0


def test_the_target_classifier_sees_a_country_named_only_by_its_adjective():
    doc = doc_of("«Il governo ha fatto molto per il cinema francese», ha detto Anna Neri.")
    pairs = {p.candidate.name: p.features for p in read_pairs(doc, extract_statements(doc))}
    assert pairs["Francia"].get("via_adjective") == 1.0 and not pairs["Francia"].get("via_kb")


def test_a_third_person_pronoun_of_the_quote_points_at_the_person_named_before():
    text = "Anna Neri ha incontrato Paolo Conti. Poi ha detto: «Lui ci ha traditi»."
    doc = doc_of(text)
    s = statement(text, "Lui ci ha traditi", speaker="Anna Neri", cue=":")
    (found,) = candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))
    assert found.name == "Paolo Conti" and found.pointers["third"] == 1


def test_a_third_person_pronoun_does_not_point_at_a_lone_unknown_word_taken_for_a_person():
    text = "Anna Neri ha incontrato Paolo Conti. Il giorno dopo è passata per Borgoverde. Poi ha detto: «Lui ci ha traditi»."
    doc = doc_of(text)
    s = statement(text, "Lui ci ha traditi", speaker="Anna Neri", cue=":")
    found = candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))
    assert [c.name for c in found if c.pointers["third"]] == ["Paolo Conti"]  # Borgoverde: a place, read as a name


@pytest.mark.parametrize("quote, pointed", [
    ("Dopo averla vista ho capito tutto", ["Carla Bianchi"]),  # an object clitic attached to an infinitive
    ("Continuo a cercarla", ["Carla Bianchi"]),
    ("L'ho incontrata ieri", ["Carla Bianchi"]),  # elided before an auxiliary
    ("Non gli ho mai creduto", ["Carla Bianchi"]),  # `gli` before a verb: a pronoun
    ("Gli operai hanno ragione", []),  # an article or a demonstrative before a noun points at nobody
    ("Questi giorni sono difficili", []),
    ("Lo sciopero è giusto", []),
    ("Non ci vuole parlare", []),
    ("Carlo parla troppo", []),
    ("Difendo lo stato di diritto", []),  # no clitic right before a participle: an article and a noun
    ("Ha comprato una villa a Montecarlo", []),  # a name's word ends in `lo` after a truncated infinitive's letters
])
def test_the_words_of_the_quote_that_point_at_the_person_named_before(quote, pointed):
    text = f"Anna Neri ha incontrato Carla Bianchi. Poi ha detto: «{quote}»."
    doc = doc_of(text)
    s = statement(text, quote, speaker="Anna Neri", cue=":")
    found = candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))
    assert [c.name for c in found if c.pointers["third"]] == pointed


@pytest.mark.parametrize("text, cue, read", [
    ("Anna Neri ha incontrato Paolo Conti. Il giorno dopo Carla Bianchi ha parlato, accusandolo di «aver mentito».",
     "accusandolo", "cue_polarity_on_object"),
    ("Anna Neri ha incontrato Paolo Conti. Il giorno dopo Carla Bianchi l'ha definito «un bugiardo».", "ha definito",
     "labelled"),
])
def test_the_object_clitic_of_the_cue_points_at_the_one_named_before_as_its_object(text, cue, read):
    doc = doc_of(text)
    quote = text.split("«")[1].split("»")[0]
    s = statement(text, quote, speaker="Carla Bianchi", cue=cue)
    (found,) = [c for c in candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))
                if c.pointers["cue"]]
    assert found.name == "Paolo Conti"
    (pair,) = [p for p in read_pairs(doc, [s]) if p.candidate.name == "Paolo Conti"]
    assert pair.features["cue_object"] == 1.0 and pair.features[read]  # the accusation, the label: theirs


def test_the_clitic_of_a_verb_of_saying_is_the_statement_and_points_at_nobody():
    text = "Anna Neri ha incontrato Paolo Conti. Il giorno dopo Carla Bianchi lo ha detto: «grande sorpresa»."
    doc = doc_of(text)
    s = statement(text, "grande sorpresa", speaker="Carla Bianchi", cue="ha detto")
    found = candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))
    assert not any(c.pointers["cue"] for c in found)


def test_what_a_title_of_someone_else_belongs_to_is_no_candidate():
    text = "Anna Neri ha detto che l'ex presidente dell'Ungheria Mario Rossi ha mentito."
    doc = doc_of(text)
    s = statement(text, "l'ex presidente dell'Ungheria Mario Rossi ha mentito", speaker="Anna Neri", cue="ha detto")
    (found,) = candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))
    assert found.name == "Mario Rossi"


def test_the_target_classifier_sees_who_the_articles_first_sentence_names():
    doc = doc_of("Mario Rossi ha vinto le elezioni. Anna Neri ha detto: «Rossi e Paolo Conti hanno lavorato bene».")
    pairs = {p.candidate.name: p.features for p in read_pairs(doc, extract_statements(doc))}
    assert pairs["Mario Rossi"]["in_lead"] == 1.0 and pairs["Paolo Conti"]["in_lead"] == 0.0


def test_part_of_the_speakers_own_name_is_the_speaker_not_a_candidate():
    text = "«La scelta è giusta», ha detto Maria Ferri."
    doc = doc_of(text)
    view = ArticleView(doc, lexicon_of(doc.lang))
    assert view.is_speaker("Maria Ferri", "Giulio Maria Ferri") and view.is_speaker("Giulio", "Giulio Maria Ferri")
    assert not view.is_speaker("Maria", "Anna Maria Bianchi")  # a name in the middle of another is no part of it
    assert not view.is_speaker("Mario Rossi", "Luca Rossi") and not view.is_speaker("Giulio Maria Ferri", "Giulio")
    s = statement(text, "La scelta è giusta", speaker="Giulio Maria Ferri", cue="ha detto")
    assert [c.name for c in candidates(view, StatementSpan.of(doc, s))] == []


@pytest.mark.parametrize("before, named", [
    ("Le Ferrovie della Repubblica hanno chiuso il bando.", "Ferrovie della Repubblica"),  # the article's full name
    ("Le Ferrovie della Repubblica e le Ferrovie di Monte Alto hanno chiuso il bando.", None),  # which of them?
    ("Le Ferrovie serbe hanno chiuso il bando.", "Ferrovie serbe"),  # a nationality after the name
    ("Le Ferrovie serbe e le Ferrovie croate hanno chiuso il bando.", None),
])
def test_an_organisation_is_named_as_fully_as_the_article_writes_it(before, named):
    """Where the article writes two fuller names, the common word alone names neither: no candidate."""
    text = f"{before} Anna Neri ha detto: «Le Ferrovie hanno tradito i giovani»."
    doc = doc_of(text)
    s = statement(text, "Le Ferrovie hanno tradito i giovani", speaker="Anna Neri", cue="ha detto")
    found = [c.name for c in candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))]
    assert found == ([named] if named else [])


@pytest.mark.parametrize("text, named", [
    ("Anna Neri ha detto: «Se vinciamo, I tifosi di Marco Verdi e D saranno felici».", {"Anna Neri", "Marco Verdi"}),
    ("Anna Neri ha detto: «La maggioranza del nuovo consiglio e la società di trasporti hanno sbagliato con Marco Verdi».",
     {"Anna Neri", "Marco Verdi"}),
])
def test_a_function_word_a_lone_letter_or_a_common_noun_read_as_a_name_is_no_candidate(text, named):
    doc = doc_of(text)
    assert {m.name for m in ArticleView(doc, lexicon_of(doc.lang)).targetable} == named


def test_the_reporting_sentence_offers_the_one_asked_as_a_candidate():
    text = "Il ministro Anna Neri ha chiesto al presidente Paolo Conti di «ritirare il decreto»."
    doc = doc_of(text)
    s = statement(text, "ritirare il decreto", speaker="Anna Neri", cue="ha chiesto")
    (found,) = candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))
    assert found.name == "Paolo Conti" and [m.text for m in found.frame] == ["presidente", "Paolo Conti"]
    (pair,) = read_pairs(doc, [s])
    assert pair.features["addressed"] == 1.0


def test_who_another_clause_turns_to_is_not_the_speakers_addressee():
    text = "Il governo si apre al dialogo con Paolo Conti, ma Anna Neri ha chiarito che «le tasse restano un ostacolo»."
    doc = doc_of(text)
    s = statement(text, "le tasse restano un ostacolo", speaker="Anna Neri", cue="ha chiarito")
    (pair,) = [p for p in read_pairs(doc, [s]) if p.candidate.name == "Paolo Conti"]
    assert not pair.features.get("addressed") and pair.rule_score == 0


def test_the_target_classifier_sees_whose_name_a_name_completes():
    text = "Anna Neri ha detto che «la Federazione Velica della Slovenia sbaglia e Paolo Conti tace»."
    doc = doc_of(text)
    s = statement(text, "la Federazione Velica della Slovenia sbaglia e Paolo Conti tace", speaker="Anna Neri",
                  cue="ha detto")
    pairs = {p.candidate.name: p.features for p in read_pairs(doc, [s])}
    assert pairs["Slovenia"]["owns_named"] == 1.0 and not pairs["Paolo Conti"].get("owns_named")


def test_institutions_named_by_their_common_noun():
    doc = doc_of("Romano Prodi ha parlato. Il governo andrà avanti, il Parlamento deciderà e il governo nipponico "
                 "protesta. Le autorità russe tacciono e la Corte costituzionale ha detto no; poi la Corte ha taciuto.",
                 day=None)
    names = {m.text: m.name for m in doc.mentions}
    assert names["Il governo"] == "Governo Prodi"  # undated: the one head of government the article names
    assert names["il Parlamento"] == "Parlamento italiano"
    assert names["il governo nipponico"] == "Governo giapponese"
    assert names["Le autorità russe"] == "Governo russo"
    assert names["la Corte"] == "Corte costituzionale"


def test_an_adverb_after_an_institution_is_no_part_of_its_name():
    doc = doc_of("Il testo passerà alla Camera soltanto a maggio e resterà alla Camera per quasi un anno.")
    assert [(m.text, m.name) for m in doc.mentions] == [("Camera", "Camera dei deputati")] * 2


def test_the_state_that_ends_a_name_is_not_the_country():
    doc = doc_of("L'Avvocatura dello Stato difende il ministero, ma la crisi dello Stato resta grave.")
    assert [(m.text, m.name) for m in doc.mentions if m.via == "country"] == [("dello Stato", "Italia")]


def test_an_undated_government_is_named_after_the_one_the_article_calls_premier():
    doc = doc_of("Il premier Romano Prodi ha incontrato Silvio Berlusconi. Il governo resiste, dice la Russia, "
                 "mentre il governo russo tace.", day=None)
    names = {m.text: m.name for m in doc.mentions}
    assert names["Il governo"] == "Governo Prodi"  # both ever held the office; the article calls one of them premier
    assert names["il governo russo"] == "Governo russo"  # another country's government by its adjective


def test_the_object_a_quote_opens_with_takes_the_cue_polarity():
    text = "Il senatore Luca Bianchi ha criticato Anna Neri perché ha votato contro la riforma."
    doc = doc_of(text)
    s = statement(text, "Anna Neri perché ha votato contro la riforma", speaker="Luca Bianchi", cue="ha criticato")
    (pair,) = read_pairs(doc, [s])
    assert pair.candidate.name == "Anna Neri" and pair.features["cue_polarity_on_object"] < 0


def test_a_country_noun_is_the_country_the_article_is_about():
    doc = doc_of("La Francia vota. Il Paese è diviso, dice Parigi.")
    assert {m.text: m.name for m in doc.mentions}["Il Paese"] == "Francia"


def test_a_nationality_after_a_group_is_not_the_state():
    doc = doc_of("Alcune aziende americane investono, ma le sanzioni americane restano.")
    states = [m for m in doc.mentions if m.name == "Stati Uniti"]
    assert [m.text for m in states] == ["americane"] and states[0].start == doc.text.rindex("americane")
    assert [(m.text, m.kind) for m in doc.mentions if m not in states] == [("Alcune aziende americane", "anonymous")]


def test_a_nationality_after_a_preposition_with_a_plural_article_names_its_country():
    text = "Il ministro Anna Neri ha parlato a lungo. «Chiediamo ai russi di fermarsi e agli americani di aiutarci»."
    doc = doc_of(text)
    named = {m.text: (m.name, m.via) for m in doc.mentions}
    assert named["russi"] == ("Russia", "demonym") and named["americani"] == ("Stati Uniti", "demonym")
    quote = text[text.index("Chiediamo") : text.rindex("»")]
    found = candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, statement(text, quote, "Anna Neri")))
    assert {c.name for c in found} >= {"Russia", "Stati Uniti"}


def test_a_candidate_tells_the_models_how_the_index_found_whom_a_phrase_names():
    text = "La sindaca Anna Neri ha incontrato il ministro Paolo Bini. Poi ha detto: «Il ministro ha sbagliato tutto»."
    (pair,) = read_pairs(doc_of(text), [statement(text, "Il ministro ha sbagliato tutto", "Anna Neri", "ha detto")])
    assert pair.candidate.name == "Paolo Bini" and pair.features["resolved_article"] == 1.0  # the title he was given


# -- polarity through syntax --------------------------------------------------------------------------------------
def polar(text: str) -> list[tuple[str, float]]:
    doc = doc_of(text)
    return [(doc.span_text(e.evidence_first, e.last), round(e.score, 2))
            for e in evaluations(doc, 0, len(doc.tokens), lexicon_of(doc.lang))]


def test_negation_turns_praise_into_criticism_and_not_only_is_no_negation():
    assert polar("Il sindaco non è affidabile.") == [("non è affidabile", -0.48)]
    assert polar("Il sindaco non è solo affidabile.") == [("affidabile", 0.6)]


def test_a_multiword_evaluation_wins_over_its_words_and_is_read_by_lemma():
    assert polar("Tratta in buona fede.") == [("buona fede", 0.6)]
    assert polar("Non si rimangerà la parola.") == [("Non si rimangerà la parola", 0.56)]


def test_a_multiword_evaluation_may_have_adverbs_between_its_words():
    assert polar("Il consiglio ha fatto solo il suo dovere.") == [("fatto solo il suo dovere", 0.4)]


def test_a_phrase_continues_through_the_dictionary_lemma_where_the_engine_reads_another():
    # the built-in engine lemmatises "promesse" as promettere; the phrase is written with promessa
    assert polar("Ha mantenuto le promesse.") == [("mantenuto le promesse", 0.6)]


def test_endorsing_someone_by_following_or_voting_for_them_is_support():
    assert polar("Hanno seguito i consigli del sindaco.") == [("seguito i consigli", 0.4)]
    assert polar("Chi ha votato per lei lo rifarebbe.") == [("votato per", 0.4)]
    assert polar("La giunta sta facendo il massimo.") == [("facendo il massimo", 0.5)]


def test_a_part_that_mattered_and_missing_someone_are_support():
    assert polar("Il sindaco ha avuto un ruolo fondamentale.") == [("ruolo fondamentale", 0.4)]
    assert polar("Ci mancherà tantissimo.") == [("Ci mancherà", 0.5)]


def test_strength_given_supports_and_an_example_given_or_a_large_majority_praise_nobody():
    assert polar("Bisogna dare più forza alla procura.") == [("dare più forza", 0.4)]
    assert polar("Luca Bianchi è stato grandissimo.") == [("grandissimo", 0.6)]
    assert polar("Penso per esempio a Luca Bianchi.") == []
    assert polar("Anna Neri è stata eletta con grande maggioranza.") == []
    assert polar("Come sa bene Anna Neri, la strada è lunga.") == []


def test_words_of_size_place_procedure_and_ritual_evaluate_nobody():
    assert polar("Anna Neri parla di un grande aumento dei prezzi.") == []
    assert polar("Luca Bianchi abita vicino alla stazione.") == []
    assert polar("Luca Bianchi conosce bene la città.") == []
    assert polar("Al contrario, Luca Bianchi resta a casa.") == []
    assert polar("Ne ha parlato l'autorità competente.") == []
    assert polar("Il vescovo Luca Bianchi celebrò la messa.") == []
    assert polar("Non siamo certi del lieto fine.") == []
    assert polar("Anna Neri è una grande donna.") == [("grande donna", 0.6)]  # praise of a person is still read


def test_sentix_priors_of_the_wrong_sign_are_corrected():
    assert polar("Anna Neri vuole tutelare i lavoratori.") == [("tutelare", 0.4)]
    assert polar("Luca Bianchi ha la simpatia di tutti.") == [("simpatia", 0.5)]
    assert polar("Luca Bianchi è innocente ed è sempre stato umile.") == [("innocente", 0.5), ("umile", 0.5)]


def test_a_noun_the_lemmatiser_reads_as_an_evaluative_adjective_evaluates_nobody():
    assert polar("Anna Neri ha commesso una serie di errori.") == [("errori", -0.5)]
    assert polar("Luca Bianchi recita nella nuova serie.") == []
    assert polar("Sono persone serie.") == [("serie", 0.3)]
    assert polar("Luca Bianchi conosce bene questo contesto.") == []


def test_a_judgement_word_opening_a_sentence_with_a_capital_is_read_though_taken_for_a_name():
    doc = doc_of("Bravissimo Luca Bianchi, una gara perfetta.")
    lexicon = lexicon_of(doc.lang)
    (praise,) = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert doc.span_text(praise.first, praise.last) == "Bravissimo" and praise.score > 0
    assert [relation(doc, praise, m, lexicon) for m in doc.mentions] == ["sentence", "object"]
    assert polar("Ha parlato Fedele Rossi.") == []  # a given name, not the first word of its sentence


def test_the_subject_of_an_evaluation_is_the_nearest_one_named_before_it():
    doc = doc_of("Mario Rossi sa che Anna Neri ha mentito.")
    lexicon = lexicon_of(doc.lang)
    (lie,) = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert [relation(doc, lie, m, lexicon) for m in doc.mentions] == ["clause", "subject"]


def test_what_follows_a_colon_after_a_name_that_opens_the_clause_is_said_of_that_name():
    assert said_rule("Luca Bianchi: è un bugiardo e un vigliacco") < -0.5
    text = "Anna Neri ha detto che Luca Bianchi: non è un vigliacco."
    (pair,) = read_pairs(doc_of(text), [statement(text, "Luca Bianchi: non è un vigliacco", speaker="Anna Neri",
                                                  cue="ha detto")])
    assert pair.rule_score > 0.5  # after `che`, the name opens what is reported
    assert -0.1 < said_rule("Sulla vicenda di Luca Bianchi: è una vergogna") <= 0  # the matter, not the one it concerns


def test_the_one_da_parte_di_names_did_what_the_word_before_says_unless_it_is_an_attitude_they_hold():
    assert said_rule("Ci sono stati gravi errori anche da parte di Luca Bianchi") < -0.5
    assert said_rule("Abbiamo visto un impegno serio da parte di Luca Bianchi") > 0.3
    assert -0.1 < said_rule("Ci sono state critiche da parte di Luca Bianchi") <= 0  # where he stands, not judged


def test_the_one_who_holds_an_attitude_is_not_whom_it_is_for():
    doc = doc_of("Serve il sostegno del sindaco Mario Rossi.")
    lexicon = lexicon_of(doc.lang)
    (support,) = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert relation(doc, support, doc.mentions[-1], lexicon) != "object"
    doc = doc_of("Ho fiducia in Mario Rossi.")
    (trust,) = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert relation(doc, trust, doc.mentions[0], lexicon) == "object"  # a preposition of place names no place here


def test_a_question_asks_as_a_request_does():
    doc = doc_of("Siete favorevoli alla proposta di Mario Rossi? Io sì, è affidabile.")
    asked, said = evaluations(doc, 0, len(doc.tokens), lexicon_of(doc.lang))
    assert asked.request and not said.request
    doc = doc_of("Dopo l'errore, Mario Rossi si è chiesto: «come rimedio?».")
    (fault,) = evaluations(doc, 0, len(doc.tokens), lexicon_of(doc.lang))
    assert not fault.request  # the question is another clause's


def test_an_attitude_judges_its_object_not_its_subject_unless_the_object_is_the_speaker():
    doc = doc_of("Mario Rossi ha criticato Anna Neri.")
    lexicon = lexicon_of(doc.lang)
    (criticism,) = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert [relation(doc, criticism, m, lexicon) for m in doc.mentions] == ["sentence", "object"]
    doc = doc_of("Mario Rossi è contrario alla riforma.")
    (against,) = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert relation(doc, against, doc.mentions[0], lexicon) == "sentence"
    doc = doc_of("Mario Rossi ci ha sempre sostenuto.")
    (support,) = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert relation(doc, support, doc.mentions[0], lexicon) == "subject" and support.score > 0


def test_an_unnamed_title_judges_only_with_a_judgement_word():
    assert polar("Si comporta come un dittatore.") == [("dittatore", -0.8)]
    assert polar("Ha parlato un ambasciatore.") == []  # Sentix's prior of a title is no judgement


def test_what_someone_did_stands_for_them():
    doc = doc_of("Non condivido le scelte di Luca Bianchi.")
    lexicon = lexicon_of(doc.lang)
    (sharing,) = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert relation(doc, sharing, doc.mentions[0], lexicon) == "object" and sharing.score < 0


def test_quotation_marks_break_no_construction_between_a_word_and_its_object():
    doc = doc_of("Ha espresso «forte indignazione» per le scelte di Luca Bianchi.")
    lexicon = lexicon_of(doc.lang)
    (outrage,) = [e for e in evaluations(doc, 0, len(doc.tokens), lexicon) if e.score < 0]
    assert relation(doc, outrage, doc.mentions[0], lexicon) == "object"


def test_a_word_of_sentiment_quoted_after_a_copula_is_still_said_of_its_subject():
    doc = doc_of("Mario Rossi «non è onesto», ha detto.")
    lexicon = lexicon_of(doc.lang)
    (honest,) = [e for e in evaluations(doc, 0, len(doc.tokens), lexicon) if e.negator is not None]
    assert relation(doc, honest, doc.mentions[0], lexicon) == "subject"
    assert predicated(doc, honest, doc.mentions[0], lexicon)


def test_the_one_a_passive_or_participle_cue_is_about_takes_its_polarity():
    text = "Luca Bianchi è stato accusato di «aver mentito ai cittadini»."
    doc = doc_of(text)
    s = statement(text, "aver mentito ai cittadini", cue="è stato accusato")
    (pair,) = read_pairs(doc, [s])
    assert pair.candidate.name == "Luca Bianchi" and pair.features["cue_object"] == 1.0 and pair.rule_score < -0.5


def test_a_fault_someone_fights_speaks_for_them():
    doc = doc_of("Luca Bianchi ha lanciato una campagna contro la corruzione.")
    *_, fault = evaluations(doc, 0, len(doc.tokens), lexicon_of(doc.lang))
    assert doc.span_text(fault.first, fault.last) == "corruzione" and fault.fought and fault.score < 0
    text = "Il ministro Anna Neri ha detto: «Luca Bianchi lotta ogni giorno contro la corruzione»."
    (pair,) = read_pairs(doc_of(text), [statement(text, "Luca Bianchi lotta ogni giorno contro la corruzione",
                                                  speaker="Anna Neri", cue="ha detto")])
    assert pair.rule_score > 0


def test_a_fault_fought_through_a_noun_of_struggle_speaks_for_the_one_who_fights_it():
    *_, fault = evaluations(doc := doc_of("Anna Neri guida la lotta alla corruzione."), 0, len(doc.tokens),
                            lexicon_of(doc.lang))
    assert doc.span_text(fault.first, fault.last) == "corruzione" and fault.fought


def test_the_offence_of_an_investigation_or_an_arrest_is_a_charge_reported():
    assert polar("Luca Bianchi è indagato per corruzione.") == []
    assert polar("Anna Neri è stata arrestata per la truffa.") == []
    assert polar("Luca Bianchi ha mentito per soldi.") == [("mentito", -0.8)]


def test_a_fault_that_qualifies_the_noun_someone_fights_speaks_for_them():
    assert said_rule("Luca Bianchi ha guidato la campagna contro le bande criminali") > 0


def test_what_the_target_classifier_reads_of_a_misread_name():
    """A place the article names after a locative, and an opinion verb written large, are told from a person."""
    text = "Il ministro Anna Neri ha detto: «Sono stata con Luca Bianchi. Nella Valdorsa si lavora bene»."
    pairs = {p.candidate.name: p.features for p in read_pairs(doc_of(text), [statement(
        text, "Sono stata con Luca Bianchi. Nella Valdorsa si lavora bene", "Anna Neri", "ha detto")])}
    assert pairs["Valdorsa"]["located_share"] == 1.0 and pairs["Luca Bianchi"]["located_share"] == 0.0
    text = "Il ministro Anna Neri ha detto: «La scuola non ha funzionato Reputo che Luca Bianchi abbia sbagliato»."
    pairs = {p.candidate.name: p.features for p in read_pairs(doc_of(text), [statement(
        text, "La scuola non ha funzionato Reputo che Luca Bianchi abbia sbagliato", "Anna Neri", "ha detto")])}
    assert pairs["Reputo"]["verb_word"] == 1.0 and pairs["Luca Bianchi"]["verb_word"] == 0.0


def test_the_victim_of_a_harm_is_not_the_one_judged():
    text = "Il ministro Anna Neri ha detto: «La crisi colpisce duramente Luca Bianchi»."
    (pair,) = read_pairs(doc_of(text), [statement(text, "La crisi colpisce duramente Luca Bianchi",
                                                  speaker="Anna Neri", cue="ha detto")])
    assert pair.rule_score == 0
    text = "Il ministro Anna Neri ha detto: «Critico duramente Luca Bianchi»."
    (pair,) = read_pairs(doc_of(text), [statement(text, "Critico duramente Luca Bianchi", speaker="Anna Neri",
                                                  cue="ha detto")])
    assert pair.rule_score < 0  # a judgement, unlike a harm, still judges its object


def test_the_victim_of_a_harm_named_shortly_after_it_takes_no_blame_from_it_even_when_addressed():
    assert said_rule("L'attacco informatico a Luca Bianchi è avvenuto ieri") == 0


def test_blaming_a_harm_done_to_someone_is_sympathy_and_the_one_after_da_does_the_harm():
    def rule(quote: str) -> float:
        text = f"Il ministro Anna Neri ha detto: «{quote}»."
        (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        return pair.rule_score

    assert rule("È una campagna vergognosa per attaccare il sindaco Luca Bianchi") > 0
    assert rule("Trovo inaccettabile che si insulti Luca Bianchi") > 0
    assert rule("Mi sento offeso dalla campagna di Luca Bianchi") < 0  # the harm's agent, not its victim


def test_the_subject_of_a_passive_harm_is_its_victim():
    for quote in ("Luca Bianchi è stato colpito dalla crisi", "Luca Bianchi viene spesso insultato dai colleghi"):
        text = f"Il ministro Anna Neri ha detto: «{quote}»."
        (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        assert pair.rule_score == 0, quote
    text = "Il ministro Anna Neri ha detto: «Luca Bianchi ha colpito i colleghi»."
    (pair, *_) = read_pairs(doc_of(text), [statement(text, "Luca Bianchi ha colpito i colleghi", speaker="Anna Neri",
                                                     cue="ha detto")])
    assert pair.candidate.name == "Luca Bianchi" and pair.rule_score < 0  # the one who harms, in the active


def _pair_of_quote(quote: str):
    """The one pair of Anna Neri's «quote»."""
    text = f"Il ministro Anna Neri ha detto: «{quote}»."
    (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
    return pair


def test_the_subject_of_a_passive_blame_is_not_the_one_judged():
    assert _pair_of_quote("Luca Bianchi è stato criticato da tutti").rule_score == 0
    assert _pair_of_quote("Luca Bianchi ha criticato tutti").rule_score < 0  # in the active, the one who blames


def test_an_attack_is_a_harm_its_victim_suffers_but_the_speaker_who_does_it_opposes():
    assert _pair_of_quote("I ribelli hanno attaccato Luca Bianchi").rule_score == 0
    text = "Il ministro Anna Neri ha insultato Luca Bianchi, dicendo che «domani parlerà in aula»."
    (pair,) = read_pairs(doc_of(text), [statement(text, "domani parlerà in aula", speaker="Anna Neri", cue="dicendo")])
    assert pair.candidate.name == "Luca Bianchi" and pair.rule_score < 0  # in the reporting sentence, the speaker's act


def test_against_judges_what_it_governs_never_who_acts_against():
    def rule(quote: str) -> float:
        text = f"Il ministro Anna Neri ha detto: «{quote}»."
        (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        return pair.rule_score

    assert rule("Luca Bianchi ha votato contro") == 0
    assert rule("Voteremo contro Luca Bianchi") < 0


def test_a_word_of_sentiment_a_copula_says_of_someone_judges_them():
    def rule(quote: str) -> float:
        text = f"Il ministro Anna Neri ha detto: «{quote}»."
        (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        return pair.rule_score

    assert rule("Luca Bianchi resta brillante") > 0.3  # Sentix's sentiment, predicated of him: a judgement
    assert rule("Luca Bianchi non è un politico brillante") < 0
    assert rule("Con Luca Bianchi la serata è stata fantastica") == 0  # said of the evening, not of him
    assert rule("Luca Bianchi è stato ferito") == 0  # what happened to him


def test_the_label_of_a_labelling_cue_judges_the_one_it_names():
    text = "Il ministro Anna Neri ha definito Luca Bianchi «brillante e generoso»."
    (pair,) = read_pairs(doc_of(text), [statement(text, "Luca Bianchi «brillante e generoso»", speaker="Anna Neri",
                                                  cue="ha definito")])
    assert pair.features["labelled"] == 1.0 and pair.rule_score > 0.5  # Sentix's sentiment, as a label: a judgement
    text = "Il ministro Anna Neri ha detto: «Luca Bianchi brillante e generoso»."
    (pair,) = read_pairs(doc_of(text), [statement(text, "Luca Bianchi brillante e generoso", speaker="Anna Neri",
                                                  cue="ha detto")])
    assert pair.features["labelled"] == 0.0


def test_asking_for_something_good_takes_no_side_and_asking_someone_to_go_opposes():
    text = "Anna Neri ha chiesto a Luca Bianchi di «sostenere le famiglie»."
    asked = statement(text, "sostenere le famiglie", speaker="Anna Neri", cue="ha chiesto")
    assert all(p.rule_score == 0 for p in read_pairs(doc_of(text), [asked]))
    text = "Il ministro Anna Neri ha detto: «Luca Bianchi deve dimettersi, ha mentito»."
    (pair,) = read_pairs(doc_of(text), [statement(text, "Luca Bianchi deve dimettersi, ha mentito",
                                                  speaker="Anna Neri", cue="ha detto")])
    assert pair.rule_score < 0


def test_asking_that_good_be_done_to_someone_supports_them_and_not_the_one_asked():
    text = "Il vescovo Anna Neri ha chiesto a Luca Bianchi di «pregare per Paolo Conti»."
    asked = statement(text, "pregare per Paolo Conti", speaker="Anna Neri", cue="ha chiesto")
    rules = {p.candidate.name: p.rule_score for p in read_pairs(doc_of(text), [asked])}
    assert rules["Paolo Conti"] > 0 and rules.get("Luca Bianchi", 0) == 0


def test_a_resignation_opposes_only_when_the_speaker_asks_for_it():
    def rule(quote: str) -> float:
        text = f"Il ministro Anna Neri ha detto: «{quote}»."
        (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        return pair.rule_score

    assert rule("Ho accolto le dimissioni di Luca Bianchi") == 0  # what happened
    assert rule("Luca Bianchi è stato dimesso ieri sera") == 0
    assert rule("Luca Bianchi deve dimettersi") < 0 and rule("Chiediamo le dimissioni di Luca Bianchi") < 0


def test_asking_someone_to_leave_their_post_opposes_them_as_much_as_saying_they_must():
    def rule(text: str, quote: str, cue: str) -> float:
        (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue=cue)])
        return pair.rule_score

    asked = rule("Anna Neri ha chiesto a Luca Bianchi di «lasciare il potere».", "lasciare il potere", "ha chiesto")
    said = rule("Anna Neri ha detto: «Luca Bianchi deve lasciare il potere».", "Luca Bianchi deve lasciare il potere",
                "ha detto")
    assert asked < 0 and asked == pytest.approx(said)
    assert rule("Anna Neri ha detto: «Luca Bianchi ha lasciato il potere nel 2001».",
                "Luca Bianchi ha lasciato il potere nel 2001", "ha detto") == 0  # what happened


def test_telling_someone_to_go_asks_it_of_them_and_saying_what_one_did_asks_nothing():
    def pair(text: str, quote: str):
        return read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])

    (told,) = pair("Anna Neri ha detto a Luca Bianchi di lasciare il potere.", "di lasciare il potere")
    assert told.features["cue_request"] == 1.0 and told.rule_score < 0
    (told,) = pair("Anna Neri ha detto al presidente Luca Bianchi di andarsene.", "di andarsene")
    assert told.rule_score < 0
    (seen,) = pair("Anna Neri ha detto di aver visto Luca Bianchi lasciare il potere.",
                   "di aver visto Luca Bianchi lasciare il potere")
    assert "cue_request" not in seen.features and seen.rule_score == 0


def test_lending_a_hand_standing_by_or_teaming_up_with_someone_supports_them():
    for quote in ("Ci sentiamo vicini a Luca Bianchi", "Luca Bianchi ci ha dato una mano",
                  "Ci schieriamo con Luca Bianchi", "Faremo squadra con Luca Bianchi",
                  "Ci coalizzeremo con Luca Bianchi"):
        text = f"Il ministro Anna Neri ha detto: «{quote}»."
        (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        assert pair.rule_score > 0, quote


def test_condolences_are_sympathy_and_a_medical_bulletin_judges_nobody():
    text = "Il ministro Anna Neri ha detto: «Esprimo il mio cordoglio alla famiglia di Luca Bianchi»."
    (pair,) = read_pairs(doc_of(text), [statement(text, "Esprimo il mio cordoglio alla famiglia di Luca Bianchi",
                                                  speaker="Anna Neri", cue="ha detto")])
    assert pair.rule_score > 0
    assert polar("Le sue condizioni sono serie.") == [] and polar("Il tampone ha dato esito positivo.") == []


def test_a_confidence_vote_evaluates_nobody():
    assert polar("Il governo porrà la questione di fiducia.") == []


def test_what_follows_a_contrast_weighs_more_than_what_came_before():
    (before, after) = polar("È onesto, ma incompetente.")
    assert before == ("onesto", 0.49) and after == ("incompetente", -1.0)


def test_a_request_or_a_hedge_is_marked_and_a_hedge_weakens():
    doc = doc_of("Se Bianchi ha mentito, deve dimettersi.")
    lying, resigning = evaluations(doc, 0, len(doc.tokens), lexicon_of(doc.lang))
    assert lying.hedged and lying.score == pytest.approx(-0.8 * 0.6)
    assert resigning.request


def test_the_clause_tells_subject_from_object():
    doc = doc_of("Bianchi è un bugiardo. Critico duramente Verdi.")
    lexicon = lexicon_of(doc.lang)
    liar, criticism = evaluations(doc, 0, len(doc.tokens), lexicon)
    bianchi, verdi = doc.mentions
    assert relation(doc, liar, bianchi, lexicon) == "subject"
    assert relation(doc, criticism, verdi, lexicon) in ("object", "clause")


def test_a_clause_after_a_coordinator_goes_on_with_the_subject_before():
    doc = doc_of("Bianchi è bravo, ma ha sbagliato tutto.")
    lexicon = lexicon_of(doc.lang)
    _, mistake = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert relation(doc, mistake, doc.mentions[0], lexicon) == "subject"


def test_an_apposition_between_commas_leaves_the_name_before_it_the_subject_but_a_list_or_a_relative_does_not():
    def reach(text: str, name: str) -> str:
        doc = doc_of(text)
        lexicon = lexicon_of(doc.lang)
        (lie,) = evaluations(doc, 0, len(doc.tokens), lexicon)
        return relation(doc, lie, next(m for m in doc.mentions if m.text == name), lexicon)
    assert reach("Mario Rossi, il sindaco di Monteverde, ha mentito.", "Mario Rossi") == "subject"
    assert reach("Mario Rossi, il sindaco di Monteverde, ha mentito.", "Monteverde") == "sentence"
    assert reach("Mario Rossi, che conosce Luca Bianchi, ha mentito.", "Mario Rossi") == "sentence"
    assert reach("O Mario Rossi, o Luca Bianchi, hanno mentito.", "Mario Rossi") == "sentence"


def test_a_name_after_a_locative_preposition_is_no_subject():
    doc = doc_of("In Francia il governo ha sbagliato.")
    lexicon = lexicon_of(doc.lang)
    (mistake,) = evaluations(doc, 0, len(doc.tokens), lexicon)
    assert relation(doc, mistake, doc.mentions[0], lexicon) != "subject"


def test_the_words_and_the_models_share_the_decision():
    assert stance_of(0.7, 0.1, 0.5, 0.5) == "support" and stance_of(0.2, 0.3, 0.5, 0.5) == "neutral"
    assert stance_of(0.6, 0.55, 0.5, 0.6) == "support"  # oppose below its threshold
    assert decide(0.9, 0.0, -0.4, 0.5, 0.5) == ("oppose", -0.9)  # clear words decide
    assert decide(0.55, 0.1, -0.1, 0.5, 0.5)[0] == "oppose"  # the models say it takes a side, the words which one
    assert decide(0.45, 0.1, 0.0, 0.3, 0.5)[0] == "neutral"  # no words, and a model not sure enough
    assert decide(0.55, 0.1, 0.0, 0.5, 0.5)[0] == "support"  # no words, a model that bets on a side
    assert decide(0.8, 0.1, 0.0, 0.5, 0.5) == ("support", 0.7)
    assert decide(0.3, 0.2, 0.06, 0.5, 0.5) == ("neutral", 0.0)  # faint words, models unsure
    assert decide(0.3, 0.2, 0.15, 0.5, 0.5)[0] == "support"  # a judgement reaching the candidate decides
    assert kept(0.5, {"rule_score": 0.0, "in_quote": 1.0}, 0.5) and kept(0.1, {"rule_score": -0.4}, 0.5)  # the
    # classifier, or clear words
    assert not kept(0.49, {"rule_score": 0.39}, 0.5)
    named = {"in_quote": 1.0, "in_kb": 1.0}
    assert kept(0.1, {"rule_score": 0.15, **named}, 0.5)  # praise of a known entity the quote names
    assert not kept(0.1, {"rule_score": -0.15, **named}, 0.5)  # faint criticism often describes events
    assert not kept(0.1, {"rule_score": 0.15, "in_quote": 1.0}, 0.5)  # praise of a name the KB does not know
    assert kept(0.1, {"rule_score": -0.15, "predicated": -0.2}, 0.5)  # "X è un ostacolo": said of X itself
    # what the classifier all but rules out (a place read as a person, a verb read as a name) the words do not keep
    assert not kept(0.05, {"rule_score": -0.9}, 0.5) and not kept(0.05, {"rule_score": 0.3, **named}, 0.5)


def test_one_named_only_outside_the_quote_is_a_target_only_if_the_statement_reaches_them():
    assert not kept(0.9, {"rule_score": 0.0, "in_frame": 1.0, "addressed": 1.0}, 0.5)  # `dopo l'incontro con X, …`
    assert kept(0.9, {"rule_score": 0.0, "in_frame": 1.0, "cue_object": 1.0}, 0.5)  # `ha accusato X di «…»`
    assert kept(0.9, {"rule_score": 0.0, "in_frame": 1.0, "pointer_third": 1.0}, 0.5)  # `«lo ha tradito»`
    assert kept(0.9, {"rule_score": -0.3, "in_frame": 1.0}, 0.5)  # `ha attaccato X, dicendo che …`



class _Always:
    """A stand-in model that gives every row one probability."""

    def __init__(self, probability: float, threshold: float = 0.5):
        self.probability, self.threshold = probability, threshold

    def scores(self, rows):
        return [self.probability] * len(rows)


def test_the_speakers_own_side_is_a_target_only_where_the_statement_evaluates_it():
    keep_all = StanceModels(_Always(0.9), _Always(0.0), _Always(0.0))
    text = "«L'Italia e la Francia parteciperanno al vertice», ha detto Giorgia Meloni. «L'Italia ha fatto un ottimo lavoro», ha aggiunto."
    doc = doc_of(text)
    found = {s.quote: {t.entity: t.stance for t in s.targets} for s in annotate(doc, extract_statements(doc), keep_all)}
    assert found == {"L'Italia e la Francia parteciperanno al vertice": {"Francia": "neutral"},
                     "L'Italia ha fatto un ottimo lavoro": {"Italia": "support"}}
    # an accusing cue is about its object: a model that opposes everything does not turn it against the speaker's side
    oppose_all = StanceModels(_Always(0.9), _Always(0.0), _Always(0.9))
    for text in (("Giorgia Meloni ha criticato Emmanuel Macron, accusandolo di voler cancellare l'accordo firmato con "
                  "l'Italia."),  # a word of sentiment ("cancellare") judges nobody
                 ("Donald Trump ha criticato Emmanuel Macron, accusandolo di voler rinegoziare l'intesa raggiunta con "
                  "Washington.")):  # the cue's polarity reaches what comes after "con", but it is about Macron
        doc = doc_of(text)
        found = [{t.entity: t.stance for t in s.targets} for s in annotate(doc, extract_statements(doc), oppose_all)]
        assert found == [{"Emmanuel Macron": "oppose"}]

def test_a_side_the_speakers_description_names_or_a_government_named_after_them_is_their_own_side():
    keep_all = StanceModels(_Always(0.9), _Always(0.0), _Always(0.0))
    for text, expected in (
            # the speaker speaks from within the country their description names by its adjective
            ("«La Germania e la Francia hanno firmato l'accordo», ha detto un portavoce della polizia francese.",
             {"Germania": "neutral"}),
            # the head of government's own government, named after them
            ("«Il governo ha approvato il decreto sulle scuole», ha detto Giorgia Meloni.", {})):
        doc = doc_of(text)
        found = [{t.entity: t.stance for t in s.targets} for s in annotate(doc, extract_statements(doc), keep_all)]
        assert found == [expected]
    # an organisation the knowledge base does not know, named in the description: its own; a person is not
    view = ArticleView(doc_of("Lo hanno riferito fonti della polizia di Borgoverde."), lexicon_of(get_language("it")))
    assert view.on_speaker_side(Candidate("Polizia di Borgoverde", "organisation"), "fonti della polizia di Borgoverde")
    assert not view.on_speaker_side(Candidate("Anna Neri", "person"), "sorella di Anna Neri")
    assert not view.on_speaker_side(Candidate("Polizia di Borgoverde", "organisation"), "Anna Neri")


# -- the lexicon --------------------------------------------------------------------------------------------------
def test_judgement_words_override_sentix_and_reporting_verbs_bring_their_polarity():
    lexicon = lexicon_of(get_language("it"))
    assert lexicon.prior("difendere") == (0.5, True)  # Sentix reads it as military defence
    assert lexicon.prior("dovere") == (0.0, True)  # a modal verb evaluates nobody
    assert lexicon.prior("accusare")[0] < 0 and lexicon.prior("dire") == (0.0, True)
    # the vocabulary of accusation, where Sentix lacks it or reads it with the wrong sign
    assert all(lexicon.prior(w)[0] < 0 and lexicon.prior(w)[1] for w in ("demagogia", "strumentalizzare", "deluso",
                                                                          "eversivo", "deplorevole"))



def test_praise_agreement_and_honour_support_and_accusation_ridicule_and_lies_oppose():
    assert polar("Un plauso al sindaco per la sua lungimiranza.") == [("plauso", 0.7), ("lungimiranza", 0.7)]
    assert polar("Sono d'accordo con la giunta.") == [("Sono d'accordo", 0.5)]
    assert polar("Non sono d'accordo con la giunta.") == [("Non sono d'accordo", -0.4)]
    assert polar("Voglio rendere onore al sindaco.") == [("rendere onore", 0.6)]
    assert polar("La giunta ha mostrato un immobilismo inqualificabile.") == [("immobilismo", -0.6),
                                                                              ("inqualificabile", -0.8)]
    assert polar("Il sindaco ha detto il falso.") == [("detto il falso", -0.8)]
    assert polar("Il sindaco deve farsi da parte.") == [("farsi da parte", -0.5)]
    assert polar("Parla per livore.") == [("livore", -0.7)]
    assert polar("Il sindaco è estraneo ai fatti.") == [("estraneo ai fatti", 0.5)]
    assert polar("Vende illusioni agli elettori.") == [("Vende illusioni", -0.6)]
    assert polar("Ha senso del dovere.") == [("senso del dovere", 0.5)]
    assert polar("È stato quel bastardo.") == [("bastardo", -0.9)]
    assert polar("Il ministro ha cambiato bandiera.") == [("cambiato bandiera", -0.6)]
    assert polar("Un pilota talentuoso.") == [("talentuoso", 0.6)]
    assert polar("Era affetto da una grave infezione.") == [("grave", -0.4)]  # "affetto da": ill, not loved
    lexicon = lexicon_of(get_language("it"))  # Sentix reads these with the wrong sign
    assert all(lexicon.prior(w)[0] < 0 for w in ("arbitrario", "indecente", "inopportuno", "buffonata", "deficiente",
                                                 "scemo"))
    assert lexicon.prior("riconoscenza")[0] > 0


@pytest.mark.parametrize("quote, side", [
    ("Stiamo dalla parte di Marco Ferri", 1),  # the phrase opens with a joined preposition the engines read as `da`
    ("Onore a Marco Ferri", 1),
    ("Marco Ferri è il nostro candidato", 1),
    ("Marco Ferri ha nascosto la verità", -1),
])
def test_siding_honour_and_endorsement_support_and_hiding_the_truth_opposes(quote, side):
    score = said_rule(quote)
    assert score > 0.1 if side > 0 else score < -0.1


def test_a_phrase_of_a_joined_preposition_is_not_read_in_its_plain_form():
    assert said_rule("Ho ricevuto critiche da parte di Marco Ferri") > -0.1  # `da parte di`: an agent, not a side


def test_acting_against_the_law_or_setting_a_bad_example_opposes_and_a_death_is_no_fault():
    assert polar("Mario Rossi gestisce illegalmente il negozio.") == [("illegalmente", -0.7)]
    assert polar("Anna Neri ha agito vergognosamente.") == [("vergognosamente", -0.8)]  # Sentix: positive
    assert polar("Il sindaco è un cattivo esempio per i ragazzi.") == [("cattivo esempio", -0.6)]
    assert polar("Il sindaco è stato definito mentalmente minorato.") == [("minorato", -0.7)]
    assert polar("Il comune deve onorare gli impegni presi.") == []  # paying one's debts praises nobody
    assert polar("Tutti ricordano il pittore scomparso e la scomparsa di suo fratello.") == []

def test_an_absolute_superlative_weighs_as_the_adjective_it_intensifies():
    # taggers leave many superlatives as their own lemma (`bravissimi`, `gravissima`), which no lexicon lists
    assert said_rule("Luca Bianchi è stato onestissimo") == said_rule("Luca Bianchi è stato onesto") > 0
    assert said_rule("I francesi sono stati bravissimi") > 0
    lexicon = lexicon_of(get_language("it"))
    assert [lexicon.intensified(w) for w in ("bravissimi", "incoerentissima", "vigliacchissimo", "tavolo")] == [
        "bravissimo", "incoerente", "vigliacco", "tavolo"]



def test_a_form_a_tagger_left_as_its_own_lemma_weighs_as_the_word_it_is_a_form_of():
    # Stanza leaves forms it does not know as their own lemma (`provocatoria`, `elogia` read as nouns)
    def polar_as_forms(text: str) -> list[tuple[str, float]]:
        doc = doc_of(text)
        doc = replace(doc, tokens=tuple(t._replace(lemma=t.lower) for t in doc.tokens))
        return [(doc.span_text(e.first, e.last), round(e.score, 2))
                for e in evaluations(doc, 0, len(doc.tokens), lexicon_of(doc.lang))]

    assert polar_as_forms("Una proposta provocatoria.") == polar("Una proposta provocatoria.") == [
        ("provocatoria", -0.4)]
    assert polar_as_forms("Anna Neri elogia il sindaco.") == [("elogia", 0.8)]
    assert lexicon_of(get_language("it")).intensified("critiche") == "critica"

def test_stance_reads_each_word_by_its_lemma_out_of_context_whatever_the_engine_read_in_context():
    # a tagger reads `difesa` as the noun, `preoccupati` as a form of `preoccupare` (no prior), `attesa` as the noun
    # (Sentix: positive); the lexicon's priors and the rules were set on the dictionary's reading, which both engines keep
    def polar_with(text: str, lemmas: dict[str, str]) -> list[tuple[str, float]]:
        doc = doc_of(text)
        doc = replace(doc, tokens=tuple(t._replace(lemma=lemmas.get(t.lower, t.lemma)) for t in doc.tokens))
        return [(doc.span_text(e.evidence_first, e.last), round(e.score, 2))
                for e in evaluations(doc, 0, len(doc.tokens), lexicon_of(doc.lang))]

    worried = "I sindacati sono molto preoccupati per la scelta del governo."
    assert polar_with(worried, {"preoccupati": "preoccupare"}) == polar(worried) != []
    defence = "Il ministro ha preso la difesa dei lavoratori."
    assert polar_with(defence, {"difesa": "difesa"}) == polar(defence) != []
    assert polar_with("Siamo in attesa della decisione.", {"attesa": "attesa"}) == polar(
        "Siamo in attesa della decisione.") == []


def test_a_noun_of_criticism_weighs_what_its_verb_weighs():
    # one tagger reads `la critica di X` as the noun, another as the verb `criticare`: the stance must not depend on it
    judgements = lexicon_of(get_language("it")).judgements
    for noun, verb in (("critica", "criticare"), ("accusa", "accusare"), ("attacco", "attaccare"),
                       ("condanna", "condannare"), ("minaccia", "minacciare")):
        assert judgements[noun] == judgements[verb], noun


@pytest.mark.shared
def test_the_shipped_polarities_are_what_sentix_gives(shared_dir):
    sentix = shared_dir / "lexicons" / "sentix" / "sentix_v3.1.1.csv"
    if not sentix.exists():
        pytest.fail(f"Sentix not found at {sentix}")
    lang = get_language("it")
    rows = derive_polarity(sentix, lang)
    assert dict(rows) == lexicon_of(lang).polarity


# -- the seeds, and training --------------------------------------------------------------------------------------
# Rogozin's «… l'Unione Europea, ritenuta la vera artefice del sostegno occidentale a Kiev» is the one seed statement
# the stance stage gets wrong on both engines (neutral toward both): blame carried by "vera artefice" and the opposition
# to the one a condemned act supports are beyond what the words and the models read. Trump's «… stiamo facendo molti
# progressi sull'Ucraina e la Russia» (neutral in the gold) is a borderline case a retrained model may tip to support.
# On the Stanza engine the retrained support model also reads Putin's comparison of two countries' mineral reserves
# as weak support (score under 0.1) for the country compared against: a comparison is not an evaluation, and the
# features do not yet say "this counterpart only appears after «rispetto a»".
KNOWN_MISSES = {"Mosca dovrebbe dialogare direttamente con"}
BORDERLINE = {"Senza un’intesa metto i dazi, stiamo face"}
BORDERLINE_STANZA = BORDERLINE | {"la Russia possiede riserve di minerali ra"}


def seed_stances_wrong(seeds_dir, engine) -> set[str]:
    """The required seed statements with a wrong stance, on the seeds' own statements (stance alone: extraction has
    tests of its own)."""
    from quotetrack.train import gold_statements, load_annotated

    wrong = set()
    for item in load_annotated(seeds_dir / "expected.jsonl", seeds_dir, engine):
        records = [r for r in item.gold if r["quote"] in item.doc.text]
        for record, s in zip(records, annotate(item.doc, gold_statements(item))):
            got = {t.entity: t.stance for t in s.targets}
            if not record.get("optional") and any(got.get(t["entity"]) != t["stance"] for t in record["targets"]):
                wrong.add(record["quote"][:41])
    return wrong


@pytest.mark.shared
def test_every_stance_of_the_seeds_but_one_is_right(seeds_dir):
    assert KNOWN_MISSES <= seed_stances_wrong(seeds_dir, None) <= KNOWN_MISSES | BORDERLINE


@pytest.mark.shared
@pytest.mark.stanza
def test_every_stance_of_the_seeds_but_one_is_right_with_stanza(seeds_dir, stanza_models_dir):
    from quotetrack.analysis import get_engine

    wrong = seed_stances_wrong(seeds_dir, get_engine("stanza", str(stanza_models_dir)))
    assert KNOWN_MISSES <= wrong <= KNOWN_MISSES | BORDERLINE_STANZA


@pytest.mark.shared
def test_training_on_a_few_gold_articles_is_deterministic(wikinews_dir, tmp_path):
    from quotetrack.train import load_annotated, train_stance

    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("001", "002", "003", "004", "005", "006", "007", "008"):
        (gold / f"{name}.jsonl").write_text((wikinews_dir / "gold-dev" / f"{name}.jsonl").read_text(encoding="utf-8"))
    items = load_annotated(gold, wikinews_dir)
    first, second = train_stance(items), train_stance(items)
    for name in ("targets", "support", "oppose"):
        assert getattr(first, name).to_json() == getattr(second, name).to_json()
    written = first.save(tmp_path / "models")
    assert sorted(p.name for p in written) == ["stance_oppose.json", "stance_support.json", "stance_targets.json"]
    assert json.loads(written[0].read_text())["format"] == "quotetrack-model/1"


@pytest.mark.shared
def test_too_few_gold_pairs_is_a_clear_error(seeds_dir):
    from quotetrack.train import load_annotated, train_stance

    (item, *_) = load_annotated(seeds_dir / "expected.jsonl", seeds_dir)
    item.gold = item.gold[:2]
    with pytest.raises(ValueError, match="too few annotated articles to train the stance models"):
        train_stance([item])


def test_the_shipped_models_load_for_both_engines():
    for engine in ("builtin", "stanza"):
        models = StanceModels.shipped(engine)
        assert "rule_score" in models.support.features and 0 < models.targets.threshold < 1


@pytest.mark.shared
@pytest.mark.stanza
def test_a_cue_the_parser_misreads_keeps_the_lexicons_polarity(stanza_models_dir):
    """Stanza may read a reporting verb as a noun (`X attacca Y: «…»`, lemma `attacca`); the cue's polarity then
    comes from the lexicon's reading of the form, so the attacked one is still opposed."""
    from quotetrack.analysis import get_engine
    from quotetrack.train import Annotated, gold_statements

    engine = get_engine("stanza", str(stanza_models_dir))
    doc = analyse(Article("x", "Rossi attacca Luca Bianchi: «Non si ritiri dall'accordo».", published=DAY), engine)
    assert doc.tokens[1].lemma == "attacca"  # the misreading this test is about
    said = {"article": "x", "quote": "Non si ritiri dall'accordo", "kind": "direct", "speaker": "Rossi",
            "speaker_mention": "Rossi", "cue": "attacca", "targets": []}
    (statement,) = annotate(doc, gold_statements(Annotated(doc, [said])))
    assert {t.entity: t.stance for t in statement.targets}.get("Luca Bianchi") == "oppose"


def test_a_speaker_who_is_persuaded_asks_nothing_so_praise_still_counts():
    # "convincere" asks someone something; "essere convinto" is the speaker's belief, no request that would void
    # the good words said of Rossi
    text = "Il ministro Ugo Testa ha ribadito di essere convinto che «Marco Rossi manterrà la parola data»."
    doc = doc_of(text)
    statements = extract_statements(doc)
    pairs = [p for p in read_pairs(doc, statements) if p.candidate.name == "Marco Rossi"]
    assert pairs and not pairs[0].features.get("cue_request") and pairs[0].rule_score > 0


def test_a_judgement_word_that_heads_an_institutions_phrase_judges_whom_it_names():
    def rules(quote: str) -> dict[str, float]:
        text = f"Il ministro Anna Neri ha detto: «{quote}»."
        pairs = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        return {pair.candidate.name: pair.rule_score for pair in pairs}

    assert rules("Il regime di Luca Bianchi ha usato la forza")["Luca Bianchi"] < 0
    assert rules("Ieri il regime ucraino ha firmato il documento")["Governo ucraino"] <= -0.4  # as a name's head
    assert rules("Ieri il governo ucraino ha firmato il documento")["Governo ucraino"] == 0  # a plain institution


def test_faults_of_conduct_sentix_scores_as_positive_accuse_whom_they_are_said_of():
    assert said_rule("Luca Bianchi è irrispettoso") < 0
    assert said_rule("Tutti vedono la supponenza di Luca Bianchi") < 0


def test_praise_of_worth_sentix_lacks_or_scores_as_negative_supports_whom_it_is_said_of():
    assert said_rule("Luca Bianchi è insostituibile") > 0
    assert said_rule("Luca Bianchi resta un punto di riferimento per tutti noi") > 0


def test_conduct_held_against_someone_that_sentix_lacks_or_reads_as_praise_accuses_them():
    assert said_rule("Luca Bianchi è un politico sconsiderato") < 0
    assert said_rule("Luca Bianchi ha orchestrato un depistaggio") < 0
    assert said_rule("Luca Bianchi è provocatorio") < 0
    assert said_rule("Luca Bianchi è un leader meritevole") > 0


def test_a_great_result_praises_whoever_achieved_it():
    assert said_rule("Luca Bianchi ha ottenuto un grande risultato") > 0


def test_being_told_to_wake_up_rebukes_the_one_told_and_waking_up_judges_nobody():
    def rule(text: str, quote: str) -> float:
        (pair,) = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        return pair.rule_score

    assert rule("Anna Neri ha detto a Luca Bianchi di svegliarsi.", "di svegliarsi") < 0
    assert rule("Anna Neri ha detto che Luca Bianchi si è svegliato dopo l'operazione.",
                "Luca Bianchi si è svegliato dopo l'operazione") == 0


def test_asking_someone_to_leave_the_country_opposes_them_and_not_the_country():
    text = "Anna Neri ha chiesto al presidente Luca Bianchi di lasciare il paese."
    doc = doc_of(text)
    pairs = read_pairs(doc, [statement(text, "al presidente Luca Bianchi di lasciare il paese", "Anna Neri",
                                       "ha chiesto")])
    rules = {pair.candidate.name: pair.rule_score for pair in pairs}
    assert rules["Luca Bianchi"] < 0 and abs(rules.get("Italia", 0.0)) < 0.05  # the country only where it is left
    text = "Anna Neri ha detto che Luca Bianchi ha lasciato il paese nel 2001."
    pairs = read_pairs(doc_of(text), [statement(text, "Luca Bianchi ha lasciato il paese nel 2001", "Anna Neri",
                                                "ha detto")])
    assert all(pair.rule_score == 0 for pair in pairs)  # what happened


def test_not_being_up_to_the_task_opposes_whom_it_is_said_of():
    assert said_rule("Luca Bianchi non è all'altezza del compito") < 0
    assert said_rule("Luca Bianchi è stato all'altezza della situazione") > 0


def test_one_asked_in_the_passive_to_resign_is_opposed_across_the_agent_and_an_apposition():
    def rule(quote: str) -> float:
        text = f"Anna Neri ha detto che {quote}."
        pairs = read_pairs(doc_of(text), [statement(text, quote, "Anna Neri", "ha detto che")])
        return {pair.candidate.name: pair.rule_score for pair in pairs}["Luca Bianchi"]

    assert rule("Luca Bianchi è stato invitato dal suo partito, la Lega, a dimettersi") < 0
    assert rule("Luca Bianchi, invitato da tutti a dimettersi, è rimasto al suo posto") < 0


def test_an_outcome_someone_led_to_judges_the_leader_and_not_the_one_led():
    def rules(quote: str) -> dict[str, float]:
        text = f"Anna Neri ha detto che {quote}."
        pairs = read_pairs(doc_of(text), [statement(text, quote, "Anna Neri", "ha detto che")])
        return {pair.candidate.name: pair.rule_score for pair in pairs}

    led = rules("Luca Bianchi ha portato la Lega alla rovina")
    assert led["Luca Bianchi"] < 0 and led["Lega"] > -0.1
    assert rules("Luca Bianchi ha condotto la Lega alla vittoria")["Luca Bianchi"] > 0
    assert rules("Luca Bianchi è andato alla rovina")["Luca Bianchi"] == 0  # no one led him there
    assert rules("L'incidente ha portato alla morte di Luca Bianchi")["Luca Bianchi"] > -0.1  # his fate


def test_blaming_leading_someone_to_harm_is_sympathy_for_the_one_led():
    text = "Anna Neri ha detto che portare la Lega al fallimento sarebbe un errore."
    pairs = read_pairs(doc_of(text), [statement(text, "portare la Lega al fallimento sarebbe un errore", "Anna Neri",
                                                "ha detto che")])
    assert {pair.candidate.name: pair.rule_score > 0 for pair in pairs} == {"Lega": True}


def test_blame_that_only_shares_the_sentence_does_not_decide_a_stance():
    text = "Anna Neri ha detto che dopo l'attentato criminale, Luca Bianchi era a Roma."
    pairs = read_pairs(doc_of(text), [statement(text, "dopo l'attentato criminale, Luca Bianchi era a Roma", "Anna Neri",
                                                "ha detto che")])
    assert {pair.candidate.name: -RULE_DECIDES < pair.rule_score < 0 for pair in pairs} == {"Luca Bianchi": True}


def test_da_parte_di_names_who_holds_an_attitude_as_di_does():
    def rule(quote: str) -> float:
        text = f"Anna Neri ha detto che {quote}."
        (pair,) = read_pairs(doc_of(text), [statement(text, quote, "Anna Neri", "ha detto che")])
        return pair.rule_score

    assert rule("la fiducia da parte di Luca Bianchi è finita") == pytest.approx(rule("la fiducia di Luca Bianchi è finita"))
    assert rule("la fiducia da parte di Luca Bianchi è finita") < RULE_DECIDES


def test_an_attitude_held_by_others_is_reported_not_given():
    assert polar("Il loro sostegno a Luca Bianchi durerà poco.") == []
    assert polar("Il vostro solito appoggio a Luca Bianchi.") == []
    assert polar("Il nostro sostegno a Luca Bianchi.") == [("sostegno", 0.5)]  # the speaker's own
    text = "Anna Neri ha detto: «Il loro sostegno a Luca Bianchi è una vergogna»."
    assert stances(text)["Il loro sostegno a Luca Bianchi è una vergogna"] == {"Luca Bianchi": "oppose"}


def test_a_description_that_names_no_one_judges_whom_it_is_said_of():
    assert said_rule("Luca Bianchi è un ladro") == pytest.approx(said_rule("Luca Bianchi è un bugiardo") * 0.8 / 0.9)
    assert said_rule("Luca Bianchi è un amico") > 0


def test_one_led_somewhere_in_the_passive_is_not_judged_by_where():
    text = "Anna Neri ha detto che Luca Bianchi è stato portato alla rovina."
    pairs = read_pairs(doc_of(text), [statement(text, "Luca Bianchi è stato portato alla rovina", "Anna Neri",
                                                "ha detto che")])
    assert all(pair.rule_score == 0 for pair in pairs)


def rule_scores(text: str, quote: str, cue: str) -> dict[str, float]:
    """Candidate → rule score of one statement Anna Neri makes."""
    pairs = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue=cue)])
    return {p.candidate.name: p.rule_score for p in pairs}


def test_an_accusation_of_someones_allies_reaches_the_one_they_belong_to():
    text = "Anna Neri ha accusato gli alleati di Mario Rossi di nuove spese."
    assert rule_scores(text, "gli alleati di Mario Rossi di nuove spese", "ha accusato")["Mario Rossi"] < 0


def test_praise_of_one_term_of_a_comparison_is_no_praise_of_the_other():
    text = "Anna Neri ha detto: «Luca Bianchi è più bravo di Mario Rossi»."
    scores = rule_scores(text, "Luca Bianchi è più bravo di Mario Rossi", "ha detto")
    assert scores["Luca Bianchi"] > 0 and scores.get("Mario Rossi", 0.0) <= 0


def test_respect_for_someone_is_praise_and_respect_compared_to_someone_is_a_comparison():
    assert said_rule("Ho sempre avuto rispetto per Luca Bianchi") > 0.3
    assert said_rule("Luca Bianchi non agisce nel rispetto delle regole") < -0.3
    text = "Anna Neri ha detto: «Luca Bianchi ha preso più voti rispetto a Mario Rossi, che è stato bravissimo»."
    scores = rule_scores(text, "Luca Bianchi ha preso più voti rispetto a Mario Rossi, che è stato bravissimo", "ha detto")
    assert scores.get("Mario Rossi", 0.0) == 0.0  # the term of the comparison, and "rispetto a" praises nobody


def test_being_caught_unprepared_is_blame():
    assert said_rule("Il sindaco Luca Bianchi si è fatto trovare impreparato") < -0.3


def test_a_criticism_reaches_the_one_the_quote_opens_with_past_a_title():
    text = "Anna Neri ha criticato ancora una volta il vecchio amico Mario Rossi per il voto di ieri."
    assert rule_scores(text, "Mario Rossi per il voto di ieri", "ha criticato")["Mario Rossi"] < 0


def test_names_coordinated_as_subjects_are_each_judged_as_the_subject():
    text = "Anna Neri ha detto: «Luca Bianchi, Mario Rossi e Paolo Verdi hanno mentito»."
    scores = rule_scores(text, "Luca Bianchi, Mario Rossi e Paolo Verdi hanno mentito", "ha detto")
    assert scores["Luca Bianchi"] == scores["Mario Rossi"] == scores["Paolo Verdi"] < -0.5
    text = "Anna Neri ha detto: «Mario Rossi ha parlato con Luca Bianchi e Paolo Verdi ha mentito»."
    scores = rule_scores(text, "Mario Rossi ha parlato con Luca Bianchi e Paolo Verdi ha mentito", "ha detto")
    assert scores["Mario Rossi"] > scores["Paolo Verdi"]  # a list after a verb is no subject of the next clause


def test_what_someone_made_something_judges_the_one_who_made_it():
    def rule(quote: str) -> float:
        return rule_scores(f"Anna Neri ha detto: «{quote}».", quote, "ha detto")["Luca Bianchi"]

    assert rule("Luca Bianchi ha reso il paese più sicuro") > 0.1
    assert rule("Luca Bianchi ha reso il paese meno sicuro") < -0.1
    assert rule("Luca Bianchi vuole rendere il più possibile sicura la città") > 0.1  # `il più possibile`: a degree
    assert said_rule("Luca Bianchi rende difficile il dialogo") < -0.1  # the noun after is the object, no outcome
    assert said_rule("Sono sicuro che Luca Bianchi parlerà") == 0  # sure of something: no outcome of anyone's


def test_signing_an_agreement_with_someone_supports_them():
    assert said_rule("Abbiamo firmato un accordo con Luca Bianchi") > 0.1


def test_peace_as_the_name_of_an_effort_and_solving_a_problem_judge_no_one():
    assert said_rule("Luca Bianchi partecipa alla missione di pace") == 0
    assert said_rule("Luca Bianchi deve trovare una soluzione al problema") == 0
    assert said_rule("Luca Bianchi è un problema") < 0


def test_the_agent_of_a_participle_did_it_and_holds_the_attitude_rather_than_receives_it():
    def rules(quote: str) -> dict[str, float]:
        return rule_scores(f"Anna Neri ha detto: «{quote}».", quote, "ha detto")

    assert rules("Il governo sostenuto da Mario Rossi cadrà")["Mario Rossi"] < 0.1  # Rossi supports, is not supported
    assert rules("Luca Bianchi è stato elogiato da Mario Rossi")["Mario Rossi"] < 0.2
    assert rules("Luca Bianchi è stato tradito da Mario Rossi")["Mario Rossi"] < -0.5  # the traitor


def test_a_harm_averted_speaks_for_whoever_averts_it():
    assert said_rule("Luca Bianchi ha evitato il disastro") > 0.1
    assert said_rule("Luca Bianchi vuole prevenire la violenza") > 0.1


def test_a_country_named_by_a_common_noun_is_no_candidate_but_named_it_is():
    text = ("La Francia vota. Anna Neri ha detto: «Il Paese è diviso e la Francia deve scegliere». Paolo Conti ha "
            "detto: «Il Paese è diviso».")
    doc = doc_of(text)
    view = ArticleView(doc, lexicon_of(doc.lang))
    named = statement(text, "Il Paese è diviso e la Francia deve scegliere", speaker="Anna Neri", cue="ha detto")
    (found,) = candidates(view, StatementSpan.of(doc, named))
    assert found.name == "Francia" and [m.text for m in found.quote] == ["Francia"]
    start = text.rindex("Il Paese è diviso")
    unnamed = Statement("t", "Il Paese è diviso", "direct", start, start + len("Il Paese è diviso"), speaker="Paolo Conti")
    assert candidates(view, StatementSpan.of(doc, unnamed)) == []


def test_a_word_of_authorship_judges_as_what_was_authored():
    assert polar("Luca Bianchi è responsabile del disastro.")[0] == ("responsabile", -0.7)
    assert said_rule("Luca Bianchi è l'artefice del fallimento") < -0.1  # Sentix's `artefice` is praise
    assert said_rule("Luca Bianchi è l'artefice della vittoria") > 0.1
    assert said_rule("Luca Bianchi è responsabile della sicurezza") == 0  # an office, no act judged
    quote = "Anna Neri è l'artefice del sostegno occidentale a Luca Bianchi"
    assert rule_scores(f"Il ministro Mario Rossi ha detto: «{quote}».", quote, "ha detto")["Luca Bianchi"] == 0  # hers


def test_a_condition_contrary_to_fact_turns_round_what_it_says():
    assert said_rule("Se Luca Bianchi fosse onesto si dimetterebbe") < -0.1  # he is not
    assert said_rule("Se non fosse stato per il coraggio di Luca Bianchi, sarebbe finita male") > 0.1  # thanks to him
    assert said_rule("Non so se Luca Bianchi fosse onesto") >= 0  # a question, no condition


def test_non_che_meaning_only_and_a_verb_of_ceasing_are_read_as_such():
    assert polar("Non posso che ringraziare il sindaco.") == [("ringraziare", 0.7)]  # "only thank"
    assert said_rule("Non smetterò mai di ringraziare Luca Bianchi") > 0.1  # ceasing negated: thanks go on
    assert said_rule("Luca Bianchi ha smesso di mentire") > 0  # he lies no more
    assert said_rule("Luca Bianchi non è affidabile") < -0.1


def test_the_best_one_and_acknowledging_merit_praise():
    assert said_rule("Luca Bianchi è il miglior sindaco") > 0.1
    assert said_rule("Bisogna dare atto a Luca Bianchi di aver agito con prudenza") > 0.1


def test_a_lone_common_word_written_large_is_no_candidate_but_the_article_s_fuller_name_of_it_is():
    """`la Procura`, `la Terra`: a common noun written large says which one only with what the article adds to it."""
    for opening, named in (("Anna Neri ha parlato a lungo.", ["Leonardi"]),
                           ("La Procura di Livorno indaga.", ["Procura di Livorno", "Leonardi"])):
        quote = "La Procura ha sbagliato e la Terra gira, come dice Leonardi"  # a surname, however rare, stays
        text = f"{opening} Poi Anna Neri ha detto: «{quote}»."
        doc = doc_of(text)
        s = statement(text, quote, speaker="Anna Neri", cue="ha detto")
        assert [c.name for c in candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))] == named


def test_a_lone_word_taken_for_a_person_after_a_or_in_is_a_place_and_no_candidate():
    doc = doc_of("Anna Neri è andata a Borgoverde e in Valdorsa con Luca Bianchi, poi ha scritto a Luca Bianchi.")
    view = ArticleView(doc, lexicon_of(doc.lang))
    assert {m.kind for m in doc.mentions if m.text in ("Borgoverde", "Valdorsa")} == {"person"}
    assert [m.text for m in view.targetable] == ["Anna Neri", "Luca Bianchi", "Luca Bianchi"]


def test_a_lone_given_name_is_a_candidate_however_common_the_word():
    quote, named = "Dovrebbe pensarci William, non la Procura", ["William"]
    text = f"Anna Neri ha parlato a lungo. Poi ha detto: «{quote}»."
    doc = doc_of(text)
    s = statement(text, quote, speaker="Anna Neri", cue="ha detto")
    assert [c.name for c in candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))] == named


def test_a_frequent_name_that_is_no_word_of_the_dictionary_is_a_candidate():
    """`Juventus`, `Samsung`: as frequent as common words, but no dictionary lists them; `la Procura` is one."""
    quote = "La Juventus e la Samsung hanno sbagliato, non la Procura"
    text = f"Anna Neri ha parlato a lungo. Poi ha detto: «{quote}»."
    doc = doc_of(text)
    s = statement(text, quote, speaker="Anna Neri", cue="ha detto")
    assert [c.name for c in candidates(ArticleView(doc, lexicon_of(doc.lang)), StatementSpan.of(doc, s))] == \
        ["Juventus", "Samsung"]


def test_a_quote_that_names_no_one_speaks_of_what_its_reporting_sentence_names():
    def pairs_of(text: str, quote: str) -> dict[str, float]:
        found = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        return {p.candidate.name: p.rule_score for p in found}

    quote = "È una vergogna, un comportamento indegno"
    assert pairs_of(f"Parlando di Luca Bianchi, il ministro Anna Neri ha detto: «{quote}».", quote)["Luca Bianchi"] < 0
    # a quote that names someone speaks of that one: the reporting sentence's other names are context
    quote = "Marco Ferri ha un comportamento indegno"
    assert pairs_of(f"Il giorno dopo la visita di Luca Bianchi, il ministro Anna Neri ha detto: «{quote}».",
                    quote)["Luca Bianchi"] == 0


def test_a_description_of_the_quote_the_index_resolved_to_no_one_may_stand_for_one_named_before():
    def pairs_of(text: str, quote: str) -> dict[str, float]:
        found = read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri", cue="ha detto")])
        return {p.candidate.name: p.rule_score for p in found}

    story = "Luca Bianchi ha lasciato la magistratura nel 2010."
    quote = "L'ex giudice è un uomo coraggioso e onesto"
    assert pairs_of(f"{story} «{quote}», ha detto Anna Neri.", quote)["Luca Bianchi"] > 0
    # a quote that describes no one speaks of what it names: the story before is only the story
    quote = "Marco Ferri è un uomo coraggioso e onesto"
    assert "Luca Bianchi" not in pairs_of(f"{story} «{quote}», ha detto Anna Neri.", quote)


def test_a_region_of_italy_or_a_state_of_the_united_states_is_a_place_no_counterpart():
    # GUIDELINES §5: cities and regions are never targets; the knowledge base knows them as places
    text = "«La Lombardia e il Texas hanno sbagliato tutto, come Luca Bianchi», ha detto Anna Neri."
    quote = "La Lombardia e il Texas hanno sbagliato tutto, come Luca Bianchi"
    names = {p.candidate.name for p in read_pairs(doc_of(text), [statement(text, quote, speaker="Anna Neri",
                                                                           cue="ha detto")])}
    assert names == {"Luca Bianchi"}

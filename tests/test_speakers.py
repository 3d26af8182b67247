"""Which mentions may speak a statement at all (invented sentences, built-in engine)."""
from __future__ import annotations

from quotetrack.analysis import analyse
from quotetrack.extract import read_candidates
from quotetrack.extract.speakers import MentionFacts, Spoken, speaker_options
from quotetrack.models import Article


def options(text: str, cue_kind: str) -> list[str]:
    """The names offered as the speaker of the first statement whose cue is a gerund (`gerund`) or a marker."""
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and cue_kind in (c.cue.tense, c.cue.kind))
    return [o.name for o in speaker_options(doc, candidate, [], MentionFacts(doc))]


def gerund_options(text: str) -> list[str]:
    """The names offered as the speaker of the statement a gerund reports."""
    return options(text, "gerund")


def test_the_object_a_gerund_follows_with_no_comma_never_speaks_with_no_subject_either():
    names = gerund_options("Mario Rossi ha parlato a lungo in aula. Ha però anche difeso Luca Bianchi dicendo che il "
                           "governo non cadrà.")
    assert "Mario Rossi" in names and "Luca Bianchi" not in names


def test_a_name_set_off_by_a_comma_before_a_gerund_may_speak():
    names = gerund_options("Mario Rossi ha parlato a lungo in aula. Poi ha parlato anche Luca Bianchi, dicendo che il "
                           "governo non cadrà.")
    assert "Luca Bianchi" in names


def options_in_role(text: str, cue_word: str, role: str) -> list[str]:
    """The options in `role` toward the cue whose word is `cue_word`."""
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and doc.lower[c.cue.word] == cue_word)
    return [o.name for o in speaker_options(doc, candidate, [], MentionFacts(doc)) if o.features.get(f"role={role}")]


def subjects(text: str, cue_word: str) -> list[str]:
    """The options in the subject's role toward the cue whose word is `cue_word`."""
    return options_in_role(text, cue_word, "subject")


def test_a_verb_with_no_subject_shares_the_subject_of_the_sentence_before():
    text = ("Mario Rossi è arrivato ieri a Roma insieme a Luca Bianchi e a Paolo Verdi. Ha quindi ricordato che la "
            "riforma resta guidata da lui e da Paolo Verdi.")
    assert subjects(text, "ricordato") == ["Mario Rossi"]


def test_a_verb_with_its_own_subject_keeps_it():
    text = "Mario Rossi è arrivato ieri a Roma. Luca Bianchi ha quindi ricordato che la riforma resta guidata da lui."
    assert subjects(text, "ricordato") == ["Luca Bianchi"]


def test_a_verb_with_no_subject_shares_a_subject_set_off_from_its_verb_by_an_apposition():
    text = ("La gara è stata anticipata da un incontro. Mario Rossi, medico all'ospedale di Pisa, ha spiegato che il "
            "lavoro è lungo. Ha poi aggiunto che il progetto continua.")
    assert subjects(text, "aggiunto") == ["Mario Rossi"]


def test_a_verb_with_no_subject_shares_the_subject_of_a_relative_clause_opened_by_a_preposition():
    text = ("La gara è stata anticipata da un incontro nel quale il sindaco Mario Rossi ha spiegato che il lavoro è "
            "lungo. Ha poi aggiunto che il progetto continua.")
    assert subjects(text, "aggiunto") == ["Mario Rossi"]


def test_a_name_listed_in_a_prepositional_phrase_is_no_subject_to_share():
    text = ("La gara tra le squadre guidate da Luca Bianchi e Carlo Neri è stata anticipata da un incontro. Ha poi "
            "aggiunto che il progetto continua.")
    assert "Carlo Neri" not in subjects(text, "aggiunto")



def test_a_name_apposed_to_a_prepositional_phrase_with_a_place_nested_in_it_is_not_subject_like():
    text = ("Mario Rossi ha parlato a lungo. Quanto alle accuse mosse dal sindaco di Torino, Anna Neri, ha "
            "concluso che è presto per decidere.")
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and doc.lower[c.cue.word] == "concluso")
    apposed = [o for o in speaker_options(doc, candidate, [], MentionFacts(doc)) if o.mention_text == "Anna Neri"]
    assert apposed and not any(o.features.get("subject_like") for o in apposed)


def test_a_verb_after_an_opening_prepositional_phrase_shares_the_subject_of_the_sentence_before():
    text = ("Mario Rossi ha parlato a lungo. E sulle proteste arrivate dal sindaco di Pisa, Anna Neri, ha "
            "concluso che è presto per decidere.")
    assert subjects(text, "concluso") == ["Mario Rossi"]


def test_a_title_refers_back_to_a_person_surely_named_not_to_a_capitalised_phrase_read_as_one():
    text = ("Mario Rossi non esclude la candidatura. Lo ha annunciato ieri durante una cena alla Sagra Paesana, della "
            "quale il giudice era l'ospite d'onore. Poi ha aggiunto che è presto per decidere.")
    assert subjects(text, "aggiunto") == ["Mario Rossi"]


def colon_subjects(text: str) -> list[str]:
    """The options in the subject's role toward the statement a colon attributes."""
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.attribution == "colon")
    return [o.name for o in speaker_options(doc, candidate, [], MentionFacts(doc)) if o.features.get("role=subject")]


def test_a_clause_opened_by_its_verb_before_a_colon_shares_the_subject_of_the_sentence_before():
    assert colon_subjects("Mario Rossi è arrivato ieri a Roma tra gli applausi. Ha quindi parlato a lungo della sua "
                          "amicizia con Luca Bianchi: «Ogni volta che lo vedevo era una festa».") == ["Mario Rossi"]


def test_a_name_after_its_description_in_a_prepositional_phrase_is_no_subject_of_a_colon():
    assert colon_subjects("Mario Rossi è arrivato ieri a Roma tra gli applausi. Ha poi proseguito con un ricordo del suo "
                          "amico Luca Bianchi: «Ogni volta che lo vedevo era una festa».") == ["Mario Rossi"]


def test_a_name_between_a_markers_source_and_its_statement_belongs_to_the_reported_clause_not_an_apposed_one():
    reported = options("Luca Bianchi ha parlato ieri. Secondo alcune fonti Mario Rossi aveva perso il sostegno del "
                       "partito.", "marker")
    apposed = options("Secondo il portavoce del comitato, Carlo Rota, il piano fallirà.", "marker")
    assert "fonti" in reported and "Mario Rossi" not in reported and "Carlo Rota" in apposed


def test_a_title_refers_back_to_the_person_given_it_not_to_one_given_another_title():
    text = ("L'ex presidente Mario Rossi ha incontrato ieri l'ex procuratore Luca Bianchi a Roma. L'ex capo dello Stato "
            "ha detto che il paese è in pericolo.")
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and doc.lower[c.cue.word] == "detto")
    subject = [o for o in speaker_options(doc, candidate, [], MentionFacts(doc)) if o.features.get("role=subject")]
    assert [o.name for o in subject] == ["Mario Rossi"]


def test_a_reporting_verb_right_after_words_a_colon_introduced_has_its_speaker_after_it():
    text = ("Oltre a Mario Rossi hanno commentato anche altri politici: «La pace è un valore che va difeso ogni giorno» "
            "ha dichiarato il presidente del Consiglio Luca Bianchi.")
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and c.cue.last <= c.first)
    options = speaker_options(doc, candidate, [], MentionFacts(doc))
    assert {o.name for o in options if o.features.get("role=postverbal")} == {"Luca Bianchi"}


def test_who_a_labelling_participle_is_about_never_speaks_the_label():
    text = ("Anna Neri ha parlato a lungo del governo. Infine elogia l'operato del ministro Mario Rossi definito \"uno "
            "dei migliori ministri\" del paese.")
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and c.cue.tense == "participle")
    assert "Mario Rossi" not in [o.name for o in speaker_options(doc, candidate, [], MentionFacts(doc))]


_LAST_SPEAKER = ("Alla festa del partito sono intervenuti in molti. Ha infine preso la parola Anna Neri: «Sono qui per "
                 "tutti voi», per poi ribadire che la riforma resta guidata da lei e da Marco Bianchi. ")


def subjects_after(text: str, cue_word: str, words: str, speaker: str) -> list[str]:
    """The subjects of the statement whose cue is `cue_word`, after `speaker`'s statement holding `words`."""
    doc = analyse(Article("t", text))
    candidates = read_candidates(doc)[0]
    said = next(c for c in candidates if words in doc.text[c.start:c.end])
    statement = next(c for c in candidates if c.cue is not None and doc.lower[c.cue.word] == cue_word)
    earlier = [Spoken(speaker, speaker, "person", said.start, said.end, said.first, said.last)]
    return [o.name for o in speaker_options(doc, statement, earlier, MentionFacts(doc)) if o.features.get("role=subject")]


def subjects_after_neri(text: str, cue_word: str) -> list[str]:
    """The subjects of the statement whose cue is `cue_word`, after Anna Neri's words `«Sono qui per tutti voi»`."""
    return subjects_after(text, cue_word, "tutti voi", "Anna Neri")


def test_a_verb_with_no_subject_after_a_sentence_with_none_goes_on_with_the_last_speaker_named_there():
    text = _LAST_SPEAKER + "Ha quindi ricordato che il paese è «il più centralista al mondo»."
    assert subjects_after_neri(text, "ricordato") == ["Anna Neri"]


def test_a_verb_after_a_comma_in_a_sentence_its_verb_opens_goes_on_with_the_last_speaker_too():
    text = _LAST_SPEAKER + ("Poi saluta il pubblico e, interpellata sul ruolo di Bianchi, afferma di non volere altri alla "
                            "guida.")
    assert subjects_after_neri(text, "afferma") == ["Anna Neri"]


def test_a_name_set_off_after_a_marker_s_title_and_a_city_is_the_source_not_in_the_reported_clause():
    names = options("Secondo un portavoce di Marco Rossi a Milano, Anna Neri, il piano partirà presto.", "marker")
    assert "Anna Neri" in names


def first_options(text: str) -> list[str]:
    """The names offered as the speaker of the first statement with a cue, best guesses first by the rules' order."""
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None)
    return [o.name for o in speaker_options(doc, candidate, [], MentionFacts(doc))]


def test_the_portfolio_of_a_minister_is_no_organisation_a_later_noun_refers_back_to():
    names = first_options("Mario Rossi ha ricevuto una lettera dal ministro degli Esteri. La lettera afferma che la "
                          "riforma sarà approvata entro maggio.")
    assert "Esteri" not in names


def test_a_document_as_a_markers_source_is_no_speaker():
    names = options("Mario Rossi ha presentato una proposta. Secondo il documento, le regioni che passerebbero al nuovo "
                    "stato sono cinque.", "marker")
    assert "documento" not in names and "Mario Rossi" in names


def test_a_document_naming_its_author_as_a_markers_source_gives_the_author():
    names = options("Il dibattito continua. Secondo le dichiarazioni di Mario Rossi, la legge va cambiata.", "marker")
    assert "Mario Rossi" in names


def test_a_title_after_an_adjective_as_a_markers_source_refers_back_to_the_one_named_before():
    doc = analyse(Article("t", "Anna Neri è stata rieletta ieri alla guida della regione con il 60% dei voti. Le "
                               "proteste, secondo la rieletta presidente, sono state preparate da altri partiti."))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and c.cue.kind == "marker")
    sources = [o.name for o in speaker_options(doc, candidate, [], MentionFacts(doc)) if o.features.get("role=marker")]
    assert sources == ["Anna Neri"]


def test_an_impersonal_verb_reading_a_document_gives_the_words_to_the_document_s_issuer():
    text = ("Anna Neri ha parlato a lungo con la Lega. Nella sentenza della Corte di Cassazione, si legge infatti che "
            "il ricorso era infondato.")
    assert options_in_role(text, "legge", "source") == ["Corte di Cassazione"]


def test_an_impersonal_verb_reading_a_document_gives_the_words_to_the_agent_of_its_participle():
    text = "Il governo ha deciso. Si legge in una nota diffusa dalla Regione Lazio che la decisione è definitiva."
    assert options_in_role(text, "legge", "source") == ["Regione Lazio"]
    assert options_in_role(text, "legge", "subject") == []


def test_a_verb_right_after_the_quotation_opening_its_sentence_shares_the_subject_of_the_sentence_before():
    text = ("Mario Rossi ha accolto così la lettura del verdetto dei giudici di Roma. «Non accetto questa sentenza, non "
            "sono io lo sconfitto», ha proseguito. Anna Neri, presidente della corte, non ha commentato.")
    assert subjects(text, "proseguito") == ["Mario Rossi"]


def test_a_verb_right_after_its_quotation_with_a_phrase_after_it_shares_no_subject():
    text = ("Mario Rossi è arrivato in ospedale ieri sera. «Le sue condizioni sono stabili, ma gravi», ha dichiarato lo "
            "staff medico.")
    assert subjects(text, "dichiarato") == []


def test_a_title_with_a_prepositional_complement_nothing_resolves_is_not_the_last_speaker():
    text = ("La riunione è durata tre ore. Mario Rossi ha detto che l'accordo è vicino. Gli ospiti sono poi usciti dalla "
            "sala. La pioggia è durata fino a sera. Il portavoce della società ha aggiunto che la firma arriverà a maggio.")
    names = subjects_after(text, "aggiunto", "accordo", "Mario Rossi")
    assert names and "Mario Rossi" not in names


def test_a_phrase_naming_what_was_written_is_marked_as_a_document_among_the_options():
    text = "Anna Neri ha scritto al sindaco. La lettera sostiene che il piano fallirà."
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and doc.lower[c.cue.word] == "sostiene")
    marked = {o.mention_text: o.features.get("document_head") for o in
              speaker_options(doc, candidate, [], MentionFacts(doc)) if o.mention is not None}
    assert marked.get("La lettera") == 1.0 and marked.get("Anna Neri") == 0.0


def test_a_relative_clause_after_a_name_and_its_complement_is_the_names():
    # `Carla Benetti della Croce Rossa, che ha detto`: the complement says whom she works for; she speaks
    text = "Alla riunione ha parlato anche Carla Benetti della Croce Rossa, che ha detto che i volontari sono pronti."
    assert options_in_role(text, "detto", "relative") == ["Carla Benetti"]
    text = "Il sindaco ha incontrato Marco Ferri del Partito Democratico, secondo il quale la scuola deve riaprire."
    assert options_in_role(text, "secondo", "relative") == ["Marco Ferri"]


def test_the_subject_of_a_colon_s_clause_is_the_one_after_eppure():
    # `X …, eppure Y ha una strategia: «…»`: `eppure` opens the clause the colon ends, Y introduces the words
    doc = analyse(Article("t", "Il campione sembra imbattibile, eppure Bianchi ha una strategia: «Lo batterò al quinto "
                               "round»."))
    candidate = next(c for c in read_candidates(doc)[0] if c.attribution == "colon")
    subject = [o.mention_text for o in speaker_options(doc, candidate, [], MentionFacts(doc))
               if o.features.get("role=subject")]
    assert subject == ["Bianchi"]


def test_a_title_opened_by_ormai_inside_a_prepositional_phrase_is_no_subject():
    text = ("Luca Bianchi si è dimesso. Nel messaggio spedito dall'ormai ex segretario della lista a Rossi, Bianchi "
            "spiega le sue ragioni e dice che non si è dimesso per rancore.")
    assert subjects(text, "dice") == ["Luca Bianchi"]


def test_a_verb_opening_its_sentence_goes_on_with_who_took_the_floor_before():
    # `È poi intervenuto X.`, `Ha preso la parola X.`: X, put after the verb, is the subject the next verb shares
    for turn in ("Poi ha preso la parola Mario Rossi.", "È poi intervenuto anche il ministro Mario Rossi."):
        text = f"Luca Bianchi ha parlato per primo. {turn} Ha ricordato che la riforma è sua."
        assert subjects(text, "ricordato") == ["Mario Rossi"]


def test_a_party_written_by_its_initials_in_a_description_or_a_title_is_named_in_full():
    names = options("Secondo i deputati del PdL la legge è sbagliata.", "marker")
    assert "deputati del Popolo della Libertà" in names
    names = options("Secondo il portavoce del Pd la legge è sbagliata.", "marker")
    assert "portavoce del Partito Democratico" in names


def test_an_option_the_statement_s_own_words_name_is_marked_as_whom_they_are_about():
    text = ("Luca Bianchi è stato fermato a Pisa. Anna Neri ha detto che Bianchi non ha mai avuto guai con la legge.")
    doc = analyse(Article("t", text))
    candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and doc.lower[c.cue.word] == "detto")
    about = {o.name: o.features["named_in_the_words"] for o in speaker_options(doc, candidate, [], MentionFacts(doc))}
    assert about == {"Luca Bianchi": 1.0, "Anna Neri": 0.0}


def test_a_person_named_second_in_a_pair_gives_the_statement_to_the_first_named_in_the_same_role():
    from quotetrack.extract import _first_named_of_pair

    def chosen(text: str, winner: str) -> str:
        doc = analyse(Article("t", text))
        candidate = next(c for c in read_candidates(doc)[0] if c.cue is not None and doc.lower[c.cue.word] in
                         ("dichiarato", "risposto"))
        found = speaker_options(doc, candidate, [], MentionFacts(doc))
        return found[_first_named_of_pair(doc, found, [o.name for o in found].index(winner))].name

    assert chosen("Il processo si è chiuso ieri. Marco Verdi e Luca Neri sono stati assolti. I due fratelli hanno poi "
                  "dichiarato: «Abbiamo sempre creduto nella giustizia».", "Luca Neri") == "Marco Verdi"
    # different roles: the object of one verb and the subject of the next
    assert chosen("Il sindaco Paolo Rossi ha criticato Marco Verdi e Luca Neri ha risposto che il piano è sbagliato.",
                  "Luca Neri") == "Luca Neri"


def test_a_noun_of_people_as_the_subject_names_the_person_the_article_is_about():
    text = ("Giulia Ferri ha vinto la discesa libera davanti alla svizzera Anna Keller. Dopo la gara, l'azzurra ha "
            "dichiarato che la neve era perfetta.")
    assert subjects(text, "dichiarato") == ["Giulia Ferri"]


def test_a_feminine_noun_of_people_never_names_a_man():
    text = ("Marco Galli ha presentato il rapporto insieme a Chiara Conti. Poi la relatrice ha spiegato che i "
            "conti tornano.")
    assert subjects(text, "spiegato") == ["Chiara Conti"]


def test_a_noun_of_things_as_the_subject_names_no_one():
    text = "Giulia Ferri ha presentato il progetto a Torino. La scena ha confermato che il pubblico era contento."
    assert "Giulia Ferri" not in subjects(text, "confermato")


def test_nouns_of_people_have_a_form_of_each_gender_or_an_ending_of_both():
    from quotetrack.extract.speakers import _person_noun
    from quotetrack.lang import get

    lang = get()
    assert all(_person_noun(lang, w) for w in ("teologo", "relatrice", "campione", "giornalista", "ventenne"))
    assert not any(_person_noun(lang, w) for w in ("scena", "ricerca", "accordo", "motivazione", "statua"))


def test_an_organisation_written_by_the_initials_the_article_gave_it_is_named_in_full_in_a_description():
    text = ("Lo studio è della Società italiana di ornitologia (Sio). Secondo il portavoce della Sio le rondini "
            "tornano prima.")
    assert "portavoce della Società italiana di ornitologia" in options(text, "marker")
    # the articulated preposition before initials is elided before the vowel of the name they stand for
    text = ("Lo studio è dell'Agenzia per le acque (Apa). Secondo il portavoce della Apa le falde sono basse.")
    assert "portavoce dell'Agenzia per le acque" in options(text, "marker")


def test_a_da_phrase_opening_the_clause_of_a_plural_reporting_verb_is_its_source():
    """`Dal ministero fanno sapere che …` names the ministry as `fanno sapere dal ministero` does; the bishop of the
    sentence before is no subject of the plural verb."""
    text = ("Il vescovo Mario Rossi ha detto che serve dialogo. Dal Ministero della Salute fanno sapere che il piano "
            "è pronto.")
    assert options_in_role(text, "fanno", "source") == ["Ministero della Salute"]


def test_a_da_phrase_before_a_singular_verb_is_no_source():
    """`Da Roma il sindaco ha detto che …`: a place or a phrase before a verb with a subject of its own stays one."""
    text = "Da Bologna il sindaco Mario Rossi ha detto che il piano è pronto."
    assert options_in_role(text, "detto", "source") == []

"""How descriptive speakers get their canonical form: the people they name, the fuller description they stand for
(invented sentences)."""
from __future__ import annotations

from quotetrack.analysis import analyse
from quotetrack.models import Article


def names(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.name) for m in analyse(Article(id="x", text=text)).mentions]


def test_a_person_in_a_description_s_complement_is_named_in_full_after_a_bare_di():
    found = names("L'avvocato Mario Rossi ha parlato. Secondo i legali di Rossi, il processo è nullo.")
    assert ("i legali di Rossi", "legali di Mario Rossi") in found


def test_a_description_without_a_person_keeps_its_words():
    found = names("Secondo le testimonianze raccolte, il ponte era chiuso. Secondo i legali della società il "
                  "contratto è nullo.")
    assert ("i legali della società", "legali della società") in found


def test_a_singular_possessive_makes_a_description_of_the_person_named_last():
    found = names("Mario Rossi è stato arrestato ieri. Secondo i suoi amici, era innocente.")
    assert ("i suoi amici", "amici di Mario Rossi") in found


def test_a_bare_definite_description_is_the_group_the_paragraph_describes_fully_next():
    found = names("Gli investigatori hanno detto che il caso è chiuso. Gli investigatori del reparto speciale "
                  "hanno sentito i testimoni.")
    assert found[0] == ("Gli investigatori", "investigatori del reparto speciale")


def test_a_later_full_description_in_another_paragraph_is_not_taken():
    found = names("Gli investigatori hanno detto che il caso è chiuso.\n\nGli investigatori del reparto speciale "
                  "hanno sentito i testimoni.")
    assert found[0] == ("Gli investigatori", "investigatori")


def test_a_relative_or_partner_defined_by_a_person_is_a_speaker_in_their_own_right():
    found = names("Lo zio del ragazzo ha detto che era felice. Il convivente di Anna Neri ha detto che era a casa.")
    assert ("Il convivente di Anna Neri", "convivente di Anna Neri") in found
    assert ("Lo zio del ragazzo", "zio del ragazzo") in found


def test_a_hyphenated_modifier_keeps_the_complement_that_names_the_judges_institution():
    found = names("Secondo i giudici della sezione seconda-bis della Corte dei conti, il bilancio è in ordine. I "
                  "giudici hanno detto che il comune ha sbagliato.")
    assert found[0] == ("i giudici della sezione seconda-bis della Corte dei conti", "Corte dei conti")
    assert ("I giudici", "Corte dei conti") in found


def test_a_bare_relative_is_somebody_s_not_the_person_named_before():
    found = names("Mario Rossi è stato arrestato ieri. La fidanzata ha detto che è innocente.")
    assert ("La fidanzata", "fidanzata") in found


def test_a_former_partner_keeps_ex_in_the_description():
    found = names("Anna Neri è stata arrestata ieri. L'ex fidanzato di Anna Neri ha detto che era violenta.")
    assert ("L'ex fidanzato di Anna Neri", "ex fidanzato di Anna Neri") in found


def test_a_full_name_after_an_articulated_preposition_is_no_person_of_the_description():
    found = names("Mario Rossi ha parlato. Secondo i tifosi del Mario Rossi Stadium la partita era truccata.")
    assert ("i tifosi del Mario Rossi Stadium", "tifosi del Mario Rossi Stadium") in found


def test_a_possessive_before_a_source_s_words_leaves_them_words():
    found = names("Mario Rossi ha parlato ai giornalisti. Secondo la sua testimonianza, il ponte era chiuso.")
    assert not any(name and "Rossi" in name for text, name in found if "testimonianza" in text)


def test_a_bare_person_noun_points_back_to_the_relative_just_described_not_to_the_person_in_the_description():
    found = names("Anna Neri è scomparsa. Il convivente di Anna, interrogato dalla polizia, ha confessato. L'uomo ha "
                  "detto che era gelosa.")
    assert ("L'uomo", "convivente di Anna Neri") in found


def test_a_participle_s_complement_belongs_to_the_description_a_verb_follows():
    found = names("Secondo le persone presenti in piazza si sono sentiti due spari. Uno studente intervistato "
                  "dalla radio locale ha detto che l'attacco è durato molto.")
    assert ("le persone presenti in piazza", "persone presenti in piazza") in found
    assert ("Uno studente intervistato dalla radio locale", "studente intervistato dalla radio locale") in found


def test_a_phrase_ending_in_a_relative_pronoun_is_no_speaker_s_description():
    found = names("Tre case in cui abitano molte famiglie sono crollate ieri.")
    assert not any(text.startswith("Tre case") for text, name in found)


def test_an_organisation_after_secondo_does_not_become_a_description_with_a_complement():
    found = names("Secondo l'agenzia svedese sulla sicurezza nucleare sono stati visti tre guasti.")
    assert found[0] == ("l'agenzia svedese", "agenzia svedese")


def test_weather_forecasters_hikers_and_political_camps_are_anonymous_speakers():
    found = names("Secondo i meteorologi la tempesta è forte. Un escursionista ha detto che il sentiero era chiuso. Il "
                  "centrodestra accusa il centrosinistra di aver mentito.")
    assert [name for text, name in found] == ["meteorologi", "escursionista", "centrodestra", "centrosinistra"]


def test_a_collective_does_not_point_back_to_the_person_named_before():
    found = names("Mario Rossi ha presentato la legge. Il centrosinistra ha detto che è sbagliata.")
    assert ("Il centrosinistra", "centrosinistra") in found


def test_an_infinitive_after_per_is_a_clause_not_a_complement_of_the_description():
    found = names("I residenti della zona per ottenere i fondi hanno scritto al ministero.")
    assert found[0] == ("I residenti della zona", "residenti della zona")


def test_a_relative_of_someone_named_by_a_plain_noun_is_the_relative_of_the_person_named_last():
    found = names("Mario Rossi è morto ieri. Lo zio del ragazzo ha detto che era felice.")
    assert ("Lo zio del ragazzo", "zio di Mario Rossi") in found


def test_a_relative_of_someone_named_by_a_role_is_the_relative_of_the_person_given_that_role():
    found = names("L'ammiraglio Ugo Neri ha parlato. Anna Bianchi ha risposto. La famiglia dell'ammiraglio ha detto "
                  "che è triste. La vedova del poliziotto ha parlato.")
    assert ("La famiglia dell'ammiraglio", "famiglia di Ugo Neri") in found
    assert ("La vedova del poliziotto", "vedova del poliziotto") in found


def test_the_words_of_someone_unnamed_after_a_bare_di_are_theirs():
    found = names("Secondo le dichiarazioni di alcuni residenti, gli agenti hanno colpito Mario Rossi. Secondo il "
                  "racconto di un passante, il furgone era rosso.")
    assert ("le dichiarazioni di alcuni residenti", "residenti") in found
    assert ("il racconto di un passante", "passante") in found


def test_a_number_after_an_articulated_di_completes_the_description():
    found = names("Secondo il racconto del personale del 118, l'uomo era ferito. I vigili del 115 hanno detto che il "
                  "fuoco è spento.")
    assert ("il racconto del personale del 118", "personale del 118") in found
    assert ("I vigili del 115", "vigili del 115") in found
    assert ("la lettera", "lettera") in names("Secondo la lettera del 1990, il piano era pronto.")


def test_a_title_coordinated_with_a_bare_noun_before_a_name_is_that_person_s():
    found = names("Lo scrittore e regista Mario Rossi ha detto che il film è pronto. Il figlio dell'attore e regista "
                  "Ugo Neri ha parlato.")
    assert ("Lo scrittore", "Mario Rossi") in found
    assert ("Il figlio dell'attore", "Ugo Neri") not in found


def test_a_country_s_institution_closing_a_description_takes_the_country_s_adjective():
    found = names("A Lisbona la Polonia e il presidente polacco hanno firmato l'accordo con la Polonia. Fonti della "
                  "polizia hanno detto che i varsaviani sono felici.")
    assert ("Fonti della polizia", "fonti della polizia polacca") in found


def test_an_institution_of_the_home_country_stays_as_written():
    found = names("Fonti della polizia hanno detto che a Roma il traffico è bloccato.")
    assert ("Fonti della polizia", "fonti della polizia") in found


def test_a_description_whose_relative_clause_names_the_person_before_is_somebody_else():
    found = names("Mario Rossi è stato ricoverato ieri. L'infermiere che ha accompagnato Mario Rossi in ospedale ha "
                  "detto che era grave.")
    assert ("L'infermiere", "Mario Rossi") not in found


def test_a_participle_or_prenominal_word_whose_own_complement_the_description_leaves_out_ends_outside_it():
    found = names("Secondo una notizia proveniente dalla capitale, il ponte sarà chiuso. Anna Neri ha visto la "
                  "ragazza prima di partire. La ragazza ha detto che tornerà.")
    assert ("una notizia", "notizia") in found and ("La ragazza", "ragazza") in found
    assert not any(name and name.endswith(("proveniente", "prima")) for _, name in found)
    kept = [text for text, _ in names("Lo ha confermato uno scrittore vietnamita in visita a Roma.")]
    assert "uno scrittore vietnamita" in kept  # a nationality, no participle


def test_a_bare_number_after_a_source_s_noun_stands_for_the_people_an_earlier_phrase_counts_with_it():
    found = names("Sono stati fermati i due ragazzi che guidavano il furgone. Secondo la testimonianza dei due, il "
                  "furgone era rubato.")
    assert ("la testimonianza dei due", "ragazzi") in found


def test_the_word_after_an_adjective_that_stands_before_its_noun_ends_a_description_s_complement():
    found = names("Alcuni sostenitori della nuova proposta si sono detti contrari. Secondo i promotori dell'ultima "
                  "protesta, il voto slitterà.")
    assert ("Alcuni sostenitori della nuova proposta", "sostenitori della nuova proposta") in found
    assert not any(name and name.endswith(("nuova", "ultima")) for _, name in found)


def test_a_complement_cut_off_by_the_end_of_the_text_ends_the_description():
    assert names("Lo ha detto il portavoce del") == [("il portavoce", None)]  # as before the rules of the last `di`


def test_a_text_that_ends_on_an_indefinite_opener_and_its_preposition_reads_no_description():
    assert ("Uno degli", None) not in names("Il sindaco ha parlato a lungo. Uno degli")  # it raised IndexError


def test_a_bare_description_of_a_place_s_staff_is_the_staff_of_the_one_such_place_the_article_names():
    found = names("Un ciclista è stato portato all'ospedale di Sondrio. I medici hanno detto che è grave. Gli "
                  "inquirenti hanno sentito i testimoni, come ha spiegato la procura di Lecco.")
    assert ("I medici", "medici dell'ospedale di Sondrio") in found
    assert ("Gli inquirenti", "inquirenti della procura di Lecco") in found


def test_staff_stay_as_written_when_the_article_names_two_such_places_or_none():
    found = names("Un ciclista è stato portato all'ospedale di Sondrio, poi all'ospedale di Lecco. I medici hanno "
                  "detto che è grave. Gli inquirenti hanno sentito i testimoni.")
    assert ("I medici", "medici") in found
    assert ("Gli inquirenti", "inquirenti") in found


def test_a_multiword_staff_noun_takes_its_place_too():
    found = names("L'aereo doveva atterrare all'aeroporto di Sondrio. Secondo la torre di controllo il pilota non "
                  "ha risposto.")
    assert ("la torre di controllo", "torre di controllo dell'aeroporto di Sondrio") in found


def test_an_organisation_s_bare_noun_closing_a_description_takes_the_name_the_article_gives_it():
    found = names("Il Partito Verde ha votato contro la legge. Secondo una parte della minoranza del partito la "
                  "legge è sbagliata.")
    assert ("una parte della minoranza del partito", "parte della minoranza del Partito Verde") in found


def test_an_organisation_s_name_closing_a_description_stays_as_written():
    found = names("Il Centro Ricerche di Sondrio ha aperto ieri. Secondo i tecnici del Centro la prova è riuscita.")
    assert ("i tecnici del Centro", "tecnici del Centro") in found


def test_a_source_s_words_followed_by_di_and_a_name_are_that_name_s():
    found = names("Secondo la ricostruzione di Paolo Bruni la seduta era stata sospesa due volte.")
    assert not any(text.startswith("la ricostruzione") for text, name in found)
    assert ("Paolo Bruni", "Paolo Bruni") in found


def test_a_ruling_of_a_court_that_opens_a_sentence_is_the_court_s_words():
    found = names("Una recente sentenza di Cassazione chiarisce che il contratto resta valido.")
    assert ("Una recente sentenza di Cassazione", "Corte di Cassazione") in found

"""How the mention index resolves names, titles, organisations and descriptions (invented sentences)."""
from __future__ import annotations

from datetime import date

import pytest

from quotetrack.analysis import analyse
from quotetrack.models import Article


def names(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.name) for m in analyse(Article(id="x", text=text)).mentions]


def kinds(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.kind, m.name) for m in analyse(Article(id="x", text=text)).mentions]


def test_a_name_suffix_after_a_preposition_keeps_the_name_whole_and_a_shorter_form_takes_it():
    assert names("La gara è andata contro Duke Tamberlani Jr.. Duke Tamberlani ha detto che tornerà.") == [
        ("Duke Tamberlani Jr.", "Duke Tamberlani Jr."), ("Duke Tamberlani", "Duke Tamberlani Jr.")]


def test_a_surname_after_the_full_name_without_its_suffix_takes_the_suffix_too():
    found = names("Ha vinto Duke Tamberlani Jr.. Poi Duke Tamberlani ha parlato. Tamberlani ha detto che tornerà.")
    assert found[-1] == ("Tamberlani", "Duke Tamberlani Jr.")


def test_an_outlet_named_after_a_place_is_one_name_and_later_outlet_nouns_point_back_to_it():
    found = names("Il quotidiano giapponese Tokyo News ha scritto che la Acme opera senza licenza. Il giornale "
                  "giapponese accusa Acme di evasione.")
    assert [name for text, name in found if text.lower().startswith("il ")] == ["Tokyo News", "Tokyo News"]


def test_a_name_after_a_comma_is_an_outlet_s_name_only_when_set_off_by_another():
    found = names("Il settimanale Voce Nuova ha pubblicato i conti. Secondo il giornale, Microsoft non paga le tasse.")
    assert ("il giornale", "Voce Nuova") in found


def test_a_name_after_an_outlet_noun_and_its_country_adjective_is_the_outlet():
    found = names("Il giornale britannico The Weekly Star ha pubblicato le foto. Secondo il tabloid, la coppia si "
                  "è separata. Il presidente del comitato svedese Ivo Galli ha taciuto.")
    assert [(text, name) for text, name in found if "Star" in name or "Galli" in name] == [
        ("Il giornale britannico", "The Weekly Star"), ("The Weekly Star", "The Weekly Star"),
        ("il tabloid", "The Weekly Star"), ("Il presidente del comitato svedese", "Ivo Galli"), ("Ivo Galli", "Ivo Galli")]


def test_an_organisation_noun_refers_back_to_the_organisation_named_with_a_noun_of_its_kind():
    found = names("La Valdora Peace Society ha assegnato il Premio per la Libertà a Ugo Neri. In un comunicato, "
                  "l'associazione ha detto che il premio è meritato.")
    assert ("l'associazione", "Valdora Peace Society") in found


def test_an_english_organisation_noun_makes_a_name_an_organisation_through_its_small_words():
    assert kinds("Il Committee on Open Standards ha detto che la regola cambierà.") == [
        ("Committee on Open Standards", "organisation", "Committee on Open Standards")]


def test_an_institution_the_kb_knows_as_italian_is_another_country_s_when_its_adjective_or_name_follows():
    found = names("Il ministero degli esteri della Francia ha protestato. Il ministero degli Esteri tedesco tace. Il "
                  "ministero degli Esteri italiano tace.")
    assert [name for text, name in found if "inister" in text] == [
        "Ministero degli Esteri francese", "Ministero degli Esteri tedesco", "Ministero degli Esteri"]


def test_a_negated_participle_or_adjective_belongs_to_the_description():
    found = names("Secondo voci non confermate, il sindaco si dimetterà. Un uomo non identificato ha detto che era "
                  "lì. I medici non hanno parlato.")
    assert [name for text, name in found if text[:1] in "vUI"] == ["voci non confermate", "uomo non identificato",
                                                                   "medici"]


def test_a_source_and_a_surname_before_a_verb_after_secondo_are_two_names():
    found = names("Il pugile Duke Tamberlani ha vinto. Il pubblico ha applaudito Tamberlani. Secondo Statbox "
                  "Tamberlani ha messo a segno 200 colpi.")
    assert found[-2:] == [("Statbox", "Statbox"), ("Tamberlani", "Duke Tamberlani")]


def test_an_organisation_noun_and_its_modifiers_name_the_organisation_after_them():
    found = kinds("I farmaci erano autorizzati dall'agenzia antidoping statunitense Valdex. Tuttavia l'agenzia stessa "
                  "ha smentito. Parla la nota cantante gospel Anna Neri.")
    assert ("l'agenzia stessa", "organisation", "Valdex") in found
    assert ("Anna Neri", "person", "Anna Neri") in found


def test_an_organisation_phrase_set_off_after_a_name_describes_it_and_later_nouns_point_back():
    found = names("Il servizio è gestito da Valtram, azienda pubblica del comune. Ieri l'azienda ha detto che "
                  "assumerà. Radio Sole, una emittente locale, ha criticato l'orario.")
    assert ("l'azienda", "Valtram") in found and ("una emittente locale", "Radio Sole") in found


def test_a_name_opened_or_closed_by_a_geographic_noun_is_a_place_and_no_antecedent():
    found = kinds("Il peschereccio è affondato nello Stretto di Valdora. Quest'ultimo è chiuso. Gli scontri di Lake "
                  "City continuano.")
    assert ("Stretto di Valdora", "place", "Stretto di Valdora") in found and ("Lake City", "place", "Lake City") in found
    assert ("Quest'ultimo", "person", None) in found


def test_an_adjective_or_participle_opening_a_sentence_before_a_small_word_is_no_name():
    found = names("Il film ha vinto. Laconico il commento di Ugo Neri. Sbalzato dalla sella, il fantino è caduto.")
    assert [text for text, name in found] == ["Ugo Neri"]


def test_a_complement_s_organisation_noun_keeps_the_organisation_s_name_but_not_a_person_s():
    found = names("I medici dell'ospedale Borgo Verde di Valdora hanno detto che è grave. I dottori hanno aggiunto "
                  "altro. Il direttore dell'ospedale Ugo Neri tace.")
    assert found[0] == ("I medici dell'ospedale Borgo Verde di Valdora", "medici dell'ospedale Borgo Verde di Valdora")
    assert ("I dottori", "medici dell'ospedale Borgo Verde di Valdora") in found
    assert ("Il direttore dell'ospedale", "Ugo Neri") in found


def test_a_name_in_the_complement_of_a_place_noun_is_a_place():
    found = kinds("Tra i comuni di Valdora e Montebello si è visto un lampo. L'aeroporto di Sanfredi è chiuso.")
    assert [kind for text, kind, name in found] == ["place", "place", "place"]


@pytest.mark.parametrize(("text", "named"), [
    # "di stato" is a noun in a complement, not the participle of "è stato"
    ("Secondo la televisione di stato iraniana, i tre sono soldati.",
     ("la televisione di stato iraniana", "televisione di stato iraniana")),
    # a delegation speaks as the organisation it comes from
    ("Dopo l'incontro, la delegazione del Partito Democratico ha detto che voterà contro.",
     ("la delegazione del Partito Democratico", "Partito Democratico")),
    # a name after an organisation noun of several words is that organisation
    ("Secondo quanto riportato dall'agenzia di stampa Valnews, il presidente è malato.",
     ("agenzia di stampa", "Valnews")),
    # "press" is an organisation noun: a name in Press is an organisation its initials abbreviate
    ("Lo ha riferito la Valdora Press. Secondo la VP, i dati sono certi.", ("VP", "Valdora Press")),
    # "mass media" is one noun: the word before the head stays in the name
    ("Ieri i mass media hanno informato che il raccolto è perduto.", ("i mass media", "mass media")),
    # "altre" tells another group from the one named before, as "alcune" does not
    ("Secondo alcune fonti il ponte è chiuso. Secondo altre fonti il ponte è aperto.", ("altre fonti", "altre fonti")),
    ("Secondo alcune fonti il ponte è chiuso. Secondo altre fonti il ponte è aperto.", ("alcune fonti", "fonti")),
    # a pool of investigators and leaks speak as groups and sources do
    ("Il pool degli inquirenti ha detto che il caso è chiuso.", ("Il pool degli inquirenti", "pool degli inquirenti")),
    ("Smentite le indiscrezioni secondo le quali il ministro si dimetterà.", ("le indiscrezioni", "indiscrezioni")),
    # a regnal number ends a name: the see after it is no part of it
    ("Ha parlato Teodoro II di Valdora.", ("Teodoro II", "Teodoro II")),
])
def test_a_mention_is_named_as_its_phrase_says(text, named):
    assert named in names(text)


@pytest.mark.parametrize(("text", "named"), [
    # "il primo cittadino" is the mayor's title, "un cittadino" nobody's; a title written large starts no name
    (("Il sindaco Ugo Neri ha aperto la fiera. «Ho proposto io la fiera», ha dichiarato il Primo cittadino. Un "
      "cittadino ha protestato."), [("il Primo cittadino", "Ugo Neri"), ("Un cittadino", "cittadino")]),
    # an organisation named with an organisation noun of another kind is no antecedent
    (("La Protezione Civile ha chiuso la strada. La società ha detto che riaprirà domani. Il Valdora Times ha "
      "criticato la scelta. Il giornale ha chiesto spiegazioni."),
     [("La società", "società"), ("Il giornale", "Valdora Times")]),
    # a title of two words is one phrase; a prosecutor's titles name the same office
    ("Ha dichiarato il procuratore generale Ugo Neri: «È stato un malore». Il pm ha poi aggiunto altro.",
     [("il procuratore generale", "Ugo Neri"), ("Il pm", "Ugo Neri")]),
])
def test_titles_and_organisation_nouns_refer_to_whom_the_article_named(text, named):
    found = names(text)
    assert [pair for pair in named if pair not in found] == []


def test_a_full_name_is_never_another_person_who_shares_its_surname():
    """Relatives share surnames: `Anna Rota` stays Anna Rota beside `Carlo Rota`; only a surname alone may take
    the full name of one of them."""
    found = names("Anna Rota è stata aggredita dal padre Carlo Rota. Anna Rota aveva vent'anni.")
    assert [name for text, name in found if text == "Anna Rota"] == ["Anna Rota", "Anna Rota"]


@pytest.mark.parametrize(("text", "named"), [
    # a bare title is the one the article last gave that title: its description when it names nobody but tells who
    ("Il ministro dei trasporti francese ha parlato alla radio. «Agiremo», ha aggiunto il ministro.",
     ("il ministro", "ministro dei trasporti francese")),
    # … the person it named, former or not
    ("Il presidente del comitato Ugo Neri ha lasciato la guida. La decisione non intacca il ruolo dell'ex presidente.",
     ("ex presidente", "Ugo Neri")),
])
def test_a_bare_title_is_the_one_the_article_last_gave_that_title(text, named):
    assert named in names(text)


def test_a_title_s_article_chooses_who_the_article_gave_that_title_with_that_gender():
    found = names("La presidente del comitato Anna Neri ha aperto la seduta. Il presidente della regione Ugo Rossi ha "
                  "parlato. Le parole della presidente sono state chiare.")
    assert found[-1] == ("presidente", "Anna Neri")


def test_a_title_an_ordinal_or_new_opens_may_be_somebody_else():
    found = names("Il ministro della difesa francese ha parlato. Il nuovo ministro ha giurato. Il primo ministro tace.")
    assert ("Il nuovo ministro", None) in found and ("Il primo ministro", None) in found


def test_a_bare_title_takes_no_earlier_description_that_tells_no_more_who():
    assert ("il presidente", None) in names("Il presidente uscente ha perso. Secondo il presidente, il voto è falso.")


@pytest.mark.parametrize(("text", "named"), [
    # a noun right before a name names that person: a later definite description with the noun is them
    (("La mostra dell'artista Ugo Neri è aperta. Il critico Mario Bianchi ha curato il catalogo. Secondo l'artista, "
      "resta una speranza."), ("l'artista", "Ugo Neri")),
    # a description a name is set off beside is that person, later too
    ("Un uomo, Ugo Neri, è stato arrestato; l'uomo ha detto di essere innocente.", ("l'uomo", "Ugo Neri")),
])
def test_a_definite_description_is_the_person_the_article_named_with_its_noun(text, named):
    assert named in names(text)


def test_a_woman_s_description_refers_back_to_no_man_but_to_the_woman_named_before_him():
    assert ("La donna", "donna") in names("Marco Bianchi è stato arrestato a Pavia. La donna ha detto di non sapere nulla.")
    assert ("La donna", "Anna Verdi") in names(
        "Anna Verdi è stata fermata a Pavia. Poi è stato arrestato Marco Bianchi. La donna ha detto di non sapere nulla.")


def test_a_noun_feminine_whoever_it_names_still_refers_back_to_a_man():
    assert ("La vittima", "Marco Bianchi") in names("Marco Bianchi è stato aggredito a Pavia. La vittima ha detto di non ricordare nulla.")


def test_a_bracketed_word_spelled_from_an_organisation_s_letters_abbreviates_it_and_is_no_person():
    found = kinds("Lo ha detto Anna Neri, dell'Agenzia spaziale lunare (Aslu). L'Aslu ha chiesto altri fondi.")
    assert [k for k in found if k[0] == "Aslu"] == [("Aslu", "organisation", "Agenzia spaziale lunare")] * 2


@pytest.mark.parametrize(("text", "named"), [
    # a dash closes a name set off by a comma, as a comma does
    ("«Sì - aggiunge il presidente dell'associazione, Ugo Neri - il rinvio è un danno».",
     ("il presidente dell'associazione", "Ugo Neri")),
    # a title with a definite article, set off by commas after a name, describes that name
    ("Lo ha scritto Ugo Neri, il cantante del gruppo, in un messaggio.", ("il cantante del gruppo", "Ugo Neri")),
    # … past an adverb of the clause before the comma
    ("Ugo Neri però, cantante del gruppo, ha detto che tornerà.", ("cantante del gruppo", "Ugo Neri")),
    # a name set off after a title may come with a title word of its own before it
    ("Il portavoce, padre Ugo Neri, ha parlato ieri. Secondo il portavoce la festa si farà.",
     ("il portavoce", "Ugo Neri")),
    # a title in brackets after a name describes that name, and a later same title is them
    ("Ugo Neri (presidente del comitato) ha aperto la seduta. Secondo il presidente del comitato, il bilancio regge.",
     ("il presidente del comitato", "Ugo Neri")),
])
def test_a_title_set_off_beside_a_name_names_that_person(text, named):
    assert named in names(text)


def test_a_title_with_a_complement_is_the_only_person_the_article_gave_the_bare_title():
    found = names("Il segretario Ugo Neri ha parlato ieri. Il segretario del partito ha poi chiesto un congresso.")
    assert ("Il segretario del partito", "Ugo Neri") in found
    found = names("Il segretario Ugo Neri ha parlato. Il segretario Carlo Rota tace. Il segretario del partito ha riso.")
    assert ("Il segretario del partito", None) in found
    found = names("Il segretario Ugo Neri ha parlato. Carlo Rota ha risposto: «Sono io il segretario del partito».")
    assert ("il segretario del partito", None) in found  # in quoted words, a speaker may mean himself


def test_a_title_after_a_name_in_a_list_of_titled_names_names_its_own():
    assert ("il questore", "Ugo Neri") not in names("Erano presenti il sindaco di Valdora Ugo Neri, il questore.")


def test_a_description_with_a_nationality_or_a_name_of_its_own_is_not_an_earlier_fuller_one():
    found = names("I tifosi della squadra italiana hanno cantato. I tifosi svedesi hanno detto che era truccata. Le "
                  "autorità della regione di Valdora tacciono, le autorità del Montebello parlano.")
    assert ("I tifosi svedesi", "tifosi svedesi") in found and ("le autorità del Montebello", "autorità del Montebello") in found


@pytest.mark.parametrize(("text", "named"), [
    # a word that modifies the phrase may stand between a title and its holder's name
    ("Lo ha precisato il responsabile del reparto professor Ugo Neri.", ("il responsabile del reparto", "Ugo Neri")),
    # … but not a title of its own: the name is that title's
    ("Anna Neri, madre dell'attuale presidente Ugo Neri, ha parlato.", ("madre dell'attuale", "Anna Neri")),
])
def test_a_title_names_the_person_a_modifier_away(text, named):
    assert named in names(text)


@pytest.mark.parametrize(("text", "named"), [
    # Italian drops the article after a bare preposition: written large, the noun is the country's institution …
    ("Anna Neri ha detto che non vuole più sedere in Parlamento.", ("Parlamento", "Parlamento italiano")),
    # … a regime is its country's government, named by an adjective or by its leader
    ("Ugo Neri ha criticato il regime iraniano.", ("il regime iraniano", "Governo iraniano")),
])
def test_an_institution_named_by_its_common_noun_is_the_country_s(text, named):
    assert named in names(text)


@pytest.mark.parametrize(("text", "named"), [
    ("Anna Neri ha detto che non voterà mai un governo Carlo Bianchi.", ("un governo Carlo Bianchi", "Governo Bianchi")),
    ("Carlo Bianchi guida la coalizione. Anna Neri ha criticato l'esecutivo Bianchi.",
     ("l'esecutivo Bianchi", "Governo Bianchi")),
])
def test_a_government_noun_before_a_person_s_name_is_the_government_that_person_leads(text, named):
    assert names(text)[-1] == named  # one mention: no leader beside the government


def test_a_noun_after_a_bare_preposition_in_lower_case_is_no_institution():
    assert not [name for _, name in names("Anna Neri è salita in camera a dormire.") if name and "Camera" in name]


@pytest.mark.parametrize("text, title", [
    ("Il ministro del Lavoro Zanfretti ha detto che non firmerà.", "Il ministro del Lavoro"),
    ("Anna Verdelli ha votato. Il presidente della Camera Verdelli ha detto che la seduta è chiusa.",
     "Il presidente della Camera"),
])
def test_a_surname_after_a_title_s_office_names_the_holder_and_is_no_part_of_the_office(text, title):
    surname = text.split(title)[1].split()[0]
    found = kinds(text)
    assert (title, "person", next(name for t, _, name in found if t == surname)) in found
    assert any(t == surname and kind == "person" for t, kind, _ in found)


@pytest.mark.parametrize("text", ["Il ministro delle Pari Opportunità ha parlato.",
                                  "Il capitano degli All Blacks ha parlato.",
                                  "Il ministro della Difesa Nazionale ha parlato."])
def test_an_office_of_two_words_written_large_stays_whole(text):
    assert all(name is None for t, name in names(text) if t.startswith("Il "))


def test_a_common_word_set_off_after_a_title_s_office_is_the_holder_s_surname():
    assert ("Bianchi", "person", "Bianchi") in kinds("Il ministro degli Esteri, Bianchi, ha detto che partirà.")


@pytest.mark.parametrize("text, named", [("La Sig.ra Anna Neri ha detto che partirà.", "Anna Neri"),
                                         ("Il Sig. Gallo ha detto che partirà.", "Gallo"),
                                         ("Il Dott. Bianchi ha detto che partirà.", "Bianchi")])
def test_an_abbreviated_honorific_is_no_name_and_the_name_after_it_a_person(text, named):
    assert kinds(text) == [(named, "person", named)]


def test_an_initial_with_its_dot_stays_inside_the_name():
    assert names("Ugo S. Zanfretti ha detto che partirà.") == [("Ugo S. Zanfretti", "Ugo S. Zanfretti")]


def test_a_given_name_the_kb_reads_as_a_surname_opens_another_person_s_name():
    assert ("Michel Zebrowski", "Michel Zebrowski") in names("Secondo il dottor Michel Zebrowski, il virus è pericoloso.")


@pytest.mark.parametrize("text, described", [
    # a definite description before the name the article later gives with the same noun is that person
    (("Il quadro fu rubato da Ugo Neri nel 1910. Il ladro, che si firmava Zorro, scrisse che lo avrebbe reso. Nel "
      "1913 il ladro, Marco Bellini, fu arrestato."), ("Il ladro", "Marco Bellini")),
    # a person named inside quoted words is no antecedent of a later description
    ("Secondo Anna Neri, moglie dell'uomo: «Marco Bellini era stanco». La donna ha poi precisato che non beveva.",
     ("La donna", "Anna Neri")),
    # a name right after a singular description is who it describes
    ("«Ho sentito un urlo», ha raccontato il testimone Ugo Zanfretti.", ("il testimone", "Ugo Zanfretti")),
])
def test_a_description_names_the_person_the_story_gives_it(text, described):
    assert described in names(text)



def test_an_office_that_goes_on_in_lower_case_before_a_set_off_name_still_names_the_holder():
    found = names("Anche il ministro delle Pari opportunità, Anna Zanfretti, ha partecipato. «Sono qui - ha continuato "
                  "il ministro - per amore».")
    assert ("il ministro", "Anna Zanfretti") in found


def test_a_mention_is_immutable_and_compares_copies_and_pickles_as_the_tuple_of_its_fields():
    import pickle

    from quotetrack.analysis import Mention

    m = analyse(Article(id="x", text="Mario Rossi ha detto che tornerà.")).mentions[0]
    assert tuple(m) == (m.first, m.last, m.start, m.end, m.text, m.via, m.kind, m.name, m.head, m.role, m.resolved_by)
    with pytest.raises(AttributeError):
        m.name = "Anna Neri"
    renamed = m._replace(name="Anna Neri")
    assert (renamed.name, renamed.text, m.name) == ("Anna Neri", "Mario Rossi", "Mario Rossi")
    assert renamed != m and renamed._replace(name=m.name) == m and hash(renamed._replace(name=m.name)) == hash(m)
    assert pickle.loads(pickle.dumps(m)) == m and Mention(*m) == m
    with pytest.raises(ValueError):
        m._replace(surname="Rossi")


def test_a_title_word_in_a_compound_tense_is_the_verb_not_the_office():
    found = [text for text, _ in names("Mario Rossi ha inoltre inviato una lettera al sindaco. Il film era stato "
                                       "candidato a tre premi. L'inviato del giornale è arrivato.")]
    assert "inviato" not in found and "candidato a tre premi" not in found and "L'inviato del giornale" in found


def test_a_surname_the_kb_knows_after_a_rare_capitalised_word_is_another_person_s_double_surname():
    found = names("Il portavoce Garrido Obama ha detto che il piano partirà. Il presidente Obama non ha commentato.")
    assert ("Garrido Obama", "Garrido Obama") in found and ("Obama", "Barack Obama") in found


def test_a_name_after_a_street_noun_in_lower_case_is_a_place_and_no_antecedent():
    found = kinds("Il magazzino si trova in via Bertolini. La ditta di viale La Marmora tace. L'uomo ha detto che "
                  "tornerà.")
    assert ("Bertolini", "place", "Bertolini") in found and ("La Marmora", "place", "La Marmora") in found
    assert ("L'uomo", "person", "La Marmora") not in found


@pytest.mark.parametrize("text", ["Il sindaco ha parlato. «Stiamo lavorando per la città», ha detto.",
                                  "Il sindaco ha parlato. Tale accusa si è rivelata falsa, ha detto.",
                                  "La gara è finita. Proprio Mario Rossi ha detto che tornerà.",
                                  "La gara è finita. Ecco Mario Rossi, che ha detto che tornerà."])
def test_a_verb_or_a_common_word_opening_a_sentence_or_a_quotation_starts_no_name(text):
    found = [m.text for m in analyse(Article(id="x", text=text)).mentions if m.name and m.name[:1].isupper()]
    assert found in ([], ["Mario Rossi"])


def test_a_title_names_the_person_after_a_participle_closing_its_complement():
    found = names("Luca Bianchi è stato deposto. Il capitano delle forze armate Mario Rossi ha annunciato che il governo "
                  "è sciolto.")
    assert [name for text, name in found if text.startswith("Il capitano")] == ["Mario Rossi"]


def test_a_title_with_a_modifier_set_off_after_a_name_names_that_person_and_a_later_bare_title():
    found = names("Ugo Neri, ex ministro dell'Interno, ha scritto una nota. Secondo il ministro, la lettera è falsa.")
    assert ("ex ministro dell'Interno", "Ugo Neri") in found and ("il ministro", "Ugo Neri") in found


def test_a_title_coordinated_after_a_set_off_role_names_the_same_person():
    found = names("Anna Neri, ex deputata e docente di chimica a Pisa, ha scritto una nota. La docente "
                  "ha spiegato che la lettera è falsa.")
    assert ("La docente", "Anna Neri") in found


def test_a_title_after_a_listed_group_is_not_the_name_s():
    found = names("Hanno parlato Ugo Neri, i giornalisti e il sindaco.")
    assert ("il sindaco", "Ugo Neri") not in found


def test_a_title_after_an_indefinite_article_is_not_the_person_introduced_later_with_it():
    found = names("La sentenza è stata letta davanti a un giudice e a due avvocati. Ugo Neri, ex giudice della corte "
                  "d'appello, ha commentato la sentenza.")
    assert ("un giudice", "Ugo Neri") not in found


@pytest.mark.parametrize("later, named", [
    ("Mosca ha detto che tornerà presto in libreria.", ("Mosca", "person", "Anna Mosca")),
    ("Ha detto che tornerà presto in Mosca.", ("Mosca", "country", "Russia")),
])
def test_a_city_standing_for_its_country_is_the_surname_of_the_person_named_in_full_unless_a_place(later, named):
    assert kinds("La scrittrice Anna Mosca ha presentato il suo romanzo. " + later)[-1] == named


def test_two_spellings_of_one_name_apart_from_case_accents_and_hyphens_are_the_one_written_most():
    text = ("Omar al-Rashid ha parlato ieri a Bari. In serata Omar Al Rashid ha aggiunto altro. "
            "Secondo Omar al-Rashid la cosa è chiusa.")
    assert {name for _, name in names(text) if name and "Rashid" in name} == {"Omar al-Rashid"}


def test_an_organisation_s_own_name_in_quotation_marks_after_its_words_is_part_of_its_name():
    assert ("Istituto di studi agrari \"Carlo Verdi\"", "Istituto di studi agrari Carlo Verdi") in names(
        "Secondo lo studio fatto dall'Istituto di studi agrari \"Carlo Verdi\", la carne contiene residui.")


@pytest.mark.parametrize("text, given, full", [
    ("È morto il regista Mario Bellini. Al quotidiano il fratello Davide ha spiegato che era malato.",
     "Davide", "Davide Bellini"),
    ("Anche il fratello di Carlo Alberto Bellini, Giovanni Maria, è indagato. \"Sono innocente\", ha detto Giovanni Maria.",
     "Giovanni Maria", "Giovanni Maria Bellini"),
    # a child's surname is the father's, and a parent named may be the mother: a child keeps the name written
    ("Anna Verdi è arrivata tardi con il figlio Marco.", "Marco", "Marco"),
    # the person named before in its sentence, not the one the article names most
    ("Ugo Neri è stato eletto. Ugo Neri ha vinto. Anna Verdi ha detto che suo fratello Marco tornerà.",
     "Marco", "Marco Verdi"),
    # the writer's own family goes unnamed
    ("Ugo Neri è stato eletto. Ugo Neri ha vinto. Ringrazio Anna Verdi e mio fratello Marco.", "Marco", "Marco"),
])
def test_a_sibling_named_by_given_names_alone_carries_the_family_s_surname(text, given, full):
    assert {name for found, name in names(text) if found == given} == {full}


def test_an_adjective_after_a_second_institution_that_quello_stands_for_goes_with_the_first_too():
    assert ("ministero degli Esteri", "Ministero degli Esteri russo") in names(
        "Sia il ministero degli Esteri che quello dell'Ambiente russi hanno smentito la notizia del sabotaggio.")


def test_a_name_in_quotation_marks_after_an_organisation_s_common_noun_does_not_lengthen_the_phrase():
    assert ("il quotidiano locale", "quotidiano locale") in names("Lo ha scritto il quotidiano locale \"La Voce\" ieri.")


@pytest.mark.parametrize("title", ["il Santo Padre", "il santo padre", "il Sommo Pontefice"])
def test_a_role_phrase_that_opens_before_its_title_word_is_the_title_not_a_name(title):
    """`Santo` is a given name too, and `padre` a title of its own: the knowledge base's role phrase is read whole
    and names the one the article names in that office."""
    found = names(f"Papa Giovanni Paolo II è ricoverato. Il ministro Anna Neri ha detto: «Preghiamo per {title}».")
    assert found[-1] == (title, "Papa Giovanni Paolo II")


def test_a_role_phrase_that_opens_before_its_title_word_names_the_holder_on_the_article_s_date():
    doc = analyse(Article(id="x", text="Il Santo Padre ha ricevuto i fedeli.", published=date(2010, 3, 20)))
    assert (doc.mentions[0].text, doc.mentions[0].name) == ("Il Santo Padre", "Papa Benedetto XVI")


def test_a_sentence_opening_subordinator_opens_no_name():
    found = names("Nonostante Tarumi fosse stanco, ha detto che resterà in gara fino all'ultimo giro.")
    assert ("Tarumi", "Tarumi") in found and not any(text.startswith("Nonostante") for text, name in found)


@pytest.mark.parametrize("text, pronoun, named", [
    ("La ministra Anna Neri ha incontrato il sindaco Marco Bianchi. Secondo lei, il piano è pronto.", "lei", "Anna Neri"),
    ("La sindaca Carla Neri ha ricevuto Ugo Bruni. Quest'ultima ha poi parlato ai giornalisti.", "Quest'ultima",
     "Carla Neri"),
    ("Il sindaco Marco Bianchi ha incontrato la ministra. Secondo lui, il piano è pronto.", "lui", "Marco Bianchi"),
])
def test_a_pronoun_stands_for_the_last_person_of_its_sex(text, pronoun, named):
    assert (pronoun, named) in names(text)


def test_a_pronoun_never_stands_for_a_lone_capitalised_word():
    assert ("lui", "Ugo Neri") in names("Il sindaco Ugo Neri ha presentato ieri Lumerion. Secondo lui, la strada è pronta.")


@pytest.mark.parametrize(("text", "named"), [
    ("Di Ferrante ha risposto che il sindaco mente.", ("Di Ferrante", "Di Ferrante")),
    ("Da Ponte ha spiegato che la scuola chiude.", ("Da Ponte", "Da Ponte")),
    ("Dal Molin ha affermato che il piano fallisce.", ("Dal Molin", "Dal Molin")),
    ("Lo Verde ha dichiarato che la città cambia.", ("Lo Verde", "Lo Verde")),
    ("Li Causi sostiene che i ministri sbagliano e li invita a cambiare.", ("Li Causi", "Li Causi")),
])
def test_a_particle_written_large_to_open_a_sentence_before_a_name_and_a_verb_opens_the_surname(text, named):
    """`Di` read as the preposition gave the speaker `Ferrante`, another person's surname, or nobody at all."""
    assert names(text)[0] == named


@pytest.mark.parametrize("text", [
    "Da Milano arriva la notizia che il sindaco si dimette.",
    "Di Roma si parla poco in questi giorni.",
    "Dal Governo arriva un segnale.",
    "Lo Scoglio ha detto che il porto chiude.",
    "Di Ferrante e Bruni hanno detto che il piano fallisce.",
])
def test_a_preposition_or_an_article_that_opens_a_sentence_stays_one(text):
    """A place, a city, an organisation noun, a word `lo` is the article of, or no singular verb after the name."""
    first, _ = names(text)[0]
    assert first.split()[0] not in ("Da", "Di", "Dal", "Lo")


def test_a_surname_with_its_particle_written_again_is_the_person_named_in_full_before():
    found = names("Marco Di Ferrante ha parlato a lungo. Di Ferrante ha detto che il piano fallisce. Le parole di "
                  "Di Ferrante sono chiare.")
    assert found[-1] == ("Di Ferrante", "Marco Di Ferrante")

"""Capitalised names that are no person's: an article before them, or common words agreeing as noun and adjective
(invented sentences and names)."""
from __future__ import annotations

from quotetrack.analysis import analyse
from quotetrack.models import Article


def kind_of(text: str, name: str) -> str:
    return next(m.kind for m in analyse(Article(id="x", text=text)).mentions if m.text == name)


def test_a_name_after_an_articulated_preposition_is_no_person():
    text = "Il deputato del Nuovo Vortano ha detto che voterà contro."
    assert kind_of(text, "Nuovo Vortano") == "organisation"


def test_a_name_after_a_plural_article_is_no_person():
    text = "Ieri i Falchi Brandoni hanno vinto la partita contro la squadra ospite."
    assert kind_of(text, "Falchi Brandoni") == "organisation"


def test_a_given_name_after_an_article_is_still_a_person():
    text = "Secondo il giornale, la Anna Brandoni ha lasciato il paese."
    assert kind_of(text, "Anna Brandoni") == "person"


def test_a_surname_opened_by_a_particle_after_an_article_is_still_a_person():
    text = "Il processo contro il De Vortano è ripreso ieri."
    assert kind_of(text, "De Vortano") == "person"


def test_common_words_that_agree_as_noun_and_adjective_name_a_party():
    text = "Ugo Neri ha lasciato Scelta Popolare e ha detto che fonderà un movimento."
    assert kind_of(text, "Scelta Popolare") == "organisation"


def test_a_singular_word_before_a_plural_one_is_a_person_the_given_names_miss():
    text = "Ha parlato Fortunato Bianchi, che ha detto di essere soddisfatto."
    assert kind_of(text, "Fortunato Bianchi") == "person"


def test_a_saint_s_title_or_a_building_noun_opens_a_place_s_name():
    text = "Il ferito è stato portato a San Vortano. Poi la protesta davanti a Palazzo Brandoni."
    assert (kind_of(text, "San Vortano"), kind_of(text, "Palazzo Brandoni")) == ("place", "place")


def test_a_name_opened_by_an_article_written_large_is_no_person():
    text = "Lo ha scritto ieri Il Corriere Vortano in prima pagina."
    assert kind_of(text, "Il Corriere Vortano") == "organisation"


def test_a_name_alone_between_quotation_marks_is_no_person():
    text = 'Ha vinto il premio "Gerbera Brandoni" per il suo romanzo.'
    assert kind_of(text, "Gerbera Brandoni") == "organisation"


def test_a_surname_opened_by_lo_is_still_a_person():
    text = "Ha parlato ieri Lo Vortano, che ha detto di essere soddisfatto."
    assert kind_of(text, "Lo Vortano") == "person"


def test_a_name_after_the_town_or_the_area_of_is_a_place():
    text = "Il sindaco del comune di Vortano Brandi ha parlato ieri. I pressi di Monzetta Alta sono chiusi."
    assert (kind_of(text, "Vortano Brandi"), kind_of(text, "Monzetta Alta")) == ("place", "place")


def test_a_country_after_a_brand_names_its_national_branch():
    text = "Zentrix Italia ha commentato che la causa riguarda pochi modelli."
    assert kind_of(text, "Zentrix Italia") == "organisation"


def test_the_holder_of_a_title_in_a_national_branch_is_named_after_it():
    from quotetrack.extract import extract_statements
    doc = analyse(Article(id="x", text="Secondo il direttore del Vortex Italia Mario Ferri, la colpa è della pesca."))
    assert [(s.speaker, s.quote) for s in extract_statements(doc)] == [("Mario Ferri", "la colpa è della pesca")]


def test_a_country_after_an_italian_word_written_large_stays_a_country():
    text = "La finale di Coppa Italia si gioca a Roma."
    assert kind_of(text, "Italia") == "country"

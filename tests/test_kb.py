"""The knowledge base: who a name, an alias, an epithet, a metonym or a role means, and on which date."""
from __future__ import annotations

from datetime import date

import pytest

from quotetrack.kb import Entity, KnowledgeBase, default_kb, fold


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def names(mentions) -> list[tuple[str, str | None]]:
    return [(m.text, m.entity.name if m.entity else None) for m in mentions]


# -- the shipped data ---------------------------------------------------------------------------------------------
def test_ships_at_least_150_people(kb):
    assert sum(e.kind == "person" for e in kb.entities.values()) >= 150


def test_data_is_consistent(kb):
    """Every role a person holds is defined, and no two people hold one role on the same day (catches date typos)."""
    assert kb.problems() == []


def test_every_country_party_and_role_side_names_a_known_entity(kb):
    sides = [(e.name, e.country) for e in kb.entities.values()] + [(e.name, e.party) for e in kb.entities.values()]
    sides += [(r.id, r.country) for r in kb.roles.values()]
    unknown = [(who, side) for who, side in sides if side and kb.get(side) is None]
    assert unknown == []


# -- names, aliases and transliterations ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written, canonical",
    [
        ("Zelenskyj", "Volodymyr Zelensky"),
        ("Zelenskij", "Volodymyr Zelensky"),
        ("dmitrij peskov", "Dmitry Peskov"),
        ("Sergej Lavrov", "Sergei Lavrov"),
        ("Medvedew", "Dmitry Medvedev"),
        ("Ahmadinejād", "Mahmoud Ahmadinejad"),
        ("Assad", "Bashar al-Assad"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("ERDOĞAN", "Recep Tayyip Erdoğan"),
        ("Lukašenko", "Alexander Lukashenko"),
        ("Di Maio", "Luigi Di Maio"),
        ("von der Leyen", "Ursula von der Leyen"),
        ("Xi", "Xi Jinping"),
    ],
)
def test_aliases_and_transliterations_ignore_case_and_accents(kb, written, canonical):
    assert kb.get(written).name == canonical


def test_a_surname_two_people_share_means_nobody(kb):
    assert kb.get("Fontana") is None  # Lorenzo (the Chamber) and Attilio (Lombardy)
    assert kb.get("Kim") is None


def test_fold_ignores_case_accents_and_curly_apostrophes():
    assert fold("Volodymyr  Zelens’kyj") == fold("VOLODYMYR ZELENS'KYJ") == "volodymyr zelens'kyj"


# -- dated roles ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "phrase, day, holder",
    [
        ("il presidente Usa", date(2024, 6, 14), "Joe Biden"),
        ("il presidente Usa", date(2025, 3, 20), "Donald Trump"),
        ("l'inquilino della Casa Bianca", date(2010, 1, 1), "Barack Obama"),
        ("il premier", date(2007, 6, 1), "Romano Prodi"),
        ("il premier", date(2009, 6, 1), "Silvio Berlusconi"),
        ("il premier", date(2024, 6, 1), "Giorgia Meloni"),
        ("il presidente del Consiglio", date(2021, 6, 1), "Mario Draghi"),
        ("il capo dello Stato", date(2010, 1, 1), "Giorgio Napolitano"),
        ("il titolare della Farnesina", date(2023, 1, 1), "Antonio Tajani"),
        ("il portavoce del Cremlino", date(2023, 1, 1), "Dmitry Peskov"),
        ("il presidente russo", date(2010, 1, 1), "Dmitry Medvedev"),
        ("il leader ucraino", date(2023, 1, 1), "Volodymyr Zelensky"),
        ("il segretario generale della Nato", date(2020, 1, 1), "Jens Stoltenberg"),
        ("l'Alto rappresentante", date(2016, 1, 1), "Federica Mogherini"),
        ("il Papa", date(2010, 1, 1), "Papa Benedetto XVI"),
        ("il Pontefice", date(2020, 1, 1), "Papa Francesco"),
    ],
)
def test_a_role_means_whoever_held_it_that_day(kb, phrase, day, holder):
    assert kb.resolve_role(phrase, day).name == holder


def test_a_role_phrase_is_not_a_name(kb):
    assert kb.role_of_phrase("Il Presidente USA").id == "us_president"
    assert kb.role_of_phrase("il tycoon") is None


# -- epithets and metonyms -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written, canonical",
    [("il tycoon", "Donald Trump"), ("il Cavaliere", "Silvio Berlusconi"), ("lo zar", "Vladimir Putin"),
     ("Cremlino", "Russia"), ("Casa Bianca", "Stati Uniti"), ("Kyiv", "Ucraina"), ("Palazzo Chigi", "Governo italiano"),
     ("Farnesina", "Ministero degli Esteri"), ("Vaticano", "Santa Sede")],
)
def test_epithets_and_metonyms(kb, written, canonical):
    assert kb.get(written).name == canonical


def test_epithets_are_found_after_any_article_but_not_after_un(kb):
    text = "Le parole del tycoon. Un tycoon dei media. Poi il Cavaliere ha parlato, ma un cavaliere del lavoro no."
    assert names(kb.find_mentions(text)) == [("tycoon", "Donald Trump"), ("Cavaliere", "Silvio Berlusconi")]


# -- finding mentions in text --------------------------------------------------------------------------------------
def test_find_mentions_resolves_names_roles_metonyms_and_demonyms(kb):
    text = "Il presidente Usa ha criticato Mosca: le sanzioni americane restano, ha detto Zelenskyj a Kyiv."
    found = kb.find_mentions(text, on=date(2024, 6, 14))
    assert names(found) == [
        ("presidente Usa", "Joe Biden"),
        ("Mosca", "Russia"),
        ("americane", "Stati Uniti"),
        ("Zelenskyj", "Volodymyr Zelensky"),
        ("Kyiv", "Ucraina"),
    ]
    assert [m.via for m in found] == ["role", "metonym", "demonym", "alias", "metonym"]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_longest_match_wins(kb):
    text = "Il premier britannico e il Parlamento europeo."
    found = kb.find_mentions(text, on=date(2024, 9, 1))
    assert names(found) == [("premier britannico", "Keir Starmer"), ("Parlamento europeo", "Parlamento europeo")]


def test_names_after_an_apostrophe_are_found(kb):
    assert names(kb.find_mentions("il sostegno dell'Ucraina e all'Onu")) == [("Ucraina", "Ucraina"), ("Onu", "ONU")]


def test_common_words_are_not_names(kb):
    """Lower-case 'monti', 'conte', 'papà' and the article 'Un' are words, not Monti, Conte, the Pope or the UN."""
    assert kb.find_mentions("Il papà scala i monti con il conte. Un giorno.") == []


def test_a_former_holder_is_not_todays(kb):
    found = kb.find_mentions("l'ex premier ha parlato", on=date(2024, 1, 1))
    assert [(m.role, m.entity) for m in found] == [("italian_pm", None)]


def test_offsets_survive_characters_that_fold_to_several(kb):
    text = "Straße… poi Erdoğan e Zelens’kyj."
    found = kb.find_mentions(text)
    assert names(found) == [("Erdoğan", "Recep Tayyip Erdoğan"), ("Zelens’kyj", "Volodymyr Zelensky")]
    assert all(text[m.start : m.end] == m.text for m in found)


# -- user extension files ------------------------------------------------------------------------------------------
def test_a_kb_file_merges_aliases_and_adds_people(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "roles:\n"
        "  milan_mayor: {country: Italia, mentions: [sindaco di Milano]}\n"
        "entities:\n"
        "  - name: Volodymyr Zelensky\n"
        "    aliases: [Zelenskyy]\n"
        "  - name: Mario Rossi\n"
        "    aliases: [Rossi]\n"
        "    country: Italia\n"
        "    roles: [{role: milan_mayor, from: 2030-01-01}]\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([extra])
    assert kb.get("Zelenskyy").name == "Volodymyr Zelensky"
    assert kb.get("Zelenskyj").name == "Volodymyr Zelensky"  # shipped aliases kept
    assert kb.get("Rossi").name == "Mario Rossi"
    assert kb.resolve_role("il sindaco di Milano", date(2031, 1, 1)).name == "Mario Rossi"
    assert kb.problems() == []
    assert names(kb.find_mentions("Rossi ha detto")) == [("Rossi", "Mario Rossi")]


@pytest.mark.parametrize(
    "content, problem",
    [
        ("entities: [name: [unclosed", "not valid YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        ("entities:\n  - aliases: [X]\n", "needs a 'name'"),
        ("entities:\n  - {name: X, kind: planet}\n", "kind 'planet'"),
        ("entities:\n  - {name: X, roles: [{role: pope, from: yesterday}]}\n", "YYYY-MM-DD"),
    ],
)
def test_a_bad_kb_file_is_a_value_error_naming_it(tmp_path, content, problem):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as raised:
        KnowledgeBase.load([bad])
    assert str(bad) in str(raised.value)


def test_a_missing_kb_file_is_a_value_error_naming_it(tmp_path):
    with pytest.raises(ValueError, match="missing.yaml: cannot read"):
        KnowledgeBase.load([tmp_path / "missing.yaml"])


def test_overlapping_holders_are_reported(tmp_path):
    clash = tmp_path / "clash.yaml"
    clash.write_text("entities:\n  - {name: Mario Rossi, roles: [{role: italian_pm, from: 2024-01-01}]}\n")
    assert any("Mario Rossi" in p and "Giorgia Meloni" in p for p in KnowledgeBase.load([clash]).problems())


def test_fold_of_a_whole_text_equals_the_cached_fold_of_its_words():
    from quotetrack.lang import fold, fold_text

    text = "  Zelens’kyj  e ERDOĞAN\tparlano a Kyïv… Straße  "
    assert fold_text(text) == fold(text) == "zelens'kyj e erdogan parlano a kyiv... strasse"


def test_lookups_see_entities_added_after_them():
    # answers are remembered, so adding to the KB must forget them
    kb = KnowledgeBase()
    assert kb.get("Gianni Nuovo") is None
    kb.add(Entity("Gianni Nuovo", "person", aliases=["Nuovo"]))
    assert kb.get("Gianni Nuovo").name == "Gianni Nuovo" and kb.get("nuovo").name == "Gianni Nuovo"


def test_an_article_is_folded_in_place_and_a_longer_fold_keeps_each_characters_offset():
    """The surface index reads the article folded: accents and curly apostrophes folded in place (no offsets
    needed), a character folding to several (`…` → `...`) mapped back to where it stands."""
    from quotetrack.kb import _fold_with_offsets

    assert _fold_with_offsets("Città dell’Anna Neri è") == ("citta dell'anna neri e", None)
    text = "Però… Mario Rossì"
    folded, offsets = _fold_with_offsets(text)
    assert folded == "pero... mario rossi"
    assert [text[k] for k in offsets[4:7]] == ["…"] * 3 and text[offsets[-1]] == "ì"


def test_a_phrase_is_read_again_once_the_kb_learns_a_name():
    """`find_mentions` keeps the mentions of many short phrases (speakers' names, asked about in article after article);
    adding an entity forgets them, as it forgets the article's."""
    kb = KnowledgeBase()
    assert kb.find_mentions("il portavoce della Lumetta Nova") == []
    kb.add(Entity(name="Lumetta Nova", kind="organisation"))
    assert names(kb.find_mentions("il portavoce della Lumetta Nova")) == [("Lumetta Nova", "Lumetta Nova")]

"""What stance reads once per article and shares among its statements: the words (split once, cut out for each
span without copies), the cues of a span, and the lexicon's indexes that let a reader visit only the words it
looks for."""

from __future__ import annotations

from quotetrack.stance import default_lexicon
from quotetrack.stance.counterparts import _capitalised_runs, _WordIndex
from quotetrack.stance.cues import after_addressee_marker, find_cues
from quotetrack.stance.lexicon import parse_lexicon
from quotetrack.stance.words import TextWords, split_words

BREAKS = frozenset({"ma", "mentre"})


def numbers(words) -> list[tuple[str, int, int]]:
    return [(w.text, w.sentence, w.clause) for w in words]


def test_words_are_numbered_by_sentence_and_clause_and_quote_marks_are_no_words():
    words = split_words("«Basta», disse Rossi, ma nessuno ascoltò. Poi l'aula tacque", 0, BREAKS)
    assert numbers(words) == [
        ("Basta", 0, 0), (",", 0, 0),  # a comma ends its clause: the next word opens another
        ("disse", 0, 1), ("Rossi", 0, 1), (",", 0, 1),
        ("ma", 0, 3), ("nessuno", 0, 3), ("ascoltò", 0, 3), (".", 0, 3),  # "ma" opens a clause of its own
        ("Poi", 1, 4), ("l'", 1, 4), ("aula", 1, 4), ("tacque", 1, 4),
    ]  # fmt: skip
    assert [(w.i, w.start, w.end) for w in words[:3]] == [(0, 1, 6), (1, 7, 8), (2, 9, 14)]


def test_offsets_are_shifted_for_a_span_split_on_its_own():
    text = "Disse: «Washington sbaglia»."
    start = text.index("Washington")
    words = split_words(text[start:], start)
    assert [(w.text, w.start) for w in words][:2] == [("Washington", start), ("sbaglia", start + 11)]


def test_a_span_is_cut_out_of_the_article_words_not_copied():
    text = "Rossi ha detto che Bianchi sbaglia. Verdi tace, ma non approva."
    article = TextWords(text, BREAKS)
    first = article.between(0, text.index("."))
    again = article.between(0, text.index("."))
    assert first[0] is article.words[0] and again[-1] is first[-1]  # statements share their reporting sentences
    second = article.between(text.index("Verdi"), len(text))
    assert [w.text for w in second][:2] == ["Verdi", "tace"]
    # the article's own numbers: a span's words are compared with one another, never with zero
    assert second[0].sentence == 1 and second[0].i == article.words.index(second[0])


def test_a_span_that_cuts_a_word_is_split_on_its_own():
    text = "Il governo di al-Zarqawi tace."
    article = TextWords(text)
    cut = article.between(text.index("Zarqawi"), len(text))
    assert [w.text for w in cut] == ["Zarqawi", "tace", "."]


def test_cues_starting_before_an_offset_are_the_same_cues_as_in_the_whole_span():
    lexicon = default_lexicon()
    text = "Ha accusato la Russia e poi ha condannato la Cina"
    words = split_words(text)
    every = find_cues(words, lexicon)
    assert len(every) == 2
    before = find_cues(words, lexicon, starting_before=text.index("poi"))
    assert [(c.first, c.last, c.sign) for c in before] == [(c.first, c.last, c.sign) for c in every[:1]]


def test_the_words_after_the_offset_still_rule_a_cue_out():
    lexicon = parse_lexicon(
        """
cues:
  - {group: sostegno, stance: support, binds: object, forms: [sosten*], unless_followed_by: [che]}
"""
    )
    words = split_words("sostenendo che X sbaglia")
    assert find_cues(words, lexicon, starting_before=words[1].start) == []  # "sostenendo che" reports speech
    assert len(find_cues(split_words("sostenendo X"), lexicon)) == 1


def test_forms_are_looked_up_by_their_first_two_words():
    lexicon = parse_lexicon(
        """
cues:
  - {group: g, stance: oppose, binds: object, forms: ["mettere in dubbio", "mettere a rischio", mina*]}
"""
    )
    assert [f.words for f in lexicon.forms_starting_with("mettere", "in")] == [("mettere", "in", "dubbio")]
    assert lexicon.forms_starting_with("mettere", "via") == ()  # no form goes on with "via"
    assert lexicon.forms_starting_with("mettere", None) == ()  # nor ends with the span
    assert [f.words for f in lexicon.forms_starting_with("minaccia", None)] == [("mina*",)]
    assert lexicon.forms_starting_with("ministro", None) == ()
    folded = ["il", "ministro", "minaccia", "di", "mettere", "in", "dubbio"]
    may_start = lexicon.where_forms_may_start(folded)
    assert {2, 4} <= set(may_start) and 0 not in may_start  # a superset of where forms start, no more


def test_addressee_markers_of_several_words_are_found_by_their_last_word():
    lexicon = default_lexicon()
    words = split_words("ha parlato nei confronti di Rossi e con Bianchi e di Verdi")
    at = {w.text: w.i for w in words}
    assert after_addressee_marker(words, at["Rossi"], lexicon)
    assert after_addressee_marker(words, at["Bianchi"], lexicon)
    assert not after_addressee_marker(words, at["Verdi"], lexicon)  # "di" alone marks no one addressed
    assert not after_addressee_marker(words, 0, lexicon)


def test_a_phrase_of_no_words_marks_nothing():
    lexicon = parse_lexicon(
        """
cues: []
addressee_markers: [a, "«»"]
listing_phrases: ["«»", che ho nominato]
"""
    )
    assert lexicon.addressee_markers == [("a",)]
    assert lexicon.listing_phrases == [("che", "ho", "nominato")]


def test_name_runs_are_two_to_four_capitalised_words_with_particles_inside():
    lexicon = default_lexicon()
    text = (
        "Il senatore Antonio Di Pietro ha incontrato Romano Prodi di sera. "
        "La Corte Suprema ha sentito George W. Bush, Mario Carlo Luigi Piero Paolo e Rossi."
    )
    runs = [" ".join(w.text for w in run) for run in _capitalised_runs(text, _WordIndex(TextWords(text)), lexicon)]
    assert "Antonio Di Pietro" in runs
    assert "Romano Prodi" in runs  # the particle after the name ("di sera") is no part of it
    assert "George W. Bush" in runs
    assert not any(run.startswith(("Il", "La", "Corte")) for run in runs)  # words that only start sentences
    assert not any("Mario" in run for run in runs)  # five capitalised words are no one's name
    assert "Rossi" not in runs  # a surname alone is no run


def test_a_name_run_stays_within_its_line():
    # a headline's last word and the next paragraph's first word are no one's name
    text = "Vertice con Bush\n\nLa Corte Suprema ha sentito Romano Prodi."
    runs = [" ".join(w.text for w in run) for run in _capitalised_runs(text, _WordIndex(TextWords(text)), default_lexicon())]
    assert runs == ["Romano Prodi"]


def test_the_word_index_finds_words_by_folded_and_written_form():
    index = _WordIndex(TextWords("Il Governo e il governo della Corte; la corte tace"))
    assert [w.text for w in index.folded_in({"governo"})] == ["Governo", "governo"]
    assert [w.text for w in index.written_in({"Corte"})] == ["Corte"]
    assert [index.words[i].text for i in index.capitalised_at] == ["Il", "Governo", "Corte"]

"""How the mention index resolves names, titles, organisations and descriptions (invented sentences)."""
from __future__ import annotations

from quotetrack.analysis import analyse
from quotetrack.models import Article


def names(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.name) for m in analyse(Article(id="x", text=text)).mentions]


def test_a_name_suffix_after_a_preposition_keeps_the_name_whole_and_a_shorter_form_takes_it():
    assert names("La gara è andata contro Duke Tamberlani Jr.. Duke Tamberlani ha detto che tornerà.") == [
        ("Duke Tamberlani Jr.", "Duke Tamberlani Jr."), ("Duke Tamberlani", "Duke Tamberlani Jr.")]

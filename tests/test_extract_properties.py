"""Properties that hold for any text: extraction never raises, offsets always point at the quote, and large or
hostile inputs (hundreds of kilobytes of paragraphs, 10^5 unclosed quote marks, one endless line) finish. That time
grows linearly up to a megabyte is measured by `bench/linearity.py`, not here."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.analysis import analyse
from quotetrack.extract import extract_statements
from quotetrack.models import STATEMENT_KINDS, Article

PIECES = st.sampled_from([
    "«", "»", "“", "”", "„", "‘", "’", '"', "'", ":", ",", ".", "!", "?", "…", " - ", "\n", "\n\n", " ", "(", ")",
    "ha detto che", "secondo", "Secondo", "ha dichiarato", "sostenendo che", "Lo ha confermato", "di", "che", "e",
    "Mario Rossi", "il presidente Usa", "Putin", "un funzionario russo", "il governo", "l’intesa", "On.", "J.",
    "il tycoon", "accusandolo di", "ha definito", "come", "parla di", "si è detto", "Ha poi aggiunto",
])


def check(text: str) -> None:
    doc = analyse(Article("p", text, published=date(2025, 3, 20)))
    for t in doc.tokens:
        assert text[t.start : t.end] == t.text
    statements = extract_statements(doc)
    for s in statements:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.quote
        assert s.kind in STATEMENT_KINDS and 0 <= s.confidence <= 1
        assert s.speaker is None or s.speaker.strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_any_mix_of_quote_marks_and_cues(text):
    check(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_unicode_text(text):
    check(text)


def finishes(text: str, seconds: float = 240) -> list:
    """Run extraction in a thread and wait for it (a generous bound: the point is that it ends, not how fast)."""
    result: list = []

    def work():
        result.append(extract_statements(analyse(Article("big", text, published=date(2025, 3, 20)))))

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "extraction did not finish"
    return result[0]


def test_hundreds_of_kilobytes_of_paragraphs():
    paragraph = ("Il ministro Carlo Neri ha detto che «il governo non cadrà», mentre secondo una fonte vicina al partito "
                 "la crisi è grave. «Andremo avanti», ha aggiunto Neri. Lo ha confermato il suo portavoce.\n")
    text = paragraph * (200_000 // len(paragraph))
    statements = finishes(text)
    assert len(statements) == 3 * (len(text) // len(paragraph))  # ha detto che, secondo, ha aggiunto


def test_a_hundred_thousand_opening_marks_and_no_closing_one():
    assert finishes("disse «" * 100_000) == ()


def test_an_endless_line():
    text = ("parola, ha detto che " * 10_000)[:200_000]
    finishes(text)


def test_a_clitic_is_stripped_the_same_way_in_every_python_process():
    """`chiedendogli` loses `gli`, not `li`, whatever order a set of clitics comes in: the order changes with the
    hash seed of each process, and so did a content's end."""
    code = ("from quotetrack.extract.content import _strip_clitics; from quotetrack.lang import get; "
            "print(_strip_clitics('chiedendogli', get('it')))")
    seen = set()
    for seed in ("1", "4", "6", "11"):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        seen.add(done.stdout.strip())
    assert seen == {"chiedendo"}

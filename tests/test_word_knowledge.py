"""The lemma and zipf lookups that skip simplemma's and wordfreq's own pipelines give the numbers those give."""
import random
import unicodedata

import simplemma
from wordfreq import get_frequency_dict, zipf_frequency

from quotetrack.lang import _lemma, _lemma_dictionary, _listed_zipf, _zipf


def _sample(words, n, seed):
    words = sorted(words)
    return random.Random(seed).sample(words, min(n, len(words)))


def test_listed_zipf_is_wordfreqs_number():
    listed = [w for w in get_frequency_dict("it") if w.isascii() and w.isalpha() and w.islower()]
    unlisted = ["zqxv", "blorptendo", "kkkk"]
    for word in _sample(listed, 3000, 1) + unlisted:
        assert _listed_zipf("it", word) == zipf_frequency(word, "it"), word


def test_dictionary_lemma_is_simplemmas():
    keys = [k for k in _lemma_dictionary("it") if k.isascii() and k.isalpha()]
    others = ["zqxv", "blorptendo", "perché", "Dicevano", "l'uomo", "2024"]
    for word in _sample(keys, 3000, 2) + others:
        assert _lemma.__wrapped__("it", word) == simplemma.lemmatize(word, lang="it"), word


def test_accented_dictionary_lemma_is_simplemmas():
    """Accented forms the dictionary lists (`sarà`) are read from it too; a decomposed spelling (NFD) is left to
    simplemma, which normalises it first."""
    keys = [k for k in _lemma_dictionary("it") if not k.isascii() and k.isalpha()]
    decomposed = [unicodedata.normalize("NFD", w) for w in ("sarà", "perché", "città")]
    for word in _sample(keys, 3000, 3) + decomposed:
        assert _lemma.__wrapped__("it", word) == simplemma.lemmatize(word, lang="it"), word


def test_accented_listed_zipf_is_wordfreqs_number():
    """Accented lower-case words (`città`) skip wordfreq's tokenizer too; forms it would change first (a decomposed
    accent, `ß`, a ligature, capitals) and words it cuts in two still go through it."""
    listed = [w for w in get_frequency_dict("it") if not w.isascii() and w.isalpha() and w.islower()]
    changed = ["straße", "ﬁne", unicodedata.normalize("NFD", "città"), "Città", "emilia-romagna", "h2o"]
    for word in _sample(listed, 3000, 4) + ["perù", "blorptà"] + changed:
        assert _zipf.__wrapped__("it", word) == zipf_frequency(word, "it"), word


def test_an_accented_word_skips_wordfreqs_tokenizer(monkeypatch):
    import wordfreq

    expected = zipf_frequency("perché", "it")
    monkeypatch.setattr(wordfreq, "zipf_frequency", lambda *_: 1 / 0)
    assert _zipf.__wrapped__("it", "perché") == expected

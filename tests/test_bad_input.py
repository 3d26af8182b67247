"""Bad input: each problem becomes one ReadFailure naming it, and the good files of the same batch still come through."""
from __future__ import annotations

import json
import os
import random
import sys

import pytest

from quotetrack import ingest
from quotetrack.ingest import read_paths
from quotetrack.models import Article, ReadFailure, Skipped

NOISE = random.Random(7).randbytes(4000)  # random bytes: NULs among them
HIGH_NOISE = bytes(b | 0x80 for b in random.Random(3).randbytes(3000))  # no NULs, not UTF-8, no legacy text
GOOD = "Roma, 12 marzo 2025 - «Andiamo avanti», ha detto la premier."


def read_batch(tmp_path, name: str, content: bytes | str) -> tuple[list[Article], list[ReadFailure]]:
    """Read a folder holding one good article and the bad file; split the results."""
    (tmp_path / "buono.txt").write_text(GOOD, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return split(read_paths([str(tmp_path)]))


def split(results) -> tuple[list[Article], list[ReadFailure]]:
    results = list(results)
    return [r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, ReadFailure)]


def assert_one_failure(tmp_path, name, content, reason):
    articles, failures = read_batch(tmp_path, name, content)
    assert [a.text for a in articles if a.id == "buono"] == [GOOD]
    assert len(failures) == 1, failures
    assert failures[0].path.startswith(str(tmp_path / name))
    assert reason in failures[0].reason, failures[0]
    return articles, failures


@pytest.mark.parametrize("name, content, reason", [
    ("vuoto.txt", b"", "empty file"),
    ("spazi.txt", b"  \n\t\n   \r\n", "only whitespace"),
    ("documento.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF)"),
    ("immagine.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
    ("casuale.txt", NOISE, "binary file"),
    ("controlli.txt", b"abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50, "binary file (control characters)"),
    ("indecifrabile.txt", HIGH_NOISE, "cannot decode"),
    ("solo-testa.html", "<html><head><title>Solo titolo</title></head></html>", "no text"),
    ("rotto.json", '{"text": "Testo",\n "title": }', "invalid JSON at line 2 column 11"),
    ("annidato.json", "[" * 100_000 + "]" * 100_000, "too deeply nested"),
    ("scalare.json", "42", "JSON must be an object or a list of objects"),
    ("frontmatter.md", "---\ntitle: [non chiusa\n---\n\nTesto.", "invalid YAML front matter"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 30 else "")
def test_a_bad_file_is_one_clear_failure_and_the_batch_goes_on(tmp_path, name, content, reason):
    assert_one_failure(tmp_path, name, content, reason)


def test_a_file_over_the_size_limit_fails_fast_without_being_read(tmp_path, monkeypatch):
    big = tmp_path / "enorme.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "buono.txt").write_text(GOOD, encoding="utf-8")
    opened = []
    real_open = ingest.Path.open
    monkeypatch.setattr(ingest.Path, "open", lambda self, *a, **k: opened.append(self.name) or real_open(self, *a, **k))
    articles, failures = split(read_paths([str(tmp_path)]))
    assert [a.id for a in articles] == ["buono"]
    assert [(f.path, f.reason) for f in failures] == [(str(big), "file too large (50.0 MB > 20 MB)")]
    assert opened == ["buono.txt"]


def test_deeply_nested_html_is_read_without_recursion_error(tmp_path):
    depth = max(sys.getrecursionlimit() * 3, 5000)
    markup = "<html><body>" + "<div>" * depth + "<p>Testo profondo.</p>" + "</div>" * depth + "</body></html>"
    (tmp_path / "profondo.html").write_text(markup, encoding="utf-8")
    [article] = read_paths([str(tmp_path / "profondo.html")])
    assert article.text == "Testo profondo."


def test_html_without_body_or_truncated_still_gives_its_text(tmp_path):
    (tmp_path / "frammento.html").write_text("<p>Solo un paragrafo.</p><p>E un altro.", encoding="utf-8")
    (tmp_path / "troncato.html").write_text("<html><body><article><p>Inizio del testo</p><p>Poi si inter",
                                            encoding="utf-8")
    articles, failures = split(read_paths([str(tmp_path)]))
    assert not failures
    assert [a.text for a in articles] == ["Solo un paragrafo.\n\nE un altro.", "Inizio del testo\n\nPoi si inter"]


def test_a_broken_jsonl_line_fails_alone_and_the_other_records_are_read(tmp_path):
    lines = [json.dumps({"text": "Primo."}), '{"text": "Secondo', json.dumps({"text": "Terzo."})]
    articles, failures = assert_one_failure(tmp_path, "feed.jsonl", "\n".join(lines), "invalid JSON")
    assert str(failures[0]).startswith(f"{tmp_path / 'feed.jsonl'}:line 2: invalid JSON")
    assert [a.text for a in articles if a.id.startswith("feed")] == ["Primo.", "Terzo."]


def test_a_record_without_text_is_named_and_the_others_are_read(tmp_path):
    records = [{"id": "a", "text": "Primo."}, {"id": "b", "title": "Senza testo"}, {"id": "c", "body": "Terzo."}]
    articles, _ = assert_one_failure(tmp_path, "lista.json", json.dumps(records), "record 2 has no 'text' or 'body'")
    assert [a.id for a in articles if a.id != "buono"] == ["a", "c"]


def test_a_json_file_of_non_articles_named_explicitly_is_one_failure_not_one_per_record(tmp_path):
    path = tmp_path / "entita.json"
    path.write_text(json.dumps([{"label": "PER", "start": 0}] * 30), encoding="utf-8")
    [failure] = read_paths([str(path)])
    assert failure.reason == "none of its 30 records has 'text' or 'body'"


def test_an_explicit_unknown_extension_is_unsupported_but_skipped_inside_folders(tmp_path):
    (tmp_path / "buono.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "scheda.pdf").write_bytes(b"%PDF-1.4")
    assert list(read_paths([str(tmp_path)]))[1:] == [Skipped(str(tmp_path / "scheda.pdf"), "unsupported format")]
    [failure] = read_paths([str(tmp_path / "scheda.pdf")])
    assert failure.reason == "unsupported format .pdf"


def test_a_missing_path_is_a_failure(tmp_path):
    results = list(read_paths([str(tmp_path / "manca.txt"), "-"], stdin=__import__("io").StringIO(GOOD)))
    assert results[0] == ReadFailure(str(tmp_path / "manca.txt"), "not found")
    assert results[1].text == GOOD


def test_a_dangling_symlink_in_a_folder_is_a_failure(tmp_path):
    os.symlink(tmp_path / "sparito.txt", tmp_path / "collegamento.txt")
    articles, failures = read_batch(tmp_path, "altro.txt", GOOD)
    assert len(articles) == 2
    assert [f.reason for f in failures] == [f"broken symlink (points to {tmp_path / 'sparito.txt'})"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking_on_it(tmp_path):
    os.mkfifo(tmp_path / "tubo.txt")
    articles, failures = read_batch(tmp_path, "altro.txt", GOOD)
    assert len(articles) == 2
    assert [f.reason for f in failures] == ["not a regular file (FIFO)"]


def test_symlink_loops_are_failures_not_endless_walks(tmp_path):
    (tmp_path / "sotto").mkdir()
    os.symlink(tmp_path, tmp_path / "sotto" / "su")  # a folder link back to an ancestor
    os.symlink(tmp_path / "se-stesso.txt", tmp_path / "se-stesso.txt")  # a link to itself
    articles, failures = read_batch(tmp_path, "altro.txt", GOOD)
    assert len(articles) == 2
    assert sorted(f.reason.split(" (")[0] for f in failures) == ["symlink loop", "symlink loop"]


def test_a_symlink_cannot_lead_out_of_the_folder_being_read(tmp_path):
    outside = tmp_path / "fuori"
    outside.mkdir()
    (outside / "segreto.txt").write_text("Questo testo sta fuori dalla cartella letta.", encoding="utf-8")
    folder = tmp_path / "corpus"
    (folder / "sotto").mkdir(parents=True)
    (folder / "buono.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(outside, folder / "scorciatoia")  # a folder link out
    os.symlink(outside / "segreto.txt", folder / "sotto" / "copia.txt")  # a file link out
    os.symlink(folder / "buono.txt", folder / "sotto" / "stesso.txt")  # a link that stays inside is read
    articles, failures = split(read_paths([str(folder)]))
    assert [a.text for a in articles] == [GOOD, GOOD]
    assert sorted(f.reason for f in failures) == [
        f"symlink leads out of the folder being read (to {outside})",
        f"symlink leads out of the folder being read (to {outside / 'segreto.txt'})",
    ]
    assert [a.text for a in read_paths([str(folder / "scorciatoia")])] == [  # named, it is the user's choice
        "Questo testo sta fuori dalla cartella letta."]


@pytest.mark.parametrize("stray", [b"\xe8", b"\xff\xfe", b"\x80"])
def test_a_stray_byte_in_utf8_text_is_replaced_with_a_warning_not_read_as_cp1252(tmp_path, stray):
    text = "Perché la città è già lì: «più forza», disse il sindaco."
    path = tmp_path / "quasi.txt"
    path.write_bytes(text.encode("utf-8") + stray)
    warning, article = read_paths([str(path)])
    assert article.text.startswith(text) and "Ã" not in article.text and article.text.endswith("\ufffd")
    assert (warning.path, warning.reason.split(" (")[0]) == (str(path), f"{len(stray)} invalid UTF-8 sequence"
                                                            + ("s" if len(stray) > 1 else ""))


def test_a_legacy_file_with_one_utf8_character_pasted_in_stays_legacy(tmp_path):
    text = "Perché la città è già lì, più forte di prima, disse il sindaco."
    path = tmp_path / "vecchio.txt"
    path.write_bytes(text.encode("cp1252") + " “".encode("utf-8"))
    [article] = read_paths([str(path)])
    assert article.text.startswith(text)

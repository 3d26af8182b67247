"""`quotetrack evaluate`: the scoring rules of shared/spec/extract-jsonl.md."""
import json

from click.testing import CliRunner

from quotetrack.cli import cli
from quotetrack.evaluate import format_table, match, score


def rec(quote, speaker="Mario Rossi", kind="direct", article="a", targets=(), **extra):
    return {"article": article, "quote": quote, "kind": kind, "speaker": speaker, "targets": list(targets), **extra}


def test_half_token_overlap_of_the_longer_quote_is_a_match():
    gold = [rec("il governo non cadrà prima di giugno")]  # 7 tokens
    assert match(gold, [rec("il governo non cadrà")]) == [(0, 0)]  # 4/7 ≥ 0.5
    assert match(gold, [rec("il governo")]) == []  # 2/7 < 0.5


def test_matching_is_one_to_one_best_overlap_first():
    gold = [rec("la guerra finirà presto"), rec("la guerra finirà presto e bene")]
    system = [rec("la guerra finirà presto e bene")]
    assert match(gold, system) == [(1, 0)]


def test_optional_gold_is_neither_a_miss_nor_a_false_positive():
    gold = [rec("primo punto del discorso"), rec("secondo punto del discorso", optional=True)]
    assert score(gold, [rec("primo punto del discorso")]).recall == 1.0
    both = score(gold, [rec("primo punto del discorso"), rec("secondo punto del discorso")])
    assert (both.precision, both.recall, both.system) == (1.0, 1.0, 1)


def test_speaker_matches_by_alias_transliteration_or_surname_ignoring_accents():
    gold = [rec("nessuna resa", speaker="Volodymyr Zelensky"), rec("avanti così", speaker="Nicolás Maduro")]
    system = [rec("nessuna resa", speaker="Zelenskyj"), rec("avanti così", speaker="maduro")]
    assert score(gold, system).speaker_accuracy == 1.0
    system[1]["speaker"] = "Nicolás Madura"
    assert score(gold, system).speaker_accuracy == 0.5


def test_anonymous_speakers_do_not_match_on_a_shared_last_word():
    gold = [rec("ci saranno ritorsioni", speaker="funzionario russo")]
    assert score(gold, [rec("ci saranno ritorsioni", speaker="ministro russo")]).speaker_accuracy == 0.0


def test_recall_by_kind_and_reported_recall():
    gold = [rec("a b c d", kind="direct"), rec("e f g h", kind="indirect"), rec("i l m n", kind="mixed")]
    scores = score(gold, [rec("e f g h")])
    assert scores.by_kind == {"direct": (0, 1), "mixed": (0, 1), "indirect": (1, 1)}
    assert scores.reported_recall == 0.5


def test_stance_macro_f1_counts_a_missing_target_as_a_wrong_label():
    gold = [
        rec("x y z w", targets=[{"entity": "Russia", "stance": "oppose"}, {"entity": "Cina", "stance": "neutral"}])
    ]
    system = [rec("x y z w", targets=[{"entity": "Mosca", "stance": "oppose"}])]  # metonym of Russia
    scores = score(gold, system)
    assert scores.as_dict()["target_recall"] == 0.5
    assert scores.stance_f1 == {"oppose": 1.0, "neutral": 0.0}
    assert scores.stance_macro_f1 == 0.5


def test_perfect_system_scores_one_everywhere_and_table_lists_figures():
    gold = [rec("tutto bene", targets=[{"entity": "NATO", "stance": "support"}])]
    table = format_table(score(gold, gold))
    assert any(line.startswith("quote F1") and line.endswith("1.000") for line in table.splitlines())
    assert score(gold, gold).as_dict()["end_to_end_f1"] == 1.0


def test_cli_scores_a_system_file_as_json(tmp_path):
    gold = tmp_path / "gold.jsonl"
    system = tmp_path / "system.jsonl"
    gold.write_text(json.dumps(rec("uno due tre quattro")) + "\n" + json.dumps(rec("cinque sei sette")) + "\n")
    system.write_text(json.dumps(rec("uno due tre quattro")) + "\n")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(system), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert (figures["quote_precision"], figures["quote_recall"]) == (1.0, 0.5)


def test_cli_reports_a_broken_gold_line_without_traceback(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article": "a", "quote": "x"}\n{broken\n')
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(gold)])
    assert result.exit_code == 1
    assert "gold.jsonl:2: invalid JSON" in result.output
    assert "Traceback" not in result.output

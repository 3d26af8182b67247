"""Training and cross-validation: the models rebuild the same from the same gold, a user's models are used when
$QUOTETRACK_LEARNED points at them, and `evaluate --cv` scores each article with models that never saw it."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from quotetrack.cli import cli
from quotetrack.evaluate import f_beta
from quotetrack.train import fold_of

pytestmark = pytest.mark.shared

ARTICLES = [f"{n:03d}" for n in range(1, 31)]


@pytest.fixture(scope="module")
def gold(wikinews_dir, tmp_path_factory):
    """Thirty annotated gold-dev articles, as a user's own gold folder."""
    folder = tmp_path_factory.mktemp("gold")
    for name in ARTICLES:
        (folder / f"{name}.jsonl").write_text((wikinews_dir / "gold-dev" / f"{name}.jsonl").read_text(encoding="utf-8"))
    return folder


def test_train_writes_every_model_and_the_same_gold_gives_the_same_files(gold, wikinews_dir, tmp_path):
    runs = []
    for run in ("a", "b"):
        result = CliRunner().invoke(cli, ["train", str(gold), "--corpus", str(wikinews_dir), "--engine", "builtin",
                                          "--out", str(tmp_path / run)])
        assert result.exit_code == 0, result.output
        runs.append({p.name: p.read_text(encoding="utf-8") for p in sorted((tmp_path / run / "builtin").iterdir())})
    assert sorted(runs[0]) == ["speakers.json", "stance_oppose.json", "stance_support.json", "stance_targets.json",
                               "statements.json"]
    assert runs[0] == runs[1]
    statements = json.loads(runs[0]["statements.json"])
    assert statements["format"] == "quotetrack-model/1" and statements["meta"]["articles"] == len(ARTICLES)


def test_a_users_models_are_used_when_quotetrack_learned_points_at_them(gold, wikinews_dir, tmp_path, monkeypatch):
    from quotetrack.learned import shipped

    out = tmp_path / "mine"
    result = CliRunner().invoke(cli, ["train", str(gold), "--corpus", str(wikinews_dir), "--engine", "builtin",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    packaged = shipped("builtin", "statements")
    monkeypatch.setenv("QUOTETRACK_LEARNED", str(out))
    mine = shipped("builtin", "statements")
    assert mine.meta["articles"] == len(ARTICLES) != packaged.meta["articles"]
    extracted = CliRunner().invoke(cli, ["extract", str(wikinews_dir / "001.txt"), "--engine", "builtin",
                                         "--format", "jsonl"])
    assert extracted.exit_code == 0 and extracted.stdout.strip()


def test_too_few_articles_to_train_is_one_line(seeds_dir, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text((seeds_dir / "expected.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["train", str(gold), "--corpus", str(seeds_dir), "--engine", "builtin",
                                      "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "too few annotated articles" in result.output and "Traceback" not in result.output


def test_evaluate_cv_scores_every_article_with_models_trained_on_the_other_folds(gold, wikinews_dir):
    result = CliRunner().invoke(cli, ["evaluate", str(gold), "--corpus", str(wikinews_dir), "--cv", "3",
                                      "--engine", "builtin", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["cross_validation_folds"] == 3 and scores["gold"] > 50
    assert 0 < scores["quote_f1"] < 1 and 0 <= scores["speaker_accuracy"] <= 1
    assert {fold_of(a, 3) for a in ARTICLES} == {0, 1, 2}  # every fold holds articles: each is scored once


def test_cv_needs_the_articles(gold):
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(gold / "001.jsonl"), "--cv", "3"])
    assert result.exit_code == 2 and "--cv needs --corpus" in result.output


def test_another_reading_of_a_gold_statement_is_neither_a_positive_nor_a_negative_example():
    """The classifier learns from the candidate a gold statement matches best; a second candidate that would match it
    too (the quotation inside `ha definito X «…»`) is no wrong statement, so it is left out of training."""
    from quotetrack.analysis import analyse
    from quotetrack.models import Article
    from quotetrack.train import Annotated, statement_examples

    text = "Il ministro ha definito la riforma «un passo necessario per tutto il paese». Poi è partito per Bruxelles."
    gold = [{"article": "t", "quote": "la riforma «un passo necessario per tutto il paese»", "kind": "mixed",
             "speaker": "ministro"}]
    _, labels, _, candidates = statement_examples(Annotated(analyse(Article("t", text)), gold))
    assert {text[c.start : c.end]: label for c, label in zip(candidates, labels)} == {
        "la riforma «un passo necessario per tutto il paese»": 1, "un passo necessario per tutto il paese": None}


def test_a_models_scores_are_lightgbms_own_predictions_row_by_row():
    """`Model.scores` predicts one row at a time through LightGBM's fast path: the numbers must be those of
    `Booster.predict` on the whole matrix, whatever features a row has (none, unknown ones, all of them)."""
    import random

    import lightgbm

    from quotetrack.learned import _matrix, fit

    draw = random.Random(3)
    names = [f"f{k}" for k in range(12)]
    rows = [{name: draw.random() for name in names if draw.random() < 0.6} for _ in range(300)]
    labels = [int(row.get("f0", 0.5) + row.get("f3", 0.5) > 1.0) for row in rows]
    model = fit(rows, labels, rounds=30)
    asked = [{}, {"unknown": 1.0}, dict.fromkeys(names, 0.25), *rows[:40]]
    expected = lightgbm.Booster(model_str=model.booster_text).predict(_matrix(asked, model._index), num_threads=1)
    assert model.scores(asked) == expected.tolist()
    assert model.scores([]) == []


def test_the_target_threshold_weighs_recall_more_than_precision():
    # a missed target costs its stance too, a spurious one only precision: of two operating points with the same F1,
    # the one with more recall is preferred
    assert f_beta(0.5, 0.7, 1.5) > f_beta(0.7, 0.5, 1.5)
    assert f_beta(0.5, 0.7, 1.0) == pytest.approx(f_beta(0.7, 0.5, 1.0)) == pytest.approx(2 * 0.35 / 1.2)
    assert f_beta(0.0, 0.0, 1.5) == 0.0


def test_the_target_threshold_may_lie_below_one_tenth():
    # the classifier gives few pairs much: when the targets score 0.05 to 0.13 and most of the rest 0.03, the best
    # threshold lies between (a grid starting at 0.1 lost half the targets)
    from quotetrack.train import _target_threshold

    row = {"rule_score": 0.0, "in_quote": 1}
    targets = [(score, 1, row) for score in (0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.13)]
    scored = targets + [(0.03, 0, row)] * 20 + [(0.15, 0, row)] * 2 + [(0.2, 0, row)] * 2
    assert 0.03 < _target_threshold(scored, 8) < 0.1


def test_a_threshold_is_chosen_on_a_broad_top_not_a_lone_peak():
    # one threshold's figure above its neighbours is noise of the inner split; a broad top is where the best lies
    from quotetrack.train import _smoothed_best

    grid = [t / 10 for t in range(1, 10)]
    figure = dict(zip(grid, [0.2, 0.9, 0.2, 0.3, 0.7, 0.8, 0.8, 0.7, 0.3]))
    assert _smoothed_best(grid, figure.get, reach=1) == 0.6


def test_a_padded_grid_end_is_averaged_over_as_many_neighbours_as_the_rest():
    # cut short at the grid's end, the window of a rising curve's end holds its best values alone
    from quotetrack.train import _smoothed_best

    grid = [t / 10 for t in range(1, 10)]
    figure = {0.0: 0.1, **dict(zip(grid, [0.8, 0.7, 0.75, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1]))}
    assert _smoothed_best(grid, figure.get, reach=1) == 0.1
    assert _smoothed_best(grid, lambda t: figure.get(round(t, 1), 0.1), reach=1, padded=True) == 0.2


def test_the_stance_thresholds_are_chosen_on_a_broad_top():
    from quotetrack.train import STANCE_GRID, _around

    figure = {(s, o): 0.5 for s in STANCE_GRID for o in STANCE_GRID}
    lone, broad = (STANCE_GRID[2], STANCE_GRID[2]), (STANCE_GRID[10], STANCE_GRID[10])
    figure[lone] = 0.7
    for s in STANCE_GRID[9:12]:
        for o in STANCE_GRID[9:12]:
            figure[(s, o)] = 0.65
    assert max(figure, key=lambda pair: _around(figure, pair)) == broad


def test_the_gold_speaker_carried_over_keeps_the_kind_of_its_mention():
    """The ranker sees its own earlier choice carried over with that choice's kind (an organisation stays one), so
    training carries the gold speaker over with the kind of the mention the annotators pointed at, not always a
    person's."""
    from quotetrack.analysis import analyse
    from quotetrack.models import Article
    from quotetrack.train import Annotated

    text = ("La società Ferrovie Lombarde ha detto che i treni torneranno in orario da lunedì. "
            "Ha poi aggiunto che i lavori sulla linea finiranno entro l'estate.")
    gold = [{"article": "t", "quote": "i treni torneranno in orario da lunedì", "kind": "indirect",
             "speaker": "Ferrovie Lombarde", "speaker_mention": "La società Ferrovie Lombarde"},
            {"article": "t", "quote": "i lavori sulla linea finiranno entro l'estate", "kind": "indirect",
             "speaker": "Ferrovie Lombarde", "speaker_mention": "La società Ferrovie Lombarde"}]
    item = Annotated(analyse(Article("t", text)), gold)
    _, _, carried = item.speaker_options[1]
    carried = [o for o in carried if o.mention is None]
    assert [(o.name, o.kind) for o in carried] == [("Ferrovie Lombarde", "organisation")]


def test_the_statement_threshold_counts_a_match_of_an_optional_gold_statement_neither_way():
    """`evaluate` counts a statement matching an optional gold record neither as right nor as a false one; the
    threshold's tuning counts the same, or it would prefer thresholds that keep optional statements."""
    from quotetrack.train import right_and_kept

    right, optional, wrong, other_reading = object(), object(), object(), object()
    label_of = {id(right): 1, id(optional): 1, id(wrong): 0, id(other_reading): None}
    assert right_and_kept([right, optional, wrong, other_reading], label_of, {id(optional)}) == (2, 3)
    assert right_and_kept([optional], label_of, {id(optional)}) == (0, 0)

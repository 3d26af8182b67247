"""Learned models: rows of named features in, scores out; stored as text files in the package, never pickles.

A model is a LightGBM booster plus the names of its features and the decision threshold chosen when it was trained,
written as one JSON document (the booster in LightGBM's own text format inside it). `quotetrack train` rebuilds every
model from gold annotations deterministically (one thread, fixed seeds), so a user can retrain on their own outlets.
"""
from __future__ import annotations

import ctypes
import json
import math
import os
from array import array
from collections import deque
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat
from operator import setitem
from pathlib import Path
from typing import Sequence

FORMAT = "quotetrack-model/1"

# Small, regularised trees: a few thousand rows of training data, and a prediction cost paid for every candidate.
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.08,
    "num_leaves": 15,
    "min_data_in_leaf": 8,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 1,
    "deterministic": True,
    "force_row_wise": True,
    "seed": 7,
    "verbose": -1,
}
ROUNDS = 120


@dataclass
class Model:
    """A trained model: `scores(rows)` gives each row's probability of being a positive example."""

    features: list[str]
    booster_text: str
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index = {name: k for k, name in enumerate(self.features)}
        self._predictor: _RowPredictor | None = None

    def scores(self, rows: Sequence[dict[str, float]]) -> list[float]:
        if not rows:
            return []
        if self._predictor is None:
            self._predictor = _RowPredictor(self.booster_text, self._index)
        return self._predictor.scores(rows)

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "features": self.features, "threshold": self.threshold,
                           "meta": self.meta, "lightgbm": self.booster_text}, ensure_ascii=False, indent=0)

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def from_json(cls, text: str, origin: str = "<model>") -> "Model":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{origin}: not a quotetrack model ({exc.msg})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"{origin}: not a quotetrack model (expected format {FORMAT})")
        return cls(list(data["features"]), data["lightgbm"], float(data.get("threshold", 0.5)), data.get("meta") or {})


def fit(rows: Sequence[dict[str, float]], labels: Sequence[int], threshold: float = 0.5, meta: dict | None = None,
        rounds: int = ROUNDS) -> Model:
    """Train a binary model on feature rows; the feature list is every name seen, sorted (deterministic)."""
    import lightgbm
    import numpy

    features = sorted({name for row in rows for name in row})
    matrix = _matrix(rows, {name: k for k, name in enumerate(features)})
    data = lightgbm.Dataset(matrix, label=numpy.asarray(labels, dtype=float), free_raw_data=True,
                            params={"verbose": -1})
    booster = lightgbm.train(PARAMS, data, num_boost_round=rounds)
    return Model(features, booster.model_to_string(), threshold, meta or {})


def _matrix(rows: Sequence[dict[str, float]], index: dict[str, int]):
    """The rows as one float matrix, a column per feature of `index` (NaN where a row lacks it; features outside
    `index` left out). A NaN matrix, then each row's own few features set in place: cheaper than building every
    cell as a Python float and converting them all."""
    import numpy

    matrix = numpy.full((len(rows), len(index)), numpy.nan)
    for line, row in zip(matrix, rows):
        _fill(line, row, index)
    return matrix


def _fill(line, row: dict[str, float], index: dict[str, int]) -> None:
    """Set a row's features in its line of columns (`index`: feature → column); features outside `index` are left
    out, the other cells keep what they hold (NaN: missing)."""
    for k, value in zip(map(index.get, row), row.values()):  # the columns looked up in C, a pass over the row
        if k is not None:
            line[k] = value


class _RowPredictor:
    """A booster scoring one row at a time through LightGBM's fast single-row prediction (its C API's
    `LGBM_BoosterPredictForMatSingleRowFast`), set up once per model.

    Extraction scores a few rows at a time, some eight times per article; `Booster.predict` parses its parameters and
    builds a new predictor on every call, which cost more than the trees themselves. The scores are the same numbers:
    the same predictor runs over the same row. The Python package has no call for this path, so it goes through the
    library the package loaded (`lightgbm.basic._LIB`, its error check and the booster's handle: names of
    lightgbm 4.x, which pyproject.toml pins)."""

    def __init__(self, booster_text: str, index: dict[str, int]):
        import lightgbm
        from lightgbm.basic import _LIB, _c_str, _safe_call

        self._lib, self._check = _LIB, _safe_call
        self._booster = lightgbm.Booster(model_str=booster_text)  # the fast configuration refers to it
        self._index = index
        # a row without any feature, and one cell past the model's columns: where a feature the model does not know
        # is written (LightGBM reads only the model's columns)
        self._missing = array("d", [math.nan]) * (len(index) + 1)
        self._unknown = repeat(len(index))
        self._config = ctypes.c_void_p()
        self._check(self._lib.LGBM_BoosterPredictForMatSingleRowFastInit(
            self._booster._handle, ctypes.c_int(_PREDICT_NORMAL), ctypes.c_int(0), ctypes.c_int(-1),
            ctypes.c_int(_FLOAT64), ctypes.c_int32(len(index)), _c_str("num_threads=1"), ctypes.byref(self._config)))

    def scores(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """Each row's score: its features laid out in the model's columns, then one prediction. The column buffer
        and the output cells are set up once per call, not once per row; a row's cells are set in C (its columns
        looked up and its values stored by `map`, no Python loop over its few dozen features)."""
        line = array("d", self._missing)
        address = ctypes.c_void_p(line.buffer_info()[0])  # slice assignment below keeps the buffer where it is
        cells = memoryview(line)  # the same buffer; a cell set through it costs a quarter less (no argument parsing)
        out, written = ctypes.c_double(), ctypes.c_int64()
        out_ref, written_ref = ctypes.byref(out), ctypes.byref(written)
        predict = self._lib.LGBM_BoosterPredictForMatSingleRowFast
        line_cells, column = repeat(cells), self._index.get
        scores = []
        for row in rows:
            cells[:] = self._missing
            deque(map(setitem, line_cells, map(column, row, self._unknown), row.values()), maxlen=0)  # consumed in C
            self._check(predict(self._config, address, written_ref, out_ref))
            scores.append(out.value)
        return scores

    def __del__(self) -> None:
        if getattr(self, "_config", None):
            self._lib.LGBM_FastConfigFree(self._config)


_PREDICT_NORMAL, _FLOAT64 = 0, 1  # C_API_PREDICT_NORMAL (probabilities), C_API_DTYPE_FLOAT64 in LightGBM's c_api.h


ENV_LEARNED = "QUOTETRACK_LEARNED"


def shipped(engine: str, name: str) -> Model | None:
    """The model `name` for an engine: from `$QUOTETRACK_LEARNED/<engine>/` when set (models a user trained with
    `quotetrack train`), else the one the package ships in `quotetrack/data/models/<engine>/`; None when neither has
    it (the caller falls back to another engine's)."""
    return _load(os.environ.get(ENV_LEARNED) or "", engine, name)


def shipped_set(engine: str, names: Sequence[str], what: str) -> list[Model]:
    """The models `names` of an engine, else those of the built-in engine (a set is never a mix of engines); `what`
    names the set in the error raised when neither has them all."""
    found = _load_set(os.environ.get(ENV_LEARNED) or "", engine, tuple(names))
    if found is None:
        raise RuntimeError(f"quotetrack's {what} models are missing from the package; rebuild them with `quotetrack train`")
    return list(found)


@cache
def _load_set(folder: str, engine: str, names: tuple[str, ...]) -> tuple[Model, ...] | None:
    """`shipped_set`'s answer, found once: every article asks for its stages' models (the environment is still read
    each time, so a folder set later is honoured)."""
    for name in (engine, "builtin"):
        found = tuple(_load(folder, name, n) for n in names)
        if all(found):
            return found
    return None


def save_set(folder: str | Path, models: dict[str, Model]) -> list[Path]:
    """Write each model as `<folder>/<name>.json`; returns the files written."""
    written = []
    for name, model in models.items():
        path = Path(folder) / f"{name}.json"
        model.save(path)
        written.append(path)
    return written


@lru_cache(maxsize=None)
def _load(folder: str, engine: str, name: str) -> Model | None:
    if folder:
        file = Path(folder) / engine / f"{name}.json"
        if not file.is_file():
            return None
        return Model.from_json(file.read_text(encoding="utf-8"), origin=str(file))
    packaged = resources.files("quotetrack").joinpath("data", "models", engine, f"{name}.json")
    if not packaged.is_file():
        return None
    return Model.from_json(packaged.read_text(encoding="utf-8"), origin=str(packaged))

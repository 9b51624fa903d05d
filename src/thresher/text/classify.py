"""Score each line: the probability that it belongs to the article body.

Two small logistic models, shipped as ``line_model.json`` and trained by
``bench/train_text_model.py``. The first reads a line's own features and its
neighbours'; the second smooths: it reads the first model's scores around the line
(neighbours, windows, how much content lies before and after), so a short line
inside a run of paragraphs can stay and a lone paragraph among menus can go.
Both are a matrix product over the page's lines (inputs from ``model_inputs``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from numba import njit

from thresher.text.model_inputs import (
    CONTEXT_FEATURES,
    OWN_FEATURES,
    SMOOTH_FEATURES,
    smooth_features,
    stage_one_features,
)

__all__ = ["LineModel", "LogisticModel", "load_model", "score_lines"]


@njit(cache=True, nogil=True)
def _logistic(rows: np.ndarray, coef: np.ndarray, intercept: float) -> np.ndarray:
    out = np.empty(rows.shape[0])
    for i in range(rows.shape[0]):
        z = intercept
        for j in range(rows.shape[1]):
            z += rows[i, j] * coef[j]
        out[i] = 1.0 / (1.0 + np.exp(-min(max(z, -40.0), 40.0)))
    return out


@dataclass(frozen=True)
class LogisticModel:
    """Logistic regression on standardised inputs: ``sigmoid(w · (x - mean) / scale + b)``."""

    names: tuple[str, ...]
    coef: np.ndarray
    intercept: float

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """The probability of each row (one compiled loop: a page's ~130 rows made the
        half-dozen numpy calls of the matrix form cost more than the arithmetic)."""
        probability: np.ndarray = _logistic(rows, self.coef, self.intercept)
        return probability

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LogisticModel:
        # Fold the standardisation into the weights once: w / s, and a shifted intercept.
        scale = np.asarray(data["scale"], dtype=float)
        coef = np.asarray(data["weights"], dtype=float) / scale
        intercept = float(data["bias"]) - float(coef @ np.asarray(data["mean"], dtype=float))
        return cls(tuple(data["names"]), coef, intercept)


@dataclass(frozen=True)
class LineModel:
    """Both stages and the decision threshold on the smoothed score."""

    stage_one: LogisticModel
    stage_two: LogisticModel
    threshold: float


@lru_cache(maxsize=1)
def load_model() -> LineModel:
    """The packaged model (read once per process; plain JSON, no network, no pickle)."""
    raw = resources.files("thresher.text").joinpath("line_model.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    one = LogisticModel.from_dict(data["stage_one"])
    two = LogisticModel.from_dict(data["stage_two"])
    if list(one.names) != OWN_FEATURES + CONTEXT_FEATURES or list(two.names) != SMOOTH_FEATURES:
        raise RuntimeError("line_model.json does not match the feature code; retrain it")
    return LineModel(one, two, float(data["threshold"]))


def score_lines(stats: np.ndarray, model: LineModel | None = None) -> np.ndarray:
    """The smoothed body probability of each line (from ``PageStats.matrix``)."""
    if not stats.shape[1]:
        return np.zeros(0)
    model = model or load_model()
    first_rows = stage_one_features(stats)
    first = model.stage_one.predict(first_rows)
    return model.stage_two.predict(smooth_features(first, first_rows))

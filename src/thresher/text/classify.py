"""Score each line: the probability that it belongs to the article body.

Two small logistic models, shipped as ``line_model.json`` and trained by
``bench/train_text_model.py``. The first reads a line's own features and its
neighbours'; the second smooths: it reads the first model's scores around the line
(neighbours, windows, how much content lies before and after), so a short line
inside a run of paragraphs can stay and a lone paragraph among menus can go.
Both are a matrix product over the page's lines, so scoring costs microseconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from thresher.text.model_inputs import (
    CONTEXT_FEATURES,
    OWN_FEATURES,
    context_features,
    own_features,
    shifted,
    window_means,
)

__all__ = ["LineModel", "LogisticModel", "SMOOTH_FEATURES", "load_model", "score_lines",
           "smooth_features", "stage_one_features"]

SMOOTH_FEATURES = [
    "p", "p_prev", "p_next", "p_prev2", "p_next2", "p_win5", "p_win15", "p_max3",
    "mass_before", "mass_after", "log_words", "ends_sentence", "interface", "is_image", "short",
    "repeated", "p_long_prev", "p_long_next",
]


@dataclass(frozen=True)
class LogisticModel:
    """Logistic regression on standardised inputs: ``sigmoid(w · (x - mean) / scale + b)``."""

    names: tuple[str, ...]
    coef: np.ndarray
    intercept: float

    def predict(self, rows: np.ndarray) -> np.ndarray:
        z = np.clip(rows @ self.coef + self.intercept, -40.0, 40.0)
        probability: np.ndarray = 1.0 / (1.0 + np.exp(-z))
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


def stage_one_features(columns: dict[str, np.ndarray]) -> np.ndarray:
    """Own + neighbourhood features of every line (from ``PageStats.columns``), in model order."""
    own = own_features(columns)
    return np.hstack([own, context_features(own)])


def _nearest_long_score(p: np.ndarray, long: np.ndarray, *, before: bool) -> np.ndarray:
    """Score of the nearest long line strictly before (or after) each line; 0 when none."""
    n = len(p)
    index = np.arange(n)
    if before:
        last = np.maximum.accumulate(np.where(long, index, -1))
        source = shifted(last.astype(float), -1).astype(int)
        source[0] = -1
    else:
        nxt = np.minimum.accumulate(np.where(long, index, n)[::-1])[::-1]
        source = np.full(n, n)
        source[:-1] = nxt[1:]
        source[source >= n] = -1
    return np.where(source >= 0, p[np.clip(source, 0, n - 1)], 0.0)


def smooth_features(p: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Stage-two inputs: the stage-one scores around each line, and content mass around it."""
    log_words = own[:, 0]
    mass = p * log_words
    total = mass.sum() or 1.0
    before = np.cumsum(mass) - mass
    n = len(p)
    padded = np.zeros(n + 6)  # p with three zeros on each side: shifts are views, not copies
    padded[3:n + 3] = p
    prev1, next1, prev2, next2 = padded[2:n + 2], padded[4:n + 4], padded[1:n + 1], padded[5:n + 5]
    nearest = np.maximum.reduce([padded[0:n], prev2, prev1, next1, next2, padded[6:n + 6]])
    long = own[:, 1] > 0
    return np.column_stack([
        p, prev1, next1, prev2, next2,
        window_means(p, 5), window_means(p, 15), nearest,
        before / total, (total - before - mass) / total,
        log_words, own[:, 3], own[:, 11], own[:, 22], own[:, 2], own[:, 21],
        _nearest_long_score(p, long, before=True), _nearest_long_score(p, long, before=False),
    ])


def score_lines(columns: dict[str, np.ndarray], model: LineModel | None = None) -> np.ndarray:
    """The smoothed body probability of each line (from ``PageStats.columns``)."""
    if not len(columns["words"]):
        return np.zeros(0)
    model = model or load_model()
    first_rows = stage_one_features(columns)
    first = model.stage_one.predict(first_rows)
    return model.stage_two.predict(smooth_features(first, first_rows))

"""Score each line: the probability that it belongs to the article body.

Two small logistic models, shipped as ``line_model.json`` and trained by
``bench/train_text_model.py``. The first reads a line's own features and its
neighbours'; the second smooths: it reads the first model's scores around the line
(neighbours, windows, how much content lies before and after), so a short line
inside a run of paragraphs can stay and a lone paragraph among menus can go.
Inference is plain Python: a few dot products per line, no numpy needed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from thresher.text.features import (
    CONTEXT_FEATURES,
    OWN_FEATURES,
    LineStats,
    _window_means,
    context_features,
    own_features,
)

__all__ = ["LineModel", "SMOOTH_FEATURES", "load_model", "score_lines", "smooth_features",
           "stage_one_features"]

SMOOTH_FEATURES = [
    "p", "p_prev", "p_next", "p_prev2", "p_next2", "p_win5", "p_win15", "p_max3",
    "mass_before", "mass_after", "log_words", "ends_sentence", "interface", "is_image", "short",
    "repeated", "p_long_prev", "p_long_next",
]


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """Standardised logistic regression: ``sigmoid(w · (x - mean) / scale + b)``."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def predict(self, rows: list[list[float]]) -> list[float]:
        # Fold the standardisation into the weights once: w_i / s_i and a shifted bias.
        coef = [w / s for w, s in zip(self.weights, self.scale, strict=True)]
        bias = self.bias - sum(c * m for c, m in zip(coef, self.mean, strict=True))
        out = []
        for row in rows:
            z = bias + sum(c * x for c, x in zip(coef, row, strict=True))
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, list[float] | list[str] | float]) -> LogisticModel:
        return cls(tuple(data["names"]), tuple(data["mean"]), tuple(data["scale"]),  # type: ignore[arg-type]
                   tuple(data["weights"]), float(data["bias"]))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class LineModel:
    """Both stages and the decision threshold on the smoothed score."""

    stage_one: LogisticModel
    stage_two: LogisticModel
    threshold: float


@lru_cache(maxsize=1)
def load_model() -> LineModel:
    """The packaged model (read once per process; no network, no pickle)."""
    raw = resources.files("thresher.text").joinpath("line_model.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    one = LogisticModel.from_dict(data["stage_one"])
    two = LogisticModel.from_dict(data["stage_two"])
    if list(one.names) != OWN_FEATURES + CONTEXT_FEATURES or list(two.names) != SMOOTH_FEATURES:
        raise RuntimeError("line_model.json does not match the feature code; retrain it")
    return LineModel(one, two, float(data["threshold"]))


def stage_one_features(stats: list[LineStats]) -> list[list[float]]:
    """Own + neighbourhood features of every line, in model order."""
    own = own_features(stats)
    context = context_features(own)
    return [a + b for a, b in zip(own, context, strict=True)]


def smooth_features(p: list[float], stats: list[LineStats]) -> list[list[float]]:
    """Stage-two inputs: the stage-one scores around each line, and content mass around it."""
    n = len(p)
    win5 = _window_means(p, 5)
    win15 = _window_means(p, 15)
    mass = [pi * math.log1p(s.words) for pi, s in zip(p, stats, strict=True)]
    total = sum(mass) or 1.0
    before = 0.0
    rows = []
    # Score of the nearest long (>= 15 words) line before and after each line.
    long_prev: list[float] = []
    last = 0.0
    for i in range(n):
        long_prev.append(last)
        if stats[i].words >= 15:
            last = p[i]
    long_next = [0.0] * n
    last = 0.0
    for i in range(n - 1, -1, -1):
        long_next[i] = last
        if stats[i].words >= 15:
            last = p[i]
    for i, s in enumerate(stats):
        lo, hi = max(0, i - 3), min(n, i + 4)
        neighbours = [p[j] for j in range(lo, hi) if j != i]
        rows.append([
            p[i], p[i - 1] if i else 0.0, p[i + 1] if i + 1 < n else 0.0,
            p[i - 2] if i >= 2 else 0.0, p[i + 2] if i + 2 < n else 0.0,
            win5[i], win15[i], max(neighbours) if neighbours else 0.0,
            before / total, (total - before - mass[i]) / total,
            math.log1p(s.words), float(s.ends_sentence), float(s.interface), float(s.is_image),
            float(s.words <= 3), float(s.repeated), long_prev[i], long_next[i],
        ])
        before += mass[i]
    return rows


def score_lines(stats: list[LineStats], model: LineModel | None = None) -> list[float]:
    """The smoothed body probability of each line."""
    if not stats:
        return []
    model = model or load_model()
    first = model.stage_one.predict(stage_one_features(stats))
    return model.stage_two.predict(smooth_features(first, stats))

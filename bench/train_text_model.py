"""Train the text-capture line model (``src/thresher/text/line_model.json``).

Trains only on the "tune" half of ``../shared/bench/scrapinghub-text`` (pages whose
``sha256(page_id)[0] % 2 == 0``); the "check" half stays unseen for reporting.
A line's label comes from the ground truth: the share of its 4-token shingles
found in the page's true article body (a short line: its token sequence occurring
there). Each page weighs the same; within a page a line weighs by its length, as
the benchmark's metric does.

Two logistic stages (see ``thresher.text.classify``): stage two is trained on
stage-one scores predicted out of fold (5 folds by page), so it learns to smooth
honest scores, not memorised ones.

Usage: PYTHONPATH=src python bench/train_text_model.py [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from thresher.text.features import line_stats  # noqa: E402
from thresher.text.lines import split_lines  # noqa: E402
from thresher.text.model_inputs import (  # noqa: E402
    CONTEXT_FEATURES,
    OWN_FEATURES,
    SMOOTH_FEATURES,
    smooth_features,
    stage_one_features,
)

DATA = ROOT.parent / "shared" / "bench" / "scrapinghub-text"
TRUTH = ROOT.parent / "shared" / "bench" / "scrapinghub" / "ground-truth.json"
TOKEN = re.compile(r"\w+")


def split_of(page_id: str) -> str:
    """The fixed split: "tune" or "check" by the first byte of the id's SHA-256."""
    return "tune" if hashlib.sha256(page_id.encode()).digest()[0] % 2 == 0 else "check"


def line_labels(lines: list, truth: str) -> tuple[list[float], list[float]]:
    """(label in [0, 1], weight) of each line against the true body."""
    truth_tokens = TOKEN.findall(truth)
    shingles = {tuple(truth_tokens[i : i + 4]) for i in range(max(0, len(truth_tokens) - 3))}
    joined = " " + " ".join(truth_tokens) + " "
    labels, weights = [], []
    for line in lines:
        toks = TOKEN.findall(line.text) if not line.is_image else []
        if not toks:
            labels.append(0.0)
            weights.append(0.5)
            continue
        if len(toks) >= 4:
            grams = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
            share = sum(g in shingles for g in grams) / len(grams)
        else:
            share = float(" " + " ".join(toks) + " " in joined)
        labels.append(1.0 if share >= 0.5 else 0.0)
        weights.append(1.0 + len(toks) ** 0.5)
    return labels, weights


def _crops(page_id: str, lines: list, labels: list[float]) -> list[tuple[str, list]]:
    """Shorter captures cut from one page: the article with only a few lines of furniture
    around it, as a reader tool or a copy-paste gives. Without them the model learns that
    prose is body only deep inside a long page, and fails on clean or short captures."""
    true = [i for i, y in enumerate(labels) if y > 0]
    if not true:
        return []
    rng = random.Random(page_id)
    crops = []
    for margin in (rng.randint(0, 3), rng.randint(4, 15)):
        lo, hi = max(0, true[0] - margin), min(len(lines), true[-1] + 1 + rng.randint(0, margin))
        if hi - lo < len(lines):
            crops.append((f"{page_id}#crop{margin}", lines[lo:hi]))
    return crops


def load_pages(half: str, augment: bool = True) -> list[tuple[str, list, list, list[float], list[float]]]:
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    pages = []
    for path in sorted(DATA.glob("*.txt")):
        page_id = path.stem
        if split_of(page_id) != half:
            continue
        lines = split_lines(path.read_text(encoding="utf-8"), max_lines=1_000_000)
        if not lines:
            continue
        body = truth[page_id]["articleBody"]
        labels, _ = line_labels(lines, body)
        variants = [(page_id, lines)] + (_crops(page_id, lines, labels) if augment else [])
        for name, part in variants:
            part_labels, weights = line_labels(part, body)
            total = sum(weights)
            weights = [w / total for w in weights]  # every page weighs the same
            pages.append((name, part, line_stats(part), part_labels, weights))
    return pages


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1e-3, steps: int = 3000) -> dict:
    """Weighted, L2-regularised logistic regression by full-batch Adam on standardised x."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    w = w / w.sum()
    coef = np.zeros(z.shape[1])
    bias = 0.0
    m_c = np.zeros_like(coef)
    v_c = np.zeros_like(coef)
    m_b = v_b = 0.0
    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(z @ coef + bias)))
        g = w * (p - y)
        grad_c = z.T @ g + l2 * coef
        grad_b = g.sum()
        m_c = b1 * m_c + (1 - b1) * grad_c
        v_c = b2 * v_c + (1 - b2) * grad_c**2
        m_b = b1 * m_b + (1 - b1) * grad_b
        v_b = b2 * v_b + (1 - b2) * grad_b**2
        coef -= lr * (m_c / (1 - b1**t)) / (np.sqrt(v_c / (1 - b2**t)) + eps)
        bias -= lr * (m_b / (1 - b1**t)) / (np.sqrt(v_b / (1 - b2**t)) + eps)
    return {"mean": mean.tolist(), "scale": scale.tolist(), "weights": coef.tolist(), "bias": float(bias)}


def predict(model: dict, x: np.ndarray) -> np.ndarray:
    z = (x - np.array(model["mean"])) / np.array(model["scale"])
    return 1 / (1 + np.exp(-(z @ np.array(model["weights"]) + model["bias"])))


def stack(pages: list, rows_of) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, ws = [], [], []
    for page in pages:
        xs.append(np.asarray(rows_of(page), dtype=float))
        ys.extend(page[3])
        ws.extend(page[4])
    return np.vstack(xs), np.array(ys), np.array(ws)


def train(pages: list, l2: float = 1e-3) -> dict:
    one_rows = {p[0]: stage_one_features(p[2].matrix) for p in pages}
    x1, y1, w1 = stack(pages, lambda p: one_rows[p[0]])
    stage_one = fit_logistic(x1, y1, w1, l2)
    # Out-of-fold stage-one scores for training stage two.
    folds = 5
    oof: dict[str, list[float]] = {}
    ids = sorted({p[0].split("#")[0] for p in pages})
    fold_of = {page_id: i % folds for i, page_id in enumerate(ids)}
    for k in range(folds):
        train_pages = [p for p in pages if fold_of[p[0].split("#")[0]] != k]
        held = [p for p in pages if fold_of[p[0].split("#")[0]] == k]
        xk, yk, wk = stack(train_pages, lambda p: one_rows[p[0]])
        model_k = fit_logistic(xk, yk, wk, l2)
        for p in held:
            oof[p[0]] = predict(model_k, np.array(one_rows[p[0]], dtype=float)).tolist()
    x2, y2, w2 = stack(pages, lambda p: smooth_features(np.array(oof[p[0]]), one_rows[p[0]]))
    stage_two = fit_logistic(x2, y2, w2, l2)
    return {
        "about": "Line model for rendered-text captures; trained by bench/train_text_model.py "
        "on the tune half of the text benchmark (never on the check half).",
        "stage_one": {"names": OWN_FEATURES + CONTEXT_FEATURES, **stage_one},
        "stage_two": {"names": SMOOTH_FEATURES, **stage_two},
        "threshold": 0.5,
    }


def cross_validate(pages: list, l2: float, threshold: float, folds: int = 5) -> float:
    """F1 of the whole extractor (evalkit) on tune pages, each fold scored by a model trained
    without it: how hyper-parameters are chosen without looking at the check half."""
    import importlib.util

    import thresher.text.extract as text_extract
    from thresher.options import ExtractOptions
    from thresher.pipeline import extract
    from thresher.text.classify import LineModel, LogisticModel

    spec = importlib.util.spec_from_file_location("evalkit", ROOT.parent / "shared" / "bench" / "evalkit.py")
    evalkit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evalkit)
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    predictions = {}
    original = text_extract.load_model
    ids = sorted({p[0].split("#")[0] for p in pages})
    fold_of = {page_id: i % folds for i, page_id in enumerate(ids)}
    try:
        for k in range(folds):
            data = train([p for p in pages if fold_of[p[0].split("#")[0]] != k], l2)
            model = LineModel(
                LogisticModel.from_dict(data["stage_one"]),
                LogisticModel.from_dict(data["stage_two"]),
                threshold,
            )
            text_extract.load_model = lambda model=model: model
            for page_id in (i for i in ids if fold_of[i] == k):
                text = (DATA / f"{page_id}.txt").read_text(encoding="utf-8")
                article = extract(text, options=ExtractOptions(input="text"))
                predictions[page_id] = {"articleBody": article.text}
    finally:
        text_extract.load_model = original
    return evalkit.evaluate({i: truth[i] for i in ids}, predictions, n_bootstrap=2)["f1"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "thresher" / "text" / "line_model.json")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--cv", action="store_true", help="only print the 5-fold F1 on the tune half")
    args = parser.parse_args()
    pages = load_pages("tune")
    if args.cv:
        print(
            f"l2={args.l2} threshold={args.threshold}: cross-validated F1 on tune "
            f"{cross_validate(pages, args.l2, args.threshold):.4f}"
        )
        return 0
    lines = sum(len(p[1]) for p in pages)
    print(f"training on {len(pages)} tune pages and crops, {lines} lines", file=sys.stderr)
    model = train(pages, args.l2)
    model["threshold"] = args.threshold

    def rounded(value):
        if isinstance(value, float):
            return round(value, 6)
        if isinstance(value, list):
            return [rounded(v) for v in value]
        if isinstance(value, dict):
            return {k: rounded(v) for k, v in value.items()}
        return value

    args.out.write_text(json.dumps(rounded(model), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

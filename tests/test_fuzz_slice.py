"""A seeded slice of the fuzz campaign (``bench/fuzz.py``): real pages, mutated, give an
``Article`` or a ``ThresherError``, never another exception. Time and memory are the
campaign's to report; nothing here measures them."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import random
import sys
from types import ModuleType

import pytest

from conftest import REPO, SHARED
from thresher import Article, ThresherError, extract

SEED = 15


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz", REPO / "bench" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz()
fuzz.SHARED = SHARED / "bench"


@functools.cache
def _slice() -> list[tuple[str, bytes]]:
    """A few pages of each set, spread over it (the first ones of WCXB's archive, which
    is read in order)."""
    if not (SHARED / "bench").is_dir():
        pytest.fail(f"the shared benchmark pages are missing: {SHARED / 'bench'}")
    spread = {"scrapinghub": (3, 60), "metadata": (2, 400), "scrapinghub-text": (2, 90), "wcxb-dev": (2, 1)}
    return [
        page
        for name, (count, step) in spread.items()
        for page in itertools.islice(fuzz.read_pages((name,)), 0, count * step, step)
    ]


def _outcome(data: bytes) -> Article | ThresherError:
    try:
        return extract(data)
    except ThresherError as error:
        return error


@pytest.mark.parametrize("mutation", sorted(fuzz.MUTATIONS))
def test_mutated_pages_give_an_article_or_a_library_error(mutation: str) -> None:
    rng = random.Random(f"{SEED} {mutation}")
    pages = _slice()
    if mutation in fuzz.BOMBS:
        pages = pages[:2]  # (each bomb is a large page)
    for name, page in pages:
        data = fuzz.MUTATIONS[mutation](rng, page)
        result = _outcome(data)
        assert isinstance(result, (Article, ThresherError)), (name, mutation)
        if isinstance(result, Article):
            assert bool(result.blocks) != bool(result.empty_reason), (name, mutation)

"""The examples in the docstrings run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "thresher.pipeline",
    "thresher.corpus.store",
    "thresher.stories",
    "thresher.stories.grouping",
    "thresher.stories.diff",
    "thresher.stories.sentences",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0

"""The public surface: everything in ``thresher.__all__`` imports, nothing private leaks."""

from __future__ import annotations

import inspect

import thresher


def test_all_names_import_and_are_public() -> None:
    for name in thresher.__all__:
        assert hasattr(thresher, name), name
    assert not [name for name in thresher.__all__ if name.startswith("_") and name != "__version__"]


def test_no_undeclared_public_names() -> None:
    public = {name for name in vars(thresher) if not name.startswith("_")}
    modules = {name for name in public if inspect.ismodule(getattr(thresher, name))}
    assert public - modules <= set(thresher.__all__)


def test_errors_share_one_base() -> None:
    errors = [getattr(thresher, name) for name in thresher.__all__ if name.endswith("Error")]
    assert len(errors) >= 6
    assert all(issubclass(error, thresher.ThresherError) for error in errors)


def test_extract_signature_is_keyword_only_after_page() -> None:
    parameters = inspect.signature(thresher.extract).parameters
    assert list(parameters) == ["page", "url", "options"]
    assert parameters["url"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["options"].kind is inspect.Parameter.KEYWORD_ONLY

"""Starting worker processes from a script that does not guard its top level.

A spawned process (the start method of the local engine and of Dask's LocalCluster)
first re-runs the parent's main script, as ``__mp_main__``, so that functions defined
there can be unpickled. A script that calls ``run()`` at its top level, without an
``if __name__ == "__main__":`` guard, would then start a run inside every worker,
which multiprocessing refuses: the workers die. thresher's workers need only thresher
(and a custom extractor's module), so they are started without the script.
"""

from __future__ import annotations

import contextlib
import sys
import types
from collections.abc import Generator
from typing import Any

__all__ = ["calling_script_hidden"]


@contextlib.contextmanager
def calling_script_hidden(extractor: Any = None) -> Generator[None]:
    """While processes start in this block, ``__main__`` is stood in for by an empty
    module, so they do not re-run the calling script; unless ``extractor`` (a function
    the workers must unpickle) lives in the script, or the program was started as a
    module (``python -m``), which multiprocessing already imports safely."""
    main = sys.modules.get("__main__")
    script_needed = extractor is not None and _module_of(extractor) == "__main__"
    if main is None or script_needed or getattr(main.__spec__, "name", None) is not None:
        yield  # (no script, or one run as a module: multiprocessing imports it safely)
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _module_of(function: Any) -> str | None:
    """The module a function (or the function inside a ``functools.partial``) comes from;
    for a partial, ``"__main__"`` when any function it wraps comes from the script."""
    modules = [getattr(function, "__module__", None)]
    if hasattr(function, "func"):
        modules.append(_module_of(function.func))
        modules += [_module_of(value) for value in function.keywords.values() if callable(value)]
    return "__main__" if "__main__" in modules else modules[0]

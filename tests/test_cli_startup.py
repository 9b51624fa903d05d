"""The command line imports only what a command needs: no story, fetch or Dask libraries
for ``--help`` or ``extract``. (Start-up time itself is measured by bench/startup_bench.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import cli_env

HEAVY = ("datasketch", "scipy", "numba", "httpx", "dask", "distributed", "pyarrow")

_PROBE = """
import atexit, json, runpy, sys
atexit.register(lambda: print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})),
                              file=sys.stderr))
sys.argv = ["thresher", *json.loads(sys.argv[1])]
runpy.run_module("thresher", run_name="__main__")
"""


def imported_by(*arguments: str) -> set[str]:
    """The top-level packages imported by ``python -m thresher ARGUMENTS``."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(arguments)],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_help_imports_no_heavy_library() -> None:
    loaded = imported_by("--help")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    assert "numpy" not in loaded and "rich" not in loaded


def test_extract_of_a_small_page_imports_no_heavy_library(tmp_path: Path) -> None:
    page = tmp_path / "small.html"
    page.write_text(
        "<html><body><article><p>The old harbour reopened on Monday after two years "
        "of repairs to its sea wall.</p></article></body></html>",
        encoding="utf-8",
    )
    loaded = imported_by("extract", str(page))
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_every_listed_command_loads() -> None:
    from thresher.cli import COMMANDS, cli

    for name in COMMANDS:
        result = subprocess.run(
            [sys.executable, "-m", "thresher", name, "--help"],
            capture_output=True,
            text=True,
            env=cli_env(),
            timeout=120,
        )
        assert result.returncode == 0, (name, result.stderr)
    assert set(COMMANDS) <= set(cli.list_commands(None))  # type: ignore[arg-type]

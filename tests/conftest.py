"""Shared test helpers: the CLI as a subprocess, and the paths of the shared data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# One hypothesis profile for every run, CI or not: no deadline and no health check that
# times the examples (a loaded machine must not fail a test), and the same examples on
# every run (derandomized, no example database), so a failure reproduces as it is.
settings.register_profile(
    "thresher", deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("thresher")

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
#: The shared data beside the checkout; THRESHER_SHARED points elsewhere (a git worktree).
SHARED = Path(os.environ.get("THRESHER_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"


def cli_env() -> dict[str, str]:
    """The environment of a child process that must import this tree's sources first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, timeout: float = 120, text: bool = False
) -> subprocess.CompletedProcess[Any]:
    """Run ``python -m thresher ARGS``; output as bytes, or as str with ``text=True``."""
    return subprocess.run(
        [sys.executable, "-m", "thresher", *args],
        input=stdin,
        text=text,
        capture_output=True,
        cwd=cwd or REPO,
        env=cli_env(),
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the shared seed captures are missing: {SEEDS}")
    return SEEDS

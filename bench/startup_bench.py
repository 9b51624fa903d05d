"""Start-up time of the command line: ``thresher --help`` and ``thresher extract`` of a small page.

Each command runs ``--runs`` times in a fresh interpreter (``python -m thresher``, this
tree's sources first on the path); the best wall time is printed, the run least
disturbed by other work on the machine, with the median beside it.

    PYTHONPATH=src python bench/startup_bench.py --runs 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL_PAGE = (
    "<!doctype html><html lang='en'><head><title>Harbour reopens</title></head><body><article>"
    "<h1>Harbour reopens</h1><p>The old harbour reopened on Monday after two years of repairs "
    "to its sea wall and piers.</p><p>Fishing boats returned at dawn, and the market on the "
    "quay was busy by nine o'clock.</p></article></body></html>"
)


def wall_times(arguments: list[str], runs: int) -> list[float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "thresher", *arguments], env=env, check=True, stdout=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "small.html"
        page.write_text(SMALL_PAGE, encoding="utf-8")
        commands = {
            "thresher --help": ["--help"],
            "thresher extract small.html": ["extract", str(page)],
            "python -c pass": None,
        }
        for label, arguments in commands.items():
            if arguments is None:
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-c", "pass"], check=True)
                    times.append(time.perf_counter() - start)
            else:
                times = wall_times(arguments, args.runs)
            print(
                f"{label:32} best {min(times):.3f} s   median {statistics.median(times):.3f} s"
                f"   ({args.runs} runs)"
            )


if __name__ == "__main__":
    main()

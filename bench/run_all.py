"""`make bench`: every benchmark of the project, one after the other, each printing its table.

Each task is its own script so it can be run alone (`python bench/html_bench.py`).
Pass task names to run a subset: `python bench/run_all.py html text`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TASKS = ["extraction", "page_types", "html", "metadata", "text", "corpus", "stories"]
#: Arguments of a task's script.
ARGUMENTS = {"extraction": ["--speed"]}


def main(argv: list[str]) -> int:
    chosen = argv or TASKS
    status = 0
    for task in chosen:
        script = HERE / f"{task}_bench.py"
        print(f"\n=== {task}: {script.name} ===", flush=True)
        status |= subprocess.call([sys.executable, str(script), *ARGUMENTS.get(task, [])])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Scale benchmark: one WARC of 1,000,000 small records, killed three times, resumed, checked.

1. Writes ``--records`` short synthetic article pages into one WARC.gz
   (``make_corpus_warc.py --small``), once; the file is kept for later runs.
2. Runs ``thresher run`` on it and kills the run (SIGKILL, the parent process alone, as
   a crash or an OOM kill would) when the store holds a random number of records
   (``--kills`` points drawn with ``--seed`` between 5 % and 95 % of the corpus), then
   runs it again, until a run ends by itself.
3. Checks the store: every record exactly once (rows, distinct URLs, distinct offsets),
   none failed, SQLite's integrity check, and the runs table (the killed runs marked
   interrupted by the run after them).

While each run goes, the resident memory of the run's parent process and of its
largest worker is sampled every ``--every`` seconds: flat memory means the same
figures early and late in the corpus. records/s is the records a run stored over its
wall time, per run and overall (time between a kill and the next start not counted).

    nice python bench/scale_bench.py --records 1000000 --jobs 2 --out bench/out/scale
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_corpus_warc  # noqa: E402


def stored(store: Path) -> int:
    """Committed rows, read through a read-only connection (the run keeps writing)."""
    if not store.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=30)
        try:
            return int(db.execute("SELECT count(*) FROM records").fetchone()[0])
        finally:
            db.close()
    except sqlite3.OperationalError:  # the schema is not written yet
        return 0


def memory(process: psutil.Process) -> tuple[float, float]:
    """Resident MiB of the process and of its largest child."""
    try:
        parent = process.memory_info().rss
        children = [child.memory_info().rss for child in process.children(recursive=True)]
    except psutil.Error:
        return 0.0, 0.0
    return parent / 2**20, max(children, default=0) / 2**20


def one_run(
    warc: Path, store: Path, jobs: int, kill_at: int | None, every: float, log: list[dict[str, float]]
) -> dict[str, float]:
    """Run ``thresher run`` until it ends, or kill it once the store holds ``kill_at`` rows."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    before = stored(store)
    started = time.monotonic()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "thresher",
            "run",
            str(warc),
            "--store",
            str(store),
            "--jobs",
            str(jobs),
            "-q",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    process = psutil.Process(child.pid)
    killed = False
    try:
        while child.poll() is None:
            count = stored(store)
            parent_mib, worker_mib = memory(process)
            log.append(
                {
                    "seconds": round(time.monotonic() - started, 1),
                    "stored": count,
                    "parent_rss_mib": round(parent_mib, 1),
                    "worker_rss_mib": round(worker_mib, 1),
                }
            )
            if kill_at is not None and count >= kill_at:
                workers = process.children(recursive=True)
                os.kill(child.pid, signal.SIGKILL)
                child.wait()
                killed = True
                # Orphaned workers see their parent gone and exit by themselves.
                psutil.wait_procs(workers, timeout=30)
                break
            time.sleep(every)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    seconds = time.monotonic() - started
    after = stored(store)
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if not killed and child.returncode != 0:
        raise SystemExit(f"thresher run failed ({child.returncode}): {errors[-2000:]}")
    return {
        "killed": killed,
        "seconds": round(seconds, 1),
        "stored_before": before,
        "stored_after": after,
        "records_per_second": round((after - before) / seconds, 1),
    }


def check(store: Path, records: int) -> dict[str, object]:
    db = sqlite3.connect(store)
    rows, urls, offsets = db.execute(
        'SELECT count(*), count(DISTINCT url), count(DISTINCT "offset") FROM records'
    ).fetchone()
    return {
        "rows": rows,
        "distinct_urls": urls,
        "distinct_offsets": offsets,
        "exactly_once": rows == urls == offsets == records,
        "by_status": dict(db.execute("SELECT status, count(*) FROM records GROUP BY 1")),
        "integrity_check": db.execute("PRAGMA integrity_check").fetchone()[0],
        "runs": [
            dict(zip(("id", "status", "summary"), r, strict=True))
            for r in db.execute("SELECT id, status, summary_json FROM runs ORDER BY id")
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between samples")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "scale")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    warc = args.out / f"small-{args.records}.warc.gz"
    if not warc.exists():
        started = time.monotonic()
        make_corpus_warc.write_warc(warc.with_suffix(".tmp.gz"), args.records, small=True)
        warc.with_suffix(".tmp.gz").rename(warc)
        print(
            f"wrote {warc} ({warc.stat().st_size / 2**20:.0f} MiB) in {time.monotonic() - started:.0f} s",
            flush=True,
        )
    store = args.out / "scale.db"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(store) + suffix).unlink(missing_ok=True)
    rng = random.Random(args.seed)
    kill_points = sorted(rng.randint(args.records // 20, args.records * 19 // 20) for _ in range(args.kills))
    print(f"kill points (stored records): {kill_points}", flush=True)
    log: list[dict[str, float]] = []
    runs = []
    for kill_at in [*kill_points, None]:
        runs.append(one_run(warc, store, args.jobs, kill_at, args.every, log))
        print(json.dumps(runs[-1]), flush=True)
    result = {
        "records": args.records,
        "jobs": args.jobs,
        "kill_points": kill_points,
        "runs": runs,
        "overall_records_per_second": round(args.records / sum(r["seconds"] for r in runs), 1),
        "peak_parent_rss_mib": max(s["parent_rss_mib"] for s in log),
        "peak_worker_rss_mib": max(s["worker_rss_mib"] for s in log),
        "check": check(store, args.records),
    }
    (args.out / "memory.json").write_text(json.dumps(log))
    (args.out / "result.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    if not result["check"]["exactly_once"]:  # type: ignore[index]
        raise SystemExit("FAILED: not every record stored exactly once")


if __name__ == "__main__":
    main()

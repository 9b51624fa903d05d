"""Corpus-run benchmark: records/s and peak memory of ``thresher run``, against trafilatura.

In one run, on inputs built by ``make_corpus_warc.py`` under ``bench/out/corpus``:

1. a WARC of the ScrapingHub pages repeated to ``--records`` (20,000) records, run with
   ``--jobs 1`` and ``--jobs 2`` (fresh store each): the scaling ratio;
2. a folder of ``--folder-records`` (1,000) of the same pages, run by ``thresher run --jobs 2``
   and by trafilatura's own parallel batch mode (``trafilatura --input-dir --parallel 2``);
3. memory: ``--memory-records`` (50,000) short synthetic pages in a WARC.gz, ``--jobs 2``,
   against a tenth of them: flat memory means the same peak RSS for both.

CPU ms/record (user + system time of all the command's processes) is shown because
it is less disturbed than wall time when other work shares the machine; "cores
used" (CPU seconds / wall seconds) shows how much of the machine a run actually got:
``--jobs 2`` can only scale if it gets close to 2. Peak RSS is
the largest resident set of any process of the command (its own, or a
worker's), from ``os.wait4``. Inputs are kept between runs; stores are rebuilt.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "corpus"
sys.path.insert(0, str(HERE))

import make_corpus_warc  # noqa: E402


def measure(command: list[str], cwd: Path | None = None) -> dict[str, float]:
    """Wall seconds and peak RSS (MiB) of a command and the processes it waited for."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write(errors.decode(errors="replace")[-2000:])
        raise SystemExit(f"failed with exit status {code}: {' '.join(command)}")
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": usage.ru_maxrss / 1024,
    }


def thresher_run(sources: list[Path], jobs: int, store: Path) -> dict[str, float]:
    for suffix in ("", "-wal", "-shm"):
        Path(str(store) + suffix).unlink(missing_ok=True)
    result = measure(
        [
            sys.executable,
            "-m",
            "thresher",
            "run",
            *map(str, sources),
            "--jobs",
            str(jobs),
            "--store",
            str(store),
            "-q",
        ]
    )
    import sqlite3

    db = sqlite3.connect(store)
    result["records"] = db.execute("SELECT count(*) FROM records").fetchone()[0]
    result["failed"] = db.execute("SELECT count(*) FROM records WHERE status = 'failed'").fetchone()[0]
    db.close()
    return result


def ensure(path: Path, build: object, count: int) -> Path:
    """Build an input once; a marker file remembers how many records it holds."""
    marker = Path(str(path) + ".count")
    if not (path.exists() and marker.exists() and marker.read_text() == str(count)):
        if path.is_dir():
            shutil.rmtree(path)
        started = time.perf_counter()
        build(path, count)  # type: ignore[operator]
        marker.write_text(str(count))
        print(f"  built {path.name} ({count:,} records) in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def row(name: str, result: dict[str, float]) -> str:
    rate = result["records"] / result["seconds"]
    cpu_ms = 1000 * result["cpu_seconds"] / result["records"]
    cores = result["cpu_seconds"] / result["seconds"]
    return (
        f"| {name} | {result['records']:,.0f} | {result['seconds']:.1f} | {rate:,.1f} | "
        f"{cpu_ms:.2f} | {cores:.2f} | {result['peak_rss_mib']:.0f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--folder-records", type=int, default=1_000)
    parser.add_argument("--memory-records", type=int, default=50_000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print(
        f"corpus benchmark on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
        f"(other work on the machine skews every figure); inputs in {OUT}",
        flush=True,
    )
    # Uncompressed, because compressing 3.5 GB with warcio would dominate the benchmark's time.
    warc = ensure(OUT / "pages.warc", make_corpus_warc.write_warc, args.records)
    folder = ensure(OUT / "pages", make_corpus_warc.write_folder, args.folder_records)
    small = ensure(
        OUT / "small.warc.gz", lambda p, n: make_corpus_warc.write_warc(p, n, small=True), args.memory_records
    )
    small_tenth = ensure(
        OUT / "small-tenth.warc.gz",
        lambda p, n: make_corpus_warc.write_warc(p, n, small=True),
        args.memory_records // 10,
    )
    results: dict[str, dict[str, float]] = {}
    results["warc_jobs1"] = thresher_run([warc], 1, OUT / "jobs1.db")
    print(row("thresher run WARC --jobs 1", results["warc_jobs1"]), flush=True)
    results["warc_jobs2"] = thresher_run([warc], 2, OUT / "jobs2.db")
    print(row("thresher run WARC --jobs 2", results["warc_jobs2"]), flush=True)
    results["folder_thresher"] = thresher_run([folder], 2, OUT / "folder.db")
    print(row("thresher run folder --jobs 2", results["folder_thresher"]), flush=True)
    trafilatura_out = OUT / "trafilatura-out"
    shutil.rmtree(trafilatura_out, ignore_errors=True)
    trafilatura = shutil.which("trafilatura", path=str(Path(sys.executable).parent)) or "trafilatura"
    results["folder_trafilatura"] = measure(
        [trafilatura, "--input-dir", folder.name, "--output-dir", trafilatura_out.name, "--parallel", "2"],
        cwd=OUT,
    )
    results["folder_trafilatura"]["records"] = args.folder_records
    print(row("trafilatura --input-dir --parallel 2", results["folder_trafilatura"]), flush=True)
    results["memory_tenth"] = thresher_run([small_tenth], 2, OUT / "small-tenth.db")
    print(row("thresher run small pages --jobs 2", results["memory_tenth"]), flush=True)
    results["memory_full"] = thresher_run([small], 2, OUT / "small.db")
    print(row("thresher run small pages --jobs 2", results["memory_full"]), flush=True)

    def rate(key: str) -> float:
        return results[key]["records"] / results[key]["seconds"]

    scaling = rate("warc_jobs2") / rate("warc_jobs1")
    versus = rate("folder_thresher") / rate("folder_trafilatura")
    print(
        "\n| run | records | seconds | records/s | CPU ms/record | cores used | peak RSS MiB |\n"
        "|---|---:|---:|---:|---:|---:|---:|"
    )
    names = {
        "warc_jobs1": "thresher run WARC --jobs 1",
        "warc_jobs2": "thresher run WARC --jobs 2",
        "folder_thresher": "thresher run folder --jobs 2",
        "folder_trafilatura": "trafilatura --input-dir --parallel 2",
        "memory_tenth": "thresher run small-page WARC.gz --jobs 2",
        "memory_full": "thresher run small-page WARC.gz --jobs 2",
    }
    for key, name in names.items():
        print(row(name, results[key]))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    print(f"--jobs 2 / --jobs 1: {scaling:.2f}x (target >= 1.7x)")
    print(f"thresher / trafilatura on the same folder, 2 processes each: {versus:.2f}x")
    print(
        f"peak RSS {results['memory_tenth']['records']:,.0f} -> {results['memory_full']['records']:,.0f} "
        f"records: {results['memory_tenth']['peak_rss_mib']:.0f} -> "
        f"{results['memory_full']['peak_rss_mib']:.0f} MiB"
    )
    summary = {"results": results, "scaling_jobs2_over_jobs1": scaling, "thresher_over_trafilatura": versus}
    (OUT / "corpus_bench.json").write_text(json.dumps(summary, indent=2))
    failed = sum(r.get("failed", 0) for r in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

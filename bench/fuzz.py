"""Fuzz campaign: mutated real pages must give an ``Article`` or a ``ThresherError``,
in time and memory bounded by their size.

Every page of the development sets in ``../shared/bench`` (ScrapingHub, WCXB dev, the
metadata set, the rendered-text captures) is mutated in the ways crawls damage pages
and in the ways an adversary would: truncation at many depths, byte flips, tags deleted
or duplicated, one charset declared and another used (UTF-16 without a byte-order mark,
two encodings mixed), attribute, nesting, option and formatting bombs, NUL bytes,
CR-only and mixed line breaks, huge single lines, raw-text elements and quotes left
open. Each mutant is extracted in a worker process (restarted when a mutant runs past
``--hang-seconds``), which reports the outcome, the CPU time and the growth of its peak
resident memory.

A failure is any other exception, a hang, CPU time over ``--cpu-base`` +
``--cpu-per-mb`` × size, or peak memory over ``--memory-base`` + ``--memory-factor`` ×
size. The report gives pages run, mutants, failures by kind (each with the page and
mutation that reproduce it) and the slowest mutants.

    PYTHONPATH=src nice python bench/fuzz.py                      # all development pages
    PYTHONPATH=src python bench/fuzz.py --pages 20 --seed 7       # a quick slice
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing
import os
import random
import re
import resource
import signal
import sys
import tarfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The shared data beside the repository, or where THRESHER_SHARED points.
SHARED = Path(os.environ.get("THRESHER_SHARED", ROOT.parent / "shared")) / "bench"
SETS = ("scrapinghub", "wcxb-dev", "metadata", "scrapinghub-text")

Mutation = Callable[[random.Random, bytes], bytes]

_TAG = re.compile(rb"<[a-zA-Z/!][^<>]{0,200}>")
_QUOTED = re.compile(rb'="[^"<>]{1,80}"')
_RAW_END = re.compile(rb"</(?:title|script|style|textarea)\s*>", re.I)
_HEAD = re.compile(rb"<head[^>]*>", re.I)


# ------------------------------------------------------------------ pages ----
def interleaved(sets: tuple[str, ...] = SETS) -> Iterator[tuple[str, bytes]]:
    """The pages of ``sets`` taken in turn, one of each set at a time, so a campaign
    stopped early has covered every set."""
    readers = [read_pages((name,)) for name in sets]
    while readers:
        for reader in list(readers):
            page = next(reader, None)
            if page is None:
                readers.remove(reader)
            else:
                yield page


def read_pages(sets: tuple[str, ...] = SETS) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every page of ``sets``, in a fixed order."""
    for name in sets:
        folder = SHARED / name
        if (folder / "pages.tar.xz").is_file():
            with tarfile.open(folder / "pages.tar.xz") as tar:
                for member in tar:
                    handle = tar.extractfile(member) if member.isfile() else None
                    if handle is not None and member.name.endswith(".html"):
                        yield f"{name}/{Path(member.name).name}", handle.read()
        elif (folder / "html").is_dir():
            for path in sorted((folder / "html").glob("*.html.gz")):
                yield f"{name}/{path.name}", gzip.decompress(path.read_bytes())
        else:
            for path in sorted(folder.glob("*.txt")):
                yield f"{name}/{path.name}", path.read_bytes()


# -------------------------------------------------------------- mutations ----
def truncate(rng: random.Random, page: bytes) -> bytes:
    return page[: rng.randrange(len(page) + 1)]


def flip_bytes(rng: random.Random, page: bytes) -> bytes:
    data = bytearray(page)
    for _ in range(rng.randint(1, 64)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _tags(page: bytes) -> list[tuple[int, int]]:
    return [match.span() for match in _TAG.finditer(page)]


def delete_tags(rng: random.Random, page: bytes) -> bytes:
    spans = _tags(page)
    chosen = sorted(rng.sample(spans, k=min(len(spans), rng.randint(1, max(1, len(spans) // 5)))))
    pieces, position = [], 0
    for start, end in chosen:
        pieces.append(page[position:start])
        position = end
    return b"".join([*pieces, page[position:]])


def duplicate_tags(rng: random.Random, page: bytes) -> bytes:
    spans = _tags(page)
    if not spans:
        return page + page
    pieces, position = [], 0
    for start, end in sorted(rng.sample(spans, k=min(len(spans), rng.randint(1, 200)))):
        pieces.append(page[position:end])
        pieces.append(page[start:end] * rng.randint(1, 50))
        position = end
    return b"".join([*pieces, page[position:]])


def duplicate_region(rng: random.Random, page: bytes) -> bytes:
    start = rng.randrange(len(page) + 1)
    end = min(len(page), start + rng.randint(1, 5000))
    return page[:end] + page[start:end] * rng.randint(2, 100) + page[end:]


def _text(page: bytes) -> str:
    return page.decode("utf-8", "replace")


def declare_other_charset(rng: random.Random, page: bytes) -> bytes:
    declared, used = rng.sample(
        ["utf-8", "windows-1252", "iso-8859-1", "shift_jis", "koi8-r", "gb2312", "utf-16", "x-unknown-label"],
        k=2,
    )
    meta = f'<meta charset="{declared}">'.encode()
    text = _HEAD.sub(lambda match: match.group(0) + meta, page, count=1)
    text = text if text != page else meta + page
    codec = "utf-16" if used == "utf-16" else used if used != "x-unknown-label" else "utf-8"
    return _text(text).encode(codec, "replace")


def utf16_without_bom(rng: random.Random, page: bytes) -> bytes:
    return _text(page).encode(rng.choice(["utf-16-le", "utf-16-be"]), "replace")


def mixed_encodings(rng: random.Random, page: bytes) -> bytes:
    text = _text(page)
    cut = rng.randrange(len(text) + 1)
    return text[:cut].encode("utf-8") + text[cut:].encode(
        rng.choice(["cp1252", "utf-16-le", "latin-1"]), "replace"
    )


def _insert(rng: random.Random, page: bytes, piece: bytes) -> bytes:
    at = rng.randrange(len(page) + 1)
    return page[:at] + piece + page[at:]


def attribute_bomb(rng: random.Random, page: bytes) -> bytes:
    count = rng.choice([5_000, 20_000, 50_000])
    value = rng.choice([b'"v"', b"'<p>'", b'">"', b"x", b""])
    attributes = b" ".join(b"a%d=%s" % (i, value) if value else b"a%d" % i for i in range(count))
    return _insert(rng, page, b"<div " + attributes + b">bomb</div>")


def nesting_bomb(rng: random.Random, page: bytes) -> bytes:
    tag = rng.choice(
        [
            b"<div>",
            b"<b>",
            b"<ul><li>",
            b"<table><tr><td>",
            b"<span>",
            b"<a href=x>",
            b"<blockquote>",
            b"<svg><g>",
        ]
    )
    return _insert(rng, page, tag * rng.choice([10_000, 50_000]))


def option_bomb(rng: random.Random, page: bytes) -> bytes:
    option = rng.choice([b"<option>x", b"<option value=1>choice</option>", b"<optgroup><option>y"])
    return _insert(rng, page, b"<select>" + option * rng.choice([10_000, 50_000]) + b"</select>")


def formatting_bomb(rng: random.Random, page: bytes) -> bytes:
    opened = b"".join(
        b'<%s class="c%d">' % (rng.choice([b"b", b"i", b"font", b"em"]), i)
        for i in range(rng.choice([50, 500]))
    )
    return _insert(rng, page, b"<p>" + opened + b"</p>" + b"<p>x</p>" * rng.choice([2_000, 20_000]))


def nul_bytes(rng: random.Random, page: bytes) -> bytes:
    data = bytearray(page)
    for _ in range(rng.randint(1, 200)):
        data.insert(rng.randrange(len(data) + 1), 0)
    return bytes(data)


def line_breaks(rng: random.Random, page: bytes) -> bytes:
    style = rng.choice(["cr", "mixed", "none"])
    if style == "cr":
        return page.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    if style == "none":
        return page.replace(b"\r", b" ").replace(b"\n", b" ")
    return b"".join(
        line + rng.choice([b"\n", b"\r", b"\r\n", b"\n\r", b"\x0b", b"\x0c"]) for line in page.splitlines()
    )


def huge_line(rng: random.Random, page: bytes) -> bytes:
    word = rng.choice([b"a", b"word ", b"<", b"&amp;", b"\xc3\xa9"])
    return _insert(rng, page, word * (2_000_000 // len(word)))


def unclose(rng: random.Random, page: bytes) -> bytes:
    ends = list(_RAW_END.finditer(page))
    if ends:
        start, end = rng.choice(ends).span()
        return page[:start] + page[end:]
    return b"<title>" + page


def break_quote(rng: random.Random, page: bytes) -> bytes:
    quoted = list(_QUOTED.finditer(page))
    if not quoted:
        return page + b'<a href="x>'
    end = rng.choice(quoted).end() - 1
    return page[:end] + page[end + 1 :]


#: Every mutation, by name. The bombs are the costly ones; ``BOMBS`` names them.
MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate,
    "flip bytes": flip_bytes,
    "delete tags": delete_tags,
    "duplicate tags": duplicate_tags,
    "duplicate region": duplicate_region,
    "declare another charset": declare_other_charset,
    "UTF-16 without BOM": utf16_without_bom,
    "mixed encodings": mixed_encodings,
    "NUL bytes": nul_bytes,
    "line breaks": line_breaks,
    "unclosed raw text": unclose,
    "broken quote": break_quote,
    "attribute bomb": attribute_bomb,
    "nesting bomb": nesting_bomb,
    "option bomb": option_bomb,
    "formatting bomb": formatting_bomb,
    "huge line": huge_line,
}
BOMBS = ("attribute bomb", "nesting bomb", "option bomb", "formatting bomb", "huge line")


def mutants(
    name: str, page: bytes, rng: random.Random, *, truncations: int, bombs: int
) -> Iterator[tuple[str, bytes]]:
    """The mutants of one page: ``truncations`` cuts at random depths, one of each
    cheap mutation, and ``bombs`` bombs chosen at random."""
    for _ in range(truncations):
        yield "truncate", truncate(rng, page)
    for mutation, function in MUTATIONS.items():
        if mutation not in BOMBS and mutation != "truncate":
            yield mutation, function(rng, page)
    for mutation in rng.sample(BOMBS, k=min(bombs, len(BOMBS))):
        yield mutation, MUTATIONS[mutation](rng, page)


# ----------------------------------------------------------------- worker ----
@dataclass(frozen=True, slots=True)
class Outcome:
    #: "article", the ThresherError subclass name, "exception: <type>" or "hang".
    kind: str
    cpu_seconds: float
    #: Growth of the worker's peak resident memory during this mutant (MiB).
    rss_growth_mib: float
    detail: str = ""


def _worker(connection: Connection) -> None:
    from thresher import ExtractOptions, ThresherError, extract

    options = ExtractOptions(time_budget=None)  # the campaign measures the time itself
    extract(b"<html><body><p>warm up</p></body></html>")
    extract(b"plain text warm up\n" * 20)
    while True:
        data = connection.recv_bytes()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.process_time()
        detail = ""
        try:
            extract(data, options=options)
            kind = "article"
        except ThresherError as error:
            kind = type(error).__name__
        except Exception as error:  # the failures the campaign is looking for
            kind, detail = f"exception: {type(error).__name__}", traceback.format_exc(limit=-3)
        cpu = time.process_time() - start
        growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
        connection.send(Outcome(kind, cpu, growth, detail))


class Worker:
    """One extraction process, replaced when a mutant hangs it."""

    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        self._parent, child = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("spawn").Process(
            target=_worker, args=(child,), daemon=True
        )
        self._process.start()

    def run(self, data: bytes, hang_seconds: float) -> Outcome:
        self._parent.send_bytes(data)
        if self._parent.poll(hang_seconds):
            try:
                outcome: Outcome = self._parent.recv()
                return outcome
            except (EOFError, OSError):
                self.restart()
                return Outcome("exception: worker died", 0.0, 0.0)
        self.restart()
        return Outcome("hang", hang_seconds, 0.0)

    def restart(self) -> None:
        self._process.kill()
        self._process.join()
        self._start()

    def close(self) -> None:
        self._process.kill()
        self._process.join()


# --------------------------------------------------------------- campaign ----
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument("--pages", type=int, default=None, help="at most this many pages (every n-th page)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--from-end", action="store_true", help="run the pages last to first")
    parser.add_argument(
        "--shard", default="0/1", help="run only shard I of N (I/N), to share the pages between processes"
    )
    parser.add_argument("--truncations", type=int, default=4, help="truncated mutants per page")
    parser.add_argument("--bombs", type=int, default=1, help="bomb mutants per page that gets bombs")
    parser.add_argument("--bomb-every", type=int, default=1, help="bombs on every n-th page only")
    parser.add_argument("--hang-seconds", type=float, default=120.0)
    parser.add_argument("--cpu-base", type=float, default=1.0, help="CPU seconds allowed to any mutant")
    parser.add_argument("--cpu-per-mb", type=float, default=5.0, help="more CPU seconds allowed per MB")
    parser.add_argument("--memory-base", type=float, default=300.0, help="MiB of peak growth allowed")
    parser.add_argument("--memory-factor", type=float, default=60.0, help="more MiB allowed per MiB of input")
    parser.add_argument(
        "--restart-every",
        type=int,
        default=300,
        help="mutants per worker process (its peak memory restarts from its own size)",
    )
    parser.add_argument("--slowest", type=int, default=10)
    args = parser.parse_args(argv)

    pages = list(interleaved(tuple(args.sets)))
    if args.pages:
        pages = pages[:: max(1, len(pages) // args.pages)][: args.pages]
    shard, shards = (int(part) for part in args.shard.split("/"))
    pages = pages[shard::shards]
    if args.from_end:
        pages.reverse()
    rng = random.Random(f"{args.seed} {shard}")
    worker = Worker()
    kinds: Counter[str] = Counter()
    by_mutation: Counter[str] = Counter()
    failures: list[tuple[str, str, str, str]] = []
    slowest: list[tuple[float, int, str, str]] = []
    count = 0
    started = time.monotonic()
    pages_run = 0
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # (a stopped campaign still reports)
    try:
        for number, (name, page) in enumerate(pages, 1):
            bombs = args.bombs if number % args.bomb_every == 0 else 0
            for mutation, data in mutants(name, page, rng, truncations=args.truncations, bombs=bombs):
                count += 1
                by_mutation[mutation] += 1
                outcome = worker.run(data, args.hang_seconds)
                kinds[outcome.kind] += 1
                megabytes = len(data) / 1e6
                problems = []
                if outcome.kind == "hang" or outcome.kind.startswith("exception"):
                    problems.append(outcome.kind)
                if outcome.cpu_seconds > args.cpu_base + args.cpu_per_mb * megabytes:
                    problems.append("slow")
                if outcome.rss_growth_mib > args.memory_base + args.memory_factor * len(data) / 2**20:
                    problems.append("memory")
                for problem in problems:
                    measured = (
                        f"{outcome.cpu_seconds:.2f} s CPU, +{outcome.rss_growth_mib:.0f} MiB, "
                        f"{len(data):,} bytes"
                    )
                    failures.append((problem, name, mutation, outcome.detail or measured))
                slowest.append((outcome.cpu_seconds, len(data), name, mutation))
                slowest = sorted(slowest, reverse=True)[: args.slowest]
                if count % args.restart_every == 0:
                    worker.restart()
            pages_run = number
            if number % 50 == 0:
                print(
                    f"  {number}/{len(pages)} pages, {count} mutants, {len(failures)} failures, "
                    f"{time.monotonic() - started:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
    except KeyboardInterrupt:
        print("stopped early: the report covers the pages run so far", file=sys.stderr)
    worker.close()

    print(
        f"pages run: {pages_run} of {len(pages)} ({', '.join(args.sets)}); mutants: {count}; seed {args.seed}"
    )
    print("mutants by mutation: " + ", ".join(f"{name} {n}" for name, n in sorted(by_mutation.items())))
    print("outcomes: " + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common()))
    failed = Counter(problem for problem, *_ in failures)
    print(
        f"failures: {len(failures)}"
        + (": " + ", ".join(f"{kind} {n}" for kind, n in failed.items()) if failed else "")
    )
    for problem, name, mutation, detail in failures:
        print(f"  {problem}: {name} [{mutation}] {detail.strip().splitlines()[-1] if detail else ''}")
    print(f"slowest {len(slowest)} mutants (CPU s, bytes):")
    for cpu, size, name, mutation in slowest:
        print(f"  {cpu:7.3f} s {size:>11,} B  {name} [{mutation}]")
    print(f"campaign took {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the corpus-benchmark inputs: a WARC of many records and a folder of the same pages.

The records repeat the ScrapingHub benchmark pages (``../shared/bench/scrapinghub/html``),
each copy made unique by a trailing HTML comment, so a run extracts every record
instead of treating copies as identical content. ``--small`` writes short synthetic
article pages instead (for the memory run). Written with warcio.

    python bench/make_corpus_warc.py --records 20000 --warc bench/out/corpus.warc
    python bench/make_corpus_warc.py --records 1000 --folder bench/out/pages
"""

from __future__ import annotations

import argparse
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "bench" / "scrapinghub" / "html"


def benchmark_pages() -> list[bytes]:
    return [gzip.decompress(p.read_bytes()) for p in sorted(PAGES.glob("*.html.gz"))]


def small_page(number: int) -> bytes:
    words = " ".join(f"w{(number * 31 + i) % 5003}" for i in range(120))
    return (
        f"<html><head><title>Report {number}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Report {number}</h1><p>{words}.</p><p>Second paragraph of report "
        f"{number}, long enough to be kept as body text by an extractor.</p></article>"
        f"<footer>Contact</footer></body></html>"
    ).encode()


def copies(count: int, small: bool) -> Iterator[tuple[int, bytes]]:
    """``count`` distinct payloads, cycling through the benchmark pages."""
    base = [] if small else benchmark_pages()
    for i in range(count):
        body = small_page(i) if small else base[i % len(base)]
        yield i, body + f"\n<!-- corpus bench copy {i} -->\n".encode()


def write_warc(path: Path, count: int, *, small: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for i, body in copies(count, small):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://corpus-bench.invalid/{i}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
            writer.write_record(record)


def write_folder(folder: Path, count: int, *, small: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, body in copies(count, small):
        (folder / f"page{i:06d}.html").write_bytes(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--warc", type=Path, help="write a WARC here (.warc.gz compresses)")
    parser.add_argument("--folder", type=Path, help="write one .html file per record here")
    parser.add_argument("--small", action="store_true", help="short synthetic pages")
    args = parser.parse_args()
    if args.warc:
        write_warc(args.warc, args.records, small=args.small)
    if args.folder:
        write_folder(args.folder, args.records, small=args.small)


if __name__ == "__main__":
    main()

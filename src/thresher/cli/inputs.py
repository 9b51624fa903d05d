"""Reading the pages named on a command line: paths, ``-`` for stdin, gzip-compressed files."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

__all__ = ["read_input"]


def read_input(name: str) -> bytes:
    """The bytes of a file (``.gz`` decompressed) or of standard input for ``-``.

    Raises ``OSError`` (missing file, unreadable) or ``gzip.BadGzipFile``/``EOFError``
    for a corrupt archive; the caller reports them as one line.
    """
    if name == "-":
        return sys.stdin.buffer.read()
    raw = Path(name).read_bytes()
    if name.endswith(".gz"):
        return gzip.decompress(raw)
    return raw

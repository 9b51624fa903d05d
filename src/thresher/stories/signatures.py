"""MinHash signatures of shingle sets (datasketch), and their compact byte form.

A signature is what grouping keeps per document: ``num_perm`` 32-bit values whose
agreement rate estimates the Jaccard resemblance of two shingle sets. The byte form
(``LeanMinHash``) is what a store or another worker keeps instead of the text.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash

__all__ = [
    "DEFAULT_NUM_PERM",
    "SCHEME",
    "SEED",
    "estimate_containment",
    "minhash",
    "minhash32",
    "signature_from_bytes",
    "signature_to_bytes",
]

DEFAULT_NUM_PERM = 128
#: Fixed, so signatures computed anywhere (another process, another machine) compare.
SEED = 1
#: datasketch's hashing scheme for 32-bit inputs; named so stored signatures stay loadable.
SCHEME = "affine32"


def _identity(value: int) -> int:
    return value


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutations for ``num_perm`` and ``SEED``, drawn once instead of per document."""
    a, b = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    return a, b


def minhash(shingles: np.ndarray, num_perm: int = DEFAULT_NUM_PERM) -> LeanMinHash:
    """The MinHash of a set of 64-bit shingle hashes (their top 32 bits feed datasketch)."""
    return minhash32(np.asarray(shingles, dtype=np.uint64) >> np.uint64(32), num_perm)


def minhash32(values: np.ndarray, num_perm: int = DEFAULT_NUM_PERM) -> LeanMinHash:
    """The MinHash of a set of shingles kept as the top 32 bits of their hashes: the same
    signature ``minhash`` gives for the full hashes."""
    sketch = MinHash(
        num_perm=num_perm, seed=SEED, hashfunc=_identity, scheme=SCHEME, permutations=_permutations(num_perm)
    )
    if len(values):
        sketch.update_batch(np.asarray(values, dtype=np.uint64).tolist())
    return LeanMinHash(sketch)


def signature_to_bytes(signature: LeanMinHash) -> bytes:
    """The signature as bytes (seed, size, values) for a store or a network hop."""
    buffer = bytearray(signature.bytesize())
    signature.serialize(buffer)
    return bytes(buffer)


def signature_from_bytes(data: bytes) -> LeanMinHash:
    """Load what ``signature_to_bytes`` wrote."""
    return LeanMinHash.deserialize(bytearray(data))


def estimate_containment(resemblance: float, size_a: int, size_b: int) -> float:
    """How much of the smaller set lies in the larger one, from their resemblance and sizes.

    With J = |A∩B| / |A∪B|, |A∩B| = J (|A| + |B|) / (1 + J); dividing by the smaller
    size gives the containment that lets a partial capture join its full version.
    """
    smaller = min(size_a, size_b)
    if smaller <= 0 or resemblance <= 0:
        return 0.0
    return min(1.0, resemblance * (size_a + size_b) / ((1.0 + resemblance) * smaller))

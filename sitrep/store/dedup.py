"""Near-duplicate detection: MinHash signatures with banded LSH (datasketch).

Wire copies of one story (AP text on twenty sites, an updated version with a new last
paragraph) must count as one story with many mentions, not as twenty events. We hash word
5-gram shingles into a MinHash signature; LSH bands turn "Jaccard above the threshold"
into exact-match lookups the database can answer from an index (``lsh_bands``), and the
stored signature confirms each candidate before it joins a cluster.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
THRESHOLD = 0.7  # estimated Jaccard of 5-gram shingles; updated versions of a story score ~0.8+
SHINGLE = 5
_SEED = 1  # fixed: signatures stored in the database must stay comparable across runs

_WORD = re.compile(r"\w+", re.U)


@lru_cache(maxsize=4)
def bands(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(b, r): bands and rows per band minimising false positives + negatives (datasketch)."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # Building the permutations is the costly part of MinHash(); copy them per document.
    return MinHash(num_perm=NUM_PERM, seed=_SEED)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@dataclass
class Signature:
    values: np.ndarray  # uint64 array of NUM_PERM hash values

    def hex(self) -> str:
        return self.values.astype(">u4").tobytes().hex()

    @classmethod
    def from_hex(cls, data: str) -> "Signature":
        return cls(np.frombuffer(bytes.fromhex(data), dtype=">u4").astype(np.uint64))

    def jaccard(self, other: "Signature") -> float:
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)

    def buckets(self) -> list[tuple[int, str]]:
        """(band number, bucket hash) for each LSH band."""
        b, r = bands()
        out = []
        raw = self.values.astype(">u4").tobytes()
        for i in range(b):
            chunk = raw[i * r * 4 : (i + 1) * r * 4]
            out.append((i, hashlib.blake2b(chunk, digest_size=8).hexdigest()))
        return out


def signature(text: str) -> Signature:
    m = _template().copy()
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return Signature(m.hashvalues.copy())

"""Near-duplicate documents: two articles carrying the same wire story must not count its facts twice.

Each document keeps the hashes of its word 5-grams (shingles); two documents are near-duplicates when
at least ``THRESHOLD`` of the shorter one's shingles are in the other (containment, so an outlet's
headline, byline and boilerplate around the wire text do not hide the copy), and the later one (by
date, then id) is recorded as a copy of the earlier. A copy's evidence stays in the graph, marked, and
adds nothing to the mention counts of an edge the earlier document also reports.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc

from kg.model import DocumentResult

SHINGLE = 5
THRESHOLD = 0.7  # wire copies differ by a headline, a byline, a trimmed paragraph
MIN_SHINGLES = 12  # a shorter text is a sentence or two: sharing it makes no copy
SAMPLE = 8  # one shingle in eight indexes a document
CANDIDATE_SHARE = 0.4  # of the smaller sample, shared, to compare two documents in full (a copy shares ~0.7+)
MAX_BUCKET = 64  # documents one sampled shingle may index


def shingles(sdoc: Doc) -> frozenset[int]:
    """Hashes (crc32: stable across runs, unlike hash()) of the document's lower-cased word 5-grams."""
    words = [t.lower_ for t in sdoc if t.is_alpha or t.is_digit]
    return frozenset(zlib.crc32(" ".join(words[i:i + SHINGLE]).encode("utf-8"))
                     for i in range(max(len(words) - SHINGLE + 1, 1)))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set's shingles found in the other; 0 when either is too short to judge."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def near_duplicates(results: Iterable[DocumentResult]) -> dict[str, str]:
    """Document id -> id of the earlier document it copies.

    Each document is indexed by a sample of its shingles (those whose hash is 0 mod ``SAMPLE``); only an
    earlier document sharing at least ``CANDIDATE_SHARE`` of the smaller sample is compared in full. A
    sampled shingle already seen in ``MAX_BUCKET`` documents is boilerplate ("the ministry said in a
    statement"), not a sign of copying, and indexes no more documents: the earliest ones, the originals,
    stay findable. So the work per document is bounded and the whole stays linear in the corpus."""
    ordered = sorted(results, key=lambda r: (r.date or "9999", r.doc_id))
    buckets: dict[int, list[int]] = {}
    sizes: list[int] = []
    out: dict[str, str] = {}
    for i, res in enumerate(ordered):
        sample = {h for h in res.shingles if h % SAMPLE == 0} or ({min(res.shingles)} if res.shingles else set())
        sizes.append(len(sample))
        shared = Counter(j for h in sample for j in buckets.get(h, ()))
        for j in sorted(shared):
            earlier = ordered[j]
            if shared[j] >= CANDIDATE_SHARE * min(len(sample), sizes[j]) and earlier.doc_id not in out \
                    and containment(res.shingles, earlier.shingles) >= THRESHOLD:
                out[res.doc_id] = earlier.doc_id
                break
        for h in sample:
            bucket = buckets.setdefault(h, [])
            if len(bucket) < MAX_BUCKET:
                bucket.append(i)
    return out

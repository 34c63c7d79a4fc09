"""Near-duplicates across sources: the same event from two agencies, reworded.

Each item's text (headline, lead, body) is cut into overlapping two-word
shingles (three-word ones miss reworded copy: one changed word breaks three)
and summarised as a MinHash (datasketch); two items whose estimated Jaccard
similarity reaches ``THRESHOLD`` are the same story told twice. Only the
language's items of the last ``WINDOW`` are compared, newest first, so the cost
per item stays flat however large the archive grows.
"""

import re
from datetime import timedelta

import numpy as np
from datasketch import MinHash
from django.utils import timezone

PERMUTATIONS = 64
THRESHOLD = 0.45
WINDOW = timedelta(hours=72)
RECENT_LIMIT = 2000
_WORDS = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> bytes:
    """The MinHash of ``text``'s word shingles, as bytes for the database."""
    words = [word.casefold() for word in _WORDS.findall(text)]
    shingles = {" ".join(words[i : i + 2]) for i in range(max(1, len(words) - 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=7)
    minhash.update_batch([shingle.encode() for shingle in shingles])
    return minhash.hashvalues.astype(np.uint64).tobytes()


def similarity(first: bytes, second: bytes) -> float:
    a, b = np.frombuffer(first, dtype=np.uint64), np.frombuffer(second, dtype=np.uint64)
    if a.size != b.size or a.size == 0:
        return 0.0
    return float(np.count_nonzero(a == b)) / a.size


def near_duplicate(mine: bytes, *, language: str, source_key: str):
    """The most similar recent item of another source in ``language`` at or above
    the threshold, as its ``WireStory``, or None."""
    from .models import WireStory

    recent = (
        WireStory.objects.filter(
            language=language,
            received_at__gte=timezone.now() - WINDOW,
            story__isnull=False,
        )
        .exclude(source_key=source_key)
        .order_by("-received_at")
        .values_list("pk", "signature")[:RECENT_LIMIT]
    )
    best, best_score = None, THRESHOLD
    for pk, theirs in recent:
        score = similarity(mine, bytes(theirs))
        if score >= best_score:
            best, best_score = pk, score
    return WireStory.objects.select_related("story").get(pk=best) if best else None

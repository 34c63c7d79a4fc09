"""Similarity by shared words: Okapi BM25 of one story's stems against each
candidate's stored stems, within one language (the candidates are the
language's newest stories, so document frequencies are theirs).

A BM25 score has no upper bound; it is divided by the story's score against
itself so that 1 means "says what this story says" and scores can be weighed
against topic overlap and recency (``rank.py``).
"""

import math
from collections import Counter

# Robertson's usual values: k1 how fast repeating a word stops counting, b how
# much a long story is discounted.
K1 = 1.2
B = 0.75


def similarities(query: dict, documents: list[tuple[dict, int]]) -> list[float]:
    """For each ``(terms, length)`` in ``documents``, its BM25 score for the
    stems of ``query`` (stem -> weight), between 0 and about 1."""
    if not query or not documents:
        return [0.0] * len(documents)
    wanted = query.keys()
    shared = [wanted & terms.keys() for terms, _length in documents]
    frequency = Counter(stem for found in shared for stem in found)
    count = len(documents) + 1  # the story itself is one of the collection
    idf = {stem: math.log(1 + (count - n - 0.5) / (n + 0.5)) for stem, n in frequency.items()}
    average = (sum(length for _terms, length in documents) or 1) / len(documents)
    best = _self_score(query, average, count, frequency)
    scores = []
    for found, (terms, length) in zip(shared, documents, strict=True):
        norm = K1 * (1 - B + B * length / average)
        score = sum(
            idf[stem] * query[stem] * terms[stem] * (K1 + 1) / (terms[stem] + norm)
            for stem in found
        )
        scores.append(min(1.0, score / best) if best > 0 else 0.0)
    return scores


def _self_score(query: dict, average: float, count: int, frequency: Counter) -> float:
    """The query's score against itself, each stem as rare as it is among the
    documents (so a word no other story uses still counts for the story)."""
    length = average  # a story is about as long as the others: no length bonus
    norm = K1 * (1 - B + B * length / average)
    total = 0.0
    for stem, weight in query.items():
        n = frequency.get(stem, 0)
        idf = math.log(1 + (count - n - 0.5) / (n + 0.5))
        total += idf * weight * weight * (K1 + 1) / (weight + norm)
    return total

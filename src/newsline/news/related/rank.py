"""One score per candidate: how close its text is, how many topics it shares,
how near in time it is. Who may be a candidate at all is decided before
(``services.py``: published stories of the same language, never the story itself
or its translations); here a candidate with neither words nor topics in common
is dropped, so a story of stop words only gets an empty list, not the newest.
"""

import math
from dataclasses import dataclass
from datetime import datetime

# Text decides (it is the only signal that sees the story's meaning); topics,
# tagged by editors, break ties between stories of similar wording; recency only
# orders what is otherwise alike, since the labelled storylines last under ten
# days and older stories of the same subject are still related. Chosen before
# measuring and left so: bench/related.py reports what they give.
SIMILARITY_WEIGHT = 0.75
TOPIC_WEIGHT = 0.15
RECENCY_WEIGHT = 0.10
RECENCY_HALF_LIFE_DAYS = 7
# Below this a text is not about the same thing, whatever the topics say.
MIN_SIMILARITY = 0.02


@dataclass(frozen=True)
class Candidate:
    story_id: int
    published_at: datetime
    topics: frozenset
    similarity: float


@dataclass(frozen=True)
class Ranked:
    story_id: int
    score: float


def ranked(
    candidates, *, topics: frozenset, published_at: datetime | None, limit: int
) -> list[Ranked]:
    """The ``limit`` best candidates, best first (ties: the newer first)."""
    scored = []
    for candidate in candidates:
        overlap = topic_overlap(topics, candidate.topics)
        if candidate.similarity < MIN_SIMILARITY and not overlap:
            continue
        score = (
            SIMILARITY_WEIGHT * candidate.similarity
            + TOPIC_WEIGHT * overlap
            + RECENCY_WEIGHT * closeness(published_at, candidate.published_at)
        )
        scored.append((score, candidate.published_at, candidate.story_id))
    scored.sort(reverse=True)
    return [Ranked(story_id, round(score, 6)) for score, _, story_id in scored[:limit]]


def topic_overlap(mine: frozenset, theirs: frozenset) -> float:
    """Jaccard: shared topics over all topics of the two stories."""
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / len(mine | theirs)


def closeness(moment: datetime | None, other: datetime) -> float:
    """1 for the same moment, halving every RECENCY_HALF_LIFE_DAYS apart."""
    if moment is None:
        return 0.0
    days = abs((moment - other).total_seconds()) / 86400
    return math.pow(0.5, days / RECENCY_HALF_LIFE_DAYS)

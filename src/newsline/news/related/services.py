"""Working out and storing a story's related stories (decision 0017).

The worker calls ``refresh_related`` when a story is published or edited; the
page then reads the stored rows by the story's own key (``queries.related_stories``).
"""

import logging
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ..models import ArticlePage, ArticleTopic, RelatedStory, StoryVector
from . import meaning, rank, text, words

logger = logging.getLogger("newsline.news")

# Rows kept per story: the page shows four, the others stand in for any of them
# withdrawn before the story is computed again.
STORED = 8
METHODS = ("auto", "meaning", "words")


def method(language: str | None = None) -> str:
    """ "meaning" or "words" for stories in ``language``, as NEWSLINE_RELATED_METHOD
    asks and the machine allows: "auto" uses the model for the languages it knows."""
    asked = settings.NEWSLINE_RELATED_METHOD
    if asked not in METHODS:
        raise ValueError(f"NEWSLINE_RELATED_METHOD must be one of {METHODS}, not {asked!r}")
    if asked == "words":
        return "words"
    if asked == "auto" and language is not None and language not in meaning.LANGUAGES:
        return "words"
    if meaning.is_available():
        return "meaning"
    if asked == "meaning":
        _warn_once(meaning.why_unavailable())
    return "words"


@cache
def _warn_once(reason: str) -> None:
    logger.warning("Related stories by words: %s", reason)


def store_vector(*, story: ArticlePage, using: str | None = None) -> StoryVector:
    """Store what ``story`` (the specific page) is compared by: its stems, its
    topics and, for the meaning method, its embedding."""
    using = using or method(story.locale.language_code)
    found = text.story_words(story)
    topic_ids = ArticleTopic.objects.filter(content_object_id=story.pk).values_list(
        "tag_id", flat=True
    )
    defaults = {
        "terms": found.terms,
        "length": found.length,
        "topics": sorted(topic_ids),
        "computed_at": timezone.now(),
    }
    if using == "meaning":
        vector = meaning.embed([meaning.story_passage(story)])[0]
        defaults |= {"embedding": vector.tobytes(), "embedding_model": meaning.MODEL_NAME}
    stored, _ = StoryVector.objects.update_or_create(story=story, defaults=defaults)
    if using == "meaning" and meaning.has_index(connection):
        meaning.store_indexed(connection, story.pk, vector)
    return stored


def refresh_related(*, story: ArticlePage, using: str | None = None) -> list[RelatedStory]:
    """Compute ``story``'s related stories and replace its stored ones in one
    transaction (a reader sees the old list or the new, never none or both).

    Candidates are the published stories of its language among the newest
    NEWSLINE_RELATED_WINDOW, never the story or its translations. A story that
    is not published keeps no list. Its own vector is stored first."""
    story = story.specific
    using = using or method(story.locale.language_code)
    vector = store_vector(story=story, using=using)
    best = []
    if ArticlePage.objects.published().filter(pk=story.pk).exists():
        candidates = candidates_by_meaning if using == "meaning" else candidates_by_words
        best = rank.ranked(
            candidates(story, vector),
            topics=frozenset(vector.topics),
            published_at=story.published_at,
            limit=STORED,
        )
    rows = [
        RelatedStory(story_id=story.pk, related_id=r.story_id, rank=i, score=r.score, method=using)
        for i, r in enumerate(best, start=1)
    ]
    with transaction.atomic():
        RelatedStory.objects.filter(story_id=story.pk).delete()
        return RelatedStory.objects.bulk_create(rows)


def eligible(story: ArticlePage):
    """The stories that may be related to ``story``: published, in its language,
    neither it nor its translations."""
    return (
        ArticlePage.objects.published()
        .in_locale(story.locale_id)
        .exclude(translation_key=story.translation_key)
    )


def window(story: ArticlePage):
    """The stored vectors of the newest ``eligible`` stories: an index range,
    whatever the total."""
    newest = eligible(story).order_by("-published_at", "-pk").values("pk")
    return StoryVector.objects.filter(story_id__in=newest[: settings.NEWSLINE_RELATED_WINDOW])


def candidates_by_words(story: ArticlePage, vector: StoryVector) -> list[rank.Candidate]:
    rows = list(
        window(story).values_list("story_id", "story__published_at", "topics", "terms", "length")
    )
    found = words.similarities(vector.terms, [(terms, length) for *_, terms, length in rows])
    return [
        rank.Candidate(pk, published_at, frozenset(topics), similarity)
        for (pk, published_at, topics, _terms, _length), similarity in zip(rows, found, strict=True)
    ]


def candidates_by_meaning(story: ArticlePage, vector: StoryVector) -> list[rank.Candidate]:
    """Cosine of the embeddings: the nearest through pgvector's index where the
    database has it, else exactly over the window."""
    mine = meaning.from_bytes(vector.embedding)
    if meaning.has_index(connection):
        nearest = meaning.nearest_indexed(connection, mine, exclude=story.pk)
        stored = StoryVector.objects.filter(story_id__in=nearest, story__in=eligible(story))
    else:
        stored = window(story)
    stored = stored.filter(embedding_model=meaning.MODEL_NAME)
    rows = list(stored.values_list("story_id", "story__published_at", "topics", "embedding"))
    found = meaning.similarities(mine, [embedding for *_, embedding in rows])
    return [
        rank.Candidate(pk, published_at, frozenset(topics), similarity)
        for (pk, published_at, topics, _embedding), similarity in zip(rows, found, strict=True)
    ]


def refresh_all_related(*, using: str | None = None) -> int:
    """Every published story's vector, then its list (the demo, a change of
    method): in two passes, so each list sees every other story. Returns how many
    lists were computed."""
    published = list(
        ArticlePage.objects.published()
        .specific()
        .select_related("locale")
        .order_by("published_at", "pk")
    )
    for story in published:
        store_vector(story=story, using=using or method(story.locale.language_code))
    for story in published:
        refresh_related(story=story, using=using)
    return len(published)

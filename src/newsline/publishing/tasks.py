"""Work the worker does for publishing: purges of our own cache that could not
reach it, retried from the queue, and the renditions readers will be shown."""

import logging
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page, ReferenceIndex

from newsline.core import renditions, surrogate
from newsline.core.models import NewsImage
from newsline.news.models import ArticlePage
from newsline.news.related import services as related

from . import store

logger = logging.getLogger("newsline.publishing")

MAX_ATTEMPTS = 12  # backoff 2, 4 … 60 s: about ten minutes, the pages' lifetime


@task()
def purge_keys(keys: list[str], attempt: int = 1) -> None:
    """Purge ``keys`` from the page cache, re-queueing itself with backoff while
    the cache is unreachable."""
    try:
        store.purge(keys)
    except Exception as exc:
        if attempt >= MAX_ATTEMPTS or not purge_keys.get_backend().supports_defer:
            logger.error("Gave up purging %d cache keys: %s", len(keys), exc)
            raise
        delay = timedelta(seconds=min(60, 2**attempt))
        purge_keys.using(run_after=timezone.now() + delay).enqueue(keys, attempt + 1)


@task()
def make_renditions(image_ids: list[int]) -> None:
    """Make the reader renditions these pictures lack (``core/renditions.py``): the
    worker decodes originals so that readers' requests never do. A picture that
    cannot be read is logged and skipped; the others are still made."""
    for image in NewsImage.objects.filter(pk__in=image_ids):
        try:
            made = renditions.make_renditions(image)
        except Exception:
            logger.exception("Could not make the renditions of picture %s", image.pk)
        else:
            if made:
                logger.info("Made %d renditions of picture %s", made, image.pk)


@task()
def make_story_renditions(page_id: int) -> None:
    """Renditions of every picture a just-published story shows: pictures uploaded
    before renditions were made at upload, or whose renditions were removed."""
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        make_renditions.call(sorted(pictures_of(page.specific)))


def pictures_of(story) -> set[int]:
    """The pictures a story shows: its main picture, those in its body or gallery,
    its interviewee's photo. The reference index is brought up to date first: at
    publication Wagtail refreshes it in a task of its own that may not have run."""
    ReferenceIndex.create_or_update_for_object(story)
    image_type = ContentType.objects.get_for_model(NewsImage)
    found = ReferenceIndex.get_references_for_object(story).filter(to_content_type=image_type)
    ids = {int(pk) for pk in found.values_list("to_object_id", flat=True)}
    interviewee = getattr(story, "interviewee", None)
    ids |= {story.main_image_id, interviewee.photo_id if interviewee else None}
    return ids - {None}


@task()
def refresh_related(page_id: int) -> None:
    """Work out a just-published or edited story's related stories and store them
    (``news/related/``), then purge its pages so readers get the new list (a purge
    the cache refuses is retried from the queue, as ``purge_keys`` does)."""
    story = ArticlePage.objects.filter(pk=page_id).first()
    if story is None:
        return
    related.refresh_related(story=story)
    purge_keys.call([surrogate.story(story.translation_key)])

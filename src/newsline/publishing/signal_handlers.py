"""Publishing's side effects: purge what a change made wrong, here and at the CDN.

Our own page cache is purged at once, and again when the transaction commits
(a reader who rendered the page in between could otherwise store the old
version). CDN purges go to the task queue after the commit, so an unreachable
CDN never slows or breaks publishing.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from newsline.core import renditions, surrogate
from newsline.core.models import NewsImage
from newsline.news.models import (
    ArticlePage,
    BreakingDay,
    Correction,
    HomePage,
    LiveUpdate,
    Person,
    SectionPage,
    Topic,
)

from . import cdn, store, tasks
from .invalidation import (
    Footprint,
    affected_keys,
    affected_paths,
    footprint,
    landing_keys,
    landing_paths,
    live_paths,
    person_keys,
    person_paths,
    picture_footprints,
    topic_addresses,
    topic_keys,
    topic_paths,
)
from .models import PublishedFootprint

logger = logging.getLogger("newsline.publishing")
# A reader meeting a missing rendition asks the worker at most this often.
RENDITION_ASK_SECONDS = 30


def purge_places(*places: Footprint | None) -> set[str]:
    """Purge every cached response that shows any of ``places``; return the keys."""
    keys = affected_keys(*places)
    purge(keys, lambda: affected_paths(*places))
    return keys


def purge_everything() -> None:
    """For rare changes that touch every page (a section renamed, a restriction set)."""
    purge({surrogate.EVERYTHING})


def purge(keys, paths: Callable[[], set[str]] | None = None) -> None:
    """Purge ``keys`` now and again when the transaction commits (a render between
    the two may have read the old rows); with a CDN, and ``paths``, queue a purge
    of the addresses ``paths()`` names once the change is committed."""
    purge_now(keys)
    transaction.on_commit(lambda: purge_now(keys))
    if paths is not None and cdn.is_configured():
        transaction.on_commit(lambda: _enqueue_cdn_paths(paths()))


def purge_now(keys) -> None:
    """Purge our cache; if it cannot be reached, queue a retry rather than fail
    the publication (pages stored before the outage must not outlive it)."""
    try:
        store.purge(keys)
    except Exception:
        logger.warning("Page cache unreachable; purge of %d keys queued", len(keys))
        try:
            tasks.purge_keys.enqueue(sorted(keys))
        except Exception:
            logger.exception("Could not queue the purge of %d cache keys", len(keys))


def _enqueue_cdn_paths(paths) -> None:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    urls = sorted(base + path for path in paths)
    try:
        cdn.purge_cdn.enqueue(urls)
    except Exception:  # the queue being down must not undo a publication
        logger.exception("Could not queue a CDN purge of %d addresses", len(urls))


def _remembered(page_id: int) -> Footprint | None:
    record = PublishedFootprint.objects.filter(page_id=page_id).first()
    return Footprint.from_json(record.data) if record else None


def _remember(place: Footprint) -> None:
    PublishedFootprint.objects.update_or_create(
        page_id=place.page_id, defaults={"data": place.as_json()}
    )


def landing_published(page) -> None:
    """A home (curation, several times a day) or a section page published: purge what
    it shows, in its language only; a section's masthead entry changes every page
    of that language, a home's curation only the home."""
    purge(landing_keys(page), lambda: landing_paths(page))


def story_published(sender, instance, **kwargs):
    """Published, edited, translated, or gone live at its scheduled time."""
    if isinstance(instance, HomePage | SectionPage):
        landing_published(instance)
        return
    if not isinstance(instance, ArticlePage):
        purge_everything()
        return
    before, after = _remembered(instance.pk), footprint(instance)
    _remember(after)
    _enqueue(tasks.make_story_renditions, instance.pk)
    purge_places(before, after)


def story_related(sender, instance, **kwargs):
    """A story published or edited: the worker works out its related stories."""
    if isinstance(instance, ArticlePage):
        _enqueue(tasks.refresh_related, instance.pk)


def story_withdrawn(sender, instance, **kwargs):
    """Unpublished by an editor, or expired."""
    if not isinstance(instance, ArticlePage):
        purge_everything()
        return
    before = _remembered(instance.pk) or footprint(instance)
    PublishedFootprint.objects.filter(page_id=instance.pk).delete()
    purge_places(before)


def story_moved(sender, instance, **kwargs):
    if instance.live:
        story_published(sender, instance.specific)


def story_deleted(sender, instance, **kwargs):
    if instance.live:
        story_withdrawn(sender, instance)


def live_update_changed(sender, instance, **kwargs):
    """An update posted, corrected or removed: the live story's page, its updates'
    address and its language's feeds (which carry the newest updates)."""
    story = ArticlePage.objects.filter(pk=instance.story_id, live=True).first()
    if story is None:
        return
    language = story.locale.language_code
    purge({surrogate.live(story.pk), surrogate.feed(language)}, lambda: live_paths(story))


def correction_changed(sender, instance, **kwargs):
    """A correction published or removed: the story changed for its readers
    (its page, the lists and feeds showing it), and so did the language's list of
    corrections."""
    story = ArticlePage.objects.filter(pk=instance.story_id, live=True).first()
    if story is None:
        return
    purge({surrogate.corrections(story.locale.language_code)})
    purge_places(footprint(story.specific))


def breaking_day_switched(sender, instance, **kwargs):
    """The breaking day changes how often open pages refresh, which each fragment's
    answer says: those answers are renewed in every language."""
    keys = set()
    for language, _name in settings.LANGUAGES:
        keys |= {surrogate.news_line(language), surrogate.breaking(language)}
    purge(keys)


def restriction_changed(sender, instance, **kwargs):
    purge_everything()


def picture_changed(sender, instance, created=False, **kwargs):
    """A picture's caption, credit, alt text, focal point or file changed, or it is
    about to be deleted: purge every page, feed and API answer that shows it. A new
    upload shows nowhere yet."""
    if created:
        return
    places, people = picture_footprints(instance)
    for person in people:
        purge(person_keys(person), lambda person=person: person_paths(person))
    if places:
        purge_places(*places)


def picture_saved(sender, instance, **kwargs):
    """A new picture, a new file or focal point: the worker makes its renditions
    before readers ask for them."""
    _enqueue(tasks.make_renditions, [instance.pk])


def rendition_wanted(sender, image, **kwargs):
    """A reader was shown a placeholder: ask the worker once, not once a reader."""
    if cache.add(f"newsline:renditions-wanted:{image.pk}", 1, timeout=RENDITION_ASK_SECONDS):
        _enqueue(tasks.make_renditions, [image.pk])


def _enqueue(task, *args) -> None:
    try:
        task.enqueue(*args)
    except Exception:  # the queue being down must not undo an upload or a publication
        logger.exception("Could not queue %s%s", task.name, args)


def person_changed(sender, instance, created=False, **kwargs):
    """A person's name, position, photo or biography changed: their profile and the
    stories that carry their byline. A new person is on no page yet."""
    if created:
        return
    purge(person_keys(instance), lambda: person_paths(instance))


def topic_readdressing(sender, instance, **kwargs):
    """Before a topic is saved: its old addresses when its slug changes, which a CDN
    keeps answering from until they are purged (none for a new topic, an unchanged
    address, or no CDN; set on every save, so a later one purges no stale address)."""
    instance._newsline_old_addresses = set()
    if instance.pk is None or not cdn.is_configured():
        return
    before = Topic.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if before is not None and before != instance.slug:
        instance._newsline_old_addresses = topic_addresses(before)


def topic_changed(sender, instance, created=False, **kwargs):
    """A topic renamed, given another address, type or other names, or about to be
    deleted: its pages (at its old address too) and the stories tagged with it. A
    new topic is on no page."""
    if created:
        return
    # Its addresses now: a deletion takes the taggings with it before the commit.
    paths = set()
    if cdn.is_configured():
        paths = topic_paths(instance) | getattr(instance, "_newsline_old_addresses", set())
    purge(topic_keys(instance), lambda: paths)


def register():
    page_published.connect(story_published, dispatch_uid="newsline-purge-published")
    page_published.connect(story_related, dispatch_uid="newsline-related-published")
    page_unpublished.connect(story_withdrawn, dispatch_uid="newsline-purge-unpublished")
    post_page_move.connect(story_moved, dispatch_uid="newsline-purge-moved")
    pre_delete.connect(story_deleted, sender=ArticlePage, dispatch_uid="newsline-purge-deleted")
    post_save.connect(person_changed, sender=Person, dispatch_uid="newsline-purge-person")
    pre_save.connect(topic_readdressing, sender=Topic, dispatch_uid="newsline-topic-address")
    post_save.connect(topic_changed, sender=Topic, dispatch_uid="newsline-purge-topic")
    pre_delete.connect(topic_changed, sender=Topic, dispatch_uid="newsline-purge-topic-deleted")
    post_save.connect(live_update_changed, sender=LiveUpdate, dispatch_uid="newsline-live-update")
    post_delete.connect(
        live_update_changed, sender=LiveUpdate, dispatch_uid="newsline-live-update-deleted"
    )
    post_save.connect(correction_changed, sender=Correction, dispatch_uid="newsline-correction")
    post_save.connect(
        breaking_day_switched, sender=BreakingDay, dispatch_uid="newsline-breaking-day"
    )
    # A picture: before a deletion, while the stories still point at it.
    post_save.connect(picture_changed, sender=NewsImage, dispatch_uid="newsline-purge-picture")
    post_save.connect(picture_saved, sender=NewsImage, dispatch_uid="newsline-renditions")
    renditions.rendition_wanted.connect(rendition_wanted, dispatch_uid="newsline-rendition-wanted")
    pre_delete.connect(
        picture_changed, sender=NewsImage, dispatch_uid="newsline-purge-picture-deleted"
    )
    post_save.connect(
        restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="newsline-purge-restriction",
    )
    post_delete.connect(
        restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="newsline-purge-restriction-removed",
    )

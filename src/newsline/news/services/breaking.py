"""Breaking news from the admin: the site-wide "breaking day" switch, and ending a
story's breaking banner without opening the story."""

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ArticlePage, BreakingDay
from ..queries import BREAKING_DAY_CACHE_KEY


class BreakingError(Exception):
    """Why the banner could not be ended from the breaking desk."""


def set_breaking_day(is_on: bool, user=None) -> BreakingDay:
    """Switch the breaking day on or off for the whole site."""
    with transaction.atomic():
        row, _created = BreakingDay.objects.select_for_update().get_or_create(pk=1)
        row.is_on, row.changed_by = is_on, user
        row.save()
    transaction.on_commit(lambda: cache.delete(BREAKING_DAY_CACHE_KEY))
    cache.delete(BREAKING_DAY_CACHE_KEY)
    return row


def end_breaking(story: ArticlePage, user=None) -> None:
    """Untick "breaking news" on a live story and publish that as a new revision.

    A story with unpublished changes is refused: publishing them with it would
    put an editor's unfinished work live; the editor unticks it in the story."""
    story = ArticlePage.objects.get(pk=story.pk).specific  # as it is now, not as passed
    if not story.live or not story.is_breaking:
        raise BreakingError(_("“%(title)s” is not breaking news.") % {"title": story.title})
    if story.has_unpublished_changes:
        raise BreakingError(
            _("“%(title)s” has unpublished changes. Open it, untick “breaking news” and publish.")
            % {"title": story.title}
        )
    story.is_breaking = False
    revision = story.save_revision(user=user, log_action=True)
    revision.publish(user=user)

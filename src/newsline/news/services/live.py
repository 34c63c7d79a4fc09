"""Live coverage from the newsroom: who may post to a live story, and posting,
correcting and removing its updates (each its own row: editors never overwrite
each other)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import LivePage, LiveUpdate


class LiveError(Exception):
    """Why an update could not be posted, corrected or removed."""


def may_post(user, story: LivePage) -> bool:
    """Whoever may edit the story may post to its coverage (its desk, its section's
    contributors, the chief editors)."""
    return story.permissions_for_user(user).can_edit()


def post_update(story: LivePage, update: LiveUpdate, user) -> LiveUpdate:
    """Add ``update`` (built by the editor's form) to running coverage."""
    _check(story, user)
    update.story, update.posted_by = story, user
    update.posted_at = timezone.now()
    update.save()
    return update


def correct_update(update: LiveUpdate, user) -> LiveUpdate:
    """Save an editor's correction; readers see when it was corrected."""
    _check(update.story, user)
    if update.removed_at is not None:
        raise LiveError(_("A removed update cannot be corrected."))
    update.edited_at = timezone.now()
    update.save()
    return update


def remove_update(update: LiveUpdate, user) -> LiveUpdate:
    """Take an update down: readers see a note with the time of its removal."""
    _check(update.story, user, ended_too=True)
    if update.removed_at is None:
        update.removed_at = timezone.now()
        update.is_pinned = False
        update.save(update_fields=["removed_at", "is_pinned"])
    return update


def _check(story: LivePage, user, *, ended_too: bool = False) -> None:
    if not may_post(user, story):
        raise LiveError(_("You may not post to “%(title)s”.") % {"title": story.title})
    if not ended_too and not story.is_running:
        raise LiveError(
            _("The coverage of “%(title)s” has ended; it is an archived report now.")
            % {"title": story.title}
        )

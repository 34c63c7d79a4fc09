"""Corrections from the newsroom: a chief editor publishes one on a published
story, or removes one with a reason; both are recorded and shown to readers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsline.core.text import printable

from ..models import ArticlePage, Correction

TEXT_LIMIT = 2000
REASON_LIMIT = 1000
# An editor's clock may run a little ahead of the server's.
CLOCK_SKEW_SECONDS = 60


class CorrectionError(Exception):
    """Why a correction could not be published or removed."""


def may_correct(user, story: ArticlePage) -> bool:
    """Chief editors and administrators (``news.add_correction``) who may also
    edit the story."""
    return user.has_perm("news.add_correction") and story.permissions_for_user(user).can_edit()


def add_correction(story: ArticlePage, text: str, user, *, at=None) -> Correction:
    """Publish a correction of ``story``; ``at`` is when it was made (now by default)."""
    _check(story, user)
    text = printable(text or "").strip()
    if not text:
        raise CorrectionError(_("Write what was corrected."))
    if len(text) > TEXT_LIMIT:
        raise CorrectionError(
            _("A correction is at most %(limit)d characters.") % {"limit": TEXT_LIMIT}
        )
    now = timezone.now()
    at = at or now
    if (at - now).total_seconds() > CLOCK_SKEW_SECONDS:
        raise CorrectionError(_("A correction cannot be dated in the future."))
    if story.published_at and at < story.published_at:
        raise CorrectionError(_("A correction cannot be older than the story."))
    return record_correction(story, text, at=at, user=user)


def record_correction(story: ArticlePage, text: str, *, at, user=None) -> Correction:
    """The write itself, for callers that checked already (the demo, imports)."""
    with transaction.atomic():
        correction = Correction.objects.create(
            story=story, text=text, corrected_at=at, created_by=user
        )
        _touch(story, timezone.now())
    return correction


def remove_correction(correction: Correction, user, reason: str) -> Correction:
    """Withdraw a correction: it stays on record and readers see that it was
    removed, when and why."""
    story = correction.story
    _check(story, user)
    reason = printable(reason or "").strip()
    if not reason:
        raise CorrectionError(_("Say why the correction is removed; readers see it."))
    if len(reason) > REASON_LIMIT:
        raise CorrectionError(
            _("A reason is at most %(limit)d characters.") % {"limit": REASON_LIMIT}
        )
    if correction.removed_at is not None:
        raise CorrectionError(_("This correction was already removed."))
    now = timezone.now()
    with transaction.atomic():
        correction.removed_at, correction.removed_by = now, user
        correction.removal_reason = reason
        correction.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        _touch(story, now)
    return correction


def _touch(story: ArticlePage, moment) -> None:
    """The story changed for its readers; no revision is made, so whatever draft
    an editor has open is left alone."""
    ArticlePage.objects.filter(pk=story.pk).update(last_corrected_at=moment)
    story.last_corrected_at = moment


def _check(story: ArticlePage, user) -> None:
    if not may_correct(user, story):
        raise CorrectionError(_("You may not correct “%(title)s”.") % {"title": story.title})
    if not story.live:
        raise CorrectionError(
            _("“%(title)s” is not published: change the story itself instead.")
            % {"title": story.title}
        )

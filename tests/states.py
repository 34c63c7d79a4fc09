"""Ways a story can be that a reader must not see it, shared by the visibility tables."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import PageViewRestriction


def draft(story):
    story.unpublish()


def scheduled(story):
    story.unpublish()
    story.go_live_at = timezone.now() + timedelta(hours=2)
    story.save_revision().publish()


def expired(story):
    # Published with an expiry that has since passed, but the scheduler has not
    # withdrawn it yet: nothing may wait for it.
    story.expire_at = timezone.now() - timedelta(minutes=1)
    story.save_revision().publish()


def private(story):
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="x")


def private_section(story):
    PageViewRestriction.objects.create(
        page=story.get_parent(), restriction_type="password", password="x"
    )


HIDDEN = {
    "draft": draft,
    "scheduled": scheduled,
    "expired": expired,
    "private": private,
    "private section": private_section,
}

"""Scheduled go-live and expiry, run inside Newsline by ``newsline worker``.

Every second the worker publishes the revisions whose go-live time has come
and withdraws the pages whose expiry has passed, through Wagtail's own
publish and unpublish actions (so the purge handlers run as for an editor).
Each revision is claimed in its own transaction, locked with SKIP LOCKED on
PostgreSQL, so several workers on several nodes publish it once; on SQLite the
database lets one writer in at a time. Whatever fell due while no worker ran
is caught up on its first pass.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision

logger = logging.getLogger("newsline.publishing")

INTERVAL_SECONDS = 1.0


@dataclass
class Pass:
    published: int = 0
    expired: int = 0


def _claim_next(queryset, order: str):
    """Lock and return the first due row no other worker holds, or None; the
    caller acts on it inside the same transaction."""
    return queryset.select_for_update(skip_locked=True).order_by(order, "pk").first()


def _publish_next_due(now) -> bool:
    with transaction.atomic():
        due = Revision.page_revisions.filter(approved_go_live_at__lte=now)
        revision = _claim_next(due, "approved_go_live_at")
        if revision is None:
            return False
        logger.info("Scheduled publication of %s (revision %s)", revision.object_str, revision.pk)
        revision.publish(log_action="wagtail.publish.scheduled")
        return True


def _expire_next(now) -> bool:
    with transaction.atomic():
        page = _claim_next(Page.objects.live().filter(expire_at__lte=now), "expire_at")
        if page is None:
            return False
        logger.info("Expiry of %s (page %s)", page.title, page.pk)
        page.specific.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        return True


def run_due(now=None) -> Pass:
    """Publish everything due and withdraw everything expired as of ``now``."""
    now = now or timezone.now()
    done = Pass()
    while _expire_next(now):
        done.expired += 1
    while _publish_next_due(now):
        done.published += 1
    return done

"""What a page shows a reader beyond its own fields: the selectors each page type
needs, and what it is about (``core.subject``) and shows (surrogate keys).

The page models call this layer through ``pages.CONTEXT_BUILDERS``, which
``NewsConfig.ready()`` fills: models never import the selectors, which import
the models (the loop that imports inside functions used to hide).
"""

from django.conf import settings
from django.http import Http404
from django.utils import timezone, translation

from newsline.core import parts, subject, surrogate
from newsline.core.pagination import InvalidCursor

from . import cards, filed
from .models import ArticlePage, HomePage, LivePage, SectionPage
from .models.pages import CONTEXT_BUILDERS
from .queries import (
    home_front,
    live_updates,
    live_version,
    section_stories,
    story_details,
)


def home(page: HomePage, request) -> dict:
    # The URL's language is the page's: no query for the locale row.
    surrogate.tag(request, surrogate.home(translation.get_language()))
    front = home_front(page)
    # A lot for each look of card: the grid's small ones, then the top story's large
    # one (last, so a top story also featured reads its large card alone).
    cards.together([*front.featured, *(story for _, shown in front.sections for story in shown)])
    cards.together([front.top] if front.top else [])
    return {
        "front": front,
        **subject.about(subject.HOME, page),
        parts.VARIABLE: filed.landing_parts(page, request),
    }


def section(page: SectionPage, request) -> dict:
    surrogate.tag(request, surrogate.section(page.pk))
    try:
        listing = section_stories(page, after=request.GET.get("after"))
    except InvalidCursor as exc:
        raise Http404("Unknown page of this section") from exc
    cards.together(listing.items)
    return {
        "listing": listing,
        **subject.about(subject.SECTION, page),
        parts.VARIABLE: filed.landing_parts(page, request),
    }


def story(page: ArticlePage, request) -> dict:
    surrogate.tag(request, surrogate.story(page.translation_key))
    if page.is_breaking_now:  # its "Breaking" label goes when its time runs out
        surrogate.true_for(request, (page.breaking_until - timezone.now()).total_seconds())
    # The stories it links to (related, previous, next) tag the page with their
    # keys as its template shows them (``{% story_links %}``, ``filed.story_links_markup``):
    # a change to one of them, a withdrawal above all, purges this page.
    kept = filed.story_parts(page, request)
    # What only its filed parts show (the article, the head's description) is read
    # only when one of them has to be rendered.
    details = NO_DETAILS if kept is not None and kept.complete else story_details(page)
    live = _live(page, request) if isinstance(page, LivePage) else {}
    about = subject.about(
        subject.STORY,
        page,
        authors=tuple(details["authors"]),
        interviewee=details["interviewee"],
        topics=tuple(details["topics"]),
        updates=tuple(live.get("updates", ())),
        corrections=tuple(details["corrections"]),
    )
    return {**details, **about, **live, parts.VARIABLE: kept}


NO_DETAILS = {"authors": (), "interviewee": None, "topics": (), "corrections": ()}


def _live(page: LivePage, request) -> dict:
    surrogate.tag(request, surrogate.live(page.pk))
    updates = live_updates(page)
    return {
        "updates": updates,
        "pinned": [update for update in updates if update.is_pinned and not update.removed_at],
        "key_events": [u for u in updates if u.is_key_event and not u.removed_at],
        "refresh_seconds": settings.NEWSLINE_LIVE_REFRESH_SECONDS,
        "live_version": live_version(page),
    }


def register() -> None:
    CONTEXT_BUILDERS.update({HomePage: home, SectionPage: section, ArticlePage: story})

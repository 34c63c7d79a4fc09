"""schema.org JSON-LD for story, section and home pages.

Google reads NewsArticle (OpinionNewsArticle for opinion) for Top Stories,
BreadcrumbList for the path under the result, and Organization / WebSite with
a SearchAction for the site's own search box.
"""

import json

from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe

from newsline.core import outlet as core_outlet
from newsline.core.outlet import absolute
from newsline.i18n import clock
from newsline.i18n.languages import home_url
from newsline.news.syndication import update_text

CONTEXT = "https://schema.org"
LOGO = ("newsline/logo.png", 600, 60)
# Google truncates longer headlines in rich results.
HEADLINE_LIMIT = 110


def as_script(document: dict) -> str:
    """JSON for a ``<script type="application/ld+json">`` (written by the page's
    head) that no text in it can break out of."""
    text = json.dumps(document, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(text)  # noqa: S308


def iso(moment) -> str | None:
    return clock.outlet_time(moment).isoformat() if moment else None


def publisher(request) -> dict:
    path, width, height = LOGO
    return {
        "@type": "NewsMediaOrganization",
        "name": core_outlet.name(request),
        "url": absolute(request, home_url(request.LANGUAGE_CODE)),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(request, static(path)),
            "width": width,
            "height": height,
        },
    }


def _person(request, person) -> dict:
    document = {
        "@type": "Person",
        "name": person.name,
        "url": absolute(request, person.get_absolute_url()),
    }
    if person.position:
        document["jobTitle"] = person.position
    if person.organisation:
        document["worksFor"] = {"@type": "Organization", "name": person.organisation}
    return document


def _image(image) -> dict:
    return {
        "@type": "ImageObject",
        "url": image.url,
        "width": image.width,
        "height": image.height,
    }


def article(
    request, page, *, url: str, image, authors, topics, interviewee, updates=(), corrections=()
) -> dict:
    """NewsArticle for a story; ``image`` is the shared social rendition or None."""
    document = {
        "@context": CONTEXT,
        "@type": page.story_kind.schema_type,
        "headline": page.title[:HEADLINE_LIMIT],
        "description": page.lead,
        "datePublished": iso(page.published_at),
        "dateModified": iso(page.modified_at),
        "inLanguage": request.LANGUAGE_CODE,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "author": [_person(request, person) for person in authors],
        "publisher": publisher(request),
    }
    if image is not None:
        document["image"] = [_image(image)]
    section = page.section
    if section is not None:
        document["articleSection"] = section.title
        document["isPartOf"] = {
            "@type": "CollectionPage",
            "@id": absolute(request, section.get_url(request)),
            "name": section.title,
        }
    if topics:
        document["keywords"] = [topic.name for topic in topics]
    document["genre"] = page.story_kind.genre
    if interviewee is not None:
        document["about"] = _person(request, interviewee)
    shown = [correction for correction in corrections if not correction.is_removed]
    if shown:
        document["correction"] = [_correction(c, url) for c in shown]
    if page.story_kind.schema_type == "LiveBlogPosting":
        document.update(_live_blog(request, page, url, updates))
    return document


def _correction(correction, url: str) -> dict:
    return {
        "@type": "CorrectionComment",
        "@id": f"{url}#{correction.anchor}",
        "text": correction.text,
        "datePublished": iso(correction.corrected_at),
    }


# Search engines read the newest updates; the page holds them all.
LIVE_UPDATES_IN_JSON_LD = 20


def _live_blog(request, page, url: str, updates) -> dict:
    """What LiveBlogPosting adds: the coverage's span and its newest updates."""
    shown = [update for update in updates if update.removed_at is None]
    newest = max((u.edited_at or u.posted_at for u in shown), default=None)
    document = {
        "coverageStartTime": iso(page.published_at),
        "liveBlogUpdate": [
            _live_update(request, update, url) for update in shown[:LIVE_UPDATES_IN_JSON_LD]
        ],
    }
    if page.coverage_ended_at is not None:
        document["coverageEndTime"] = iso(page.coverage_ended_at)
    if newest is not None and (page.modified_at is None or newest > page.modified_at):
        document["dateModified"] = iso(newest)
    return document


def _live_update(request, update, url: str) -> dict:
    entry = {
        "@type": "BlogPosting",
        "headline": (update.headline or update_text(update))[:HEADLINE_LIMIT],
        "articleBody": update_text(update),
        "datePublished": iso(update.posted_at),
        "dateModified": iso(update.edited_at or update.posted_at),
        "url": f"{url}#{update.anchor}",
    }
    if update.author is not None:
        entry["author"] = _person(request, update.author)
    return entry


def breadcrumbs(request, trail: list[tuple[str, str]]) -> dict:
    """BreadcrumbList from (name, absolute URL) pairs, home first."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(trail, start=1)
        ],
    }


def organization(request) -> dict:
    return {"@context": CONTEXT, **publisher(request)}


def website(request) -> dict:
    home = absolute(request, home_url(request.LANGUAGE_CODE))
    search = absolute(request, reverse("search"))
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": core_outlet.name(request),
        "url": home,
        "inLanguage": request.LANGUAGE_CODE,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }

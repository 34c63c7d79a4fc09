"""A story as other sites receive it: body HTML that works away from our pages.

Feeds, the ninjs export and the API all hand partners the same HTML, so it is
rendered once here: the kind's own parts (questions and answers, photos, the
video address) followed by the body, with every address made absolute.
"""

import html
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from newsline.core import filing, surrogate

from .queries import live_updates, published_with_relations

# href="/...", src="/..." and each address in srcset="/a 480w, /b 960w"
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_urls(html: str, *, base_url: str) -> str:
    """Prefix root-relative addresses in ``html`` with ``base_url`` (no trailing slash)."""
    base = base_url.rstrip("/")
    html = _ROOT_RELATIVE.sub(lambda m: f'{m[1]}{base}{m[2]}"', html)
    return _SRCSET.sub(lambda m: f'{m[1]}{_absolute_srcset(m[2], base)}"', html)


def _absolute_srcset(value: str, base: str) -> str:
    candidates = []
    for candidate in value.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        if url.startswith("/") and not url.startswith("//"):
            url = base + url
        candidates.append(f"{url} {descriptor}".strip())
    return ", ".join(candidates)


def body_html(story, *, base_url: str, updates=None) -> str:
    """The full text of a published story (any kind, the specific page) as HTML
    fit for a feed reader or a partner's CMS."""
    context = {"page": story, "updates": latest_updates(story) if updates is None else updates}
    html = render_to_string("news/syndicated_body.html", context)
    return absolute_urls(html.strip(), base_url=base_url)


def syndication_keys(story) -> set[str]:
    """What a story as other sites receive it shows (a feed item, a ninjs item),
    as the surrogate keys purged when it changes: the story (its text, pictures,
    bylines, topics and people's names purge it), its language's sections (their
    names), a live story's updates, and everything."""
    language = story.locale.language_code
    keys = {surrogate.story(story.translation_key), surrogate.site(language), surrogate.EVERYTHING}
    if story.kind == "live":
        keys.add(surrogate.live(story.pk))
    return keys


def filed_name(prefix: str, row, *parts) -> str:
    """The name a story's item is filed under (``core/filing.py``): ``prefix``, what
    else it depends on (``parts``: the outlet's address, a format), the story's id,
    last publication and correction (``row``), so a new publication is a new name
    even if its purge were lost, and the release, so new markup, code or wording is
    a new name without a purge."""
    return filing.name(prefix, filing.release_digest(), *parts, *row)


def filed_items(names: dict, build, *, load=published_with_relations) -> list:
    """Each story of ``names`` (its id → the name its item is filed under), in
    that order, as ``build(story)`` makes it: those filed and still current as
    they are, the others built from one ``load`` of the published stories (by
    default specific pages with their bodies' pictures) and filed under
    ``syndication_keys`` (``core/filing.py``; not one that showed a placeholder
    picture). Stories no longer published are left out."""

    def built(pks):
        return filing.rendered(load(pks), build, syndication_keys)

    items = filing.each_filed(names, built, timeout=settings.NEWSLINE_FEED_ENTRY_SECONDS)
    return [items[pk] for pk in names if pk in items]


# Feeds and partners get a live story's newest updates; its page has them all.
UPDATES_SYNDICATED = 5


def latest_updates(story) -> list:
    """A live story's newest updates still standing; nothing for other kinds."""
    if story.kind != "live":
        return []
    shown = [u for u in live_updates(story, limit=UPDATES_SYNDICATED * 2) if not u.removed_at]
    return shown[:UPDATES_SYNDICATED]


def last_change(story, updates) -> object:
    """When a story last changed for its readers: its publication or correction,
    or its newest update (posted or corrected) for live coverage."""
    moments = [story.modified_at]
    moments += [update.edited_at or update.posted_at for update in updates]
    return max(moment for moment in moments if moment is not None)


def story_uri(story) -> str:
    """A story's permanent identifier, an RFC 4151 tag URI such as
    ``tag:news.example,2026-11-30:story/42``.

    Feed item IDs and ninjs ``uri`` use it. It never changes when the story is
    edited, retitled or moved, differs between translations (each is its own
    page), and does not depend on the address a request came in by: the host is
    the outlet's configured one and the date that of first publication.
    """
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    first = story.first_published_at or story.published_at
    return f"tag:{host},{first.date().isoformat()}:story/{story.pk}"


def update_text(update) -> str:
    """A live update as plain text: its words, quotes, link texts and captions."""
    parts = []
    for block in update.body:
        if block.block_type == "paragraph":
            parts.append(strip_tags(block.value.source if hasattr(block.value, "source") else ""))
        elif block.block_type == "quote":
            parts.append(block.value.get("text", ""))
        elif block.block_type == "link":
            parts.append(block.value.get("title", ""))
        elif block.block_type == "image":
            parts.append(block.value.get("caption", ""))
    return " ".join(" ".join(part.split()) for part in parts if part).strip()


def update_html(update, *, base_url: str) -> str:
    """A live update as HTML for a feed reader, with absolute addresses."""
    html = render_to_string("blocks/stream.html", {"value": update.body})
    return absolute_urls(html.strip(), base_url=base_url)


def body_text(story) -> str:
    """A story body's words as plain text: ``update_text`` reads the text, quote, link and
    picture blocks that stories share with live updates; an interview's questions
    and answers are added here."""
    parts = [update_text(story)] if hasattr(story, "body") else []
    for block in getattr(story, "body", ()):
        if block.block_type == "qa":
            answer = block.value.get("answer")
            parts += [block.value.get("question", ""), strip_tags(getattr(answer, "source", ""))]
    return html.unescape(" ".join(part for part in parts if part))

"""A story as other sites receive it: body HTML that works away from our pages.

Feeds, the ninjs export and the API all hand partners the same HTML, so it is
rendered once here: the kind's own parts (questions and answers, photos, the
video address) followed by the body, with every address made absolute.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string

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


def body_html(story, *, base_url: str) -> str:
    """The full text of a published story (any kind, the specific page) as HTML
    fit for a feed reader or a partner's CMS."""
    html = render_to_string("news/syndicated_body.html", {"page": story})
    return absolute_urls(html.strip(), base_url=base_url)


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

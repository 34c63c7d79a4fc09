"""A story's parts filed for its page's next render (``core/parts.py``): the
article (kicker, headline, pictures, body, corrections, bylines, topics) and the
description for machines in the head (``feeds/meta.py``).

Both show the story as published and what purges its ``story-`` key (a byline's
person, a topic, a picture, a correction, a translation), and its section's title
(its ``section-`` key). They are named by the story's last publication, the
language, the address and the release's templates, so a republished, moved or
restyled story is a new name even if a purge were lost. What the clock changes
(the "Breaking" label) is in the name too.

Never filed: previews (a draft shares its live page's id and publication), a
page not live, and live coverage, whose article holds its updates.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

from newsline.core import filing, surrogate
from newsline.core.outlet import absolute
from newsline.core.parts import ARTICLE, META, Part, Parts

FILED_AS = "newsline:story-part:"
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def parts(page, request) -> Parts | None:
    """The filed parts of ``page`` for this render, read; None when its parts are
    never filed."""
    if request is None or getattr(request, "is_preview", False):
        return None
    if not page.live or not page.parts_filed:
        return None
    keys = {surrogate.story(page.translation_key), surrogate.EVERYTHING}
    if page.filed_section_id is not None:
        keys.add(surrogate.section(page.filed_section_id))
    keys = frozenset(keys)
    # A correction is published without a new publication (``last_corrected_at``).
    shown = (templates_digest(), translation.get_language(), page.pk, page.last_published_at)
    shown += (page.last_corrected_at,)
    article = filing.name(FILED_AS, ARTICLE, *shown, page.get_url(request), page.is_breaking_now)
    # The head names the page by its absolute address (canonical, og:url, JSON-LD).
    address = absolute(request, request.path), request.GET.get("after")
    meta = filing.name(FILED_AS, META, *shown, *address)
    return Parts(
        {ARTICLE: Part(article, keys), META: Part(meta, keys)},
        timeout=settings.NEWSLINE_STORY_PARTS_SECONDS,
    )


@cache
def templates_digest() -> str:
    """A digest of every template of the release: new markup is a new name."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*.html")):
        digest.update(str(path.relative_to(TEMPLATES)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]

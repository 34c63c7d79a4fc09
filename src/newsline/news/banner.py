"""The breaking banner's markup, rendered once per change per language.

Every page puts the banner in (``core/fragments.py``); when it is not in the
page cache (a purge, the cache off, a page rendered anew around it) it was a
query and a template for each page. It is filed (``core/filing.py``) under the
keys whose purge changes it, the language's ``breaking-`` key (every story's
publication, edit or withdrawal purges it) and the one for everything, for no
longer than what it shows stays true: until its first breaking mark runs out or
a story it shows expires. Each process keeps a copy while no purge runs.
"""

from django.template.loader import render_to_string
from django.utils import translation

from newsline.core import filing, surrogate

from .queries import breaking_stories, shown_until

TEMPLATE = "news/breaking_banner.html"
FILED_AS = "newsline:breaking-banner:"


def breaking_banner_html(locale) -> tuple[str, float]:
    """The banner of ``locale``'s breaking stories (empty when none is breaking) and
    when it stops being true (a Unix time)."""
    language = translation.get_language()
    # Its links are written without a request: nothing of the request is in it.
    name = filing.name(FILED_AS, filing.release_digest(), language, locale.pk)
    keys = {surrogate.breaking(language), surrogate.EVERYTHING}
    return filing.one_filed(name, keys, lambda: _rendered(locale))


def _rendered(locale) -> tuple[tuple[str, float], float]:
    stories = breaking_stories(locale)
    until = shown_until(stories)
    # No request context: a fragment needs none of the page's (and its lookups).
    return (render_to_string(TEMPLATE, {"stories": stories}), until), until

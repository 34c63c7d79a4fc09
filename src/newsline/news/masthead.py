"""The masthead's links to a language's sections, read once per change.

Every page but the home (which reads the sections for its own blocks) names the
sections in its masthead: a query on each render the page cache could not
answer. The links are filed (``core/filing.py``) under the language's ``site-``
key, which a section published, renamed, moved or withdrawn purges, for no
longer than the first of them expires.
"""

from typing import NamedTuple

from django.utils import translation

from newsline.core import filing, outlet, surrogate

from .queries import section_nav

FILED_AS = "newsline:section-links:"


class SectionLink(NamedTuple):
    url: str
    title: str


def section_links(locale_id: int, request) -> list[SectionLink]:
    """The sections of locale ``locale_id`` in tree order, as links for ``request``
    (relative on the outlet's own site, as ``{% pageurl %}`` writes them)."""
    language = translation.get_language()
    site = outlet.absolute(request, "/") if request is not None else ""
    name = filing.name(FILED_AS, filing.release_digest(), language, locale_id, site)
    keys = {surrogate.site(language), surrogate.EVERYTHING}
    return filing.one_filed(name, keys, lambda: _links(locale_id, request))


def _links(locale_id: int, request) -> tuple[list[SectionLink], float]:
    sections = list(section_nav(locale_id))
    until = surrogate.true_until(section.expire_at for section in sections)
    return [SectionLink(s.get_url(request), s.title) for s in sections], until

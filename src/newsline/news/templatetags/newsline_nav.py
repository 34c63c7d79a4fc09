from django import template
from django.urls import reverse
from django.utils import translation

from newsline.core import fragments, surrogate
from newsline.i18n import clock
from newsline.i18n.locales import context_locale_id
from newsline.news import masthead
from newsline.news.masthead import SectionLink

register = template.Library()


@register.simple_tag(takes_context=True)
def section_links(context):
    """The sections of the current language for the masthead navigation: links
    with a ``url`` and a ``title``."""
    request = context.get("request")
    surrogate.tag(request, surrogate.site(translation.get_language()))
    front = context.get("front")
    if front is not None:  # the home page has read them already
        return [SectionLink(section.get_url(request), section.title) for section in front.nav]
    return masthead.section_links(context_locale_id(context), request)


@register.simple_tag(takes_context=True)
def outlet_today(context):
    """Today in the outlet's zone, for the masthead's date."""
    # Cached pages live up to ten minutes and are purged only on publish: one
    # rendered before midnight would show yesterday's date until then. The date
    # is true until the outlet's midnight, so no cache may keep the page longer.
    surrogate.true_for(context.get("request"), clock.seconds_until_midnight())
    return clock.today()


@register.simple_tag
def breaking_slot():
    """Where the breaking banner goes: a slot filled on the way out (``core/fragments.py``)
    so a story marked or cleared shows on cached pages at once."""
    return fragments.slot(reverse("breaking_banner"))

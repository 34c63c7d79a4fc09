from django import template
from django.utils import translation

from newsline.i18n import clock

register = template.Library()


@register.filter
def news_time(moment):
    """``14:54`` in the outlet's zone; empty for a story not yet published."""
    return clock.clock_time(moment) if moment else ""


@register.filter
def news_date(moment):
    """``27.05.2023`` in the outlet's zone."""
    return clock.clock_date(moment) if moment else ""


@register.filter
def news_datetime(moment):
    """``14:54 27.05.2023`` in the outlet's zone."""
    return f"{clock.clock_time(moment)} {clock.clock_date(moment)}" if moment else ""


@register.filter
def iso_datetime(moment):
    """Machine-readable time with the outlet's offset, for ``<time datetime>``."""
    return clock.outlet_time(moment).isoformat(timespec="seconds") if moment else ""


@register.filter
def dateline(day):
    """``Friday, 4 December 2026`` in the active language (``clock.dateline``)."""
    return clock.dateline(day, translation.get_language()) if day else ""

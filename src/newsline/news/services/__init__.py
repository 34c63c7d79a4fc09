"""Newsroom writes, by subject: roles and grants (``roles.py``), starting an outlet
and the site record (``outlet.py``). Every public name is importable from here."""

from .breaking import BreakingError, end_breaking, set_breaking_day
from .corrections import (
    CorrectionError,
    add_correction,
    may_correct,
    record_correction,
    remove_correction,
)
from .live import LiveError, correct_update, may_post, post_update, remove_update
from .outlet import (
    OutletError,
    StartedOutlet,
    add_home_pages,
    add_section,
    align_default_site,
    ensure_locales,
    outlet_address,
    outlet_here,
    point_default_site,
    publish_page,
    site_address,
    start_outlet,
    translate_page,
    transliterated_slug,
)
from .roles import Granted, GrantError, ensure_desk_collection, ensure_roles, grant
from .topics import decide, record_suggestions, suggestions_for_text

__all__ = [
    "decide",
    "record_suggestions",
    "suggestions_for_text",
    "CorrectionError",
    "add_correction",
    "may_correct",
    "record_correction",
    "remove_correction",
    "LiveError",
    "BreakingError",
    "GrantError",
    "Granted",
    "OutletError",
    "StartedOutlet",
    "add_home_pages",
    "correct_update",
    "may_post",
    "post_update",
    "remove_update",
    "add_section",
    "align_default_site",
    "end_breaking",
    "ensure_desk_collection",
    "ensure_locales",
    "ensure_roles",
    "grant",
    "outlet_address",
    "outlet_here",
    "point_default_site",
    "publish_page",
    "site_address",
    "set_breaking_day",
    "start_outlet",
    "translate_page",
    "transliterated_slug",
]

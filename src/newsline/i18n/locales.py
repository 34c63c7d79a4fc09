"""The content locale a request is in."""

from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale

# The Locale row of each language, kept per process: the rows are a handful that
# change only when an outlet adds or drops a language, and every fragment and
# list asked for theirs with a query of its own. Any save or delete of a Locale
# empties it (``forget_locales``, connected in ``I18nConfig.ready``).
_KNOWN: dict[str, Locale] = {}


def active_locale() -> Locale:
    """The Locale of the active language, as ``Locale.get_active`` finds it."""
    code = translation.get_language()
    locale = _KNOWN.get(code)
    if locale is None:
        locale = _KNOWN[code] = Locale.get_active()
    return locale


def forget_locales(**kwargs) -> None:
    _KNOWN.clear()


def connect_signals() -> None:
    post_save.connect(forget_locales, sender=Locale, dispatch_uid="newsline-forget-locales")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="newsline-forget-locales-d")


def request_locale(request) -> Locale:
    """The Locale of the request's language (from its URL prefix).

    Views and the tags on the same page all ask; the answer is kept on the request.
    """
    if request is None:
        return active_locale()
    if not hasattr(request, "_newsline_locale"):
        request._newsline_locale = active_locale()
    return request._newsline_locale


def context_locale_id(context) -> int:
    """The locale of the page being rendered, else of the request."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    return locale_id or request_locale(context.get("request")).pk

"""The content locale a request is in."""

from wagtail.models import Locale


def request_locale(request) -> Locale:
    """The Locale of the request's language (from its URL prefix), looked up once.

    Views and the tags on the same page all ask; the answer is kept on the request.
    """
    if request is None:
        return Locale.get_active()
    if not hasattr(request, "_newsline_locale"):
        request._newsline_locale = Locale.get_active()
    return request._newsline_locale


def context_locale_id(context) -> int:
    """The locale of the page being rendered, else of the request."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    return locale_id or request_locale(context.get("request")).pk

"""Language from the URL, without guessing for addresses that have no language."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from newsline.core.addresses import ADMIN_PREFIX

# Addresses outside the language prefixes. A 404 under them stays a 404.
UNPREFIXED = ("/api/", ADMIN_PREFIX, "/media/", "/static/", "/sitemaps/", "/documents/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 outside the language prefixes is not redirected.

    Django answers a 404 with a redirect to ``/<default language><same path>``
    whenever that path resolves, and Wagtail's catch-all page route resolves
    every path ending in a slash; so a partner asking the API for a withdrawn
    story, or a browser asking for a missing picture, would be sent to an HTML
    page instead of getting its 404.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


class AdminLanguageMiddleware:
    """The admin speaks one language per user.

    Wagtail's admin is translated into English and Russian but hardly into
    Azerbaijani (two dozen strings), so an Azerbaijani admin mixed two languages in
    one sentence ("Your istifadəçi adı and password didn't match"). Under /admin/,
    a language the admin does not speak gives way to ``NEWSLINE_ADMIN_LANGUAGE``;
    a user's own choice (Account → Preferences) still wins. Content in every
    language is edited as before: this is only the interface's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX):
            spoken = dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)
            if translation.get_language() not in spoken:
                translation.activate(settings.NEWSLINE_ADMIN_LANGUAGE)
                request.LANGUAGE_CODE = settings.NEWSLINE_ADMIN_LANGUAGE
        return self.get_response(request)

"""Language from the URL, without guessing for addresses that have no language."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Addresses outside the language prefixes. A 404 under them stays a 404.
UNPREFIXED = ("/api/", "/admin/", "/media/", "/static/", "/sitemaps/", "/documents/")


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

"""``/api/v2/``: the Wagtail read API; ``/api/ninjs/``: the IPTC ninjs export."""

import functools

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import views
from .endpoints import PeopleEndpoint, SectionsEndpoint, StoriesEndpoint, TopicsEndpoint

router = WagtailAPIRouter("newsline_api")
router.register_endpoint("stories", StoriesEndpoint)
router.register_endpoint("sections", SectionsEndpoint)
router.register_endpoint("people", PeopleEndpoint)
router.register_endpoint("topics", TopicsEndpoint)


def keep_not_found(view):
    """Let a 404 of the API stay a 404.

    LocaleMiddleware answers a 404 outside the language prefixes with a redirect
    to ``/az/<same path>`` whenever that path resolves, and Wagtail's catch-all
    page route resolves every path; so a partner asking for a withdrawn story
    would be sent to an HTML page. The middleware decides from the request's
    URLconf; naming this one (which has no language prefixes) after the view ran
    turns the guess off for these URLs only.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        request.urlconf = __name__
        return response

    return wrapped


urlpatterns = decorate_urlpatterns(
    [
        path("v2/", router.urls),
        path("ninjs/", views.ninjs_feed, name="ninjs_feed"),
        path("ninjs/<int:pk>/", views.ninjs_item, name="ninjs_item"),
    ],
    keep_not_found,
)

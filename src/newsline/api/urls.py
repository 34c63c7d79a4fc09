"""``/api/v2/``: the Wagtail read API; ``/api/ninjs/``: the IPTC ninjs export."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from . import views
from .endpoints import PeopleEndpoint, SectionsEndpoint, StoriesEndpoint, TopicsEndpoint

router = WagtailAPIRouter("newsline_api")
router.register_endpoint("stories", StoriesEndpoint)
router.register_endpoint("sections", SectionsEndpoint)
router.register_endpoint("people", PeopleEndpoint)
router.register_endpoint("topics", TopicsEndpoint)


urlpatterns = [
    path("v2/", router.urls),
    path("ninjs/", views.ninjs_feed, name="ninjs_feed"),
    path("ninjs/<int:pk>/", views.ninjs_item, name="ninjs_item"),
]

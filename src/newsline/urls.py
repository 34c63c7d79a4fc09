import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path, register_converter
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from newsline.core import media, preview_views
from newsline.feeds import urls as feed_urls
from newsline.news import routing as news_routing
from newsline.news import topics_admin
from newsline.news import views as news_views
from newsline.search import views as search_views
from newsline.ticker import views as ticker_views
from newsline.ticker.converters import FourDigitYear, TwoDigits
from newsline.users import views as user_views

register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigits, "dd")


def _admin_view(view):
    """Ours at Wagtail's admin addresses, wrapped as Wagtail wraps each admin view
    (wagtail/admin/urls/__init__.py): signed-out visitors to the sign-in page,
    those without admin access refused, nothing cached."""
    return never_cache(require_admin_access(view))


urlpatterns = []
if not settings.NEWSLINE_MAIL_CONFIGURED:
    # Wagtail's reset form would say a link was sent; none can be.
    urlpatterns += [
        path(
            "admin/password_reset/",
            user_views.password_reset_without_mail,
            name="wagtailadmin_password_reset",
        )
    ]
urlpatterns += [
    # The story editor with its suggested-topics side panel (news/topics_admin.py),
    # at Wagtail's own addresses, so every link to the editor opens it.
    path("admin/pages/<int:page_id>/edit/", _admin_view(topics_admin.story_edit_view)),
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/",
        _admin_view(topics_admin.story_create_view),
    ),
    # The preview panel's views, building the page once per change (core/preview_views.py).
    path(
        "admin/pages/<int:page_id>/edit/preview/",
        _admin_view(preview_views.PreviewOnEdit.as_view()),
    ),
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/preview/",
        _admin_view(preview_views.PreviewOnCreate.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("api/", include("newsline.api.urls")),
    *feed_urls.root_patterns,
]

# Documents as downloads, through Wagtail's view (its privacy checks, nosniff).
urlpatterns += [path("documents/", include(wagtaildocs_urls))]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            media.serve_media,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

urlpatterns += i18n_patterns(
    path("newsline/", ticker_views.news_line_fragment, name="news_line_fragment"),
    path("breaking/", news_views.breaking_banner, name="breaking_banner"),
    path("live/<int:page_id>/", news_views.live_updates_fragment, name="live_updates"),
    path("live/<int:page_id>/version/", news_views.live_version_fragment, name="live_version"),
    path("archive/", ticker_views.archive_index, name="archive"),
    path(
        "archive/<yyyy:year>/<dd:month>/<dd:day>/",
        ticker_views.archive_day,
        name="archive_day",
    ),
    path("search/", search_views.search, name="search"),
    path("people/<str:slug>/", news_views.person_detail, name="person"),
    path("topics/", news_views.topic_list, name="topics"),
    path("topics/<str:slug>/", news_views.topic_detail, name="topic"),
    path("corrections/", news_views.correction_list, name="corrections"),
    *feed_urls.language_patterns,
    # Wagtail's page view with routing in one lookup (news/routing.py): Wagtail's own
    # pattern and name, leaving its other views (`_util/`: the password form, the
    # login) to its URLs below.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", news_routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "newsline.core.views.bad_request"
handler500 = "newsline.core.views.server_error"

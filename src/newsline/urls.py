from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path, register_converter
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from newsline.feeds import urls as feed_urls
from newsline.news import views as news_views
from newsline.search import views as search_views
from newsline.ticker import views as ticker_views
from newsline.ticker.converters import FourDigitYear, TwoDigits

register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigits, "dd")

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/", include("newsline.api.urls")),
    *feed_urls.root_patterns,
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += i18n_patterns(
    path("newsline/", ticker_views.news_line_fragment, name="news_line_fragment"),
    path("archive/", ticker_views.archive_index, name="archive"),
    path(
        "archive/<yyyy:year>/<dd:month>/<dd:day>/",
        ticker_views.archive_day,
        name="archive_day",
    ),
    path("search/", search_views.search, name="search"),
    path("people/<str:slug>/", news_views.person_detail, name="person"),
    path("topics/<str:slug>/", news_views.topic_detail, name="topic"),
    *feed_urls.language_patterns,
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler500 = "newsline.core.views.server_error"

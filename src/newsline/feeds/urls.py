"""Machine-facing addresses. ``root_patterns`` sit outside the language prefix,
``language_patterns`` inside it (``/en/feeds/rss/``)."""

from django.urls import path

from . import views

root_patterns = [
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemaps/<str:language>/news.xml", views.news_sitemap, name="news_sitemap"),
    path(
        "sitemaps/<str:language>/stories-<int:number>.xml",
        views.sitemap_section,
        {"part": "stories"},
        name="sitemap_stories",
    ),
    path("sitemaps/<str:language>/<str:part>.xml", views.sitemap_section, name="sitemap_part"),
    path("robots.txt", views.robots, name="robots"),
]

# Any list a reader can open has its feeds at its own address + feeds/<format>/.
language_patterns = [
    path("feeds/<str:fmt>/", views.feed, name="feed"),
    path("corrections/feeds/<str:fmt>/", views.corrections_feed, name="corrections_feed"),
    path("topics/<str:slug>/feeds/<str:fmt>/", views.feed, {"kind": "topic"}, name="topic_feed"),
    path("people/<str:slug>/feeds/<str:fmt>/", views.feed, {"kind": "person"}, name="person_feed"),
    path("<str:slug>/feeds/<str:fmt>/", views.feed, {"kind": "section"}, name="section_feed"),
]

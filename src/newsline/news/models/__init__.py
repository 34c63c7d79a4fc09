from .pages import (
    ArticlePage,
    ArticleQuerySet,
    GalleryPage,
    HomeFeaturedStory,
    HomePage,
    InterviewPage,
    NewsPage,
    OpinionPage,
    SectionPage,
    VideoPage,
    behind_view_restriction,
    search_language_token,
    story_model,
    story_models,
)
from .people import ArticleAuthor, Person
from .topics import ArticleTopic

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticleQuerySet",
    "ArticleTopic",
    "GalleryPage",
    "HomeFeaturedStory",
    "HomePage",
    "InterviewPage",
    "NewsPage",
    "OpinionPage",
    "Person",
    "SectionPage",
    "VideoPage",
    "behind_view_restriction",
    "search_language_token",
    "story_model",
    "story_models",
]

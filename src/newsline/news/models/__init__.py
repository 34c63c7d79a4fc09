from .pages import (
    ArticlePage,
    GalleryPage,
    HomeFeaturedStory,
    HomePage,
    InterviewPage,
    NewsPage,
    OpinionPage,
    SectionPage,
    VideoPage,
    search_language_token,
    story_model,
    story_models,
)
from .people import ArticleAuthor, Person
from .querysets import ArticleQuerySet, SectionQuerySet, behind_view_restriction
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
    "SectionQuerySet",
    "VideoPage",
    "behind_view_restriction",
    "search_language_token",
    "story_model",
    "story_models",
]

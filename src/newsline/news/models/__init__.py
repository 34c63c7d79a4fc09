from .breaking import BreakingDay
from .live import LiveUpdate
from .pages import (
    ArticlePage,
    GalleryPage,
    HomeFeaturedStory,
    HomePage,
    InterviewPage,
    LivePage,
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
    "BreakingDay",
    "ArticleTopic",
    "GalleryPage",
    "HomeFeaturedStory",
    "HomePage",
    "InterviewPage",
    "LivePage",
    "LiveUpdate",
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

from .breaking import BreakingDay
from .corrections import Correction
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
from .related import PinnedRelated, RelatedStory
from .topics import (
    KIND_HEADINGS,
    ArticleTopic,
    SuggestionState,
    Topic,
    TopicKind,
    TopicSuggestion,
)
from .vectors import StoryVector

__all__ = [
    "KIND_HEADINGS",
    "ArticleAuthor",
    "ArticlePage",
    "ArticleQuerySet",
    "BreakingDay",
    "Correction",
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
    "PinnedRelated",
    "RelatedStory",
    "SectionPage",
    "SectionQuerySet",
    "StoryVector",
    "SuggestionState",
    "Topic",
    "TopicKind",
    "TopicSuggestion",
    "VideoPage",
    "behind_view_restriction",
    "search_language_token",
    "story_model",
    "story_models",
]

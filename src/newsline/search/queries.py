"""Reader search over published stories of one language."""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F
from django.db.models.expressions import CombinedExpression
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.models import IndexEntry

from newsline.news.models import ArticlePage

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw: str | None) -> str:
    """The words of a reader's query, or '' when nothing searchable remains."""
    terms = WORD.findall((raw or "")[:MAX_QUERY_LENGTH])
    return " ".join(terms[:MAX_TERMS])


@dataclass(frozen=True)
class SearchResults:
    query: str
    items: list
    order: str


def search_stories(locale, raw_query: str | None, *, order: str = "relevance", limit: int = 30):
    """Published, public stories of the language matching the query.

    ``order`` is ``relevance`` (default) or ``newest``. Relevance ranks a broad
    query's matches among the language's newest ``NEWSLINE_SEARCH_RECENT``
    stories when they fill ``limit``, and every match otherwise
    (docs/decisions/0009). An empty or unsearchable query returns no results
    rather than an error.
    """
    query = clean_query(raw_query)
    order = "newest" if order == "newest" else "relevance"
    if not query:
        return SearchResults(query="", items=[], order=order)
    queryset = ArticlePage.objects.published_for_search().in_locale(locale)
    if order == "newest":
        results = queryset.order_by("-published_at").search(query, order_by_relevance=False)
        items = list(results[:limit])
    else:
        items = _most_relevant(queryset, query, limit)
    return SearchResults(query=query, items=items, order=order)


def _most_relevant(queryset, query: str, limit: int) -> list:
    """Ranking every match of a word found in one story in ten costs half a
    second at a million stories. Such a query is ranked among the language's
    newest stories, a bounded set whatever the word; a narrow one, or one that
    finds too few recent stories, over every match, which is cheap when the word
    is rare."""
    if _is_broad(query):
        recent = queryset.order_by("-published_at").values("pk")
        recent = recent[: settings.NEWSLINE_SEARCH_RECENT]
        ranked = ArticlePage.objects.filter(pk__in=recent).search(query, operator="or")
        items = list(ranked[:limit])
        if len(items) == limit:
            return items
    return list(queryset.search(query, operator="or")[:limit])


def _is_broad(query: str) -> bool:
    """Whether more than ``NEWSLINE_SEARCH_BROAD`` entries of the search index (of
    any language) match a word of the query. On PostgreSQL this is read from the
    GIN index on ``title || body`` (news/migrations/0002) and stops counting
    there, so it costs milliseconds; elsewhere every query counts as broad."""
    if connection.vendor != "postgresql":
        return True
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    words = [SearchQuery(word, search_type="plain", config=config) for word in query.split()]
    vector = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    matches = IndexEntry.objects.annotate(vector=vector).filter(vector=reduce(or_, words))
    cap = settings.NEWSLINE_SEARCH_BROAD
    return matches.values("pk")[: cap + 1].count() > cap


def highlight(text: str, query: str) -> SafeString:
    """Escape ``text`` and wrap each query word found in it in ``<mark>``.

    Matching runs on the raw text and each piece is escaped afterwards, so a query
    such as "amp" can never land inside an HTML entity.
    """
    words = sorted({w for w in WORD.findall(query) if len(w) > 1}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile("(" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)
    pieces = pattern.split(text)  # odd indexes are the matches
    marked = (
        f"<mark>{escape(piece)}</mark>" if index % 2 else escape(piece)
        for index, piece in enumerate(pieces)
    )
    return mark_safe("".join(marked))  # noqa: S308 - every piece escaped above

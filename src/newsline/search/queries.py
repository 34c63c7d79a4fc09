"""Reader search over published stories of one language."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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

    ``order`` is ``relevance`` (default) or ``newest``. Relevance ranks the
    matches among the language's newest ``NEWSLINE_SEARCH_RECENT`` stories when
    they fill ``limit``, and every match otherwise (docs/decisions/0009). An
    empty or unsearchable query returns no results rather than an error.
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
    second at a million stories; ranking the matches among a bounded set of
    recent stories costs about as much as a list, whatever the word."""
    size = settings.NEWSLINE_SEARCH_RECENT
    recent = list(queryset.order_by("-published_at").values_list("pk", flat=True)[:size])
    ranked = ArticlePage.objects.filter(pk__in=recent).search(query, operator="or")
    items = list(ranked[:limit])
    if len(items) < limit and len(recent) == size:  # few recent matches, and older stories exist
        items = list(queryset.search(query, operator="or")[:limit])
    return items


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

"""Reader search over published stories of one language."""

import re
from dataclasses import dataclass

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

    ``order`` is ``relevance`` (default) or ``newest``. An empty or unsearchable
    query returns no results rather than an error.
    """
    query = clean_query(raw_query)
    order = "newest" if order == "newest" else "relevance"
    if not query:
        return SearchResults(query="", items=[], order=order)
    queryset = ArticlePage.objects.published_for_search().in_locale(locale)
    if order == "newest":
        results = queryset.order_by("-published_at").search(query, order_by_relevance=False)
    else:
        results = queryset.search(query, operator="or")
    return SearchResults(query=query, items=list(results[:limit]), order=order)


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

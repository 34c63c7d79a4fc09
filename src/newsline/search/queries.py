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
    queryset = ArticlePage.objects.published().in_locale(locale)
    if order == "newest":
        results = queryset.order_by("-published_at").search(query, order_by_relevance=False)
    else:
        results = queryset.search(query, operator="or")
    return SearchResults(query=query, items=list(results[:limit]), order=order)


def highlight(text: str, query: str) -> SafeString:
    """Escape ``text`` and wrap each query word found in it in ``<mark>``."""
    words = sorted({w for w in WORD.findall(query) if len(w) > 1}, key=len, reverse=True)
    escaped = escape(text)
    if not words:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    pattern = re.compile("|".join(re.escape(escape(w)) for w in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  # noqa: S308

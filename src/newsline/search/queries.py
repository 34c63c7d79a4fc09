"""Reader search over published stories of one language."""

import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection, transaction
from django.db.models import F
from django.db.models.expressions import CombinedExpression
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, PlainText

from newsline.news.models import ArticlePage, search_language_token

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"\w+", re.UNICODE)
LANGUAGE_TOKEN_PREFIX = search_language_token("")


def clean_query(raw: str | None) -> str:
    """The words of a reader's query, or '' when nothing searchable remains. The
    index's language words (``search_language_token``) are not for readers."""
    terms = WORD.findall((raw or "")[:MAX_QUERY_LENGTH])
    terms = [term for term in terms if not term.lower().startswith(LANGUAGE_TOKEN_PREFIX)]
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
    language = search_language_token(locale.language_code)
    with _serial_plans():
        if order == "newest":
            matching = _in_language(query, language)
            results = queryset.order_by("-published_at").search(matching, order_by_relevance=False)
            items = list(results[:limit])
        else:
            items = _most_relevant(queryset, query, language, limit)
    return SearchResults(query=query, items=items, order=order)


@contextmanager
def _serial_plans():
    """Search's queries without parallel workers on PostgreSQL.

    Each reads a bounded set (a few thousand index entries at most), where
    starting workers costs more than it saves: 20-90 ms on a small host, and it
    turns the ranking among recent stories into a scan of every match of the
    word (docs/scale.md, 2026-12-04). ``SET LOCAL`` ends with the transaction;
    inside a caller's transaction it lasts until that one ends."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


def _in_language(query: str, language: str):
    """Any word of the query, in stories of the language whose token is ``language``.

    On PostgreSQL the token narrows the index's own match to the language, so a
    word common only in another language costs what a rare word costs. SQLite's
    full-text ranking of such a conjunction drops the headline's weight, and the
    embedded default has no million stories, so there the query goes as typed."""
    if connection.vendor != "postgresql":
        return PlainText(query, operator="or")
    return And([PlainText(query, operator="or"), PlainText(language)])


def _most_relevant(queryset, query: str, language: str, limit: int) -> list:
    """Ranking every match of a word found in one story in ten costs half a
    second at a million stories. Such a query is ranked among the language's
    newest stories, a bounded set whatever the word; a narrow one, or one that
    finds too few recent stories, over every match, which is cheap when the word
    is rare."""
    matching = _in_language(query, language)
    if _is_broad(query, language):
        recent = queryset.order_by("-published_at").values("pk")
        recent = recent[: settings.NEWSLINE_SEARCH_RECENT]
        ranked = ArticlePage.objects.filter(pk__in=recent).search(matching)
        with _from_recent_stories():
            items = list(ranked[:limit])
        if len(items) == limit:
            return items
    return list(queryset.search(matching)[:limit])


@contextmanager
def _from_recent_stories():
    """Rank among recent stories by looking up each one's index entry.

    The other way in, the GIN index, reads every match of the word in the
    language and joins each to its story before keeping the recent ones; the
    planner takes it when it expects a word to be rarer than it is (82 ms
    against 48 ms for a word in 2 % of stories at a million, docs/scale.md).
    That index is read only by bitmap scans, so they are off for this query
    alone (``SET LOCAL``, inside ``_serial_plans``'s transaction)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan TO DEFAULT")


def _is_broad(query: str, language: str) -> bool:
    """Whether more than ``NEWSLINE_SEARCH_BROAD`` entries of the search index in
    the language match a word of the query. On PostgreSQL this is read from the
    GIN index on ``title || body`` (news/migrations/0002) and stops counting
    there, so it costs milliseconds; elsewhere every query counts as broad."""
    if connection.vendor != "postgresql":
        return True
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    words = [SearchQuery(word, search_type="plain", config=config) for word in query.split()]
    in_language = SearchQuery(language, search_type="plain", config=config)
    vector = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    wanted = reduce(or_, words) & in_language
    matches = IndexEntry.objects.annotate(vector=vector).filter(vector=wanted)
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

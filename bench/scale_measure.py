"""Time the reader's lists server-side and explain their queries.

Each surface is requested through Django's test client in this process, so a
figure is the whole server-side cost of the response (URL routing, queries,
template rendering) without any network or WSGI server. The page cache is off
(PAGE_CACHE=0). The News line fragment has its own cache, which every page
shares and which stays warm in production; it is cleared before each request
of the fragment itself so that each one queries and renders the line.
"""

import platform
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from scale_text import Corpus

LIST_TARGET_MS = 20
SEARCH_TARGET_MS = 150
# Deep cursors start this many stories above the oldest: a full page remains.
DEEP_OFFSET = 200
ROTATE = 5  # deep days, cursors and authors each request rotates through
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "scale"}


@dataclass
class Surface:
    name: str
    urls: list[str]
    target_ms: int
    cold_cache: bool = False
    samples: list[float] = field(default_factory=list)
    queries: int = 0
    plan: str = ""
    slowest_sql: str = ""

    def percentile(self, share: float) -> float:
        return statistics.quantiles(self.samples, n=100, method="inclusive")[round(share * 100) - 1]

    @property
    def met(self) -> bool:
        return self.percentile(0.95) <= self.target_ms


def report(words: Corpus, *, runs: int, warmup: int, out: Path) -> list[Surface]:
    from django.test.utils import override_settings

    with override_settings(CACHES={"default": LOCMEM, "purge": LOCMEM}):
        surfaces = build_surfaces(words)
        for surface in surfaces:
            measure(surface, runs=runs, warmup=warmup)
            explain(surface)
        what_ifs = keyset_bound_plans()
    text = render(surfaces, what_ifs, runs=runs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(table(surfaces))
    print(f"\nPlans and details in {out}")
    return surfaces


def _cursor(story) -> str:
    from newsline.core.pagination import Cursor

    return Cursor(moment=story.published_at, pk=story.pk).encode()


def _day_url(day) -> str:
    return f"/en/archive/{day:%Y/%m/%d}/"


def build_surfaces(words: Corpus) -> list[Surface]:
    """The URLs to time, found in the data: newest and oldest days, deep cursors."""
    from wagtail.models import Locale

    from newsline.i18n import clock
    from newsline.news.models import Person, SectionPage
    from newsline.news.queries import stories

    locale = Locale.objects.get(language_code="en")
    oldest_first = stories(locale).order_by("published_at", "pk")
    newest = stories(locale).order_by("-published_at", "-pk").first()
    old_days = sorted({clock.outlet_day(s.published_at) for s in oldest_first[:2000]})[:ROTATE]
    deep = list(oldest_first[DEEP_OFFSET : DEEP_OFFSET + ROTATE])
    section = SectionPage.objects.get(locale=locale, slug="politics")
    section_deep = list(oldest_first.child_of(section)[DEEP_OFFSET : DEEP_OFFSET + ROTATE])
    authors = list(
        Person.objects.filter(locale=locale, is_journalist=True).order_by("slug")[:ROTATE]
    )
    section_url = section.get_url()
    lists = {
        "News line fragment": ["/en/newsline/"],
        "Archive, newest day": [_day_url(clock.outlet_day(newest.published_at))],
        "Archive, deepest days": [_day_url(day) for day in old_days],
        "Archive index, first page": ["/en/archive/"],
        "Archive index, deep cursor": [f"/en/archive/?after={_cursor(s)}" for s in deep],
        "Section, first page": [section_url],
        "Section, deep cursor": [f"{section_url}?after={_cursor(s)}" for s in section_deep],
        "Author page": [f"/en/people/{person.slug}/" for person in authors],
    }
    searches = {
        "Search, common word": f"q={words.common_word}",
        "Search, 1% word": f"q={words.medium_word}",
        "Search, rare word": f"q={words.rare_word}",
        "Search by date, common word": f"q={words.common_word}&order=newest",
    }
    surfaces = [Surface(name, urls, LIST_TARGET_MS) for name, urls in lists.items()]
    surfaces[0].cold_cache = True
    surfaces += [Surface(n, [f"/en/search/?{q}"], SEARCH_TARGET_MS) for n, q in searches.items()]
    return surfaces


def _get(client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")


def measure(surface: Surface, *, runs: int, warmup: int) -> None:
    from django.core.cache import caches
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for number in range(warmup):
        _get(client, surface.urls[number % len(surface.urls)])
    for number in range(runs):
        if surface.cold_cache:
            caches["default"].clear()
        started = time.perf_counter()
        _get(client, surface.urls[number % len(surface.urls)])
        surface.samples.append((time.perf_counter() - started) * 1000)
    print(f"  {surface.name:<30} p95 {surface.percentile(0.95):7.1f} ms", flush=True)


def explain(surface: Surface) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest query of one request."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if surface.cold_cache:
        caches["default"].clear()
    with CaptureQueriesContext(connection) as captured:
        _get(Client(HTTP_HOST="localhost"), surface.urls[-1])
    surface.queries = len(captured.captured_queries)
    slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
    surface.slowest_sql = slowest["sql"]
    surface.plan = _explain_sql(slowest["sql"])


def _explain_sql(statement: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}")
        return "\n".join(row[0] for row in cursor.fetchall())


def keyset_bound_plans() -> dict[str, str]:
    """What a deep cursor costs once the keyset filter also says ``published_at <= moment``.

    ``older_than()`` in core/pagination.py is an OR; PostgreSQL cannot turn it
    into an index range, so it walks the index from the newest story down to the
    cursor. The redundant bound below gives it the range; the plans show both.
    """
    from django.db.models import Q
    from wagtail.models import Locale

    from newsline.news.models import SectionPage
    from newsline.news.queries import stories

    locale = Locale.objects.get(language_code="en")
    section = SectionPage.objects.get(locale=locale, slug="politics")
    lists = {
        "Archive index, deep cursor": (stories(locale), 60),
        "Section, deep cursor": (stories(locale).child_of(section), 20),
    }
    plans = {}
    for name, (queryset, size) in lists.items():
        cursor = queryset.order_by("published_at", "pk")[DEEP_OFFSET]
        older = Q(published_at__lt=cursor.published_at) | Q(
            published_at=cursor.published_at, pk__lt=cursor.pk
        )
        bounded = queryset.filter(older, published_at__lte=cursor.published_at).order_by(
            "-published_at", "-pk"
        )[: size + 1]
        plans[name] = _explain_sql(str(_sql(bounded)))
    return plans


def _sql(queryset) -> str:
    from django.db import connection

    statement, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        return cursor.mogrify(statement, params)


def table(surfaces: list[Surface]) -> str:
    lines = [
        "| Surface | p50 ms | p95 ms | target ms | queries | meets |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for s in surfaces:
        lines.append(
            f"| {s.name} | {s.percentile(0.50):.1f} | {s.percentile(0.95):.1f} | "
            f"≤ {s.target_ms} | {s.queries} | {'yes' if s.met else '**no**'} |"
        )
    return "\n".join(lines)


def _counts() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM news_articlepage), version(),"
            " pg_size_pretty(pg_database_size(current_database()))"
        )
        stories, version, size = cursor.fetchone()
    return f"{stories:,} stories, database {size}; {version.split(' on ')[0]}"


def render(surfaces: list[Surface], what_ifs: dict[str, str], *, runs: int) -> str:
    now = datetime.now(UTC).isoformat(timespec="minutes")
    parts = [
        f"# Newsline at scale: {now}",
        "",
        f"{_counts()}; {platform.node()}, Python {platform.python_version()};"
        f" {runs} timed runs each.",
        "",
        table(surfaces),
        "",
    ]
    for s in surfaces:
        parts += [f"## {s.name}", "", f"`{s.urls[-1]}`, slowest query:", "", "```sql",
                  s.slowest_sql, "```", "", "```", s.plan, "```", ""]  # fmt: skip
    for name, plan in what_ifs.items():
        parts += [f"## What if: {name} with a `published_at <= cursor` bound", "", "```",
                  plan, "```", ""]  # fmt: skip
    return "\n".join(parts)

"""Time the reader's lists server-side and explain their queries.

Each surface is requested through Django's test client in this process, so a
figure is the whole server-side cost of the response (URL routing, queries,
template rendering) without any network or WSGI server; "SQL" is the part of it
spent in the database driver, summed over the response's queries. The page cache
is off (NEWSLINE_PAGE_CACHE=0). The News line fragment has its own cache, which every
page shares and which stays warm in production; before each request of the
fragment itself its version and the newest story's key are moved on, as that
story's publication does, so that each one queries and puts the line together
from its filed items and that story's item rendered anew (the rest of the cache
stays warm, as it is after a publication); one more row moves ``all`` on too,
so that every item is rendered anew. Feeds put together their stories' filed items
(feeds/entries.py), as after a publication; one more row moves the language's
key on before each request, as a section's renaming does, so that every item
is rendered anew.
"""

import os
import platform
import re
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from scale_text import Corpus

# Targets of issue 16, p95 of the whole server-side response.
LIST_TARGET_MS = 20
STORY_TARGET_MS = 20
SEARCH_TARGET_MS = 100
NEWS_LINE_TARGET_MS = 10
# Cursors are taken at these depths of a list (share of it above the cursor).
DEPTHS = {"page 2": 0.0, "50% deep": 0.5, "oldest page": 1.0}
ROTATE = 5  # days, cursors and authors each surface rotates through
# A surface this many times over its target is timed fewer times: the point is made.
HOPELESS = 10
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "scale"}


@dataclass
class Surface:
    name: str
    urls: list[str]
    target_ms: int
    group: str = "Lists"
    # Surrogate keys whose versions are moved on before each request, as a
    # publication moves them: what is filed under them is rendered anew each time.
    moved_on: tuple = ()
    samples: list[float] = field(default_factory=list)
    sql_samples: list[float] = field(default_factory=list)
    queries: int = 0
    plan: str = ""
    slowest_sql: str = ""

    @staticmethod
    def _p(samples: list[float], share: float) -> float:
        return statistics.quantiles(samples, n=100, method="inclusive")[round(share * 100) - 1]

    def p(self, share: float) -> float:
        return self._p(self.samples, share)

    def sql_p(self, share: float) -> float:
        return self._p(self.sql_samples, share)

    @property
    def met(self) -> bool:
        return self.p(0.95) <= self.target_ms


@dataclass
class WhatIf:
    """One list query in two forms: as it was before a fix and as the code writes
    it now, or as the code writes it and as it could be written."""

    name: str
    as_is_ms: float
    changed_ms: float
    plan: str


def report(words: Corpus, *, foreign_word: str, runs: int, warmup: int, out: Path) -> list[Surface]:
    from django.test.utils import override_settings

    with override_settings(CACHES={"default": LOCMEM, "purge": LOCMEM}):
        surfaces = build_surfaces(words, foreign_word)
        for surface in surfaces:
            measure(surface, runs=runs, warmup=warmup)
        what_ifs = [*keyset_what_ifs(), *person_what_ifs(), *section_what_ifs()]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(surfaces, what_ifs))
    print(table(surfaces))
    print()
    print(targets(surfaces))
    print(f"Load average (1, 5, 15 min) at the end: {_load()}")
    print()
    print(what_if_table(what_ifs))
    print(f"\nPlans and details in {out}")
    return surfaces


def _cursor(story) -> str:
    from newsline.core.pagination import Cursor

    return Cursor(moment=story.published_at, pk=story.pk).encode()


def _day_url(day) -> str:
    return f"/en/archive/{day:%Y/%m/%d}/"


def at_depth(queryset, share: float, size: int) -> list:
    """``ROTATE`` stories about ``share`` of the way down a newest-first list, each
    with at least a page below it: cursors a reader could hold at that depth."""
    total = queryset.count()
    start = min(round(total * share), total - size - ROTATE - 1)
    start = max(start, size)
    return list(queryset.order_by("-published_at", "-pk")[start : start + ROTATE])


def _english():
    from wagtail.models import Locale

    from newsline.news.models import SectionPage
    from newsline.news.queries import stories

    locale = Locale.objects.get(language_code="en")
    section = SectionPage.objects.get(locale=locale, slug="politics")
    return locale, section, stories(locale)


def _home_stories(locale) -> list:
    from newsline.news.models import HomePage
    from newsline.news.queries import home_front

    front = home_front(HomePage.objects.get(locale=locale))
    shown = [front.top, *front.featured, *(s for _, stories in front.sections for s in stories)]
    return [story for story in shown if story is not None]


def _story_keys(stories) -> tuple:
    from newsline.core import surrogate

    return tuple(surrogate.story(story.translation_key) for story in stories)


def build_surfaces(words: Corpus, foreign_word: str) -> list[Surface]:
    """The URLs to time, found in the data: newest and oldest days, cursors by depth.
    ``foreign_word`` is common in another language and absent from English."""
    from django.conf import settings

    from newsline.core import surrogate
    from newsline.i18n import clock
    from newsline.news.models import Person, SectionPage

    locale, section, everything = _english()
    newest = everything.order_by("-published_at", "-pk").first()
    oldest = everything.order_by("published_at", "pk")[:2000]
    old_days = sorted({clock.outlet_day(s.published_at) for s in oldest})[:ROTATE]
    in_section, section_url = everything.child_of(section), section.get_url()
    archive_size, page_size = settings.NEWSLINE_ARCHIVE_PAGE_SIZE, settings.NEWSLINE_PAGE_SIZE
    authors = Person.objects.filter(locale=locale, is_journalist=True).order_by("slug")
    lists = {
        "News line fragment": ["/en/newsline/"],
        "News line fragment, every item rendered": ["/en/newsline/"],
        "Home page": ["/en/"],
        "Archive, newest day": [_day_url(clock.outlet_day(newest.published_at))],
        "Archive, oldest days": [_day_url(day) for day in old_days],
        "Archive index, first page": ["/en/archive/"],
    }
    for depth, share in DEPTHS.items():
        cursors = at_depth(everything, share, archive_size)
        lists[f"Archive index, {depth}"] = [f"/en/archive/?after={_cursor(s)}" for s in cursors]
    lists["Section, first page"] = [section_url]
    for depth, share in DEPTHS.items():
        cursors = at_depth(in_section, share, page_size)
        lists[f"Section, {depth}"] = [f"{section_url}?after={_cursor(s)}" for s in cursors]
    small = SectionPage.objects.get(locale=locale, slug="interviews")
    lists["Small section (4%), first page"] = [small.get_url()]
    topics = [f"/en/topics/topic-{number}/" for number in range(ROTATE)]
    lists["Topic page"] = topics
    lists["Author page"] = [f"/en/people/{person.slug}/" for person in authors[:ROTATE]]
    lists["Feed, site (RSS)"] = ["/en/feeds/rss/"]
    lists["Feed, section (Atom)"] = [f"{section_url}feeds/atom/"]
    lists["Feed, topic (JSON)"] = [f"{topic}feeds/json/" for topic in topics]
    lists["Feed, site (RSS), every item rendered"] = ["/en/feeds/rss/"]
    # The API's story listings (api/items.py): the items filed as after a
    # publication, then every item built, as after a release or a section renamed.
    lists["API stories, a language"] = ["/api/v2/stories/?language=en"]
    lists["API stories, a section"] = [f"/api/v2/stories/?language=en&section={section.slug}"]
    lists["API stories, a topic"] = [f"/api/v2/stories/?topic=topic-{n}" for n in range(ROTATE)]
    lists["API stories, a language, every item built"] = ["/api/v2/stories/?language=en"]
    lists["Home page, every card rendered"] = ["/en/"]
    lists["Section, first page, every card rendered"] = [section_url]
    # Not a list, but every story is served through Wagtail's routing: a lookup that
    # scans the page table would show here first.
    lists["Story page, newest and oldest"] = [newest.get_url(), oldest[0].get_url()]
    # The same with the parts it files (news/filed.py) made anew each time: the first
    # render after an edit, or a crawler's on the long tail.
    lists["Story page, its parts rendered anew"] = lists["Story page, newest and oldest"]
    # Not a target: the page around every list (masthead, navigation, banner and
    # News line) with an empty list, to tell a list's own cost from the frame's.
    lists["Frame alone (corrections page, empty)"] = ["/en/corrections/"]
    searches = {
        "Search, common word": f"q={words.common_word}",
        "Search, 1% word": f"q={words.medium_word}",
        "Search, rare word": f"q={words.rare_word}",
        "Search by date, common word": f"q={words.common_word}&order=newest",
        "Search by date, rare word": f"q={words.rare_word}&order=newest",
        "Search, another language's common word": f"q={foreign_word}",
    }
    surfaces = [Surface(name, urls, LIST_TARGET_MS) for name, urls in lists.items()]
    by_name = {surface.name: surface for surface in surfaces}
    # As the newest story's publication: the line moved on, that story's item anew.
    line, every_item = surfaces[0], by_name["News line fragment, every item rendered"]
    line.moved_on = (surrogate.news_line("en"), *_story_keys([newest]))
    every_item.moved_on = (surrogate.news_line("en"), surrogate.EVERYTHING)
    for surface in (line, every_item):
        surface.target_ms, surface.group = NEWS_LINE_TARGET_MS, "News line"
    by_name["Feed, site (RSS), every item rendered"].moved_on = (surrogate.site("en"),)
    by_name["API stories, a language, every item built"].moved_on = (surrogate.site("en"),)
    # The keys of the stories a page shows: their cards (news/cards.py) rendered anew.
    by_name["Home page, every card rendered"].moved_on = _story_keys(_home_stories(locale))
    by_name["Section, first page, every card rendered"].moved_on = _story_keys(
        in_section.order_by("-published_at", "-pk")[:page_size]
    )
    for name in ("Story page, newest and oldest", "Story page, its parts rendered anew"):
        by_name[name].target_ms, by_name[name].group = STORY_TARGET_MS, "Story page"
    by_name["Story page, its parts rendered anew"].moved_on = _story_keys([newest, oldest[0]])
    surfaces[-1].group = "Frame"
    surfaces += [
        Surface(n, [f"/en/search/?{q}"], SEARCH_TARGET_MS, group="Search")
        for n, q in searches.items()
    ]
    return surfaces


def _request(client, surface: Surface, number: int) -> tuple[float, float, list]:
    """One timed request: (response ms, SQL ms, the queries it ran)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = surface.urls[number % len(surface.urls)]
    if surface.moved_on:
        _publication_moves_on(surface.moved_on)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    queries = captured.captured_queries
    return elapsed, sum(float(q["time"]) for q in queries) * 1000, queries


def _publication_moves_on(names) -> None:
    """What a publication does to what is filed under the surrogate keys ``names``
    (the English News line's own entry, a feed's items, stories' cards and parts):
    they are purged as a publication purges them (new versions, the purge counter
    moved on, so no process's copy is trusted), and the next request renders them
    anew."""
    from newsline.publishing import store

    store.purge(set(names))


def measure(surface: Surface, *, runs: int, warmup: int) -> None:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    warm = [_request(client, surface, n)[0] for n in range(warmup)]
    if warm and statistics.median(warm) > HOPELESS * surface.target_ms:
        runs = min(runs, 10)
    for number in range(runs):
        elapsed, sql_ms, queries = _request(client, surface, number)
        surface.samples.append(elapsed)
        surface.sql_samples.append(sql_ms)
    surface.queries = len(queries)
    reads = [q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    slowest = max(reads, key=lambda q: float(q["time"]))
    surface.slowest_sql = slowest["sql"]
    # Explained under the settings it ran with (search's SET LOCAL before it).
    surface.plan = explain(slowest["sql"], settings=_settings_in_force(queries, slowest))
    p95, sql_p95 = surface.p(0.95), surface.sql_p(0.95)
    print(
        f"  {surface.name:<38} p50 {surface.p(0.5):7.1f}  p95 {p95:7.1f} ms  "
        f"SQL p95 {sql_p95:6.1f} ms  {os.getloadavg()[0]:.1f} load",
        flush=True,
    )


def _settings_in_force(queries: list, query: dict) -> list[str]:
    """The ``SET LOCAL`` statements of the transaction ``query`` ran in, before it."""
    local = []
    for earlier in queries[: queries.index(query)]:
        statement = earlier["sql"].strip().upper()
        if statement in ("COMMIT", "ROLLBACK"):
            local = []
        elif statement.startswith("SET LOCAL"):
            local.append(earlier["sql"])
    return local


def explain(statement: str, settings: list[str] = ()) -> str:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(setting)
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}")
        return "\n".join(row[0] for row in cursor.fetchall())


def _execution_ms(plan: str) -> float:
    return float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))


def _sql(queryset) -> str:
    from django.db import connection

    statement, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        return cursor.mogrify(statement, params)


def _compare(name: str, as_is, changed) -> WhatIf:
    explain(_sql(as_is))  # warm both the same way
    explain(_sql(changed))
    before, after = explain(_sql(as_is)), explain(_sql(changed))
    return WhatIf(name, _execution_ms(before), _execution_ms(after), after)


def keyset_what_ifs() -> list[WhatIf]:
    """Each cursor page's list query without and with ``published_at <= moment``.

    The keyset condition alone is an OR of two conditions, which PostgreSQL cannot
    use as an index range: it either walks the index from the newest story down to
    the cursor or collects every older story and sorts. The redundant bound, which
    ``older_than()`` in core/pagination.py now adds, gives it the range.
    """
    from django.conf import settings
    from django.db.models import Q

    from newsline.core.pagination import older_than

    _, section, everything = _english()
    lists = {
        "Archive index": (everything, settings.NEWSLINE_ARCHIVE_PAGE_SIZE),
        "Section": (everything.filed_in(section), settings.NEWSLINE_PAGE_SIZE),
    }
    order = ("-published_at", "-pk")
    results = []
    for name, (queryset, size) in lists.items():
        for depth, share in DEPTHS.items():
            cursor = at_depth(queryset, share, size)[0]
            moment, pk = cursor.published_at, cursor.pk
            keyset_only = Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk)
            unbounded = queryset.filter(keyset_only).order_by(*order)[: size + 1]
            as_written = queryset.filter(older_than(moment, pk)).order_by(*order)[: size + 1]
            results.append(
                _compare(
                    f"{name}, {depth}: keyset OR alone → with the date bound", unbounded, as_written
                )
            )
    return results


def person_what_ifs() -> list[WhatIf]:
    """The author page's list as first written (an OR across two outer joins, with
    DISTINCT) and as ``news.queries.involving`` writes it now (two semi-joins, helped
    by the index on bylines by person and story)."""
    from django.conf import settings
    from django.db.models import Q

    from newsline.news.models import Person
    from newsline.news.queries import involving

    locale, _, everything = _english()
    person = Person.objects.filter(locale=locale, is_journalist=True).order_by("slug").first()
    key = person.translation_key
    joined = Q(authors__person__translation_key=key) | Q(
        interviewpage__interviewee__translation_key=key
    )
    order, size = ("-published_at", "-pk"), settings.NEWSLINE_PAGE_SIZE + 1
    first_form = everything.filter(joined).distinct().order_by(*order)[:size]
    as_written = everything.filter(involving(person)).order_by(*order)[:size]
    return [_compare("Author page: OR across joins → two semi-joins", first_form, as_written)]


def section_what_ifs() -> list[WhatIf]:
    """A small section's first page by the tree (stories under the section's path)
    and by the section column with its index (decision 0011)."""
    from django.conf import settings

    from newsline.news.models import SectionPage

    locale, _, everything = _english()
    small = SectionPage.objects.get(locale=locale, slug="interviews")
    order, size = ("-published_at", "-pk"), settings.NEWSLINE_PAGE_SIZE + 1
    by_tree = everything.child_of(small).order_by(*order)[:size]
    by_column = everything.filed_in(small).order_by(*order)[:size]
    return [_compare("Small section: tree path → section column", by_tree, by_column)]


def table(surfaces: list[Surface]) -> str:
    lines = [
        "| Surface | p50 ms | p95 ms | SQL p95 ms | queries | target ms | meets |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for s in surfaces:
        lines.append(
            f"| {s.name} | {s.p(0.50):.1f} | {s.p(0.95):.1f} | {s.sql_p(0.95):.1f} | "
            f"{s.queries} | ≤ {s.target_ms} | {_verdict(s)} |"
        )
    return "\n".join(lines)


def _verdict(surface: Surface) -> str:
    if surface.group == "Frame":
        return "(reference)"
    return "met" if surface.met else "**NO**"


def targets(surfaces: list[Surface]) -> str:
    """Each target of issue 16 against the slowest surface it covers (p95)."""
    lines = ["| Target | p95 ms | slowest surface | |", "|---|---:|---|---|"]
    for group in ("Story page", "Lists", "Search", "News line"):
        covered = [s for s in surfaces if s.group == group]
        if not covered:
            continue
        worst = max(covered, key=lambda s: s.p(0.95))
        verdict = "met" if all(s.met for s in covered) else "**NO**"
        lines.append(
            f"| {group} ≤ {worst.target_ms} ms | {worst.p(0.95):.1f} | {worst.name} | {verdict} |"
        )
    return "\n".join(lines)


def what_if_table(what_ifs: list[WhatIf]) -> str:
    lines = ["| List query: before → after | before, ms | after, ms |", "|---|---:|---:|"]
    lines += [f"| {w.name} | {w.as_is_ms:.1f} | {w.changed_ms:.1f} |" for w in what_ifs]
    return "\n".join(lines)


def _facts() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM news_articlepage), version(),"
            " pg_size_pretty(pg_database_size(current_database()))"
        )
        stories, version, size = cursor.fetchone()
    return (
        f"{stories:,} stories, database {size}; {version.split(' on ')[0]}; "
        f"{platform.node()}, Python {platform.python_version()}."
    )


def _load() -> str:
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


def render(surfaces: list[Surface], what_ifs: list[WhatIf]) -> str:
    now = datetime.now(UTC).isoformat(timespec="minutes")
    parts = [f"# Newsline at scale: {now}", "", _facts(), f"Load average: {_load()}.", ""]
    parts += [table(surfaces), "", targets(surfaces), ""]
    parts += ["Execution time of single list queries (EXPLAIN ANALYZE):", ""]
    parts += [what_if_table(what_ifs), ""]
    for s in surfaces:
        parts += [f"## {s.name}", "", f"`{s.urls[-1]}`, slowest query:", "", "```sql"]
        parts += [s.slowest_sql, "```", "", "```", s.plan, "```", ""]
    for w in what_ifs:
        parts += [f"## Changed: {w.name}", "", "```", w.plan, "```", ""]
    return "\n".join(parts)

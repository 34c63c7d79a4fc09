"""Related stories at a million stories (decision 0017), on the scale database.

Run by scale.py after the reader's surfaces (also under --reuse). In one process,
wall clock, with the words method (stored stems, BM25 over the window):

1. every stored vector and list is removed, then ``services.store_vector`` runs for
   the newest NEWSLINE_RELATED_WINDOW published stories of each language: the
   one-off cost of ``newsline refresh_related`` for a window;
2. ``services.refresh_related(story=...)`` is timed for stories spread over the
   newest of each language (every ``stride``-th of the window);
3. the page's read, ``queries.related_stories(story)``, is timed for the same
   stories, and its SQL explained: an index lookup by the story's own key;
4. the story page itself is timed for the same stories, before step 2 (no rows
   computed yet: the read finds nothing) and after it (four related shown), and
   the read the page ran before 0017 (newest sharing a topic, topped up from the
   section) is run again as it was written, for comparison.

The table is printed and appended, with the plans, to the report (--out).
"""

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import scale_measure

COMPUTE_TARGET_MS = 200
# Queries of the story page timed on their own: the related read, and the breaking
# banner's (every page runs it).
PAGE_PARTS = {"related read": '"news_relatedstory"', "breaking banner": '"breaking_until" >'}
LANGUAGES = ("az", "en", "ru")


@dataclass
class Timing:
    name: str
    samples: list[float] = field(default_factory=list)
    sql_samples: list[float] = field(default_factory=list)
    queries: int = 0
    target_ms: int | None = None
    # The time of some of a call's queries, by a piece of their SQL.
    parts: dict[str, str] = field(default_factory=dict)
    part_samples: dict[str, list[float]] = field(default_factory=dict)

    def p(self, share: float, sql: bool = False) -> float:
        return _quantile(self.sql_samples if sql else self.samples, share)


@dataclass
class Window:
    language: str
    stories: int
    seconds: float
    per_story: Timing


def report(*, out: Path, per_language: int, warmup: int) -> list[Timing]:
    from django.test.utils import override_settings

    with override_settings(
        CACHES={"default": scale_measure.LOCMEM, "purge": scale_measure.LOCMEM},
        NEWSLINE_RELATED_METHOD="words",
    ):
        _clear()
        windows = [store_window(language) for language in LANGUAGES]
        sample = choose(per_language)
        print(f"  related: {len(sample)} stories chosen, timing ...", flush=True)
        page_before = time_pages("Story page, no related rows yet", sample, warmup)
        by_topic = time_by_topic(sample, warmup)
        compute = time_compute(sample, warmup)
        read = time_read(sample, warmup)
        page_after = time_pages("Story page, with related rows", sample, warmup)
        read_plan = _read_plan(sample[0])
        window_plan = _window_plan(sample[0])
        topic_plan = _by_topic_plan(sample[0])
        shown = _shown(sample)
    timings = [compute, read, page_before, page_after, by_topic]
    text = render(windows, timings, shown, read_plan, window_plan, topic_plan)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a") as handle:
        handle.write("\n" + text)
    print()
    print(window_table(windows))
    print()
    print(table(timings))
    print(f"\n{shown}\nRelated stories' plans appended to {out}")
    return timings


def _clear() -> None:
    from django.db import connection

    from newsline.news.models import RelatedStory, StoryVector

    tables = ", ".join(m._meta.db_table for m in (RelatedStory, StoryVector))
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables}")


def _locale(language: str):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)


def newest(language: str, count: int) -> list:
    """The language's newest ``count`` published stories, specific, newest first."""
    from newsline.news.models import ArticlePage

    ids = list(
        ArticlePage.objects.published()
        .in_locale(_locale(language).pk)
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)[:count]
    )
    found = {
        s.pk: s for s in ArticlePage.objects.filter(pk__in=ids).specific().select_related("locale")
    }
    return [found[pk] for pk in ids]


def store_window(language: str) -> Window:
    """``store_vector`` for the window of ``language``: loading the stories and
    storing each one's stems, as ``refresh_all_related``'s first pass does."""
    from django.conf import settings

    from newsline.news.related import services

    size = settings.NEWSLINE_RELATED_WINDOW
    per_story = Timing(f"store_vector, {language}")
    started = time.perf_counter()
    for story in newest(language, size):
        one = time.perf_counter()
        services.store_vector(story=story)
        per_story.samples.append((time.perf_counter() - one) * 1000)
    seconds = time.perf_counter() - started
    print(
        f"  related: {len(per_story.samples):,} {language} vectors stored in {seconds:.1f} s",
        flush=True,
    )
    return Window(language, len(per_story.samples), seconds, per_story)


def choose(per_language: int) -> list:
    """Stories spread evenly over each language's window, newest first."""
    from django.conf import settings

    size = settings.NEWSLINE_RELATED_WINDOW
    stride = max(1, size // per_language)
    chosen = []
    for language in LANGUAGES:
        chosen += newest(language, size)[::stride][:per_language]
    return chosen


def _timed(function) -> tuple[float, float, list]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        function()
        elapsed = (time.perf_counter() - started) * 1000
    queries = captured.captured_queries
    return elapsed, sum(float(q["time"]) for q in queries) * 1000, queries


def _run(timing: Timing, calls: list, warmup: int) -> Timing:
    for call in calls[:warmup]:
        call()
    queries = []
    for call in calls:
        elapsed, sql_ms, queries = _timed(call)
        timing.samples.append(elapsed)
        timing.sql_samples.append(sql_ms)
        for part, piece in timing.parts.items():
            ms = sum(float(q["time"]) for q in queries if piece in q["sql"]) * 1000
            timing.part_samples.setdefault(part, []).append(ms)
    timing.queries = len(queries)
    print(
        f"  {timing.name:<40} p50 {timing.p(0.5):7.1f} p95 {timing.p(0.95):7.1f} ms"
        f"  SQL p95 {timing.p(0.95, sql=True):7.1f} ms",
        flush=True,
    )
    for part, values in timing.part_samples.items():
        print(f"    of which {part}: SQL p95 {_quantile(values, 0.95):.1f} ms", flush=True)
    return timing


def _quantile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def time_compute(sample: list, warmup: int) -> Timing:
    """``refresh_related`` per story: its vector, the window's vectors read, BM25,
    ranking, the rows replaced. The warm-up stories are computed again when timed."""
    from newsline.news.related import services

    calls = [lambda s=s: services.refresh_related(story=s) for s in sample]
    timing = Timing("refresh_related (one story)", target_ms=COMPUTE_TARGET_MS)
    return _run(timing, calls, warmup)


def time_read(sample: list, warmup: int) -> Timing:
    from newsline.news.queries import related_stories

    calls = [lambda s=s: related_stories(s) for s in sample]
    return _run(Timing("related_stories (the page's read)"), calls, warmup)


def time_pages(name: str, sample: list, warmup: int) -> Timing:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    urls = [story.get_url() for story in sample]

    def get(url):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    calls = [lambda u=u: get(u) for u in urls]
    return _run(Timing(name, parts=PAGE_PARTS), calls, warmup)


def by_topic(article, topics, limit: int = 4) -> list:
    """The page's read before decision 0017, as ``queries.related_stories`` wrote
    it then (commit 78a83be^): newest sharing a topic, topped up from the section."""
    from newsline.news.queries import stories

    base = stories(article.locale_id).exclude(pk=article.pk).order_by("-published_at", "-pk")
    tag_ids = [tag.pk for tag in topics]
    picked = (
        list(base.filter(tagged_topics__tag_id__in=tag_ids).distinct()[:limit]) if tag_ids else []
    )
    section_id = article.filed_section_id
    if len(picked) < limit and section_id is not None:
        more = base.filed_in(section_id).exclude(pk__in=[p.pk for p in picked])
        picked += list(more[: limit - len(picked)])
    return picked


def time_by_topic(sample: list, warmup: int) -> Timing:
    topics = {story.pk: list(story.topics.all()) for story in sample}
    calls = [lambda s=s: by_topic(s, topics[s.pk]) for s in sample]
    return _run(Timing("before 0017: read by topic (as written then)"), calls, warmup)


def _read_plan(story) -> tuple[str, str]:
    from newsline.news.queries import related_stories

    related_stories(story)
    _, _, queries = _timed(lambda: related_stories(story))
    statement = max(queries, key=lambda q: float(q["time"]))["sql"]
    return statement, scale_measure.explain(statement)


def _window_plan(story) -> tuple[str, str]:
    from newsline.news.related import services

    queryset = services.window(story).values_list(
        "story_id", "story__published_at", "topics", "terms", "length"
    )
    statement = scale_measure._sql(queryset)
    return statement, scale_measure.explain(statement)


def _by_topic_plan(story) -> tuple[str, str]:
    topics = list(story.topics.all())
    by_topic(story, topics)
    _, _, queries = _timed(lambda: by_topic(story, topics))
    statement = max(queries, key=lambda q: float(q["time"]))["sql"]
    return statement, scale_measure.explain(statement)


def _shown(sample: list) -> str:
    from newsline.news.models import RelatedStory

    with_rows = RelatedStory.objects.filter(story_id__in=[s.pk for s in sample])
    stories = with_rows.values("story_id").distinct().count()
    return (
        f"{stories} of {len(sample)} timed stories have a stored list "
        f"({with_rows.count()} rows; at most 8 each)."
    )


def window_table(windows: list[Window]) -> str:
    lines = [
        "| Window: store_vector for the newest stories | stories | seconds | "
        "ms per story p50 | p95 |",
        "|---|---:|---:|---:|---:|",
    ]
    for w in windows:
        lines.append(
            f"| {w.language} | {w.stories:,} | {w.seconds:.1f} | "
            f"{w.per_story.p(0.5):.1f} | {w.per_story.p(0.95):.1f} |"
        )
    return "\n".join(lines)


def table(timings: list[Timing]) -> str:
    lines = [
        "| Related stories | n | p50 ms | p95 ms | SQL p50 ms | SQL p95 ms | queries | "
        "target p95 ms | meets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for t in timings:
        target = f"≤ {t.target_ms}" if t.target_ms else "—"
        meets = "—" if not t.target_ms else ("yes" if t.p(0.95) <= t.target_ms else "**no**")
        lines.append(
            f"| {t.name} | {len(t.samples)} | {t.p(0.5):.1f} | {t.p(0.95):.1f} | "
            f"{t.p(0.5, sql=True):.1f} | {t.p(0.95, sql=True):.1f} | {t.queries} | "
            f"{target} | {meets} |"
        )
    for t in timings:
        for part, values in t.part_samples.items():
            lines.append(
                f"| … {t.name}: {part} query only | {len(values)} | | | "
                f"{_quantile(values, 0.5):.1f} | {_quantile(values, 0.95):.1f} | 1 | — | — |"
            )
    return "\n".join(lines)


def render(windows, timings, shown, read_plan, window_plan, topic_plan) -> str:
    parts = ["# Related stories at a million stories", "", window_table(windows), ""]
    parts += [table(timings), "", shown, ""]
    for title, (statement, plan) in (
        ("The page's read: related_stories(story)", read_plan),
        ("refresh_related's window: the stored vectors of the newest stories", window_plan),
        ("Before 0017: the read by topic (slowest of its queries)", topic_plan),
    ):
        parts += [f"## {title}", "", "```sql", statement, "```", "", "```", plan, "```", ""]
    return "\n".join(parts)

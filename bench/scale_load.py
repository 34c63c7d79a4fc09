"""Bulk-load invented stories with PostgreSQL COPY, bypassing the ORM.

The rows are what Wagtail would have written for a published story (page,
story and kind rows, bylines, topics, a search index entry) less the revision
history, which no reader-facing query reads. Tree paths are computed here:
each story is the next child of its section, and the sections' ``numchild``
is set at the end. Run only against a database made for the purpose.
"""

import json
import random
import string
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate
from operator import itemgetter

import psycopg
from psycopg import sql

from scale_text import Corpus

LANGUAGES = ("az", "en", "ru")
BASE36 = string.digits + string.ascii_uppercase
STEPLEN = 4
# Share of each kind; news dominates as on a wire-fed site.
KINDS = {"news": 86, "opinion": 5, "interview": 4, "video": 3, "gallery": 2}
DESKS = {"politics": 24, "economy": 20, "world": 22, "society": 18, "sport": 15, "partners": 1}
SEARCH_STAGING = "scale_search_text"


@dataclass
class Section:
    id: int
    path: str
    url_path: str
    children: int = 0


@dataclass
class Skeleton:
    """What the ORM built, by id: the bulk rows point into it."""

    locales: dict[str, int]
    sections: dict[str, dict[str, Section]]
    journalists: dict[str, list[int]]
    interviewees: dict[str, list[int]]
    tags: list[int]
    content_types: dict[str, int]
    weights: dict[str, str]  # title / lead / body → tsvector weight letter
    search_table: str  # modelsearch's IndexEntry
    search_config: str  # the text search configuration the backend uses


class Table:
    """A model's own columns in order, with the defaults Django would write."""

    def __init__(self, model, *, with_id: bool):
        fields = [f for f in model._meta.local_concrete_fields if with_id or not f.primary_key]
        self.name = model._meta.db_table
        self.columns = [f.column for f in fields]
        self.defaults = {f.column: f.get_default() for f in fields}
        self.required = {f.column for f in fields if not f.null}
        self._pick = itemgetter(*self.columns)

    def copy_sql(self) -> str:
        return f"COPY {self.name} ({', '.join(self.columns)}) FROM STDIN"

    def row(self, values: dict) -> tuple:
        return self._pick(self.defaults | values)

    def check(self, values: dict) -> None:
        row = dict(zip(self.columns, self.row(values), strict=True))
        missing = [c for c in self.required if row[c] is None]
        if missing:
            raise ValueError(f"{self.name}: no value for NOT NULL {missing}")


@dataclass
class Plan:
    count: int
    now: datetime
    years: int
    seed: int
    corpora: dict[str, Corpus]
    loaded: dict[str, int] = field(default_factory=dict)


def tables() -> dict[str, Table]:
    from wagtail.models import Page

    from newsline.news.models import (
        ArticleAuthor,
        ArticlePage,
        ArticleTopic,
        GalleryPage,
        InterviewPage,
        NewsPage,
        OpinionPage,
        VideoPage,
    )

    return {
        "page": Table(Page, with_id=True),
        "article": Table(ArticlePage, with_id=True),
        "news": Table(NewsPage, with_id=True),
        "opinion": Table(OpinionPage, with_id=True),
        "interview": Table(InterviewPage, with_id=True),
        "video": Table(VideoPage, with_id=True),
        "gallery": Table(GalleryPage, with_id=True),
        "author": Table(ArticleAuthor, with_id=False),
        "topic": Table(ArticleTopic, with_id=False),
    }


def base36(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = BASE36[rest] + digits
    return digits.rjust(STEPLEN, "0")


class StoryMaker:
    """Turns a story's number into its rows, deterministically for a seed."""

    def __init__(self, skeleton: Skeleton, plan: Plan, first_id: int):
        from newsline.news.models import search_language_token

        self.language_token = search_language_token
        self.skeleton, self.plan, self.first_id = skeleton, plan, first_id
        self.rng = random.Random(plan.seed)
        self.kinds, self.kind_weights = list(KINDS), list(accumulate(KINDS.values()))
        self.desks, self.desk_weights = list(DESKS), list(accumulate(DESKS.values()))
        span = timedelta(days=365 * plan.years)
        self.start = plan.now - span - timedelta(minutes=5)
        self.step = span / plan.count

    def _uuid(self) -> str:
        digits = f"{self.rng.getrandbits(128):032x}"
        return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"

    def _block(self, kind: str, value) -> dict:
        return {"type": kind, "value": value, "id": self._uuid()}

    def story(self, number: int) -> dict:
        rng, code = self.rng, LANGUAGES[number % len(LANGUAGES)]
        kind = rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
        desk = {"opinion": "opinion", "interview": "interviews"}.get(kind) or rng.choices(
            self.desks, cum_weights=self.desk_weights
        )[0]
        section = self.skeleton.sections[code][desk]
        section.children += 1
        corpus = self.plan.corpora[code]
        moment = self.start + self.step * (number + rng.random())
        return {
            "id": self.first_id + number,
            "code": code,
            "kind": kind,
            "section": section,
            "path": section.path + base36(section.children),
            "moment": moment,
            "title": rng.choice(corpus.titles),
            "lead": rng.choice(corpus.sentences),
            "paragraphs": [" ".join(rng.choices(corpus.sentences, k=2)) for _ in range(2)],
        }

    def page(self, s: dict) -> dict:
        slug = f"story-{s['id']}"
        moment = s["moment"]
        return {
            "id": s["id"],
            "path": s["path"],
            "depth": len(s["path"]) // STEPLEN,
            "numchild": 0,
            "translation_key": self._uuid(),
            "locale_id": self.skeleton.locales[s["code"]],
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": moment,
            "last_published_at": moment,
            "latest_revision_created_at": moment,
            "expired": False,
            "locked": False,
            "title": s["title"],
            "draft_title": s["title"],
            "slug": slug,
            "content_type_id": self.skeleton.content_types[s["kind"]],
            "url_path": f"{s['section'].url_path}{slug}/",
        }

    def article(self, s: dict) -> dict:
        return {
            "page_ptr_id": s["id"],
            "section_page_id": s["section"].id,
            "lead": s["lead"],
            "published_at": s["moment"],
            "is_breaking": self.rng.random() < 0.01,
        }

    def kind_row(self, s: dict) -> dict:
        paragraphs = [self._block("paragraph", f"<p>{p}</p>") for p in s["paragraphs"]]
        row = {"articlepage_ptr_id": s["id"], "body": paragraphs}
        if s["kind"] == "interview":
            questions = [
                self._block("qa", {"question": s["title"] + "?", "answer": p["value"]})
                for p in paragraphs
            ]
            row["body"] = questions
            row["interviewee_id"] = self.rng.choice(self.skeleton.interviewees[s["code"]])
        elif s["kind"] == "video":
            row["video_url"] = f"https://www.youtube.com/watch?v=scale{s['id']}"
        elif s["kind"] == "gallery":
            row["photos"] = "[]"
        row["body"] = json.dumps(row["body"], ensure_ascii=False)
        return row

    def bylines(self, s: dict) -> list[dict]:
        people = self.rng.sample(
            self.skeleton.journalists[s["code"]], self.rng.choice((1, 1, 1, 2))
        )
        return [
            {"page_id": s["id"], "person_id": person, "sort_order": order}
            for order, person in enumerate(people)
        ]

    def topics(self, s: dict) -> list[dict]:
        tags = self.rng.sample(self.skeleton.tags, self.rng.choice((0, 1, 1, 2, 2, 3)))
        return [{"tag_id": tag, "content_object_id": s["id"]} for tag in tags]

    def search_text(self, s: dict) -> tuple:
        # As Wagtail flattens a stream for the index: block texts joined by ", ".
        blocks = s["paragraphs"]
        if s["kind"] == "interview":
            blocks = [text for answer in blocks for text in (s["title"] + "?", answer)]
        return (
            s["id"],
            self.skeleton.content_types[s["kind"]],
            s["title"],
            s["lead"],
            self.language_token(s["code"]),
            ", ".join(blocks),
        )


def _connect(dsn: str) -> psycopg.Connection:
    connection = psycopg.connect(dsn)
    # Foreign-key triggers would check 4 million rows one by one; the rows are
    # built from ids read back from the database, and counted afterwards.
    connection.execute("SET session_replication_role = replica")
    connection.execute("SET synchronous_commit = off")
    return connection


def load_stories(dsn: str, skeleton: Skeleton, plan: Plan) -> None:
    """COPY ``plan.count`` stories in one pass, one connection per table."""
    shapes = tables()
    with psycopg.connect(dsn, autocommit=True) as admin:
        first_id = admin.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM wagtailcore_page"
        ).fetchone()[0]
        admin.execute(
            f"CREATE UNLOGGED TABLE {SEARCH_STAGING} "
            "(page_id bigint, content_type_id int, title text, lead text, language text,"
            " body text)"
        )
    maker = StoryMaker(skeleton, plan, first_id)
    with ExitStack() as stack:
        connections = {name: stack.enter_context(_connect(dsn)) for name in [*shapes, "search"]}
        copies = {
            name: stack.enter_context(connections[name].cursor().copy(shape.copy_sql()))
            for name, shape in shapes.items()
        }
        copies["search"] = stack.enter_context(
            connections["search"].cursor().copy(f"COPY {SEARCH_STAGING} FROM STDIN")
        )
        _write_stories(maker, shapes, copies, plan)
    _finish_tree(dsn, skeleton, first_id + plan.count)


def _write_stories(maker: StoryMaker, shapes: dict, copies: dict, plan: Plan) -> None:
    counts = dict.fromkeys(copies, 0)
    started = time.monotonic()
    for number in range(plan.count):
        s = maker.story(number)
        rows = [("page", maker.page(s)), ("article", maker.article(s))]
        rows.append((s["kind"], maker.kind_row(s)))
        rows += [("author", r) for r in maker.bylines(s)] + [("topic", r) for r in maker.topics(s)]
        if number < len(KINDS) * 20:
            for name, values in rows:
                shapes[name].check(values)
        for name, values in rows:
            copies[name].write_row(shapes[name].row(values))
            counts[name] += 1
        copies["search"].write_row(maker.search_text(s))
        if number and number % 100_000 == 0:
            print(f"  {number:>9,} stories  {time.monotonic() - started:6.0f} s", flush=True)
    counts["search"] = plan.count
    plan.loaded.update(counts)


def _finish_tree(dsn: str, skeleton: Skeleton, next_id: int) -> None:
    with psycopg.connect(dsn, autocommit=True) as connection:
        for sections in skeleton.sections.values():
            for section in sections.values():
                connection.execute(
                    "UPDATE wagtailcore_page SET numchild = %s WHERE id = %s",
                    (section.children, section.id),
                )
        connection.execute("SELECT setval('wagtailcore_page_id_seq', %s, false)", (next_id,))


def index_for_search(dsn: str, skeleton: Skeleton, workers: int = 2) -> None:
    """Fill modelsearch's index as its PostgreSQL backend would, in SQL.

    Same vectors as ``ObjectIndexer``: title (weighted by its boost), the lead
    and body in ``body``, both with the backend's configuration, the title again
    for autocomplete with the 'simple' configuration, and ``title_norm`` as the
    average title length over this one.
    Split over ``workers`` connections to use every core.
    """
    w, config = skeleton.weights, skeleton.search_config
    with psycopg.connect(dsn) as connection:
        average = connection.execute(
            f"SELECT avg(length(to_tsvector('{config}', title))) "
            f"FROM {SEARCH_STAGING} TABLESAMPLE SYSTEM (1)"
        ).fetchone()[0]
    statement = f"""
        INSERT INTO {skeleton.search_table}
            (content_type_id, object_id, title, autocomplete, body, title_norm,
             title_text, body_text)
        SELECT s.content_type_id, s.page_id::text, v.title,
               setweight(to_tsvector('simple', s.title), 'D'),
               setweight(to_tsvector('{config}', s.lead), '{w["lead"]}')
                   || setweight(to_tsvector('{config}', s.language), '{w["search_language"]}')
                   || setweight(to_tsvector('{config}', s.body), '{w["body"]}'),
               %(average)s / greatest(length(v.title), 1),
               s.title, s.lead || ' ' || s.body
        FROM {SEARCH_STAGING} s,
             LATERAL (SELECT setweight(to_tsvector('{config}', s.title), '{w["title"]}') AS title) v
        WHERE s.page_id %% %(workers)s = %(part)s
    """

    def run(part: int) -> None:
        with _connect(dsn) as connection:
            connection.execute(statement, {"average": average, "workers": workers, "part": part})

    # Building a GIN index once is far cheaper than growing it row by row.
    with _gin_indexes_dropped(dsn, skeleton.search_table, workers) as rebuild:
        _parallel(run, range(workers))
        _parallel(rebuild, range(workers))
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f"DROP TABLE {SEARCH_STAGING}")


def _parallel(function, items) -> None:
    items = list(items)
    with ThreadPoolExecutor(len(items)) as pool:
        for done in [pool.submit(function, item) for item in items]:
            done.result()


@contextmanager
def _gin_indexes_dropped(dsn: str, table: str, parts: int):
    """Drop ``table``'s GIN indexes; yield a function that rebuilds part ``n`` of them."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        indexes = connection.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE tablename = %s AND indexdef LIKE '%% USING gin %%' ORDER BY indexname",
            (table,),
        ).fetchall()
        for name, _ in indexes:
            connection.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))

    def rebuild(part: int) -> None:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in indexes[part::parts]:
                connection.execute(definition)

    yield rebuild

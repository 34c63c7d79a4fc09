"""Newsline at a million stories: fill PostgreSQL, then time the reader's lists.

    .venv/bin/python bench/scale.py [--database newsline_scale] [--stories 1000000] [--keep]

Drops and recreates the database, migrates it, builds homes, sections, people
and topics through the ORM, COPYs the stories (see scale_load.py), ANALYZEs,
and measures each list server-side with Django's test client in this process
(scale_measure.py), then related stories (scale_related.py). The database is
dropped at the end unless --keep; with --reuse an existing one is measured
without loading. See docs/scale.md.
"""

import argparse
import atexit
import os
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("az", "en", "ru")
JOURNALISTS_PER_LANGUAGE = 100
INTERVIEWEES_PER_LANGUAGE = 30
TOPICS = 2_000
PARTNERS = {"az": ("Tərəfdaşlar", "terefdaslar"), "en": ("Partners", "partners"),
            "ru": ("Партнёры", "partnery")}  # fmt: skip


def main() -> None:
    args = _arguments()
    dsn = f"{args.server}/{args.database}"
    # Caches and media of this run stay out of the working tree's var/.
    data_dir = tempfile.mkdtemp(prefix="newsline-scale-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    _configure_django(dsn, data_dir)
    started = time.monotonic()
    try:
        if args.reuse:
            _migrate_kept(dsn)
        else:
            _create_database(args.server, args.database)
            load_seconds = _fill(dsn, args)
            print(f"Loaded {args.stories:,} stories in {load_seconds:.0f} s.", flush=True)
        import scale_measure
        import scale_text

        corpora = scale_text.corpora(args.seed)
        scale_measure.report(
            corpora["en"],
            foreign_word=corpora["az"].common_word,
            runs=args.runs,
            warmup=args.warmup,
            out=args.out,
        )
        if args.related_per_language:
            import scale_related

            scale_related.report(
                out=args.out, per_language=args.related_per_language, warmup=args.warmup
            )
    finally:
        if not args.keep:
            _drop_database(args.server, args.database)
    print(f"Done in {time.monotonic() - started:.0f} s.")


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="newsline_scale")
    parser.add_argument(
        "--server",
        default=os.environ.get("SCALE_SERVER", "postgresql://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without the database (default: $SCALE_SERVER or local)",
    )
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=10, help="spread stories over this many")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=30, help="timed requests per surface")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--related-per-language",
        type=int,
        default=40,
        help="stories whose related list is timed, per language (0: skip related stories)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "scale" / "report.md")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure an existing database")
    return parser.parse_args()


def _configure_django(dsn: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = dsn
    os.environ["NEWSLINE_PAGE_CACHE"] = "0"
    os.environ["NEWSLINE_DEBUG"] = "0"
    os.environ["NEWSLINE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsline.settings.dev")
    import django

    django.setup()


def _admin(server: str) -> psycopg.Connection:
    return psycopg.connect(f"{server}/postgres", autocommit=True)


def _drop_sql(name: str) -> sql.Composed:
    return sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))


def _create_database(server: str, name: str) -> None:
    with _admin(server) as connection:
        connection.execute(_drop_sql(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop_database(server: str, name: str) -> None:
    from django.db import connections

    connections.close_all()
    with _admin(server) as connection:
        connection.execute(_drop_sql(name))
    print(f"Dropped database {name} (--keep keeps it).")


def _migrate_kept(dsn: str) -> None:
    """Bring a kept database up to the code's migrations (an index added since it
    was loaded is then measured, and built at a million stories first)."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not pending:
        return
    names = ", ".join(f"{migration.app_label}.{migration.name}" for migration, _ in pending)
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute("ANALYZE")
    print(f"Migrated the kept database ({names}) in {time.monotonic() - started:.0f} s.")


def _fill(dsn: str, args) -> float:
    from django.core.management import call_command
    from django.db import connection

    import scale_load
    import scale_text

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    corpora = scale_text.corpora(args.seed)
    skeleton = build_skeleton(random.Random(args.seed + 1))
    connection.close()
    print(f"Skeleton ready ({time.monotonic() - started:.0f} s); copying stories ...", flush=True)
    plan = scale_load.Plan(
        count=args.stories,
        now=datetime.now(UTC),
        years=args.years,
        seed=args.seed,
        corpora=corpora,
    )
    scale_load.load_stories(dsn, skeleton, plan)
    print(f"Copied ({time.monotonic() - started:.0f} s): {plan.loaded}", flush=True)
    scale_load.index_for_search(dsn, skeleton)
    print(f"Search index filled ({time.monotonic() - started:.0f} s); ANALYZE ...", flush=True)
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute("VACUUM (ANALYZE)")
    return time.monotonic() - started


def build_skeleton(rng: random.Random):
    """Homes, sections, people and topics through the ORM, as an editor would have them."""
    from django.test.utils import override_settings
    from wagtail.models import Locale

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
        homes = _homes(locales)
        sections = _sections(homes, locales)
        journalists, interviewees = _people(rng, locales)
        tags = _topics(rng)
    return _skeleton(locales, sections, journalists, interviewees, tags)


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _homes(locales) -> dict:
    from wagtail.models import Page, Site

    from newsline.news.demo import texts
    from newsline.news.models import HomePage

    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    root.refresh_from_db()
    home = root.add_child(
        instance=HomePage(title=texts.HOME_TITLES["az"], slug="az", locale=locales["az"])
    )
    home = _publish(home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    homes = {"az": home}
    for code in ("en", "ru"):
        copy = home.copy_for_translation(locales[code])
        copy.title, copy.slug = texts.HOME_TITLES[code], code
        copy.save()
        homes[code] = _publish(copy)
    return homes


def _sections(homes, locales) -> dict:
    from wagtail.models import PageViewRestriction

    from newsline.news.demo import texts
    from newsline.news.models import SectionPage

    specs = [*texts.SECTIONS, {"key": "partners", **PARTNERS}]
    sections = {code: {} for code in LANGUAGES}
    for spec in specs:
        homes["az"].refresh_from_db()
        title, slug = spec["az"]
        source = homes["az"].add_child(
            instance=SectionPage(title=title, slug=slug, locale=locales["az"])
        )
        sections["az"][spec["key"]] = _publish(source)
        for code in ("en", "ru"):
            copy = source.copy_for_translation(locales[code])
            copy.title, copy.slug = spec[code]
            copy.save()
            sections[code][spec["key"]] = _publish(copy)
    # One restricted desk per language, so the lists' restriction check has work.
    for code in LANGUAGES:
        PageViewRestriction.objects.create(
            page=sections[code]["partners"],
            restriction_type=PageViewRestriction.PASSWORD,
            password="scale-partners",  # noqa: S106 - invented test data
        )
    return sections


def _people(rng, locales) -> tuple[dict, dict]:
    import uuid

    import scale_text
    from newsline.news.models import Person

    journalists, interviewees = {code: [] for code in LANGUAGES}, {code: [] for code in LANGUAGES}
    groups = [("journalist", JOURNALISTS_PER_LANGUAGE, True, journalists),
              ("guest", INTERVIEWEES_PER_LANGUAGE, False, interviewees)]  # fmt: skip
    for prefix, count, is_journalist, into in groups:
        for number in range(count):
            key = uuid.UUID(int=rng.getrandbits(128), version=4)
            for code in LANGUAGES:
                person = Person(
                    name=scale_text.name(rng, code),
                    slug=f"{prefix}-{number:03d}",
                    locale=locales[code],
                    translation_key=key,
                    is_journalist=is_journalist,
                )
                into[code].append(person)
    for people in (*journalists.values(), *interviewees.values()):
        Person.objects.bulk_create(people)
    return journalists, interviewees


def _topics(rng) -> list:
    import scale_text
    from newsline.news.models import Topic

    words = scale_text.vocabulary(rng, "en", TOPICS)
    return Topic.objects.bulk_create(
        [Topic(name=f"{word} {n}", slug=f"topic-{n}") for n, word in enumerate(words)]
    )


def _skeleton(locales, sections, journalists, interviewees, tags):
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.backends.database.postgres.weights import get_weight
    from modelsearch.conf import get_app_config

    from newsline.news import models
    from scale_load import Section, Skeleton

    kinds = {
        "news": models.NewsPage,
        "opinion": models.OpinionPage,
        "interview": models.InterviewPage,
        "video": models.VideoPage,
        "gallery": models.GalleryPage,
    }
    boosts = {f.field_name: f.boost for f in models.NewsPage.get_searchable_search_fields()}
    return Skeleton(
        locales={code: locale.pk for code, locale in locales.items()},
        sections={
            code: {key: Section(s.pk, s.path, s.url_path) for key, s in desks.items()}
            for code, desks in sections.items()
        },
        journalists={code: [p.pk for p in people] for code, people in journalists.items()},
        interviewees={code: [p.pk for p in people] for code, people in interviewees.items()},
        tags=[tag.pk for tag in tags],
        content_types={k: ContentType.objects.get_for_model(m).pk for k, m in kinds.items()},
        weights={
            name: get_weight(boosts[name]) for name in ("title", "lead", "search_language", "body")
        },
        search_table=get_app_config().get_model("IndexEntry")._meta.db_table,
        search_config=settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"],
    )


if __name__ == "__main__":
    main()

"""Starting an outlet: ``newsline init`` (decision 0013), and the demo's homes and
sections, built with the same pieces; the site record's address from BASE_URL."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from anyascii import anyascii
from django.conf import settings
from django.db import transaction
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from ..models import HomePage, SectionPage

# The site record Wagtail's first migration makes, before anyone said where the
# outlet lives.
PLACEHOLDER_SITE = ("localhost", 80)
HTTPS_PORT = 443
# Longer names make addresses nobody types; the demo's story slugs stop here too.
SLUG_LENGTH = 70


def site_address(base_url: str) -> tuple[str, int]:
    """Host and port of the outlet's address (``BASE_URL``), for Wagtail's site
    record, which the API and page ``full_url`` build absolute addresses on: they
    then agree with the feeds and sitemaps a reader at that address sees."""
    parts = urlsplit(base_url)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def align_default_site() -> None:
    """A fresh install's placeholder site record takes the outlet's address from
    ``BASE_URL``; a record someone set is left alone."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) == PLACEHOLDER_SITE:
        site.hostname, site.port = site_address(settings.WAGTAILADMIN_BASE_URL)
        site.save(update_fields=["hostname", "port"])


class OutletError(ValueError):
    """Why an outlet cannot be started here, in words for the person typing."""


@dataclass
class Outlet:
    """What an outlet is made of: its name, its languages (the first is the one
    everything is written in first) and its sections, named in that language."""

    name: str
    languages: list[str]
    sections: list[str]


@dataclass
class StartedOutlet:
    """The outlet ``start_outlet`` made, or found already there (``is_new`` false):
    its site record, home pages and sections, each by language, the first first."""

    is_new: bool
    site: Site
    homes: dict[str, HomePage]
    sections: list[dict[str, SectionPage]]

    @property
    def outlet(self) -> Outlet:
        source = next(iter(self.homes))
        return Outlet(
            name=self.site.site_name,
            languages=list(self.homes),
            sections=[section[source].title for section in self.sections if source in section],
        )


def transliterated_slug(text: str) -> str:
    """An address word for ``text`` in any script, in ASCII (``Siyasət`` →
    ``siyaset``, ``Общество`` → ``obshchestvo``), as the demo's addresses are; empty
    when nothing in ``text`` can be spelled in letters or digits."""
    return slugify(anyascii(text))[:SLUG_LENGTH].strip("-")


def publish_page(page: Page) -> Page:
    """Publish ``page`` as an editor does: a revision, published."""
    page.save_revision().publish()
    return page


def translate_page(*, source: Page, locale: Locale, **fields) -> Page:
    """A published translation of ``source`` into ``locale`` (it shares the source's
    ``translation_key``), under its parent's translation, with ``fields`` set."""
    copy = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish_page(copy)


def ensure_locales(*, languages: list[str]) -> dict[str, Locale]:
    """Wagtail's locale of each language, by language in the order given."""
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}


def add_home_pages(*, locales: dict[str, Locale], titles: dict[str, str]) -> dict[str, HomePage]:
    """A published home page per language at the top of the tree, in place of the
    "Welcome" page Wagtail's first migration leaves there: the first language's,
    then its translations. Each one's slug is its language code."""
    root = Page.get_first_root_node()
    for page in root.get_children().not_type(HomePage):
        page.delete()
    source_code, *others = locales
    home = root.add_child(
        instance=HomePage(title=titles[source_code], slug=source_code, locale=locales[source_code])
    )
    homes = {source_code: publish_page(home)}
    for code in others:
        homes[code] = translate_page(
            source=home, locale=locales[code], title=titles[code], slug=code
        )
    return homes


def point_default_site(*, root_page: HomePage, hostname: str, port: int, site_name: str) -> Site:
    """The default site record: the outlet's name and address, rooted at
    ``root_page`` (the first language's home; Wagtail finds its translations)."""
    site, _created = Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": hostname,
            "port": port,
            "root_page": root_page,
            "site_name": site_name,
        },
    )
    return site


def add_section(
    *, homes: dict[str, HomePage], titles: dict[str, tuple[str, str]]
) -> dict[str, SectionPage]:
    """A published section under each language's home page: the first language's,
    then its translations. ``titles`` gives each language's (title, slug)."""
    source_code, *others = homes
    title, slug = titles[source_code]
    source = homes[source_code].add_child(
        instance=SectionPage(
            title=title, slug=slug, locale=homes[source_code].locale, show_in_menus=True
        )
    )
    sections = {source_code: publish_page(source)}
    source.refresh_from_db()
    for code in others:
        title, slug = titles[code]
        sections[code] = translate_page(
            source=source, locale=homes[code].locale, title=title, slug=slug
        )
    return sections


def outlet_address(domain: str) -> tuple[str, int]:
    """Host and port of the site record for ``domain``: a host name readers use
    (``news.example.az``: HTTPS, port 443), or with a port for a trial
    (``127.0.0.1:8000``: plain HTTP, as Wagtail's site record reads it)."""
    if "://" in domain or "/" in domain:
        raise OutletError(
            f"the domain {domain!r} is not a host name: give only the host, "
            "such as news.example.az (no scheme, no path)"
        )
    hostname, port = split_domain_port(domain.strip())
    if not hostname or (port and not 0 < int(port) < 2**16):
        raise OutletError(f"the domain {domain!r} is not a host name, such as news.example.az")
    return hostname, int(port) if port else HTTPS_PORT


def outlet_here() -> StartedOutlet | None:
    """The outlet in this database, if any: its site record, its home pages (the
    site's own first) and the sections under the first, each with its translations."""
    homes = list(HomePage.objects.select_related("locale").order_by("path"))
    if not homes:
        return None
    site = Site.objects.filter(is_default_site=True).first() or Site(site_name="")
    homes.sort(key=lambda home: home.pk != site.root_page_id)
    by_language = {}
    for home in homes:
        by_language.setdefault(home.locale.language_code, home)
    sections = _sections_under(homes[0], languages=list(by_language))
    return StartedOutlet(is_new=False, site=site, homes=by_language, sections=sections)


def _sections_under(home: HomePage, *, languages: list[str]) -> list[dict[str, SectionPage]]:
    keys = SectionPage.objects.child_of(home).order_by("path").values_list("translation_key")
    found = {key: {} for (key,) in keys}
    pages = SectionPage.objects.filter(translation_key__in=found).select_related("locale")
    for page in pages:
        found[page.translation_key].setdefault(page.locale.language_code, page)
    return [{code: each[code] for code in languages if code in each} for each in found.values()]


@transaction.atomic
def start_outlet(
    *, name: str, languages: list[str], sections: list[str], domain: str | None = None
) -> StartedOutlet:
    """Start the outlet ``name`` in an empty database: the default site record (the
    name, and the address ``domain`` or else ``BASE_URL``'s), a published home page
    per language, translations of the first language's, and each section under each
    home, named and addressed as given in the first language until editors
    translate them. Idempotent: the same outlet already here is returned as it is
    (``is_new`` false). Raises ``OutletError``, having written nothing, for bad
    input and when anything else is here."""
    wanted = _checked_outlet(name=name, languages=languages, sections=sections)
    address = outlet_address(domain) if domain else None
    here = outlet_here()
    if here is not None:
        _refuse_another(here, wanted, address)
        return here
    _refuse_unless_empty()
    return _build_outlet(wanted, address or site_address(settings.WAGTAILADMIN_BASE_URL))


def _checked_outlet(*, name: str, languages: list[str], sections: list[str]) -> Outlet:
    name = name.strip()
    if not name:
        raise OutletError("the outlet's name is empty")
    limit = Site._meta.get_field("site_name").max_length
    if len(name) > limit:
        raise OutletError(f"the outlet's name is longer than {limit} characters")
    languages = _checked_languages([code.strip().lower() for code in languages])
    sections = [title.strip() for title in sections]
    _check_sections(sections, languages)
    return Outlet(name=name, languages=languages, sections=sections)


def _checked_languages(languages: list[str]) -> list[str]:
    offered = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    if not any(languages):
        raise OutletError(f"no language given; this installation offers {', '.join(offered)}")
    for code in languages:
        if code not in offered:
            raise OutletError(
                f"unknown language {code!r}: this installation publishes in "
                f"{', '.join(offered)} (LANGUAGES and WAGTAIL_CONTENT_LANGUAGES in "
                "newsline/settings/base.py)"
            )
        if languages.count(code) > 1:
            raise OutletError(f"the language {code!r} is given twice")
    return languages


def _check_sections(sections: list[str], languages: list[str]) -> None:
    if not any(sections):
        raise OutletError("no section given: stories are filed in sections")
    seen = {}
    limit = SectionPage._meta.get_field("title").max_length
    for title in sections:
        if not title:
            raise OutletError("a section name is empty (two commas in a row?)")
        if len(title) > limit:
            raise OutletError(f"the section name {title[:20]!r}… is longer than {limit} characters")
        slug = transliterated_slug(title)
        if not slug:
            raise OutletError(f"the section name {title!r} makes no address: use letters")
        if slug in seen:
            raise OutletError(
                f"the sections {seen[slug]!r} and {title!r} are the same "
                f"(both at /{languages[0]}/{slug}/)"
            )
        seen[slug] = title
        taken = _reader_address_at(slug, languages)
        if taken:
            raise OutletError(
                f"the section {title!r} would be at {taken}, which readers already "
                "have for something else: name it otherwise"
            )


def _reader_address_at(slug: str, languages: list[str]) -> str | None:
    """The first address of a section ``slug`` (or of a story in it) that another
    view answers in one of ``languages``: the archive, search, people, feeds…"""
    for code in languages:
        with translation.override(code):
            for path in (f"/{code}/{slug}/", f"/{code}/{slug}/story/"):
                try:
                    match = resolve(path)
                except Resolver404:
                    continue
                if match.url_name != "wagtail_serve":
                    return path
    return None


def _refuse_another(here: StartedOutlet, wanted: Outlet, address) -> None:
    found = here.outlet
    differences = []
    if found.name != wanted.name:
        differences.append(f"it is named {found.name!r}, not {wanted.name!r}")
    if found.languages[0] != wanted.languages[0] or set(found.languages) != set(wanted.languages):
        differences.append(f"its languages are {', '.join(found.languages)}")
    if sorted(found.sections) != sorted(wanted.sections):
        differences.append(f"its sections are {', '.join(found.sections) or 'none'}")
    if address and address != (here.site.hostname, here.site.port):
        differences.append(f"it is at {here.site.root_url}")
    if differences:
        raise OutletError(
            "this database already holds another outlet: "
            + "; ".join(differences)
            + ". Start a new outlet in an empty database (its own NEWSLINE_DATA_DIR or "
            "DATABASE_URL, then newsline migrate); change this one in the admin."
        )


def _refuse_unless_empty() -> None:
    placeholders = Page.get_first_root_node().get_children().exact_type(Page).filter(numchild=0)
    other = Page.objects.filter(depth__gt=1).exclude(pk__in=placeholders).first()
    if other is not None:
        raise OutletError(
            f"this database holds pages but no outlet ({other.title!r} at "
            f"{other.url_path}): start a new outlet in an empty database"
        )


def _build_outlet(wanted: Outlet, address: tuple[str, int]) -> StartedOutlet:
    locales = ensure_locales(languages=wanted.languages)
    homes = add_home_pages(locales=locales, titles=dict.fromkeys(wanted.languages, wanted.name))
    hostname, port = address
    site = point_default_site(
        root_page=homes[wanted.languages[0]], hostname=hostname, port=port, site_name=wanted.name
    )
    sections = [
        add_section(
            homes=homes,
            titles=dict.fromkeys(wanted.languages, (title, transliterated_slug(title))),
        )
        for title in wanted.sections
    ]
    return StartedOutlet(is_new=True, site=site, homes=homes, sections=sections)

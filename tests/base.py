"""The site skeleton every test starts from: three languages, homes, two sections."""

from wagtail.models import Locale, Page, Site

from newsline.news.models import HomePage, SectionPage

LANGUAGES = ("az", "en", "ru")
SECTIONS = {
    "politics": {"az": "Siyasət", "en": "Politics", "ru": "Политика"},
    "sport": {"az": "İdman", "en": "Sport", "ru": "Спорт"},
}


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site_skeleton():
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = _publish(
        root.add_child(instance=HomePage(title="Xəbər", slug="az", locale=locales["az"]))
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    homes = {"az": home}
    for code in ("en", "ru"):
        copy = home.copy_for_translation(locales[code])
        copy.title, copy.slug = f"News {code}", code
        copy.save()
        homes[code] = _publish(copy)
    for key, titles in SECTIONS.items():
        homes["az"].refresh_from_db()
        source = homes["az"].add_child(
            instance=SectionPage(title=titles["az"], slug=key, locale=locales["az"])
        )
        _publish(source)
        for code in ("en", "ru"):
            copy = source.copy_for_translation(locales[code])
            copy.title = titles[code]
            copy.save()
            _publish(copy)

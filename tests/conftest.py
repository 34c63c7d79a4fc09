import pytest
from django.core.cache import caches

from newsline.core.outlet import forget_sites
from newsline.i18n.locales import forget_locales

from .base import build_site_skeleton


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the site skeleton once; every test's transaction rolls back to it."""
    with django_db_blocker.unblock():
        build_site_skeleton()


@pytest.fixture(autouse=True)
def _db(db):
    """Every test here reads or writes pages."""


@pytest.fixture(autouse=True)
def _empty_caches():
    """Caches outlive a test's rolled-back transaction: a rendition cached for an
    image id would otherwise be served for the next test's image with that id."""
    yield
    for cache in caches.all():
        cache.clear()
    # So do the rows kept per process (sites, locales): a rollback sends no signal.
    forget_sites()
    forget_locales()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production (the rest of the suite runs without it)."""
    settings.NEWSLINE_PAGE_CACHE = True
    return settings


@pytest.fixture
def cache_down(monkeypatch):
    """Call it to make the shared cache's reads fail from then on, as a busy or
    broken backend does: what was filed there cannot be read."""

    def down():
        def unreadable(*args, **kwargs):
            raise ConnectionError("cache down")

        monkeypatch.setattr(caches["default"], "get_many", unreadable)

    return down

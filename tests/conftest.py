import pytest

from .base import build_site_skeleton


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the site skeleton once; every test's transaction rolls back to it."""
    with django_db_blocker.unblock():
        build_site_skeleton()


@pytest.fixture(autouse=True)
def _db(db):
    """Every test here reads or writes pages."""


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")

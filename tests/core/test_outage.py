"""The database going away: cached pages keep answering, the rest get a branded
503 that tells readers and editors to come back, never a stack trace."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from ..factories import make_story


@pytest.fixture
def database_down():
    """Call to make every new query fail as if the server were gone; restored
    before the test database is rolled back."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    patcher = mock.patch.object(BaseDatabaseWrapper, "cursor", refuse)
    yield patcher.start
    patcher.stop()


@pytest.fixture
def quiet_client(client):
    client.raise_request_exception = False
    return client


def test_pages_needing_the_database_answer_a_branded_503(quiet_client, database_down):
    urls = [make_story().url, "/en/", "/en/search/?q=x", "/admin/login/"]
    database_down()
    for url in urls:
        response = quiet_client.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "30"
        assert "no-store" in response["Cache-Control"]
        body = response.content.decode()
        assert "Back in a moment" in body and "Traceback" not in body


def test_editor_save_during_an_outage_says_it_did_not_go_through(quiet_client, database_down):
    database_down()
    response = quiet_client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 503
    assert "did not go through" in response.content.decode()


def test_cached_pages_keep_answering_while_the_database_is_down(
    quiet_client, database_down, settings
):
    settings.NEWSLINE_PAGE_CACHE = True
    urls = [make_story().url, "/en/", "/en/feeds/rss/"]
    for url in urls:
        quiet_client.get(url)
    database_down()
    for url in [*urls, "/en/?utm_source=mail"]:
        response = quiet_client.get(url)
        assert response.status_code == 200, url
        assert response["X-Cache"] == "HIT"


def test_other_server_errors_stay_500(quiet_client, monkeypatch):
    from newsline.news import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "person_by_slug", broken)
    response = quiet_client.get("/en/people/anyone/")
    assert response.status_code == 500


def _failing_with(monkeypatch, error):
    from newsline.news import views

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(views, "person_by_slug", broken)


def test_a_bad_query_is_a_500_not_reported_as_an_outage(quiet_client, monkeypatch):
    # SQLite reports a missing column as an OperationalError, like a lost server.
    _failing_with(monkeypatch, OperationalError("no such column: name"))
    assert quiet_client.get("/en/people/anyone/").status_code == 500


class _DriverError(Exception):
    def __init__(self, message, sqlstate):
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("message", "sqlstate", "status"),
    [
        ("terminating connection due to administrator command", "57P01", 503),
        ("sorry, too many clients already", "53300", 503),
        ('column "name" does not exist', "42703", 500),
        ("connection failed: Connection refused", None, 503),
        ("database is locked", None, 503),
    ],
)
def test_only_connection_failures_are_outages(quiet_client, monkeypatch, message, sqlstate, status):
    error = OperationalError(message)
    error.__cause__ = _DriverError(message, sqlstate)
    _failing_with(monkeypatch, error)
    assert quiet_client.get("/en/people/anyone/").status_code == status

"""Pages cached without the News line and the breaking banner, which are put in on
the way out: by Newsline, or by a proxy's SSI where the operator allows it, with the
same bytes (core/fragments.py, publishing/assembly.py)."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.rich_text import RichText

from newsline.core import fragments, surrogate
from newsline.news.services import end_breaking
from newsline.publishing import assembly, middleware, store

from ..factories import make_story, section
from .conftest import hit
from .test_fastpath import call

pytestmark = pytest.mark.usefixtures("page_cache")
SSI = {"HTTP_X_NEWSLINE_FRAGMENTS": "ssi"}


def _news_line(body: str) -> str:
    return re.search(r'<ol class="news-line__list">(.*?)</ol>', body, re.S).group(1)


def _banner(body: str) -> str:
    return re.search(r'<div class="breaking-slot"[^>]*>(.*?)</div>', body, re.S).group(1)


def test_a_page_shows_its_fragments_and_no_slot(client):
    story = make_story(title="Harbour reopens", is_breaking=True)
    body = client.get("/en/sport/").content.decode()
    assert "Harbour reopens" in _news_line(body)
    assert "Harbour reopens" in _banner(body)
    assert "newsline-slot" not in body and "<!--#" not in body
    assert story.url in _banner(body)


def test_the_fragments_are_the_bytes_of_their_own_addresses(client):
    make_story(title="Harbour reopens", is_breaking=True)
    body = client.get("/en/sport/").content
    assert client.get("/en/newsline/").content in body
    assert client.get("/en/breaking/").content in body


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_a_fragment_a_page_fetches_is_stored_as_its_own_address_answers(language):
    """The app fetches a page's fragments through fewer middleware than a reader's
    request passes (``middleware.NOT_FOR_FRAGMENTS``); what it stores for each is
    what the whole chain stores, headers and bytes, for nginx and open pages read
    it at the fragment's own address."""
    make_story(parent=section(language), title="Harbour reopens", is_breaking=True)
    reader = RequestFactory().get(f"/{language}/", HTTP_HOST="localhost").environ
    with translation.override(language):
        paths = [reverse("news_line_fragment"), reverse("breaking_banner")]
    for path in paths:
        environ = assembly.fragment_environ(reader, path)
        stored = []
        for handler in (middleware.FragmentHandler(), WSGIHandler()):
            store.purge({surrogate.news_line(language), surrogate.breaking(language)})
            assert handler.get_response(WSGIRequest(dict(environ))).status_code == 200
            entry = store.fetch(store.entry_key(environ))
            stored.append((entry.status, sorted(entry.headers), entry.content))
        assert stored[0] == stored[1], path
        assert b"Harbour reopens" in stored[0][2]
    assert "django.contrib.auth.middleware.AuthenticationMiddleware" not in (
        middleware.fragment_middleware()
    )
    # Each one left out names a middleware the site runs (a renamed one would run again).
    assert set(settings.MIDDLEWARE) >= middleware.NOT_FOR_FRAGMENTS


def test_a_proxy_that_assembles_gets_ssi_includes_where_the_fragments_go(client, settings):
    settings.NEWSLINE_SSI_FRAGMENTS = True
    make_story(title="Harbour reopens", is_breaking=True)
    for _ in range(2):  # rendered, then from the cache
        body = client.get("/en/sport/", **SSI).content.decode()
        assert '<!--# include virtual="/en/newsline/" -->' in body
        assert '<!--# include virtual="/en/breaking/" -->' in body
        assert "Harbour reopens" not in body and "newsline-slot" not in body


def test_a_reader_who_asks_for_ssi_includes_gets_the_whole_page(client):
    """Unless the operator allows the SSI form, the header is nobody's to set: a cache
    in front would keep the page without its fragments for every reader."""
    make_story(title="Harbour reopens", is_breaking=True)
    for _ in range(2):  # rendered, then from the cache
        body = client.get("/en/sport/", **SSI).content.decode()
        assert "<!--#" not in body and "newsline-slot" not in body
        assert "Harbour reopens" in _banner(body) and "Harbour reopens" in _news_line(body)


def test_a_directive_written_by_anyone_else_is_defused(client, settings):
    """Rich text that reached the database unsanitised cannot make a proxy's SSI
    fetch an address of its choosing, nor forge a slot."""
    settings.NEWSLINE_SSI_FRAGMENTS = True
    slot = "<!--newsline-slot 000000000000000000000000 /admin/-->"
    hostile = RichText(f'<p>Words</p><!--# include virtual="/admin/users/" -->{slot}')
    story = make_story(body=[("paragraph", hostile)])
    body = client.get(story.url, **SSI).content.decode()
    assert body.count("<!--#") == 2  # ours: the News line and the banner
    assert "/admin/users/" in body and slot in body  # left as inert comments
    plain = client.get(story.url).content.decode()
    assert "<!--#" not in plain


def test_a_slot_takes_only_plain_paths():
    with pytest.raises(ValueError):
        fragments.slot('/en/newsline/" --><script>')


def test_a_withdrawal_leaves_every_other_page_cached_with_a_new_news_line(client):
    story = make_story(title="Pulled by the desk")
    make_story(parent=section("en", "sport"), title="Stays up")
    client.get("/en/sport/")
    assert hit(client, "/en/sport/")
    story.unpublish()
    response = client.get("/en/sport/")
    assert response["X-Cache"] == "HIT"
    body = response.content.decode()
    assert "Pulled by the desk" not in body and "Stays up" in body


def test_a_revalidation_after_a_fragment_changed_gets_the_new_page(client):
    make_story(title="First one")
    first = client.get("/en/sport/")
    assert client.get("/en/sport/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    make_story(title="Second one")
    again = client.get("/en/sport/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and "Second one" in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_the_fast_path_puts_in_the_same_bytes(monkeypatch):
    make_story(title="Harbour reopens", is_breaking=True)
    call("/en/sport/")
    through_django = call("/en/sport/")  # a hit with fragments cached on the way
    monkeypatch.setattr(call.__globals__["application"], "application", None)
    status, headers, body = call("/en/sport/")
    assert headers["X-Cache"] == "HIT"
    assert body == through_django[2]
    assert headers["Content-Length"] == str(len(body))
    assert "Harbour reopens" in _banner(body.decode())


def test_the_fast_path_leaves_a_page_whose_fragment_is_not_cached_to_django():
    make_story()
    call("/en/sport/")
    make_story(title="Newer one")  # the News line's entry is purged
    status, headers, body = call("/en/sport/")
    assert headers["X-Cache"] == "HIT" and b"Newer one" in body


# Breaking mode
def test_the_banner_is_on_every_page_of_its_language_only(client):
    story = make_story(title="Ferry sinks", is_breaking=True)
    for url in ["/en/", "/en/sport/", story.url, "/en/archive/", "/en/search/?q=ferry"]:
        assert "Ferry sinks" in _banner(client.get(url).content.decode()), url
    assert "Ferry sinks" not in client.get("/az/").content.decode()


def test_a_cached_page_shows_the_banner_at_once_and_loses_it_when_cleared(client):
    story = make_story(title="Ferry sinks")
    client.get("/en/sport/")
    story.is_breaking = True
    story.save_revision().publish()
    response = client.get("/en/sport/")
    assert response["X-Cache"] == "HIT" and "Ferry sinks" in _banner(response.content.decode())
    end_breaking(story)
    response = client.get("/en/sport/")
    assert response["X-Cache"] == "HIT" and "Ferry sinks" not in _banner(response.content.decode())


def test_the_banner_lasts_two_hours_unless_the_editor_sets_its_end(client):
    story = make_story(title="Ferry sinks", is_breaking=True)
    assert (
        timedelta(hours=1, minutes=59) < story.breaking_until - timezone.now() <= timedelta(hours=2)
    )
    story.breaking_until = timezone.now() - timedelta(seconds=1)
    story.save_revision().publish()
    assert "Ferry sinks" not in _banner(client.get("/en/").content.decode())
    assert "label--breaking" not in client.get(story.url).content.decode()


def test_the_banner_is_kept_no_longer_than_its_story_runs(client):
    make_story(title="Ferry sinks", is_breaking=True)
    assert "s-maxage=2" in client.get("/en/breaking/")["Cache-Control"]
    soon = make_story(title="Short one", is_breaking=True)
    soon.breaking_until = timezone.now() + timedelta(seconds=1)
    soon.save_revision().publish()
    response = client.get("/en/breaking/")
    assert "Short one" in response.content.decode()
    assert "s-maxage=1," in response["Cache-Control"]


def test_several_breaking_stories_newest_first_and_marked_in_the_news_line(client):
    make_story(title="Older alarm", is_breaking=True)
    make_story(title="Newer alarm", is_breaking=True)
    body = client.get("/en/").content.decode()
    banner = _banner(body)
    assert banner.index("Newer alarm") < banner.index("Older alarm")
    assert "news-line__item--breaking" in _news_line(body)


def test_breaking_drafts_and_unpublished_stories_show_no_banner(client):
    draft = make_story(title="Draft alarm", is_breaking=True, publish=False)
    live = make_story(title="Quiet story")
    live.is_breaking = True
    live.title = "Quiet story"
    live.save_revision()  # a draft revision: not published
    gone = make_story(title="Withdrawn alarm", is_breaking=True)
    gone.unpublish()
    banner = client.get("/en/breaking/").content.decode()
    for title in (draft.title, "Quiet story", gone.title):
        assert title not in banner


def test_a_story_with_unpublished_changes_is_not_ended_from_the_desk():
    from newsline.news.services import BreakingError

    story = make_story(title="Ferry sinks", is_breaking=True)
    story.lead = "Work in progress"
    story.save_revision()
    with pytest.raises(BreakingError, match="unpublished changes"):
        end_breaking(story)

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from ..factories import make_story, section


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "lxml")


def test_archive_groups_stories_by_day_in_the_outlet_zone(client):
    # 21:30 UTC on the 3rd is 01:30 on the 4th in Baku.
    late = make_story(published_at=datetime(2024, 4, 3, 21, 30, tzinfo=UTC))
    early = make_story(published_at=datetime(2024, 4, 3, 19, 30, tzinfo=UTC))
    html = page(client, "/en/archive/")
    days = {
        day.h2.get_text(strip=True): [a["href"] for a in day.select(".headlines a")]
        for day in html.select(".archive-day")
    }
    assert late.url in days["04.04.2024"]
    assert early.url in days["03.04.2024"]


def test_archive_day_has_a_permanent_url_and_links_to_neighbour_days(client):
    first = make_story(published_at=datetime(2024, 4, 20, 8, tzinfo=UTC))
    middle = make_story(published_at=datetime(2024, 4, 25, 8, tzinfo=UTC))
    last = make_story(published_at=datetime(2024, 4, 28, 8, tzinfo=UTC))
    html = page(client, "/en/archive/2024/04/25/")
    assert [a["href"] for a in html.select(".headlines a")] == [middle.url]
    # As on every list and story page, "next" goes on into the past and "prev"
    # comes back towards the newest.
    assert html.select_one("a[rel=next]")["href"] == "/en/archive/2024/04/20/"
    assert html.select_one("a[rel=prev]")["href"] == "/en/archive/2024/04/28/"
    assert first.url in str(page(client, "/en/archive/2024/04/20/"))
    assert last.url in str(page(client, "/en/archive/2024/04/28/"))


def test_archive_keyset_pagination_walks_every_story_once_at_any_depth(client, settings):
    settings.NEWSLINE_ARCHIVE_PAGE_SIZE = 3
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    # Two stories share one instant: the cursor must still keep them apart.
    stories = [make_story(published_at=start + timedelta(hours=n // 2 * 5)) for n in range(14)]
    seen, url, pages = [], "/en/archive/", 0
    while url:
        html = page(client, url)
        seen += [a["href"] for a in html.select(".headlines a")]
        nxt = html.select_one(".pager a[rel=next]")
        url = "/en/archive/" + nxt["href"] if nxt else None
        pages += 1
    ours = [s.url for s in stories]
    assert [u for u in seen if u in ours] == sorted(ours, key=ours.index, reverse=True)
    assert len(seen) == len(set(seen))
    assert pages >= 5


def test_archive_day_paginates_within_the_day(client, settings):
    settings.NEWSLINE_ARCHIVE_PAGE_SIZE = 2
    base = datetime(2024, 2, 10, 6, tzinfo=UTC)
    stories = [make_story(published_at=base + timedelta(minutes=n)) for n in range(5)]
    seen, url = [], "/en/archive/2024/02/10/"
    while url:
        html = page(client, url)
        seen += [a["href"] for a in html.select(".headlines a")]
        more = html.select_one(".pager a[href^='?after=']")
        url = "/en/archive/2024/02/10/" + more["href"] if more else None
    assert seen == [s.url for s in reversed(stories)]


@pytest.mark.parametrize(
    "url",
    [
        "/en/archive/2024/02/30/",
        "/en/archive/2024/13/01/",
        "/en/archive/0/01/01/",
        "/en/archive/99999/01/01/",
        "/en/archive/2999/01/01/",
        "/en/archive/1990/01/01/",
        "/en/archive/?after=not-a-cursor",
        "/en/archive/?after=MTIzOmFiYw",
        "/en/archive/?after=OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OjE",
        "/en/archive/?after=MDox",
        "/en/politics/?after=%00%ff",
        "/en/topics/no-such-topic/",
        "/en/people/nobody/",
        "/xx/archive/",
        "/en/no/such/page/",
    ],
)
def test_bad_archive_dates_cursors_and_addresses_give_404(client, url):
    make_story(published_at=datetime(2024, 2, 10, 6, tzinfo=UTC))
    assert client.get(url, follow=True).status_code == 404


def test_section_exists_in_each_language(client):
    for code in ("az", "en", "ru"):
        assert client.get(section(code).url).status_code == 200

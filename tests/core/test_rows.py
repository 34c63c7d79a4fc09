"""Page rows from the database are built without modelcluster's walk of every
field (``core/rows.py``), and are the same pages as the whole chain builds."""

import modelcluster.models
from django.contrib.contenttypes.models import ContentType

from newsline.news.models import ArticlePage, NewsPage

from ..factories import PersonFactory, make_story


def _fields(page) -> dict:
    return {field.attname: getattr(page, field.attname) for field in page._meta.concrete_fields}


def test_a_page_read_from_the_database_is_the_page_the_whole_chain_builds(monkeypatch):
    story = make_story(title="Rows", authors=[PersonFactory(name="Aysel")], topics=["ports"])
    walks = []
    walk = modelcluster.models.get_all_child_relations
    monkeypatch.setattr(
        modelcluster.models, "get_all_child_relations", lambda m: walks.append(m) or walk(m)
    )
    plainly = NewsPage.objects.get(pk=story.pk)
    assert walks == []  # no walk of the fields for a row
    whole = NewsPage(**_fields(plainly))  # by keyword: the whole chain
    assert walks and _fields(whole) == _fields(plainly)
    assert [byline.person.name for byline in plainly.authors.all()] == ["Aysel"]
    assert [topic.slug for topic in plainly.topics.all()] == ["ports"]
    assert not plainly._state.adding and plainly._state.db == "default"


def test_a_listed_row_with_deferred_fields_reads_them_when_asked():
    story = make_story(title="Deferred")
    listed = ArticlePage.objects.for_listing().get(pk=story.pk)
    assert listed.title == "Deferred" and listed.slug == story.slug  # the slug is deferred
    assert listed.main_image is None


def test_a_new_page_still_gets_its_content_type_and_child_relations():
    by_keyword = NewsPage(title="New", slug="new")
    assert by_keyword.content_type == ContentType.objects.get_for_model(NewsPage)
    by_position = NewsPage(None)  # no id: not a row from the database
    assert by_position.content_type == ContentType.objects.get_for_model(NewsPage)
    with_bylines = NewsPage(title="Signed", slug="signed", authors=[])
    assert list(with_bylines.authors.all()) == []

"""A story kind is defined once, on its model, and every surface asks the registry."""

from newsline.news.kinds import StoryKind
from newsline.news.models import ArticlePage, SectionPage, story_model, story_models

from ..factories import ALL_KINDS, make_story


def test_every_concrete_story_model_is_a_registered_kind():
    concrete = {model for model in _subclasses(ArticlePage) if not model._meta.abstract}
    assert concrete == set(story_models())


def _subclasses(model):
    for sub in model.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_each_kind_has_its_own_code_and_every_machine_name():
    codes = [model.kind for model in story_models()]
    assert len(set(codes)) == len(codes)
    for model in story_models():
        assert isinstance(model.story_kind, StoryKind)
        assert model.story_kind.genre and model.story_kind.schema_type
        assert story_model(model.kind) is model


def test_sections_accept_every_kind_and_the_factories_make_every_kind():
    assert set(SectionPage.allowed_subpage_models()) == set(story_models())
    assert list(story_models()) == ALL_KINDS


def test_a_base_row_answers_for_its_specific_kind():
    interview = make_story(story_models()[1])
    row = ArticlePage.objects.get(pk=interview.pk)
    assert type(row) is ArticlePage
    assert row.kind == interview.kind == "interview"
    assert str(row.label) == str(interview.label)


def test_a_moved_story_names_its_new_section_on_every_surface(client):
    """A story's section has one answer (the column, kept from the tree): the page,
    its JSON-LD, the API, ninjs and the section lists all agree after a move."""
    from ..factories import section

    story = make_story(title="Moving story")
    story.move(section("en", "sport"), pos="last-child")
    story.refresh_from_db()
    page = client.get(story.url).content.decode()
    assert '"articleSection": "Sport"' in page
    assert ">Sport</a>" in page  # the section link above the headline
    api = client.get(f"/api/v2/stories/{story.pk}/").json()
    assert api["section"]["slug"] == "sport"
    assert "Moving story" in _main(client, "/en/sport/")
    assert "Moving story" not in _main(client, "/en/politics/")  # the News line aside


def _main(client, url):
    from bs4 import BeautifulSoup

    return BeautifulSoup(client.get(url).content, "html.parser").select_one("main").get_text()

"""An editor is offered the topics a story mentions in the editor's side panel,
accepts one (it joins the story's topics and is saved with it) and rejects
another."""

import uuid

from playwright.sync_api import expect

from .test_editor import _choose_action, _fill_headline, _section_id


def test_editor_accepts_a_suggested_topic_and_rejects_another(signed_in_editor, outlet):
    editor = signed_in_editor
    title = f"Ministers meet in Baku {uuid.uuid4().hex[:6]}"
    editor.goto(f"/admin/pages/add/news/newspage/{_section_id(outlet, 'politics')}/")
    _fill_headline(editor, title, lead="Azerbaijan's and Georgia's ministers talked about rail.")

    editor.get_by_role("button", name="Toggle suggested topics").click()
    panel = editor.locator("[data-topic-suggestions]")
    panel.get_by_role("button", name="Look again").click()
    suggestions = panel.locator("[data-topic-list]")
    expect(suggestions).to_contain_text("Baku")
    expect(suggestions).to_contain_text("Azerbaijan")
    expect(suggestions).to_contain_text("Georgia")

    suggestions.locator("li[data-name=Baku]").get_by_role("button", name="Accept").click()
    expect(panel.locator("[data-topic-status]")).to_contain_text("Added to the topics: Baku")
    suggestions.locator("li[data-name=Georgia]").get_by_role("button", name="Reject").click()
    expect(suggestions).not_to_contain_text("Georgia")
    expect(suggestions).not_to_contain_text("Baku")
    expect(editor.locator("#id_topics")).to_have_value("Baku")

    _choose_action(editor, "Save draft", primary=True)
    expect(editor.locator(".messages")).to_contain_text("created")
    editor.reload()
    expect(editor.locator("#id_topics")).to_have_value("Baku")

"""What a chief editor sees on the admin's home page in a real browser: the
newsroom's panels, the chart drawn, no script error, and no accessibility
violation inside the panels (the rest of the page is Wagtail's)."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .test_quality import WCAG_21_AA, _describe

PANELS = (
    "#newsline-published-section",
    "#newsline-schedule-section",
    "#newsline-translation-gaps-section",
    "#newsline-purge-failures-section",
    "#newsline-corrections-section",
)


def test_dashboard_draws_the_chart_with_no_errors_or_violations(signed_in_editor, tmp_path):
    editor, errors = signed_in_editor, []
    editor.on("console", lambda message: message.type == "error" and errors.append(message.text))
    editor.on("pageerror", lambda error: errors.append(str(error)))

    editor.goto("/admin/")

    chart = editor.locator("svg#newsline-published-days")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    # The demo outlet published stories today: bars, not an empty frame.
    assert chart.locator("rect").count() > 3
    assert chart.bounding_box()["height"] > 100
    for panel in PANELS:
        expect(editor.locator(panel)).to_be_visible()
    # Tall enough for every panel: the admin scrolls inside its own frame.
    editor.set_viewport_size({"width": 1280, "height": 3200})
    editor.screenshot(path=tmp_path / "dashboard.png")
    context = {"include": [[panel] for panel in PANELS]}
    violations = Axe().run(editor, context=context, options=WCAG_21_AA).response["violations"]
    assert [_describe(v) for v in violations] == []
    assert errors == [], "\n".join(errors)

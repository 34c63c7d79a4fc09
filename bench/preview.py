"""A preview in the admin against an uncached render of the same story.

    .venv/bin/python bench/preview.py [--runs 30] [--story-count 3]

Both run in this one process on a private copy of the demo outlet (production
settings, the page cache off), interleaved, so the machine's load touches both
alike. For each of a few English stories with pictures, quotes and several
paragraphs:
- uncached: ``GET`` of the story's address, as a reader after a purge;
- preview: what the editor's preview panel costs on each change: the edit form's
  data ``POST``-ed to Wagtail's preview address (checked, kept in the session),
  then the ``GET`` that renders the page from it. The form data is the editor's
  own: the edit view's inputs, and the body as the editor's blocks submit it.
CPU time (``time.process_time``) per request, median over the runs. Target: a
preview ≤ 1.5 × an uncached render (issue 16). Figures to stdout and
var/bench/preview.json.
"""

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import app  # noqa: E402 - bench/ is not a package

RESULTS = app.ROOT / "var" / "bench" / "preview.json"
TARGET = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--story-count", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsline-preview-") as run:
        data = app.prepare_data(Path(run), fresh=False)
        os.environ.update(app.environment(data, page_cache=False))
        os.environ["NEWSLINE_REQUIRE_2FA"] = "0"
        rows = measure(args.runs, args.story_count)
    report(rows)


def measure(runs: int, story_count: int) -> list[dict]:
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from newsline.news.models import NewsPage

    admin = _admin()
    editor, reader = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    editor.force_login(admin)
    stories = NewsPage.objects.live().filter(locale__language_code="en")
    stories = stories.exclude(main_image=None).order_by("-published_at")[:story_count]
    rows = []
    for story in stories:
        address = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])
        form = edit_form_data(editor, story)
        checked = editor.post(address, form)
        if not json.loads(checked.content).get("is_valid"):
            sys.exit(f"The preview form of {story.url} is not valid: {checked.content[:500]!r}")
        timings = {"uncached": [], "preview": [], "preview render": []}
        for _ in range(runs):
            timings["uncached"].append(app.cpu_seconds(app.ok, reader, story.url))
            started = time.process_time()
            editor.post(address, form)
            timings["preview render"].append(app.cpu_seconds(app.ok, editor, address))
            timings["preview"].append(time.process_time() - started)
        medians = {name: statistics.median(values) for name, values in timings.items()}
        rows.append({"story": story.url, **{k: round(v * 1000, 2) for k, v in medians.items()}})
    return rows


def _admin():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).first()


def edit_form_data(client, story) -> dict:
    """What the editor's browser submits: the edit view's inputs, and the body as
    its block widgets send it (they are drawn by script, so not in the HTML)."""
    from django.urls import reverse
    from wagtail.test.utils.form_data import querydict_from_html

    page = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    if page.status_code != 200:
        sys.exit(f"The editor of {story.url} answered {page.status_code}")
    html = page.content.decode()
    form_id = re.search(r'<form[^>]*id="([^"]+)"[^>]*data-edit-form', html)
    data = querydict_from_html(html, form_id=form_id and form_id.group(1)).dict()
    body = {}
    _flatten(type(story).body.field.stream_block, story.body, "body", body)
    return {**data, **body}


def _flatten(block, value, prefix: str, data: dict) -> None:
    from wagtail import blocks

    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = len(value)
        for number, child in enumerate(value):
            item = f"{prefix}-{number}"
            data.update({f"{item}-type": child.block_type, f"{item}-deleted": ""})
            data.update({f"{item}-order": number, f"{item}-id": child.id or ""})
            _flatten(child.block, child.value, f"{item}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _flatten(child_block, value.get(name), f"{prefix}-{name}", data)
    else:
        widget = block.field.widget
        shown = widget.format_value(block.value_for_form(value))
        data[prefix] = "" if shown is None else shown


def report(rows: list[dict]) -> None:
    print(f"{'story':<70}{'uncached':>10}{'preview':>10}{'render':>10}{'ratio':>8}")
    for row in rows:
        ratio = row["preview"] / row["uncached"]
        row["ratio"] = round(ratio, 2)
        print(
            f"{row['story'][:69]:<70}{row['uncached']:>9.1f} {row['preview']:>9.1f} "
            f"{row['preview render']:>9.1f} {ratio:>7.2f}×"
        )
    worst = max(row["ratio"] for row in rows)
    met = "met" if worst <= TARGET else "NOT met"
    print(f"preview ≤ {TARGET}× an uncached render (CPU ms, median): worst {worst:.2f}× — {met}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"rows": rows, "target": TARGET, "worst": worst}, indent=2))


if __name__ == "__main__":
    main()

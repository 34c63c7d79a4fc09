"""Stored cross-site scripting: every payload of tests/security/xss_payloads.py,
typed into every field an editor can write, must stay text wherever it is shown,
to a reader and to an administrator.

The payloads go in through the admin's own forms (Django's test client inside the
outlet, signed in as the administrator): a section of their own, stories of every
kind published in it, the people who sign and give them, pictures, documents,
topics, comments. Two agencies' wires come in through the ingest pipeline too (an
RSS feed and a ninjs document, published into that section): their headlines,
leads, texts, bylines, categories and pictures' texts become stories, people,
topics and images; their refused items and a near-duplicate go to the wire desk.
Chromium then opens every reader page that shows those fields (stories, home,
section, News line, archive, people, topics, search, feeds, sitemap, API), the
admin pages that do (dashboard, explorer, edit views with their comments and live
preview, search, history, images, documents, people, the wire desk and its runs),
and, as a feed reader or a partner's site would, every field our feeds and API
declare HTML.

A payload that runs reports its number: ``__xss(n)`` reaches a function exposed
to every frame, ``alert(n)``, ``confirm(n)`` and ``prompt(n)`` open dialogs the
tabs listen for. Markup that would only run on a click or a hover (an event
handler attribute, a ``javascript:`` address) is found by scanning each frame's
DOM. Pages are opened with their Content-Security-Policy bypassed: the policy is
the second line of defence (and the admin's allows inline script anyway); this
test holds the first, escaping, on its own. A control proves the same detectors
see the payloads wherever script may run, and every field's marker is looked
for on every page that should show it, so the test cannot pass vacuously.
Everything it creates is deleted afterwards; the other browser tests share the
outlet.
"""

import html
import io
import itertools
import json
import re
import shutil
import urllib.request
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote_plus, unquote

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.security.xss_payloads import CALLS, PAYLOADS, Payload

from .conftest import DESKTOP

FIRST_NUMBER = 700_000  # six digits: a payload's number never looks like anything else
CONTROL_NUMBER = 900_000
NUMBER = re.compile(r"\b[79]\d{5}\b")
SETTLE_MS = 150  # time for load, focus, toggle and animation handlers to fire
TABS = 3  # pages loading at once: the outlet has two workers, the browser its own
VIDEO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ&x="  # payloads follow, as a parameter
MARKUP = [p for p in PAYLOADS if not p.is_address]
FEEDS = ("rss", "atom", "json")
ADDRESSES = [p for p in PAYLOADS if p.is_address]


def test_control_the_detectors_see_payloads_where_script_may_run(browser, outlet):
    watch = Watch()
    context, page = _tab(browser, outlet, watch)
    # Each payload as live markup, a few to a frame (a frame each costs seconds more).
    groups = [PAYLOADS[n : n + 8] for n in range(0, len(PAYLOADS), 8)]
    frames = "".join(
        '<iframe srcdoc="{}"></iframe>'.format(
            html.escape("".join(f"<p>{p.render(CONTROL_NUMBER + p.number)}</p>" for p in group))
        )
        for group in groups
    )
    page.set_content(f"<!doctype html><title>control</title>{frames}")
    page.wait_for_timeout(SETTLE_MS * 2)
    watch.scan(page, "control")
    ran = {number - CONTROL_NUMBER for number, _ in watch.runs if number}
    calls = {PAYLOADS[number - 1].call for number in ran}
    flagged = {_number(found) - CONTROL_NUMBER for _, found in watch.markup if _number(found)}
    # Every way of reporting works, links that run only when clicked are seen, and
    # most payloads are live HTML.
    assert calls == set(CALLS), set(CALLS) - calls
    links = {p.number for p in PAYLOADS if p.vector.startswith('<a href="javascript:')}
    assert links and links <= flagged, links - flagged
    assert len(ran) >= len(PAYLOADS) // 3, len(ran)
    assert len(ran | flagged) >= len(PAYLOADS) // 2, len(ran | flagged)

    # On the outlet's own pages, with their CSP bypassed, injected script runs.
    watch.runs.clear()
    page.goto("/en/")
    page.evaluate(
        "n => { const s = document.createElement('script'); s.textContent = `__xss(${n})`;"
        " document.body.append(s); document.body.insertAdjacentHTML('beforeend',"
        " `<img src=x onerror=alert(${n + 1})>`); }",
        CONTROL_NUMBER,
    )
    for _ in range(30):  # the picture's error waits on the server's 404
        if len(watch.runs) == 2:
            break
        page.wait_for_timeout(100)
    assert sorted(number for number, _ in watch.runs) == [CONTROL_NUMBER, CONTROL_NUMBER + 1]
    context.close()


def test_no_payload_runs_or_turns_into_markup_for_a_reader(browser, outlet, corpus):
    planter, spec, made = corpus
    watch = Watch()
    context, _ = _tab(browser, outlet, watch)
    _run(context, watch, _reader_pages(planter, spec, made) + _reflected(made))
    context.close()
    assert not (watch.runs or watch.markup or watch.missing), watch.report(planter)


def test_no_payload_runs_or_turns_into_markup_for_an_administrator(browser, outlet, corpus):
    planter, spec, made = corpus
    watch = Watch()
    context, page = _tab(browser, outlet, watch)
    outlet.sign_in(page)
    _run(context, watch, _admin_pages(planter, spec, made))
    for story in made["stories"][:2]:
        _edit_view_panels(page, watch, planter, story)
    context.close()
    assert not (watch.runs or watch.markup or watch.missing), watch.report(planter)


def test_no_payload_runs_where_feed_readers_and_partners_render_our_html(browser, outlet, corpus):
    planter, spec, made = corpus
    watch = Watch()
    context, page = _tab(browser, outlet, watch)
    page.goto("/robots.txt")  # any page of the outlet's origin, to fetch from
    fragments = page.evaluate(READ_AS_HTML, _syndicated(made))
    leads = _labels(planter, *(f"{story['key']} lead" for story in spec["stories"]))
    bodies = _labels(planter, "news1 body", "wire1 body", "wire4 body")
    _look(page, watch, "syndicated HTML", [*leads, *bodies])
    context.close()
    assert fragments >= 3 * len(made["stories"]), fragments
    assert not (watch.runs or watch.markup or watch.missing), watch.report(planter)


def test_addresses_refuse_payloads_and_file_names_lose_their_markup(corpus):
    planter, spec, made = corpus
    # Refused with a message, or kept only in a form that cannot carry markup.
    safe = {"story slug": r"[-\w]+", "person slug": r"[-\w]+", "video address": r"https?://\S+"}
    for field_name, attempts in made["refused"].items():
        for typed, stored, errors in attempts:
            refused = stored is None and errors
            assert refused or re.fullmatch(safe[field_name], stored), (field_name, typed, stored)
    for stored in made["stored_files"]:
        assert re.fullmatch(r"documents/[-\w.]+", stored), stored


@pytest.fixture(scope="module")
def corpus(outlet):
    """The payloads planted through the admin and published; removed afterwards."""
    planter = Planter(mark=f"0xss{uuid.uuid4().hex[:6]}")
    spec = plan(planter)
    path = outlet.directory / f"xss-{planter.mark}.json"
    path.write_text(json.dumps(spec))
    here = f"from {__name__} import clean, plant\n"
    try:
        made = json.loads(outlet.run(f"{here}plant({str(path)!r})").splitlines()[-1])
        yield planter, spec, made
    finally:
        outlet.run(f"{here}clean({planter.mark!r})")
        path.unlink()
    # The other browser tests see the outlet as it was: no section, no headline left.
    for address in ("/en/", "/en/newsline/", "/api/v2/topics/?language=en"):
        with urllib.request.urlopen(outlet.base + address, timeout=30) as response:  # noqa: S310
            assert planter.mark not in response.read().decode(), address


# -- Watching the browser -------------------------------------------------------


# Looks through a frame (and any shadow roots) for markup that would run if
# clicked, hovered or focused: handlers, script-bearing addresses, live scripts.
SCAN = r"""() => {
  const hostile = /__xss|X194c3M|atob|fromCharCode|alert|confirm|prompt|\b[79]\d{5}\b/;
  const addressed = ["href", "src", "action", "formaction", "data", "xlink:href",
                     "background", "poster", "srcdoc"];
  const risky = /^(javascript|vbscript):|^data:text\/html/i;
  const found = [];
  const note = (el, what) => found.push(`<${el.localName}> ${what}`.slice(0, 240));
  const scan = (root) => {
    for (const el of root.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\s\u0000-\u001f]+/g, "");
        if (name.startsWith("on") && hostile.test(value)) note(el, `${name}=${attr.value}`);
        else if (addressed.includes(name) && risky.test(value)) note(el, `${name}=${attr.value}`);
        else if (name === "style" && /expression\(|javascript:/i.test(value))
          note(el, `style=${attr.value}`);
        else if (name === "content" && el.localName === "meta" && el.httpEquiv
                 && /url=(javascript|vbscript|data)/i.test(value))
          note(el, `content=${attr.value}`);
      }
      const live = !el.type || /^((text|application)\/(java|ecma)script|module)$/i.test(el.type);
      if (el.localName === "script" && live && hostile.test(el.textContent))
        note(el, el.textContent);
      if (el.shadowRoot) scan(el.shadowRoot);
    }
  };
  scan(document);
  return found;
}"""


FIELD_VALUES = "() => Array.from(document.querySelectorAll('input, textarea'), (e) => e.value)"


@dataclass
class Watch:
    """Payloads that ran (by number), risky markup, and markers that were missing."""

    runs: list = field(default_factory=list)
    markup: list = field(default_factory=list)
    missing: list = field(default_factory=list)

    def attach(self, context):
        context.expose_binding("__xss", self._called)
        context.on("page", self._listen)
        # Payloads point at other hosts; the tests stay on loopback.
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())

    def _listen(self, page):
        page.on("dialog", lambda dialog: self._dialog(page, dialog))

    def _called(self, source, *args):
        self.runs.append((_number(args[0] if args else ""), source["frame"].url))

    def _dialog(self, page, dialog):
        if dialog.type == "beforeunload":
            dialog.accept()
            return
        self.runs.append((_number(dialog.message), f"{page.url} ({dialog.type})"))
        dialog.dismiss()

    def scan(self, page, where):
        for frame in page.frames:
            if frame.url.startswith("chrome-error:"):  # a blocked player's error page
                continue
            try:
                self.markup += [(where, found) for found in frame.evaluate(SCAN)]
            except PlaywrightError:  # a frame that navigated or closed meanwhile
                continue

    def expect(self, page, where, markers, *, every=True):
        """Each marker (or, for a list of many stories, any one) is on the page."""
        text = "\n".join(_frame_text(frame) for frame in page.frames)
        present = [marker for marker in markers if marker in text]
        if (every and len(present) < len(markers)) or not present:
            self.missing.append((where, sorted(set(markers) - set(present))[:5]))

    def report(self, planter) -> str:
        ran = [(number, *planter.placed.get(number, (None, "?")), url) for number, url in self.runs]
        fields = Counter(label for _, _, label, _ in ran)
        fields.update(_field_of(found, planter) for _, found in self.markup)
        lines = [f"payloads ran or became markup, by field: {dict(fields.most_common())}"]
        lines += [
            f"ran: #{n} payload {p and p.number} in {label} at {url}: {p and p.template!r}"
            for n, p, label, url in ran[:40]
        ]
        lines += [f"markup at {where}: {found}" for where, found in self.markup[:40]]
        lines += [f"missing at {where}: {markers}" for where, markers in self.missing[:20]]
        return "\n".join(lines)


def _number(value) -> int | None:
    found = NUMBER.search(unquote(str(value)))  # as in javascript:alert%28700001%29
    return int(found.group()) if found else None


def _field_of(found: str, planter) -> str:
    number = _number(found)
    return planter.placed[number][1] if number in planter.placed else "?"


def _frame_text(frame) -> str:
    """The frame's markup, and what its form fields hold (set by script, so not in
    the markup): an editor sees the values there."""
    try:
        return frame.content() + "\n".join(frame.evaluate(FIELD_VALUES))
    except PlaywrightError:
        return ""


def _run(context, watch, pages):
    """Open ``pages`` a few at a time (each in its own tab, as they load at once),
    then look at each: what ran, what markup appeared, which markers are there."""
    tabs = [context.new_page() for _ in range(TABS)]
    for start in range(0, len(pages), TABS):
        batch = list(zip(tabs, pages[start : start + TABS], strict=False))
        for tab, (path, _, _) in batch:
            _open(tab, path)
        for tab, _ in batch:
            tab.wait_for_load_state("load")
        tabs[0].wait_for_timeout(SETTLE_MS)
        for tab, (path, every, some) in batch:
            watch.scan(tab, path)
            if every:
                watch.expect(tab, path, every)
            if some:
                watch.expect(tab, path, some, every=False)
    for tab in tabs:
        tab.close()


def _visit(page, watch, path):
    _open(page, path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(SETTLE_MS)
    watch.scan(page, path)


def _open(page, path):
    """Start loading ``path``; the tab goes on loading while others start theirs."""
    try:
        page.goto(path, wait_until="commit")
    except PlaywrightError as error:
        if "Download is starting" not in str(error):
            raise


def _look(page, watch, where, markers):
    page.wait_for_timeout(SETTLE_MS)
    watch.scan(page, where)
    if markers:
        watch.expect(page, where, markers)


def _tab(browser, outlet, watch):
    context = browser.new_context(viewport=DESKTOP, base_url=outlet.base, bypass_csp=True)
    watch.attach(context)
    return context, context.new_page()


def _edit_view_panels(page, watch, planter, story):
    """An edit view with its side panels open: the comments, and the live preview
    (the reader's template under the admin's policy)."""
    path, key = f"/admin/pages/{story['id']}/edit/", story["key"]
    _visit(page, watch, path)
    watch.expect(page, path, _labels(planter, f"{key} "))
    if _labels(planter, f"{key} comment"):
        _show_panel(page, "comments")
        page.locator(".comment").first.wait_for()
        _look(page, watch, f"{path} (comments)", _labels(planter, f"{key} comment", f"{key} reply"))
    _show_panel(page, "preview")
    page.frame_locator("iframe[src*='preview']").first.locator("h1").wait_for()
    _look(page, watch, f"{path} (preview)", _labels(planter, f"{key} title"))


def _show_panel(page, name):
    """Open a side panel; the admin reopens the one last open, so it may be already."""
    toggle = page.get_by_role("button", name=f"Toggle {name}")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")


# What a feed reader or a partner's site renders as HTML of ours: the fields each
# format declares HTML (RSS descriptions and content:encoded, Atom summary and
# content of type "html", JSON Feed's content_html, the API's and ninjs' bodies),
# each put into a frame of its own as a reader without a sanitiser would.
READ_AS_HTML = r"""async (addresses) => {
  const fragments = [];
  for (const address of addresses) {
    const text = await (await fetch(address)).text();
    if (address.includes("/feeds/json/")) {
      fragments.push(...JSON.parse(text).items.map((item) => item.content_html));
    } else if (address.startsWith("/api/ninjs/")) {
      fragments.push(...JSON.parse(text).bodies.map((body) => body.value));
    } else if (address.startsWith("/api/")) {
      fragments.push(JSON.parse(text).body);
    } else {
      const feed = new DOMParser().parseFromString(text, "application/xml");
      const html = Array.from(feed.querySelectorAll("description, encoded, [type=html]"))
        .filter((element) => element.prefix !== "media");  // Media RSS's is plain text
      fragments.push(...html.map((element) => element.textContent));
    }
  }
  await Promise.all(fragments.map((fragment) => new Promise((loaded) => {
    const frame = document.createElement("iframe");
    frame.addEventListener("load", loaded);
    frame.srcdoc = fragment;
    document.body.append(frame);
  })));
  return fragments.length;
}"""


def _syndicated(made) -> list[str]:
    section, stories = made["section"]["slug"], made["stories"]
    wires = made["wires"]["stories"]
    return [
        *(f"/en/{section}/feeds/{fmt}/" for fmt in ("rss", "atom", "json")),
        *(f"/api/v2/stories/{story['id']}/" for story in [*stories[:2], wires["wire1"]]),
        *(f"/api/ninjs/{story['id']}/" for story in [*stories[:2], wires["wire4"]]),
    ]


# -- What each page should show ------------------------------------------------


def _labels(planter, *prefixes) -> list[str]:
    return [marker for label, marker in planter.markers.items() if label.startswith(prefixes)]


def _titles(planter, spec) -> list[str]:
    return _labels(planter, *(f"{story['key']} title" for story in spec["stories"]))


PUBLIC = ("name", "position", "organisation")  # what partners get of a person
IMAGE_FIELDS = {"upload": "image file name"}  # an uploaded picture's title is its file's name


def _person_fields(planter, key) -> list[str]:
    return _labels(planter, f"person {key} ")


def _story_markers(planter, story) -> list[str]:
    """What a reader sees of a story: its own fields but the admin-only ones, its
    section, people and pictures."""
    key, admin_only = story["key"], ("SEO title", "search description", "comment", "reply")
    own = [
        marker
        for label, marker in planter.markers.items()
        if label.startswith(f"{key} ") and not label.endswith(admin_only)
    ]
    people = [planter.markers[f"person {person} name"] for person in story["authors"]]
    if "interviewee" in story:
        people += _person_fields(planter, story["interviewee"])
    pictures, image = [], story["main_image"]
    if image == "upload":  # its title is the name of the file uploaded
        pictures += _labels(planter, "image file name")
    elif image:
        pictures += _labels(
            planter, *(f"image {image} {part}" for part in ("title", "caption", "credit"))
        )
    if story["kind"] == "gallery":
        pictures += _labels(planter, "gallery ", "image portrait title")
    if story["kind"] == "opinion":  # the columnist's photo stands in for the share picture
        pictures += _labels(planter, "image portrait title")
    return [planter.markers["section title"], *own, *people, *pictures]


def _reader_pages(planter, spec, made):
    """(address, markers that must all be there, markers of which one must be)."""
    titles = _titles(planter, spec)
    leads = _labels(planter, *(f"{story['key']} lead" for story in spec["stories"]))
    section, mark, by_key = made["section"], planter.mark, {s["key"]: s for s in spec["stories"]}
    news1, interview1 = made["stories"][0], made["stories"][1]
    topics = made["topics"][:: max(1, len(made["topics"]) // 3)]
    people = made["people"]
    headlines = _wire_headlines(planter)
    syndicated = [
        *titles,
        *_labels(planter, "news1 body", "interview1 question 0", "gallery photo 1"),
        *_labels(planter, "person author1 name", "section title"),
        *headlines,
        *_labels(planter, "wire1 body", "wire4 body", "wire1 byline", "wire4 person"),
    ]
    corrected = _labels(planter, "correction ")
    return [
        *[
            (story["url"], _story_markers(planter, by_key[story["key"]]), [])
            for story in made["stories"]
        ],
        (news1["url"], corrected, []),
        ("/en/", [planter.markers["section title"]], titles),
        (section["url"], [*_labels(planter, "section title", "section intro"), *headlines], titles),
        ("/en/newsline/", [], titles),
        ("/en/archive/", [], titles),
        (made["archive_day"], [], titles),
        (f"/en/search/?q={mark}+script+onerror+svg", [], titles + leads),
        *[(url, _person_fields(planter, key), titles) for key, url in people.items()],
        *[(f"/en/topics/{slug}/", [name.split()[0]], titles) for name, slug, _ in topics],
        ("/en/feeds/rss/", [], titles),
        ("/en/feeds/atom/", [], titles),
        ("/en/feeds/json/", [], titles),
        (
            f"/en/{section['slug']}/feeds/rss/",
            [*syndicated, *_labels(planter, "image main caption")],
            [],
        ),
        (f"/en/{section['slug']}/feeds/atom/", syndicated, []),
        (f"/en/{section['slug']}/feeds/json/", syndicated, []),
        (f"/en/topics/{topics[0][1]}/feeds/rss/", [topics[0][0].split()[0]], titles),
        (f"{people['author2']}feeds/atom/", _labels(planter, "person author2 name"), titles),
        ("/sitemaps/en/news.xml", [], titles),
        ("/en/corrections/", _labels(planter, "correction "), []),
        *[(f"/en/corrections/feeds/{fmt}/", _labels(planter, "correction "), []) for fmt in FEEDS],
        (
            f"/api/v2/stories/?language=en&section={section['slug']}&limit=20",
            [*titles, *leads, *headlines, *_labels(planter, *(f"{h} lead" for h in WIRE_LIVE))],
            [],
        ),
        (f"/api/v2/stories/{news1['id']}/", _api_story(planter, by_key["news1"]), []),
        (f"/api/v2/stories/{interview1['id']}/", _api_story(planter, by_key["interview1"]), []),
        *[
            (f"/api/v2/people/{pk}/", _labels(planter, *(f"person {key} {f}" for f in PUBLIC)), [])
            for key, pk in made["person_ids"].items()
        ],
        *[(f"/api/v2/topics/{pk}/", [name.split()[0]], []) for name, _, pk in topics],
        (
            f"/api/v2/sections/{section['id']}/",
            _labels(planter, "section title", "section intro"),
            [],
        ),
        (f"/api/ninjs/?language=en&section={section['slug']}", titles, []),
        (f"/api/ninjs/{interview1['id']}/", _api_story(planter, by_key["interview1"]), []),
        *_wire_reader_pages(planter, made),
    ]


def _api_story(planter, story) -> list[str]:
    """A story as partners receive it: headline, lead, text, bylines and topics."""
    key = story["key"]
    own = _labels(
        planter,
        f"{key} title",
        f"{key} lead",
        f"{key} body",
        f"{key} topic",
        f"{key} question",
        f"{key} answer",
    )
    return [*own, *(planter.markers[f"person {person} name"] for person in story["authors"])]


WIRE_LIVE = ("wire1", "wire2", "wire3", "wire4")  # wire5 retells wire2: a draft
# A page of each kind of name a wire gives: an RSS dc:creator and category, a
# ninjs byline, person and subject.
WIRE_PEOPLE, WIRE_TOPICS = (
    ("wire1 byline 0", "wire4 byline 0", "wire4 person 0"),
    ("wire1 topic 0", "wire4 topic 0"),
)


def _wire_headlines(planter) -> list[str]:
    return _labels(planter, *(f"{key} headline" for key in WIRE_LIVE))


def _wire_story(planter, key) -> list[str]:
    """What a reader sees of a wire's story: what the item said, but its video's
    address (only the player is shown), and the section."""
    own = [marker for label, marker in planter.markers.items() if label.startswith(f"{key} ")]
    hidden = _labels(planter, f"{key} video address")
    return [planter.markers["section title"], *(marker for marker in own if marker not in hidden)]


def _wire_reader_pages(planter, made):
    """The wires' stories, pages of the people and topics they named, and what
    partners get of them."""
    wires, headlines = made["wires"], _wire_headlines(planter)
    stories, people, topics = wires["stories"], wires["people"], wires["topics"]
    return [
        *[(stories[key]["url"], _wire_story(planter, key), []) for key in WIRE_LIVE],
        *[(people[label][0], [planter.markers[label]], headlines) for label in WIRE_PEOPLE],
        *[
            (f"/en/topics/{topics[label][1]}/", [planter.markers[label]], headlines)
            for label in WIRE_TOPICS
        ],
        (f"/api/v2/stories/{stories['wire1']['id']}/", _wire_api(planter, "wire1"), []),
        (f"/api/ninjs/{stories['wire4']['id']}/", _wire_api(planter, "wire4"), []),
        (f"/api/v2/people/{people['wire4 person 0'][1]}/", _labels(planter, "wire4 person"), []),
        (f"/api/v2/topics/{topics['wire1 topic 0'][2]}/", _labels(planter, "wire1 topic 0"), []),
    ]


def _wire_api(planter, key) -> list[str]:
    parts = ("headline", "lead", "body", "byline", "person", "topic")
    return _labels(planter, *(f"{key} {part}" for part in parts))


def _reflected(made):
    """Payloads in a reader's own query string, echoed by search and list pages."""
    payloads, section = MARKUP[::60], made["section"]["url"]
    pages = []
    for n, payload in enumerate(payloads):
        text = quote_plus(payload.render(CONTROL_NUMBER - 1 - n))
        pages.append((f"/en/search/?q={text}", [], []))
        pages.append((f"{section}?after={text}", [], []))
    return pages


def _admin_pages(planter, spec, made):
    titles, section = _titles(planter, spec), made["section"]
    wire_headlines = _labels(planter, *(f"wire{n} headline" for n in range(1, 6)))
    pages = [
        ("/admin/", [], titles),
        (f"/admin/pages/{section['id']}/", [*titles, *wire_headlines], []),
        (f"/admin/pages/search/?q={planter.mark}", [], titles),
        (f"/admin/pages/{section['id']}/edit/", _labels(planter, "section "), []),
        (f"/admin/pages/{made['stories'][0]['id']}/history/", [], titles),
        ("/admin/reports/site-history/", [], titles),
        ("/admin/images/", [], _labels(planter, "image ")),
        *[
            (f"/admin/images/{pk}/", _labels(planter, IMAGE_FIELDS.get(key, f"image {key} ")), [])
            for key, pk in made["images"].items()
        ],
        ("/admin/documents/", _labels(planter, "document title", "uploaded document"), []),
        *[
            (f"/admin/documents/edit/{pk}/", _labels(planter, fields), [])
            for pk, fields in zip(made["documents"], ("document ", "uploaded"), strict=True)
        ],
        ("/admin/snippets/news/person/?locale=en", _labels(planter, "person author1 name"), []),
        *[
            (f"/admin/snippets/news/person/edit/{pk}/", _person_fields(planter, key), [])
            for key, pk in made["person_ids"].items()
        ],
        ("/admin/corrections/", _labels(planter, "correction kept"), []),
        (
            f"/admin/corrections/story/{made['stories'][0]['id']}/",
            _labels(planter, "correction "),
            [],
        ),
        # What an administrator reads on the site itself, signed in.
        (made["stories"][0]["url"], _story_markers(planter, spec["stories"][0]), []),
    ]
    # The first two stories' edit views are opened with their preview, below.
    for story in made["stories"][2:6]:
        pages.append(
            (f"/admin/pages/{story['id']}/edit/", _labels(planter, f"{story['key']} "), [])
        )
    return pages + _wire_admin_pages(planter, made)


def _wire_admin_pages(planter, made):
    """The wire desk (the retold story, its flag naming the other, the runs), the
    runs' refusals, the wires' stories, pictures and a person they named."""
    wires = made["wires"]
    stories, runs = wires["stories"], wires["runs"]
    edited = ("headline", "lead", "body", "byline", "topic", "video address")
    return [
        (
            "/admin/wires/",
            _labels(planter, "wire5 headline", "wire2 headline", "wire rss run", "wire ninjs run"),
            [],
        ),
        *[
            (f"/admin/wires/runs/{runs[wire]}/", _labels(planter, *prefixes), [])
            for wire, prefixes in (
                ("rss", ("wire rss run", "wire refused guid", "wire refused language",
                         "wire refused date")),
                ("ninjs", ("wire ninjs run", "wire refused uri")),
            )
        ],
        *[
            (f"/admin/pages/{stories[key]['id']}/edit/",
             _labels(planter, *(f"{key} {part}" for part in edited), *more), [])
            for key, more in (
                ("wire3", ()),
                # The retold item: the other's lead, text and names, the flag its headline.
                ("wire5", ("wire2 ",)),
            )
        ],
        *[
            (f"/admin/images/{stories[key]['image']}/", _labels(planter, f"{key} picture "), [])
            for key in ("wire1", "wire4")
        ],
        (
            f"/admin/snippets/news/person/edit/{wires['people']['wire4 byline 0'][1]}/",
            _labels(planter, "wire4 byline 0"),
            [],
        ),
    ]  # fmt: skip


# -- Putting the payloads into fields ------------------------------------------


@dataclass
class Planter:
    """Hands payloads out to fields, each copy with its own number, and gives each
    field a marker word to look for on the pages that should show it."""

    mark: str
    placed: dict = field(default_factory=dict)  # number -> (payload, field label)
    markers: dict = field(default_factory=dict)  # field label -> marker word
    _numbers: itertools.count = field(default_factory=lambda: itertools.count(FIRST_NUMBER))
    _queues: dict = field(default_factory=dict)

    def marker(self, label: str) -> str:
        self.markers[label] = f"{self.mark}{len(self.markers) + 1}q"
        return self.markers[label]

    def place(self, label: str, payload: Payload) -> str:
        number = next(self._numbers)
        self.placed[number] = (payload, label)
        return payload.render(number)

    def each(self, label: str, payloads) -> list[str]:
        """The marker, then every payload of ``payloads`` (one text each)."""
        return [self.marker(label), *(self.place(label, p) for p in payloads)]

    def fill(self, label, limit, *, whole_words=False, fits=None, separator=" ", dress=str) -> str:
        """The marker and as many payloads as ``limit`` characters hold, taking up
        the corpus where the last field of the same sort left it; ``dress`` writes
        each payload as the sender does (``limit`` counts it undressed)."""
        queue = self._queue(whole_words, fits)
        text = self.marker(label)
        for _ in range(len(queue)):
            payload = queue[0]
            size = len(payload.render(FIRST_NUMBER)) + len(separator)
            if len(text) + size > limit:
                if text == self.markers[label]:  # too long for this field at all
                    queue.rotate(-1)
                    continue
                break
            text += separator + dress(self.place(label, payload))
            queue.rotate(-1)
        return text

    def _queue(self, whole_words, fits) -> deque:
        key = (whole_words, fits)
        if key not in self._queues:
            usable = [p for p in PAYLOADS if (not whole_words or p.has_no_separators)]
            self._queues[key] = deque(p for p in usable if fits is None or fits(p))
        return self._queues[key]


def plan(planter: Planter) -> dict:
    """What to create, field by field; every value carries payloads."""
    return {
        "mark": planter.mark,
        "section": {
            "title": planter.fill("section title", 255),
            "slug": f"{planter.mark}-desk",
            "intro": planter.fill("section intro", 300),
            "seo_title": planter.fill("section SEO title", 255),
            "search_description": planter.fill("section search description", 600),
        },
        "images": [
            _image(planter, key) for key in ("main", "block", "gallery1", "gallery2", "portrait")
        ],
        "image_uploads": [{"key": "upload", "filename": _file_name(planter, "image file name")}],
        "documents": [
            {
                "title": planter.fill("document title", 255),
                "filename": _file_name(planter, "document file name", ".txt"),
                "tags": planter.fill("document tag", 100, whole_words=True) + ",",
            }
        ],
        "document_uploads": [{"filename": _file_name(planter, "uploaded document", ".txt")}],
        "people": [
            _person(planter, "author1"),
            _person(planter, "author2"),
            _person(planter, "columnist", photo="portrait"),
            _person(planter, "guest", photo="portrait", is_journalist=False),
        ],
        "stories": _stories(planter),
        "corrections": [
            {"story": "news1", "text": planter.fill("correction kept", 2000)},
            {
                "story": "news1",
                "text": planter.fill("correction withdrawn", 2000),
                "reason": planter.fill("correction reason", 1000),
            },
        ],
        "wires": _wires(planter),
        "refusals": {
            "story slug": [planter.place("story slug", p) for p in MARKUP[::50]],
            "person slug": [planter.place("person slug", p) for p in MARKUP[3::100]],
            "video address": [planter.place("video address", p) for p in ADDRESSES[::6]],
        },
    }


def _stories(planter) -> list[dict]:
    """One story of each kind, the whole corpus in the first one's text, then
    five short news stories: every headline and lead shows on many pages."""
    quarters = [PAYLOADS[n::4] for n in range(4)]
    everything = _paragraph(planter, "news1 body", MARKUP, ADDRESSES)
    return [
        _story(
            planter, "news1", "news", main_image="main", authors=["author1", "author2"],
            body=[
                ["paragraph", everything],
                ["quote", _quote(planter, "news1 quote 0")],
                ["quote", _quote(planter, "news1 quote 1")],
                ["image", _picture(planter, "news1 image", "block")],
            ],
            comments=[[planter.fill("news1 comment", 3000), planter.fill("news1 reply", 3000)]],
        ),
        _story(
            planter, "interview1", "interview", interviewee="guest", authors=["author1"],
            body=[
                ["qa", _question(planter, n, PAYLOADS[n::6], ADDRESSES if n == 0 else ())]
                for n in range(6)
            ],
        ),
        _story(
            planter, "opinion1", "opinion", authors=["columnist"],
            body=[["paragraph", _paragraph(planter, "opinion1 body", quarters[0], ADDRESSES)]],
        ),
        _story(
            planter, "video1", "video", video_url=_video_address(planter),
            body=[["paragraph", _paragraph(planter, "video1 body", quarters[1])]],
        ),
        _story(
            planter, "gallery1", "gallery",
            photos=[
                ["photo", _picture(planter, "gallery photo 1", "gallery1")],
                ["photo", _picture(planter, "gallery photo 2", "gallery2")],
                # No caption: the picture's own title becomes its alt text.
                ["photo", {"image": "portrait", "caption": "", "credit": ""}],
            ],
            body=[["paragraph", _paragraph(planter, "gallery1 body", quarters[2])]],
        ),
        *[
            _story(
                planter, f"news{n}", "news", authors=["author2"],
                main_image="upload" if n == 2 else None,
                body=[["paragraph", _paragraph(planter, f"news{n} body", quarters[3][n::5])]],
            )
            for n in range(2, 7)
        ],
    ]  # fmt: skip


def _story(planter, key, kind, **extra) -> dict:
    story = {
        "key": key,
        "kind": kind,
        "slug": f"{planter.mark}-{key}",
        # The outlet's word leads the headline: a reader searches for it.
        "title": f"{planter.mark} " + planter.fill(f"{key} title", 254 - len(planter.mark)),
        "lead": planter.fill(f"{key} lead", 600),
        "seo_title": planter.fill(f"{key} SEO title", 255),
        "search_description": planter.fill(f"{key} search description", 600),
        "topics": ", ".join(
            planter.fill(f"{key} topic {n}", 100, whole_words=True) for n in range(3)
        ),
        "authors": [],
        "main_image": None,
        "body": [],
    }
    return {**story, **extra}


def _paragraph(planter, label, payloads=(), addresses=()) -> dict:
    """Rich text: one block per payload, then each address as a link."""
    texts = planter.each(label, payloads)
    links = [
        [planter.marker(f"{label} link text {n}"), planter.place(f"{label} link", payload)]
        for n, payload in enumerate(addresses)
    ]
    return {"texts": texts, "links": links}


def _quote(planter, label) -> dict:
    return {
        "text": planter.fill(label, 2000),
        "source": planter.fill(f"{label} source", 200),
    }


def _picture(planter, label, image) -> dict:
    """An image block: the picture chosen, a caption and a credit of its own."""
    return {
        "image": image,
        "caption": planter.fill(f"{label} caption", 400),
        "credit": planter.fill(f"{label} credit", 200),
    }


def _question(planter, n, payloads, addresses) -> dict:
    return {
        "question": "\n".join(planter.each(f"interview1 question {n}", payloads)),
        "answer": _paragraph(planter, f"interview1 answer {n}", payloads, addresses),
    }


def _video_address(planter, label="video1 address") -> str:
    """A YouTube address whose query carries payloads (no spaces in an address)."""
    room = 200 - len(VIDEO)
    return VIDEO + planter.fill(label, room, fits=_no_spaces, separator="&")


def _no_spaces(payload: Payload) -> bool:
    return not re.search(r"\s", payload.template)


def _image(planter, key) -> dict:
    return {
        "key": key,
        "title": planter.fill(f"image {key} title", 255),
        "caption": planter.fill(f"image {key} caption", 400),
        "credit": planter.fill(f"image {key} credit", 200),
        "description": planter.fill(f"image {key} alt text", 255),
        "tags": planter.fill(f"image {key} tag", 100, whole_words=True) + ",",
    }


def _person(planter, key, *, photo=None, is_journalist=True) -> dict:
    return {
        "key": key,
        "name": planter.fill(f"person {key} name", 200),
        "slug": f"{planter.mark}-{key}",
        "position": planter.fill(f"person {key} position", 200),
        "organisation": planter.fill(f"person {key} organisation", 200),
        "bio": planter.fill(f"person {key} bio", 2000),
        "photo": photo,
        "is_journalist": is_journalist,
    }


def _file_name(planter, label, extension=".png") -> str:
    """Payloads in an uploaded file's name (it may hold no slash: the name is cut there)."""
    return planter.fill(label, 90, whole_words=True) + extension


def _wires(planter) -> dict:
    """What two agencies send (``plant`` writes it as an RSS 2.0 feed and a ninjs
    2.2 document): headlines (one with a kind label), leads, bodies, bylines,
    categories and pictures' texts carry payloads, as markup and as escaped text;
    refused items carry them where the refusal quotes them; the last ninjs item
    retells the second RSS one, so it waits for an editor as a near-duplicate."""
    opinion = _wire_item(planter, "wire2", label=" | Opinion")
    retold = _wire_text(planter, "wire5 headline", 250)
    return {
        "rss": [
            _wire_item(
                planter, "wire1", bylines=2, topics=2, picture=True,
                body=_wire_body(planter, "wire1 body", MARKUP, ADDRESSES),
            ),
            opinion,
            _wire_item(planter, "wire3", label=" (<b>VIDEO</b>)", video=True),
        ],
        "ninjs": [
            _wire_item(
                planter, "wire4", people=1, picture=True,
                body=_wire_body(planter, "wire4 body", MARKUP[1::4], ADDRESSES[::3]),
            ),
            {**opinion, "key": "wire5", "headline": retold},
        ],
        "refused": {
            "guid": planter.fill("wire refused guid", 400),
            "language": planter.fill("wire refused language", 300),
            "date": planter.fill("wire refused date", 60),
            "uri": planter.fill("wire refused uri", 400),
        },
        "labels": {
            wire: "newsline ingest " + planter.fill(f"wire {wire} run label", 180)
            for wire in ("rss", "ninjs")
        },
    }  # fmt: skip


def _wire_item(
    planter, key, *, label="", bylines=1, people=0, topics=1, picture=False, body="", video=False
) -> dict:
    """An agency's item: ``label`` (markup the pipeline strips) says its kind;
    ``video`` links a YouTube address with payloads in its query."""
    number = int(key.removeprefix("wire"))
    body = body or _wire_body(planter, f"{key} body", MARKUP[number::9])
    if video:
        address = html.escape(_video_address(planter, f"{key} video address"))
        body = f'<p><a href="{address}">{planter.marker(f"{key} video link text")}</a></p>{body}'
    pictures = (("title", 255), ("caption", 400), ("credit", 200))
    return {
        "key": key,
        "headline": _wire_text(planter, f"{key} headline", 250 - len(label)) + label,
        "lead": _wire_text(planter, f"{key} lead", 600),
        "body": body,
        "bylines": [
            _wire_text(planter, f"{key} byline {n}", 200, fits=_one_name) for n in range(bylines)
        ],
        "people": [
            _wire_text(planter, f"{key} person {n}", 200, fits=_one_name) for n in range(people)
        ],
        "topics": [
            _wire_text(planter, f"{key} topic {n}", 100, whole_words=True) for n in range(topics)
        ],
        "picture": (
            {part: _wire_text(planter, f"{key} picture {part}", room) for part, room in pictures}
            if picture
            else None
        ),
    }


def _wire_text(planter, label, limit, **options) -> str:
    """A wire's plain-text field: payloads in turn as markup (which the pipeline
    strips) and HTML-escaped (which it unescapes into literal text)."""
    turns = itertools.cycle((str, html.escape))
    return planter.fill(label, limit, dress=lambda text: next(turns)(text), **options)


def _wire_body(planter, label, payloads, addresses=()) -> str:
    """A wire's HTML: the marker, links to ``addresses``, then ``payloads``, half
    escaped as text, then half as markup (an unclosed raw-text element among them
    swallows whatever follows it)."""
    marker, *texts = planter.each(label, payloads)
    links = "".join(
        f'<p><a href="{html.escape(planter.place(f"{label} link", address))}">'
        f"{planter.marker(f'{label} link text {n}')}</a></p>"
        for n, address in enumerate(addresses)
    )
    escaped = "".join(f"<p>{html.escape(text)}</p>" for text in texts[::2])
    markup = "".join(f"<p>{text}</p>" for text in texts[1::2])
    return f"<p>{marker}</p>{links}{escaped}{markup}"


def _one_name(payload: Payload) -> bool:
    """Nothing a byline is split into names at, nor an e-mail address's "@"."""
    return not re.search(r"[,;&@]|\b(and|и|və)\b", payload.template, re.IGNORECASE)


# -- Inside the outlet: what an editor types, through the admin's own forms ----
# These run in the outlet's Django: ``outlet.run`` imports this module there.


BLOCK_TYPES = ("unstyled", "header-two", "unordered-list-item", "ordered-list-item")


def plant(spec_path: str) -> None:
    """Create and publish everything in the spec as the administrator would, then
    print (as JSON) where it all is and what the refused attempts left behind."""
    from django.test import Client
    from wagtail.models import Locale

    from newsline.users.models import User

    spec = json.loads(Path(spec_path).read_text())
    admin = Client(HTTP_HOST="127.0.0.1")
    admin.force_login(
        User.objects.get(username="admin"), "django.contrib.auth.backends.ModelBackend"
    )
    english = Locale.objects.get(language_code="en")
    images = _plant_images(admin, spec)
    documents = _plant_documents(admin, spec)
    people = _plant_people(admin, spec, images, english)
    section = _plant_section(admin, spec, english)
    forms = _StoryForms(images, people)
    stories = [_plant_story(admin, story, section, forms, english) for story in spec["stories"]]
    _plant_corrections(admin, spec, stories)
    refused = _attempt_refusals(admin, spec, section, forms)
    planted = _planted(spec, section, stories, people, images, documents, refused)
    # Counted after the topics above: a wire's topic lists its own story only.
    planted["wires"] = _plant_wires(spec, section)
    print(json.dumps(planted))  # noqa: T201


def _post(admin, url, data, status=302):
    response = admin.post(url, data)
    if response.status_code != status:
        raise SystemExit(f"{url} answered {response.status_code}: {_errors(response)}")
    return response


def _errors(response) -> list[str]:
    found = re.findall(r'class="error-message">([^<]+)', response.content.decode())
    return [error.strip() for error in found]


def _png(colour=(40, 90, 160)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _upload(name, content, content_type):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type)


def _plant_images(admin, spec) -> dict:
    from newsline.core.models import NewsImage

    images = {}
    for item in spec["images"]:
        data = {name: item[name] for name in ("title", "caption", "credit", "description", "tags")}
        _post(admin, "/admin/images/add/", {**data, "file": _upload("p.png", _png(), "image/png")})
        images[item["key"]] = NewsImage.objects.latest("pk").pk
    for item in spec["image_uploads"]:  # the title is the file's name
        upload = _upload(item["filename"], _png(), "image/png")
        response = _post(admin, "/admin/images/multiple/add/", {"files[]": upload}, 200)
        images[item["key"]] = response.json()["image_id"]
    return images


def _plant_documents(admin, spec) -> list[int]:
    from wagtail.documents.models import Document

    documents, text = [], b"Minutes of the meeting."
    for item in spec["documents"]:
        upload = _upload(item["filename"], text, "text/plain")
        data = {"title": item["title"], "tags": item["tags"], "file": upload}
        _post(admin, "/admin/documents/add/", data)
        documents.append(Document.objects.latest("pk").pk)
    for item in spec["document_uploads"]:  # the title is the file's name
        upload = _upload(item["filename"], text, "text/plain")
        response = _post(admin, "/admin/documents/multiple/add/", {"files[]": upload}, 200)
        documents.append(response.json()["doc_id"])
    return documents


def _plant_people(admin, spec, images, english) -> dict:
    from newsline.news.models import Person

    people = {}
    for item in spec["people"]:
        data = {name: item[name] for name in ("name", "slug", "position", "organisation", "bio")}
        data["photo"] = images[item["photo"]] if item["photo"] else ""
        if item["is_journalist"]:
            data["is_journalist"] = "on"
        _post(admin, "/admin/snippets/news/person/add/?locale=en", data)
        people[item["key"]] = Person.objects.get(slug=item["slug"], locale=english).pk
    return people


def _plant_section(admin, spec, english):
    from newsline.news.models import HomePage, SectionPage

    home = HomePage.objects.get(locale=english)
    data = {**spec["section"], "action-publish": "publish"}
    _post(admin, f"/admin/pages/add/news/sectionpage/{home.pk}/", data)
    return SectionPage.objects.get(slug=spec["section"]["slug"], locale=english)


@dataclass
class _StoryForms:
    """A story of the spec as the admin's page form posts it (Draftail's JSON for
    rich text, chooser ids for pictures and people)."""

    images: dict
    people: dict

    def data(self, story, slug) -> dict:
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

        data = {
            **{name: story[name] for name in ("title", "lead", "seo_title", "topics")},
            "search_description": story["search_description"],
            "slug": slug,
            "published_at": "",
            "main_image": self.images[story["main_image"]] if story["main_image"] else "",
            "authors": inline_formset([{"person": self.people[key]} for key in story["authors"]]),
            "pinned_related": inline_formset([]),
            "body": streamfield([self.block(*item) for item in story["body"]]),
            "comments": inline_formset(
                [
                    {"contentpath": "title", "position": "", "text": text,
                     "replies": inline_formset([{"text": reply}])}
                    for text, reply in story.get("comments", [])
                ]
            ),
        }  # fmt: skip
        if "interviewee" in story:
            data["interviewee"] = self.people[story["interviewee"]]
        if "video_url" in story:
            data["video_url"] = story["video_url"]
        if "photos" in story:
            data["photos"] = streamfield([self.block(*item) for item in story["photos"]])
        return nested_form_data(data)

    def block(self, kind, value):
        if kind == "paragraph":
            return kind, _draftail(value)
        if kind in ("image", "photo"):
            return kind, {**value, "image": self.images[value["image"]]}
        if kind == "qa":
            return kind, {**value, "answer": _draftail(value["answer"])}
        return kind, value


def _draftail(value) -> str:
    """Rich text as the editor sends it: one block per text (headings, list items,
    some bold), then one linked block per (text, address)."""
    blocks, entities = [], {}
    for n, text in enumerate(value["texts"]):
        bold = [{"offset": 0, "length": len(text), "style": "BOLD"}] if n % 3 == 1 else []
        kind = BLOCK_TYPES[n % len(BLOCK_TYPES)]
        blocks.append(_draftail_block(f"t{n}", kind, text, bold, []))
    for n, (text, url) in enumerate(value["links"]):
        entities[str(n)] = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        link = [{"offset": 0, "length": len(text), "key": n}]
        blocks.append(_draftail_block(f"l{n}", "unstyled", text, [], link))
    return json.dumps({"blocks": blocks, "entityMap": entities})


def _draftail_block(key, kind, text, styles, entities) -> dict:
    return {
        "key": key,
        "type": kind,
        "depth": 0,
        "text": text,
        "inlineStyleRanges": styles,
        "entityRanges": entities,
    }


def _plant_story(admin, story, section, forms, english) -> dict:
    from newsline.news.models import ArticlePage

    url = f"/admin/pages/add/news/{story['kind']}page/{section.pk}/"
    _post(admin, url, {**forms.data(story, story["slug"]), "action-publish": "publish"})
    page = ArticlePage.objects.get(slug=story["slug"], locale=english)
    assert page.live, story["key"]
    return {"key": story["key"], "kind": story["kind"], "id": page.pk, "url": page.url}


def _plant_corrections(admin, spec, stories) -> None:
    """Corrections published through the admin's form; the second then withdrawn
    with a reason (what readers see of it too)."""
    from newsline.news.models import Correction

    ids = {story["key"]: story["id"] for story in stories}
    for correction in spec["corrections"]:
        page_id = ids[correction["story"]]
        url = f"/admin/corrections/story/{page_id}/"
        _post(admin, url, {"text": correction["text"], "corrected_at": ""})
        if "reason" in correction:
            made = Correction.objects.filter(story_id=page_id).order_by("-pk").first()
            _post(admin, f"/admin/corrections/{made.pk}/remove/", {"reason": correction["reason"]})


def _attempt_refusals(admin, spec, section, forms) -> dict:
    """Addresses typed with payloads in them, saved as drafts: for each, what was
    stored (None when the form refused it) and the form's errors."""
    from newsline.news.models import ArticlePage, Person

    mark, attempts, refused = spec["mark"], spec["refusals"], {}
    stories = {story["kind"]: story for story in reversed(spec["stories"])}  # the short ones

    def attempt(field_name, typed, url, data, find, value=lambda made: made.slug):
        errors = _errors(admin.post(url, data))
        made = find()
        refused.setdefault(field_name, []).append([typed, made and value(made), errors])

    for n, slug in enumerate(attempts["story slug"]):
        story = {**stories["news"], "title": f"{mark} refused address {n}"}
        url = f"/admin/pages/add/news/newspage/{section.pk}/"
        find = ArticlePage.objects.filter(title=story["title"]).first
        attempt("story slug", slug, url, forms.data(story, slug), find)
    for n, slug in enumerate(attempts["person slug"]):
        name, url = f"{mark} refused person {n}", "/admin/snippets/news/person/add/?locale=en"
        find = Person.objects.filter(name=name).first
        attempt("person slug", slug, url, {"name": name, "slug": slug}, find)
    for n, address in enumerate(attempts["video address"]):
        story = {**stories["video"], "title": f"{mark} refused video {n}", "video_url": address}
        url = f"/admin/pages/add/news/videopage/{section.pk}/"
        find = ArticlePage.objects.filter(title=story["title"]).first
        data = forms.data(story, f"{mark}-video-{n}")
        attempt("video address", address, url, data, find, lambda made: made.specific.video_url)
    return refused


def _planted(spec, section, stories, people, images, documents, refused) -> dict:
    from wagtail.documents.models import Document

    from newsline.i18n import clock
    from newsline.news.models import ArticlePage, Person, Topic

    published = ArticlePage.objects.get(pk=stories[0]["id"]).published_at
    tags = Topic.objects.filter(name__startswith=spec["mark"], tagged_stories__isnull=False)
    return {
        "section": {"id": section.pk, "url": section.url, "slug": section.slug},
        "stories": stories,
        "archive_day": f"/en/archive/{clock.outlet_time(published):%Y/%m/%d}/",
        "people": {key: Person.objects.get(pk=pk).get_absolute_url() for key, pk in people.items()},
        "person_ids": people,
        "images": images,
        "documents": documents,
        "stored_files": [Document.objects.get(pk=pk).file.name for pk in documents],
        "topics": [[tag.name, tag.slug, tag.pk] for tag in tags.distinct().order_by("name")],
        "refused": refused,
    }


def _plant_wires(spec, section) -> dict:
    """Both agencies' documents through the ingest pipeline, published into the
    section, each run recorded as ``newsline ingest`` records it."""
    from django.conf import settings
    from django.test import override_settings
    from django.utils import timezone

    from newsline.ingest.services import Target, ingest_document, record_run

    mark, wires, folder = spec["mark"], spec["wires"], _wire_folder(spec["mark"])
    folder.mkdir(parents=True, exist_ok=True)
    colour = tuple(bytes.fromhex(mark[-6:]))  # an identical picture would be reused
    (folder / "rss.png").write_bytes(_png(colour))
    (folder / "ninjs.png").write_bytes(_png(tuple(255 - part for part in colour)))
    # A ninjs picture is an address: the outlet's own, fetched over loopback.
    address = f"{settings.WAGTAILADMIN_BASE_URL}{settings.MEDIA_URL}{folder.name}/ninjs.png"
    when = timezone.now() - timedelta(minutes=1)
    documents = {"rss": _rss(wires, mark, when), "ninjs": _ninjs(wires, mark, when, address)}
    refusals, runs = {"rss": 3, "ninjs": 1}, {}
    with override_settings(NEWSLINE_INGEST_ALLOW_PRIVATE=True):
        for wire, document in documents.items():
            key = f"{mark}-{wire}"
            target = Target(
                language="en", section=section, publish=True, source_key=key, folder=folder
            )
            tally = ingest_document(target=target, data=document)
            counted = [tally.counts["created"], tally.counts["rejected"]]
            if counted != [len(wires[wire]), refusals[wire]]:
                raise SystemExit(f"{wire}: {tally.line}: {tally.rejections}")
            runs[wire] = record_run(label=wires["labels"][wire], tally=tally).pk
    return _planted_wires(mark, wires, runs)


def _wire_folder(mark: str) -> Path:
    from django.conf import settings

    return Path(settings.MEDIA_ROOT) / f"{mark}-wire"


def _wire_guid(wire: str, mark: str, key: str) -> str:
    return f"urn:newsline:{mark}:{key}" if wire == "ninjs" else f"{mark}-{key}"


RSS_NAMESPACES = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"'
)


def _rss(wires, mark, when) -> bytes:
    """The first agency's feed: its items, then one without a title (its guid
    carries payloads), one in a language that is payloads, one dated with them."""
    from email.utils import format_datetime
    from xml.sax.saxutils import escape, quoteattr

    date, refused = format_datetime(when), wires["refused"]
    items = [_rss_item(item, _wire_guid("rss", mark, item["key"]), date) for item in wires["rss"]]
    items += [
        f"<item><guid>{escape(refused['guid'])}</guid><pubDate>{date}</pubDate></item>",
        f"<item xml:lang={quoteattr(refused['language'])}><guid>{mark}-language</guid>"
        f"<title>{mark} language</title><pubDate>{date}</pubDate></item>",
        f"<item><guid>{mark}-date</guid><title>{mark} date</title>"
        f"<pubDate>{escape(refused['date'])}</pubDate></item>",
    ]
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {RSS_NAMESPACES}><channel>'
        f"<title>{mark} wire</title><link>https://wire.example/</link>"
        f"<description>{mark}</description><language>en</language>{''.join(items)}"
        "</channel></rss>"
    ).encode()


def _rss_item(item, guid, date) -> str:
    from xml.sax.saxutils import escape

    parts = [
        f'<guid isPermaLink="false">{guid}</guid>',
        f"<title>{escape(item['headline'])}</title>",
        f"<description>{escape(item['lead'])}</description>",
        f"<content:encoded>{escape(item['body'])}</content:encoded>",
        f"<dc:creator>{escape(' and '.join(item['bylines']))}</dc:creator>",
        *(f"<category>{escape(topic)}</category>" for topic in item["topics"]),
        f"<pubDate>{date}</pubDate>",
    ]
    if item["picture"]:
        texts = {"title": "title", "caption": "description", "credit": "credit"}
        parts.append(
            '<media:content url="rss.png" medium="image" type="image/png" width="320"'
            ' height="180">'
            + "".join(
                f"<media:{tag}>{escape(item['picture'][part])}</media:{tag}>"
                for part, tag in texts.items()
            )
            + "</media:content>"
        )
    return f"<item>{''.join(parts)}</item>"


NINJS = {
    "standard": {
        "name": "ninjs",
        "version": "2.2",
        "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json",
    }
}


def _ninjs(wires, mark, when, address) -> bytes:
    """The second agency's items, then one whose uri is payloads (refused by the
    schema, which quotes it)."""
    moment = when.isoformat(timespec="seconds")
    items = [
        _ninjs_item(item, _wire_guid("ninjs", mark, item["key"]), moment, address)
        for item in wires["ninjs"]
    ]
    refused = {"uri": wires["refused"]["uri"], "firstcreated": moment}
    items.append({**NINJS, **refused, "headlines": [{"role": "main", "value": mark}]})
    return json.dumps({"items": items}).encode()


def _ninjs_item(item, uri, moment, address) -> dict:
    document = {
        **NINJS,
        "uri": uri,
        "type": "text",
        "language": "en",
        "firstcreated": moment,
        "versioncreated": moment,
        "headlines": [{"role": "main", "value": item["headline"]}],
        "descriptions": [{"role": "summary", "value": item["lead"]}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": item["body"]}],
        "by": " and ".join(item["bylines"]),
        "people": [{"name": name, "rel": "author"} for name in item["people"]],
        "subjects": [{"name": topic} for topic in item["topics"]],
    }
    picture = item["picture"]
    if picture:
        document["associations"] = [
            {
                "name": "featureimage",
                "type": "picture",
                "uri": f"{uri}:picture",
                "headlines": [{"role": "main", "value": picture["title"]}],
                "descriptions": [{"role": "caption", "value": picture["caption"]}],
                "copyrightnotice": picture["credit"],
                "renditions": [
                    {
                        "name": "original",
                        "href": address,
                        "contenttype": "image/png",
                        "width": 320,
                        "height": 180,
                    }
                ],
            }
        ]
    return document


def _planted_wires(mark, wires, runs) -> dict:
    """Where the wires' stories, people and topics are; checks that the kind labels
    were read and that only the retold item waits for an editor."""
    from newsline.ingest.models import WireStory

    stories, names, kinds = {}, {}, {"wire2": "opinion", "wire3": "video"}
    for wire in ("rss", "ninjs"):
        for item in wires[wire]:
            guid = _wire_guid(wire, mark, item["key"])
            record = WireStory.objects.get(source_key=f"{mark}-{wire}", guid=guid)
            story, is_retold = record.story.specific, record.duplicate_of_id is not None
            if story.kind != kinds.get(item["key"], "news") or is_retold == story.live:
                raise SystemExit(f"{item['key']}: a {story.kind}, {record.flag or 'live'}")
            stories[item["key"]] = {
                "id": story.pk,
                "url": story.url if story.live else None,
                "image": story.main_image_id,
            }
            if not is_retold:  # its names are those of the item it retells
                for part in ("byline", "person", "topic"):
                    for n, value in enumerate(item[WIRE_NAMES[part]]):
                        names[f"{item['key']} {part} {n}"] = value.split()[0]
    return {"stories": stories, "runs": runs, **_wire_names(names)}


WIRE_NAMES = {"byline": "bylines", "person": "people", "topic": "topics"}


def _wire_names(markers: dict) -> dict:
    """The person or topic each byline, ninjs person and category became, by the
    marker it begins with."""
    from newsline.news.models import Person, Topic

    people, topics = {}, {}
    for label, marker in markers.items():
        if " topic " in label:
            tag = Topic.objects.get(name__startswith=marker)
            topics[label] = [tag.name, tag.slug, tag.pk]
        else:
            person = Person.objects.get(name__startswith=marker)
            people[label] = [person.get_absolute_url(), person.pk]
    return {"people": people, "topics": topics}


def clean(mark: str) -> None:
    """Delete everything ``plant`` made, purging what showed it."""
    from wagtail.documents.models import Document

    from newsline.core.models import NewsImage
    from newsline.ingest.models import IngestRun, WireStory
    from newsline.news.models import ArticlePage, Person, SectionPage, Topic

    section = SectionPage.objects.filter(slug=f"{mark}-desk", locale__language_code="en").first()
    if section is not None:
        for story in ArticlePage.objects.child_of(section).live():
            story.specific.unpublish()  # each purges the pages that listed it
        section.unpublish()  # purges every page: the masthead lists the sections
        section.delete()
    Person.objects.filter(name__startswith=mark).delete()
    NewsImage.objects.filter(title__startswith=mark).delete()
    Document.objects.filter(title__startswith=mark).delete()
    Topic.objects.filter(name__startswith=mark).delete()
    WireStory.objects.filter(source_key__startswith=mark).delete()
    IngestRun.objects.filter(label__contains=mark).delete()
    shutil.rmtree(_wire_folder(mark), ignore_errors=True)

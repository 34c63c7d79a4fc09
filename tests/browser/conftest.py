"""Browser tests: Playwright drives Debian's chromium against a real outlet.

They need `/usr/bin/chromium` (`make install` puts it there with apt-get as root)
and run in the SQLite pass only, since the outlet builds its own database.
"""

import os

import pytest

from .outlet import Outlet, chromium_path

CHROMIUM = chromium_path()
# The Playwright flags that work offline in a container (see FIELD-NOTES).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    # A test that waits for a scheduled time goes last, so the others fill the wait.
    items.sort(key=lambda item: item.get_closest_marker("late") is not None)
    reason = _reason_to_skip()
    if reason is None:
        return
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.skip(reason=reason))


def _reason_to_skip() -> str | None:
    if os.environ.get("DATABASE_URL"):
        return "browser tests run in the SQLite pass; their outlet makes its own database"
    if CHROMIUM is None:
        return (
            "Debian's chromium is not installed: run `make install` as root, or "
            "`apt-get install -y chromium chromium-driver`, to enable the browser tests"
        )
    return None


@pytest.fixture(autouse=True)
def _db():
    """The browser tests talk to their outlet over HTTP, never to the test database.
    (Overrides the suite-wide fixture that opens one for every test.)"""


@pytest.fixture(scope="session")
def outlet(tmp_path_factory):
    running = Outlet(tmp_path_factory.mktemp("outlet"))
    try:
        yield running.start()
    finally:
        running.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "locale": "en-GB"}


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def viewport(request):
    return request.param


@pytest.fixture
def reader(browser, viewport, outlet):
    """A fresh reader's tab at the given viewport, with no cookies."""
    context = browser.new_context(viewport=viewport, base_url=outlet.base)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop_reader(browser, outlet):
    """A reader's tab beside an editor's: one viewport is enough there."""
    context = browser.new_context(viewport=DESKTOP, base_url=outlet.base)
    yield context.new_page()
    context.close()


@pytest.fixture
def signed_in_editor(browser, outlet):
    """An editor's tab, signed in to the Wagtail admin."""
    context = browser.new_context(viewport=DESKTOP, base_url=outlet.base)
    page = context.new_page()
    outlet.sign_in(page)
    yield page
    context.close()

"""Two-step sign-in as an editor meets it: set up an authenticator app from the
account page, then sign in with its code, and with a recovery code."""

import base64
import re
import uuid

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

PASSWORD = "Night-desk-2026-long-enough"  # noqa: S105


@pytest.fixture(scope="module")
def chief(outlet):
    """A chief editor of the outlet, who has no second step yet."""
    name = f"chief-{uuid.uuid4().hex[:6]}"
    outlet.run(
        "from django.contrib.auth import get_user_model\n"
        "from django.core.management import call_command\n"
        f"get_user_model().objects.create_user({name!r}, 'chief@example.az', {PASSWORD!r})\n"
        f"call_command('grant', {name!r}, 'chief-editor')\n"
    )
    return name


@pytest.fixture(scope="module")
def enrolled(browser, outlet, chief):
    """The chief editor sets up the app from their account page: its key (for the
    test's own authenticator) and the recovery codes they were shown."""
    context = browser.new_context(base_url=outlet.base)
    page = context.new_page()
    _sign_in_with_password(page, chief)
    page.wait_for_url("**/admin/")
    page.goto("/admin/account/")
    page.get_by_role("tab", name="Actions").click()
    page.get_by_role("link", name="Two-step sign-in").click()
    expect(page.locator(".two-step-qr svg")).to_be_visible()
    key = page.locator("[data-two-step-key]").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(_app_code(key))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.locator("[data-recovery-codes] code")).to_have_count(10)
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Second step")
    context.close()
    return {"key": key, "codes": codes}


def test_setting_up_gives_ten_recovery_codes(enrolled):
    assert len(enrolled["codes"]) == 10
    assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in enrolled["codes"])


def test_signing_in_takes_the_password_and_then_the_apps_code(browser, outlet, chief, enrolled):
    context = browser.new_context(base_url=outlet.base)
    page = context.new_page()
    _sign_in_with_password(page, chief)
    expect(page.get_by_role("heading", name="Second step")).to_be_visible()
    page.goto("/admin/pages/")  # the admin stays shut until the second step
    expect(page.get_by_role("heading", name="Second step")).to_be_visible()
    page.get_by_label("Code").fill(_app_code(enrolled["key"], later=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/admin/pages/")
    expect(page.get_by_role("heading", name="Second step")).to_have_count(0)
    context.close()


def test_a_recovery_code_signs_in_when_the_phone_is_lost(browser, outlet, chief, enrolled):
    context = browser.new_context(base_url=outlet.base)
    page = context.new_page()
    _sign_in_with_password(page, chief)
    page.get_by_label("Code").fill(enrolled["codes"][0])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/admin/")
    expect(page.locator(".messages")).to_contain_text("9 left")
    context.close()


def test_a_wrong_code_keeps_the_admin_shut(browser, outlet, chief, enrolled):
    context = browser.new_context(base_url=outlet.base)
    page = context.new_page()
    _sign_in_with_password(page, chief)
    page.get_by_label("Code").fill("not-a-code")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".w-field__errors")).to_contain_text("not right")
    context.close()


def _sign_in_with_password(page, username: str) -> None:
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _app_code(key: str, *, later: int = 0) -> str:
    """What an authenticator app holding ``key`` shows (``later`` 30 s steps on)."""
    totp = TOTP(base64.b32decode(key))
    totp.time += later * totp.step
    return f"{totp.token():06d}"

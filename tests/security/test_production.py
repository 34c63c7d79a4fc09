"""Production settings refuse to start unsafe, and pass Django's deploy check clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SITE = {
    "ALLOWED_HOSTS": "news.example.az",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.az",
    "BASE_URL": "https://news.example.az",
}


def _newsline(tmp_path, *args, **env):
    """``newsline ARGS`` under production settings with only ``env`` set."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "django", *args],
        env={
            **keep,
            "DJANGO_SETTINGS_MODULE": "newsline.settings.production",
            "NEWSLINE_DATA_DIR": str(tmp_path),
            "PYTHONPATH": str(REPO / "src"),
            **env,
        },
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def _deploy_check(tmp_path, **env):
    return _newsline(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        **env,
    )


def test_deploy_check_is_clean_with_only_the_four_required_variables(tmp_path):
    result = _deploy_check(tmp_path, **SITE)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "key",
    ["", "short-but-random-Xy7", "a" * 50, "ab" * 40, "django-insecure-" + "k3Jx9" * 10],
    ids=["missing", "short", "one character", "two characters", "django-insecure"],
)
def test_weak_secret_keys_are_refused(tmp_path, key):
    result = _newsline(tmp_path, "check", SECRET_KEY=key, **SITE)
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters" in result.stderr


def test_a_deployment_without_tls_says_so_and_is_warned(tmp_path):
    key = secrets.token_urlsafe(50)
    plain = {**SITE, "BASE_URL": "http://news.example.az"}
    result = _newsline(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=key,
        NEWSLINE_HTTPS="0",
        **plain,
    )
    assert result.returncode != 0 and "SECURE_SSL_REDIRECT" in result.stderr


def test_every_page_refuses_unused_browser_features(client):
    response = client.get("/en/")
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"

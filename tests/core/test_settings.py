"""Settings come from the environment in one scheme; old names still work, with a warning."""

import pytest

from newsline.settings import env


def test_newsline_settings_are_read_under_their_new_names(monkeypatch):
    monkeypatch.setenv("NEWSLINE_OUTLET_NAME", "Xəbər Xətti")
    monkeypatch.setenv("NEWSLINE_SERVE_WORKERS", "5")
    loaded = env.load()
    assert loaded.outlet_name == "Xəbər Xətti" and loaded.serve_workers == 5


@pytest.mark.parametrize(("old", "new"), sorted(env.RENAMED.items()))
def test_an_old_name_is_still_read_with_a_warning_naming_the_new(monkeypatch, old, new):
    monkeypatch.delenv(new, raising=False)
    monkeypatch.setenv(old, "1")
    with pytest.warns(env.RenamedVariableWarning, match=new):
        loaded = env.load()
    field = new.removeprefix("NEWSLINE_").lower()
    assert str(getattr(loaded, field)) in {"1", "True"}


def test_the_new_name_wins_over_the_old(monkeypatch):
    monkeypatch.setenv("PAGE_CACHE", "1")
    monkeypatch.setenv("NEWSLINE_PAGE_CACHE", "0")
    assert env.load().page_cache is False


def test_every_newsline_field_has_a_variable_of_its_own_name():
    import inspect

    source = inspect.getsource(env.load)
    for field in env.Env.__dataclass_fields__:
        assert f'"NEWSLINE_{field.upper()}"' in source or f'"{field.upper()}"' in source, field


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, ()),
        ({"FRONTEND_CACHE_URL": "http://varnish:6081/"}, ("Surrogate-Key",)),
        ({"CLOUDFLARE_ZONE_ID": "zone"}, ("Cache-Tag",)),
        (
            {"FRONTEND_CACHE_URL": "http://varnish:6081/", "CLOUDFLARE_ZONE_ID": "zone"},
            ("Surrogate-Key", "Cache-Tag"),
        ),
        ({"NEWSLINE_KEY_HEADERS": "Surrogate-Key, cache-tag"}, ("Surrogate-Key", "cache-tag")),
        ({"CLOUDFLARE_ZONE_ID": "zone", "NEWSLINE_KEY_HEADERS": "none"}, ()),
    ],
)
def test_key_headers_are_those_of_the_configured_cdn_unless_named(monkeypatch, variables, expected):
    for name in ("FRONTEND_CACHE_URL", "CLOUDFLARE_ZONE_ID", "NEWSLINE_KEY_HEADERS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert env.load().key_headers == expected

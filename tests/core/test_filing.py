"""Values filed under surrogate keys are served until one of their keys is purged,
and a value built while a purge ran is never filed."""

import time

import pytest

from newsline.core import filing, surrogate
from newsline.publishing import store


def _file(name, value, keys, sequence=None):
    sequence = filing.purge_sequence() if sequence is None else sequence
    return filing.file_many({name: (value, keys)}, sequence_before=sequence, timeout=60)


def test_a_filed_value_is_served_until_one_of_its_keys_is_purged():
    assert _file("a", "first", {surrogate.story("k1"), surrogate.site("en")})
    assert _file("b", "second", {surrogate.story("k2"), surrogate.site("en")})
    assert filing.filed(["a", "b", "c"]) == {"a": "first", "b": "second"}
    store.purge({surrogate.story("k1")})
    assert filing.filed(["a", "b"]) == {"b": "second"}
    store.purge({surrogate.site("en")})
    assert filing.filed(["a", "b"]) == {}


def test_a_value_built_while_a_purge_ran_is_not_filed():
    before = filing.purge_sequence()
    store.purge({surrogate.story("k1")})  # between the read and the filing
    assert not _file("a", "stale", {surrogate.story("k1")}, sequence=before)
    assert filing.filed(["a"]) == {}


def test_nothing_is_filed_when_the_sequence_could_not_be_read():
    assert not filing.file_many({"a": ("value", {"k"})}, sequence_before=None, timeout=60)
    assert filing.filed(["a"]) == {}


def test_values_filed_together_are_each_dropped_by_their_own_keys():
    values = {
        "a": ("first", {surrogate.story("k1"), surrogate.site("en")}),
        "b": ("second", {surrogate.story("k2"), surrogate.site("en")}),
    }
    sequence = filing.purge_sequence()
    assert filing.file_many(values, sequence_before=sequence, timeout=60)
    store.purge({surrogate.story("k2")})
    assert filing.filed(["a", "b"]) == {"a": "first"}
    assert not filing.file_many(values, sequence_before=sequence, timeout=60)  # a purge ran


@pytest.fixture
def started():
    """The purge sequence exists, as after a site's first request (a cache without
    one starts it at random, and trusts no copy until then)."""
    assert filing.current_sequence() is None
    assert filing.current_sequence() is not None


def _unreadable(monkeypatch):
    """The shared cache's values cannot be read any more (its sequence still can)."""

    def broken(*args, **kwargs):
        raise AssertionError("read from the shared cache")

    monkeypatch.setattr(filing._cache(), "get_many", broken)


def test_a_value_read_once_is_a_copy_while_no_purge_runs(monkeypatch, started):
    _file("a", "first", {surrogate.story("k1")})
    sequence = filing.current_sequence()
    assert filing.filed(["a"], sequence=sequence) == {"a": "first"}
    _unreadable(monkeypatch)
    assert filing.filed(["a"], sequence=filing.current_sequence()) == {"a": "first"}


def test_a_purge_anywhere_makes_every_copy_read_again(started):
    _file("a", "first", {surrogate.story("k1")})
    _file("b", "second", {surrogate.story("k2")})
    assert filing.filed(["a", "b"], sequence=filing.current_sequence()) == {
        "a": "first",
        "b": "second",
    }
    store.purge({surrogate.story("k1")})  # in another process, as far as copies know
    assert filing.filed(["a", "b"], sequence=filing.current_sequence()) == {"b": "second"}


def test_a_copy_is_not_trusted_after_the_cache_was_cleared(started):
    _file("a", "first", {surrogate.story("k1")})
    assert filing.filed(["a"], sequence=filing.current_sequence()) == {"a": "first"}
    filing._cache().clear()  # its sequence with it: a new one starts at random
    assert filing.current_sequence() is None
    assert filing.filed(["a"], sequence=filing.current_sequence()) == {}


def test_a_copy_ends_when_its_value_would_leave_the_shared_cache(monkeypatch, started):
    _file("a", "first", {surrogate.story("k1")})
    sequence = filing.current_sequence()
    assert filing.filed(["a"], sequence=sequence) == {"a": "first"}
    later = filing.time.time() + 61  # filed for 60 s
    monkeypatch.setattr(filing.time, "time", lambda: later)
    monkeypatch.setattr("newsline.core.copies.time.time", lambda: later)
    _unreadable(monkeypatch)
    assert filing.filed(["a"], sequence=sequence) == {}  # read again: unreadable here


def test_a_value_filed_before_copies_existed_is_never_copied(monkeypatch, started):
    keys = (surrogate.story("k1"),)
    old = filing.Filed("first", keys, surrogate.versions(keys))
    filing._cache().set("a", old, 60)
    sequence = filing.current_sequence()
    assert filing.filed(["a"], sequence=sequence) == {"a": "first"}
    _unreadable(monkeypatch)
    assert filing.filed(["a"], sequence=sequence) == {}


def test_the_disk_cache_writes_many_values_in_one_call(tmp_path):
    from newsline.publishing.caches import DiskCache

    cache = DiskCache(str(tmp_path), {"SHARDS": 4, "DATABASE_TIMEOUT": 0.1, "OPTIONS": {}})
    values = {f"item-{number}": f"value {number}" for number in range(50)}
    assert cache.set_many(values, timeout=60) == []
    assert cache.get_many(list(values)) == values


def _disk_cache(tmp_path, **options):
    from newsline.publishing.caches import DiskCache

    return DiskCache(str(tmp_path), {"SHARDS": 4, "DATABASE_TIMEOUT": 0.1, "OPTIONS": options})


def test_the_disk_cache_reads_many_values_as_one_by_one(tmp_path):
    """Its one-query-per-shard ``get_many`` finds what ``get`` finds: small and
    large values (kept in files), text, pickled objects; not the missing, the
    expired or the deleted."""
    cache = _disk_cache(tmp_path)
    values = {
        "small": "a card",
        "large": "x" * 100_000,  # past diskcache's file threshold
        "bytes": b"\x00page" * 20_000,
        "number": 7,
        "pickled": ("<li>item</li>", ("story-1", "all"), (3, 9)),
    }
    cache.set_many(values, timeout=60)
    cache.set("expired", "old", timeout=60)
    cache._cache.set(cache.make_key("expired"), "old", expire=-1)
    cache.set("deleted", "gone", timeout=60)
    cache.delete("deleted")
    names = [*values, "expired", "deleted", "never-set", *[f"more-{n}" for n in range(600)]]
    one_by_one = {name: cache.get(name) for name in names if cache.get(name) is not None}
    assert cache.get_many(names) == one_by_one == values


def test_the_disk_cache_reads_many_with_statistics_on_as_diskcache_does(tmp_path):
    cache = _disk_cache(tmp_path, statistics=1)
    cache.set("card", "a card", timeout=60)
    assert cache.get_many(["card", "missing"]) == {"card": "a card"}
    assert cache._cache.stats() == (1, 1)  # counted by diskcache's own reads


def test_one_value_is_filed_under_the_keys_it_found_or_not_at_all():
    """``one_filed`` takes its keys as a function of the value built; None keeps
    nothing (a value that must not outlive its render)."""
    builds = []

    def build(value):
        def built():
            builds.append(value)
            return value, time.time() + 60

        return built

    keys_of = {"kept": {surrogate.story("x")}, "not kept": None}
    filing.current_sequence()  # a fresh cache starts its purge sequence on first read
    for value in ("kept", "not kept", "kept", "not kept"):
        filing.one_filed(value, lambda found: keys_of[found], build(value))
    assert builds == ["kept", "not kept", "not kept"]
    store.purge({surrogate.story("x")})
    assert filing.one_filed("kept", lambda found: keys_of[found], build("kept")) == "kept"
    assert builds[-1] == "kept" and len(builds) == 4

"""Cache backends: the disk cache the embedded default shares between its
processes, and Redis that fails fast when it is down or hung and then serves
from a short-lived memory cache in each process until it is back."""

import functools
import logging
import sqlite3
import time
from collections import defaultdict

from diskcache import DjangoCache
from diskcache.core import EVICTION_POLICY
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger("newsline")


class DiskCache(DjangoCache):
    """diskcache's Django backend, keeping its SQLite connections open.

    Django closes every cache when a request finishes; for diskcache that closes
    and later reopens a SQLite connection per shard, which made each page-cache
    hit cost three connection setups. The connections are per thread and safe
    to keep, as Django keeps Redis's connection pool.
    """

    def close(self, **kwargs):
        pass

    def get_many(self, keys, version=None):
        """One query per shard for all of ``keys``, not one per key: a home page
        rendered anew reads some eighty filed cards and their keys' versions.
        diskcache's own ``get`` in every other way: its fast path (no statistics,
        an eviction policy that does not update on read), unexpired rows only, a
        locked or busy shard's keys read as misses."""
        names = {self.make_key(key, version=version): key for key in keys}
        fanout = self._cache
        shards = getattr(fanout, "_shards", None)
        if not names or shards is None or not self._reads_without_writing(shards[0]):
            return super().get_many(keys, version=version)
        by_shard = defaultdict(list)
        for name in names:
            by_shard[fanout._hash(name) % fanout._count].append(name)
        found, now = {}, time.time()
        for index, shard_names in by_shard.items():
            for name, value in _read_many(shards[index], shard_names, now):
                found[names[name]] = value
        return found

    @staticmethod
    def _reads_without_writing(shard) -> bool:
        return not shard.statistics and EVICTION_POLICY[shard.eviction_policy]["get"] is None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # One transaction per shard for all of them, not one per value: fifty feed
        # items filed at once cost 10 ms as fifty commits.
        with self._cache.transact():
            return super().set_many(data, timeout, version)


# SQLite's default limit on a statement's parameters is far above this.
KEYS_PER_READ = 500


def _read_many(shard, names: list[str], now: float):
    """``(name, value)`` for each of ``names`` (text keys, which diskcache keeps
    as they are, ``raw``) found unexpired in one diskcache ``Cache`` shard."""
    for start in range(0, len(names), KEYS_PER_READ):
        chunk = names[start : start + KEYS_PER_READ]
        marks = ",".join("?" * len(chunk))
        query = (
            "SELECT key, mode, filename, value FROM Cache"  # noqa: S608 - marks only
            f" WHERE key IN ({marks}) AND raw = 1"
            " AND (expire_time IS NULL OR expire_time > ?)"
        )
        try:
            rows = shard._sql(query, (*chunk, now)).fetchall()
        except sqlite3.OperationalError:  # busy or locked: misses, as diskcache's get
            continue
        for name, mode, filename, stored in rows:
            try:
                yield name, shard._disk.fetch(mode, filename, stored, False)
            except OSError:  # its file removed meanwhile: a miss, as diskcache's get
                continue


# Per server address, the moment until which Redis is treated as down.
_REDIS_DOWN_UNTIL: dict[str, float] = {}
REDIS_RETRY_SECONDS = 5.0
# Entries the fallback keeps per process (least recently used go first when full):
# the pages and fragments readers ask for within a few seconds. Whole pages of
# tens of kilobytes each, so this bounds the memory to tens of megabytes.
FALLBACK_ENTRIES = 500
# Client methods that do not talk to Redis, or must always run.
UNGUARDED = {"close", "make_key", "get_client"}


class _Breaker:
    """Stands in front of django-redis's client: after a connection failure every
    call fails at once, without touching the network, for ``REDIS_RETRY_SECONDS``.

    One page touches the cache dozens of times (renditions, fragments, the page
    cache); with a dead or hung Redis each touch would otherwise wait out its
    socket timeout. Now a request pays at most one timeout per process every few
    seconds, and the fast failures go to the fallback (``_Fallback``) or, without
    one, become misses or errors as django-redis's IGNORE_EXCEPTIONS says (the
    purge alias raises, and its caller retries)."""

    def __init__(self, client, server: str):
        self._client = client
        self._server = server

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute) or name in UNGUARDED:
            return attribute

        def guarded(*args, **kwargs):
            if time.monotonic() < _REDIS_DOWN_UNTIL.get(self._server, 0.0):
                raise ConnectionInterrupted(connection=None) from ConnectionError(
                    "Redis marked unreachable; retrying shortly"
                )
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                _REDIS_DOWN_UNTIL[self._server] = time.monotonic() + REDIS_RETRY_SECONDS
                logger.warning("Redis at %s unreachable; caching paused", self._server)
                raise

        return guarded


class _Fallback(LocMemCache):
    """This process's memory, standing in for Redis while it is unreachable.

    Nothing is kept longer than ``lifetime`` seconds whatever the caller asks:
    purges made while Redis is down reach no other process's memory, so this
    lifetime is how stale a page served from here can be."""

    def __init__(self, name, params, lifetime: float):
        super().__init__(name, params)
        self.lifetime = lifetime

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        expiry = super().get_backend_timeout(timeout)
        limit = time.time() + self.lifetime
        return limit if expiry is None else min(expiry, limit)


def _or_fallback(name):
    """The cache operation ``name`` on Redis, or on the fallback when Redis cannot
    be reached. Callers use BaseCache's signatures, which both backends take."""
    redis_operation = getattr(RedisCache, name)

    @functools.wraps(redis_operation)
    def operation(self, *args, **kwargs):
        if self.fallback is None:
            return redis_operation(self, *args, **kwargs)
        try:
            result = getattr(self.client, name)(*args, **kwargs)
        except ConnectionInterrupted:  # at once while the breaker is open
            return getattr(self.fallback, name)(*args, **kwargs)
        return bool(result) if name == "delete" else result

    return operation


class ResilientRedisCache(RedisCache):
    """django-redis with a circuit breaker (see ``_Breaker``) and, when
    ``OPTIONS["FALLBACK_SECONDS"]`` is set, a memory cache in this process for
    while Redis cannot be reached (see ``_Fallback``). Without it, failures are
    misses or errors as django-redis's ``IGNORE_EXCEPTIONS`` says."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        lifetime = options.pop("FALLBACK_SECONDS", 0)
        super().__init__(server, {**params, "OPTIONS": options})
        self.fallback = None
        if lifetime:
            kept = ("KEY_PREFIX", "VERSION", "KEY_FUNCTION")
            local = {key: params[key] for key in kept if key in params}
            local["OPTIONS"] = {"MAX_ENTRIES": FALLBACK_ENTRIES}
            self.fallback = _Fallback(f"newsline-fallback:{server}", local, lifetime)

    @property
    def client(self):
        if self._client is None:
            self._client = _Breaker(super().client, self._server)
        return self._client

    def clear(self):
        if self.fallback is not None:
            self.fallback.clear()
        return super().clear()

    get = _or_fallback("get")
    get_many = _or_fallback("get_many")
    set = _or_fallback("set")
    set_many = _or_fallback("set_many")
    add = _or_fallback("add")
    delete = _or_fallback("delete")
    delete_many = _or_fallback("delete_many")
    has_key = _or_fallback("has_key")
    incr = _or_fallback("incr")
    decr = _or_fallback("decr")
    touch = _or_fallback("touch")

"""Cache backends: the disk cache the embedded default shares between its
processes, and Redis that fails fast when it is down or hung."""

import logging
import time

from diskcache import DjangoCache
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


# Per server address, the moment until which Redis is treated as down.
_REDIS_DOWN_UNTIL: dict[str, float] = {}
REDIS_RETRY_SECONDS = 5.0
# Client methods that do not talk to Redis, or must always run.
UNGUARDED = {"close", "make_key", "get_client"}


class _Breaker:
    """Stands in front of django-redis's client: after a connection failure every
    call fails at once, without touching the network, for ``REDIS_RETRY_SECONDS``.

    One page touches the cache dozens of times (renditions, fragments, the page
    cache); with a dead or hung Redis each touch would otherwise wait out its
    socket timeout. Now a request pays at most one timeout per process every few
    seconds, and django-redis's IGNORE_EXCEPTIONS turns the fast failures into
    misses (or, for the purge alias, into errors its caller retries)."""

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


class ResilientRedisCache(RedisCache):
    """django-redis with a circuit breaker (see ``_Breaker``)."""

    @property
    def client(self):
        if self._client is None:
            self._client = _Breaker(super().client, self._server)
        return self._client

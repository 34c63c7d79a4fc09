"""The disk cache the embedded default shares between its processes."""

from diskcache import DjangoCache


class DiskCache(DjangoCache):
    """diskcache's Django backend, keeping its SQLite connections open.

    Django closes every cache when a request finishes; for diskcache that closes
    and later reopens a SQLite connection per shard, which made each page-cache
    hit cost three connection setups. The connections are per thread and safe
    to keep, as Django keeps Redis's connection pool.
    """

    def close(self, **kwargs):
        pass

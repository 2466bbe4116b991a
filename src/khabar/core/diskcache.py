"""The shared on-disk cache of a one-machine install, kept open between requests.

Django closes every cache when a request finishes (``close_caches`` on
``request_finished``). For diskcache that closes each shard's SQLite
connection, and the next request opens them again and re-runs every
shard's PRAGMAs: six or seven reconnects per comment POST, about a third of
its time. diskcache's connections are per thread and safe to keep, as
Django keeps database connections with ``CONN_MAX_AGE``; this backend keeps
them for the life of the thread.
"""

from diskcache import DjangoCache


class PersistentDiskCache(DjangoCache):
    """diskcache's Django backend, except that the end of a request closes nothing."""

    def close(self, **kwargs) -> None:
        """Keep the shard connections open (see the module docstring)."""

"""Django's PostgreSQL backend, with a connection pool that gets over a database restart at once.

Django's pool (`OPTIONS["pool"]` with CONN_HEALTH_CHECKS) checks each connection it hands out, and
psycopg_pool waits 1, 2, 4, 8 ... seconds between two failed checks. After PostgreSQL restarts, every
idle connection in the pool is dead: with five of them (a busy process keeps up to DB_POOL_MAX_SIZE)
the first request outwaits the pool timeout and fails with a 500. Here the first failed check makes
the pool check all its idle connections (psycopg_pool's public `check()`: the dead ones are replaced),
so the next connection handed out is a new one. Everything else is Django's backend.

The check itself costs no round trip when it need not: psycopg_pool's own sends an empty query and waits
for the answer, for every connection handed out (a third of the signed-in hello's database time). A
server that shuts down or terminates a backend sends its last message and closes the socket, which
makes an idle connection's socket readable; only such a connection (or one not idle) gets the full check.
"""

import select

import psycopg
from django.core.exceptions import ImproperlyConfigured
from django.db.backends.postgresql import base
from psycopg import pq
from psycopg_pool import ConnectionPool


class RestartTolerantPool(ConnectionPool):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, check=self.check_or_sweep, **kwargs)

    def check_or_sweep(self, conn: psycopg.Connection) -> None:
        if quiet(conn):
            return
        try:
            self.check_connection(conn)
        except psycopg.Error:
            self.check()  # one dead connection: the database restarted, so the others are dead too
            raise


def quiet(conn: psycopg.Connection) -> bool:
    """Open, idle, and nothing from the server waiting on its socket: the server has not gone away."""
    if conn.closed or conn.pgconn.status != pq.ConnStatus.OK:
        return False
    if conn.pgconn.transaction_status != pq.TransactionStatus.IDLE:
        return False
    poller = select.poll()
    poller.register(conn.fileno(), select.POLLIN | select.POLLPRI)
    return not poller.poll(0)  # POLLHUP and POLLERR are reported whatever is asked for


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def pool(self) -> ConnectionPool | None:
        options = self.settings_dict["OPTIONS"].get("pool")
        if (
            self.alias == base.NO_DB_ALIAS
            or not options
            or not self.settings_dict["CONN_HEALTH_CHECKS"]
            or self.alias in self._connection_pools
        ):
            return super().pool
        # As Django 5.2 builds its pool (django/db/backends/postgresql/base.py), with our class.
        if self.settings_dict.get("CONN_MAX_AGE", 0) != 0:
            raise ImproperlyConfigured("Pooling doesn't support persistent connections.")
        pool = RestartTolerantPool(
            kwargs={**self.get_connection_params(), "autocommit": True},
            open=False,
            configure=self._configure_connection,
            **({} if options is True else options),
        )
        # Threads may race to build it: the first one stored wins, as in Django.
        self._connection_pools.setdefault(self.alias, pool)
        return self._connection_pools[self.alias]

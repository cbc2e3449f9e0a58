"""SQLite's write-ahead log, switched on safely when several workers open a new database at once.

Switching a database file into WAL mode needs an exclusive lock, and SQLite answers "database is
locked" at once to a second connection attempting it at the same moment (its busy timeout does not
apply there), so ``PRAGMA journal_mode=WAL`` in the connection's ``init_command`` failed 1 opening
in 8 when gunicorn workers or the outbox worker first opened a fresh file together. The switch is
retried here for up to the busy timeout; once the file is in WAL mode it stays so and the pragma
needs no lock. Tested by spojka/lib/tests/test_sqlite_writers.py.
"""

from __future__ import annotations

import sqlite3
import time

RETRY_PAUSE = 0.01


def use_wal(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: put the SQLite database into WAL mode (no-op elsewhere)."""
    if connection.vendor != "sqlite":
        return
    deadline = time.monotonic() + float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5))
    while True:
        try:
            connection.connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(RETRY_PAUSE)

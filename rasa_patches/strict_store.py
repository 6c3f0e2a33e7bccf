"""No silent in-memory fallback for conversations: a store error fails the turn.

Rasa 3.6 wraps the configured tracker store in a ``FailSafeTrackerStore``: when the store
cannot be read it starts the conversation afresh, and when it cannot be written it keeps
the conversation in memory, answering as if nothing were wrong (a restart then loses it).
``make_strict`` replaces that store's private ``_on_tracker_store_error`` callback with one
that raises. The events table also gets the indexes Rasa lacks, and a SQLite file its
write-ahead log.
"""

from __future__ import annotations

import contextlib
import logging
import re
from typing import Any

from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore

logger = logging.getLogger(__name__)
_SECRET_IN_URL = re.compile(r"://[^@/\s]*@")


class ConversationNotSaved(RuntimeError):
    """The conversation store failed during a turn: the turn must not be answered as done."""


def describe(error: BaseException) -> str:
    """A short, secret-free description of an error for the log and for /ready."""
    first = (str(error).strip().splitlines() or [""])[0]
    return _SECRET_IN_URL.sub("://***@", f"{type(error).__name__}: {first}")[:200]


def innermost(store: Any) -> Any:
    """The configured store inside Rasa's wrappers (FailSafe, Awaitable)."""
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store


# Rasa reads a conversation as "the events of this sender since its latest session start" and
# counts them again on saving, but indexes the events by sender only: every turn read every row
# of the sender's whole history, several times, so turn 1,000 of one conversation took 2.9 times
# as long as turn 1 even though sessions bound what is loaded (make bench, 2026-11-27).
EVENT_INDEXES = {
    "ix_events_sender_type_time": ("sender_id", "type_name", "timestamp"),  # latest session start
    "ix_events_sender_time": ("sender_id", "timestamp"),  # the events since then
}


def ensure_tables(store: Any) -> None:
    """Creates the events table and its indexes if missing (e.g. the database was down at start,
    or the table was made by an older version)."""
    if isinstance(store, SQLTrackerStore):
        store.Base.metadata.create_all(store.engine)
        if not getattr(store, "_pm_indexed", False):
            _ensure_indexes(store)
            _write_ahead(store)
            store._pm_indexed = True


def _write_ahead(store: SQLTrackerStore) -> None:
    """A SQLite store commits through a write-ahead log: as durable (each commit is still
    synced), one sync per commit instead of the rollback journal's several, and readers never
    wait for a writer. Under 16 users the rollback journal's syncs were 8% of the Rasa
    process's time, during which it answered nobody. The mode is kept in the database file."""
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")


def _ensure_indexes(store: SQLTrackerStore) -> None:
    import sqlalchemy as sa

    table = store.SQLEvent.__table__
    existing = {index.name: index for index in table.indexes}
    for name, columns in EVENT_INDEXES.items():
        index = existing.get(name) or sa.Index(name, *(table.c[column] for column in columns))
        index.create(store.engine, checkfirst=True)


class _Refuse:
    """FailSafeTrackerStore's error callback: raise instead of falling back to memory."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def __call__(self, error: Exception) -> None:
        logger.error(
            "The conversation store failed (%s): the turn fails, nothing is kept in memory.", describe(error)
        )
        with contextlib.suppress(Exception):
            ensure_tables(self.store)
        raise ConversationNotSaved(describe(error)) from error


def make_strict(agent: Any) -> bool:
    """Makes store errors fail the turn; True when the agent's store is (now) strict."""
    from rasa_patches import require_pinned

    require_pinned()
    store = getattr(agent, "tracker_store", None)
    if not isinstance(store, FailSafeTrackerStore):
        return False
    if not isinstance(getattr(store, "_on_tracker_store_error", None), _Refuse):
        store._on_tracker_store_error = _Refuse(innermost(store))
    return True

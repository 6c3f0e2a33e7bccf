"""``GET /ready``, and no silent in-memory fallback for conversations.

Rasa 3.6 wraps the configured tracker store in a ``FailSafeTrackerStore``: when the store
cannot be read it starts the conversation afresh, and when it cannot be written it keeps
the conversation in memory, answering as if nothing were wrong (a restart then loses it).
This channel turns that off when the server starts: a store error fails the turn, and every
channel answers a failed turn with ``guard.NO_REPLY``.

``GET /ready`` answers 200 ``{"ready": true}`` only when the model is loaded, the action
server answers, and the configured tracker store and lock store can be reached; otherwise
503 ``{"ready": false, "why": [...]}``. The same reasons are logged at start and whenever
readiness changes (a background check runs every ``CHECK_EVERY`` seconds).

credentials.yml: ``bot.channels.health.ReadinessInput:`` (no settings).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, SQLTrackerStore
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

CHECK_TIMEOUT = 3.0  # seconds for each dependency to answer
CHECK_EVERY = 10.0  # seconds between background checks (for the log)
PROBE_ID = "__readiness_probe__"
_SECRET_IN_URL = re.compile(r"://[^@/\s]*@")


class ConversationNotSaved(RuntimeError):
    """The conversation store failed during a turn: the turn must not be answered as done."""


def _describe(error: BaseException) -> str:
    """A short, secret-free description of an error for the log and for /ready."""
    first = (str(error).strip().splitlines() or [""])[0]
    return _SECRET_IN_URL.sub("://***@", f"{type(error).__name__}: {first}")[:200]


def _innermost(store: Any) -> Any:
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


def _ensure_tables(store: Any) -> None:
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
            "The conversation store failed (%s): the turn fails, nothing is kept in memory.", _describe(error)
        )
        with contextlib.suppress(Exception):
            _ensure_tables(self.store)
        raise ConversationNotSaved(_describe(error)) from error


def make_strict(agent: Any) -> bool:
    """Makes store errors fail the turn; True when the agent's store is (now) strict."""
    store = getattr(agent, "tracker_store", None)
    if not isinstance(store, FailSafeTrackerStore):
        return False
    if not isinstance(getattr(store, "_on_tracker_store_error", None), _Refuse):
        store._on_tracker_store_error = _Refuse(_innermost(store))
    return True


def _health_url(action_url: str) -> str:
    base = action_url.rstrip("/")
    return (base[: -len("/webhook")] if base.endswith("/webhook") else base) + "/health"


async def _action_server_problem(agent: Any) -> Optional[str]:
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is None or not endpoint.url:
        return "no action server is configured"
    try:
        timeout = aiohttp.ClientTimeout(total=CHECK_TIMEOUT)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(_health_url(endpoint.url)) as reply,
        ):
            status = reply.status
    except Exception as error:
        return f"the action server does not answer ({_describe(error)})"
    return None if status == 200 else f"the action server answered {status}"


def _check_sql(store: SQLTrackerStore) -> None:
    """The store answers; a SQLite file must also take writes. In write-ahead mode a file
    locked by another writer can still be read, but no turn could be saved."""
    import sqlalchemy as sa

    with store.engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
        if store.engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # waits for, or fails on, a writer's lock
            connection.exec_driver_sql("ROLLBACK")
    _ensure_tables(store)


async def _tracker_store_problem(agent: Any) -> Optional[str]:
    store = _innermost(agent.tracker_store)
    if isinstance(store, InMemoryTrackerStore):
        return "no conversation store is configured: conversations would be kept only in memory"
    try:
        if isinstance(store, SQLTrackerStore):
            await asyncio.wait_for(asyncio.to_thread(_check_sql, store), CHECK_TIMEOUT)
        else:
            await asyncio.wait_for(store.retrieve(PROBE_ID), CHECK_TIMEOUT)
    except Exception as error:
        return f"the conversation store ({type(store).__name__}) cannot be reached ({_describe(error)})"
    return None


async def _lock_store_problem(agent: Any) -> Optional[str]:
    store = agent.lock_store
    if isinstance(store, InMemoryLockStore):
        return None  # one instance: its own memory is the right place for its locks
    try:
        await asyncio.wait_for(asyncio.to_thread(store.get_lock, PROBE_ID), CHECK_TIMEOUT)
    except Exception as error:
        return f"the lock store ({type(store).__name__}) cannot be reached ({_describe(error)})"
    return None


async def problems(app: Sanic) -> List[str]:
    """Why this instance cannot answer people properly right now (empty when it can)."""
    agent = getattr(app.ctx, "agent", None)
    if agent is None or not agent.is_ready():
        return ["the model is not loaded"]
    why = [] if make_strict(agent) else ["conversations could fall back to memory (store not strict)"]
    found = await asyncio.gather(
        _action_server_problem(agent), _tracker_store_problem(agent), _lock_store_problem(agent)
    )
    return why + [problem for problem in found if problem]


class _Monitor:
    """Logs readiness at start and every change after it."""

    def __init__(self) -> None:
        self.last: Optional[List[str]] = None
        self.task: Optional[asyncio.Task[None]] = None

    async def check(self, app: Sanic) -> List[str]:
        why = await problems(app)
        if why != self.last:
            if why:
                logger.warning("Not ready: %s", "; ".join(why))
            else:
                logger.info("Ready: model loaded, action server, conversation store and lock store answer.")
            self.last = why
        return why

    async def run(self, app: Sanic) -> None:
        while True:
            with contextlib.suppress(Exception):
                await self.check(app)
            await asyncio.sleep(CHECK_EVERY)


class ReadinessInput(InputChannel):
    """Not a chat channel: serves ``GET /ready`` and makes the conversation store strict."""

    @classmethod
    def name(cls) -> str:
        return "ready"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls()

    def url_prefix(self) -> str:
        return "/ready"  # absolute: load balancers and Kubernetes probe exactly /ready

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        ready = Blueprint("readiness", __name__)
        monitor = _Monitor()

        @ready.listener("after_server_start")
        async def start(app: Sanic, _: Any) -> None:
            make_strict(getattr(app.ctx, "agent", None))  # before any message is handled
            monitor.task = asyncio.ensure_future(monitor.run(app))

        @ready.listener("before_server_stop")
        async def stop(app: Sanic, _: Any) -> None:
            if monitor.task is not None:
                monitor.task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await monitor.task

        @ready.route("", methods=["GET"])
        async def readiness(request: Request) -> HTTPResponse:
            why = await monitor.check(request.app)
            if why:
                return response.json({"ready": False, "why": why}, status=503)
            return response.json({"ready": True})

        return ready

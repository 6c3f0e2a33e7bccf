"""``GET /ready``, and no silent in-memory fallback for conversations.

When the server starts, this channel makes the conversation store strict
(``rasa_patches.strict_store``): a store error fails the turn instead of keeping the
conversation in memory, and every channel answers a failed turn with ``guard.NO_REPLY``.

``GET /ready`` answers 200 ``{"ready": true}`` only when the model is loaded, the action
server answers, and the configured tracker store and lock store can be reached; otherwise
503 ``{"ready": false, "why": [...]}``. The same reasons are logged at start and whenever
readiness changes (a background check runs every ``CHECK_EVERY`` seconds).

credentials.yml: ``channels.health.ReadinessInput:`` (no settings).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_patches.strict_store import describe, ensure_tables, innermost, make_strict

logger = logging.getLogger(__name__)

CHECK_TIMEOUT = 3.0  # seconds for each dependency to answer
CHECK_EVERY = 10.0  # seconds between background checks (for the log)
PROBE_ID = "__readiness_probe__"


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
        return f"the action server does not answer ({describe(error)})"
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
    ensure_tables(store)


async def _tracker_store_problem(agent: Any) -> Optional[str]:
    store = innermost(agent.tracker_store)
    if isinstance(store, InMemoryTrackerStore):
        return "no conversation store is configured: conversations would be kept only in memory"
    try:
        if isinstance(store, SQLTrackerStore):
            await asyncio.wait_for(asyncio.to_thread(_check_sql, store), CHECK_TIMEOUT)
        else:
            await asyncio.wait_for(store.retrieve(PROBE_ID), CHECK_TIMEOUT)
    except Exception as error:
        return f"the conversation store ({type(store).__name__}) cannot be reached ({describe(error)})"
    return None


async def _lock_store_problem(agent: Any) -> Optional[str]:
    store = agent.lock_store
    if isinstance(store, InMemoryLockStore):
        return None  # one instance: its own memory is the right place for its locks
    try:
        await asyncio.wait_for(asyncio.to_thread(store.get_lock, PROBE_ID), CHECK_TIMEOUT)
    except Exception as error:
        return f"the lock store ({type(store).__name__}) cannot be reached ({describe(error)})"
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

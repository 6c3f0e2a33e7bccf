"""What a conversation leaves in a server's memory is bounded: web chat sockets and rooms,
Slack's de-duplication keys."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any, Dict, List

import socketio

from channels import slack
from channels.slack import Deduplicator
from channels.webchat import WebChatInput
from tests.e2e.servers import Servers


async def _nothing(_: Any) -> None:
    return None


def _handlers(channel: WebChatInput) -> Dict[str, Any]:
    channel.blueprint(_nothing)
    assert channel.sio is not None
    handlers: Dict[str, Any] = channel.sio.handlers["/"]
    return handlers


async def test_one_socket_holds_one_conversation_however_often_it_starts_over() -> None:
    channel = WebChatInput()
    handlers = _handlers(channel)
    assert channel.sio is not None
    sid = await channel.sio.manager.connect("eio-1", "/")
    for _ in range(200):
        await handlers["session_request"](sid, {"session_id": None})
    assert len(channel.sio.rooms(sid)) == 2  # its own room and its current conversation


async def test_connections_beyond_the_limit_are_refused_until_one_closes() -> None:
    channel = WebChatInput(max_connections=2)
    handlers = _handlers(channel)
    assert [await handlers["connect"](sid, {}) for sid in ("a", "b", "c")] == [True, True, False]
    await handlers["disconnect"]("a")
    assert await handlers["connect"]("d", {}) is True
    assert channel.connections == {"b", "d"}


async def test_slack_remembers_a_bounded_number_of_events_for_an_hour(monkeypatch: Any) -> None:
    dedup = Deduplicator(size=100)
    for i in range(1000):
        assert await dedup.first_time(f"event:{i}")
    assert len(dedup.seen) == 100
    assert not await dedup.first_time("event:999")  # recent ones are still answered once
    later = slack.time.time() + dedup.ttl + 1
    monkeypatch.setattr(slack.time, "time", lambda: later)
    assert await dedup.first_time("event:new")
    assert list(dedup.seen) == ["event:new"]  # an hour later the old keys are gone


def test_after_start_over_a_page_no_longer_gets_the_old_conversation(servers: Servers) -> None:
    """A tab that started over must not keep receiving the old conversation's replies."""

    async def scenario() -> List[Dict[str, Any]]:
        first, second = socketio.AsyncClient(), socketio.AsyncClient()
        tokens: List[str] = []
        seen_by_first: List[Dict[str, Any]] = []
        second_got = asyncio.Event()
        first.on("session_confirm", tokens.append)
        first.on("bot_uttered", seen_by_first.append)
        second.on("bot_uttered", lambda _: second_got.set())
        for client in (first, second):
            await client.connect(servers.base, socketio_path="/socket.io", transports=["polling"])
        await first.emit("session_request", {"session_id": None})
        await _until(lambda: len(tokens) == 1)
        await first.emit("session_request", {"session_id": None})  # "Start over"
        await _until(lambda: len(tokens) == 2)
        await second.emit("session_request", {"session_id": tokens[0]})  # the old one, elsewhere
        message = f"what does an IT project manager do? ({uuid.uuid4().hex[:6]})"
        await second.emit("user_uttered", {"message": message, "session_id": tokens[0]})
        await asyncio.wait_for(second_got.wait(), timeout=30)
        await asyncio.sleep(0.5)
        for client in (first, second):
            await client.disconnect()
        return seen_by_first

    assert asyncio.run(scenario()) == []


async def _until(condition: Any, timeout: float = 20) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")

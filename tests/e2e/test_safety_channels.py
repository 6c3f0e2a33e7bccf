"""Safety of the channels, end to end: web chat sessions that cannot be forged, Slack events
answered once, and a turn that fails inside answered with the failure reply in every channel."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import sqlite3
import uuid
from typing import Iterator, List

import pytest

from channels.guard import NO_REPLY
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.servers import Servers, SocketChat, texts
from tests.e2e.test_slack_e2e import channel_id, event, post, settle

NORMAL = "on time, within budget"  # part of the answer to "what does an IT project manager do?"
UNKNOWN = "don't know anything about you yet"
FAILED = "can't check that right now"


def other_key_signature(conversation_id: str) -> str:
    """A well-formed signature made with a key that is not the server's."""
    return hmac.new(b"another instance's key", conversation_id.encode(), hashlib.sha256).hexdigest()[:32]


@pytest.fixture
def victim(servers: Servers) -> Iterator[SocketChat]:
    alice = SocketChat(servers.base)
    alice.send("am I eligible for the PMP?")
    alice.send("I have a master's degree")
    assert "education: a master's degree" in texts(alice.send("what do you know about me?"))
    yield alice
    alice.close()


def forged_tokens(victim_token: str) -> List[str]:
    conversation_id, signature = victim_token.split(".")
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    return [
        conversation_id,  # the bare id
        f"{conversation_id}.{'0' * 32}",  # a made-up signature
        f"{conversation_id}.{flipped}",  # one character off
        f"{conversation_id}.{other_key_signature(conversation_id)}",  # signed with another key
    ]


@pytest.mark.parametrize("kind", range(4), ids=["bare id", "zeros", "one character off", "another key"])
def test_forged_session_request_gets_a_new_session_and_none_of_the_victims_data(
    servers: Servers, victim: SocketChat, kind: int
) -> None:
    forged = forged_tokens(victim.token)[kind]
    victim_conversation = victim.token.split(".")[0]
    heard_by_victim = len(victim.received)
    mallory = SocketChat(servers.base, token=forged)
    try:
        assert mallory.token not in (forged, victim.token)
        assert mallory.token.split(".")[0] != victim_conversation  # a new, different session
        answer = texts(mallory.send("what do you know about me?"))
        assert UNKNOWN in answer
        assert "master" not in answer
        assert len(victim.received) == heard_by_victim  # nothing reached the victim's room
    finally:
        mallory.close()
    assert "education: a master's degree" in texts(victim.send("what do you know about me?"))


def test_forged_token_on_a_message_is_refused_and_the_victim_hears_nothing(
    servers: Servers, victim: SocketChat
) -> None:
    heard_by_victim = len(victim.received)
    mallory = SocketChat(servers.base)
    try:
        for forged in forged_tokens(victim.token):
            mallory.token = forged
            answer = texts(mallory.send("what do you know about me?"))
            assert "session had expired" in answer
            assert "master" not in answer
        assert all(token.split(".")[0] != victim.token.split(".")[0] for token in mallory.confirmed)
        assert len(victim.received) == heard_by_victim
    finally:
        mallory.close()


def test_slack_event_retried_with_a_new_timestamp_is_answered_once(
    servers: Servers, fake_slack: FakeSlack
) -> None:
    channel = channel_id()
    first = event("what does an IT project manager do?", channel)
    again = {**first, "event": {**first["event"], "ts": f"{float(first['event']['ts']) + 1:.6f}"}}
    assert post(servers, json.dumps(first).encode()).status_code == 200
    fake_slack.wait_for(channel, 1)
    assert post(servers, json.dumps(again).encode()).status_code == 200
    settle()
    assert len(fake_slack.posts_to(channel)) == 1
    # A different event in the same channel is answered: the event_id is what was recognised.
    other = event("what does an IT project manager do?", channel)
    assert post(servers, json.dumps(other).encode()).status_code == 200
    assert len(fake_slack.wait_for(channel, 2)) == 2


class LockedDatabase:
    """Locks the SQLite conversation store: Rasa can read a conversation but not save it
    (after SQLite's 5 s timeout). The store runs in write-ahead mode, where ``EXCLUSIVE`` is
    the same lock as ``IMMEDIATE``: a new conversation cannot be saved either."""

    def __init__(self, servers: Servers) -> None:
        self.connection = sqlite3.connect(servers.tracker_db, isolation_level=None)

    @contextlib.contextmanager
    def locked(self, mode: str) -> Iterator[None]:
        self.connection.execute(f"BEGIN {mode}")
        try:
            yield
        finally:
            self.connection.execute("ROLLBACK")

    def user_texts(self, sender: str) -> List[str]:
        rows = self.connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        )
        return [json.loads(data)["text"] for (data,) in rows]


def slack_says(fake_slack: FakeSlack, servers: Servers, channel: str, user: str, text: str) -> str:
    before = len(fake_slack.posts_to(channel))
    post(servers, json.dumps(event(text, channel, user=user)).encode())
    return "\n".join(p["text"] for p in fake_slack.wait_for(channel, before + 1)[before:])


def test_a_turn_that_cannot_be_saved_gets_only_the_failure_reply_in_every_channel(
    servers: Servers, fake_slack: FakeSlack
) -> None:
    question = "what does an IT project manager do?"
    rest_user, channel, slack_user = f"locked-{uuid.uuid4().hex}", channel_id(), f"U{uuid.uuid4().hex[:8]}"
    chat = SocketChat(servers.base)
    database = LockedDatabase(servers)
    try:
        # Conversations that exist: with the store locked for writing they can be read, the
        # answer is worked out, and then saving it fails.
        assert NORMAL in texts(servers.send(rest_user, question))
        assert NORMAL in texts(chat.send(question))
        assert NORMAL in slack_says(fake_slack, servers, channel, slack_user, question)
        with database.locked("IMMEDIATE"):
            assert texts(servers.send(rest_user, "what skills do I need?")) == NO_REPLY
            assert texts(chat.send("what skills do I need?")) == NO_REPLY
            assert slack_says(fake_slack, servers, channel, slack_user, "what skills do I need?") == NO_REPLY
        with database.locked("EXCLUSIVE"):  # a new conversation fails too, and the instance is not ready
            assert texts(servers.send(f"new-{rest_user}", question)) == NO_REPLY
            status, body = servers.ready()
            assert status == 503 and body["ready"] is False
            assert any("conversation store" in why for why in body["why"]), body
        # The store is back: each channel answers again, and nothing of the failed turns was kept.
        assert NORMAL in texts(servers.send(rest_user, question))
        assert NORMAL in texts(chat.send(question))
        assert NORMAL in slack_says(fake_slack, servers, channel, slack_user, question)
        assert database.user_texts(rest_user) == [question, question]
        assert database.user_texts(f"new-{rest_user}") == []
        assert servers.wait_ready() == {"ready": True}
    finally:
        chat.close()
        database.connection.close()

"""Channel helpers that need no server: Slack signatures and mrkdwn, web chat session tokens."""

from __future__ import annotations

import hashlib
import hmac
import time

import pytest

from bot.stores import endpoints
from channels.health import _health_url
from channels.sessions import conversation_of, new_token
from channels.slack import Deduplicator, to_mrkdwn, verify_signature
from rasa_patches.strict_store import describe


def sign(secret: str, ts: str, body: bytes) -> str:
    return "v0=" + hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()


def test_slack_signature() -> None:
    ts = str(int(time.time()))
    body = b'{"type":"event_callback"}'
    assert verify_signature("s3cret", ts, sign("s3cret", ts, body), body)
    assert not verify_signature("s3cret", ts, sign("other", ts, body), body)
    assert not verify_signature("s3cret", ts, sign("s3cret", ts, body), body + b" ")
    old = str(int(time.time()) - 301)
    assert not verify_signature("s3cret", old, sign("s3cret", old, body), body)
    assert not verify_signature("s3cret", None, None, body)
    assert not verify_signature("s3cret", "soon", "v0=x", body)


def test_mrkdwn() -> None:
    assert to_mrkdwn("**PMP**: see [PMI](https://www.pmi.org)") == "*PMP*: see <https://www.pmi.org|PMI>"
    assert to_mrkdwn("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


async def test_deduplicator_remembers_keys() -> None:
    dedup = Deduplicator()
    assert await dedup.first_time("event:1")
    assert not await dedup.first_time("event:1")
    assert await dedup.first_time("event:2")


def test_session_tokens_are_signed_and_unguessable() -> None:
    secret = b"k" * 32
    token = new_token(secret)
    conversation = conversation_of(token, secret)
    assert conversation is not None and len(conversation) == 32
    assert token != new_token(secret)
    assert conversation_of(token, b"other-secret") is None
    assert conversation_of(conversation, secret) is None  # a bare id is not enough
    assert conversation_of("alice.0000", secret) is None
    forged = conversation[:-1] + ("0" if conversation[-1] != "0" else "1") + "." + token.split(".")[1]
    assert conversation_of(forged, secret) is None
    assert conversation_of(None, secret) is None and conversation_of(42, secret) is None


def test_stores_from_the_environment() -> None:
    assert endpoints({})["tracker_store"] == {
        "type": "SQL",
        "dialect": "sqlite",
        "db": "var/conversations.db",
    }
    assert "lock_store" not in endpoints({})
    config = endpoints(
        {"DB_URL": "postgresql://rasa:p%40ss@db:5433/chat", "REDIS_URL": "redis://:pw@cache:6380/2"}
    )
    assert config["tracker_store"] == {
        "type": "SQL",
        "dialect": "postgresql",
        "url": "db",
        "port": 5433,
        "db": "chat",
        "username": "rasa",
        "password": "p@ss",
        "query": {"connect_timeout": "5"},
    }
    assert config["lock_store"] == {
        "type": "rasa_patches.locks.AtomicRedisLockStore",
        "url": "cache",
        "port": 6380,
        "db": 2,
        "key_prefix": "pmca",
        "password": "pw",
    }
    with pytest.raises(ValueError):
        endpoints({"DB_URL": "mysql://x@y/z"})
    with pytest.raises(ValueError):
        endpoints({"REDIS_URL": "http://cache"})


def test_readiness_reasons_name_no_secret_and_find_the_action_health_url() -> None:
    error = RuntimeError('connection to "postgresql://rasa:hunter2@db:5432/rasa" failed\nmore')
    assert "hunter2" not in describe(error)
    assert describe(error).startswith("RuntimeError: connection to")
    assert _health_url("http://127.0.0.1:5055/webhook") == "http://127.0.0.1:5055/health"
    assert _health_url("http://actions/api/webhook/") == "http://actions/api/health"

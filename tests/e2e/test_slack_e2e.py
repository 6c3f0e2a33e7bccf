"""Slack through the real Rasa server, with Slack's Web API replaced by a local fake."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Any, Dict, Optional
from urllib.parse import urlencode

import requests

from bot.certifications import load_catalog
from tests.e2e.conftest import SLACK_SECRET
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.servers import Servers

CATALOG = load_catalog()


def post(
    servers: Servers,
    body: bytes,
    content_type: str = "application/json",
    secret: str = SLACK_SECRET,
    timestamp: Optional[int] = None,
    headers: Optional[Dict[str, str]] = None,
) -> requests.Response:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = (
        "v0=" + hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    )
    all_headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
        **(headers or {}),
    }
    return requests.post(f"{servers.base}/webhooks/slack/events", data=body, headers=all_headers, timeout=10)


def event(text: str, channel: str, kind: str = "message", **extra: Any) -> Dict[str, Any]:
    ts = f"{time.time():.6f}"
    inner = {"type": kind, "user": "U123", "text": text, "channel": channel, "ts": ts, **extra}
    if kind == "message":
        inner.setdefault("channel_type", "im")
    return {"type": "event_callback", "team_id": "T1", "event_id": f"Ev{uuid.uuid4().hex}", "event": inner}


def channel_id() -> str:
    return f"D{uuid.uuid4().hex[:10].upper()}"


def settle() -> None:
    time.sleep(2.0)  # long enough for a duplicate reply to have arrived, if there were one


def test_url_verification(servers: Servers) -> None:
    reply = post(servers, json.dumps({"type": "url_verification", "challenge": "abc123"}).encode())
    assert reply.status_code == 200
    assert reply.json() == {"challenge": "abc123"}


def test_dm_gets_one_reply_with_text_and_blocks(servers: Servers, fake_slack: FakeSlack) -> None:
    channel = channel_id()
    reply = post(servers, json.dumps(event("what does an IT project manager do?", channel)).encode())
    assert reply.status_code == 200
    posts = fake_slack.wait_for(channel, 1)
    settle()
    posts = fake_slack.posts_to(channel)
    assert len(posts) == 1
    [answer] = posts
    assert answer["_auth"] == "Bearer xoxb-test-token"
    assert "on time, within budget" in answer["text"]
    assert "thread_ts" not in answer  # a top-level DM gets a top-level answer
    section, actions = answer["blocks"]
    assert section["type"] == "section" and section["text"]["type"] == "mrkdwn"
    assert actions["type"] == "actions"
    assert [e["text"]["text"] for e in actions["elements"]] == [
        "Responsibilities",
        "Skills needed",
        "How do I become one?",
    ]
    assert len(actions["elements"]) <= 5


def test_bad_signature_and_stale_timestamp_are_rejected(servers: Servers, fake_slack: FakeSlack) -> None:
    channel = channel_id()
    body = json.dumps(event("hello", channel)).encode()
    assert post(servers, body, secret="wrong-secret").status_code == 401
    assert post(servers, body, timestamp=int(time.time()) - 600).status_code == 401
    settle()
    assert fake_slack.posts_to(channel) == []


def test_retries_of_one_event_give_one_reply(servers: Servers, fake_slack: FakeSlack) -> None:
    channel = channel_id()
    body = json.dumps(event("hello", channel)).encode()
    assert post(servers, body).status_code == 200
    for retry in (1, 2):
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        assert post(servers, body, headers=headers).status_code == 200
    fake_slack.wait_for(channel, 1)
    settle()
    assert len(fake_slack.posts_to(channel)) == 1


def test_same_message_as_message_and_app_mention_answered_once(
    servers: Servers, fake_slack: FakeSlack
) -> None:
    channel = channel_id()
    first = event("<@UBOT> what skills do I need?", channel)
    second = {
        **first,
        "event_id": f"Ev{uuid.uuid4().hex}",
        "event": {**first["event"], "type": "app_mention"},
    }
    second["event"].pop("channel_type")
    post(servers, json.dumps(first).encode())
    post(servers, json.dumps(second).encode())
    fake_slack.wait_for(channel, 1)
    settle()
    posts = fake_slack.posts_to(channel)
    assert len(posts) == 1
    assert "Leadership" in posts[0]["text"]


def test_threaded_message_gets_a_threaded_reply(servers: Servers, fake_slack: FakeSlack) -> None:
    channel = channel_id()
    post(
        servers,
        json.dumps(event("what certifications are there?", channel, thread_ts="1700000000.000100")).encode(),
    )
    [answer] = fake_slack.wait_for(channel, 1)
    assert answer["thread_ts"] == "1700000000.000100"


def test_mrkdwn_escapes_user_controlled_text(servers: Servers, fake_slack: FakeSlack) -> None:
    channel = channel_id()
    post(servers, json.dumps(event("tell me about <!channel> the ITIL 9", channel)).encode())
    posts = fake_slack.wait_for(channel, 1)
    assert posts
    assert "<!channel>" not in json.dumps(posts)


def test_button_click_continues_the_conversation(servers: Servers, fake_slack: FakeSlack) -> None:
    channel = channel_id()
    post(servers, json.dumps(event("am I eligible?", channel)).encode())
    [question] = fake_slack.wait_for(channel, 1)
    button = next(e for e in question["blocks"][1]["elements"] if e["text"]["text"] == "PMP")
    click = {
        "type": "block_actions",
        "trigger_id": uuid.uuid4().hex,
        "user": {"id": "U123"},
        "team": {"id": "T1"},
        "channel": {"id": channel},
        "message": {"ts": "1.0"},
        "actions": [{"value": button["value"], "action_ts": f"{time.time():.6f}"}],
    }
    body = urlencode({"payload": json.dumps(click)}).encode()
    assert post(servers, body, content_type="application/x-www-form-urlencoded").status_code == 200
    posts = fake_slack.wait_for(channel, 2)
    assert CATALOG.fields["education"].default_question in posts[1]["text"]


def test_eligibility_verdict_is_a_block_kit_section(servers: Servers, fake_slack: FakeSlack) -> None:
    channel = channel_id()
    text = "I have a bachelor's, 5 years of PM experience and 35 hours of training, am I eligible for PMP?"
    post(servers, json.dumps(event(text, channel)).encode())
    [asked] = fake_slack.wait_for(channel, 1)
    assert "Was all of it in the last 8 years" in asked["text"]  # "5 years" said without an end
    post(servers, json.dumps(event("yes", channel)).encode())
    posts = fake_slack.wait_for(channel, 3)
    card = next(p for p in posts if p["text"].startswith("*PMP: Eligible*"))
    assert card["blocks"][0]["type"] == "section"
    assert "Path B" in card["blocks"][0]["text"]["text"]
    assert f"Rules as of {CATALOG.rules_as_of}" in card["blocks"][1]["elements"][0]["text"]

"""Parts that fail, and interfaces that must stay locked."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import requests

from bot.certifications import load_catalog
from channels.guard import NO_REPLY
from tests.e2e.conftest import SLACK_SECRET
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.servers import Servers, SocketChat, texts
from tests.e2e.test_slack_e2e import channel_id, event, post

QUESTION = load_catalog().fields
TOKEN = uuid.uuid4().hex


def listening_addresses(port: int) -> set:
    """Local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                found.add(address)
    return found


def test_action_server_down_then_back(
    tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack
) -> None:
    slack = {
        "SLACK_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_URL": fake_slack.url,
    }
    servers = Servers(tmp_path_factory.mktemp("actions-down"), env=slack)
    servers.start_actions()
    servers.start_rasa(extra_args=["--enable-api", "--auth-token", TOKEN])
    chat = SocketChat(servers.base)
    try:
        user = f"down-{uuid.uuid4().hex}"
        assert servers.ready() == (200, {"ready": True})
        assert servers.action is not None
        servers.action.kill()
        servers.action.wait(timeout=30)
        status, body = servers.ready()
        assert status == 503 and any("action server" in why for why in body["why"]), body
        down = texts(servers.send(user, "am I eligible for the PMP?"))
        assert "can't check that right now" in down
        assert "IT project manager role" in down  # says what it can still do
        # The same in the web chat and in Slack.
        assert NO_REPLY in texts(chat.send("am I eligible for the PMP?"))
        channel = channel_id()
        post(servers, json.dumps(event("am I eligible for the PMP?", channel)).encode())
        [slack_down] = fake_slack.wait_for(channel, 1)
        assert "can't check that right now" in slack_down["text"]
        knowledge = texts(servers.send(user, "what does an IT project manager do?"))
        assert "on time, within budget" in knowledge  # answers that need no action still work
        servers.start_actions()
        assert servers.wait_ready() == {"ready": True}
        back = texts(servers.send(user, "am I eligible for the PMP?"))
        assert QUESTION["education"].default_question in back
        assert load_catalog().question_for("pm_experience_months", "PMP") in texts(
            servers.send(user, "I have a bachelor's")
        )

        # The HTTP API, when enabled, needs the token.
        assert requests.get(f"{servers.base}/status", timeout=10).status_code == 401
        assert requests.get(f"{servers.base}/conversations/{user}/tracker", timeout=10).status_code == 401
        authorised = requests.get(f"{servers.base}/status", params={"token": TOKEN}, timeout=10)
        assert authorised.status_code == 200
    finally:
        chat.close()
        servers.stop()


def test_http_api_is_off_by_default_and_no_cors(servers: Servers) -> None:
    for path in ("/status", "/conversations/someone/tracker", "/model/parse", "/version"):
        response = requests.get(f"{servers.base}{path}", timeout=10)
        assert response.status_code in (404, 405), path
    reply = requests.post(
        servers.url,
        json={"sender": "cors", "message": "hi"},
        headers={"Origin": "https://evil.example"},
        timeout=30,
    )
    assert reply.status_code == 200
    assert "Access-Control-Allow-Origin" not in reply.headers


def test_action_server_listens_on_loopback_only(servers: Servers) -> None:
    addresses = listening_addresses(servers.action_port)
    assert addresses == {"0100007F"}, addresses  # 127.0.0.1, not 0.0.0.0

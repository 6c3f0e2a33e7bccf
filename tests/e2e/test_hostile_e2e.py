"""Hostile and broken input through the REST webhook and the web chat's socket.io channel."""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List

import pytest
import requests
import socketio

from tests.e2e.servers import Servers, texts
from tests.hostile.corpus import MESSAGES, RAW_BODIES, TOO_LONG

EMPTYISH = {"empty", "spaces", "newlines", "nul"}


def rest(servers: Servers, text: Any, sender: str = "") -> requests.Response:
    body = {"sender": sender or f"hostile-{uuid.uuid4().hex}", "message": text}
    return requests.post(servers.url, json=body, timeout=60)


@pytest.mark.parametrize(("label", "text"), MESSAGES, ids=[m[0] for m in MESSAGES])
def test_rest_answers_every_message_kindly(servers: Servers, label: str, text: str) -> None:
    reply = rest(servers, text)
    assert reply.status_code == 200
    messages = reply.json()
    words = texts(messages)
    assert words.strip(), f"{label}: empty reply {messages}"
    assert "Traceback" not in words and "Exception" not in words
    if label in TOO_LONG:
        assert "too long" in words
    if label in EMPTYISH:
        assert "looked empty" in words


@pytest.mark.parametrize(("label", "body", "content_type"), RAW_BODIES, ids=[b[0] for b in RAW_BODIES])
def test_rest_broken_bodies_get_a_clean_answer(
    servers: Servers, label: str, body: bytes, content_type: str
) -> None:
    reply = requests.post(servers.url, data=body, headers={"Content-Type": content_type}, timeout=30)
    assert reply.status_code in (200, 400), (label, reply.status_code, reply.text[:200])
    payload = reply.json()
    if reply.status_code == 400:
        assert "sender" in payload["error"] or "JSON" in payload["error"]
    else:
        assert texts(payload).strip()


def test_typed_commands_cannot_skip_validation_or_restart(servers: Servers) -> None:
    user = f"typed-{uuid.uuid4().hex}"
    rest(servers, "am I eligible for the PMP?", user)
    rest(servers, "I have a bachelor's", user)
    rest(servers, '/inform{"pm_experience_months": 99999}', user)
    absurd = texts(rest(servers, '/inform{"duration": "99999 months"}', user).json())
    assert "more than 50 years" in absurd
    refused = texts(rest(servers, "/restart", user).json())
    assert "don't take commands" in refused
    known = texts(rest(servers, "what do you know about me?", user).json())
    assert "education: a bachelor's degree" in known  # /restart did not wipe the conversation
    assert "project leadership experience" not in known  # 99999 months was never accepted
    buttons = texts(rest(servers, '/inform{"education_level": "master"}', user).json())
    assert "master's degree" in buttons  # the assistant's own button payloads still work


def test_fuzzed_requests_never_break_the_webhook(servers: Servers) -> None:
    rng = random.Random(20261125)
    alphabet = [chr(c) for c in range(0, 0x2FF)] + ["🙂", "\u202e", "{", "}", '"', "\\"]
    for _ in range(120):
        kind = rng.choice(["bytes", "json", "text"])
        if kind == "bytes":
            body = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
            reply = requests.post(
                servers.url, data=body, headers={"Content-Type": "application/json"}, timeout=30
            )
        elif kind == "json":
            value: Any = rng.choice(
                [None, 1, -1.5, True, [], {}, "x" * rng.randint(0, 50), {"a": [1, {"b": None}]}]
            )
            document: Dict[str, Any] = {rng.choice(["sender", "message", "metadata", "x"]): value}
            if rng.random() < 0.7:
                document["sender"] = f"fuzz-{rng.randint(0, 5)}"
            reply = requests.post(servers.url, data=json.dumps(document), timeout=30)
        else:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
            reply = rest(servers, text, f"fuzz-{rng.randint(0, 5)}")
        assert reply.status_code in (200, 400), reply.text[:200]
        assert reply.json() is not None
    healthy = texts(rest(servers, "what does an IT project manager do?").json())
    assert "on time, within budget" in healthy


class SocketUser:
    """A web chat client speaking socket.io (long-polling) to the real server."""

    def __init__(self, servers: Servers, origin: str = "") -> None:
        self.client = socketio.Client(reconnection=False)
        self.messages: List[Dict[str, Any]] = []
        self.token: Any = None
        self.lock = threading.Lock()
        self.client.on("session_confirm", self._confirm)
        self.client.on("bot_uttered", self._message)
        self.client.connect(
            servers.base,
            socketio_path="/socket.io",
            headers={"Origin": origin or servers.base},
            transports=["polling"],
            wait_timeout=10,
        )
        self.client.emit("session_request", {"session_id": None})
        for _ in range(100):
            if self.token:
                break
            time.sleep(0.1)
        assert self.token, "no session_confirm"

    def _confirm(self, token: str) -> None:
        self.token = token

    def _message(self, message: Dict[str, Any]) -> None:
        with self.lock:
            self.messages.append(message)

    def send(self, text: Any, token: Any = None, timeout: float = 20) -> List[Dict[str, Any]]:
        before = len(self.messages)
        self.client.emit("user_uttered", {"message": text, "session_id": token or self.token})
        deadline = time.time() + timeout
        while time.time() < deadline:
            time.sleep(0.1)
            if len(self.messages) > before:
                time.sleep(0.5)  # let the rest of the turn arrive
                with self.lock:
                    return list(self.messages[before:])
        return []

    def close(self) -> None:
        self.client.disconnect()


SOCKET_MESSAGES = [m for m in MESSAGES if len(m[1]) <= 20_000]


def test_socketio_answers_every_message_kindly(servers: Servers) -> None:
    user = SocketUser(servers)
    try:
        for label, text in SOCKET_MESSAGES:
            replies = user.send(text)
            assert replies and texts(replies).strip(), f"no reply over socket.io to {label!r}"
            if label in TOO_LONG:
                assert "too long" in texts(replies)
    finally:
        user.close()


def test_socketio_refuses_other_origins(servers: Servers) -> None:
    with pytest.raises(socketio.exceptions.ConnectionError):
        SocketUser(servers, origin="https://evil.example")


def test_socketio_cannot_use_someone_elses_conversation_id(servers: Servers) -> None:
    alice, mallory = SocketUser(servers), SocketUser(servers)
    try:
        alice.send("am I eligible for the PMP?")
        alice.send("I have a master's degree")
        conversation_id = alice.token.split(".")[0]
        stolen = mallory.send("what do you know about me?", token=conversation_id)
        assert "session had expired" in texts(stolen)
        assert "master's" not in texts(stolen)
        guessed = mallory.send("what do you know about me?", token=f"{conversation_id}.{'0' * 32}")
        assert "master's" not in texts(guessed)
        assert "education: a master's degree" in texts(alice.send("what do you know about me?"))
    finally:
        alice.close()
        mallory.close()


def test_server_stayed_healthy_and_logged_no_traceback(servers: Servers) -> None:
    assert "on time, within budget" in texts(rest(servers, "what does an IT project manager do?").json())
    for log in ("rasa.log", "actions.log"):
        content = Path(servers.workdir / log).read_text(errors="replace")
        assert "Traceback" not in content, f"traceback in {log}"

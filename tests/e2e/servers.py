"""Starts the real action server and Rasa server for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import requests
import socketio
import yaml

from bot.stores import endpoints

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "pm-career.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_answer(
    url: str, deadline: float, process: Optional[subprocess.Popen] = None, log: Optional[Path] = None
) -> None:
    """Waits until the REST webhook at ``url`` gives a real reply (Rasa answers HTTP before
    its model is loaded), failing early if ``process`` exits."""
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; see {log}")
        try:
            reply = requests.post(url, json={"sender": "__probe__", "message": "hello"}, timeout=5)
            if reply.ok and reply.json():
                return
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in time")


class Servers:
    """One action server and one Rasa server with their own tracker store file."""

    def __init__(
        self,
        workdir: Path,
        tracker_db: Optional[Path] = None,
        env: Optional[Dict[str, str]] = None,
        action_port: Optional[int] = None,
    ) -> None:
        """``env`` may set DB_URL / REDIS_URL (see bot.stores); ``action_port`` reuses a
        running action server instead of starting one."""
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.rasa_port = free_port()
        self.action_port = action_port or free_port()
        self.tracker_db = tracker_db or workdir / "conversations.db"
        self.env = {
            **os.environ,
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SANIC_HOST": "127.0.0.1",  # the action server listens on loopback only
            "ACTION_PORT": str(self.action_port),
            "SQLITE_PATH": str(self.tracker_db),
            "WEBCHAT_SECRET_FILE": str(workdir.parent / "webchat.secret"),
            **(env or {}),
        }
        self.endpoints = workdir / "endpoints.yml"
        self.endpoints.write_text(yaml.safe_dump(endpoints(self.env)))
        self.action: Optional[subprocess.Popen[bytes]] = None
        self.rasa: Optional[subprocess.Popen[bytes]] = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    def start_actions(self) -> None:
        log = open(self.workdir / "actions.log", "ab")  # noqa: SIM115 (open while the child runs)
        self.action = subprocess.Popen(
            [
                str(VENV_BIN / "python"),
                "-m",
                "rasa_sdk",
                "--actions",
                "actions",
                "--port",
                str(self.action_port),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{self.action_port}/health", timeout=2).ok:
                    return
            except requests.RequestException:
                time.sleep(0.3)
        raise RuntimeError("action server did not start; see actions.log")

    def start_rasa(self, new_port: bool = False, extra_args: Optional[List[str]] = None) -> float:
        """Starts Rasa and returns the seconds until it answered a real message."""
        if new_port:
            self.rasa_port = free_port()
        log = open(self.workdir / "rasa.log", "ab")  # noqa: SIM115 (open while the child runs)
        started = time.time()
        self.rasa = subprocess.Popen(
            [
                str(VENV_BIN / "rasa"),
                "run",
                "--model",
                str(MODEL),
                "--port",
                str(self.rasa_port),
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--endpoints",
                str(self.endpoints),
                "--interface",
                "127.0.0.1",
                *(extra_args or []),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_answer(self.url, started + 240, self.rasa, self.workdir / "rasa.log")
        return time.time() - started

    def send(self, sender: str, message: str) -> List[Dict[str, Any]]:
        reply = requests.post(self.url, json={"sender": sender, "message": message}, timeout=30)
        assert reply.status_code == 200, reply.text
        result: List[Dict[str, Any]] = reply.json()
        return result

    def ready(self) -> Tuple[int, Dict[str, Any]]:
        """``GET /ready``: (HTTP status, body)."""
        reply = requests.get(f"{self.base}/ready", timeout=30)
        return reply.status_code, reply.json()

    def wait_ready(self, timeout: float = 90) -> Dict[str, Any]:
        """Polls ``/ready`` until it answers 200; the last body either way."""
        deadline = time.time() + timeout
        status, body = self.ready()
        while status != 200 and time.time() < deadline:
            time.sleep(0.5)
            status, body = self.ready()
        return body

    def log(self) -> str:
        return (self.workdir / "rasa.log").read_text(errors="replace")

    def kill_rasa(self) -> None:
        """SIGKILL: no chance to flush or clean up, as in a crash."""
        assert self.rasa is not None
        self.rasa.kill()
        self.rasa.wait(timeout=30)

    def stop(self, sig_kill: bool = False) -> None:
        for proc in (self.rasa, self.action):
            if proc and proc.poll() is None:
                proc.kill() if sig_kill else proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages if m.get("text"))


class SocketChat:
    """A web chat client speaking socket.io (long-polling) to the real server, recording
    everything its socket receives."""

    def __init__(self, base: str, token: Optional[str] = None) -> None:
        self.client = socketio.Client(reconnection=False)
        self.received: List[Dict[str, Any]] = []
        self.confirmed: List[str] = []
        self.lock = threading.Lock()
        self.client.on("session_confirm", self._confirm)
        self.client.on("bot_uttered", self._message)
        self.client.connect(
            base,
            socketio_path="/socket.io",
            headers={"Origin": base},
            transports=["polling"],
            wait_timeout=10,
        )
        self.token = self.request_session(token)

    def _confirm(self, token: str) -> None:
        with self.lock:
            self.confirmed.append(token)

    def _message(self, message: Dict[str, Any]) -> None:
        with self.lock:
            self.received.append(message)

    def request_session(self, token: Optional[str]) -> str:
        """Sends ``session_request`` with ``token``; the token the server confirms."""
        before = len(self.confirmed)
        self.client.emit("session_request", {"session_id": token})
        deadline = time.time() + 20
        while len(self.confirmed) == before and time.time() < deadline:
            time.sleep(0.05)
        assert len(self.confirmed) > before, "no session_confirm"
        return self.confirmed[-1]

    def send(self, text: Any, timeout: float = 30) -> List[Dict[str, Any]]:
        """Sends ``text`` in this client's session; the messages received for it."""
        before = len(self.received)
        self.client.emit("user_uttered", {"message": text, "session_id": self.token})
        deadline = time.time() + timeout
        while len(self.received) == before and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the rest of the turn
        with self.lock:
            return list(self.received[before:])

    def close(self) -> None:
        # Without abort, a polling client waits for its open long-poll (up to 25 s) to end.
        self.client.eio.disconnect(abort=True)

"""Starts the real action server and Rasa server for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import requests
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

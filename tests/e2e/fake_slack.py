"""A stand-in for Slack's Web API on 127.0.0.1 that records chat.postMessage calls."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List
from urllib.parse import parse_qs


class FakeSlack:
    def __init__(self) -> None:
        self.posts: List[Dict[str, Any]] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                    if isinstance(body.get("blocks"), str):
                        body["blocks"] = json.loads(body["blocks"])
                if self.path.endswith("/chat.postMessage"):
                    with fake.lock:
                        fake.posts.append({**body, "_auth": self.headers.get("Authorization")})
                reply = json.dumps(
                    {"ok": True, "ts": f"{time.time():.6f}", "channel": body.get("channel")}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()

    def posts_to(self, channel: str) -> List[Dict[str, Any]]:
        with self.lock:
            return [p for p in self.posts if p.get("channel") == channel]

    def wait_for(self, channel: str, count: int, timeout: float = 20.0) -> List[Dict[str, Any]]:
        deadline = time.time() + timeout
        while time.time() < deadline:
            posts = self.posts_to(channel)
            if len(posts) >= count:
                return posts
            time.sleep(0.1)
        return self.posts_to(channel)

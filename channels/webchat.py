"""The web chat: a page at /chat and a socket.io channel for it.

Credentials (credentials.yml, key ``channels.webchat.WebChatInput``):
``cors_allowed_origins`` (list), ``metadata_key`` (default ``customData``),
``max_message_length`` (default ``guard.MAX_LENGTH``).

Differences from Rasa's ``socketio`` channel, each for a reason a user would notice:
- custom payloads arrive as ``{"custom": …}`` (Rasa's output passes the payload's keys to
  ``emit`` as arguments, which fails for ``{"eligibility": …}``);
- sessions are signed tokens (``channels.sessions``): reloading the page continues
  the same conversation, and nobody can open someone else's by sending its id;
- only the configured origins may connect;
- every message passes ``channels.guard`` (length, emptiness, typed commands), and a
  turn that produced no reply gets a friendly one.
"""

from __future__ import annotations

import json
import logging
import mimetypes
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Set

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels.guard import MAX_LENGTH
from channels.held import HeldReplies
from channels.sessions import conversation_of, load_secret, new_token
from channels.turn import run_turn

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).parent / "web"
ROOT = Path(__file__).resolve().parents[1]
# Files the page may load, and where they come from (the socket.io client from npm).
ASSETS = {
    "app.js": WEB_DIR / "app.js",
    "app.css": WEB_DIR / "app.css",
    "socket.io.min.js": ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
}
DEFAULT_ORIGINS = ["http://localhost:5005", "http://127.0.0.1:5005"]
# Open sockets one instance keeps (each holds buffers and a room): more are refused, so a
# flood of connections cannot exhaust memory. A browser tab uses one.
MAX_CONNECTIONS = 5000


class WebChatOutput(HeldReplies, OutputChannel):
    @classmethod
    def name(cls) -> str:
        return "webchat"

    def __init__(self, sio: AsyncServer) -> None:
        self.sio = sio
        self.sent, self.held = 0, None

    async def deliver(self, reply: Any) -> None:
        room, message = reply
        await self.sio.emit("bot_uttered", message, room=room)

    async def _emit(self, room: str, message: Dict[str, Any]) -> None:
        await self.put((room, message))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._emit(recipient_id, {"text": text})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        replies = [{"title": b.get("title", ""), "payload": b.get("payload", "")} for b in buttons]
        await self._emit(recipient_id, {"text": text, "quick_replies": replies})

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._emit(recipient_id, {"text": image})

    async def send_elements(
        self, recipient_id: str, elements: Iterable[Dict[str, Any]], **kwargs: Any
    ) -> None:
        for element in elements:
            await self._emit(recipient_id, {"custom": {"element": element}})

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        await self._emit(recipient_id, {"custom": json_message})


class WebChatInput(InputChannel):
    """Serves the chat page at /chat and talks to it over socket.io at /socket.io."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        origins = credentials.get("cors_allowed_origins") or DEFAULT_ORIGINS
        if isinstance(origins, str):
            origins = [o.strip() for o in origins.split(",") if o.strip()]
        return cls(
            cors_allowed_origins=list(origins),
            metadata_key=credentials.get("metadata_key", "customData"),
            max_message_length=int(credentials.get("max_message_length", MAX_LENGTH)),
            max_connections=int(credentials.get("max_connections", MAX_CONNECTIONS)),
        )

    def __init__(
        self,
        cors_allowed_origins: Optional[List[str]] = None,
        metadata_key: str = "customData",
        max_message_length: int = MAX_LENGTH,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self.cors_allowed_origins = cors_allowed_origins or DEFAULT_ORIGINS
        self.metadata_key = metadata_key
        self.max_message_length = max_message_length
        self.secret = load_secret()
        self.sio: Optional[AsyncServer] = None
        self.max_connections = max_connections
        self.connections: Set[str] = set()

    def origin_allowed(self, origin: Optional[str], environ: Optional[Dict[str, Any]] = None) -> bool:
        """The page's own origin, and the configured ones (for pages embedding the chat)."""
        if origin is None or origin in self.cors_allowed_origins:
            return True
        environ = environ or {}
        host = environ.get("HTTP_HOST")
        return bool(host) and origin in (f"http://{host}", f"https://{host}")

    def url_prefix(self) -> str:
        return "/chat"  # absolute: the page lives at /chat, not /webhooks/webchat

    def get_output_channel(self) -> Optional[OutputChannel]:
        return WebChatOutput(self.sio) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=self.origin_allowed)
        self.sio = sio
        page = SocketBlueprint(sio, "/socket.io", "webchat_page", __name__)

        @page.route("/", methods=["GET"])
        async def index(_: Request) -> HTTPResponse:
            html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
            return response.html(html, headers=_SECURITY_HEADERS)

        @page.route("/static/<name>", methods=["GET"])
        async def asset(_: Request, name: str) -> HTTPResponse:
            path = ASSETS.get(name)
            if path is None or not path.exists():
                return response.text("not found", status=404)
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return response.raw(path.read_bytes(), content_type=kind, headers={"Cache-Control": "no-cache"})

        @sio.on("connect")
        async def connect(sid: str, environ: Dict, auth: Optional[Dict] = None) -> bool:
            if len(self.connections) >= self.max_connections:
                return False
            self.connections.add(sid)
            return True

        @sio.on("disconnect")
        async def disconnect(sid: str) -> None:
            self.connections.discard(sid)

        @sio.on("session_request")
        async def session_request(sid: str, data: Optional[Dict] = None) -> None:
            token = (data or {}).get("session_id") if isinstance(data, dict) else None
            if conversation_of(token, self.secret) is None:
                token = new_token(self.secret)
            conversation = conversation_of(token, self.secret)
            await join(sio, sid, conversation)
            await sio.emit("session_confirm", token, room=sid)

        @sio.on("user_uttered")
        async def handle_message(sid: str, data: Any) -> None:
            output = WebChatOutput(sio)
            if not isinstance(data, dict):
                return
            conversation = conversation_of(data.get("session_id"), self.secret)
            if conversation is None:
                token = new_token(self.secret)
                await join(sio, sid, conversation_of(token, self.secret))
                await sio.emit("session_confirm", token, room=sid)
                await sio.emit(
                    "bot_uttered", {"text": "Your session had expired, so I started a new one."}, room=sid
                )
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}

            async def run(text: str) -> None:
                await on_new_message(
                    UserMessage(text, output, conversation, input_channel=self.name(), metadata=metadata)
                )

            await run_turn(data.get("message"), output, conversation, run, limit=self.max_message_length)

        return page


async def join(sio: AsyncServer, sid: str, conversation: Optional[str]) -> None:
    """Puts the socket in its conversation's room, and out of any earlier one: a socket is in
    one conversation at a time ("Start over" must not keep the old one's messages coming),
    and the rooms a socket holds cannot pile up."""
    for room in sio.rooms(sid):
        if room not in (sid, conversation):
            await sio.leave_room(sid, room)
    await sio.enter_room(sid, conversation)


_SECURITY_HEADERS = {
    # Everything the page needs is served from here; nothing inline, nothing from elsewhere.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self' ws: wss:; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

"""The REST webhook (``/webhooks/rest/webhook``), guarded.

Same request and response format as Rasa's ``rest`` channel: POST ``{"sender": …,
"message": …}``, answer a JSON list of bot messages. Unlike it, a malformed body gets a
400 with an explanation, every message passes ``channels.guard``, and a turn that
produced no reply (Rasa answers ``[]`` when something fails inside) gets a friendly one.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import MAX_LENGTH
from channels.turn import HeldCollector, run_turn

logger = logging.getLogger(__name__)
MAX_SENDER_LENGTH = 128
BAD_SENDER = f"'sender' must be a non-empty string of at most {MAX_SENDER_LENGTH} characters."


class GuardedRestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(max_message_length=int(credentials.get("max_message_length", MAX_LENGTH)))

    def __init__(self, max_message_length: int = MAX_LENGTH) -> None:
        self.max_message_length = max_message_length

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("guarded_rest_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # sanic raises its own error types for bad JSON
                body = None
            if not isinstance(body, dict):
                return response.json(
                    {"error": 'Send a JSON object like {"sender": "me", "message": "hello"}.'}, status=400
                )
            sender = body.get("sender", "default")
            if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_LENGTH:
                return response.json({"error": BAD_SENDER}, status=400)
            collector = HeldCollector()
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None

            async def run(text: str) -> None:
                await on_new_message(
                    UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
                )

            await run_turn(body.get("message"), collector, sender, run, limit=self.max_message_length)
            return response.json(collector.messages)

        return hook

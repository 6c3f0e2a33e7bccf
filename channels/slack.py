"""Slack: signed events in, threaded mrkdwn and Block Kit out, every event answered once.

On when ``SLACK_TOKEN`` and ``SLACK_SIGNING_SECRET`` are set; otherwise the endpoint
answers 503 and says so, and nothing else changes. ``SLACK_API_URL`` points the client
elsewhere (the tests use a fake Slack API on 127.0.0.1). One URL takes both the Events
API and interactivity (button clicks): ``/webhooks/slack/events``.

Why not Rasa's ``SlackInput``: it does not drop Slack's retried deliveries or the same
message arriving as both ``message`` and ``app_mention`` (users see double answers), and
its output sends Markdown that Slack does not render.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional, Set
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.signature import SignatureVerifier

from channels.held import HeldReplies
from channels.turn import run_turn

logger = logging.getLogger(__name__)

MAX_BUTTONS = 5  # Slack shows no buttons at all when a message has more
BUTTON_TITLE_LIMIT, BUTTON_VALUE_LIMIT = 75, 2000  # Slack refuses a button with longer ones
_MENTION = re.compile(r"<@[A-Z0-9]+>\s*")


def verify_signature(secret: str, timestamp: Optional[str], signature: Optional[str], body: bytes) -> bool:
    """Slack's v0 HMAC-SHA256 signature, within five minutes of now (slack_sdk checks both)."""
    try:
        return SignatureVerifier(secret).is_valid(body, timestamp, signature)
    except ValueError:  # a timestamp that is not a number, or no signing secret
        return False


def to_mrkdwn(text: str) -> str:
    """Markdown-ish text to Slack mrkdwn; &, < and > escaped so no one can inject mentions."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*([^*]+)\*\*", r"*\1*", text)
    return re.sub(r"\[([^\]]+)\]\((https?://[^\s)]+)\)", r"<\2|\1>", text)


class Deduplicator:
    """Remembers keys for an hour; with REDIS_URL the memory is shared by all instances."""

    def __init__(self, redis_url: Optional[str] = None, ttl: int = 3600, size: int = 50_000) -> None:
        self.ttl = ttl
        self.size = size
        self.seen: OrderedDict[str, float] = OrderedDict()
        self.redis: Any = None
        if redis_url:
            import redis.asyncio as aioredis

            self.redis = aioredis.from_url(redis_url)

    async def first_time(self, key: str) -> bool:
        if self.redis is not None:
            return bool(await self.redis.set(f"pmca:slack:{key}", 1, nx=True, ex=self.ttl))
        now = time.time()
        while self.seen and next(iter(self.seen.values())) < now - self.ttl:
            self.seen.popitem(last=False)
        if key in self.seen:
            return False
        self.seen[key] = now
        if len(self.seen) > self.size:
            self.seen.popitem(last=False)
        return True


class SlackOutput(HeldReplies, OutputChannel):
    """Posts replies with chat.postMessage into the channel (and thread) the user wrote in."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    def __init__(self, client: Any, channel: str, thread_ts: Optional[str]) -> None:
        self.client = client
        self.channel = channel
        self.thread_ts = thread_ts
        self.sent, self.held = 0, None

    async def deliver(self, reply: Any) -> None:
        await self.client.chat_postMessage(**reply)

    async def _post(self, text: str, blocks: Optional[List[Dict[str, Any]]] = None) -> None:
        kwargs: Dict[str, Any] = {"channel": self.channel, "text": text, "mrkdwn": True}
        if blocks:
            kwargs["blocks"] = blocks
        if self.thread_ts:
            kwargs["thread_ts"] = self.thread_ts
        await self.put(kwargs)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post(to_mrkdwn(text))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        body = to_mrkdwn(text)
        shown = buttons[:MAX_BUTTONS]
        elements: List[Dict[str, Any]] = [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": str(b.get("title", ""))[:BUTTON_TITLE_LIMIT]},
                "value": str(b.get("payload", ""))[:BUTTON_VALUE_LIMIT],
                "action_id": f"reply_{i}",
            }
            for i, b in enumerate(shown)
        ]
        extra = [str(b.get("title", "")) for b in buttons[MAX_BUTTONS:]]
        if extra:
            body += "\nYou can also ask: " + ", ".join(to_mrkdwn(t) for t in extra)
        blocks: List[Dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": body[:3000]}}]
        blocks.append({"type": "actions", "elements": elements})
        await self._post(body, blocks)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._post(to_mrkdwn(image))

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        if "eligibility" in json_message:
            await self._post(
                *eligibility_blocks(json_message["eligibility"], json_message.get("labels") or {})
            )
        elif "recommendation" in json_message:
            await self._post(*recommendation_blocks(json_message["recommendation"]))
        elif "blocks" in json_message:
            await self._post(str(json_message.get("text", "")), list(json_message["blocks"]))


BAR_CELLS = 10


def progress_bar(have: Any, need: Any) -> str:
    """`███████░░░`: how far ``have`` is towards ``need``."""
    share = 1.0 if not need else max(0.0, min(1.0, float(have or 0) / float(need)))
    filled = round(share * BAR_CELLS)
    return "█" * filled + "░" * (BAR_CELLS - filled)


def requirement_line(req: Dict[str, Any], labels: Dict[str, str]) -> str:
    """One requirement of the verdict's path: a bar for amounts, a tick or an open box otherwise."""
    label = labels.get(req["field"], req["field"])
    mark = "✅" if req.get("met") else "⬜"
    if req.get("kind") in ("experience", "training") and not req.get("met_by"):
        window = f" (last {req['window_years']} years)" if req.get("window_years") else ""
        bar = progress_bar(req.get("have"), req.get("need"))
        return f"{mark} {label}{window}\n`{bar}` {req.get('words', '')}"
    return f"{mark} {label}: {req.get('words', req.get('need'))}"


def eligibility_blocks(verdict: Dict[str, Any], labels: Dict[str, str]) -> tuple:
    words = str(verdict.get("status_words") or verdict["status"])  # the core's words (Status.words)
    title = f"*{verdict['certification']}: {words[:1].upper() + words[1:]}*"
    lines = []
    if verdict.get("path") and verdict["path"] != "-":
        lines.append(f"Path {verdict['path']}: {verdict.get('path_label', '')}")
    requirements = verdict.get("requirements") or []
    lines += [requirement_line(r, labels) for r in requirements]
    for s in [] if requirements else verdict.get("shortfalls", []):
        label = labels.get(s["field"], s["field"])
        if s.get("words"):  # the core's words (Shortfall.describe), as in the chat
            lines.append(f"• {s['words']}")
        elif s.get("short_by") is not None:
            lines.append(f"• {label}: {s['have']} of {s['need']} ({s['short_by']} to go)")
        else:
            lines.append(f"• {label}: needs {s['need']}")
    if verdict.get("projected_month"):
        lines.append(f"On track for {verdict['projected_month']}")
    text = "\n".join([title, *map(to_mrkdwn, lines)])
    footer = to_mrkdwn(
        f"Rules as of {verdict.get('rules_as_of')}. Source: {'; '.join(verdict.get('sources', []))}"
    )
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": footer[:3000]}]},
    ]
    return text, blocks


def recommendation_blocks(recs: Dict[str, Any]) -> tuple:
    now = ", ".join(r["certification"] for r in recs.get("apply_now", [])) or "none yet"
    nearest = ", ".join(r["certification"] for r in recs.get("nearest", [])) or "none"
    text = f"*Apply now:* {to_mrkdwn(now)}\n*Next within reach:* {to_mrkdwn(nearest)}"
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
    return text, blocks


class SlackChannel(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            token=credentials.get("token") or os.environ.get("SLACK_TOKEN"),
            signing_secret=credentials.get("signing_secret") or os.environ.get("SLACK_SIGNING_SECRET"),
            api_url=os.environ.get("SLACK_API_URL"),
            redis_url=os.environ.get("REDIS_URL"),
        )

    def __init__(
        self,
        token: Optional[str] = None,
        signing_secret: Optional[str] = None,
        api_url: Optional[str] = None,
        redis_url: Optional[str] = None,
    ) -> None:
        self.token = token
        self.signing_secret = signing_secret
        self.api_url = api_url
        self.dedup = Deduplicator(redis_url)
        self.tasks: Set[asyncio.Task[None]] = set()
        self._client: Any = None

    @property
    def enabled(self) -> bool:
        return bool(self.token and self.signing_secret)

    def client(self) -> Any:
        if self._client is None:
            from slack_sdk.web.async_client import AsyncWebClient

            kwargs: Dict[str, Any] = {"token": self.token}
            if self.api_url:
                kwargs["base_url"] = self.api_url.rstrip("/") + "/"
            self._client = AsyncWebClient(**kwargs)
        return self._client

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _handle(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender: str,
        channel: str,
        thread_ts: Optional[str],
        metadata: Dict[str, Any],
    ) -> None:
        output = SlackOutput(self.client(), channel, thread_ts)

        async def run(cleaned: str) -> None:
            await on_new_message(
                UserMessage(cleaned, output, sender, input_channel=self.name(), metadata=metadata)
            )

        await run_turn(text, output, sender, run)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("slack_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "disabled"})

        @hook.route("/events", methods=["POST"])
        async def events(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json(
                    {"error": "Slack is not configured: set SLACK_TOKEN and SLACK_SIGNING_SECRET."},
                    status=503,
                )
            body: bytes = request.body or b""
            if not verify_signature(
                str(self.signing_secret),
                request.headers.get("X-Slack-Request-Timestamp"),
                request.headers.get("X-Slack-Signature"),
                body,
            ):
                return response.json({"error": "invalid or expired signature"}, status=401)
            content_type = request.headers.get("Content-Type", "")
            try:
                if "application/x-www-form-urlencoded" in content_type:
                    form = parse_qs(body.decode("utf-8"))
                    payload = json.loads(form.get("payload", ["{}"])[0])
                    return await self._interaction(payload, on_new_message)
                payload = json.loads(body.decode("utf-8") or "{}")
            except (ValueError, UnicodeDecodeError):
                return response.json({"error": "malformed body"}, status=400)
            if not isinstance(payload, dict):
                return response.json({"error": "malformed body"}, status=400)
            if payload.get("type") == "url_verification":
                return response.json({"challenge": payload.get("challenge")})
            if payload.get("type") == "event_callback":
                await self._event(payload, on_new_message)
            return response.text("", status=200)

        return hook

    async def _event(
        self, payload: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        event = payload.get("event") or {}
        if not isinstance(event, dict) or event.get("type") not in ("message", "app_mention"):
            return
        if event.get("bot_id") or event.get("subtype"):
            return  # our own replies, edits, joins: nothing to answer
        if event.get("type") == "message" and event.get("channel_type") not in (None, "im"):
            return  # in channels we answer mentions only
        event_id = str(payload.get("event_id") or "")
        channel, ts = str(event.get("channel") or ""), str(event.get("ts") or "")
        # A retried delivery repeats the event_id; a mention in a DM arrives as both
        # `message` and `app_mention` with different event_ids but the same channel and ts.
        if event_id and not await self.dedup.first_time(f"event:{event_id}"):
            return
        if not await self.dedup.first_time(f"msg:{channel}:{ts}"):
            return
        text = _MENTION.sub("", str(event.get("text") or "")).strip()
        user = str(event.get("user") or "")
        thread_ts = event.get("thread_ts") or (ts if event.get("type") == "app_mention" else None)
        sender = f"slack-{payload.get('team_id', '')}-{user}"
        metadata = {"slack_channel": channel, "slack_thread_ts": thread_ts}
        self._spawn(self._handle(on_new_message, text, sender, channel, thread_ts, metadata))

    async def _interaction(
        self, payload: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        if payload.get("type") != "block_actions" or not payload.get("actions"):
            return response.text("", status=200)
        action = payload["actions"][0]
        key = f"action:{payload.get('trigger_id') or action.get('action_ts')}"
        if not await self.dedup.first_time(key):
            return response.text("", status=200)
        user = str((payload.get("user") or {}).get("id") or "")
        team = str((payload.get("team") or {}).get("id") or "")
        channel = str((payload.get("channel") or {}).get("id") or "")
        message = payload.get("message") or {}
        container = payload.get("container") or {}
        thread_ts = message.get("thread_ts") or container.get("thread_ts")
        value = str(action.get("value") or "")
        sender = f"slack-{team}-{user}"
        metadata = {"slack_channel": channel, "slack_thread_ts": thread_ts}
        self._spawn(self._handle(on_new_message, value, sender, channel, thread_ts, metadata))
        return response.text("", status=200)

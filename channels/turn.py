"""One guarded turn, the same in every channel (REST, web chat, Slack).

The message is screened (``channels.guard``); the turn's replies are held until it is done,
so a turn that fails (e.g. the conversation cannot be saved) shows only ``NO_REPLY``, never
an answer the assistant will not remember; a turn that produced no reply at all (the
action server is down) gets ``NO_REPLY`` too: never silence.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Awaitable, Callable, Protocol

from rasa.core.channels.channel import CollectingOutputChannel

from channels.guard import MAX_LENGTH, NO_REPLY, screen
from channels.held import HeldReplies

logger = logging.getLogger(__name__)


class HeldChannel(Protocol):
    """An output channel that is also ``HeldReplies`` (the web chat's, Slack's, REST's)."""

    sent: int

    def hold(self) -> None: ...

    def discard(self) -> None: ...

    async def release(self) -> None: ...

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None: ...


class HeldCollector(HeldReplies, CollectingOutputChannel):
    """Rasa's collecting channel (the REST answer), holding its replies until the turn is done."""

    async def _persist_message(self, message: Any) -> None:
        await self.put(message)

    async def deliver(self, reply: Any) -> None:
        self.messages.append(reply)


async def run_turn(
    text: Any,
    output: HeldChannel,
    recipient: str,
    run: Callable[[str], Awaitable[Any]],
    *,
    limit: int = MAX_LENGTH,
) -> None:
    """Screens ``text``, runs the turn (``run(cleaned_text)``) with its replies held, then
    delivers them; answers ``NO_REPLY`` when the turn failed or said nothing."""
    cleaned, reply = screen(text, limit)
    if reply is not None or cleaned is None:
        await output.send_text_message(recipient, reply or NO_REPLY)
        return
    output.hold()
    try:
        await run(cleaned)
        await output.release()
    except Exception:  # a failed turn must not take the channel down; it is logged
        logger.exception("a message to %s could not be answered", recipient)
        output.discard()  # the turn did not complete: its answers are not shown
        with contextlib.suppress(Exception):  # the channel itself may be what failed
            await output.send_text_message(recipient, NO_REPLY)
        return
    if output.sent == 0:
        await output.send_text_message(recipient, NO_REPLY)

"""A turn's replies, held until the turn is saved (web chat and Slack share this)."""

from __future__ import annotations

import abc
from typing import Any, List, Optional


class HeldReplies(abc.ABC):
    """Counts a turn's replies and, between hold() and release(), keeps them back: a turn that
    fails (e.g. cannot be saved) then shows only the failure reply, never an answer the
    assistant will not remember."""

    sent: int = 0
    held: Optional[List[Any]] = None

    @abc.abstractmethod
    async def deliver(self, reply: Any) -> None:
        """Send one reply to the person."""

    def hold(self) -> None:
        self.held = []

    def discard(self) -> None:
        self.held, self.sent = None, 0

    async def release(self) -> None:
        held, self.held = self.held or [], None
        for reply in held:
            await self.deliver(reply)

    async def put(self, reply: Any) -> None:
        """Send ``reply`` now, or keep it until release() while held."""
        self.sent += 1
        if self.held is not None:
            self.held.append(reply)
            return
        await self.deliver(reply)

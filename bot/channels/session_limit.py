"""Ends a conversation session after a number of messages, as well as after a time.

Rasa starts a new session (``action_session_start``, which carries every slot over) only
after ``session_expiration_time`` minutes without a message, and on every turn it loads
and replays every event of the current session. Someone who keeps writing would make each
of their turns slower than the last. ``max_turns_per_session`` in domain.yml's
``session_config`` also ends a session after that many messages, so the work per turn is
bounded whatever the history. Rasa has no setting for it: ``install()`` wraps
``MessageProcessor._has_session_expired``, the one place where Rasa decides, keeping its
time rule. ``bot/channels/__init__.py`` installs it inside a Rasa server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional, Reversible

import yaml

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"


def max_turns(domain_file: Path = DOMAIN) -> Optional[int]:
    """``session_config.max_turns_per_session`` from the domain file (None: no limit)."""
    data = yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}
    value = (data.get("session_config") or {}).get("max_turns_per_session")
    return int(value) if value else None


def turns_in_session(events: Reversible[Any]) -> int:
    """User messages since the latest session start (reads back to it, no further)."""
    from rasa.shared.core.events import SessionStarted, UserUttered

    count = 0
    for event in reversed(events):
        if isinstance(event, SessionStarted):
            break
        if isinstance(event, UserUttered):
            count += 1
    return count


def install(limit: Optional[int] = None) -> None:
    """Makes Rasa also start a new session once the current one holds ``limit`` messages."""
    from rasa.core.processor import MessageProcessor

    limit = limit if limit is not None else max_turns()
    original: Callable[[Any, Any], bool] = (
        getattr(MessageProcessor._has_session_expired, "__wrapped_by_session_limit__", None)
        or MessageProcessor._has_session_expired
    )
    if not limit:
        MessageProcessor._has_session_expired = original
        return

    def has_session_expired(self: Any, tracker: Any) -> bool:
        return bool(original(self, tracker)) or turns_in_session(tracker.events) >= limit

    has_session_expired.__wrapped_by_session_limit__ = original  # type: ignore[attr-defined]
    MessageProcessor._has_session_expired = has_session_expired

"""Ends a conversation session after a number of messages, as well as after a time.

Rasa starts a new session (``action_session_start``, which carries every slot over) only
after ``session_expiration_time`` minutes without a message, and on every turn it loads
and replays every event of the current session. Someone who keeps writing would make each
of their turns slower than the last. ``max_turns_per_session`` in domain.yml's
``session_config`` also ends a session after that many messages, so the work per turn is
bounded whatever the history. Rasa has no setting for it: ``install()`` wraps
``MessageProcessor._has_session_expired``, the one place where Rasa decides, keeping its
time rule. ``channels/__init__.py`` installs it inside a Rasa server.

A bounded session also needs a bounded start. Rasa's ``action_session_start`` carries slots
over by repeating every slot event of the session that ended, including those it had
carried over itself, so each session started bigger than the last (368 slot events by the
50th session of one conversation, against 17 in the second). ``install()`` also makes it
carry the latest event of each slot only: the same values, once each. This runs in the Rasa
process, so a new conversation still starts while the action server is down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Reversible

import yaml

DOMAIN = Path(__file__).resolve().parents[1] / "domain.yml"


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


def latest_per_slot(events: Iterable[Any]) -> List[Any]:
    """The last ``SlotSet`` of each slot, in the order those last events happened."""
    from rasa.shared.core.events import SlotSet

    latest: Dict[str, Any] = {}
    for event in events:
        if isinstance(event, SlotSet):
            latest.pop(event.key, None)
            latest[event.key] = event
    return [SlotSet(e.key, e.value, metadata=e.metadata) for e in latest.values()]


def install_carry_over() -> None:
    """Makes Rasa's session start carry each slot's latest value once (idempotent)."""
    from rasa.core.actions.action import ActionSessionStart

    from rasa_patches import require_pinned

    require_pinned()

    ActionSessionStart._slot_set_events_from_tracker = staticmethod(
        lambda tracker: latest_per_slot(tracker.applied_events())
    )


def install(limit: Optional[int] = None) -> None:
    """Makes Rasa also start a new session once the current one holds ``limit`` messages."""
    from rasa.core.processor import MessageProcessor

    install_carry_over()
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

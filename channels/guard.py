"""What every channel does with a message before Rasa sees it, and with a reply it lacks.

- Over-long, empty or non-text messages get a friendly answer instead of reaching the NLU.
- Control characters (NUL and friends) are removed.
- A typed ``/intent{...}`` command is only honoured for the intents the assistant's own
  buttons use; anything else (``/restart``, ``/session_start``, ``/action_…``) gets a
  friendly refusal, so people cannot trigger internal actions. Entity values from payloads are
  still validated by the action server like any other answer.
- If the assistant produced no reply at all (for example the action server was down),
  the person is told so instead of seeing nothing.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, FrozenSet, Optional, Tuple

import yaml

from bot.understanding.text import MAX_TEXT

MAX_LENGTH = MAX_TEXT  # the longest message read; the readers of answers read no further
DOMAIN_FILE = Path(__file__).resolve().parents[1] / "domain.yml"
# Rasa's built-in intents people must not be able to type.
INTERNAL_INTENTS = frozenset({"restart", "session_start", "back", "nlu_fallback"})

EMPTY = (
    'Your message looked empty. Ask me anything about IT project management, e.g. "what does an IT PM do?"'
)
TOO_LONG = (
    "That message is too long for me ({length} characters; the limit is {limit}). "
    "Could you ask in a shorter way?"
)
NOT_TEXT = "I can only read text messages. Ask me anything about IT project management careers."
NO_REPLY = (
    "Sorry, I can't check that right now: part of me isn't responding. Meanwhile I can still "
    "explain the IT project manager role, the skills, the path into the job and the certifications. "
    "Please try your question again in a minute."
)
NO_COMMANDS = (
    'I don\'t take commands like that. Just type your question, or say "forget what I told you" '
    "to start over."
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Read a command's intent name exactly as Rasa does (YAMLStoryReader._regex_message_pattern,
# then strip()), so "/ restart" or "/\trestart" cannot slip past as something else.
_COMMAND = re.compile(r"^/([^{@]+)")


@functools.cache
def public_intents() -> FrozenSet[str]:
    """The domain's intents (the ones buttons may send), without Rasa's internal ones."""
    with open(DOMAIN_FILE, encoding="utf-8") as handle:
        domain = yaml.safe_load(handle)
    names = {i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents", [])}
    return frozenset(names - INTERNAL_INTENTS)


def screen(text: Any, limit: int = MAX_LENGTH) -> Tuple[Optional[str], Optional[str]]:
    """(text for Rasa, None) or (None, a reply for the person)."""
    if not isinstance(text, str):
        return None, NOT_TEXT
    cleaned = _CONTROL.sub(" ", text).strip()
    if not cleaned:
        return None, EMPTY
    if len(cleaned) > limit:
        return None, TOO_LONG.format(length=len(cleaned), limit=limit)
    command = _COMMAND.match(cleaned)
    if command and command.group(1).strip() not in public_intents():
        return None, NO_COMMANDS
    return cleaned, None

"""What reading an answer gives: a value, a question to ask back, or nothing of the asked kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Union

from bot.certifications.kinds import ClarifyReason

__all__ = ["Clarify", "ClarifyReason", "NoAnswer", "Result", "Understood"]


@dataclass(frozen=True)
class Understood:
    """The answer's value; ``note`` says how it was read when that is not obvious."""

    value: Any
    note: Optional[str] = None
    extra: Dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Clarify:
    """The answer is about the asked thing, but the value is unclear or not held yet.

    ``question`` is what to show (for ``what_is``, a short explanation followed by the
    question again).
    """

    reason: ClarifyReason
    question: str
    extra: Dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:  # a plain string is read as its member
            reason = ClarifyReason(self.reason)
        except ValueError:
            raise ValueError(f"unknown clarification reason {self.reason!r}") from None
        object.__setattr__(self, "reason", reason)


@dataclass(frozen=True)
class NoAnswer:
    """The message holds no value of the asked kind (``extra`` may still hold other facts)."""

    extra: Dict[str, Any] = field(default_factory=dict)


Result = Union[Understood, Clarify, NoAnswer]

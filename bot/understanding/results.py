"""What reading an answer gives: a value, a question to ask back, or nothing of the asked kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Union


@dataclass(frozen=True)
class Understood:
    """The answer's value; ``note`` says how it was read when that is not obvious."""

    value: Any
    note: Optional[str] = None
    extra: Dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Clarify:
    """The answer is about the asked thing, but the value is unclear or not held yet.

    ``reason`` is one of REASONS; ``question`` is what to show (for ``what_is``, a short
    explanation followed by the question again).
    """

    reason: str
    question: str
    extra: Dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.reason not in REASONS:
            raise ValueError(f"unknown clarification reason {self.reason!r}")


@dataclass(frozen=True)
class NoAnswer:
    """The message holds no value of the asked kind (``extra`` may still hold other facts)."""

    extra: Dict[str, Any] = field(default_factory=dict)


REASONS = ("hedge", "what_is", "planned", "lapsed", "ambiguous", "out_of_range")

Result = Union[Understood, Clarify, NoAnswer]

"""What the interview remembers between turns, and what one turn takes and gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from bot.answers import Answer
from bot.certifications.kinds import Goal

# The goals by their old names (callers and tests import these).
ELIGIBILITY = Goal.ELIGIBILITY
RECOMMENDATION = Goal.RECOMMENDATION


@dataclass(frozen=True)
class State:
    """What the conversation knows; every value is already validated."""

    profile: Dict[str, Any] = field(default_factory=dict)
    goal: Optional[Goal] = None  # a slot gives the plain string: it is read as a Goal here
    target: Optional[str] = None
    requested: Optional[str] = None
    failures: int = 0
    offered_stop: bool = False
    verdict_for: Optional[str] = None
    notes: Dict[str, str] = field(default_factory=dict)  # field -> how an answer was read
    clarifying: Optional[str] = None  # the reason of the clarifying question just asked
    pending_change: Dict[str, Any] = field(default_factory=dict)  # new values awaiting "change it?"
    assumed_ongoing: List[str] = field(default_factory=list)  # durations said without an end

    def __post_init__(self) -> None:
        if self.goal is not None and not isinstance(self.goal, Goal):
            object.__setattr__(self, "goal", Goal(self.goal))

    @property
    def active(self) -> bool:
        return self.goal is not None

    @property
    def awaiting_answer(self) -> bool:
        """The questions are on, or our "change it?" waits for a yes or no (the dialogue rules
        send yes / no to the interview then)."""
        return self.active or bool(self.pending_change)


@dataclass(frozen=True)
class Message:
    text: str
    intent: str
    entities: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def is_payload(self) -> bool:
        """A button (or typed ``/intent{...}``): its intent and entities count, not its words."""
        return self.text.startswith("/")


@dataclass
class Reply:
    state: State
    answers: List[Answer]

"""The eligibility interview and recommendations: slots in, ``bot.interview.step``, messages out."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import send
from bot.interview import ELIGIBILITY, Message, Reply, State, step
from bot.profile import Profile, ProfileError

# Slot name for each State attribute.
SLOTS = {
    "profile": "profile",
    "goal": "interview_goal",
    "target": "eligibility_target",
    "requested": "requested_field",
    "failures": "failed_attempts",
    "offered_stop": "offered_stop",
    "verdict_for": "verdict_for",
    "notes": "profile_notes",
    "clarifying": "interview_clarifying",
    "pending_change": "pending_change",
    "assumed_ongoing": "assumed_ongoing",
}


def state_from(tracker: Tracker) -> State:
    """The interview state kept in slots; anything that fails validation is dropped."""
    raw = tracker.get_slot("profile") or {}
    try:
        profile = Profile.from_dict(raw if isinstance(raw, dict) else {}).to_dict()
    except ProfileError:
        profile = {}
    return State(
        profile=profile,
        goal=tracker.get_slot("interview_goal"),
        target=tracker.get_slot("eligibility_target"),
        requested=tracker.get_slot("requested_field"),
        failures=int(tracker.get_slot("failed_attempts") or 0),
        offered_stop=bool(tracker.get_slot("offered_stop")),
        verdict_for=tracker.get_slot("verdict_for"),
        notes=_notes(tracker.get_slot("profile_notes")),
        clarifying=tracker.get_slot("interview_clarifying"),
        pending_change=_pending_change(tracker.get_slot("pending_change")),
        assumed_ongoing=_field_names(tracker.get_slot("assumed_ongoing")),
    )


def _notes(raw: Any) -> Dict[str, str]:
    """How answers were read (e.g. "not sure" counted as no), kept only for known fields."""
    if not isinstance(raw, dict):
        return {}
    return {str(k): str(v)[:200] for k, v in raw.items() if k in Profile.field_names()}


def _field_names(raw: Any) -> List[str]:
    return [str(n) for n in raw if n in Profile.field_names()] if isinstance(raw, list) else []


def _pending_change(raw: Any) -> Dict[str, Any]:
    """New values awaiting the person's "yes, change it", kept only when the profile accepts them."""
    if not isinstance(raw, dict):
        return {}
    try:
        return Profile.from_dict({k: v for k, v in raw.items() if k in Profile.field_names()}).to_dict()
    except ProfileError:
        return {}


def slot_events(before: State, after: State) -> List[Dict[str, Any]]:
    events: List[Dict[str, Any]] = []
    for attribute, slot in SLOTS.items():
        value = getattr(after, attribute)
        if attribute == "failures":
            value = float(value)
        if value != getattr(before, attribute) or attribute == "profile":
            events.append(SlotSet(slot, value))
    events.append(SlotSet("interview_active", after.awaiting_answer))
    return events


def _opening_before_near_tie(tracker: Tracker, message: Message) -> Optional[Message]:
    """The message before a "Check if I'm eligible" button of "check, or ...?" (action_clarify),
    read as the request to be checked it was, with the certification the button names."""
    if not message.text.startswith("/check_eligibility"):
        return None
    turns = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    if len(turns) < 2:
        return None
    between = [e.get("name") for e in tracker.events[turns[-2] : turns[-1]] if e.get("event") == "action"]
    if "action_clarify" not in between:
        return None
    previous = tracker.events[turns[-2]]
    named = [e for e in message.entities if e.get("entity") == "certification"]
    own = [e for e in previous.get("parse_data", {}).get("entities", []) or [] if isinstance(e, dict)]
    if named and not any(e.get("entity") == "certification" for e in own):
        own = own + named
    return Message(text=str(previous.get("text") or ""), intent="check_eligibility", entities=own)


def _held_opening(before: State, opening: Optional[Message]) -> Optional[Reply]:
    """The check started from the message before the button, when it names what to check (the
    facts of "could I ...? high school, PM since 2010" are kept)."""
    if opening is None:
        return None
    held = step(before, opening)
    return held if held.state.target is not None and held.state.goal == ELIGIBILITY else None


class ActionEligibility(Action):
    """Every turn of an eligibility check or recommendation, and profile questions."""

    def name(self) -> str:
        return "action_eligibility"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        before = state_from(tracker)
        latest = tracker.latest_message
        message = Message(
            text=str(latest.get("text") or ""),
            intent=str((latest.get("intent") or {}).get("name") or ""),
            entities=list(latest.get("entities") or []),
        )
        reply = _held_opening(before, _opening_before_near_tie(tracker, message)) or step(before, message)
        for answer in reply.answers:
            send(dispatcher, answer)
        return slot_events(before, reply.state)


class ActionResumeInterview(Action):
    """After the answer to a side question, asks the pending question again (predicted by
    ``policies.interview.InterviewPolicy`` after any other bot answer while questions are pending)."""

    def name(self) -> str:
        return "action_resume_interview"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        before = state_from(tracker)
        reply = step(before, Message(text="", intent="resume"))
        for answer in reply.answers:
            send(dispatcher, answer)
        return []

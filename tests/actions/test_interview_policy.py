"""The interview policy's choice from real Rasa trackers: the pending answer wins, side
questions are answered and the questions resume."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.slots import BooleanSlot, TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from policies.interview import next_action

PENDING = [SlotSet("interview_active", True), SlotSet("requested_field", "education")]


def tracker(events: List[Event]) -> DialogueStateTracker:
    slots: List[Any] = []

    slots = [
        BooleanSlot("interview_active", []),
        TextSlot("requested_field", []),
        TextSlot("verdict_for", []),
        TextSlot("certification", []),
    ]
    return DialogueStateTracker.from_events("policy-test", [ActionExecuted("action_listen"), *events], slots)


def user(text: str, intent: str, entities: Optional[List[Dict[str, Any]]] = None) -> List[Event]:
    return [
        UserUttered(text, {"name": intent, "confidence": 0.9}, entities or []),
    ]


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("bachelor's in economics", "ask_degree", "action_eligibility"),
        ("finished secondary school, no degree", "ask_degree", "action_eligibility"),
        ("do I need a degree?", "ask_degree", None),
        ("what does an IT project manager do?", "ask_pm_role", None),
        ("am I eligible for the CAPM instead", "check_eligibility", None),
    ],
)
def test_an_answer_to_the_pending_question_goes_to_the_interview(
    text: str, intent: str, expected: Optional[str]
) -> None:
    assert next_action(tracker([*PENDING, *user(text, intent)])) == expected


def test_after_a_side_answer_the_questions_resume_then_the_bot_listens() -> None:
    events = [
        *PENDING,
        *user("what does an IT project manager do?", "ask_pm_role"),
        ActionExecuted("utter_pm_role"),
    ]
    assert next_action(tracker(events)) == "action_resume_interview"
    events.append(ActionExecuted("action_resume_interview"))
    assert next_action(tracker(events)) == "action_listen"
    faq = [*PENDING, *user("how do I get 35 hours?", "faq"), ActionExecuted("utter_faq")]
    assert next_action(tracker(faq)) == "action_resume_interview"


def test_outside_the_questions_the_rules_decide() -> None:
    events = [SlotSet("interview_active", False), *user("bachelor's in economics", "ask_degree")]
    assert next_action(tracker(events)) is None
    done = [*PENDING, *user("bachelor", "inform"), ActionExecuted("action_eligibility")]
    assert next_action(tracker(done)) == "action_listen"
    ended = [*done, SlotSet("interview_active", False), *user("what does a PM do?", "ask_pm_role")]
    assert next_action(tracker([*ended, ActionExecuted("utter_pm_role")])) is None


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        (
            "oops, the course was actually 16 hours, not 23",
            [{"entity": "hours", "value": "16 hours"}],
            "action_eligibility",
        ),
        ("how many hours is the course?", [{"entity": "hours", "value": "hours"}], None),
        ("actually, what is the exam fee?", [], None),
    ],
)
def test_after_a_verdict_a_correction_of_a_fact_goes_to_the_interview(
    text: str, entities: List[Dict[str, Any]], expected: Optional[str]
) -> None:
    """Issue 18 (set F, f058): after a CAPM verdict, "the course was actually 16 hours, not 23"
    got "I don't know" and the wrong "eligible" stood."""
    events = [SlotSet("verdict_for", "CAPM"), *user(text, "nlu_fallback", entities)]
    assert next_action(tracker(events)) == expected


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("ok whats the fee then", "out_of_scope", "action_follow_up"),
        ("how many questions tho", "nlu_fallback", "action_follow_up"),
        ("what's the weather in paris", "out_of_scope", None),
        ("how much is the CSM", "out_of_scope", None),  # names its own certification
    ],
)
def test_a_fact_asked_right_after_a_certification_is_its_follow_up(
    text: str, intent: str, expected: Optional[str]
) -> None:
    """Validation set 3: after "how much does the pmi-sp cost", "how many questions tho" got
    "that's outside what I know"."""
    entities = [{"entity": "certification", "value": "CSM", "start": 12, "end": 15}] if "CSM" in text else []
    events = [SlotSet("certification", "PMI-SP"), *user(text, intent, entities)]
    assert next_action(tracker(events)) == expected
    if expected:
        assert next_action(tracker([*events, ActionExecuted(expected)])) == "action_listen"


@pytest.mark.parametrize("text", ["Stop", "stop please", "continue", "Cancel"])
def test_stop_or_continue_typed_during_the_questions_goes_to_the_interview(text: str) -> None:
    """With the knowledge share summed (issue 19), "Stop" reads as the retrospectives answer."""
    assert next_action(tracker([*PENDING, *user(text, "faq")])) == "action_eligibility"

"""A new session carries each slot's value over once, however many sessions came before."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.session import ActionSessionStart


async def test_each_value_is_carried_over_once_and_nothing_is_lost() -> None:
    slots = {"profile": {"education": "bachelor", "pm_experience_months": 30}, "certification": "PMP"}
    slots |= {"requested_field": "pm_education_hours", "interview_active": True, "fact_topic": None}
    tracker = Tracker("someone", slots, {}, [], False, None, {}, "action_listen")
    events = await ActionSessionStart().run(CollectingDispatcher(), tracker, {})
    assert events[0]["event"] == "session_started"
    assert (events[-1]["event"], events[-1]["name"]) == ("action", "action_listen")
    carried = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert carried == {k: v for k, v in slots.items() if v is not None}
    assert len([e for e in events if e["event"] == "slot"]) == len(carried)  # once each

"""A new session carries each slot's latest value over once, however many sessions came before."""

from __future__ import annotations

import asyncio
from typing import List

from rasa.core.actions.action import ActionSessionStart
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_patches.session_limit import install
from tests.e2e.servers import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
PROFILE = {"education": "bachelor", "pm_experience_months": 30}


def session_start(tracker: DialogueStateTracker) -> List[Event]:
    install()
    return asyncio.run(ActionSessionStart().run(None, None, tracker, DOMAIN))  # type: ignore[arg-type]


def a_session(events: List[Event]) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("someone", events, slots=DOMAIN.slots)


def test_each_slot_is_carried_once_with_its_latest_value() -> None:
    carried = [SlotSet("certification", "CAPM"), SlotSet("profile", {"education": "bachelor"})]
    said = [UserUttered("hi"), SlotSet("certification", "PMP"), SlotSet("profile", PROFILE)]
    said += [SlotSet("requested_field", "pm_education_hours"), SlotSet("fact_topic", None)]
    events = session_start(a_session([SessionStarted(), *carried, ActionExecuted("action_listen"), *said]))
    assert isinstance(events[0], SessionStarted) and events[-1] == ActionExecuted("action_listen")
    slots = [e for e in events if isinstance(e, SlotSet)]
    assert {e.key: e.value for e in slots} == {
        "certification": "PMP",
        "profile": PROFILE,
        "requested_field": "pm_education_hours",
        "fact_topic": None,  # an emptied slot stays empty
    }
    assert len(slots) == 4


def test_the_start_does_not_grow_from_session_to_session() -> None:
    tracker = a_session([SessionStarted(), ActionExecuted("action_listen")])
    for visit in range(30):
        said = [UserUttered("hi"), SlotSet("certification", "PMP"), SlotSet("profile", PROFILE)]
        tracker = a_session([*session_start(tracker), *said, SlotSet("requested_field", f"q{visit}")])
    start = session_start(tracker)
    assert sum(isinstance(e, SlotSet) for e in start) == 3
    assert SlotSet("requested_field", "q29") in start

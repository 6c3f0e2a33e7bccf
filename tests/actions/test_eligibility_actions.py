"""The eligibility actions: exact slot events and messages from tracker fixtures."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.eligibility import ActionEligibility, ActionResumeInterview
from bot.certifications import load_catalog
from tests.actions.conftest import cert, make_tracker

CATALOG = load_catalog()
QUESTIONS = {name: spec.default_question for name, spec in CATALOG.fields.items()}


def span(entity: str, value: str, text: str, part: str) -> dict:
    start = text.index(part)
    return {"entity": entity, "value": value, "start": start, "end": start + len(part)}


async def test_first_question_and_the_slots_it_sets(dispatcher) -> None:
    text = "am I eligible for the PMP?"
    tracker = make_tracker("check_eligibility", [span("certification", "PMP", text, "PMP")], text=text)
    events = await ActionEligibility().run(dispatcher, tracker, {})
    assert events == [
        SlotSet("profile", {}),
        SlotSet("interview_goal", "eligibility"),
        SlotSet("eligibility_target", "PMP"),
        SlotSet("requested_field", "education"),
        SlotSet("interview_active", True),
    ]
    [message] = dispatcher.messages
    assert message["text"].startswith(QUESTIONS["education"])
    assert message["buttons"][2] == {
        "title": "Bachelor's",
        "payload": '/inform{"education_level": "bachelor"}',
    }


async def test_answer_updates_the_profile_slot_and_asks_the_next_question(dispatcher) -> None:
    slots = {
        "profile": {"education": "bachelor"},
        "interview_goal": "eligibility",
        "eligibility_target": "PMP",
        "requested_field": "pm_experience_months",
        "interview_active": True,
    }
    text = "two and a half years"
    tracker = make_tracker("inform", [span("duration", text, text, text)], slots=slots, text=text)
    events = await ActionEligibility().run(dispatcher, tracker, {})
    assert SlotSet("profile", {"education": "bachelor", "pm_experience_months": 30}) in events
    assert SlotSet("requested_field", "gac_degree") in events
    assert events[-1] == SlotSet("interview_active", True)
    text_out = dispatcher.messages[0]["text"]
    assert text_out.startswith("Got it (project leadership experience: 30 months (2 years 6 months)).")


async def test_verdict_sends_text_and_the_eligibility_payload(dispatcher) -> None:
    slots = {
        "profile": {"education": "bachelor", "pm_experience_months": 30, "pm_education_hours": 35},
        "interview_goal": "eligibility",
        "eligibility_target": "PMP",
        "requested_field": "gac_degree",
        "interview_active": True,
    }
    tracker = make_tracker("deny", slots=slots, text="no")
    events = await ActionEligibility().run(dispatcher, tracker, {})
    assert events[-1] == SlotSet("interview_active", False)
    assert SlotSet("verdict_for", "PMP") in events
    assert SlotSet("requested_field", None) in events
    text_message, payload_message = dispatcher.messages
    assert "• 6 more months of project leadership experience" in text_message["text"]
    verdict = payload_message["custom"]["eligibility"]
    assert verdict["status"] == "not_eligible"
    assert verdict["shortfalls"] == [
        {
            "field": "pm_experience_months",
            "have": 30,
            "need": 36,
            "short_by": 6,
            "words": "6 more months of project leadership experience",
        }
    ]
    assert verdict["rules_as_of"] == CATALOG.rules_as_of


async def test_tampered_profile_slot_is_revalidated(dispatcher) -> None:
    slots = {"profile": {"pm_experience_months": 99999, "education": "wizard"}}
    tracker = make_tracker("ask_profile", slots=slots, text="what do you know about me")
    await ActionEligibility().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("I don't know anything about you yet.")


async def test_resume_asks_the_pending_question_again(dispatcher) -> None:
    slots = {
        "interview_goal": "eligibility",
        "eligibility_target": "CAPM",
        "requested_field": "pm_education_hours",
    }
    events = await ActionResumeInterview().run(dispatcher, make_tracker("ask_pm_role", slots=slots), {})
    assert events == []
    assert dispatcher.messages[0]["text"].startswith(
        "Back to your questions: " + QUESTIONS["pm_education_hours"]
    )


async def test_resume_without_questions_says_nothing(dispatcher) -> None:
    assert await ActionResumeInterview().run(dispatcher, make_tracker("ask_pm_role"), {}) == []
    assert dispatcher.messages == []


async def test_not_sure_about_gac_is_kept_as_a_note_and_shown_in_the_verdict(dispatcher) -> None:
    slots = {
        "profile": {"education": "bachelor", "pm_experience_months": 30, "pm_education_hours": 35},
        "interview_goal": "eligibility",
        "eligibility_target": "PMP",
        "requested_field": "gac_degree",
        "interview_active": True,
    }
    tracker = make_tracker("deny", slots=slots, text="not sure if it's GAC")
    events = await ActionEligibility().run(dispatcher, tracker, {})
    assert SlotSet("profile_notes", {"gac_degree": "you weren't sure, so I counted it as no"}) in events
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Based on what you told me:")
    assert "GAC-accredited degree: no (you weren't sure, so I counted it as no)" in text


async def test_something_wrong_then_a_fact_reopens_that_question(dispatcher) -> None:
    slots = {
        "profile": {"education": "secondary", "pm_experience_months": 40, "pm_education_hours": 35},
        "verdict_for": "PMP",
        "interview_active": False,
    }
    tracker = make_tracker("correct_profile", slots=slots, text="/correct_profile")
    assert await ActionEligibility().run(dispatcher, tracker, {}) == [
        SlotSet("profile", slots["profile"]),
        SlotSet("interview_active", False),
    ]
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles == ["Highest education", "Project leadership experience", "Project management education"]
    picked = [{"entity": "profile_field", "value": "pm_experience_months"}]
    text = '/correct_profile{"profile_field": "pm_experience_months"}'
    events = await ActionEligibility().run(
        dispatcher, make_tracker("correct_profile", picked, slots=slots, text=text), {}
    )
    assert SlotSet("requested_field", "pm_experience_months") in events
    assert events[-1] == SlotSet("interview_active", True)
    assert "OK, let's fix your project leadership experience." in dispatcher.messages[1]["text"]


async def test_a_change_after_the_verdict_waits_for_yes_and_keeps_it_in_slots(dispatcher) -> None:
    """Issue 18: a new value for a known fact is confirmed first, also after the verdict."""
    profile = {
        "education": "bachelor",
        "gac_degree": False,
        "pm_experience_months": 60,
        "pm_education_hours": 35,
    }
    slots = {"profile": profile, "verdict_for": "PMP", "interview_active": False}
    text = "by the way I have a master's now"
    tracker = make_tracker(
        "inform", [span("education_level", "master", text, "master's")], slots=slots, text=text
    )
    events = await ActionEligibility().run(dispatcher, tracker, {})
    assert SlotSet("pending_change", {"education": "master"}) in events
    assert events[-1] == SlotSet("interview_active", True)  # so "yes" comes back to the interview
    assert dispatcher.messages[0]["text"].endswith(
        "Earlier you said your education was a bachelor's degree; change it to a master's degree?"
    )
    slots = {**slots, "pending_change": {"education": "master"}, "interview_active": True}
    events = await ActionEligibility().run(
        dispatcher, make_tracker("affirm", [], slots=slots, text="/affirm"), {}
    )
    assert SlotSet("pending_change", {}) in events
    assert SlotSet("profile", {**profile, "education": "master"}) in events


async def test_the_check_button_of_a_near_tie_keeps_the_facts_of_the_message_before(dispatcher) -> None:
    """Issue 18 (set E, e014, e056 and e079 read end to end): after "check, or ...?" the check
    button asked for the education the opening had already given."""
    opening = "hey, high school only. PM from 2010 to end of 2020, then again since jan 2023. pmp?"
    payload = '/check_eligibility{"certification": "PMP"}'
    events = [
        {
            "event": "user",
            "text": opening,
            "parse_data": {"entities": [span("certification", "PMP", opening, "pmp")]},
        },
        {"event": "action", "name": "action_clarify"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": payload, "parse_data": {"entities": []}},
    ]
    tracker = make_tracker("check_eligibility", [cert("PMP")], text=payload, events=events)
    slots = {e["name"]: e["value"] for e in await ActionEligibility().run(dispatcher, tracker, {})}
    assert slots["eligibility_target"] == "PMP"
    assert slots["profile"]["education"] == "secondary"
    assert slots["requested_field"] != "education"

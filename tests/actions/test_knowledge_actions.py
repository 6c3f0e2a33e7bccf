"""Certification answers: exact events and the text a person sees."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.fallback import ActionClarify
from actions.knowledge import (
    ActionCertificationInfo,
    ActionCompareCertifications,
    ActionExamDetails,
    ActionListCertifications,
)
from bot.certifications import load_catalog
from tests.actions.conftest import cert, make_tracker

CATALOG = load_catalog()


async def test_certification_info_for_a_named_certification(dispatcher) -> None:
    tracker = make_tracker("ask_certification_info", [cert("CAPM")], text="tell me about the capm")
    events = await ActionCertificationInfo().run(dispatcher, tracker, {})
    assert events == [SlotSet("certification", "CAPM")]
    [message] = dispatcher.messages
    capm = CATALOG.certifications["CAPM"]
    hours = capm.paths[0].requires[1].need
    assert message["text"].startswith("CAPM, Certified Associate in Project Management (PMI)")
    assert f"{hours} contact hours of project management education" in message["text"]
    assert "1,500" in message["text"]  # says the old experience option is gone
    assert f"Rules as of {CATALOG.rules_as_of}" in message["text"]
    assert message["buttons"][0] == {
        "title": "Am I eligible for the CAPM?",
        "payload": '/check_eligibility{"certification": "CAPM"}',
    }


async def test_certification_info_uses_the_certification_under_discussion(dispatcher) -> None:
    tracker = make_tracker("ask_certification_info", slots={"certification": "PgMP"}, text="tell me about it")
    events = await ActionCertificationInfo().run(dispatcher, tracker, {})
    assert events == [SlotSet("certification", "PgMP")]
    assert "panel review" in dispatcher.messages[0]["text"]


async def test_without_a_certification_it_asks_which_with_buttons(dispatcher) -> None:
    tracker = make_tracker("ask_exam_details", text="how long is the exam")
    events = await ActionExamDetails().run(dispatcher, tracker, {})
    assert events == []
    [message] = dispatcher.messages
    assert message["text"] == "Which certification do you mean?"
    assert [b["title"] for b in message["buttons"]] == ["PMP", "CAPM", "PMI-ACP", "PgMP", "PfMP"]
    assert message["buttons"][0]["payload"] == '/ask_exam_details{"certification": "PMP"}'


async def test_unknown_certification_gets_a_friendly_answer(dispatcher) -> None:
    tracker = make_tracker("ask_certification_info", [cert("ITIL 9")], text="what is itil 9")
    assert await ActionCertificationInfo().run(dispatcher, tracker, {}) == []
    assert dispatcher.messages[0]["text"].startswith('I don\'t have details on "ITIL 9"')


async def test_exam_details_are_dated_and_say_verify(dispatcher) -> None:
    tracker = make_tracker("ask_exam_details", [cert("PMP")])
    await ActionExamDetails().run(dispatcher, tracker, {})
    text = dispatcher.messages[0]["text"]
    exam = CATALOG.certifications["PMP"].exam
    assert f"(as of {exam.as_of})" in text
    assert f"{exam.minutes} minutes" in text
    assert "verify" in text and "check before you pay" in text


async def test_compare_two_named(dispatcher) -> None:
    tracker = make_tracker("compare_certifications", [cert("PMP"), cert("CAPM")])
    events = await ActionCompareCertifications().run(dispatcher, tracker, {})
    assert events == [SlotSet("certification", "PMP")]
    text = dispatcher.messages[0]["text"]
    assert text.startswith("PMP vs CAPM:")
    assert "CAPM comes earlier in a career" in text


async def test_compare_with_the_one_under_discussion(dispatcher) -> None:
    tracker = make_tracker("compare_certifications", [cert("CAPM")], slots={"certification": "PMI-ACP"})
    await ActionCompareCertifications().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("PMI-ACP vs CAPM:")


async def test_compare_needs_two(dispatcher) -> None:
    tracker = make_tracker("compare_certifications", [cert("CAPM")])
    assert await ActionCompareCertifications().run(dispatcher, tracker, {}) == []
    assert "Which two certifications" in dispatcher.messages[0]["text"]


async def test_list_certifications_names_every_one(dispatcher) -> None:
    await ActionListCertifications().run(dispatcher, make_tracker("ask_certifications"), {})
    text = dispatcher.messages[0]["text"]
    for name in CATALOG.certifications:
        assert name in text


async def test_clarify_offers_the_two_likeliest_topics(dispatcher) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_salary", "confidence": 0.4},
        {"name": "inform", "confidence": 0.3},
        {"name": "ask_job_outlook", "confidence": 0.2},
        {"name": "ask_pm_role", "confidence": 0.1},
    ]
    tracker = make_tracker("nlu_fallback", ranking=ranking, text="money future")
    await ActionClarify().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["text"].startswith("Sorry, I'm not sure I understood. Did you mean")
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        ("IT PM salaries", "/ask_salary"),
        ("Job outlook for IT PMs", "/ask_job_outlook"),
        ("Something else", "/out_of_scope"),
    ]

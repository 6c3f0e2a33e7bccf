"""Certification answers: exact events and the text a person sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa_sdk.events import SlotSet

from actions.fallback import ActionClarify, ActionLogQuestion
from actions.knowledge import (
    ActionCertificationInfo,
    ActionCompareCertifications,
    ActionExamDetails,
    ActionFollowUp,
    ActionListCertifications,
)
from bot.certifications import load_catalog
from bot.knowledge import entries_by_id
from tests.actions.conftest import cert, make_tracker

CATALOG = load_catalog()


async def test_certification_info_for_a_named_certification(dispatcher) -> None:
    tracker = make_tracker("ask_certification_info", [cert("CAPM")], text="tell me about the capm")
    events = await ActionCertificationInfo().run(dispatcher, tracker, {})
    assert events == [SlotSet("certification", "CAPM"), SlotSet("fact_topic", "info")]
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
    assert events == [SlotSet("certification", "PgMP"), SlotSet("fact_topic", "info")]
    assert "panel review" in dispatcher.messages[0]["text"]


async def test_without_a_certification_it_asks_which_with_buttons(dispatcher) -> None:
    tracker = make_tracker("ask_exam_details", text="how long is the exam")
    events = await ActionExamDetails().run(dispatcher, tracker, {})
    assert events == [SlotSet("fact_topic", "length")]
    [message] = dispatcher.messages
    assert message["text"] == "Which certification do you mean?"
    assert [b["title"] for b in message["buttons"]] == ["PMP", "CAPM", "PMI-ACP", "PgMP", "PfMP"]
    # The button keeps the question asked: the exam's length, not the whole paragraph.
    assert (
        message["buttons"][0]["payload"]
        == '/ask_exam_details{"certification": "PMP", "fact_topic": "length"}'
    )


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
    assert events == [SlotSet("certification", "PMP"), SlotSet("fact_topic", "info")]
    text = dispatcher.messages[0]["text"]
    assert text.startswith("PMP vs CAPM:")
    assert "CAPM comes earlier in a career" in text


async def test_compare_with_the_one_under_discussion(dispatcher) -> None:
    tracker = make_tracker("compare_certifications", [cert("CAPM")], slots={"certification": "PMI-ACP"})
    await ActionCompareCertifications().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("PMI-ACP vs CAPM:")


async def test_compare_it_with_uses_the_certification_before_this_message(dispatcher) -> None:
    # "how much is the CAPM?" ... "compare it with PRINCE2": the slot already says PRINCE2.
    events = [
        {"event": "user", "text": "how much is the CAPM?"},
        {"event": "slot", "name": "certification", "value": "CAPM"},
        {"event": "user", "text": "compare it with PRINCE2"},
        {"event": "slot", "name": "certification", "value": "PRINCE2 Foundation"},
    ]
    tracker = make_tracker(
        "compare_certifications",
        [cert("PRINCE2 Foundation")],
        slots={"certification": "PRINCE2 Foundation"},
        events=events,
    )
    await ActionCompareCertifications().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("CAPM vs PRINCE2 Foundation:")


async def test_compare_needs_two(dispatcher) -> None:
    tracker = make_tracker("compare_certifications", [cert("CAPM")])
    assert await ActionCompareCertifications().run(dispatcher, tracker, {}) == []
    assert "Which two certifications" in dispatcher.messages[0]["text"]


async def test_list_certifications_names_every_one(dispatcher) -> None:
    await ActionListCertifications().run(dispatcher, make_tracker("ask_certifications"), {})
    text = dispatcher.messages[0]["text"]
    for name in CATALOG.certifications:
        assert name in text


async def test_one_fact_at_a_time_how_much_is_the_pmp(dispatcher) -> None:
    tracker = make_tracker("ask_exam_details", [cert("PMP")], text="how much is the PMP?")
    events = await ActionExamDetails().run(dispatcher, tracker, {})
    assert events == [SlotSet("certification", "PMP"), SlotSet("fact_topic", "fee")]
    text = dispatcher.messages[0]["text"]
    assert text.startswith("PMP exam fee: $405-445 for PMI members, $655-675 for non-members (as of 2026-09")
    assert "check pmi.org" in text
    assert "minutes" not in text and "PDUs" not in text


async def test_a_fact_button_answers_that_fact(dispatcher) -> None:
    entities = [cert("CAPM"), {"entity": "fact_topic", "value": "renewal"}]
    tracker = make_tracker("ask_exam_details", entities, text='/ask_exam_details{"fact_topic": "renewal"}')
    await ActionExamDetails().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("You renew the CAPM with 15 PDUs every 3 years.")


async def test_without_a_topic_the_whole_exam_paragraph(dispatcher) -> None:
    tracker = make_tracker("ask_exam_details", [cert("CAPM")], text="CAPM exam details")
    events = await ActionExamDetails().run(dispatcher, tracker, {})
    assert events[-1] == SlotSet("fact_topic", "exam")
    text = dispatcher.messages[0]["text"]
    assert "Renewal: 15 PDUs every 3 years" in text and "Fee: $225" in text


@pytest.mark.parametrize(
    ("slots", "text", "start"),
    [
        # "how much is the PMP?" ... "and for the CAPM?" -> the CAPM's fee
        ({"certification": "PMP", "fact_topic": "fee"}, "and for the CAPM?", "CAPM exam fee: $225"),
        # "tell me about the PMP" ... "and the CAPM?" -> about the CAPM
        ({"certification": "PMP", "fact_topic": "info"}, "and the CAPM?", "CAPM, Certified Associate"),
        # talking about the PMI-ACP ... "what about renewal?" -> the PMI-ACP's renewal
        ({"certification": "PMI-ACP", "fact_topic": "info"}, "what about renewal?", "You renew the PMI-ACP"),
    ],
)
async def test_follow_ups_use_what_is_in_context(dispatcher, slots, text, start) -> None:
    entities = [cert("CAPM")] if "CAPM" in text else []
    tracker = make_tracker("ask_follow_up", entities, slots=slots, text=text)
    await ActionFollowUp().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith(start)


async def test_a_follow_up_with_nothing_in_context_asks_which(dispatcher) -> None:
    tracker = make_tracker("ask_follow_up", text="what about renewal?")
    assert await ActionFollowUp().run(dispatcher, tracker, {}) == [SlotSet("fact_topic", "renewal")]
    assert dispatcher.messages[0]["text"] == "Which certification do you mean?"


def _fallback_tracker(text: str, intents: list, answers: list):
    tracker = make_tracker("nlu_fallback", ranking=intents, text=text)
    tracker.latest_message["response_selector"] = {
        "faq": {"ranking": [{"intent_response_key": key, "confidence": c} for key, c in answers]}
    }
    return tracker


async def test_i_dont_know_names_the_nearest_topics_and_logs_the_question(
    dispatcher, tmp_path: Path, monkeypatch
) -> None:
    log = tmp_path / "unanswered.log"
    monkeypatch.setenv("UNANSWERED_LOG", str(log))
    entries = entries_by_id()
    first, second = list(entries)[:2]
    intents = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "faq", "confidence": 0.9},
        {"name": "inform", "confidence": 0.05},
        {"name": "ask_salary", "confidence": 0.04},
    ]
    tracker = _fallback_tracker(
        "how  do I\nfrobnicate a gantt", intents, [(f"faq/{first}", 0.08), (f"faq/{second}", 0.07)]
    )
    assert await ActionClarify().run(dispatcher, tracker, {}) == []
    [message] = dispatcher.messages
    assert message["text"].startswith("Sorry, I don't know the answer to that one")
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        (entries[first].title, entries[first].examples[0]),
        (entries[second].title, entries[second].examples[0]),
        ("IT PM salaries", "/ask_salary"),
    ]
    # The question only: no sender id, one line.
    assert log.read_text() == "how do I frobnicate a gantt\n"
    assert "test-user" not in log.read_text()


async def test_close_knowledge_answers_get_did_you_mean_not_i_dont_know(
    dispatcher, tmp_path: Path, monkeypatch
) -> None:
    """Test set 2: "is reading the pmbok enough to pass" had study_materials 0.44 and pmbok_guide
    0.29, neither clearly ahead: the person is asked which, with both as buttons (and a far
    third answer is not offered)."""
    log = tmp_path / "unanswered.log"
    monkeypatch.setenv("UNANSWERED_LOG", str(log))
    entries = entries_by_id()
    intents = [{"name": "nlu_fallback", "confidence": 0.44}, {"name": "faq", "confidence": 0.9}]
    answers = [("faq/study_materials", 0.44), ("faq/pmbok_guide", 0.29), ("faq/study_plan", 0.05)]
    tracker = _fallback_tracker("is reading the pmbok enough to pass", intents, answers)
    assert await ActionClarify().run(dispatcher, tracker, {}) == []
    [message] = dispatcher.messages
    assert message["text"] == "I'm not sure which of these you mean. Did you mean:"
    assert [b["title"] for b in message["buttons"]] == [
        entries["study_materials"].title,
        entries["pmbok_guide"].title,
    ]
    assert log.read_text() == "is reading the pmbok enough to pass\n"  # an operator still sees it


async def test_i_dont_know_without_any_near_topic_points_to_help(
    dispatcher, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("UNANSWERED_LOG", str(tmp_path / "log"))
    tracker = _fallback_tracker("xqzv", [{"name": "nlu_fallback", "confidence": 0.3}], [])
    await ActionClarify().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].endswith('Type "help" to see what I can answer.')
    assert "buttons" not in dispatcher.messages[0] or not dispatcher.messages[0]["buttons"]


async def test_out_of_scope_questions_are_logged(dispatcher, tmp_path: Path, monkeypatch) -> None:
    log = tmp_path / "unanswered.log"
    monkeypatch.setenv("UNANSWERED_LOG", str(log))
    intents = [{"name": "out_of_scope", "confidence": 0.8}]
    tracker = _fallback_tracker("what's the pass mark for the PSM III", intents, [])
    assert await ActionLogQuestion().run(dispatcher, tracker, {}) == []
    assert dispatcher.messages == []  # utter_out_of_scope has already answered
    assert log.read_text() == "what's the pass mark for the PSM III\n"
    assert "test-user" not in log.read_text()


async def test_a_near_tie_with_the_check_asks_which_with_both_as_buttons(
    dispatcher, tmp_path: Path, monkeypatch
) -> None:
    """Issue 18: a near tie between the check and an answer asks, never "I don't know"."""
    monkeypatch.setenv("UNANSWERED_LOG", str(tmp_path / "log"))
    entries = entries_by_id()
    first = list(entries)[0]
    intents = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "check_eligibility", "confidence": 0.4},
        {"name": "faq", "confidence": 0.55},
    ]
    tracker = _fallback_tracker("could I go for the pmp", intents, [(f"faq/{first}", 0.3)])
    tracker.latest_message["entities"] = [cert("PMP")]
    await ActionClarify().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    title = entries[first].title.rstrip("?")
    expected = (
        f'Do you want me to check whether you\'re eligible for the PMP, or is your question about "{title}"?'
    )
    assert message["text"] == expected
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        ("Check if I'm eligible for the PMP", '/check_eligibility{"certification": "PMP"}'),
        (entries[first].title, entries[first].examples[0]),
    ]


def test_the_check_offered_on_a_near_tie_is_for_the_certification_asked_about() -> None:
    """Issue 18 (set D): "had the csm years ago, let it lapse ... acp?" offered to check the CSM."""
    from actions.fallback import check_or_topic

    text = "had the csm years ago, let it lapse. 14 months agile now. acp?"
    entities = [
        {"entity": "certification", "value": "CSM", "start": 8, "end": 11},
        {"entity": "certification", "value": "PMI-ACP", "start": 58, "end": 61},
    ]
    reply = check_or_topic({"text": text, "entities": entities}, [], None)
    assert reply["text"].startswith("Do you want me to check whether you're eligible for the PMI-ACP")
    assert reply["buttons"][0]["payload"] == '/check_eligibility{"certification": "PMI-ACP"}'

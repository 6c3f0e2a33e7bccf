"""Real Rasa server + real action server, through the REST webhook."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from actions.fallback import unanswered_log
from bot.certifications import load_catalog
from bot.knowledge import entries_by_id
from tests.e2e.servers import Servers, texts

CATALOG = load_catalog()
ENTRIES = entries_by_id()
UNKNOWN_PROFILE = "don't know anything about you yet"

QUESTIONS = [
    ("what does an IT project manager do?", ["on time, within budget", "link between the business"]),
    ("what are the responsibilities of an IT PM?", ["work breakdown structure (WBS)", "ROI", "KPIs"]),
    ("what skills do I need to be a project manager?", ["Leadership", "Psychological safety"]),
    ("how do I become an IT project manager?", ["bachelor's degree", "CAPM", "PMP"]),
    ("do I need a degree to be a PM?", ["computer science", "GAC-accredited"]),
    ("how can I get project management experience?", ["Volunteer", "overlapping projects count once"]),
    ("where do IT project managers work?", ["hospitals", "universities"]),
    ("will AI replace project managers?", ["change the role rather than remove it", "Gartner"]),
    (
        "how much does an IT project manager earn?",
        ["Earning Power", "14th edition", "$100,750", "BLS"],
    ),
    ("is there demand for project managers?", ["Talent Gap", "2024-34"]),
    ("what certifications are there for project managers?", ["PMP", "CAPM", "PMI-ACP", "PgMP", "PfMP"]),
    ("are you a bot?", ["I'm a bot"]),
    ("what can you do?", ["Eligibility"]),
]


@pytest.mark.parametrize(("question", "expected"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_knowledge_answers(servers: Servers, question: str, expected: list) -> None:
    reply = texts(servers.send(f"e2e-{uuid.uuid4().hex}", question))
    for phrase in expected:
        assert phrase in reply, f"{phrase!r} not in reply to {question!r}: {reply!r}"


def test_certification_details_come_from_the_data_file(servers: Servers) -> None:
    user = f"e2e-{uuid.uuid4().hex}"
    capm = CATALOG.certifications["CAPM"]
    reply = texts(servers.send(user, "tell me about the CAPM"))
    assert reply.startswith("CAPM, Certified Associate in Project Management")
    assert f"{capm.paths[0].requires[1].need} contact hours" in reply
    # "the exam" now means the CAPM: the conversation remembers what we were discussing.
    exam = texts(servers.send(user, "how many questions are on the exam?"))
    assert exam.startswith(f"CAPM exam (as of {capm.exam.as_of}): {capm.exam.questions} questions")


def test_pmp_answer_uses_current_rules_not_the_article(servers: Servers) -> None:
    reply = texts(servers.send(f"e2e-{uuid.uuid4().hex}", "what are the requirements for the PMP?"))
    assert "within the last 8 years" in reply
    assert "GAC-accredited" in reply
    assert "or an active CAPM" in reply


def test_out_of_scope_is_polite_and_not_empty(servers: Servers) -> None:
    reply = texts(servers.send(f"e2e-{uuid.uuid4().hex}", "what's the weather in paris today"))
    assert "outside what I know" in reply


def test_gibberish_gets_an_honest_i_dont_know_and_is_logged(servers: Servers) -> None:
    marker = uuid.uuid4().hex[:8]
    messages = servers.send(f"e2e-{uuid.uuid4().hex}", f"xqzv blorp {marker}")
    assert messages, "the bot must never answer with nothing"
    # Nonsense is either "I don't know that one" or "outside what I know": both decline honestly.
    assert texts(messages).startswith(("Sorry, I don't know the answer to that one", "Sorry, that's outside"))
    logged = unanswered_log()
    if not logged.is_absolute():
        logged = Path(__file__).resolve().parents[2] / logged
    lines = logged.read_text(encoding="utf-8").splitlines()
    assert f"xqzv blorp {marker}" in lines  # the question only, for an operator to read


def test_a_knowledge_question_gets_its_entry_and_related_buttons_work(servers: Servers) -> None:
    user = f"e2e-{uuid.uuid4().hex}"
    entry = ENTRIES["what_is_scrum"]
    [message] = servers.send(user, "what is scrum?")
    assert message["text"] == entry.answer_text()
    related = {ENTRIES[r].title: ENTRIES[r] for r in entry.related}
    button = message["buttons"][0]
    assert button["title"] in related
    # Pressing the button sends its payload; the related entry's answer comes back.
    assert texts(servers.send(user, button["payload"])) == related[button["title"]].answer_text()


def test_one_certification_fact_at_a_time(servers: Servers) -> None:
    reply = texts(servers.send(f"e2e-{uuid.uuid4().hex}", "how much is the PMP?"))
    assert reply.startswith("PMP exam fee: $405-445 for PMI members, $655-675 for non-members (as of 2026-09")
    assert "check pmi.org" in reply
    assert "minutes" not in reply and "PDUs" not in reply


def test_follow_ups_use_the_certification_in_context(servers: Servers) -> None:
    user = f"e2e-{uuid.uuid4().hex}"
    assert texts(servers.send(user, "how much is the PMP?")).startswith("PMP exam fee")
    assert texts(servers.send(user, "and for the CAPM?")).startswith("CAPM exam fee: $225")
    assert texts(servers.send(user, "what about renewal?")).startswith("You renew the CAPM with 15 PDUs")
    assert texts(servers.send(user, "how much is it?")).startswith("CAPM exam fee")
    assert texts(servers.send(user, "compare it with PRINCE2")).startswith("CAPM vs PRINCE2")


def test_questions_are_not_answers_the_profile_stays_empty(servers: Servers) -> None:
    user = f"e2e-{uuid.uuid4().hex}"
    hours = texts(servers.send(user, "where do I get 35 hours?"))
    assert hours == ENTRIES["earn_35_hours"].answer_text()  # answered, not taken as my hours
    degree = texts(servers.send(user, "do I need a degree?"))
    assert "Got it" not in degree
    assert UNKNOWN_PROFILE in texts(servers.send(user, "what do you know about me?"))


def test_application_questions_do_not_start_the_interview(servers: Servers) -> None:
    user = f"e2e-{uuid.uuid4().hex}"
    reply = texts(servers.send(user, "how do I apply for the PMP exam?"))
    assert reply.startswith(ENTRIES["pmp_application_steps"].answer_text()[:60])
    assert "highest level of education" not in reply


def test_a_knowledge_question_mid_interview_is_answered_and_the_interview_resumes(servers: Servers) -> None:
    user = f"e2e-{uuid.uuid4().hex}"
    assert "highest level of education" in texts(servers.send(user, "am I eligible for the PMP?"))
    assert "led and directed projects" in texts(servers.send(user, "I have a bachelor's degree"))
    answer = ENTRIES["pmp_application_steps"].answer_text()
    side = texts(servers.send(user, "how do I apply for the PMP exam?"))
    assert side.startswith(answer)
    assert "led and directed projects" in side[len(answer) :]  # the pending question, asked again
    assert "led and directed projects" in texts(servers.send(user, "where do I get 35 hours?"))
    known = texts(servers.send(user, "what do you know about me?"))
    assert "education: a bachelor's degree" in known  # nothing lost
    assert "35 hours" not in known  # the question was not stored as an answer

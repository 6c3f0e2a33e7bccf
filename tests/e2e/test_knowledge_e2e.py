"""Real Rasa server + real action server, through the REST webhook."""

from __future__ import annotations

import uuid

import pytest

from bot.certifications import load_catalog
from tests.e2e.servers import Servers, texts

CATALOG = load_catalog()

QUESTIONS = [
    ("what does an IT project manager do?", ["on time, within budget", "link between the business"]),
    ("what are the responsibilities of an IT PM?", ["work breakdown structure (WBS)", "ROI", "KPIs"]),
    ("what skills do I need to be a project manager?", ["Leadership", "Psychological safety"]),
    ("how do I become an IT project manager?", ["bachelor's degree", "CAPM", "PMP"]),
    ("do I need a degree to be a PM?", ["computer science", "GAC-accredited"]),
    ("how can I get project management experience?", ["Volunteer", "overlapping projects count once"]),
    ("where do IT project managers work?", ["hospitals", "universities"]),
    ("will AI replace project managers?", ["doesn't replace it"]),
    (
        "how much does an IT project manager earn?",
        ["Earning Power", "14th edition", "Bureau of Labor Statistics"],
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


def test_gibberish_gets_a_clarifying_answer(servers: Servers) -> None:
    messages = servers.send(f"e2e-{uuid.uuid4().hex}", "xqzv blorp")
    assert messages, "the bot must never answer with nothing"
    reply = texts(messages)
    assert "Did you mean" in reply or "didn't understand" in reply or "outside what I know" in reply

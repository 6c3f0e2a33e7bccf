"""Eligibility conversations through the REST webhook, reading the `eligibility` payload."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Dict, List, Optional

import pytest

from bot.certifications import load_catalog
from bot.profile import add_months
from tests.e2e.servers import Servers, texts

CATALOG = load_catalog()
TODAY = dt.date.today()
# "since <month> <year>" 30 months ago, so the expected gap does not depend on the test date.
# A dated period counts both ends (Contract A): that month to this one is 31 months.
SINCE = add_months(TODAY, -30).strftime("since %B %Y")


def need(cert: str, path: str, field: str) -> int:
    p = next(p for p in CATALOG.certifications[cert].paths if p.id == path)
    return int(next(r.need for r in p.requires if r.field == field))


def converse(servers: Servers, turns: List[str]) -> List[List[Dict[str, Any]]]:
    user = f"e2e-elig-{uuid.uuid4().hex}"
    return [servers.send(user, turn) for turn in turns]


def payload(replies: List[List[Dict[str, Any]]], key: str = "eligibility") -> Optional[Dict[str, Any]]:
    for message in replies[-1]:
        custom = message.get("custom") or {}
        if key in custom:
            return dict(custom[key])
    return None


PROFILES = [
    # (conversation, certification, status, shortfalls as (field, short_by))
    (
        # "5 years" said without an end: "was all of it in the last 8 years?" comes first.
        [
            "I have a bachelor's, 5 years of PM experience and 35 hours of training, am I eligible for PMP?",
            "yes",
        ],
        "PMP",
        "eligible",
        [],
    ),
    (
        ["am I eligible for the PMP?", "I have a bachelor's in CS", "two and a half years", "35 hours", "no"],
        "PMP",
        "not_eligible",
        [("pm_experience_months", need("PMP", "B", "pm_experience_months") - 30)],
    ),
    (
        ["am I allowed to take the PMP exam yet", "high school diploma", SINCE, "I already have a CAPM"],
        "PMP",
        "not_eligible",
        [("pm_experience_months", need("PMP", "A", "pm_experience_months") - 31)],
    ),
    (["can I sit the CAPM", "GED", "I took a 40-hour course"], "CAPM", "eligible", []),
    (
        ["do I qualify for the CAPM", "associate degree", "10 hours", "none"],
        "CAPM",
        "not_eligible",
        [("pm_education_hours", need("CAPM", "-", "pm_education_hours") - 10)],
    ),
    (
        ["can I apply for the PMI-ACP", "high school", "I have the CSM", "about 18 months", "24 hours"],
        "PMI-ACP",
        "eligible",
        [],
    ),
    (
        ["do I qualify for the PgMP", "a master's degree", "I hold a PMP", "2 years"],
        "PgMP",
        "not_eligible",
        [("program_experience_months", need("PgMP", "B", "program_experience_months") - 24)],
    ),
    (
        [
            "am I qualified for the PfMP",
            "MBA",
            "I have 10 years of business experience and 5 years in portfolio management",
        ],
        "PfMP",
        "eligible",
        [],
    ),
    # "no degree" asks whether they finished high school; "no" means no secondary degree.
    (["am I eligible for the PMP?", "no degree", "no"], "PMP", "not_eligible", [("education", None)]),
]


@pytest.mark.parametrize(
    ("turns", "cert", "status", "shortfalls"), PROFILES, ids=[p[0][-1][:40] for p in PROFILES]
)
def test_verdict_payload(
    servers: Servers, turns: List[str], cert: str, status: str, shortfalls: list
) -> None:
    replies = converse(servers, turns)
    for reply in replies:
        assert reply, f"empty reply in {turns}"
    verdict = payload(replies)
    assert verdict is not None, texts(replies[-1])
    assert verdict["certification"] == cert
    assert verdict["status"] == status, texts(replies[-1])
    assert [(s["field"], s["short_by"]) for s in verdict["shortfalls"]] == shortfalls
    assert verdict["rules_as_of"] == CATALOG.rules_as_of and verdict["sources"]
    words = texts(replies[-1])
    assert "check pmi.org" in words.lower()
    if status == "not_eligible" and shortfalls and shortfalls[0][1]:
        assert f"{shortfalls[0][1]} more" in words


def test_side_question_keeps_the_questions_going(servers: Servers) -> None:
    replies = converse(servers, ["can I sit the CAPM", "what does an IT project manager do?"])
    side = texts(replies[1])
    assert "on time, within budget" in side
    assert CATALOG.fields["education"].default_question in side


def test_two_bad_answers_offer_to_stop_and_keep_the_profile(servers: Servers) -> None:
    replies = converse(servers, ["am I eligible for the PMP?", "MBA", "700 months", "900 months", "Stop"])
    assert "more than 50 years" in texts(replies[2])
    assert "Shall we continue" in texts(replies[3])
    assert "kept what you told me" in texts(replies[4])


def test_recommendation_payload(servers: Servers) -> None:
    replies = converse(
        servers,
        ["which certification should I get?", "GED", "none", "no experience yet", "I took a 40-hour course"],
    )
    recs = payload(replies, "recommendation")
    assert recs is not None
    assert recs["apply_now"][0]["certification"] == "CAPM"
    assert "1. CAPM" in texts(replies[-1])


def test_profile_shown_then_forgotten(servers: Servers) -> None:
    replies = converse(
        servers,
        [
            "can I sit the CAPM",
            "GED",
            "I took a 40-hour course",
            "what do you know about me?",
            "forget what I told you",
        ],
    )
    shown = texts(replies[3])
    assert "education: a secondary degree" in shown and "project management education: 40 hours" in shown
    assert "forgotten everything" in texts(replies[4])

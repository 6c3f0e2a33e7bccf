"""End-to-end eligibility conversations through the REST webhook, in the words people use.

Table-driven: each conversation gives its opening, the answer(s) to each question the
assistant may ask (recognised by the catalog's question text, so the order is the
engine's), side questions asked in the middle, and turns after the first verdict. Each ends
in the verdict the real rules give (../shared/reference/certification-facts.md), read
from the ``eligibility`` payload. Transcripts go to tests/output/conversations/.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from bot.certifications import load_catalog
from bot.interview import fields
from tests.e2e.servers import Servers, texts

CATALOG = load_catalog()
YEAR = dt.date.today().year
OUTPUT = Path(__file__).resolve().parents[1] / "output" / "conversations"
MAX_TURNS = 14


@dataclass
class Talk:
    id: str
    cert: str
    opening: str
    answers: Dict[str, List[str]]
    status: str
    path: Optional[str]
    side: Dict[str, Tuple[str, str]] = field(default_factory=dict)  # field -> (question, words in answer)
    after: List[str] = field(default_factory=list)  # turns after the first verdict
    says: Tuple[str, ...] = ()  # words the last verdict's text must contain


def pmp(**answers: List[str]) -> Dict[str, List[str]]:
    return answers


TALKS = [
    # --- answers misread before: degree under a knowledge intent, negation, tense, plans
    Talk(
        "degree-under-knowledge-intent",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["bachelor's in economics"],
            pm_experience_months=["5 years"],
            pm_education_hours=["35 hours"],
            gac_degree=["no"],
        ),
        "eligible",
        "B",
    ),
    Talk(
        "no-college-degree",
        "PMP",
        "can I sit the PMP exam, am I eligible?",
        pmp(
            education=["no college degree, just high school"],
            pm_experience_months=["six years"],
            pm_education_hours=["40 hours"],
        ),
        "eligible",
        "A",
    ),
    Talk(
        "secondary-no-degree",
        "PMP",
        "do I qualify for the PMP",
        pmp(
            education=["finished secondary school, no degree"],
            pm_experience_months=["4 years"],
            pm_education_hours=["35 hours"],
            certifications=["none"],
        ),
        "not_eligible",
        "A",
    ),
    Talk(
        "currently-doing-bachelors",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["currently doing a bachelor's", "high school"],
            pm_experience_months=["4 years"],
            pm_education_hours=["35 hours"],
            certifications=["none"],
        ),
        "not_eligible",
        "A",
    ),
    Talk(
        "preparing-for-capm",
        "PMP",
        "can I sit the PMP",
        pmp(
            education=["associate degree"],
            pm_experience_months=["7 years"],
            pm_education_hours=["none yet, I'm in a course right now", "none"],
            certifications=["I'm preparing for the CAPM", "none"],
        ),
        "not_eligible",
        "A",
    ),
    Talk(
        "pmp-lapsed-pgmp",
        "PgMP",
        "do I qualify for the PgMP",
        pmp(
            education=["a master's"],
            certifications=["my PMP lapsed last year", "none"],
            pm_experience_months=["3 years"],
            program_experience_months=["5 years"],
            gac_degree=["no"],
        ),
        "not_eligible",
        "B",
    ),
    Talk(
        "not-sure-gac",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["I have a bachelor's in CS"],
            pm_experience_months=["30 months"],
            pm_education_hours=["35 hours"],
            gac_degree=["not sure if it's GAC"],
            certifications=["none"],
        ),
        "not_eligible",
        "B",
        says=("counted it as no",),
    ),
    Talk(
        "what-is-gac",
        "PMP",
        "check my eligibility for the PMP",
        pmp(
            education=["bachelor's"],
            pm_experience_months=["30 months"],
            gac_degree=["what is GAC?", "yes"],
            pm_education_hours=["35 hours"],
        ),
        "eligible",
        "C",
    ),
    Talk(
        "hundred-and-twenty-hours",
        "CAPM",
        "can I take the CAPM",
        pmp(education=["GED"], pm_education_hours=["a hundred and twenty hours"]),
        "eligible",
        "-",
    ),
    Talk(
        "in-a-course-capm",
        "CAPM",
        "do I qualify for the CAPM",
        pmp(
            education=["finished high school"],
            pm_education_hours=["none yet, I'm in a course right now", "0"],
            certifications=["no certifications"],
        ),
        "not_eligible",
        "-",
    ),
    Talk(
        "never-finished-school",
        "CAPM",
        "am I eligible for the CAPM",
        pmp(education=["I never finished high school"], pm_education_hours=["25 hours"]),
        "not_eligible",
        "-",
    ),
    # --- dated experience and the look-back window
    Talk(
        "between-two-years-outside",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["bachelor's"],
            pm_experience_months=[f"between {YEAR - 16} and {YEAR - 9}"],
            pm_education_hours=["35 hours"],
            gac_degree=["no"],
            certifications=["none"],
        ),
        "not_eligible",
        "B",
    ),
    Talk(
        "twelve-years-asks-dates",
        "PMP",
        "can I apply for the PMP",
        pmp(
            education=["bachelor's"],
            pm_experience_months=["12 years", f"from {YEAR - 14} to {YEAR - 6}"],
            gac_degree=["no"],
            pm_education_hours=["35 hours"],
            certifications=["none"],
        ),
        "not_eligible",
        "B",
        says=("in the last 8 years",),
    ),
    Talk(
        "old-and-recent-periods-acp",
        "PMI-ACP",
        "can I apply for the PMI-ACP",
        pmp(
            education=["high school"],
            certifications=["none"],
            agile_experience_months=[f"{YEAR - 7}-{YEAR - 5} and again since {YEAR - 3}"],
            agile_training_hours=["a 21-hour agile course"],
        ),
        "eligible",
        "1",
    ),
    Talk(
        "since-month-year",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["BSc"],
            pm_experience_months=[f"since March {YEAR - 5}"],
            pm_education_hours=["35 hours"],
        ),
        "eligible",
        "B",
    ),
    Talk(
        "from-until-last-june",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["bachelor's"],
            pm_experience_months=[f"from March {YEAR - 6} until last June"],
            pm_education_hours=["35 hours"],
        ),
        "eligible",
        "B",
    ),
    Talk(
        "led-long-ago",
        "PMP",
        "could I qualify for the PMP",
        pmp(
            education=["a bachelor's degree"],
            pm_experience_months=[f"I led projects from {YEAR - 21} to {YEAR - 12}"],
            pm_education_hours=["35 hours"],
            gac_degree=["no"],
            certifications=["none"],
        ),
        "not_eligible",
        "B",
    ),
    Talk(
        "pfmp-within-window",
        "PfMP",
        "am I qualified for the PfMP",
        pmp(
            education=["MBA"],
            business_experience_months=["12 years"],
            portfolio_experience_months=["5 years"],
        ),
        "eligible",
        "B",
    ),
    Talk(
        "pfmp-twenty-years",
        "PfMP",
        "can I apply for the PfMP",
        pmp(
            education=["master's degree"],
            business_experience_months=["20 years", f"since {YEAR - 20}"],
            portfolio_experience_months=["4 years"],
        ),
        "eligible",
        "B",
    ),
    # --- certifications held
    Talk(
        "csm-last-spring",
        "PMI-ACP",
        "can I apply for the PMI-ACP",
        pmp(
            education=["high school"],
            certifications=["got my CSM last spring"],
            agile_experience_months=["18 months"],
            agile_training_hours=["24 hours"],
        ),
        "eligible",
        "3",
    ),
    Talk(
        "psm-agile-cert",
        "PMI-ACP",
        "am I eligible for the PMI-ACP",
        pmp(
            education=["associate's"],
            certifications=["yes, a PSM"],
            agile_experience_months=["about 14 months"],
            agile_training_hours=["21 hours"],
        ),
        "eligible",
        "3",
    ),
    Talk(
        "acp-with-pmp",
        "PMI-ACP",
        "can I take the PMI-ACP exam",
        pmp(
            education=["associate degree"],
            certifications=["I hold an active PMP"],
            agile_experience_months=["none really"],
            agile_training_hours=["21 hours of agile training"],
        ),
        "eligible",
        "4",
    ),
    Talk(
        "capm-meets-hours",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["high school"],
            pm_experience_months=["6 years"],
            pm_education_hours=["none"],
            certifications=["I already have my CAPM"],
        ),
        "eligible",
        "A",
    ),
    Talk(
        "pgmp-with-pmp",
        "PgMP",
        "do I qualify for the PgMP",
        pmp(
            education=["bachelor's"],
            certifications=["PMP"],
            pm_experience_months=["3 years"],
            program_experience_months=["4 years"],
            gac_degree=["no"],
        ),
        "eligible",
        "B",
    ),
    # --- ordinary answers in varied phrasing
    Talk(
        "phd-three-and-a-half",
        "PMP",
        "am I eligible for the PMP",
        pmp(
            education=["I have a PhD"],
            pm_experience_months=["three and a half years"],
            pm_education_hours=["I completed a 35-hour online course"],
        ),
        "eligible",
        "B",
    ),
    Talk(
        "mba-two-years-gac-yes",
        "PMP",
        "can I apply for the PMP",
        pmp(
            education=["MBA"],
            pm_experience_months=["two years"],
            gac_degree=["yes, it's GAC accredited"],
            pm_education_hours=["35 hours"],
        ),
        "eligible",
        "C",
    ),
    Talk(
        "mba-two-years-gac-no",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["MBA"],
            pm_experience_months=["2 years"],
            gac_degree=["nope"],
            pm_education_hours=["35 hours"],
            certifications=["none"],
        ),
        "not_eligible",
        "B",
    ),
    Talk(
        "numbers-typed-short",
        "PMP",
        "am i eligible for pmp",
        pmp(
            education=["bachelors degree"],
            pm_experience_months=["5yrs"],
            pm_education_hours=["thirty-five hours"],
        ),
        "eligible",
        "B",
    ),
    Talk(
        "no-experience-yet",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["bachelor's"],
            pm_experience_months=["none yet"],
            pm_education_hours=["35 hours"],
            gac_degree=["no"],
            certifications=["none"],
        ),
        "not_eligible",
        "B",
    ),
    Talk(
        "rmp-bachelor",
        "PMI-RMP",
        "could I qualify for the PMI-RMP",
        pmp(
            education=["bachelor's"],
            risk_experience_months=["3 years"],
            risk_education_hours=["30 hours of risk training"],
            gac_degree=["no"],
        ),
        "eligible",
        "B",
    ),
    Talk(
        "sp-short",
        "PMI-SP",
        "eligible for PMI-SP?",
        pmp(
            education=["master's"],
            scheduling_experience_months=["18 months"],
            scheduling_education_hours=["30 hours"],
            gac_degree=["no"],
        ),
        "not_eligible",
        "B",
    ),
    Talk(
        "pba-bachelor",
        "PMI-PBA",
        "do I qualify for PMI-PBA",
        pmp(
            education=["bachelor's in business"],
            ba_experience_months=["4 years"],
            ba_education_hours=["35 hours"],
            gac_degree=["no"],
        ),
        "eligible",
        "B",
    ),
    Talk(
        "capm-23-contact-hours",
        "CAPM",
        "can I get the CAPM now",
        pmp(education=["an associate's"], pm_education_hours=["23 contact hours"]),
        "eligible",
        "-",
    ),
    Talk(
        "buttons",
        "PMP",
        '/check_eligibility{"certification": "PMP"}',
        pmp(
            education=['/inform{"education_level": "bachelor"}'],
            pm_experience_months=["3 years"],
            pm_education_hours=["35 hours"],
        ),
        "eligible",
        "B",
    ),
    Talk(
        "gac-button-no",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=['/inform{"education_level": "master"}'],
            pm_experience_months=["28 months"],
            gac_degree=["/deny"],
            pm_education_hours=["35 hours"],
            certifications=["/deny"],
        ),
        "not_eligible",
        "B",
    ),
    # --- side questions in the middle: answered, then the same question again, nothing lost
    Talk(
        "side-role-question",
        "PMP",
        "am I eligible for the PMP?",
        pmp(education=["bachelor's"], pm_experience_months=["4 years"], pm_education_hours=["35 hours"]),
        "eligible",
        "B",
        side={"pm_experience_months": ("what does an IT project manager do?", "within budget")},
    ),
    Talk(
        "side-salary-question",
        "CAPM",
        "can I sit the CAPM",
        pmp(education=["GED"], pm_education_hours=["I took a 40-hour course"]),
        "eligible",
        "-",
        side={"education": ("how much do IT project managers earn?", "median")},
    ),
    Talk(
        "side-where-hours",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["bachelor's"],
            pm_experience_months=["4 years"],
            pm_education_hours=["12 hours"],
            certifications=["none"],
        ),
        "not_eligible",
        "B",
        side={"pm_education_hours": ("where do I get 35 hours?", "")},
    ),
    Talk(
        "side-degree-question",
        "PMP",
        "am I eligible for the PMP?",
        pmp(education=["master's"], pm_experience_months=["5 years"], pm_education_hours=["35 hours"]),
        "eligible",
        "B",
        side={"education": ("do I need a degree to be a project manager?", "degree")},
    ),
    # --- corrections after the verdict
    Talk(
        "something-wrong-education",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["high school", "a bachelor's"],
            pm_experience_months=["40 months"],
            pm_education_hours=["35 hours"],
            certifications=["none"],
        ),
        "eligible",
        "B",
        after=["something's wrong", '/correct_profile{"profile_field": "education"}'],
    ),
    Talk(
        "something-wrong-months",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["bachelor's"],
            pm_experience_months=["2 years", "4 years"],
            gac_degree=["no"],
            pm_education_hours=["35 hours"],
            certifications=["none"],
        ),
        "eligible",
        "B",
        after=["/correct_profile", '/correct_profile{"profile_field": "pm_experience_months"}'],
    ),
    Talk(
        "typed-correction",
        "PMP",
        "am I eligible for the PMP?",
        pmp(
            education=["bachelor's"],
            pm_experience_months=["30 months"],
            gac_degree=["no"],
            pm_education_hours=["35 hours"],
            certifications=["none"],
        ),
        "eligible",
        "B",
        after=["actually it's 4 years"],
    ),
]


def send(servers: Servers, user: str, text: str, log: List[str]) -> List[Dict[str, Any]]:
    reply = servers.send(user, text)
    log.append(f"you> {text}")
    log += [f"bot> {line}" for line in texts(reply).split("\n")]
    buttons = [b.get("title") for m in reply for b in (m.get("buttons") or [])]
    if buttons:
        log.append("     [" + "] [".join(map(str, buttons)) + "]")
    return reply


def verdict_of(reply: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    for message in reply:
        custom = message.get("custom") or {}
        if "eligibility" in custom:
            return dict(custom["eligibility"])
    return None


def asked_field(text: str, cert: str) -> Optional[str]:
    for name in CATALOG.fields:
        if CATALOG.question_for(name, cert) in text:
            return name
    return None


def follow_up(words: str, answers: Dict[str, List[str]]) -> Optional[str]:
    """What the scripted person says to the assistant's yes / no checks: keeps a known value when
    asked "Earlier you said ...; change it?" (their facts never change by themselves), and
    answers "was all of it in the last 8 years?" with what they would say about that field."""
    if "Earlier you said" in words and "change it to" in words:
        return "/deny"
    for name in CATALOG.fields:
        if f"of {fields.label(name)}. Was all of it in the last" in words:
            said = answers.get(name) or []
            return said.pop(0) if said else "/affirm"
    return None


def drive(
    servers: Servers, user: str, talk: Talk, reply: List[Dict[str, Any]], log: List[str]
) -> List[Dict[str, Any]]:
    """Answers whatever is asked from the table until a verdict comes (or fails)."""
    pending: Optional[str] = None
    for _ in range(MAX_TURNS):
        if verdict_of(reply) is not None:
            return reply
        words = texts(reply)
        scripted = follow_up(words, talk.answers)
        if scripted is not None:
            reply = send(servers, user, scripted, log)
            continue
        pending = asked_field(words, talk.cert) or pending
        assert pending, f"{talk.id}: no question recognised in {words!r}"
        if pending in talk.side:
            question, expected = talk.side.pop(pending)
            side = send(servers, user, question, log)
            assert CATALOG.question_for(pending, talk.cert) in texts(side), (
                f"{talk.id}: not resumed: {texts(side)}"
            )
            assert expected.lower() in texts(side).lower() and verdict_of(side) is None
        queue = talk.answers.get(pending) or []
        assert queue, f"{talk.id}: asked {pending} with no answer left: {words!r}"
        reply = send(servers, user, queue.pop(0), log)
    pytest.fail(f"{talk.id}: no verdict after {MAX_TURNS} turns")


@pytest.mark.parametrize("talk", TALKS, ids=[t.id for t in TALKS])
def test_conversation_ends_in_the_real_verdict(servers: Servers, talk: Talk) -> None:
    talk = copy.deepcopy(talk)  # the answers are used up as the conversation goes
    user = f"e2e-talk-{uuid.uuid4().hex}"
    log: List[str] = []
    try:
        reply = drive(servers, user, talk, send(servers, user, talk.opening, log), log)
        first = texts(reply)
        assert first.startswith("Based on what you told me:"), first
        for turn in talk.after:
            reply = send(servers, user, turn, log)
        reply = drive(servers, user, talk, reply, log)
    finally:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        (OUTPUT / f"{talk.id}.txt").write_text("\n".join(log) + "\n", encoding="utf-8")
    verdict = verdict_of(reply)
    assert verdict is not None
    words = texts(reply)
    assert (verdict["certification"], verdict["status"], verdict["path"]) == (
        talk.cert,
        talk.status,
        talk.path,
    ), words
    assert words.startswith("Based on what you told me:") and "check pmi.org" in words.lower()
    for expected in talk.says:
        assert expected in "\n".join(log), f"{talk.id}: {expected!r} never said"


def test_there_are_at_least_forty_conversations() -> None:
    assert len(TALKS) >= 40 and len({t.id for t in TALKS}) == len(TALKS)

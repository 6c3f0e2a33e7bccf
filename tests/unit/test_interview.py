"""The eligibility interview without Rasa: what is asked, what is understood, what is answered."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional, Tuple

import pytest

from bot.certifications import load_catalog
from bot.interview import ELIGIBILITY, Message, Reply, State, step

TODAY = dt.date(2026, 11, 25)
CATALOG = load_catalog()
QUESTION = {name: q["question"] for name, q in CATALOG.field_questions.items()}


def ent(entity: str, value: str, text: str, span: Optional[str] = None) -> Dict[str, Any]:
    span = span or value
    start = text.lower().index(span.lower())
    return {"entity": entity, "value": value, "start": start, "end": start + len(span)}


def say(
    state: State, text: str, intent: str = "inform", entities: Optional[List[Dict[str, Any]]] = None
) -> Reply:
    return step(state, Message(text, intent, entities or []), TODAY)


def asked(reply: Reply) -> str:
    return reply.answers[-1].text


def need(cert: str, path: str, field: str) -> int:
    p = next(p for p in CATALOG.certifications[cert].paths if p.id == path)
    return int(next(r.need for r in p.requires if r.field == field))


def pmp_start() -> Reply:
    text = "am I eligible for the PMP?"
    return say(State(), text, "check_eligibility", [ent("certification", "PMP", text)])


def test_asks_education_first_then_only_what_is_missing() -> None:
    reply = pmp_start()
    assert QUESTION["education"] in asked(reply)
    assert reply.state.goal == ELIGIBILITY and reply.state.target == "PMP"
    assert reply.state.requested == "education"
    reply = say(
        reply.state,
        "bachelor's in CS",
        entities=[ent("education_level", "bachelor", "bachelor's in CS", "bachelor's")],
    )
    assert asked(reply).startswith("Got it (education: a bachelor's degree).")
    assert QUESTION["pm_experience_months"] in asked(reply)
    reply = say(reply.state, "5 years", entities=[ent("duration", "5 years", "5 years")])
    assert reply.state.profile["pm_experience_months"] == 60
    assert QUESTION["pm_education_hours"] in asked(reply)


def test_everything_in_one_message_gives_the_verdict_at_once() -> None:
    text = "I have a bachelor's, 5 years of PM experience and 35 hours of training, am I eligible for PMP?"
    entities = [
        ent("education_level", "bachelor", text, "bachelor's"),
        ent("duration", "5 years", text),
        ent("hours", "35 hours", text),
        ent("certification", "PMP", text, "PMP?"[:3]),
    ]
    reply = say(State(), text, "check_eligibility", entities)
    [answer] = reply.answers
    assert answer.text.startswith("Good news: you're eligible for the PMP through path B (four-year degree).")
    assert answer.custom is not None
    verdict = answer.custom["eligibility"]
    assert (verdict["certification"], verdict["status"], verdict["path"]) == ("PMP", "eligible", "B")
    assert reply.state.profile == {
        "education": "bachelor",
        "pm_experience_months": 60,
        "pm_education_hours": 35,
    }
    assert not reply.state.active and reply.state.verdict_for == "PMP"


def test_not_eligible_says_exactly_what_is_missing_and_when() -> None:
    months = need("PMP", "B", "pm_experience_months") - 8
    profile = {"education": "master", "gac_degree": False, "pm_education_hours": 40, "certifications": []}
    reply = say(State(profile=profile), "am I eligible for the PMP?", "check_eligibility", [])
    assert reply.state.goal == ELIGIBILITY and reply.state.target is None  # asks which
    assert asked(reply) == "Which certification should I check?"
    text = "PMP"
    reply = say(reply.state, text, "inform", [ent("certification", "PMP", text)])
    assert QUESTION["pm_experience_months"] in asked(reply)
    reply = say(
        reply.state, f"{months} months", entities=[ent("duration", f"{months} months", f"{months} months")]
    )
    answer = reply.answers[-1]
    assert "Not yet for the PMP. On the four-year degree path you still need:" in answer.text
    assert "• 8 more months of project leadership experience" in answer.text
    assert "July 2027" in answer.text
    assert "Meanwhile you can apply now for: CAPM" in answer.text
    assert answer.custom["eligibility"]["shortfalls"] == [
        {"field": "pm_experience_months", "have": months, "need": months + 8, "short_by": 8}
    ]


def test_capm_then_pmp_asks_only_for_experience() -> None:
    text = "can I take the CAPM"
    reply = say(State(), text, "check_eligibility", [ent("certification", "CAPM", text)])
    reply = say(
        reply.state,
        "high school",
        entities=[ent("education_level", "secondary", "high school", "high school")],
    )
    reply = say(
        reply.state, "I took a 40-hour course", entities=[ent("hours", "40-hour", "I took a 40-hour course")]
    )
    assert reply.answers[-1].custom["eligibility"]["status"] == "eligible"
    text = "and the PMP?"
    reply = say(reply.state, text, "check_eligibility", [ent("certification", "PMP", text)])
    assert reply.state.requested == "pm_experience_months"
    assert QUESTION["education"] not in asked(reply)


def test_corrections_after_a_verdict_give_the_new_verdict() -> None:
    b = need("PMP", "B", "pm_experience_months")
    profile = {
        "education": "bachelor",
        "gac_degree": False,
        "pm_experience_months": b - 12,
        "pm_education_hours": 35,
    }
    reply = say(
        State(profile=profile, verdict_for="PMP"),
        "actually it's 4 years",
        entities=[ent("duration", "4 years", "actually it's 4 years")],
    )
    assert reply.state.profile["pm_experience_months"] == 48
    assert reply.answers[-1].custom["eligibility"]["status"] == "eligible"


def test_correction_of_education_before_the_verdict() -> None:
    reply = pmp_start()
    reply = say(reply.state, "bachelor's", entities=[ent("education_level", "bachelor", "bachelor's")])
    text = "sorry, I meant a master's"
    reply = say(reply.state, text, entities=[ent("education_level", "master", text, "master's")])
    assert reply.state.profile["education"] == "master"
    assert reply.state.requested == "pm_experience_months"


def test_invalid_answers_are_re_asked_then_offer_to_stop() -> None:
    reply = pmp_start()
    reply = say(reply.state, "bachelor", entities=[ent("education_level", "bachelor", "bachelor")])
    reply = say(reply.state, "700 months", entities=[ent("duration", "700 months", "700 months")])
    assert "more than 50 years" in asked(reply)
    assert QUESTION["pm_experience_months"] in asked(reply)
    assert reply.state.failures == 1 and "pm_experience_months" not in reply.state.profile
    reply = say(reply.state, "lots and lots", "nlu_fallback")
    assert "I need your project leadership experience because" in asked(reply)
    assert [b[0] for b in reply.answers[-1].buttons] == ["Continue", "Stop"]
    stopped = say(reply.state, "/deny", "deny")
    assert "let's stop here" in asked(stopped)
    assert not stopped.state.active and stopped.state.profile == {"education": "bachelor"}
    going_on = say(reply.state, "/affirm", "affirm")
    assert QUESTION["pm_experience_months"] in asked(going_on) and going_on.state.active


def test_buttons_and_payloads_are_validated_too() -> None:
    reply = pmp_start()
    reply = say(
        reply.state,
        '/inform{"education_level": "wizard"}',
        "inform",
        [{"entity": "education_level", "value": "wizard"}],
    )
    assert "don't know the education level" in asked(reply)
    assert "education" not in reply.state.profile
    reply = say(
        reply.state,
        '/inform{"duration": "99999 months"}',
        "inform",
        [{"entity": "duration", "value": "99999 months"}],
    )
    assert "pm_experience_months" not in reply.state.profile


def test_switching_certification_keeps_what_was_said() -> None:
    reply = pmp_start()
    reply = say(reply.state, "bachelor's", entities=[ent("education_level", "bachelor", "bachelor's")])
    text = "actually check the PgMP instead"
    reply = say(reply.state, text, "check_eligibility", [ent("certification", "PgMP", text)])
    assert reply.state.target == "PgMP"
    assert reply.state.profile["education"] == "bachelor"
    assert QUESTION["education"] not in asked(reply)


def test_side_question_then_resume() -> None:
    reply = pmp_start()
    resumed = say(reply.state, "", "resume")
    assert asked(resumed).startswith("Back to your questions: " + QUESTION["education"])


OTHER_CERTIFICATIONS = [
    (
        "PMI-ACP",
        [
            ("education_level", "secondary", "high school", "high school"),
            ("duration", "3 years", "3 years of agile", "3 years"),
            ("hours", "24 hours", "24 hours of agile training", "24 hours"),
        ],
        "eligible",
    ),
    (
        "PgMP",
        [
            ("education_level", "bachelor", "bachelor", "bachelor"),
            ("certification", "PMP", "I hold a PMP", "PMP"),
            ("duration", "2 years", "2 years managing programs", "2 years"),
        ],
        "not_eligible",
    ),
    (
        "PfMP",
        [
            ("education_level", "master", "master's", "master's"),
            ("duration", "10 years", "10 years of business experience", "10 years"),
            ("duration", "5 years", "5 years in portfolio management", "5 years"),
        ],
        "eligible",
    ),
]


@pytest.mark.parametrize(
    ("cert", "answers", "status"), OTHER_CERTIFICATIONS, ids=[c[0] for c in OTHER_CERTIFICATIONS]
)
def test_other_certifications(cert: str, answers: List[Tuple[str, str, str, str]], status: str) -> None:
    text = f"am I eligible for the {cert}"
    reply = say(State(), text, "check_eligibility", [ent("certification", cert, text)])
    for entity, value, utterance, span in answers:
        reply = say(reply.state, utterance, entities=[ent(entity, value, utterance, span)])
    while reply.state.active and reply.state.requested in ("certifications", "gac_degree"):
        reply = say(reply.state, "/deny", "deny")
    assert not reply.state.active, asked(reply)
    assert reply.answers[-1].custom["eligibility"]["status"] == status, asked(reply)


def test_recommendation_collects_the_core_profile() -> None:
    reply = say(State(), "which certification should I get?", "ask_recommendation")
    assert QUESTION["education"] in asked(reply)
    reply = say(
        reply.state,
        "high school",
        entities=[ent("education_level", "secondary", "high school", "high school")],
    )
    assert QUESTION["certifications"] in asked(reply)
    reply = say(reply.state, "none", "deny")
    reply = say(reply.state, "none yet")
    reply = say(reply.state, "30 hours", entities=[ent("hours", "30 hours", "30 hours")])
    answer = reply.answers[-1]
    assert answer.text.startswith("Based on what you told me:")
    assert "1. CAPM" in answer.text
    assert answer.custom["recommendation"]["apply_now"][0]["certification"] == "CAPM"


def test_profile_shown_and_forgotten() -> None:
    state = State(profile={"education": "bachelor", "pm_experience_months": 30, "certifications": []})
    shown = say(state, "what do you know about me", "ask_profile")
    assert "education: a bachelor's degree" in asked(shown)
    assert "project leadership experience: 30 months (2 years 6 months)" in asked(shown)
    assert "certifications: none" in asked(shown)
    forgotten = say(state, "forget what I told you", "forget_profile")
    assert forgotten.state == State()
    assert "forgotten everything" in asked(forgotten)
    assert "don't know anything about you yet" in asked(
        say(forgotten.state, "what do you know", "ask_profile")
    )


def test_stop_ends_the_questions_and_keeps_the_answers() -> None:
    reply = pmp_start()
    reply = say(reply.state, "bachelor", entities=[ent("education_level", "bachelor", "bachelor")])
    stopped = say(reply.state, "stop", "deny")
    assert "stopped the questions" in asked(stopped)
    assert not stopped.state.active and stopped.state.profile == {"education": "bachelor"}


def test_unclear_answer_to_which_certification_asks_again() -> None:
    waiting = State(goal=ELIGIBILITY)
    reply = say(waiting, "¿Qué hace un gerente de proyectos de TI?", "nlu_fallback")
    assert asked(reply) == "Which certification should I check?"
    reply = say(waiting, "bachelor's", entities=[ent("education_level", "bachelor", "bachelor's")])
    assert reply.state.profile == {"education": "bachelor"}
    assert asked(reply) == "Which certification should I check?"

"""The eligibility interview without Rasa: what is asked, what is understood, what is answered."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import pytest

from bot.certifications import load_catalog
from bot.interview import BASED_ON, ELIGIBILITY, Message, Reply, State, pending_answer, step
from bot.interview.wording import question_text
from tests.entities import ent
from tests.today import TODAY

CATALOG = load_catalog()


def q(field: str, cert: Optional[str] = None) -> str:
    return question_text(field, cert)


def say(
    state: State, text: str, intent: str = "inform", entities: Optional[List[Dict[str, Any]]] = None
) -> Reply:
    return step(state, Message(text, intent, entities or []), TODAY)


def asked(reply: Reply) -> str:
    return reply.answers[-1].text


def verdict(reply: Reply) -> Dict[str, Any]:
    custom = reply.answers[-1].custom
    assert custom is not None and "eligibility" in custom, asked(reply)
    return dict(custom["eligibility"])


def need(cert: str, path: str, field: str) -> int:
    p = next(p for p in CATALOG.certifications[cert].paths if p.id == path)
    return int(next(r.need for r in p.requires if r.field == field))


def window(cert: str, field: str) -> int:
    return max(
        r.window_years or 0
        for p in CATALOG.certifications[cert].paths
        for r in p.requires
        if r.field == field
    )


def pmp_start() -> Reply:
    text = "am I eligible for the PMP?"
    return say(State(), text, "check_eligibility", [ent("certification", "PMP", text)])


def test_asks_education_first_then_only_what_is_missing() -> None:
    reply = pmp_start()
    assert q("education") in asked(reply)
    assert reply.state.goal == ELIGIBILITY and reply.state.target == "PMP"
    assert reply.state.requested == "education"
    text = "bachelor's in CS"
    reply = say(reply.state, text, entities=[ent("education_level", "bachelor", text, "bachelor's")])
    assert asked(reply).startswith("Got it (education: a bachelor's degree).")
    assert q("pm_experience_months", "PMP") in asked(reply)
    reply = say(reply.state, "5 years", entities=[ent("duration", "5 years", "5 years")])
    assert reply.state.profile["pm_experience_months"] == 60
    assert q("pm_education_hours", "PMP") in asked(reply)


def test_months_questions_say_the_look_back_window() -> None:
    assert f"in the last {window('PMP', 'pm_experience_months')} years" in q("pm_experience_months", "PMP")
    assert f"in the last {window('PMI-ACP', 'agile_experience_months')} years" in q(
        "agile_experience_months", "PMI-ACP"
    )
    assert "in total" not in q("business_experience_months", "PfMP")
    assert "in the last" not in q("pm_education_hours", "PMP")


ENDED_QUESTION = (
    "One check before the verdict: you said 5 years of project leadership experience. "
    "Was all of it in the last 8 years (for example, are you still doing it)?"
)


def test_everything_in_one_message_gives_the_verdict_with_its_facts() -> None:
    """One question first (issue 18): "5 years" said without an end is confirmed as recent."""
    text = "I have a bachelor's, 5 years of PM experience and 35 hours of training, am I eligible for PMP?"
    entities = [
        ent("education_level", "bachelor", text, "bachelor's"),
        ent("duration", "5 years", text),
        ent("hours", "35 hours", text),
        ent("certification", "PMP", text, "PMP?"[:3]),
    ]
    reply = say(State(), text, "check_eligibility", entities)
    assert asked(reply).endswith(ENDED_QUESTION)
    reply = say(reply.state, "/affirm", "affirm")
    [answer] = reply.answers
    lines = answer.text.split("\n")
    assert lines[0] == BASED_ON
    assert "• education: a bachelor's degree" in lines
    months = need("PMP", "B", "pm_experience_months")
    assert f"• project leadership experience in the last 8 years: 60 months ({months} needed)" in lines
    assert "Good news: you're eligible for the PMP through path B (four-year degree)." in answer.text
    assert (verdict(reply)["status"], verdict(reply)["path"]) == ("eligible", "B")
    assert reply.state.profile == {
        "education": "bachelor",
        "pm_experience_months": 60,
        "pm_education_hours": 35,
    }
    assert not reply.state.active and reply.state.verdict_for == "PMP"
    assert answer.buttons[0] == ("Something's wrong", "/correct_profile")


def test_verdict_shows_every_note_of_the_rules() -> None:
    profile = {
        "education": "bachelor",
        "gac_degree": False,
        "pm_experience_months": 60,
        "pm_education_hours": 35,
    }
    reply = say(State(profile=profile), "PMP", "check_eligibility", [ent("certification", "PMP", "PMP")])
    for note in verdict(reply)["notes"]:
        assert f"Note: {note}" in asked(reply)
    assert "Only experience from the last 8 years counts." in asked(reply)


def test_not_eligible_says_exactly_what_is_missing_and_when() -> None:
    months = need("PMP", "B", "pm_experience_months") - 8
    profile = {"education": "master", "gac_degree": False, "pm_education_hours": 40, "certifications": []}
    reply = say(State(profile=profile), "am I eligible for the PMP?", "check_eligibility", [])
    assert reply.state.goal == ELIGIBILITY and reply.state.target is None
    assert asked(reply) == "Which certification should I check?"
    reply = say(reply.state, "PMP", "inform", [ent("certification", "PMP", "PMP")])
    assert q("pm_experience_months", "PMP") in asked(reply)
    text = f"{months} months"
    reply = say(reply.state, text, entities=[ent("duration", text, text)])
    answer = asked(reply)
    assert answer.startswith(BASED_ON)
    assert (
        f"project leadership experience in the last 8 years: {months} of {months + 8} months needed" in answer
    )
    assert "Not yet for the PMP. On the four-year degree path you still need:" in answer
    assert "• 8 more months of project leadership experience" in answer
    assert "July 2027" in answer
    assert verdict(reply)["shortfalls"] == [
        {
            "field": "pm_experience_months",
            "have": months,
            "need": months + 8,
            "short_by": 8,
            "words": "8 more months of project leadership experience",
        }
    ]


def test_the_last_answer_is_echoed_in_the_verdict() -> None:
    profile = {"education": "bachelor", "gac_degree": False, "pm_experience_months": 60, "certifications": []}
    reply = say(
        State(profile=profile, goal=ELIGIBILITY, target="PMP", requested="pm_education_hours"), "12 hours"
    )
    assert "• project management education: 12 of 35 hours needed" in asked(reply)
    assert verdict(reply)["status"] == "not_eligible"


def test_an_answer_to_the_pending_question_wins_over_the_intent() -> None:
    reply = pmp_start()
    text = "bachelor's in economics"
    assert pending_answer("education", Message(text, "ask_degree"), TODAY)
    assert not pending_answer("education", Message("do I need a degree?", "ask_degree"), TODAY)
    assert not pending_answer("pm_education_hours", Message("where do I get 35 hours?", "faq"), TODAY)
    assert not pending_answer("education", Message("what is a gantt chart", "faq"), TODAY)
    assert pending_answer("gac_degree", Message("what is GAC?", "faq"), TODAY)
    reply = say(reply.state, text, "ask_degree", [ent("education_level", "bachelor", text, "bachelor's")])
    assert reply.state.profile == {"education": "bachelor"}
    assert reply.state.requested == "pm_experience_months"


def test_a_question_is_not_stored_as_a_fact() -> None:
    reply = pmp_start()
    text = "where do I get 35 hours?"
    after = say(reply.state, text, "inform", [ent("hours", "35 hours", text)])
    assert "pm_education_hours" not in after.state.profile


def test_what_is_gac_is_explained_then_asked_again() -> None:
    state = State(profile={"education": "bachelor"}, goal=ELIGIBILITY, target="PMP", requested="gac_degree")
    reply = say(state, "what is GAC?", "faq")
    assert "Global Accreditation Center" in asked(reply)
    assert asked(reply).endswith("(If you're not sure, say no.)")
    assert [b[0] for b in reply.answers[-1].buttons] == ["Yes", "No"]
    assert reply.state.requested == "gac_degree" and "gac_degree" not in reply.state.profile


def test_not_sure_about_gac_counts_as_no_and_the_verdict_says_so() -> None:
    profile = {"education": "bachelor", "pm_experience_months": 30, "pm_education_hours": 35}
    state = State(profile=profile, goal=ELIGIBILITY, target="PMP", requested="gac_degree")
    reply = say(state, "not sure if it's GAC", "deny")
    assert reply.state.profile["gac_degree"] is False
    assert "you weren't sure, so I counted it as no" in asked(reply)
    assert verdict(reply)["status"] == "not_eligible"


def test_experience_longer_than_the_window_asks_for_dates() -> None:
    state = State(
        profile={"education": "bachelor"}, goal=ELIGIBILITY, target="PMP", requested="pm_experience_months"
    )
    reply = say(state, "12 years", entities=[ent("duration", "12 years", "12 years")])
    assert "only the last 8 years count" in asked(reply)
    assert "pm_experience_months" not in reply.state.profile
    assert reply.state.requested == "pm_experience_months"


def test_dated_periods_count_only_inside_the_window() -> None:
    profile = {"education": "bachelor", "gac_degree": False, "pm_education_hours": 35}
    state = State(profile=profile, goal=ELIGIBILITY, target="PMP", requested="pm_experience_months")
    old = {"pm_experience_periods": [{"from": "2008-01", "to": "2016-12"}]}
    reply = say(
        State(profile={**profile, **old}, verdict_for="PMP"),
        "am I eligible for the PMP",
        "check_eligibility",
        [ent("certification", "PMP", "am I eligible for the PMP")],
    )
    assert verdict(reply)["status"] == "not_eligible"
    have = next(r["have"] for r in verdict(reply)["requirements"] if r["field"] == "pm_experience_months")
    assert have == 0
    assert state.requested == "pm_experience_months"


def test_something_wrong_corrects_one_fact_and_gives_a_new_verdict() -> None:
    profile = {
        "education": "secondary",
        "pm_experience_months": 40,
        "pm_education_hours": 35,
        "certifications": [],
    }
    first = say(State(profile=profile), "PMP", "check_eligibility", [ent("certification", "PMP", "PMP")])
    assert verdict(first)["status"] == "not_eligible"
    choice = say(first.state, "/correct_profile", "correct_profile")
    titles = [title for title, _ in choice.answers[-1].buttons]
    assert titles[0] == "Highest education" and "Which one is wrong?" in asked(choice)
    payload = choice.answers[-1].buttons[0][1]
    fixing = say(
        choice.state, payload, "correct_profile", [{"entity": "profile_field", "value": "education"}]
    )
    assert q("education") in asked(fixing) and fixing.state.requested == "education"
    text = "I have a bachelor's"
    fixed = say(fixing.state, text, "inform", [ent("education_level", "bachelor", text, "bachelor's")])
    while fixed.state.active and fixed.state.requested == "gac_degree":
        fixed = say(fixed.state, "no", "deny")
    assert (verdict(fixed)["status"], verdict(fixed)["path"]) == ("eligible", "B")
    assert fixed.state.profile["education"] == "bachelor"


def test_corrections_after_a_verdict_give_the_new_verdict() -> None:
    b = need("PMP", "B", "pm_experience_months")
    profile = {
        "education": "bachelor",
        "gac_degree": False,
        "pm_experience_months": b - 12,
        "pm_education_hours": 35,
    }
    text = "actually it's 4 years"
    reply = say(State(profile=profile, verdict_for="PMP"), text, entities=[ent("duration", "4 years", text)])
    assert reply.state.profile["pm_experience_months"] == 48
    assert "you said 4 years of project leadership experience. Was all of it in the last 8 years" in asked(
        reply
    )
    reply = say(reply.state, "/affirm", "affirm")
    assert verdict(reply)["status"] == "eligible"


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
    assert "more than 50 years. Could you check the figure" in asked(reply)
    assert reply.state.failures == 1 and "pm_experience_months" not in reply.state.profile
    reply = say(reply.state, "lots and lots", "nlu_fallback")
    assert "I need your project leadership experience because" in asked(reply)
    assert [b[0] for b in reply.answers[-1].buttons] == ["Continue", "Stop"]
    stopped = say(reply.state, "/deny", "deny")
    assert "let's stop here" in asked(stopped)
    assert not stopped.state.active and stopped.state.profile == {"education": "bachelor"}
    going_on = say(reply.state, "/affirm", "affirm")
    assert q("pm_experience_months", "PMP") in asked(going_on) and going_on.state.active


def test_buttons_and_payloads_are_validated_too() -> None:
    reply = pmp_start()
    text = '/inform{"education_level": "wizard"}'
    reply = say(reply.state, text, "inform", [{"entity": "education_level", "value": "wizard"}])
    assert "didn't catch" in asked(reply) and "education" not in reply.state.profile
    text = '/inform{"education_level": "bachelor"}'
    reply = say(reply.state, text, "inform", [{"entity": "education_level", "value": "bachelor"}])
    assert reply.state.profile == {"education": "bachelor"}
    text = '/inform{"duration": "99999 months"}'
    reply = say(reply.state, text, "inform", [{"entity": "duration", "value": "99999 months"}])
    assert "pm_experience_months" not in reply.state.profile


def test_switching_certification_keeps_what_was_said() -> None:
    reply = pmp_start()
    reply = say(reply.state, "bachelor's", entities=[ent("education_level", "bachelor", "bachelor's")])
    text = "actually check the PgMP instead"
    reply = say(reply.state, text, "check_eligibility", [ent("certification", "PgMP", text)])
    assert reply.state.target == "PgMP"
    assert reply.state.profile["education"] == "bachelor"
    assert q("education") not in asked(reply)


def test_side_question_then_resume() -> None:
    reply = pmp_start()
    resumed = say(reply.state, "", "resume")
    assert asked(resumed).startswith("Back to your questions: " + q("education"))


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
    assert verdict(reply)["status"] == status, asked(reply)


def test_recommendation_collects_the_core_profile() -> None:
    reply = say(State(), "which certification should I get?", "ask_recommendation")
    assert q("education") in asked(reply)
    reply = say(
        reply.state,
        "high school",
        entities=[ent("education_level", "secondary", "high school", "high school")],
    )
    assert q("certifications") in asked(reply)
    reply = say(reply.state, "none", "deny")
    reply = say(reply.state, "none yet")
    reply = say(reply.state, "30 hours", entities=[ent("hours", "30 hours", "30 hours")])
    answer = reply.answers[-1]
    assert answer.text.startswith(BASED_ON)
    assert "1. CAPM" in answer.text
    assert (
        answer.custom is not None
        and answer.custom["recommendation"]["apply_now"][0]["certification"] == "CAPM"
    )


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


def test_two_amounts_in_one_answer_each_find_their_field() -> None:
    state = State(
        profile={"education": "master"},
        goal=ELIGIBILITY,
        target="PfMP",
        requested="business_experience_months",
    )
    text = "I have 10 years of business experience and 5 years in portfolio management"
    reply = say(state, text, entities=[ent("duration", "10 years", text), ent("duration", "5 years", text)])
    assert reply.state.profile["business_experience_months"] == 120
    assert reply.state.profile["portfolio_experience_months"] == 60
    assert verdict(reply)["status"] == "eligible"


@pytest.mark.parametrize("cert", ["CAPM", "PMP"])
def test_eligible_verdict_gives_that_certifications_next_steps(cert: str) -> None:
    profile = {
        "education": "master",
        "gac_degree": False,
        "pm_experience_months": 60,
        "pm_education_hours": 40,
    }
    reply = say(State(profile=profile), cert, "check_eligibility", [ent("certification", cert, cert)])
    assert verdict(reply)["status"] == "eligible"
    assert f"Next steps: {CATALOG.certifications[cert].next_steps}" in asked(reply)
    others = [c for c in ("CAPM", "PMP") if c != cert]
    assert CATALOG.certifications[others[0]].next_steps not in asked(reply)


def test_the_csm_asks_for_its_course_before_the_verdict() -> None:
    """Set H, h104 and h110: "can i just take the CSM exam without the course?" got "You can go
    for the CSM now"; the course with a Certified Scrum Trainer comes first."""
    text = "can i take the CSM test now? I'm doing the course next month"
    reply = say(State(), text, "check_eligibility", [ent("certification", "CSM", text)])
    assert asked(reply).startswith("How many hours of agile training have you completed?")
    reply = say(reply.state, "none yet")
    assert verdict(reply)["status"] == "not_eligible"
    assert "CSM course with a Certified Scrum Trainer" in reply.answers[-1].text
    reply = say(
        State(),
        "am I eligible for the CSM? I did the 16 hour CSM course",
        "check_eligibility",
        [
            ent("certification", "CSM", "am I eligible for the CSM?"),
            ent("hours", "16 hour", "am I eligible for the CSM? I did the 16 hour CSM course"),
        ],
    )
    assert verdict(reply)["status"] == "eligible"


@pytest.mark.parametrize("cert", ["PRINCE2 Foundation", "CompTIA Project+"])
def test_certification_without_prerequisites_says_what_to_do_next(cert: str) -> None:
    text = f"am I eligible for the {cert}?"
    reply = say(State(), text, "check_eligibility", [ent("certification", cert, text)])
    answer = reply.answers[-1].text
    assert verdict(reply)["status"] == "eligible"
    assert "no prerequisites" not in answer  # the CSM's course is mandatory: the next steps say so
    assert f"Next steps: {CATALOG.certifications[cert].next_steps}" in answer


def test_eligible_verdict_words_the_exam_facts_without_doubling_them() -> None:
    text = "I have a bachelor's, 5 years of PM experience and 35 hours of training, am I eligible for PMP?"
    entities = [
        ent("education_level", "bachelor", text, "bachelor's"),
        ent("duration", "5 years", text),
        ent("hours", "35 hours", text),
        ent("certification", "PMP", text, "PMP"),
    ]
    reply = say(State(), text, "check_eligibility", entities)
    answer = say(reply.state, "/affirm", "affirm").answers[-1].text
    fee = CATALOG.certifications["PMP"].exam.facts["fee"]
    assert f"PMP exam fee: {fee['members']} for PMI members, {fee['non_members']} for non-members" in answer
    assert "questions questions" not in answer and "Exam (as of" not in answer


def test_a_one_path_certification_is_not_named_as_a_path() -> None:
    text = "am I eligible for the CAPM?"
    reply = say(State(), text, "check_eligibility", [ent("certification", "CAPM", text)])
    answers = {
        "level of education": "high school",
        "How many hours": "10 hours",
        "active certifications": "none",
    }
    for _ in range(len(answers)):
        if "eligibility" in (reply.answers[-1].custom or {}):
            break
        asked_now = reply.answers[-1].text
        reply = say(reply.state, next(a for k, a in answers.items() if k in asked_now))
    text = reply.answers[-1].text
    assert verdict(reply)["status"] == "not_eligible", text
    assert "Not yet for the CAPM. You still need:" in text
    assert " path you still need" not in text


def test_a_lapsed_credential_s_age_does_not_replace_experience() -> None:
    """Issue 18: "I had the CAPM but it expired two years ago" replaced 5 years with 2."""
    profile = {"education": "bachelor", "gac_degree": False, "pm_experience_months": 60}
    state = State(profile=profile, goal=ELIGIBILITY, target="PMP", requested="certifications")
    text = "I had the CAPM but it expired two years ago"
    reply = say(
        state, text, "inform", [ent("certification", "CAPM", text), ent("duration", "two years", text)]
    )
    assert reply.state.profile["pm_experience_months"] == 60
    assert "2 years" not in asked(reply)


def test_a_period_that_ended_is_not_counted_to_now() -> None:
    """Issue 18: "from 2013 until early 2021, ... now i teach" was stored as 2013 to now."""
    profile = {"education": "bachelor", "gac_degree": False, "certifications": [], "pm_education_hours": 35}
    state = State(profile=profile, goal=ELIGIBILITY, target="PMP", requested="pm_experience_months")
    reply = say(
        state, "i managed projects from 2013 until early 2021, then went back to school and now i teach"
    )
    assert reply.state.profile["pm_experience_periods"] == [{"from": "2013-01", "to": "2021-01"}]


def test_a_diploma_not_yet_finished_is_not_held() -> None:
    """Issue 18: "still in high school, graduating in june" gave a wrong CAPM "eligible"."""
    state = State(goal=ELIGIBILITY, target="CAPM", requested="education")
    text = "still in high school, graduating in june"
    reply = say(state, text, "inform", [ent("education_level", "high school", text)])
    assert reply.state.profile.get("education") == "none"
    assert verdict(reply)["status"] == "not_eligible"


def test_a_new_value_for_a_known_fact_is_confirmed_before_it_replaces_it() -> None:
    """Issue 18: an answer to one question silently replaced another field's value."""
    profile = {"education": "bachelor", "gac_degree": False, "pm_experience_months": 60}
    state = State(profile=profile, goal=ELIGIBILITY, target="PMP", requested="certifications")
    text = "I have the CSM, and I've led projects for 2 years"
    reply = say(state, text, "inform", [ent("certification", "CSM", text), ent("duration", "2 years", text)])
    assert "Earlier you said your project leadership experience was 5 years; change it to 2 years?" in asked(
        reply
    )
    assert reply.state.profile["pm_experience_months"] == 60
    assert reply.state.profile["certifications"] == ["CSM"]
    kept = say(reply.state, "/deny", "deny")
    assert kept.state.profile["pm_experience_months"] == 60
    assert "OK, I kept what you said before." in asked(kept)
    changed = say(reply.state, "/affirm", "affirm")
    assert changed.state.profile["pm_experience_months"] == 24
    said = " ".join(a.text for a in changed.answers)
    assert "Changed: your project leadership experience is now 2 years (before: 5 years)." in said


def test_an_amount_said_for_another_field_goes_to_that_field() -> None:
    """ "10 years of business experience", asked about portfolios, is not portfolio experience."""
    state = State(
        profile={"education": "master"},
        goal=ELIGIBILITY,
        target="PfMP",
        requested="portfolio_experience_months",
    )
    text = "10 years of business experience"
    reply = say(state, text, "inform", [ent("duration", "10 years", text)])
    assert reply.state.profile.get("business_experience_months") == 120
    assert "portfolio_experience_months" not in reply.state.profile
    assert reply.state.requested == "portfolio_experience_months"


def test_an_eligible_verdict_on_a_duration_said_without_an_end_asks_when_it_ended() -> None:
    """Issue 18: "6 yrs pm" in the opening was taken to run up to now; it had ended in 2021."""
    text = "could i go for pmp with a hs diploma and 6 yrs pm"
    entities = [ent("education_level", "secondary", text, "hs diploma"), ent("duration", "6 yrs", text)]
    reply = say(State(), text, "check_eligibility", entities + [ent("certification", "PMP", text, "pmp")])
    reply = say(reply.state, "35 hours", entities=[ent("hours", "35 hours", "35 hours")])
    assert "you said 6 years of project leadership experience. Was all of it in the last 8 years" in asked(
        reply
    )
    reply = say(reply.state, "/deny", "deny")
    assert "For the PMP only the last 8 years count, so I need to know when." in asked(reply)
    reply = say(reply.state, "from jan 2016 to dec 2021")
    assert verdict(reply)["status"] == "not_eligible"


def test_a_duration_with_its_end_year_is_that_period() -> None:
    """ "5 years but it ended in 2020" was counted as 5 years up to now."""
    state = State(
        profile={"education": "bachelor"},
        goal=ELIGIBILITY,
        target="PMI-ACP",
        requested="agile_experience_months",
    )
    reply = say(state, "5 years but it ended in 2020")
    assert reply.state.profile["agile_experience_periods"] == [{"from": "2016-01", "to": "2020-12"}]


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("want to get pmp, doing my 35 hour course right now", "35 hour"),
        ("i'm going to do the 35h course next month, can i apply for the pmp?", "35h"),
    ],
)
def test_hours_of_a_course_not_finished_are_not_counted(text: str, hours: str) -> None:
    """Issue 18 (conversation set C): planned hours in an opening were counted as done."""
    reply = say(
        State(),
        text,
        "check_eligibility",
        [ent("hours", hours, text), ent("certification", "PMP", text, "pmp")],
    )
    assert reply.state.profile.get("pm_education_hours", 0) == 0  # not counted (unknown or 0)


@pytest.mark.parametrize("text", ["my csm expired in 2024, acp?", "have pmp, csm lapsed, thinking about acp"])
def test_a_lapsed_credential_named_in_the_opening_is_not_the_one_checked(text: str) -> None:
    """Issue 18 (set C): "my csm expired in 2024, acp?" checked the CSM."""
    entities = [ent("certification", "CSM", text, "csm"), ent("certification", "PMI-ACP", text, "acp")]
    if text.startswith("have pmp"):
        entities.append(ent("certification", "PMP", text, "pmp"))
    reply = say(State(), text, "check_eligibility", entities)
    assert reply.state.target == "PMI-ACP"
    assert "CSM" not in reply.state.profile.get("certifications", [])


def test_a_certification_s_date_is_not_experience() -> None:
    """Issue 18 (set C): "btw i have an active capm since 2024" became 2 years of experience."""
    state = State(
        profile={"education": "secondary"}, goal=ELIGIBILITY, target="PMP", requested="pm_experience_months"
    )
    text = "btw i have an active capm since 2024"
    reply = say(state, text, "inform", [ent("certification", "CAPM", text, "capm")])
    assert reply.state.profile.get("certifications") == ["CAPM"]
    assert (
        "pm_experience_months" not in reply.state.profile
        and "pm_experience_periods" not in reply.state.profile
    )


def test_an_answer_taken_for_a_new_check_is_still_an_answer() -> None:
    """Issue 18 (set C): "capm but it expired in 2025" mid-check switched the check to the CAPM."""
    profile = {"education": "bachelor", "pm_experience_months": 48, "pm_education_hours": 23}
    state = State(profile=profile, goal=ELIGIBILITY, target="PMP", requested="certifications")
    text = "capm but it expired in 2025, i didn't do the pdus"
    reply = say(state, text, "check_eligibility", [ent("certification", "CAPM", text, "capm")])
    assert verdict(reply)["certification"] == "PMP" and verdict(reply)["status"] == "not_eligible"
    assert "• certifications: none (An expired CAPM doesn't count for eligibility" in asked(reply)


def test_a_prep_course_named_after_a_certification_is_not_the_one_checked() -> None:
    """Issue 18 (set C): "hs grad, done 35 hrs of pmp prep, wanna do capm first" checked the PMP."""
    text = "hs grad, done 35 hrs of pmp prep, wanna do capm first. ok?"
    entities = [
        ent("hours", "35 hrs", text),
        ent("certification", "PMP", text, "pmp"),
        ent("certification", "CAPM", text, "capm"),
    ]
    reply = say(State(), text, "check_eligibility", entities)
    assert reply.state.target == "CAPM"
    assert reply.state.profile.get("education") == "secondary"


def test_a_certification_held_is_not_the_one_checked() -> None:
    """Issue 18 (set C): "pmp holder here, ... can i get pmi-acp" checked the PMP."""
    text = "pmp holder here, no agile experience, can i get pmi-acp"
    entities = [ent("certification", "PMP", text, "pmp"), ent("certification", "PMI-ACP", text, "pmi-acp")]
    reply = say(State(), text, "check_eligibility", entities)
    assert reply.state.target == "PMI-ACP"
    assert reply.state.profile.get("certifications") == ["PMP"]


@pytest.mark.parametrize(
    ("requested", "text", "value"),
    [
        ("agile_experience_months", "3 years as a scrum master", 36),
        ("pm_education_hours", "did a 35 hour prep course and also the google pm certificate", 35),
    ],
)
def test_answers_that_name_a_job_or_a_course_are_read(requested: str, text: str, value: int) -> None:
    """Issue 18 (set C): both got "Sorry, I didn't catch that"."""
    state = State(profile={"education": "secondary"}, goal=ELIGIBILITY, target="PMI-ACP", requested=requested)
    reply = say(state, text)
    assert reply.state.profile[requested] == value


def test_the_certification_prepared_for_is_the_one_checked() -> None:
    """Issue 18 (set C): "halfway through my capm prep, can i apply" asked which certification."""
    text = "halfway through my capm prep, can i apply"
    reply = say(State(), text, "check_eligibility", [ent("certification", "CAPM", text, "capm")])
    assert reply.state.target == "CAPM"
    assert "CAPM" not in reply.state.profile.get("certifications", [])


def test_the_same_reply_is_never_sent_three_times_in_a_row() -> None:
    """Issue 18: no loops; after "continue or stop?" goes unanswered the questions pause."""
    state = State(
        profile={"education": "master"}, goal=ELIGIBILITY, target="PMP", requested="pm_experience_months"
    )
    replies = []
    for _ in range(4):
        reply = say(state, "blue")
        state = reply.state
        replies.append(asked(reply))
    assert all(not (a == b == c) for a, b, c in zip(replies, replies[1:], replies[2:], strict=False))
    assert "Let's pause the questions here. I've kept what you told me" in replies[2]
    assert not state.active and state.profile == {"education": "master"}


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("hi! i used to have the capm, can i use that for the pmp instead of the 35 hours?", "35 hours"),
        ("capm question: i have about 1500 hours of project work, do i still need the course?", "1500 hours"),
    ],
)
def test_hours_asked_about_or_worked_are_not_training_hours(text: str, hours: str) -> None:
    """Issue 18 (conversation set D, first score): both gave a wrong "eligible"."""
    cert = "PMP" if "pmp" in text else "CAPM"
    reply = say(
        State(),
        text,
        "check_eligibility",
        [ent("hours", hours, text), ent("certification", cert, text, cert.lower())],
    )
    assert "pm_education_hours" not in reply.state.profile


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("high school diploma, bachelor's not done until may", "secondary"),
        ("no diploma yet, GED expected in march", "none"),
    ],
)
def test_a_degree_expected_later_is_not_held(text: str, level: str) -> None:
    """Issue 18 (set D): both were read as held and gave a wrong "eligible"."""
    state = State(goal=ELIGIBILITY, target="PMP", requested="education")
    assert say(state, text).state.profile.get("education") == level


def test_a_period_in_another_job_is_not_experience() -> None:
    """Issue 18 (set D): "since 2021 im a developer" was counted as project leadership."""
    state = State(
        profile={"education": "bachelor"}, goal=ELIGIBILITY, target="PMP", requested="pm_experience_months"
    )
    reply = say(state, "2014 to 2020 leading projects, since 2021 im a developer")
    assert reply.state.profile["pm_experience_periods"] == [{"from": "2014-01", "to": "2020-12"}]


@pytest.mark.parametrize(
    ("text", "names", "target"),
    [
        (
            "does the google pm certificate count towards pmp? i have a bachelors",
            [("Google PM Certificate", "google pm certificate"), ("PMP", "pmp")],
            "PMP",
        ),
        (
            "hs diploma, 5.5 years pm, and an active capm. can i skip the 35h for pmp?",
            [("CAPM", "capm"), ("PMP", "pmp")],
            "PMP",
        ),
        (
            "i'm taking the capm exam next month, then i wanna do pmp",
            [("CAPM", "capm"), ("PMP", "pmp")],
            "PMP",
        ),
    ],
)
def test_the_certification_to_check_among_several(
    text: str, names: List[Tuple[str, str]], target: str
) -> None:
    """Issue 18 (set D): each checked the first certification named instead."""
    reply = say(State(), text, "check_eligibility", [ent("certification", n, text, raw) for n, raw in names])
    assert reply.state.target == target


def test_an_exam_scheduled_is_not_a_certification_held() -> None:
    """Issue 18 (set D): "none yet, capm exam is scheduled for january" gave a wrong PMP "eligible"."""
    profile = {"education": "bachelor", "pm_experience_months": 48, "pm_education_hours": 12}
    state = State(profile=profile, goal=ELIGIBILITY, target="PMP", requested="certifications")
    text = "none yet, capm exam is scheduled for january"
    reply = say(state, text, "inform", [ent("certification", "CAPM", text, "capm")])
    assert reply.state.profile["certifications"] == []
    assert verdict(reply)["status"] == "not_eligible"


def test_hours_someone_thought_would_count_are_not_hours_done() -> None:
    """Issue 18 (set D): "no course, i thought the 1500 hours replaces it" gave a wrong CAPM "eligible"."""
    state = State(
        profile={"education": "secondary"}, goal=ELIGIBILITY, target="CAPM", requested="pm_education_hours"
    )
    reply = say(state, "no course, i thought the 1500 hours replaces it")
    assert reply.state.profile["pm_education_hours"] == 0


def test_a_period_in_the_past_stays_out_of_the_window_whatever_comes_next() -> None:
    """Issue 18 (a transcript read end to end): "scrum master 2015 to 2020, nothing agile since"
    was taken for "no education", and the next reply, "40 hours back in 2018", for a period since
    2018: a wrong PMI-ACP "eligible"."""
    state = State(
        profile={"education": "bachelor"},
        goal=ELIGIBILITY,
        target="PMI-ACP",
        requested="agile_experience_months",
    )
    text = "scrum master 2015 to 2020, nothing agile since"
    reply = say(state, text, "inform", [ent("education_level", "master", text, "master")])
    assert reply.state.profile["education"] == "bachelor" and not reply.state.pending_change
    assert reply.state.profile["agile_experience_periods"] == [{"from": "2015-01", "to": "2020-12"}]
    text = "40 hours back in 2018"
    reply = say(reply.state, text, "inform", [ent("hours", "40 hours", text)])
    assert reply.state.profile["agile_experience_periods"] == [{"from": "2015-01", "to": "2020-12"}]
    while reply.state.active and reply.state.requested in ("certifications", "gac_degree"):
        reply = say(reply.state, "/deny", "deny")
    assert verdict(reply)["status"] == "not_eligible"


def test_two_periods_and_two_courses_in_the_opening_are_read_together() -> None:
    """Issue 18 (set E, e014 and e030): "PM from 2010 to end of 2020, then again since jan 2023"
    kept only the last period, and "a 24 h course plus a 12 h course" only the first."""
    text = (
        "can i get pmp? PM from 2010 to end of 2020, then again since jan 2023. "
        "did a 24 h course plus a 12 h course"
    )
    entities = [
        ent("duration", "2010 to end of 2020", text),
        ent("duration", "since jan 2023", text),
        ent("hours", "24 h", text),
        ent("hours", "12 h", text),
        ent("certification", "PMP", text, "pmp"),
    ]
    state = say(State(), text, "check_eligibility", entities).state
    assert state.profile["pm_education_hours"] == 36.0
    periods = state.profile["pm_experience_periods"]
    assert [p["from"] for p in periods] == ["2010-01", "2023-01"]


def test_a_dated_credential_in_the_opening_is_asked_about_not_assumed_active() -> None:
    """Issue 18 (set E, e009): "i have capm (from 2019)" waived the PMP's 35 hours unasked."""
    text = "could i go for pmp? i have capm (from 2019), a bachelors and 4 years pm"
    entities = [ent("certification", "PMP", text, "pmp"), ent("certification", "CAPM", text, "capm")]
    state = say(State(), text, "check_eligibility", entities).state
    assert "certifications" not in state.profile
    for answer in ("bachelor's", "4 years, still doing it", "no"):
        reply = say(state, answer)
        state = reply.state
    assert q("certifications", "PMP") in asked(reply)
    reply = say(reply.state, "capm from 2019")
    assert "Your CAPM from 2019 needs renewing every 3 years. Is it still active today?" in asked(reply)


def test_dates_in_the_opening_win_over_a_total_that_counts_overlaps_twice() -> None:
    """Issue 18 (set F, f038): "6 yrs experience: project 1 2019-2021, project 2 2020-2022" was 6
    years, a wrong "eligible"; the two periods overlap into 48 months."""
    text = "can i apply for pmp, highschool and 6 yrs experience: project 1 2019-2021, project 2 2020-2022"
    reply = say(
        State(),
        text,
        "check_eligibility",
        [ent("duration", "6 yrs", text), ent("certification", "PMP", text, "pmp")],
    )
    assert verdict(reply)["status"] == "not_eligible"
    assert "48 of 60 months" in reply.answers[-1].text


def test_an_opening_amount_goes_to_a_field_of_the_certification_asked_about() -> None:
    """Issue 18 (set F, f070 and f072): for the PMI-ACP, "2.5 yrs as product owner" and "agile ...
    then again since july 2025" went to project leadership experience."""
    text = "can i take the acp exam? bachelor's, 2.5 yrs as product owner"
    entities = [ent("certification", "PMI-ACP", text, "acp"), ent("duration", "2.5 yrs", text)]
    assert say(State(), text, "check_eligibility", entities).state.profile["agile_experience_months"] == 30


def test_a_course_named_by_another_topic_is_education_for_the_certification_asked() -> None:
    """Issue 18 (set F, f008): for the PMP, "a 16 hour project scheduling workshop" went to
    scheduling education and the PMP's verdict saw 20 of 35 hours."""
    text = "I took two courses: a 20 hour project management class and a 16 hour project scheduling workshop"
    state = State(
        goal=ELIGIBILITY, target="PMP", requested="pm_education_hours", profile={"education": "bachelor"}
    )
    reply = say(state, text, entities=[ent("hours", "20 hour", text), ent("hours", "16 hour", text)])
    assert reply.state.profile["pm_education_hours"] == 36


def test_hours_of_project_work_are_not_training() -> None:
    """Issue 18 (set F, f055): "about 1,500 hours on projects" gave 1500 hours of education."""
    text = "I have a high school diploma and about 1,500 hours on projects, can I apply for the CAPM?"
    entities = [ent("hours", "1,500 hours", text), ent("certification", "CAPM", text)]
    assert "pm_education_hours" not in say(State(), text, "check_eligibility", entities).state.profile


def test_move_up_to_names_the_certification_to_check() -> None:
    """Issue 18 (set F, f041): "my capm expires next year, can i move up to pmp" checked the CAPM."""
    text = "my capm expires next year, can i move up to pmp before that? bachelor's, 4 years as PM"
    entities = [ent("certification", "CAPM", text, "capm"), ent("certification", "PMP", text, "pmp")]
    assert say(State(), text, "check_eligibility", entities).state.target == "PMP"


def test_a_lapse_said_in_a_question_is_kept_and_a_credential_relied_on_is_not_held() -> None:
    """Issue 18 (set G, g005): "I got my CAPM in 2016 but never renewed it, can that replace the
    course?" was dropped as a question, then "no course, I was counting on the CAPM" made the
    CAPM held: a wrong "eligible"."""
    state = State(
        goal=ELIGIBILITY,
        target="PMP",
        requested="pm_education_hours",
        profile={"education": "bachelor", "pm_experience_months": 60},
    )
    text = "oh and I got my CAPM in 2016 but never renewed it, can that replace the course?"
    reply = say(state, text, "faq", [ent("certification", "CAPM", text)])
    assert reply.state.profile["certifications"] == []
    assert "An expired CAPM doesn't count" in reply.answers[0].text
    text = "no course, I was counting on the CAPM"
    reply = say(reply.state, text, entities=[ent("certification", "CAPM", text)])
    assert verdict(reply)["status"] == "not_eligible"


def test_a_lapse_said_while_another_question_waits_takes_the_credential_out() -> None:
    """Issue 18 (set G, g055): "my CSM expired in 2023" got "Sorry, I didn't catch that"."""
    state = State(
        goal=ELIGIBILITY, target="PMI-ACP", requested="education", profile={"certifications": ["CSM"]}
    )
    text = "hmm actually my CSM expired in 2023, I didn't pay the renewal"
    reply = say(state, text, entities=[ent("certification", "CSM", text)])
    assert reply.state.profile["certifications"] == []
    assert reply.state.requested == "education"


def test_i_miscounted_corrects_without_asking_whether_to_change() -> None:
    """Issue 18 (set G, g019): "wait, I miscounted: ... since January 2021" asked "change it?"."""
    state = State(
        goal=ELIGIBILITY,
        target="PMP",
        requested="gac_degree",
        profile={"education": "bachelor", "pm_experience_months": 24},
    )
    text = "wait, I miscounted: I've been leading projects since January 2021, so it's almost 6 years"
    reply = say(state, text, entities=[ent("duration", "since January 2021", text)])
    assert reply.state.profile["pm_experience_periods"] == [{"from": "2021-01"}]
    assert not reply.state.pending_change


def test_hours_named_for_a_certification_answer_the_hours_question_without_switching() -> None:
    """Issue 18 (set E, e009): "just the 23 hours i did for the capm in 2019" switched the PMP
    check to a CAPM "eligible"."""
    state = State(
        goal=ELIGIBILITY,
        target="PMP",
        requested="pm_education_hours",
        profile={"education": "bachelor", "pm_experience_months": 48},
    )
    text = "just the 23 hours i did for the capm in 2019, nothing else"
    entities = [ent("hours", "23 hours", text), ent("certification", "CAPM", text, "capm")]
    reply = say(state, text, "check_eligibility", entities)
    assert reply.state.target == "PMP"
    assert reply.state.profile["pm_education_hours"] == 23
    assert "certifications" not in reply.state.profile


def test_a_denied_topic_is_not_experience_in_it() -> None:
    """Issue 18 (set F, f087): "since 2021 i'm a scrum master, no dedicated risk work" became
    risk management experience since 2021, a wrong PMI-RMP "eligible"."""
    state = State(
        goal=ELIGIBILITY,
        target="PMI-RMP",
        requested="risk_experience_months",
        profile={"education": "bachelor"},
    )
    text = "since 2021 i'm a scrum master, no dedicated risk work"
    reply = say(state, text, entities=[ent("duration", "since 2021", text)])
    assert "risk_experience_periods" not in reply.state.profile
    assert reply.state.requested == "risk_experience_months"


def test_all_the_periods_of_an_opening_are_kept_when_the_nlu_marks_one() -> None:
    """Issue 18 (set F, f070): "agile jun 2022 - may 2023, then again since july 2025" kept 2025."""
    text = "is ACP possible for me? high school. agile jun 2022 - may 2023, then again since july 2025"
    entities = [ent("certification", "PMI-ACP", text, "ACP"), ent("duration", "since july 2025", text)]
    profile = say(State(), text, "check_eligibility", entities).state.profile
    assert profile["agile_experience_periods"] == [{"from": "2022-06", "to": "2023-05"}, {"from": "2025-07"}]


def test_two_kinds_of_work_in_an_opening_keep_their_own_dates() -> None:
    """Issue 18 (set G, g063): "project manager 2016-2024, program manager since December 2024"
    gave the program field both periods, a wrong PgMP "eligible"."""
    text = "do I qualify for PgMP? bachelor's, project manager 2016-2024, program manager since December 2024"
    entities = [
        ent("certification", "PgMP", text, "PgMP"),
        ent("duration", "2016-2024", text),
        ent("duration", "since December 2024", text),
    ]
    profile = say(State(), text, "check_eligibility", entities).state.profile
    assert profile["program_experience_periods"] == [{"from": "2024-12"}]
    assert profile["pm_experience_periods"] == [{"from": "2016-01", "to": "2024-12"}]


def test_hours_the_nlu_did_not_mark_are_heard_while_another_question_waits() -> None:
    """Issue 18 (set F, f028): "i only completed 25 of the hours before i dropped it", said while
    the experience question waited, got "I didn't catch that" and the 35 hours stood."""
    state = State(
        goal=ELIGIBILITY,
        target="PMP",
        requested="pm_experience_months",
        profile={"education": "bachelor", "pm_experience_months": 48, "pm_education_hours": 35},
    )
    reply = say(
        state,
        "hmm actually i didn't finish that course, i only completed 25 of the hours before i dropped it",
    )
    assert reply.state.profile["pm_education_hours"] == 25


def test_years_at_home_after_project_work_are_not_experience() -> None:
    """Issue 18 (set H, h034): "from 2012 to the end of 2021. Since 2022 I've been a stay-at-home
    mom" added 2022 to now as project leadership, a wrong PMP "eligible"."""
    text = (
        "I have an associate's degree and 9 years of project management experience, from 2012 to "
        "the end of 2021. Since 2022 I've been a stay-at-home mom. Can I apply for PMP?"
    )
    entities = [
        ent("education_level", "associate", text, "associate's degree"),
        ent("duration", "9 years", text),
        ent("duration", "from 2012 to the end of 2021", text),
        ent("duration", "Since 2022", text),
        ent("certification", "PMP", text),
    ]
    profile = say(State(), text, "check_eligibility", entities).state.profile
    assert profile["pm_experience_periods"] == [{"from": "2012-01", "to": "2021-12"}]


def test_the_certification_to_take_wins_over_a_course_named_first() -> None:
    """Set H, h048 and h057: "I'm 3 courses into the 6-course Google PM certificate ... Can I take
    the CAPM?" checked the Google certificate ("no degree or experience is required")."""
    text = (
        "I'm 3 courses into the 6-course Google PM certificate, roughly 15 hours so far. "
        "BA in history. Can I take the CAPM?"
    )
    entities = [
        ent("certification", "Google PM Certificate", text, "Google PM certificate"),
        ent("hours", "15 hours", text),
        ent("education_level", "bachelor", text, "BA"),
        ent("certification", "CAPM", text),
    ]
    reply = say(State(), text, "check_eligibility", entities)
    assert reply.state.target == "CAPM"
    assert reply.state.profile["education"] == "bachelor"


def test_periods_the_nlu_missed_go_to_the_work_of_their_clause() -> None:
    """Set H, h075: "I was a project manager from 2014 to end of 2018, and I've been program
    manager since January 2019" kept only the program years: a wrong PgMP "not yet"."""
    text = (
        "I'd like to sit the PgMP. My master's in PM is GAC accredited. I was a project manager from "
        "2014 to end of 2018, and I've been program manager since January 2019."
    )
    entities = [
        ent("certification", "PgMP", text),
        ent("education_level", "master", text, "master's"),
        ent("duration", "since January 2019", text),
    ]
    profile = say(State(), text, "check_eligibility", entities).state.profile
    assert profile["pm_experience_periods"] == [{"from": "2014-01", "to": "2018-12"}]
    assert profile["program_experience_periods"] == [{"from": "2019-01"}]


def test_a_denied_certification_is_no_answer_to_the_experience_question() -> None:
    """Set H, h075: "no PMP, by the way", said while project leadership was asked, stored
    "none yet" as the experience."""
    state = State(
        profile={"education": "master"}, goal=ELIGIBILITY, target="PgMP", requested="pm_experience_months"
    )
    text = "no PMP, by the way"
    reply = say(state, text, "faq", [ent("certification", "PMP", text)])
    assert "pm_experience_months" not in reply.state.profile


def test_a_date_range_said_later_asks_before_it_changes_the_period() -> None:
    """Set H, h016: "both ran from jan 2024 to dec 2025", said while another question waited,
    got "I didn't catch that" and "since jan 2024" stood as "to now"."""
    state = State(
        profile={"education": "bachelor", "pm_experience_periods": [{"from": "2024-01"}]},
        goal=ELIGIBILITY,
        target="PMP",
        requested="gac_degree",
    )
    reply = say(state, "both ran from jan 2024 to dec 2025. since then I'm back in a business analyst role")
    assert "change it to 2024-01 to 2025-12?" in asked(reply)


def test_total_years_of_work_are_business_experience_for_the_pfmp() -> None:
    """Set H, h084: "7 years working in total, the last 4.5 as portfolio manager" gave the
    portfolio field 7 years, and a wrong PfMP "eligible"."""
    text = "pfmp question. bachelor's, 7 years working in total, the last 4.5 as portfolio manager"
    entities = [
        ent("certification", "PfMP", text, "pfmp"),
        ent("education_level", "bachelor", text, "bachelor's"),
        ent("duration", "7 years", text),
    ]
    reply = say(State(), text, "check_eligibility", entities)
    assert reply.state.profile.get("business_experience_months") == 84
    assert "portfolio_experience_months" not in reply.state.profile
    assert verdict(reply)["status"] == "not_eligible"


def test_a_fact_added_after_a_verdict_is_heard() -> None:
    """Set H, h002: "i also finished a 35h pmp course online this summer", after the verdict,
    got "I don't know"."""
    from bot.interview import adds_or_corrects_a_fact

    text = "i also finished a 35h pmp course online this summer"
    assert adds_or_corrects_a_fact(Message(text, "nlu_fallback", [ent("hours", "35h", text)]))
    assert not adds_or_corrects_a_fact(Message("i also like pizza", "nlu_fallback", []))


def test_a_degree_in_its_last_year_is_not_held_though_named_again() -> None:
    """Set I, i028: "I'm in the last year of my bachelor's (graduating june 2027) ... With bachelor
    it's 36 months right?" counted the bachelor's, a wrong PMP "eligible"."""
    text = (
        "I'm in the last year of my bachelor's (graduating june 2027), but I already work as a PM for "
        "3.5 years part time. With bachelor it's 36 months right? Can i apply now?"
    )
    entities = [ent("education_level", "bachelor", text, "bachelor's"), ent("duration", "3.5 years", text)]
    profile = say(State(), text, "check_eligibility", entities).state.profile
    assert profile["education"] == "secondary"


def test_a_certificate_that_is_expire_is_lapsed() -> None:
    """Set I, i064: "my CSM certificate is expire in 2023 ... It still help me for PMI-ACP?" checked
    the CSM and counted the agile months as project leadership."""
    text = (
        "Hello, my CSM certificate is expire in 2023 because I not pay renewal. It still help me for "
        "PMI-ACP? I have 14 month agile experience as scrum master"
    )
    entities = [
        ent("certification", "CSM", text),
        ent("certification", "PMI-ACP", text),
        ent("duration", "14 month", text),
    ]
    reply = say(State(), text, "check_eligibility", entities)
    assert reply.state.target == "PMI-ACP"
    assert (
        reply.state.profile["agile_experience_months"] == 14 and reply.state.profile["certifications"] == []
    )


def test_work_the_certification_does_not_ask_about_is_not_its_experience() -> None:
    """Set I, i070: "... as scrum master. Since 2021 I run classic waterfall projects", for the
    PMI-ACP, counted 2021 to now as agile experience: a wrong "eligible"."""
    text = (
        "Agile experience: Jan 2017 to Dec 2020 as scrum master. "
        "Since 2021 I run classic waterfall projects. ACP?"
    )
    entities = [ent("duration", "Since 2021", text), ent("certification", "PMI-ACP", text, "ACP")]
    profile = say(State(), text, "check_eligibility", entities).state.profile
    assert profile.get("agile_experience_periods") != [{"from": "2021-01"}]
    assert profile.get("pm_experience_periods") == [{"from": "2021-01"}]

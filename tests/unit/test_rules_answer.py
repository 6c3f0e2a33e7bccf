"""Issue 19: rules questions about a described person, answered from the rules for that profile."""

from __future__ import annotations

from typing import Any, Dict, List

from bot.interview import Message, State, step
from bot.interview.rules_answer import rules_answer
from tests.entities import ent
from tests.today import TODAY


def answer(text: str, entities: List[Dict[str, Any]]) -> str:
    found = rules_answer(Message(text, "nlu_fallback", entities), TODAY)
    assert found is not None, text
    return found.text


def test_an_associate_degree_gets_the_secondary_degree_path_of_the_pmp() -> None:
    """Validation set 3: "my friend has an associate degree, is it 36 or 60 months ..." got "Thanks!"."""
    text = "my friend has an associate degree, is it 36 or 60 months of experience for her pmp?"
    said = answer(
        text,
        [ent("education_level", "associate", text, "associate degree"), ent("certification", "PMP", text)],
    )
    assert "The secondary degree path applies" in said
    assert "60 months of project leadership experience within the last 8 years" in said
    assert "Rules as of" in said and "source:" in said


def test_a_described_person_short_of_the_rule_is_told_what_is_missing() -> None:
    text = "guy with a masters in computer science and 30 months leading projects, can he apply for pmp?"
    entities = [
        ent("education_level", "master", text, "masters"),
        ent("duration", "30 months", text),
        ent("certification", "PMP", text),
    ]
    said = answer(text, entities)
    assert "The four-year degree path applies" in said
    assert "Still needed: 6 more months of project leadership experience" in said
    assert "a degree not accredited by GAC" in said  # what was assumed is said


def test_an_active_agile_certification_leads_to_the_acp_path_for_it() -> None:
    text = "a colleague has an active CSM and 14 months of agile work, is that enough for the acp?"
    entities = [
        ent("certification", "CSM", text),
        ent("duration", "14 months", text),
        ent("certification", "PMI-ACP", text, "acp"),
    ]
    said = answer(text, entities)
    assert "agile certification from another body path applies" in said
    assert "agile project experience in the last 5 years: 14 months (12 needed)" in said


def test_a_rules_question_with_no_facts_gets_the_certifications_paths() -> None:
    text = "is there any training hours requirement for the pgmp?"
    said = answer(text, [ent("certification", "PgMP", text, "pgmp")])
    assert "84 months of program management experience" in said


def test_the_persons_own_profile_is_never_changed_by_a_rules_question() -> None:
    state = State(profile={"education": "bachelor", "pm_experience_months": 40})
    text = "my friend has an associate degree, is it 36 or 60 months of experience for her pmp?"
    entities = [
        ent("education_level", "associate", text, "associate degree"),
        ent("certification", "PMP", text),
    ]
    reply = step(state, Message(text, "inform", entities), TODAY)
    assert reply.state.profile == state.profile
    assert "The secondary degree path applies" in reply.answers[-1].text
    assert reply.answers[-1].buttons[0] == (
        "Check if I'm eligible for the PMP",
        '/check_eligibility{"certification": "PMP"}',
    )


def test_statements_and_other_questions_get_no_rules_answer() -> None:
    text = "I have a bachelor's and 3 years of PM work"
    assert (
        rules_answer(Message(text, "inform", [ent("education_level", "bachelor", text, "bachelor's")]), TODAY)
        is None
    )
    assert rules_answer(Message("what's the weather like?", "out_of_scope", []), TODAY) is None


def test_practitioner_beside_prince2_is_the_prince2_practitioner() -> None:
    """Set H, h106: "I passed PRINCE2 Foundation ... Can I go straight to Practitioner?" checked
    the Foundation."""
    from bot.interview.understanding import certification_asked

    text = "I passed PRINCE2 Foundation (7th edition) in March 2025. Can I go straight to Practitioner?"
    entities = [ent("certification", "PRINCE2 Foundation", text)]
    assert certification_asked(text, entities) == "PRINCE2 Practitioner"
    assert certification_asked("am I eligible for the PMI Agile Certified Practitioner?", []) is None

"""Property-based: no sequence of messages makes the interview fail or fall silent."""

from __future__ import annotations

from typing import Any, Dict, List

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.interview import Message, State, step
from bot.profile import Profile
from tests.today import TODAY

INTENTS = [
    "check_eligibility",
    "ask_recommendation",
    "inform",
    "affirm",
    "deny",
    "nlu_fallback",
    "ask_profile",
    "forget_profile",
    "resume",
    "greet",
    "correct_profile",
    "ask_degree",
    "faq",
]
ENTITY_VALUES = {
    "certification": ["PMP", "CAPM", "PMI-ACP", "PgMP", "PfMP", "CSM", "PSM", "prince2", "XYZ", ""],
    "education_level": ["secondary", "bachelor", "master", "wizard", ""],
    "duration": ["5 years", "18 months", "999 years", "-2 years", "since 2030", "blah", "0 months"],
    "hours": ["35 hours", "0 hours", "99999 hours", "many hours"],
    "profile_field": ["education", "gac_degree", "pm_experience_months", "nonsense", ""],
}


@st.composite
def messages(draw: Any) -> Message:
    text = draw(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                [
                    "yes",
                    "no",
                    "none",
                    "stop",
                    "/deny",
                    "5 years",
                    "not sure",
                    "what is GAC?",
                    "2015 to 2019",
                    "12 years",
                ]
            ),
        )
    )
    entities: List[Dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(sorted(ENTITY_VALUES)))
        start = draw(st.integers(0, max(0, len(text))))
        entities.append(
            {
                "entity": kind,
                "value": draw(st.sampled_from(ENTITY_VALUES[kind])),
                "start": start,
                "end": start,
            }
        )
    return Message(text, draw(st.sampled_from(INTENTS)), entities)


@settings(max_examples=300)
@given(st.lists(messages(), min_size=1, max_size=8))
def test_any_conversation_keeps_a_valid_profile_and_always_answers(conversation: List[Message]) -> None:
    state = State()
    for message in conversation:
        reply = step(state, message, TODAY)
        state = reply.state
        Profile.from_dict(state.profile)  # every stored value is still valid
        if message.intent != "resume":
            assert reply.answers and all(a.text.strip() for a in reply.answers)
        for answer in reply.answers:
            if answer.custom and "eligibility" in answer.custom:  # every verdict shows its inputs
                assert answer.text.startswith("Based on what you told me:")
                assert not state.active

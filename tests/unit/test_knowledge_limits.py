"""Issue 19: whether a message is a knowledge question (the SUM over its answers) and which
answer is given (its own probability, or its lead over the next)."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from components.knowledge_classifier import CHECK, KnowledgeClassifier, rank_intents
from components.knowledge_fallback import AnswerLimits, KnowledgeFallback

CONFIG = KnowledgeClassifier.get_default_config()
LIMITS = {"retrieval_intent": "faq", "min_share": 0.6, "threshold": 0.5, "floor": 0.1, "lead": 4.0}


def test_close_answers_add_up_to_a_knowledge_question() -> None:
    """Three entries on the same topic at 0.3, 0.25 and 0.2 are one knowledge question (0.75),
    not three weak guesses below a salary intent at 0.2."""
    scores = {"faq/a": 0.3, "faq/b": 0.25, "faq/c": 0.2, "ask_salary": 0.2}
    ranking = rank_intents(scores, 0.05, CONFIG)
    assert ranking[0][0] == "faq" and abs(ranking[0][1] - 0.75) < 1e-9
    assert (CHECK, 0.05) in ranking


def test_a_right_first_guess_well_ahead_is_answered() -> None:
    """Set 2: "whats it called when a project keeps growing" had scope_creep 0.23, budget 0.09 was
    declined; now a first guess four times the next one's is clear."""
    limits = AnswerLimits.from_config(LIMITS)
    assert limits.clear(0.91, 0.23, 0.05)
    assert limits.clear(0.91, 0.55, 0.40)  # sure on its own
    assert not limits.clear(0.90, 0.44, 0.29)  # two close answers: "Did you mean ...?"
    assert not limits.clear(0.50, 0.45, 0.01)  # not surely a knowledge question
    assert not limits.clear(0.95, 0.08, 0.01)  # nothing near enough


def _message(share: float, answers: list) -> Message:
    message = Message(data={"text": "q", "intent": {"name": "faq", "confidence": share}})
    ranking = [{"intent_response_key": k, "confidence": p} for k, p in answers]
    message.set("response_selector", {"faq": {"ranking": ranking, "response": {"confidence": answers[0][1]}}})
    return message


def test_the_fallback_component_keeps_clear_answers_and_sends_close_ones_on() -> None:
    component = KnowledgeFallback(LIMITS)
    clear, close = (
        _message(0.9, [("faq/a", 0.3), ("faq/b", 0.05)]),
        _message(0.9, [("faq/a", 0.3), ("faq/b", 0.2)]),
    )
    component.process([clear, close])
    assert clear.get("intent")["name"] == "faq"
    assert close.get("intent")["name"] == "nlu_fallback"
    assert close.get("response_selector")["faq"]["ranking"][1]["intent_response_key"] == "faq/b"

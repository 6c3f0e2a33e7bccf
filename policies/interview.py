"""A dialogue policy for the eligibility questions: an answer to the pending question wins.

While the interview waits for a value (slots ``interview_active`` and ``requested_field``):
- a message that holds a value of the asked kind goes to ``action_eligibility``, whatever
  intent the classifier chose, unless it is plainly a side question
  (``bot.interview.pending_answer`` decides, with the same readers the action uses);
- after any other bot answer (a knowledge answer, an FAQ from the ResponseSelector, ...),
  ``action_resume_interview`` asks the pending question again, then the bot listens.
Otherwise it predicts nothing and the rules decide. Its priority is above RulePolicy's.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Dict, List, Optional

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.interview import Message, adds_or_corrects_a_fact, pending_answer, stops_or_goes_on
from bot.knowledge.facts import detect_topic

logger = logging.getLogger(__name__)
ANSWER = "action_eligibility"
FOLLOW_UP = "action_follow_up"
UNSURE = {"out_of_scope", "nlu_fallback"}
RESUME = "action_resume_interview"
# Bot actions after which the questions are not resumed: the interview itself, Rasa's own
# bookkeeping, the fallbacks and goodbye.
NO_RESUME = {
    ANSWER,
    RESUME,
    ACTION_LISTEN_NAME,
    "action_session_start",
    "action_restart",
    "action_default_fallback",
    "action_unlikely_intent",
    "utter_goodbye",
    "utter_default",
}
# Bot actions that a rule follows with another action before the questions resume.
CONTINUED = {"utter_out_of_scope"}  # then action_log_question
# Intents the rules already send to the interview (or that must not be read as answers).
OWN_INTENTS = {"check_eligibility", "ask_recommendation", "ask_profile", "forget_profile", "correct_profile"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class InterviewPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 7}

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Optional[Any] = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(
        self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = next_action(tracker)
        if action is None:
            return self._prediction(self._default_predictions(domain))
        scores = self._default_predictions(domain)
        scores[domain.index_for_action(action)] = 1.0
        return self._prediction(scores)


def _correction_after_verdict(tracker: DialogueStateTracker) -> Optional[str]:
    """After a verdict, "the course was actually 16 hours, not 23" corrects the profile (and the
    verdict) instead of reaching the fallback."""
    latest = tracker.latest_message
    if (
        tracker.latest_action_name != ACTION_LISTEN_NAME
        or latest is None
        or not tracker.get_slot("verdict_for")
    ):
        return None
    intent = str((latest.intent or {}).get("name") or "")
    message = Message(str(latest.text or ""), intent, list(latest.entities or []))
    return ANSWER if intent not in OWN_INTENTS and adds_or_corrects_a_fact(message) else None


def _fact_follow_up(tracker: DialogueStateTracker) -> Optional[str]:
    """ "ok whats the fee then", "how many questions tho", right after an answer about a
    certification: the classifier, without the context, found it out of scope or unsure; it is
    that certification's fact (validation set 3's follow-ups)."""
    latest = tracker.latest_message
    if tracker.latest_action_name != ACTION_LISTEN_NAME or latest is None:
        return None
    intent = str((latest.intent or {}).get("name") or "")
    if intent not in UNSURE or not tracker.get_slot("certification"):
        return None
    named = any(e.get("entity") == "certification" for e in latest.entities or [])
    return FOLLOW_UP if not named and detect_topic(str(latest.text or "")) else None


def next_action(tracker: DialogueStateTracker, today: Optional[dt.date] = None) -> Optional[str]:
    """The action this policy insists on, or None to leave the turn to the rules."""
    last = tracker.latest_action_name
    if last in (ANSWER, RESUME):
        return ACTION_LISTEN_NAME  # the interview's turn is over (also when it just ended)
    latest_intent = (tracker.latest_message.intent or {}) if tracker.latest_message else {}
    if last == FOLLOW_UP and str(latest_intent.get("name")) in UNSURE:
        return ACTION_LISTEN_NAME  # the fact follow-up this policy chose has answered
    if not tracker.get_slot("interview_active"):
        return _correction_after_verdict(tracker) or _fact_follow_up(tracker)
    if last in CONTINUED:
        return None
    if last is not None and last not in NO_RESUME:
        return RESUME
    if last != ACTION_LISTEN_NAME:
        return None
    latest = tracker.latest_message
    if latest is None or tracker.get_slot("requested_field") is None:
        return None
    intent = str((latest.intent or {}).get("name") or "")
    if intent in OWN_INTENTS:
        return None
    if stops_or_goes_on(str(latest.text or "")):
        return ANSWER  # "Stop": the interview's command, whatever the classifier thought
    message = Message(str(latest.text or ""), intent, list(latest.entities or []))
    try:
        answered = pending_answer(tracker.get_slot("requested_field"), message, today or dt.date.today())
    except Exception:  # a fault in reading answers must not stop the conversation: the rules decide
        logger.exception("InterviewPolicy could not read the answer; leaving the turn to the rules")
        return None
    return ANSWER if answered else None

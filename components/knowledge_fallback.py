"""Sends a knowledge question to the fallback when no knowledge-base answer is clearly ahead.

Rasa's FallbackClassifier only looks at the top intent's confidence. The intent classifier
gives the retrieval intent ``faq`` the SUM of its answers' probabilities (the chance that the
message is a knowledge question at all); which answer, if any, is then decided here from the
chosen answer's own probability and its lead over the next one:

- the question must be a knowledge question with at least ``min_share`` (the summed probability);
- the best answer is given when its probability is at least ``threshold``, or at least ``floor``
  and ``lead`` times the second answer's (two close answers share their probability: a right
  first guess at 0.3 with the next at 0.05 is clear);
- otherwise ``nlu_fallback`` is predicted, keeping the ranking, and the fallback action asks
  "Did you mean ...?" with the close answers as buttons (or says "I don't know" when nothing is
  near). Tuned on tests/nlu/knowledge_validation.yml by tests/nlu/knowledge_scores.py --tune.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.training_data.message import Message


@dataclass(frozen=True)
class AnswerLimits:
    """When a knowledge answer is clear enough to give (config.yml, KnowledgeFallback)."""

    min_share: float
    threshold: float
    floor: float
    lead: float

    @classmethod
    def from_config(cls, config: Dict[str, Any]) -> AnswerLimits:
        return cls(*(float(config[k]) for k in ("min_share", "threshold", "floor", "lead")))

    def clear(self, share: float, best: float, second: float) -> bool:
        """The best answer of a question that is a knowledge question with ``share`` is clear."""
        if share < self.min_share:
            return False
        return best >= self.threshold or (best >= self.floor and best >= self.lead * second)


def answer_ranking(data: Dict[str, Any], retrieval_intent: str) -> List[Tuple[str, float]]:
    """The knowledge answers ranked for ``retrieval_intent``, best first, as (faq/<id>, p)."""
    selected = data.get("response_selector", {}).get(retrieval_intent, {})
    ranking = selected.get("ranking") or []
    return [(str(r.get("intent_response_key")), float(r.get("confidence") or 0.0)) for r in ranking]


def best_two(data: Dict[str, Any], retrieval_intent: str) -> Tuple[float, float]:
    """The probabilities of the best and the second-best answer."""
    ranked = [p for _, p in answer_ranking(data, retrieval_intent)] + [0.0, 0.0]
    return ranked[0], ranked[1]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class KnowledgeFallback(GraphComponent):
    """Predicts ``nlu_fallback`` for a retrieval intent whose answer is not clearly ahead."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"retrieval_intent": "faq", "min_share": 0.5, "threshold": 0.5, "floor": 0.1, "lead": 4.0}

    def __init__(self, config: Dict[str, Any]) -> None:
        config = {**self.get_default_config(), **config}
        self.limits = AnswerLimits.from_config(config)
        self.retrieval_intent = str(config["retrieval_intent"])

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KnowledgeFallback:
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.data.get("intent") or {}
            if intent.get("name") != self.retrieval_intent:
                continue
            best, second = best_two(message.data, self.retrieval_intent)
            if self.limits.clear(float(intent.get("confidence") or 0.0), best, second):
                continue
            fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": best}
            message.data["intent"] = fallback
            message.data.setdefault("intent_ranking", []).insert(0, dict(fallback))
        return messages

"""Sends a knowledge question to the fallback when no knowledge-base answer fits well enough.

Rasa's FallbackClassifier only looks at the intent's confidence. A question about a topic
the knowledge base lacks is still plainly a question, so the intent classifier is sure it is
``faq``; what is unsure is the ResponseSelector's choice of answer. This component, placed
after the ResponseSelector, predicts ``nlu_fallback`` when that choice's confidence is below
``threshold`` (tuned on tests/nlu/knowledge_validation.yml by tests/nlu/knowledge_scores.py),
keeping the ranking so the fallback action can offer the nearest topics.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.training_data.message import Message


def answer_confidence(data: Dict[str, Any], retrieval_intent: str) -> float:
    """The ResponseSelector's confidence in its chosen answer for ``retrieval_intent``."""
    selected = data.get("response_selector", {}).get(retrieval_intent, {})
    return float(selected.get("response", {}).get("confidence", 0.0))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class KnowledgeFallback(GraphComponent):
    """Predicts ``nlu_fallback`` for a retrieval intent whose answer is uncertain."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"threshold": 0.5, "retrieval_intent": "faq"}

    def __init__(self, config: Dict[str, Any]) -> None:
        self.threshold = float(config["threshold"])
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
            confidence = answer_confidence(message.data, self.retrieval_intent)
            if confidence >= self.threshold:
                continue
            fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": confidence}
            message.data["intent"] = fallback
            message.data.setdefault("intent_ranking", []).insert(0, dict(fallback))
        return messages

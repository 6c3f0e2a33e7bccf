"""Intent and knowledge-answer classifier: TF-IDF (word 1-2-grams + char n-grams) and a sentence
embedding (WordLlama's packaged model, bot/knowledge/embedding.py) + logistic regression.

One flat classifier over every intent and every knowledge answer (``faq/<id>``), trained on the
NLU examples plus, for each answer, the sentences of its own answer text (an advantage a
classifier that learns only from examples lacks). It writes what DIETClassifier and the
ResponseSelector would: ``intent`` / ``intent_ranking`` (a retrieval intent's confidence is the
max of its answers') and
``response_selector[faq]`` whose confidence is the chosen answer's own probability, so
FallbackClassifier and KnowledgeFallback decline uncertain questions.

Whether the person asks to be checked is decided apart, by a second regression over the same
features plus the cue features of bot/understanding/goal.py, trained on "check_eligibility or
not": in the flat model that intent competes with ~190 answers naming the same certifications,
and its probability is spread thin. At or above ``check_threshold`` the check starts; between
``near_threshold`` and it, the message is a near tie (``nlu_fallback`` with the check ranked
first), and action_clarify asks "check your eligibility, or ...?" with both as buttons.
"""

from __future__ import annotations

import operator
import re
from collections import defaultdict
from typing import Any, Dict, List, Optional, Tuple

import joblib
import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer

from bot.knowledge import minilm
from bot.knowledge.embedding import embed
from bot.understanding.goal import check_cues, not_a_sure_check

# The sentence encoders the classifier can use as a feature (issue 19 measured both:
# benchmarks/RESULTS.md; WordLlama stays the default).
ENCODERS = {"wordllama": embed, "minilm": minilm.embed_unit}

FILE = "knowledge_classifier.joblib"
CHECK = "check_eligibility"
FALLBACK = "nlu_fallback"


def answer_sentences(text: str, min_words: int) -> List[str]:
    """An answer's sentences without its source line, each at least ``min_words`` long."""
    body = text.split("\n(Source:")[0]
    parts = re.split(r"(?<=[.!?])\s+", " ".join(body.split()))
    return [p for p in parts if len(p.split()) >= min_words]


def training_pairs(data: TrainingData, config: Dict[str, Any]) -> Tuple[List[str], List[str]]:
    texts, labels = [], []
    for example in data.intent_examples:
        texts.append(example.get("text"))
        labels.append(example.get("intent_response_key") or example.get("intent"))
    if config["answer_sentences"]:
        known = set(labels)
        for key, responses in data.responses.items():
            label = key[len("utter_") :]
            if label not in known:
                continue
            for response in responses:
                for sentence in answer_sentences(str(response.get("text") or ""), 4):
                    texts.append(sentence)
                    labels.append(label)
    return texts, labels


def build_model(config: Dict[str, Any]) -> Pipeline:
    parts: List[Tuple[str, Any]] = [
        ("words", TfidfVectorizer(ngram_range=(1, config["word_max_ngram"]), sublinear_tf=True)),
        (
            "chars",
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(config["char_min_ngram"], config["char_max_ngram"]),
                sublinear_tf=True,
            ),
        ),
    ]
    weights = {"words": 1.0, "chars": 1.0}
    if config["embedding_weight"]:
        parts.append(("embedding", FunctionTransformer(ENCODERS[config["encoder"]])))
        weights["embedding"] = float(config["embedding_weight"])
    features = FeatureUnion(parts, transformer_weights=weights)
    return make_pipeline(features, LogisticRegression(C=config["C"], max_iter=3000))


def with_cues(features: Any, texts: List[str], weight: float) -> Any:
    """The text features with the goal cues of each text appended (scaled by ``weight``)."""
    cues = scipy.sparse.csr_matrix(np.array([check_cues(t) for t in texts]) * weight)
    return scipy.sparse.hstack([features, cues], format="csr")


def train_check(
    model: Pipeline, texts: List[str], labels: List[str], config: Dict[str, Any]
) -> LogisticRegression:
    """The check-or-not regression on the flat model's features and the cue features."""
    features = with_cues(model[:-1].transform(texts), texts, config["cue_weight"])
    target = [label == CHECK for label in labels]
    # Balanced: a few hundred ways of asking to be checked against thousands of other sentences.
    check = LogisticRegression(C=config["check_C"], max_iter=3000, class_weight="balanced")
    return check.fit(features, target)


def fast(model: Pipeline) -> Pipeline:
    """The model with its weights stored column-major, so that predicting multiplies by
    ``coef_.T`` in place: with the weights row-major, scipy copied the whole transposed matrix
    (features x classes) on every message, 30 ms of a 35 ms parse (cProfile, 2026-11-27)."""
    classifier = model[-1]
    classifier.coef_ = np.asfortranarray(classifier.coef_)
    return model


def _per_intent(scores: Dict[str, float], retrieval_intent: str, combine: Any) -> Dict[str, float]:
    """The labels' probabilities gathered per intent (faq/<id> under the retrieval intent)."""
    prefix = retrieval_intent + "/"
    intents: Dict[str, float] = defaultdict(float)
    for label, p in scores.items():
        name = label.split("/")[0] if label.startswith(prefix) else label
        intents[name] = combine(intents[name], p)
    return intents


def intent_confidences(scores: Dict[str, float], retrieval_intent: str) -> Dict[str, float]:
    """Each intent's probability; a retrieval intent's is the sum of its answers' (the chance that
    the message is a knowledge question at all, however many close answers share it)."""
    return _per_intent(scores, retrieval_intent, operator.add)


def _by_best_label(scores: Dict[str, float], retrieval_intent: str) -> Dict[str, float]:
    """Each intent's best label: a retrieval intent competes with the other intents through its
    best single answer ("do IT project managers need technical knowledge" is the skills intent,
    not the sum of every answer that mentions skills)."""
    return _per_intent(scores, retrieval_intent, max)


def rank_intents(
    scores: Dict[str, float], check: float, config: Dict[str, Any], not_for_self: bool = False
) -> List[Tuple[str, float]]:
    """Intents ordered by their best label (a retrieval intent by its best answer) and given with
    their confidence: a retrieval intent's is the sum of its answers', the check's is the check
    regression's. A sure check goes first, unless the message is about someone else, general
    or about a lapsed credential (``not_for_self``), where an answer at ``sure_answer`` or more
    is given instead; a near tie puts ``nlu_fallback`` first and the check second (when the best
    single answer or other intent is not ``near_margin`` ahead: "pmi-acp: can I?" is a near tie
    though many answers name the ACP), so the fallback asks which of the two the person meant."""
    intents = intent_confidences(scores, config["retrieval_intent"])
    intents[CHECK] = check
    order = _by_best_label(scores, config["retrieval_intent"])
    order[CHECK] = check
    # Ordered by each intent's best label, reported with the summed knowledge share.
    ranking = sorted(intents.items(), key=lambda kv: -order[kv[0]])[: config["ranking_length"]]
    others = [r for r in ranking if r[0] != CHECK]
    best_single = max((p for label, p in scores.items() if label != CHECK), default=0.0)
    sure = max([best_single] + [p for name, p in others if name != config["retrieval_intent"]])
    if not_for_self and others and sure >= config["sure_answer"]:
        return others + [(CHECK, check)]  # "my pmp expired, what can i do": the answer is sure
    if check >= config["check_threshold"] and not not_for_self:
        # The others given "not a check", so the ranking is one distribution and the check leads
        # it ("can I take the PMI-ACP exam": exam facts 0.99 in the flat model, check 0.94).
        return [(CHECK, check)] + [(name, p * (1.0 - check)) for name, p in others]
    if check >= config["near_threshold"] and best_single - check < config["near_margin"]:
        return [(FALLBACK, check), (CHECK, check)] + others
    return ranking


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class KnowledgeClassifier(GraphComponent):
    """Predicts intents and knowledge answers with one TF-IDF + logistic-regression model."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "retrieval_intent": "faq",
            "C": 30.0,
            "word_max_ngram": 2,
            "char_min_ngram": 2,
            "char_max_ngram": 5,
            "answer_sentences": True,
            "embedding_weight": 1.0,
            "encoder": "wordllama",
            "ranking_length": 10,
            "check_C": 10.0,
            "cue_weight": 1.0,
            "check_threshold": 0.5,
            "near_threshold": 0.25,
            "near_margin": 0.4,
            "sure_answer": 0.7,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[Pipeline] = None,
        responses: Optional[Dict[str, List[Dict[str, Any]]]] = None,
        check: Optional[LogisticRegression] = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self.model = model
        self.check = check
        self.responses = responses or {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KnowledgeClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        texts, labels = training_pairs(training_data, self.config)
        # The check is decided apart, so its hundreds of examples take no probability from the
        # answers in the flat model (a rules question keeps its answer's confidence).
        others = [(t, label) for t, label in zip(texts, labels, strict=True) if label != CHECK]
        self.model = build_model(self.config).fit([t for t, _ in others], [label for _, label in others])
        self.check = train_check(self.model, texts, labels, self.config)
        self.responses = dict(training_data.responses)
        with self._storage.write_to(self._resource) as path:
            joblib.dump((self.model, self.check, self.responses), path / FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> KnowledgeClassifier:
        try:
            with model_storage.read_from(resource) as path:
                model, check, responses = joblib.load(path / FILE)
        except (ValueError, FileNotFoundError):
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, fast(model), responses, check)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None or self.check is None:
            return messages
        for message in messages:
            text = [message.get("text") or ""]
            features = self.model[:-1].transform(text)
            row = self.model[-1].predict_proba(features)[0]
            scores = dict(zip((str(c) for c in self.model.classes_), (float(p) for p in row), strict=True))
            cued = with_cues(features, text, self.config["cue_weight"])
            check = float(self.check.predict_proba(cued)[0][1])
            self._write(message, scores, check, not_a_sure_check(text[0]))
        return messages

    def _write(self, message: Message, scores: Dict[str, float], check: float, not_for_self: bool) -> None:
        ranking = rank_intents(scores, check, self.config, not_for_self)
        message.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]}, add_to_output=True)
        ranking = [r for r in ranking if r[0] != FALLBACK]
        message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking], add_to_output=True)
        prefix = self.config["retrieval_intent"] + "/"
        answers = sorted(((k, v) for k, v in scores.items() if k.startswith(prefix)), key=lambda kv: -kv[1])
        if answers:
            self._write_answer(message, answers[: self.config["ranking_length"]])

    def _write_answer(self, message: Message, answers: List[Tuple[str, float]]) -> None:
        key, confidence = answers[0]
        retrieval = self.config["retrieval_intent"]
        selected = {
            "response": {
                "responses": self.responses.get("utter_" + key, [{"text": key}]),
                "confidence": confidence,
                "intent_response_key": key,
                "utter_action": "utter_" + key,
            },
            "ranking": [{"confidence": c, "intent_response_key": k} for k, c in answers],
        }
        properties = message.get("response_selector", {})
        properties.setdefault("all_retrieval_intents", [retrieval])
        properties[retrieval] = selected
        message.set("response_selector", properties, add_to_output=True)

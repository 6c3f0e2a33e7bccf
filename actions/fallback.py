"""Low-confidence fallback: an honest "I don't know", the nearest topics as buttons, and a log."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import send
from bot.answers import Answer
from bot.interview import Message
from bot.interview.rules_answer import rules_answer
from bot.interview.understanding import certification_asked
from bot.knowledge import entries_by_id
from bot.understanding.goal import for_someone_else_or_general

logger = logging.getLogger(__name__)

BUTTONS_FILE = Path(__file__).with_name("intent_buttons.yml")
_BUTTONS = yaml.safe_load(BUTTONS_FILE.read_text(encoding="utf-8"))
TOPICS: Dict[str, str] = _BUTTONS["topics"]  # what each intent is about, in a button's words
NOT_OFFERED = frozenset(_BUTTONS["not_offered"])
NEAR_ANSWER = float(_BUTTONS["near_answer"])
CLOSE = float(_BUTTONS["close_answer"])
RETRIEVAL_INTENT = "faq"
NEAREST = 3  # how many nearest topics to offer
DEFAULT_LOG = Path("var") / "unanswered.log"


def unanswered_log() -> Path:
    """Where unanswered questions go (``UNANSWERED_LOG`` or var/unanswered.log)."""
    return Path(os.environ.get("UNANSWERED_LOG") or DEFAULT_LOG)


def log_unanswered(text: str) -> None:
    """Appends the question, and nothing else (no sender id), for an operator to read."""
    line = " ".join(text.split())[:500]
    if not line or line.startswith("/"):
        return
    path = unanswered_log()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(line + "\n")
    except OSError:
        logger.warning("could not write the unanswered-questions log %s", path)


def log_latest(tracker: Tracker) -> Dict[str, Any]:
    """Logs the person's latest message as unanswered; returns that message."""
    message = tracker.latest_message or {}
    log_unanswered(str(message.get("text") or ""))
    return message


def _answers(message: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The knowledge answers the response selector ranked, best first."""
    return message.get("response_selector", {}).get(RETRIEVAL_INTENT, {}).get("ranking", []) or []


def _best_answer(message: Dict[str, Any]) -> float:
    """The best knowledge answer's probability (0 when none was ranked)."""
    answers = _answers(message)
    return float(answers[0].get("confidence") or 0.0) if answers else 0.0


def _top_intent(message: Dict[str, Any]) -> Optional[str]:
    """The intent ranked first, the fallback aside."""
    ranking = [r for r in message.get("intent_ranking", []) or [] if r.get("name") != "nlu_fallback"]
    return str(ranking[0].get("name")) if ranking else None


def _entry_buttons(message: Dict[str, Any], share_of_best: float = 0.0) -> List[Dict[str, str]]:
    """The knowledge entries the response selector ranked highest, as buttons (only those with
    at least ``share_of_best`` of the best one's probability)."""
    entries = entries_by_id()
    ranking = _answers(message)
    best = _best_answer(message)
    buttons = []
    for ranked in ranking:
        if float(ranked.get("confidence") or 0.0) < share_of_best * best:
            break
        entry_id = str(ranked.get("intent_response_key", "")).split("/", 1)[-1]
        if entry_id in entries:
            entry = entries[entry_id]
            buttons.append({"title": entry.title, "payload": entry.examples[0]})
    return buttons


def nearest_topics(message: Dict[str, Any]) -> List[Dict[str, str]]:
    """Up to NEAREST buttons for the likeliest topics, intents and knowledge entries merged in
    the intent classifier's order (the knowledge base counts where ``faq`` ranks)."""
    entities = {}
    for entity in message.get("entities", []) or []:
        if entity.get("entity") == "certification":
            entities["certification"] = entity.get("value")
    buttons: List[Dict[str, str]] = []
    for ranked in message.get("intent_ranking", []) or []:
        name = ranked.get("name")
        if name == RETRIEVAL_INTENT:
            buttons += _entry_buttons(message)[:2]
        elif name in TOPICS and name not in NOT_OFFERED:
            buttons.append(
                {"title": TOPICS[name], "payload": f"/{name}" + (json.dumps(entities) if entities else "")}
            )
    return buttons[:NEAREST]


def is_knowledge_near(message: Dict[str, Any]) -> bool:
    """A knowledge question (``faq`` ranked first) whose best answer is near but not clearly
    ahead (components/knowledge_fallback.py sent it here): worth a "Did you mean ...?"."""
    return _top_intent(message) == RETRIEVAL_INTENT and _best_answer(message) >= NEAR_ANSWER


def did_you_mean(message: Dict[str, Any]) -> Dict[str, Any]:
    """ "Did you mean ...?" with the close knowledge answers as buttons, best first."""
    buttons = _entry_buttons(message, CLOSE)[:NEAREST]
    return {"text": "I'm not sure which of these you mean. Did you mean:", "buttons": buttons}


def is_check_near_tie(message: Dict[str, Any]) -> bool:
    """The classifier ranked the check first but not surely (components/knowledge_classifier.py)."""
    return _top_intent(message) == "check_eligibility"


def check_or_topic(message: Dict[str, Any], buttons: List[Dict[str, str]], in_context: Any) -> Dict[str, Any]:
    """ "Check whether you're eligible for the PMP, or <the nearest topic>?" with both as buttons."""
    named = list(message.get("entities", []) or [])
    certification = certification_asked(str(message.get("text") or ""), named) or in_context
    target = f" for the {certification}" if certification else ""
    entities = json.dumps({"certification": certification}) if certification else ""
    check = {"title": f"Check if I'm eligible{target}", "payload": f"/check_eligibility{entities}"}
    others = [b for b in buttons if not b["payload"].startswith("/check_eligibility")][: NEAREST - 1]
    topic = f', or is your question about "{others[0]["title"].rstrip("?")}"?' if others else "?"
    text = f"Do you want me to check whether you're eligible{target}{topic}"
    return {"text": text, "buttons": [check] + others}


def _rules_for_someone(message: Dict[str, Any]) -> Optional[Answer]:
    """A rules question the classifier was unsure of ("can someone get the PgMP with just a
    bachelor's?"): answered from the rules for the person it describes. A near tie about the
    speaker ("can I take the ACP from home?") keeps its "check, or ...?" question."""
    text = str(message.get("text") or "")
    if is_check_near_tie(message) and not for_someone_else_or_general(text):
        return None  # "no degree but loads of experience, pgmp?": about the speaker
    intent = str((message.get("intent") or {}).get("name") or "")
    return rules_answer(Message(text, intent, list(message.get("entities") or [])), dt.date.today())


class ActionClarify(Action):
    """An honest "I don't know" when nothing is near (the nearest topics as buttons), "Did you
    mean ...?" when close answers are; logs the question either way."""

    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        message = log_latest(tracker)
        rules = _rules_for_someone(message)
        if rules is not None:
            send(dispatcher, rules)
            return []
        buttons = nearest_topics(message)
        if is_check_near_tie(message):
            dispatcher.utter_message(**check_or_topic(message, buttons, tracker.get_slot("certification")))
            return []
        if is_knowledge_near(message):
            dispatcher.utter_message(**did_you_mean(message))
            return []
        text = "Sorry, I don't know the answer to that one, and I'd rather not guess."
        if buttons:
            text += " These are the nearest topics I can answer:"
        else:
            text += ' Type "help" to see what I can answer.'
        dispatcher.utter_message(text=text, buttons=buttons or None)
        return []


class ActionLogQuestion(Action):
    """Logs a question outside the assistant's subject like an unanswered one, after
    ``utter_out_of_scope`` has said so (near-topic ones, "what's the PSM II pass mark?", show
    what to add to the knowledge base)."""

    def name(self) -> str:
        return "action_log_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        log_latest(tracker)
        return []

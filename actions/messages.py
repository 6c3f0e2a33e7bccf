"""Turning core ``Answer`` objects into rasa_sdk messages, and reading certifications."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import Answer, known_certification


def send(dispatcher: CollectingDispatcher, answer: Answer) -> None:
    buttons = [{"title": title, "payload": payload} for title, payload in answer.buttons]
    dispatcher.utter_message(text=answer.text, buttons=buttons or None)
    if answer.custom is not None:
        dispatcher.utter_message(json_message=answer.custom)


def mentioned_certifications(tracker: Tracker) -> List[str]:
    """Known certifications named in the latest message, in order, without repeats."""
    found: List[str] = []
    entities: List[Dict[str, Any]] = tracker.latest_message.get("entities", []) or []
    for entity in entities:
        if entity.get("entity") != "certification":
            continue
        name = known_certification(str(entity.get("value", "")))
        if name and name not in found:
            found.append(name)
    return found


def unknown_certification_mentioned(tracker: Tracker) -> Optional[str]:
    """The text of a certification entity that is not one the assistant knows."""
    for entity in tracker.latest_message.get("entities", []) or []:
        if entity.get("entity") == "certification" and not known_certification(str(entity.get("value", ""))):
            return str(entity.get("value", ""))[:60]
    return None


def current_certification(tracker: Tracker) -> Optional[str]:
    """The certification this message is about: named now, or the one we were discussing."""
    named = mentioned_certifications(tracker)
    if named:
        return named[0]
    return known_certification(tracker.get_slot("certification"))

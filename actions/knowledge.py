"""Actions that answer questions about certifications from the rules data file."""

from __future__ import annotations

import abc
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import (
    current_certification,
    mentioned_certifications,
    send,
    unknown_certification_mentioned,
)
from bot import answers
from bot.certifications import load_catalog
from bot.knowledge import facts


def _unknown(dispatcher: CollectingDispatcher, name: str) -> None:
    known = ", ".join(load_catalog().certifications)
    dispatcher.utter_message(text=f'I don\'t have details on "{name}". I can tell you about: {known}.')


class ActionListCertifications(Action):
    def name(self) -> str:
        return "action_list_certifications"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        send(dispatcher, answers.certification_overview())
        return []


def asked_topic(tracker: Tracker) -> Optional[str]:
    """The certification fact asked about: from a button's ``fact_topic`` or the words typed."""
    for entity in tracker.latest_message.get("entities", []) or []:
        if entity.get("entity") == "fact_topic" and entity.get("value") in facts.WRITERS:
            return str(entity["value"])
    return facts.detect_topic(str(tracker.latest_message.get("text") or ""))


def answer_for(certification: str, topic: str) -> answers.Answer:
    """The answer of kind ``topic`` ("info", "exam" or a fact topic) about ``certification``."""
    if topic == "info":
        return answers.certification_info(certification)
    if topic == "exam":
        return answers.exam_details(certification)
    return facts.fact_answer(certification, topic)


def which_certification(intent: str, topic: str) -> answers.Answer:
    """Asks which certification, with buttons that keep the topic asked about."""
    extra = {"fact_topic": topic} if topic in facts.WRITERS else {}
    return answers.which_certification(intent, **extra)


class _PerCertificationAction(Action, abc.ABC):
    """Answers for the certification named (or the one being discussed), else asks which.

    Remembers the kind of answer in the ``fact_topic`` slot for follow-ups."""

    intent = ""

    @abc.abstractmethod
    def topic(self, tracker: Tracker) -> str:
        """The kind of answer wanted: "info", "exam" or a fact topic (bot.knowledge.facts)."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        certification = current_certification(tracker)
        topic = self.topic(tracker)
        if certification is None:
            unknown = unknown_certification_mentioned(tracker)
            if unknown:
                _unknown(dispatcher, unknown)
                return []
            send(dispatcher, which_certification(self.intent, topic))
            return [SlotSet("fact_topic", topic)]
        send(dispatcher, answer_for(certification, topic))
        return [SlotSet("certification", certification), SlotSet("fact_topic", topic)]


class ActionCertificationInfo(_PerCertificationAction):
    intent = "ask_certification_info"

    def name(self) -> str:
        return "action_certification_info"

    def topic(self, tracker: Tracker) -> str:
        return "info"


class ActionExamDetails(_PerCertificationAction):
    """The whole exam paragraph, or one fact when one is asked ("how much is the PMP?")."""

    intent = "ask_exam_details"

    def name(self) -> str:
        return "action_exam_details"

    def topic(self, tracker: Tracker) -> str:
        return asked_topic(tracker) or "exam"


class ActionFollowUp(_PerCertificationAction):
    """ "and for the CAPM?" / "what about renewal?": the topic asked now, else the last one."""

    intent = "ask_follow_up"

    def name(self) -> str:
        return "action_follow_up"

    def topic(self, tracker: Tracker) -> str:
        last = tracker.get_slot("fact_topic")
        known = last if last in facts.WRITERS or last in ("info", "exam") else "info"
        return asked_topic(tracker) or known


def certification_before_this_message(tracker: Tracker) -> Optional[str]:
    """The certification discussed before the latest message ("compare it with PRINCE2": the
    slot already holds PRINCE2, set from the message's entity, so look at earlier events)."""
    events = list(tracker.events)
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    earlier = events[: users[-1]] if users else []
    for event in reversed(earlier):
        if event.get("event") == "slot" and event.get("name") == "certification":
            return answers.known_certification(event.get("value"))
    return answers.known_certification(tracker.get_slot("certification")) if not users else None


class ActionCompareCertifications(Action):
    def name(self) -> str:
        return "action_compare_certifications"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        named = mentioned_certifications(tracker)
        previous = current_certification(tracker) if len(named) < 2 else None
        if len(named) == 1 and previous == named[0]:
            previous = certification_before_this_message(tracker)
        pair = (
            named if len(named) >= 2 else ([previous] if previous and previous not in named else []) + named
        )
        if len(pair) < 2:
            dispatcher.utter_message(
                text='Which two certifications should I compare? For example: "compare PMP and CAPM".'
            )
            return []
        send(dispatcher, answers.compare(pair[:2]))
        return [SlotSet("certification", pair[0]), SlotSet("fact_topic", "info")]

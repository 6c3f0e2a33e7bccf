"""Actions that answer questions about certifications from the rules data file."""

from __future__ import annotations

import abc
from typing import Any, Dict, List

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


class _PerCertificationAction(Action, abc.ABC):
    """Answers for the certification named (or the one being discussed), else asks which."""

    intent = ""

    @abc.abstractmethod
    def answer(self, certification: str) -> answers.Answer:
        """The answer about ``certification``."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        certification = current_certification(tracker)
        if certification is None:
            unknown = unknown_certification_mentioned(tracker)
            if unknown:
                _unknown(dispatcher, unknown)
                return []
            send(dispatcher, answers.which_certification(self.intent))
            return []
        send(dispatcher, self.answer(certification))
        return [SlotSet("certification", certification)]


class ActionCertificationInfo(_PerCertificationAction):
    intent = "ask_certification_info"

    def name(self) -> str:
        return "action_certification_info"

    def answer(self, certification: str) -> answers.Answer:
        return answers.certification_info(certification)


class ActionExamDetails(_PerCertificationAction):
    intent = "ask_exam_details"

    def name(self) -> str:
        return "action_exam_details"

    def answer(self, certification: str) -> answers.Answer:
        return answers.exam_details(certification)


class ActionCompareCertifications(Action):
    def name(self) -> str:
        return "action_compare_certifications"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        named = mentioned_certifications(tracker)
        previous = current_certification(tracker) if len(named) < 2 else None
        if len(named) == 1 and previous == named[0]:
            previous = answers.known_certification(tracker.get_slot("certification"))
        pair = (
            named if len(named) >= 2 else ([previous] if previous and previous not in named else []) + named
        )
        if len(pair) < 2:
            dispatcher.utter_message(
                text='Which two certifications should I compare? For example: "compare PMP and CAPM".'
            )
            return []
        send(dispatcher, answers.compare(pair[:2]))
        return [SlotSet("certification", pair[0])]

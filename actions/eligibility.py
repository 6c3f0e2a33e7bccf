"""Eligibility and recommendation actions."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import current_certification, send
from bot import answers


class ActionCheckEligibility(Action):
    def name(self) -> str:
        return "action_check_eligibility"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        certification = current_certification(tracker)
        if certification is None:
            send(
                dispatcher,
                answers.which_certification("check_eligibility", "Which certification should I check?"),
            )
            return []
        send(dispatcher, answers.eligibility_requirements(certification))
        return [SlotSet("certification", certification)]


class ActionRecommend(Action):
    def name(self) -> str:
        return "action_recommend"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        send(dispatcher, answers.certification_overview())
        return []

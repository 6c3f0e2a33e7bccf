"""Low-confidence fallback: "Did you mean …?" with the two likeliest topics as buttons."""

from __future__ import annotations

import json
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# What each intent is about, in the words of a button.
TOPICS: Dict[str, str] = {
    "greet": "Say hello",
    "goodbye": "End the chat",
    "thank": "Say thanks",
    "bot_challenge": "Who am I talking to?",
    "ask_capabilities": "What can you do?",
    "ask_pm_role": "What an IT project manager does",
    "ask_pm_responsibilities": "An IT PM's responsibilities",
    "ask_pm_skills": "Skills an IT PM needs",
    "ask_career_path": "How to become an IT PM",
    "ask_degree": "Which degree to get",
    "ask_gain_experience": "How to gain PM experience",
    "ask_certifications": "Which certifications exist",
    "ask_certification_info": "About a certification",
    "ask_exam_details": "Exam length, fees and renewal",
    "compare_certifications": "Compare two certifications",
    "check_eligibility": "Check if I'm eligible",
    "ask_recommendation": "Which certification fits me",
    "ask_ai_impact": "Will AI replace PMs?",
    "ask_salary": "IT PM salaries",
    "ask_job_outlook": "Job outlook for IT PMs",
    "ask_workplaces": "Where IT PMs work",
}
NOT_OFFERED = {"nlu_fallback", "out_of_scope", "affirm", "deny", "inform"}


class ActionClarify(Action):
    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        ranking = tracker.latest_message.get("intent_ranking", []) or []
        entities = {}
        for entity in tracker.latest_message.get("entities", []) or []:
            if entity.get("entity") == "certification":
                entities["certification"] = entity.get("value")
        suggestions = [
            r["name"] for r in ranking if r.get("name") in TOPICS and r["name"] not in NOT_OFFERED
        ][:2]
        buttons = [
            {"title": TOPICS[name], "payload": f"/{name}" + (json.dumps(entities) if entities else "")}
            for name in suggestions
        ]
        buttons.append({"title": "Something else", "payload": "/out_of_scope"})
        dispatcher.utter_message(
            text="Sorry, I'm not sure I understood. Did you mean one of these?", buttons=buttons
        )
        return []

"""A requirement met by a waiver (a CAPM, GAC coursework) is shown as met, never as "0 of 35 hours"."""

from __future__ import annotations

from typing import Any, Dict

from bot.certifications import evaluate, load_catalog
from bot.certifications.model import Profile
from bot.interview.verdicts import fact_lines
from channels.slack import requirement_line
from tests.today import TODAY

HOURS = next(
    r.need for r in load_catalog().certifications["PMP"].paths[1].requires if r.field == "pm_education_hours"
)


def _pmp(profile: Dict[str, Any]) -> Any:
    return evaluate(Profile.from_dict(profile), "PMP", TODAY)


def test_gac_coursework_meets_the_hours_in_the_chat_lines() -> None:
    profile = {
        "education": "bachelor",
        "gac_degree": True,
        "pm_experience_months": 30,
        "pm_education_hours": 0,
    }
    verdict = _pmp(profile)
    lines = fact_lines(verdict, profile, {})
    assert verdict.status == "eligible"
    assert (
        f"• project management education: met by your GAC degree coursework (instead of {HOURS} hours)"
        in lines
    )
    assert not any(f"0 of {HOURS} hours" in line for line in lines)


def test_capm_meets_the_hours_in_the_slack_block() -> None:
    verdict = _pmp({"education": "bachelor", "pm_experience_months": 40, "certifications": ["CAPM"]})
    [hours] = [r for r in verdict.to_dict()["requirements"] if r["field"] == "pm_education_hours"]
    line = requirement_line(hours, {"pm_education_hours": "project management education"})
    assert line == "✅ project management education: met by your CAPM"

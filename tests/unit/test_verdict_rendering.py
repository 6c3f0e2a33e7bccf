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
    assert line == f"✅ project management education: met by your CAPM (instead of {HOURS} hours)"


def test_chat_slack_and_cli_show_the_same_words_for_a_met_amount() -> None:
    """Issue 21: the chat said "60 months (36 needed)" while the CLI, the Slack block and the web
    card said "60 of 36 months"; one renderer (RequirementCheck.words) now serves all of them."""
    from bot.__main__ import _counted as requirement_lines

    profile = {"education": "bachelor", "pm_experience_months": 60, "pm_education_hours": 35}
    verdict = _pmp(profile)
    experience = next(r for r in verdict.to_dict()["requirements"] if r["field"] == "pm_experience_months")
    need = experience["need"]
    assert experience["words"] == f"60 months ({need} needed)"
    assert any(line.endswith(f": 60 months ({need} needed)") for line in fact_lines(verdict, profile, {}))
    assert requirement_line(experience, {}).endswith(f"60 months ({need} needed)")
    assert any(line.endswith(f": 60 months ({need} needed)") for line in requirement_lines(verdict))
    assert not any(f"60 of {need}" in line for line in requirement_lines(verdict))

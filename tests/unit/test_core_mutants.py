"""What a person reads from the rules engine, pinned where mutmut found it unchecked:
shortfalls in words, the recommendation list (what to apply for now, what is nearest and
why), its JSON payload, and the question that names a certification's look-back window.

Expected figures come from the rules (tests/unit/golden_rules.yml): PMP four-year path
36 months and 35 hours, CAPM 23 hours, PgMP 48 months of projects within 15 years.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List

import pytest

from bot.certifications.catalog import load_catalog
from bot.certifications.engine import evaluate, recommend
from bot.certifications.model import Profile

TODAY = dt.date(2025, 1, 15)  # not this month: a verdict must use the day it is given
BACHELOR = {"education": "bachelor", "pm_education_hours": 35, "gac_degree": False, "certifications": []}


def profile(**values: Any) -> Profile:
    return Profile.from_dict({**BACHELOR, **values})


def shortfalls(cert: str, **values: Any) -> List[str]:
    return evaluate(profile(**values), cert, TODAY).describe_shortfalls()


PM = "project leadership experience"
HOURS = "project management education"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"pm_experience_months": 30}, f"6 more months of {PM}"),
        ({"pm_experience_months": 35}, f"1 more month of {PM}"),
        ({"pm_experience_months": 36, "pm_education_hours": 30}, f"5 more hours of {HOURS}"),
        ({"pm_experience_months": 36, "pm_education_hours": 34}, f"1 more hour of {HOURS}"),
        ({"pm_experience_months": 36, "pm_education_hours": 34.5}, f"0.5 more hours of {HOURS}"),
    ],
)
def test_a_pmp_shortfall_in_words(values: Dict[str, Any], expected: str) -> None:
    assert shortfalls("PMP", **values) == [expected]


def test_a_missing_degree_and_a_missing_certification_in_words() -> None:
    no_degree = Profile.from_dict({"education": "none", "pm_education_hours": 23})
    assert evaluate(no_degree, "CAPM", TODAY).describe_shortfalls() == [
        "a secondary degree (high school, GED or associate's)"
    ]
    [needed] = shortfalls("PRINCE2 Practitioner", pm_experience_months=30)
    assert needed.startswith("an active PRINCE2 Foundation or ")


def test_apply_now_lists_what_the_person_qualifies_for_best_fit_first() -> None:
    advice = recommend(profile(pm_experience_months=30, agile_training_hours=16), TODAY)
    names = [r.certification for r in advice.apply_now]
    assert names[0] == "CAPM"  # PMI's credential before the others of the same stage
    assert set(names) == {"CAPM", "CSM", "PRINCE2 Foundation", "CompTIA Project+", "Google PM Certificate"}
    assert all(r.status == "eligible" for r in advice.apply_now)
    capm, csm = advice.apply_now[0], next(r for r in advice.apply_now if r.certification == "CSM")
    assert capm.reason.endswith("You qualify now (secondary degree and 23 hours).")
    assert csm.reason.endswith("You qualify now (CSM course).")
    without_course = recommend(profile(pm_experience_months=30), TODAY)
    assert "CSM" not in [r.certification for r in without_course.apply_now]
    enough = recommend(profile(pm_experience_months=40), TODAY)
    assert [r.certification for r in enough.apply_now][:2] == ["PMP", "CAPM"]  # later career stage first


def test_nearest_names_every_gap_and_when_time_closes_it() -> None:
    advice = recommend(profile(pm_experience_months=30), TODAY)
    # Known gaps first, smallest first; then unknown requirements; then a missing certification.
    assert [r.certification for r in advice.nearest] == ["PMP", "PgMP", "PRINCE2 Practitioner"]
    pmp = advice.nearest[0]
    assert pmp.status == "not_eligible"
    assert pmp.reason.endswith(
        "Still needed: 6 more months of project leadership experience (about 2025-07 if you keep going)."
    )
    pgmp = next(r for r in advice.nearest if r.certification == "PgMP")
    assert "Still needed: 18 more months of project leadership experience; " in pgmp.reason
    assert (
        "program management experience (not known yet; this path needs 48 months within the last 15 years)"
        in pgmp.reason
    )
    risk = recommend(profile(pm_experience_months=30, risk_experience_months=10), TODAY)
    rmp = next(r for r in risk.nearest if r.certification == "PMI-RMP")
    assert rmp.reason.endswith(
        "Still needed: 14 more months of project risk management experience; "
        "risk management education (not known yet; this path needs 30 hours)."
    )
    assert [r.certification for r in recommend(profile(pm_experience_months=30), TODAY, 1).nearest] == ["PMP"]


def test_certifications_held_are_not_recommended_again() -> None:
    advice = recommend(profile(pm_experience_months=30, certifications=["CAPM", "CSM"]), TODAY)
    named = {r.certification for r in advice.apply_now + advice.nearest}
    assert not named & {"CAPM", "CSM"}
    # Everything else is still considered, and the CAPM opens the PRINCE2 Practitioner.
    assert {r.certification for r in advice.apply_now} == {
        "PRINCE2 Practitioner",
        "PRINCE2 Foundation",
        "CompTIA Project+",
        "Google PM Certificate",
    }


def test_recommendation_payload() -> None:
    payload = recommend(profile(pm_experience_months=30), TODAY).to_dict()
    assert payload["rules_as_of"] == load_catalog().rules_as_of
    assert set(payload) == {"rules_as_of", "apply_now", "nearest"}
    capm = payload["apply_now"][0]
    assert {k: v for k, v in capm.items() if k != "reason"} == {
        "certification": "CAPM",
        "status": "eligible",
        "path": "-",
        "shortfalls": [],
        "missing_info": [],
        "projected_month": None,
    }
    assert capm["reason"].startswith("PMI's entry-level credential")
    pmp = payload["nearest"][0]
    assert (pmp["certification"], pmp["status"], pmp["path"]) == ("PMP", "not_eligible", "B")
    assert pmp["shortfalls"] == [
        {
            "field": "pm_experience_months",
            "have": 30,
            "need": 36,
            "short_by": 6,
            "words": "6 more months of project leadership experience",
        }
    ]
    assert (pmp["missing_info"], pmp["projected_month"]) == ([], "2025-07")
    pgmp = next(r for r in payload["nearest"] if r["certification"] == "PgMP")
    assert pgmp["missing_info"] == ["program_experience_months"]


def test_the_experience_question_names_the_certifications_window() -> None:
    catalog = load_catalog()
    assert catalog.window_years("PMP", "pm_experience_months") == 8
    assert catalog.window_years("pmp", "pm_experience_months") == 8  # by alias too
    assert catalog.window_years("PMI-ACP", "agile_experience_months") == 5
    assert catalog.window_years("CAPM", "pm_experience_months") is None
    assert catalog.window_years("PMP", "pm_education_hours") is None
    asked = catalog.question_for("pm_experience_months", "PMP")
    assert asked.startswith("How long have you led and directed projects in the last 8 years")
    assert catalog.question_for("pm_experience_months") == catalog.fields["pm_experience_months"].question
    assert (
        catalog.question_for("pm_experience_months", "CAPM")
        == catalog.fields["pm_experience_months"].question
    )


def test_a_message_about_agile_work_is_read_as_agile_experience_before_projects() -> None:
    topics = load_catalog().field_topics("months")
    fields = [name for _, name in topics]
    assert fields.index("agile_experience_months") < fields.index("pm_experience_months")
    assert fields[-1] == "pm_experience_months"  # the generic one is tried last
    assert all(words for words, _ in topics)


def test_the_main_experience_of_a_certification() -> None:
    certs = load_catalog().certifications
    assert certs["PMI-ACP"].first_field("experience") == "agile_experience_months"
    assert certs["PMP"].first_field("training") == "pm_education_hours"
    assert certs["CAPM"].first_field("experience") is None


def test_a_corrected_answer_replaces_the_old_one_and_is_validated() -> None:
    before = profile(pm_experience_months=30)
    after = before.with_value("pm_experience_months", 40)
    assert (before.pm_experience_months, after.pm_experience_months) == (30, 40)
    assert evaluate(after, "PMP", TODAY).status == "eligible"
    with pytest.raises(Exception, match="negative"):
        before.with_value("pm_experience_months", -1)


def test_the_strongest_experience_decides_between_credentials_of_one_stage() -> None:
    risk = {"risk_experience_months": 50, "risk_education_hours": 40}
    more_risk = recommend(profile(pm_experience_months=40, **risk), TODAY)
    assert [r.certification for r in more_risk.apply_now][:3] == ["PMI-RMP", "PMP", "CAPM"]
    more_projects = recommend(profile(pm_experience_months=60, **risk), TODAY)
    assert [r.certification for r in more_projects.apply_now][:3] == ["PMP", "PMI-RMP", "CAPM"]


def test_specialist_credentials_are_suggested_only_in_the_persons_area() -> None:
    nearest = recommend(profile(pm_experience_months=30), TODAY, 20).nearest
    assert not {"PMI-RMP", "PMI-SP", "PMI-PBA"} & {r.certification for r in nearest}
    assert "PMP" in {r.certification for r in nearest}

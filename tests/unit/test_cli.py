"""The JSON command line: `python -m bot eligibility|recommend`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

from bot.certifications import load_catalog

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog()


def run(args: List[str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def need(cert: str, path: str, field: str) -> int:
    path_ = next(p for p in CATALOG.certifications[cert].paths if p.id == path)
    return int(next(r.need for r in path_.requires if r.field == field))


def test_eligibility_json_contract() -> None:
    months = need("PMP", "B", "pm_experience_months") - 6
    profile = {
        "education": "bachelor",
        "gac_degree": False,
        "pm_experience_months": months,
        "pm_education_hours": 40,
    }
    result = run(["eligibility", "--cert", "pmp cert", "--today", "2026-11-25"], json.dumps(profile))
    assert result.returncode == 0, result.stderr
    out: Dict[str, Any] = json.loads(result.stdout)
    assert out["rules_as_of"] == CATALOG.rules_as_of
    [pmp] = out["results"]
    assert pmp["certification"] == "PMP"
    assert pmp["status"] == "not_eligible"
    assert pmp["path"] == "B"
    assert pmp["shortfalls"] == [
        {
            "field": "pm_experience_months",
            "have": months,
            "need": months + 6,
            "short_by": 6,
            "words": "6 more months of project leadership experience",
        }
    ]
    assert pmp["missing_info"] == []
    assert pmp["projected_month"] == "2027-05"
    assert pmp["sources"] and pmp["notes"]
    assert set(pmp) >= {"certification", "status", "path", "shortfalls", "missing_info", "notes", "sources"}


def test_default_is_every_certification_and_repeatable_cert(tmp_path: Path) -> None:
    out = json.loads(run(["eligibility"], "{}").stdout)
    assert [r["certification"] for r in out["results"]] == list(CATALOG.certifications)
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps({"education": "secondary", "pm_education_hours": 23}))
    out = json.loads(
        run(["eligibility", "--profile", str(profile), "--cert", "capm", "--cert", "CSM"]).stdout
    )
    # The CSM needs its course first (14 hours of agile training): not known from this profile.
    assert [(r["certification"], r["status"]) for r in out["results"]] == [
        ("CAPM", "eligible"),
        ("CSM", "need_info"),
    ]


def test_text_format_is_for_people() -> None:
    result = run(["eligibility", "--cert", "PMP", "--format", "text"], json.dumps({"education": "none"}))
    assert result.returncode == 0
    assert "PMP: not eligible" in result.stdout
    assert "needs a secondary degree" in result.stdout
    assert "check pmi.org" in result.stdout


def test_recommend_json_and_text() -> None:
    profile = {
        "education": "bachelor",
        "pm_experience_months": 12,
        "pm_education_hours": 30,
        "certifications": [],
    }
    out = json.loads(run(["recommend"], json.dumps(profile)).stdout)
    assert out["apply_now"][0]["certification"] == "CAPM"
    assert all(r["status"] == "eligible" for r in out["apply_now"])
    assert out["nearest"] and all(r["status"] == "not_eligible" for r in out["nearest"])
    text = run(["recommend", "--format", "text"], json.dumps(profile)).stdout
    assert "You can apply now for:" in text and "1. CAPM" in text


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["eligibility"], "{not json", "not valid JSON"),
        (["eligibility"], '{"shoe_size": 9}', "Unknown profile field"),
        (["eligibility"], '{"pm_experience_months": -4}', "cannot be negative"),
        (["eligibility"], '{"pm_experience_months": 9000}', "more than the 600 months"),
        (["eligibility", "--cert", "XYZ"], "{}", "don't know the certification"),
        (["eligibility", "--cert", "PSM"], "{}", "no eligibility rules"),
        (["recommend"], '{"education": "wizard"}', "education level"),
        (["eligibility", "--format", "xml"], "{}", "invalid choice"),
        (["eligibility", "--today", "yesterday"], "{}", "--today"),
        (["frobnicate"], "{}", "invalid choice"),
        (["eligibility", "--profile", "/nonexistent/me.json"], "", "cannot read"),
    ],
)
def test_errors_exit_2_with_one_line_and_no_traceback(args: List[str], stdin: str, message: str) -> None:
    result = run(args, stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_eligibility_accepts_periods_and_counts_only_the_window() -> None:
    window = CATALOG.window_years("PMP", "pm_experience_months")
    need_b = need("PMP", "B", "pm_experience_months")
    assert window
    old_start = f"{2026 - window - 4}-01"
    old_end = f"{2026 - window - 1}-12"  # entirely before the window as of 2026-11-25
    profile = {
        "education": "bachelor",
        "gac_degree": False,
        "pm_education_hours": need("PMP", "B", "pm_education_hours"),
        "pm_experience_periods": [{"from": old_start, "to": old_end}, {"from": "2026-01"}],
    }
    done = run(["eligibility", "--cert", "PMP", "--today", "2026-11-25"], json.dumps(profile))
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)["results"]
    assert result["status"] == "not_eligible"
    rows = {r["field"]: r for r in result["requirements"]}
    assert rows["pm_experience_months"]["have"] == 11  # January to November 2026
    assert rows["pm_experience_months"]["need"] == need_b
    assert rows["pm_experience_months"]["window_years"] == window
    assert result["projected_month"] == f"{2026 + (need_b - 11 + 10) // 12}-{(need_b - 11 + 10) % 12 + 1:02d}"


def test_a_bad_period_exits_2_with_one_friendly_line() -> None:
    profile = {"pm_experience_periods": [{"from": "2020-05", "to": "2019-01"}]}
    done = run(["eligibility", "--cert", "PMP", "--today", "2026-11-25"], json.dumps(profile))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "before it starts" in done.stderr


def _text(cert: str, profile: Dict[str, Any]) -> str:
    done = run(
        ["eligibility", "--cert", cert, "--format", "text", "--today", "2026-11-25"], json.dumps(profile)
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_text_names_the_path_of_a_not_eligible_verdict() -> None:
    path = next(p for p in CATALOG.certifications["PMP"].paths if p.id == "B")
    months = need("PMP", "B", "pm_experience_months") - 6
    out = _text(
        "PMP",
        {
            "education": "bachelor",
            "gac_degree": False,
            "pm_experience_months": months,
            "pm_education_hours": 40,
        },
    )
    assert "PMP: not eligible" in out
    assert f"nearest path B ({path.label})" in out
    assert "needs 6 more months of project leadership experience" in out


def test_text_says_what_met_waived_training_instead_of_zero_hours() -> None:
    hours = need("PMP", "B", "pm_education_hours")
    months = need("PMP", "B", "pm_experience_months")
    label = CATALOG.fields["pm_education_hours"].label
    out = _text(
        "PMP",
        {
            "education": "bachelor",
            "gac_degree": False,
            "pm_experience_months": months,
            "certifications": ["CAPM"],
        },
    )
    assert "PMP: eligible" in out and "through path B" in out
    assert f"{label}: met by your CAPM (instead of {hours} hours)" in out
    assert f"{label}: 0 of" not in out
    gac = _text(
        "PMP",
        {"education": "master", "gac_degree": True, "pm_experience_months": months, "pm_education_hours": 0},
    )
    assert f"{label}: met by your GAC degree coursework" in gac and f"{label}: 0 of" not in gac


def test_text_names_a_one_path_rule_by_its_label() -> None:
    [path] = CATALOG.certifications["CAPM"].paths
    out = _text("CAPM", {"education": "none", "pm_education_hours": 40})
    assert "CAPM: not eligible" in out and f"rule: {path.label}" in out and "path -" not in out

"""The findings of answer audit 2 (2026-12-03, ../shared/reference/answer-audit-2.md), one test
each, named after it: every test fails if its finding comes back, and asserts what a person reads
(the rendered verdict, fact answer, knowledge answer or response) rather than the data behind it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict

import yaml

from bot.answers import certification_info, compare, exam_details
from bot.certifications import evaluate, load_catalog, recommend
from bot.certifications.engine import RequirementCheck, Verdict
from bot.certifications.model import Profile
from bot.interview.verdicts import verdict_answer
from bot.knowledge import entries_by_id, sentences
from bot.knowledge.facts import fact_answer
from tests.today import TODAY

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog()
KB = entries_by_id()
RESPONSES: Dict[str, Any] = yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))["responses"]
GOOGLE = "Google PM Certificate"
PMP_FLAG = "verify: may not count from Q4 2026"
PMI_CERTS = [c.name for c in CATALOG.certifications.values() if c.is_pmi]
CENTRE_ONLY = ("PgMP", "PfMP", "PMI-RMP", "PMI-SP")


def _row(verdict: Verdict, field: str) -> RequirementCheck:
    return next(r for r in verdict.requirements if r.field == field)


def _kb(entry_id: str) -> str:
    """A knowledge answer as shown: its words, then its source and date."""
    return KB[entry_id].answer_text()


def _response(name: str) -> str:
    return str(RESPONSES[name][0]["text"])


def _need(cert: str, path: str, field: str) -> Any:
    chosen = next(p for p in CATALOG.certifications[cert].paths if p.id == path)
    return next(r.need for r in chosen.requires if r.field == field)


def _google_profile() -> Profile:
    data = {"education": "bachelor", "pm_experience_months": 40, "certifications": [GOOGLE]}
    return Profile.from_dict(data)


def test_f01_google_certificate_not_met_for_pmp_hours() -> None:
    """Bachelor's, 40 months, only the Google certificate: the PMP verdict flags the hours."""
    profile = _google_profile()
    pmp = evaluate(profile, "PMP", TODAY)
    hours = _row(pmp, "pm_education_hours")
    assert hours.met_by == GOOGLE and PMP_FLAG in hours.words
    text = verdict_answer(pmp, profile, TODAY).text
    [headline] = [line for line in text.splitlines() if line.startswith("Good news")]
    assert PMP_FLAG in headline and GOOGLE in headline
    reason = next(r.reason for r in recommend(profile, TODAY).apply_now if r.certification == "PMP")
    assert PMP_FLAG in reason
    # For the CAPM's 23 hours it stays met, with no flag.
    capm = evaluate(profile, "CAPM", TODAY)
    row = _row(capm, "pm_education_hours")
    assert (row.met, row.met_by, row.verify) == (True, GOOGLE, None) and "verify:" not in row.words
    assert PMP_FLAG not in verdict_answer(capm, profile, TODAY).text
    # The knowledge answer says the same: yes for the CAPM, not safely for the PMP.
    answer = _kb("google_cert_counts_for_hours")
    assert answer.startswith("For the CAPM, usually yes") and "For the PMP, do not count on it" in answer


def test_f02_contact_hours_carry_the_pmp_provider_caveat() -> None:
    answer = _kb("contact_hours_what_counts")
    assert "For the PMP" in answer and "Authorized Training Partner" in answer
    source = KB["contact_hours_what_counts"].source or ""
    assert "pmi.org certification page" not in source  # that page does not define contact hours


def test_f03_training_provider_change_is_in_its_window_and_unconfirmed() -> None:
    for entry_id in ("training_provider_change_2026", "choosing_prep_course", "earn_35_hours"):
        entry = KB[entry_id]
        assert (entry.as_of or "") >= "2026-12", entry_id
        assert not re.search(r"\bwill (accept|count)\b|\bannounced\b", entry.answer), entry_id
        assert "not confirmed" in entry.answer_text(), entry_id
    assert "has now begun" in _kb("training_provider_change_2026")


def test_f04_pmi_membership_fee_is_the_2026_figure() -> None:
    answer = _kb("pmi_membership")
    assert "$139 to $164 a year" in answer and "out of date" in answer
    assert "$129 a year" not in answer
    assert (KB["pmi_membership"].as_of or "").startswith("2026")


def test_f05_pgmp_pfmp_rmp_sp_delivery_is_a_test_centre() -> None:
    for name in CENTRE_ONLY:
        text = fact_answer(name, "delivery").text
        assert f"You can take the {name} exam at a Pearson VUE test centre" in text
        assert "check pmi.org whether an online option exists" in text
        assert "remote proctor" not in text
    assert "remote proctor" in fact_answer("PMP", "delivery").text  # named on PMI's page


def test_f06_pmp_exam_source_names_what_was_read() -> None:
    exam = CATALOG.certifications["PMP"].exam
    title = CATALOG.sources[exam.source].title
    assert title.startswith("Training providers") and "not PMI's exam content outline" in title
    assert not any("Examination Content Outline" in s.title for s in CATALOG.sources.values())
    # Facts an exam-format source cannot hold cite their own sources.
    for topic in ("renewal", "retakes", "delivery", "validity", "pass_rate"):
        assert title not in fact_answer("PMP", topic).text, topic


def test_f07_issuer_sources_say_they_are_undated_or_from_providers() -> None:
    cites = {
        name: CATALOG.sources[CATALOG.certifications[name].exam.source].cite()
        for name in ("CSM", "PRINCE2 Foundation", "CompTIA Project+")
    }
    assert "scrumalliance.org" in cites["CSM"] and "(n.d., read 2026-12)" in cites["CSM"]
    assert "not PeopleCert's own pages" in cites["PRINCE2 Foundation"]
    assert "not CompTIA's own page" in cites["CompTIA Project+"]
    issuer_entries = (
        "csm_worth_it",
        "csm_vs_psm",
        "prince2_worth_it",
        "prince2_method",
        "project_plus_worth_it",
    )
    for entry_id in issuer_entries:
        source = KB[entry_id].source or ""
        assert not re.search(r"(Scrum Alliance|PeopleCert|CompTIA)[^;]*\(2026\)", source), entry_id


def test_f08_renewal_fees_are_cited_as_reported() -> None:
    reports = CATALOG.sources["pmi_renewal_fee_reports"]
    assert "not PMI text" in reports.title
    for name in PMI_CERTS:
        text = fact_answer(name, "renewal").text
        assert "Renewal fee: reported as" in text and "verify on pmi.org" in text, name
        assert reports.cite() in text, name


def test_f09_capm_fee_is_undated() -> None:
    fee = CATALOG.certifications["CAPM"].exam.facts["fee"]
    assert fee["as_of"] == "n.d."
    text = fact_answer("CAPM", "fee").text
    assert "$225 for PMI members, $300 for non-members (undated" in text
    assert "verify the US price on pmi.org" in text


def test_f10_pmp_exam_follows_the_content_outline() -> None:
    text = fact_answer("PMP", "domains").text
    assert "based on the PMBOK Guide" not in text
    assert "follows PMI's exam content outline, with the PMBOK Guide as one of its references" in text
    assert "real syllabus" in _kb("exam_content_outline")  # the KB says the same (C2)


def test_f11_pmp_question_count_is_the_post_launch_report() -> None:
    text = fact_answer("PMP", "length").text
    assert "180 questions (170 scored and 10 unscored pretest items" in text
    assert "verify" in text and "185" not in text


def test_f12_acp_options_start_date_is_not_claimed() -> None:
    for path in CATALOG.certifications["PMI-ACP"].paths:
        assert "start date not confirmed" in path.effective, path.id
    text = certification_info("PMI-ACP").text
    assert "PMI replaced it with these options in October 2024" not in text
    assert "do not all describe the same options, so verify on pmi.org" in text


def test_f13_acp_option_3_training_conflict_is_said() -> None:
    data = {"education": "secondary", "certifications": ["CSM"], "agile_experience_months": 12}
    profile = Profile.from_dict({**data, "agile_training_hours": 0})
    verdict = evaluate(profile, "PMI-ACP", TODAY)
    hours = _need("PMI-ACP", "3", "agile_training_hours")
    assert verdict.path == "3" and verdict.describe_shortfalls() == [f"{hours} more hours of agile training"]
    assert any(n.startswith("Sources conflict on the training here") and "verify" in n for n in verdict.notes)


def test_f14_job_outlook_is_the_kbs_steady_wording() -> None:
    text = _response("utter_job_outlook")
    assert "Demand is strong" not in text
    assert text == _kb("job_market_competition")
    assert text.startswith("Demand is steady rather than booming")


def test_f15_talent_gap_counts_new_professionals_including_replacements() -> None:
    text = _response("utter_job_outlook")
    assert "up to about 30 million new project professionals, including replacements" in text
    assert "65 million" not in text and "40 million" not in text


def test_f16_salary_leads_with_project_management_specialists() -> None:
    text = _response("utter_salary")
    assert text.index("$100,750") < text.index("$171,200")
    mirrored = [_kb("salary_bls_groups"), _kb("salary_pmp_premium")]
    assert all(answer in text for answer in mirrored)
    rest = text
    for answer in mirrored:
        rest = rest.replace(answer, "")
    assert not re.search(r"\d", rest), rest  # no figure said in a second wording


def test_f17_ai_response_cites_the_gartner_forecast() -> None:
    text = _response("utter_ai_impact")
    assert text == _kb("ai_gartner_prediction")
    assert "Gartner predicted in 2019" in text and "still growing" not in text


def test_f18_working_hours_follow_bls() -> None:
    entry = KB["hours_and_stress"]
    assert "normal full-time hours" not in entry.answer
    assert "more than 40 hours a week" in entry.answer and "BLS" in (entry.source or "")


def test_f19_pay_outside_the_us_leads_with_the_current_survey() -> None:
    answer = _kb("salary_outside_us")
    assert answer.index("14th edition") < answer.index("12th edition")
    assert "now several years old" in answer and KB["salary_outside_us"].as_of == "2025-11"


def test_f20_study_time_says_its_survey_predates_the_exam_changes() -> None:
    entry = KB["study_time"]
    assert entry.as_of != "2020" and "before the 2021 and 2026 exam changes" in entry.answer
    assert "first-hand reports" in entry.answer


def test_f21_technical_program_manager_makes_no_unsourced_pay_claim() -> None:
    answer = _kb("technical_program_manager")
    assert "better paid" not in answer and "depends on the company" in answer


def test_f22_pgmp_and_pfmp_length_reads_cleanly() -> None:
    for name in ("PgMP", "PfMP"):
        exam = CATALOG.certifications[name].exam
        expected = (
            f"{name} exam (as of {exam.as_of}): {exam.facts['questions']} questions in {exam.minutes} "
            "minutes; you can book it only after you pay and pass the panel review."
        )
        assert fact_answer(name, "length").text.startswith(expected)
        assert exam_details(name).text.startswith(expected)


def test_f23_capm_or_google_says_which_for_which_goal() -> None:
    answer = _kb("capm_vs_google_cert")
    assert "choose the Google course to learn and the CAPM to prove it" not in answer
    assert "the Google course when you are new" in answer and "the CAPM when you already know them" in answer


def test_c08_a_psm_needs_no_course() -> None:
    answer = _kb("cert_no_experience")
    assert "(CSM or PSM)" not in answer and "the PSM I assessment" in answer


def test_minor_compare_says_an_agile_experience() -> None:
    assert "with a agile" not in compare(["PMI-ACP", "CAPM"]).text


def test_coverage_practice_exams_name_pmi_study_hall() -> None:
    assert "PMI Study Hall" in _kb("practice_exams")


def test_coverage_the_july_2026_pmp_exam_changes_entry() -> None:
    entry = KB["pmp_exam_changes_2026"]
    assert 10 <= len(entry.examples) <= 15 and 2 <= sentences(entry.answer) <= 5
    assert entry.source and entry.as_of
    # Exam facts live in certifications.yml: the only number here is the year of the change.
    assert set(re.findall(r"\d+", entry.answer)) == {"2026"}

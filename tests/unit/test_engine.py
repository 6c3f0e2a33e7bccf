"""The rules engine at every boundary of every path, read from the rules data file."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.certifications import (
    ELIGIBLE,
    NEED_INFO,
    NOT_ELIGIBLE,
    evaluate,
    load_catalog,
    projected_eligibility,
    recommend,
)
from bot.certifications.catalog import Path_
from bot.profile import Profile, ProfileError
from tests.unit.rules_cases import EDUCATION_BELOW, all_paths, exact_profile, numeric_requirements, path_ids

CATALOG = load_catalog()
PATHS = list(all_paths())


def _req(cert: str, path: str, field: str) -> int:
    for candidate in CATALOG.certifications[cert].paths:
        if candidate.id == path:
            for req in candidate.requires:
                if req.field == field:
                    return int(req.need)
    raise KeyError((cert, path, field))


@pytest.mark.parametrize(("cert", "path"), PATHS, ids=path_ids())
def test_exactly_at_every_threshold_is_eligible_by_that_path(cert, path: Path_, today) -> None:
    verdict = evaluate(Profile.from_dict(exact_profile(path)), cert.name, today)
    assert verdict.status == ELIGIBLE
    assert verdict.path == path.id
    rows = verdict.to_dict()["requirements"]
    assert [r["field"] for r in rows] == [r.field for r in path.requires]
    assert all(r["met"] for r in rows)
    assert verdict.shortfalls == ()
    assert verdict.missing_info == ()
    assert verdict.rules_as_of == CATALOG.rules_as_of


NUMERIC = [(c, p, r) for c, p in PATHS for r in numeric_requirements(p)]


@pytest.mark.parametrize(
    ("cert", "path", "req"), NUMERIC, ids=[f"{c.name}/{p.id}/{r.field}" for c, p, r in NUMERIC]
)
def test_one_below_any_threshold_is_not_eligible_and_short_by_one(cert, path, req, today) -> None:
    data = exact_profile(path)
    data[req.field] = req.need - 1
    verdict = evaluate(Profile.from_dict(data), cert.name, today)
    assert verdict.status == NOT_ELIGIBLE
    row = next(r for r in verdict.to_dict()["requirements"] if r["field"] == req.field)
    assert (row["have"], row["need"], row["met"]) == (req.need - 1, req.need, False)
    assert verdict.path == path.id
    [shortfall] = verdict.shortfalls
    assert (shortfall.field, shortfall.have, shortfall.need, shortfall.short_by) == (
        req.field,
        req.need - 1,
        req.need,
        1,
    )


EDUCATED = [(c, p) for c, p in PATHS if any(r.kind == "education" for r in p.requires)]


@pytest.mark.parametrize(("cert", "path"), EDUCATED, ids=[f"{c.name}/{p.id}" for c, p in EDUCATED])
def test_one_education_level_below_fails_that_path(cert, path, today) -> None:
    data = exact_profile(path)
    need = next(r.need for r in path.requires if r.kind == "education")
    data["education"] = EDUCATION_BELOW[need]
    verdict = evaluate(Profile.from_dict(data), cert.name, today)
    assert verdict.status == NOT_ELIGIBLE
    if verdict.path == path.id:
        assert any(s.field in ("education", "gac_degree") for s in verdict.shortfalls)
    else:  # a path open to that education level applies, and its gap is what's reported
        assert verdict.shortfalls and all(s.short_by for s in verdict.shortfalls)


def test_gac_path_needs_the_gac_flag(today) -> None:
    data = exact_profile(CATALOG.certifications["PMP"].paths[2])
    data["gac_degree"] = False
    verdict = evaluate(Profile.from_dict(data), "PMP", today)
    assert verdict.status == NOT_ELIGIBLE
    assert {s.field for s in verdict.shortfalls} == {"pm_experience_months"}  # path B's gap is reported


def test_no_secondary_degree_is_never_eligible_for_pmi(today) -> None:
    for cert in CATALOG.certifications.values():
        if not cert.is_pmi:
            continue
        data = {"education": "none", "certifications": ["PMP", "CAPM", "CSM"]}
        data.update({f: 600 for f, s in CATALOG.fields.items() if s.kind == "months"})
        data.update({f: 500 for f, s in CATALOG.fields.items() if s.kind == "hours"})
        verdict = evaluate(Profile.from_dict(data), cert.name, today)
        assert verdict.status == NOT_ELIGIBLE, cert.name
        assert verdict.shortfalls[0].field == "education"


@pytest.mark.parametrize(
    ("education", "effective"),
    [("associate", "secondary"), ("master", "four_year"), ("doctorate", "four_year")],
)
def test_education_levels_count_as_pmi_levels(education, effective) -> None:
    assert Profile(education=education).effective_education() == effective


def test_active_capm_replaces_the_pmp_hours(today) -> None:
    months = _req("PMP", "B", "pm_experience_months")
    profile = Profile.from_dict(
        {"education": "master", "pm_experience_months": months, "certifications": ["capm"]}
    )
    verdict = evaluate(profile, "pmp", today)
    assert verdict.status == ELIGIBLE
    assert verdict.path == "B"
    assert any("CAPM" in note for note in verdict.notes)


def test_google_certificate_meets_the_pm_education_hours(today) -> None:
    profile = Profile.from_dict({"education": "secondary", "certifications": ["Google PM Certificate"]})
    assert evaluate(profile, "CAPM", today).status == ELIGIBLE


def test_active_pmp_waives_pgmp_project_months(today) -> None:
    program = _req("PgMP", "B", "program_experience_months")
    profile = Profile.from_dict(
        {"education": "bachelor", "program_experience_months": program, "certifications": ["PMP"]}
    )
    verdict = evaluate(profile, "PgMP", today)
    assert verdict.status == ELIGIBLE
    assert verdict.missing_info == ()


def test_active_pmp_opens_the_acp_path_without_agile_experience(today) -> None:
    hours = _req("PMI-ACP", "4", "agile_training_hours")
    profile = Profile.from_dict(
        {"education": "secondary", "certifications": ["PMP"], "agile_training_hours": hours}
    )
    verdict = evaluate(profile, "PMI-ACP", today)
    assert (verdict.status, verdict.path) == (ELIGIBLE, "4")


def test_third_party_agile_cert_shortens_acp_experience(today) -> None:
    short = _req("PMI-ACP", "3", "agile_experience_months")
    hours = _req("PMI-ACP", "3", "agile_training_hours")
    base = {"education": "secondary", "agile_experience_months": short, "agile_training_hours": hours}
    assert (
        evaluate(Profile.from_dict({**base, "certifications": ["PSM"]}), "PMI-ACP", today).status == ELIGIBLE
    )
    verdict = evaluate(Profile.from_dict({**base, "certifications": []}), "PMI-ACP", today)
    assert verdict.status == NOT_ELIGIBLE
    assert verdict.shortfalls[0].short_by == _req("PMI-ACP", "1", "agile_experience_months") - short


def test_nothing_known_asks_education_experience_training_in_order(today) -> None:
    verdict = evaluate(Profile(), "PMP", today)
    assert verdict.status == NEED_INFO
    assert verdict.missing_info == ("education", "pm_experience_months", "pm_education_hours")


def test_capm_then_pmp_asks_only_for_experience(today) -> None:
    capm_hours = _req("CAPM", "-", "pm_education_hours")
    pmp_hours = _req("PMP", "A", "pm_education_hours")
    profile = Profile(education="bachelor", pm_education_hours=max(capm_hours, pmp_hours))
    assert evaluate(profile, "CAPM", today).status == ELIGIBLE
    assert evaluate(profile, "PMP", today).missing_info == ("pm_experience_months",)


def test_gac_is_asked_only_when_it_decides(today) -> None:
    b = _req("PMP", "B", "pm_experience_months")
    c = _req("PMP", "C", "pm_experience_months")
    hours = _req("PMP", "B", "pm_education_hours")
    between = Profile(education="bachelor", pm_experience_months=(b + c) // 2, pm_education_hours=hours)
    verdict = evaluate(between, "PMP", today)
    assert (verdict.status, verdict.missing_info) == (NEED_INFO, ("gac_degree",))
    enough = Profile(education="bachelor", pm_experience_months=b, pm_education_hours=hours)
    assert evaluate(enough, "PMP", today).status == ELIGIBLE
    too_few = Profile(education="bachelor", pm_experience_months=c - 1, pm_education_hours=hours)
    assert evaluate(too_few, "PMP", today).status == NOT_ELIGIBLE


def test_short_hours_with_unknown_certifications_asks_for_certifications(today) -> None:
    months = _req("PMP", "A", "pm_experience_months")
    profile = Profile(education="secondary", pm_experience_months=months, pm_education_hours=1)
    verdict = evaluate(profile, "PMP", today)
    assert (verdict.status, verdict.missing_info) == (NEED_INFO, ("certifications",))


def test_known_failure_wins_over_unknowns(today) -> None:
    verdict = evaluate(Profile(education="none"), "PMP", today)
    assert verdict.status == NOT_ELIGIBLE


def test_non_pmi_certifications_have_no_prerequisites(today) -> None:
    for name in ("PRINCE2 Foundation", "CompTIA Project+", "Google PM Certificate"):
        assert evaluate(Profile(), name, today).status == ELIGIBLE


def test_the_csm_test_comes_after_its_course(today) -> None:
    """certification-facts.md: no prerequisite, "but the CSM course with a Certified Scrum Trainer
    is mandatory (~14-16 h)"; sets D, E and H ("can I take the CSM exam without the course?")."""
    assert evaluate(Profile(agile_training_hours=0), "CSM", today).status != ELIGIBLE
    assert evaluate(Profile(agile_training_hours=16), "CSM", today).status == ELIGIBLE


def test_prince2_practitioner_needs_foundation_or_another_pm_cert(today) -> None:
    assert (
        evaluate(Profile(certifications=("PRINCE2 Foundation",)), "prince2 practitioner", today).status
        == ELIGIBLE
    )
    assert evaluate(Profile(certifications=("CAPM",)), "PRINCE2 Practitioner", today).status == ELIGIBLE
    assert evaluate(Profile(certifications=()), "PRINCE2 Practitioner", today).status == NOT_ELIGIBLE
    assert evaluate(Profile(), "PRINCE2 Practitioner", today).missing_info == ("certifications",)


def test_graded_c_rules_say_verify(today) -> None:
    verdict = evaluate(Profile(certifications=()), "PRINCE2 Practitioner", today)
    assert verdict.grade == "C"
    assert any("verify" in n.lower() for n in verdict.notes)
    acp = evaluate(Profile(), "PMI-ACP", today)
    assert any("28" in n and "verify" in n for n in acp.notes)


def test_projection_when_only_experience_is_missing(today) -> None:
    need = _req("PMP", "B", "pm_experience_months")
    hours = _req("PMP", "B", "pm_education_hours")
    profile = Profile(
        education="bachelor", gac_degree=False, pm_experience_months=need - 8, pm_education_hours=hours
    )
    assert projected_eligibility(profile, "PMP", today) == dt.date(2027, 7, 1)
    assert evaluate(profile, "PMP", today).projected_month == "2027-07"
    assert projected_eligibility(profile.with_value("pm_education_hours", 0), "PMP", today) is None
    assert (
        projected_eligibility(
            profile.with_value("pm_education_hours", 0).with_value("certifications", []), "PMP", today
        )
        is None
    )


def test_every_verdict_cites_a_source_and_date(today) -> None:
    for name in CATALOG.certifications:
        verdict = evaluate(Profile(), name, today)
        assert verdict.sources and all("(" in s for s in verdict.sources)
        assert verdict.rules_as_of == CATALOG.rules_as_of


def test_unknown_certification_is_a_profile_error(today) -> None:
    with pytest.raises(ProfileError, match="don't know the certification"):
        evaluate(Profile(), "PMPX9", today)
    with pytest.raises(ProfileError, match="don't have its rules"):
        evaluate(Profile(), "PSM", today)


def test_aliases_resolve(today) -> None:
    for alias, name in [
        ("pmp cert", "PMP"),
        ("agile certified practitioner", "PMI-ACP"),
        ("pgmp", "PgMP"),
        ("prince 2", "PRINCE2 Foundation"),
    ]:
        assert evaluate(Profile(), alias, today).certification == name


# --- rule logic from the answer audit (answer-audit.md rows 1-10) ------------------------------


def _path(cert: str, path_id: str) -> Path_:
    return next(p for p in CATALOG.certifications[cert].paths if p.id == path_id)


GAC_TRAINING = [(c, p, r) for c, p in PATHS for r in p.requires if r.kind == "training" and r.gac_coursework]


@pytest.mark.parametrize(
    ("cert", "path", "req"), GAC_TRAINING, ids=[f"{c.name}/{p.id}" for c, p, _ in GAC_TRAINING]
)
def test_gac_degree_coursework_meets_the_training_hours(cert, path, req, today) -> None:
    """Row 1: a GAC graduate is not told to find separate training hours."""
    data = exact_profile(path)
    data[req.field] = 0
    verdict = evaluate(Profile.from_dict(data), cert.name, today)
    assert (verdict.status, verdict.path) == (ELIGIBLE, path.id)
    assert any("GAC" in note and "coursework" in note for note in verdict.notes)
    without_gac = evaluate(Profile.from_dict({**data, "gac_degree": False}), cert.name, today)
    assert without_gac.status == NOT_ELIGIBLE
    assert req.field in {s.field for s in without_gac.shortfalls}


def test_the_pmp_gac_path_has_its_coursework_waiver() -> None:
    assert GAC_TRAINING and {c.name for c, _, _ in GAC_TRAINING} == {"PMP"}


AGILE = CATALOG.certification_groups["agile"].members


@pytest.mark.parametrize("held", AGILE)
def test_any_agile_certification_from_another_body_opens_acp_option_3(held, today) -> None:
    """Row 3: not only CSM/PSM/SAFe."""
    path = next(p for p in CATALOG.certifications["PMI-ACP"].paths if any(r.group for r in p.requires))
    data = exact_profile(path)
    data["certifications"] = [held]
    verdict = evaluate(Profile.from_dict(data), "PMI-ACP", today)
    assert (verdict.status, verdict.path) == (ELIGIBLE, path.id)


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("ICP-ACC", "ICP-ACC"),
        ("icagile certified professional", "ICP"),
        ("A-CSM", "A-CSM"),
        ("dassm", "DASSM"),
        ("Disciplined Agile Scrum Master", "DASM"),
        ("CSPO", "CSPO"),
        ("pspo i", "PSPO"),
        ("SAFe Scrum Master", "SAFe"),
    ],
)
def test_agile_certification_aliases_resolve(alias, name) -> None:
    assert CATALOG.canonical_certification(alias) == name


def test_pgmp_within_reach_names_the_unknown_program_months(today) -> None:
    """Row 4: the program-management months are named, and unknowns rank after known gaps."""
    program = CATALOG.fields["program_experience_months"].label
    need = _req("PgMP", "B", "pm_experience_months")
    profile = Profile.from_dict(
        {
            "education": "bachelor",
            "gac_degree": False,
            "pm_experience_months": need - 2,
            "pm_education_hours": 0,
            "certifications": [],
        }
    )
    nearest = recommend(profile, today, nearest_count=20).nearest
    pgmp = next(r for r in nearest if r.certification == "PgMP")
    assert program in pgmp.reason and "not known yet" in pgmp.reason
    assert str(_req("PgMP", "B", "program_experience_months")) in pgmp.reason
    order = [r.certification for r in nearest]
    for known in (r for r in nearest if not r.verdict.missing_info):
        same_education = all(s.short_by is not None for s in known.verdict.shortfalls)
        if same_education:
            assert order.index(known.certification) < order.index("PgMP")


@pytest.mark.parametrize("name", list(CATALOG.certifications))
def test_every_certification_has_its_own_next_steps(name) -> None:
    """Row 5: no shared "apply on the issuer's site ... projects you led" text."""
    cert = CATALOG.certifications[name]
    steps = cert.next_steps
    assert steps and steps.count(".") >= 1
    documents_experience = any(r.kind == "experience" for p in cert.paths for r in p.requires)
    if not documents_experience:
        assert "project you led" not in steps and "describe each project" not in steps
    if not cert.is_pmi:
        assert "pmi.org" not in steps
    other = [c.next_steps for c in CATALOG.certifications.values() if c.name != name]
    assert steps not in other


def test_capm_and_panel_review_steps() -> None:
    assert "no experience to document" in CATALOG.certifications["CAPM"].next_steps
    for name in ("PgMP", "PfMP"):
        assert "panel" in CATALOG.certifications[name].next_steps


def test_google_certificate_for_the_hours_says_verify(today) -> None:
    """Row 7: usually accepted, not silently."""
    google = next(c for c in CATALOG.certifications.values() if c.satisfies_training)
    assert google.satisfies_training_note and "verify" in google.satisfies_training_note
    for cert in ("CAPM", "PMP"):
        verdict = evaluate(
            Profile.from_dict({"education": "master", "certifications": [google.name]}), cert, today
        )
        assert google.satisfies_training_note in verdict.notes


def test_sources_cite_what_was_read() -> None:
    """Row 8: the rules come from copies of pmi.org pages, not from handbooks nobody read."""
    for cert in CATALOG.certifications.values():
        for path in cert.paths:
            title = CATALOG.sources[path.source].title
            assert "Handbook" not in title and "Content Outline" not in title, title
    assert "copy, read" in CATALOG.sources[_path("PMP", "B").source].title
    assert "copy, read" in CATALOG.sources[_path("PMI-ACP", "3").source].title


def test_pfmp_business_question_says_its_window() -> None:
    """Row 10: not "in total"."""
    window = CATALOG.certifications["PfMP"].window_years("business_experience_months")
    question = CATALOG.fields["business_experience_months"].default_question
    assert f"last {window} years" in question and "in total" not in question
    assert f"last {window} years" in CATALOG.question_for("business_experience_months", "PfMP")
    pmp_window = CATALOG.window_years("PMP", "pm_experience_months")
    assert f"last {pmp_window} years" in CATALOG.question_for("pm_experience_months", "PMP")


# --- review of 2026-11-27 -------------------------------------------------------------


def _acp_option(kind: str) -> Path_:
    """The PMI-ACP path with a requirement of this kind: "group" (option 3) or "PMP" (option 4)."""
    for path in CATALOG.certifications["PMI-ACP"].paths:
        for req in path.requires:
            if req.kind == "certification" and (req.group if kind == "group" else kind in req.need):
                return path
    raise KeyError(kind)


@pytest.mark.parametrize("held", ["DASM", "DASSM", "DAC", "DAVSC"])
def test_a_pmi_disciplined_agile_certification_does_not_open_acp_option_3(held, today) -> None:
    """Option 3 asks for a third-party agile certification: PMI issues the Disciplined Agile ones."""
    data = exact_profile(_acp_option("group"))
    data["certifications"] = [held]
    verdict = evaluate(Profile.from_dict(data), "PMI-ACP", today)
    assert verdict.status == NOT_ELIGIBLE
    with_csm = evaluate(Profile.from_dict({**data, "certifications": [held, "CSM"]}), "PMI-ACP", today)
    assert (with_csm.status, with_csm.path) == (ELIGIBLE, _acp_option("group").id)


PMP_HOLDER = {
    "education": "bachelor",
    "gac_degree": False,
    "pm_experience_months": _req("PMP", "A", "pm_experience_months") + 10,
    "pm_education_hours": _req("PMP", "B", "pm_education_hours"),
    "certifications": ["PMP"],
}


def test_a_pmp_holder_is_told_what_is_unknown_for_the_pgmp_and_the_acp(today) -> None:
    """Row 4: a need_info certification within reach is listed, naming what is not known yet."""
    advice = recommend(Profile.from_dict(PMP_HOLDER), today)
    nearest = {r.certification: r for r in advice.nearest}
    pgmp, acp = nearest["PgMP"], nearest["PMI-ACP"]
    assert pgmp.status == acp.status == NEED_INFO
    program = CATALOG.fields["program_experience_months"].label
    # The four-year path's amount for a bachelor, not the secondary path's.
    assert (
        f"{program} (this path needs {_req('PgMP', 'B', 'program_experience_months')} months" in pgmp.reason
    )
    training = CATALOG.fields["agile_training_hours"].label
    option_4 = _acp_option("PMP")
    assert f"{training} (this path needs {_req('PMI-ACP', option_4.id, 'agile_training_hours')} hours" in (
        acp.reason
    )
    assert acp.verdict.path == option_4.id
    assert "pm_experience_months" not in pgmp.reason  # met by the PMP, not asked


def test_need_info_ranks_after_every_known_gap(today) -> None:
    profile = Profile.from_dict({**PMP_HOLDER, "pm_experience_months": 0, "certifications": ["CSM"]})
    nearest = recommend(profile, today, nearest_count=20).nearest
    statuses = [r.status for r in nearest]
    assert NEED_INFO in statuses and NOT_ELIGIBLE in statuses
    assert statuses == sorted(statuses, key=lambda s: s == NEED_INFO)


def test_a_pmp_holder_is_not_advised_to_take_the_entry_level_capm(today) -> None:
    advice = recommend(Profile.from_dict(PMP_HOLDER), today)
    named = [r.certification for r in advice.apply_now + advice.nearest]
    superseded = [c.name for c in CATALOG.certifications.values() if "PMP" in c.superseded_by]
    assert "CAPM" in superseded
    assert not set(superseded) & set(named)
    assert advice.apply_now, "a PMP holder still has something to apply for"
    assert advice.apply_now[0].certification != "CAPM"
    # Without the PMP the CAPM is still offered to the same person.
    no_pmp = recommend(Profile.from_dict({**PMP_HOLDER, "certifications": []}), today)
    assert "CAPM" in [r.certification for r in no_pmp.apply_now]


@pytest.mark.parametrize(
    ("data", "met_by"),
    [
        ({"education": "bachelor", "gac_degree": True, "certifications": []}, "GAC degree coursework"),
        ({"education": "bachelor", "gac_degree": False, "certifications": ["CAPM"]}, "CAPM"),
        (
            {"education": "bachelor", "gac_degree": False, "certifications": ["Google PM Certificate"]},
            "Google PM Certificate",
        ),
    ],
)
def test_waived_training_is_met_and_says_how(data, met_by, today) -> None:
    """Not "0 of 35 hours" beside an eligible verdict."""
    months = _req("PMP", "B", "pm_experience_months")
    verdict = evaluate(Profile.from_dict({**data, "pm_experience_months": months}), "PMP", today)
    assert verdict.status == ELIGIBLE
    row = next(r for r in verdict.to_dict()["requirements"] if r["field"] == "pm_education_hours")
    assert (row["met"], row["met_by"]) == (True, met_by)
    assert set(row) >= {"field", "kind", "have", "need", "met"}


def test_enough_hours_are_counted_as_hours_not_as_the_certificate(today) -> None:
    hours = _req("PMP", "B", "pm_education_hours")
    data = {
        "education": "bachelor",
        "pm_experience_months": 40,
        "pm_education_hours": hours,
        "certifications": ["Google PM Certificate"],
    }
    verdict = evaluate(Profile.from_dict(data), "PMP", today)
    row = next(r for r in verdict.to_dict()["requirements"] if r["field"] == "pm_education_hours")
    assert (row["met"], row["have"], "met_by" in row) == (True, hours, False)


def test_path_labels_read_as_the_name_of_a_path() -> None:
    """ "On the <label> path", "path 4 (<label>)": no article, no sentence."""
    for cert in CATALOG.certifications.values():
        for path in cert.paths:
            first = path.label.split()[0]
            assert first not in ("a", "an", "the") and not path.label.endswith("."), (cert.name, path.label)

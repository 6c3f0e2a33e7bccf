"""Dated experience (Contract A): periods, merging, look-back windows and exact projections."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.certifications import NOT_ELIGIBLE, evaluate, load_catalog, projected_eligibility, window_years
from bot.certifications.periods import Period, month_index, month_set, month_text, months_in_window
from bot.profile import Profile, ProfileError, add_months
from tests.unit.conftest import TODAY

CATALOG = load_catalog()
NOW = month_index(TODAY)


def _path(cert: str, education: str) -> Any:
    return next(p for p in CATALOG.certifications[cert].paths if any(r.need == education for r in p.requires))


def _need(cert: str, education: str, field: str) -> int:
    return int(next(r.need for r in _path(cert, education).requires if r.field == field))


PMP_WINDOW = CATALOG.certifications["PMP"].window_years("pm_experience_months")
PMP_B_MONTHS = _need("PMP", "four_year", "pm_experience_months")
PMP_HOURS = _need("PMP", "four_year", "pm_education_hours")


def _pmp_profile(periods: List[Dict[str, str]]) -> Profile:
    return Profile.from_dict(
        {
            "education": "bachelor",
            "gac_degree": False,
            "pm_education_hours": PMP_HOURS,
            "pm_experience_periods": periods,
        },
        TODAY,
    )


def _span(first: int, last: Optional[int]) -> Dict[str, str]:
    return {"from": month_text(first), **({"to": month_text(last)} if last is not None else {})}


# --- counting ------------------------------------------------------------------------------

periods_strategy = st.lists(
    st.tuples(st.integers(NOW - 600, NOW), st.integers(0, 240), st.booleans()).map(
        lambda t: Period(t[0], None if t[2] else min(NOW, t[0] + t[1]))
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(periods_strategy, st.sampled_from([None, 5, 8, 15]))
def test_merged_months_never_exceed_the_window_nor_double_count(periods: List[Period], window: Any) -> None:
    counted = months_in_window(periods, window, TODAY)
    brute = {m for m in month_set(periods, TODAY) if m <= NOW and (window is None or m > NOW - window * 12)}
    assert counted == len(brute)
    if window:
        assert counted <= window * 12


def test_overlapping_projects_count_once() -> None:
    both = [_span(NOW - 23, NOW - 12), _span(NOW - 17, NOW - 6)]
    assert months_in_window([Period(NOW - 23, NOW - 12)], PMP_WINDOW, TODAY) == 12
    assert _pmp_profile(both).experience_months("pm_experience_months", PMP_WINDOW, TODAY) == 18


def test_an_ongoing_period_counts_this_month() -> None:
    assert months_in_window([Period(NOW - 11)], PMP_WINDOW, TODAY) == 12


# --- the engine applies the window ------------------------------------------------------------


def test_experience_before_the_window_does_not_count() -> None:
    oldest = NOW - PMP_WINDOW * 12 + 1  # the first month inside the window
    outside = _pmp_profile([_span(oldest - PMP_B_MONTHS, oldest - 1)])
    verdict = evaluate(outside, "PMP", TODAY)
    assert verdict.status == NOT_ELIGIBLE
    assert verdict.shortfalls[0].have == 0
    inside = _pmp_profile([_span(oldest, oldest + PMP_B_MONTHS - 1)])
    assert evaluate(inside, "PMP", TODAY).status == "eligible"


def test_the_same_periods_count_more_under_a_longer_window() -> None:
    """PgMP looks back 15 years where the PMP looks back 8: old experience counts for one only."""
    long_window = CATALOG.certifications["PgMP"].window_years("pm_experience_months")
    assert long_window and long_window > PMP_WINDOW
    periods = [_span(NOW - long_window * 12 + 1, NOW - PMP_WINDOW * 12)]
    profile = _pmp_profile(periods)
    assert profile.experience_months("pm_experience_months", PMP_WINDOW, TODAY) == 0
    assert (
        profile.experience_months("pm_experience_months", long_window, TODAY)
        == (long_window - PMP_WINDOW) * 12
    )


def test_months_field_still_works_and_periods_win_when_both_are_given() -> None:
    profile = _pmp_profile([_span(NOW - 5, NOW)]).with_value("pm_experience_months", PMP_B_MONTHS)
    verdict = evaluate(profile, "PMP", TODAY)
    assert verdict.status == NOT_ELIGIBLE
    assert verdict.shortfalls[0].have == 6


# --- projection ------------------------------------------------------------------------------


def _brute_projection(periods: List[Period]) -> Optional[dt.date]:
    """Month by month: the first month whose window holds enough months, the ongoing ones growing."""
    for ahead in range(0, 600):
        day = add_months(TODAY, ahead)
        now = month_index(day)
        months = {m for m in month_set(periods, day) if now - PMP_WINDOW * 12 < m <= now}
        if len(months) >= PMP_B_MONTHS:
            return None if ahead == 0 else dt.date(day.year, day.month, 1)
    return None


@settings(max_examples=150, deadline=None)
@given(periods_strategy)
def test_projection_is_exact_while_old_months_roll_out(periods: List[Period]) -> None:
    profile = _pmp_profile([p.to_dict() for p in periods])
    assert projected_eligibility(profile, "PMP", TODAY) == _brute_projection(periods)


def test_rolling_out_delays_the_projection() -> None:
    """An ongoing job plus an old project that is leaving the window: the shortfall alone is too early."""
    oldest = NOW - PMP_WINDOW * 12 + 1
    ongoing = 6
    periods = [_span(oldest, oldest + PMP_B_MONTHS - ongoing - 4), _span(NOW - ongoing + 1, None)]
    verdict = evaluate(_pmp_profile(periods), "PMP", TODAY)
    assert verdict.status == NOT_ELIGIBLE
    short_by = int(verdict.shortfalls[0].short_by or 0)
    naive = add_months(TODAY, short_by)
    projected = projected_eligibility(_pmp_profile(periods), "PMP", TODAY)
    assert projected is not None and projected > dt.date(naive.year, naive.month, 1)
    # The old months leave as fast as new ones come: only the ongoing job ends the gap.
    expected = add_months(TODAY, PMP_B_MONTHS - ongoing)
    assert projected == dt.date(expected.year, expected.month, 1)


def test_closed_periods_alone_project_nothing() -> None:
    profile = _pmp_profile([_span(NOW - 12, NOW - 1)])
    assert projected_eligibility(profile, "PMP", TODAY) is None


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("periods", "words"),
    [
        ([{"from": "2019-13"}], "must look like"),
        ([{"from": "March 2019"}], "must look like"),
        ([{"from": "2020-05", "to": "2019-01"}], "before it starts"),
        ([{"from": month_text(NOW + 1)}], "after this month"),
        ([{"from": "2020-01", "to": month_text(NOW + 2)}], "after this month"),
        ([{"from": month_text(NOW - 12 * 50 - 1)}], "50 years"),
        ([{"start": "2020-01"}], "must look like"),
        ("2020-01", "must be a list"),
    ],
)
def test_bad_periods_are_refused_with_a_friendly_message(periods: Any, words: str) -> None:
    with pytest.raises(ProfileError) as error:
        Profile.from_dict({"pm_experience_periods": periods}, TODAY)
    assert words in str(error.value)
    assert error.value.field == "pm_experience_periods"


def test_periods_round_trip_through_to_dict() -> None:
    data = [{"from": "2015-01", "to": "2019-06"}, {"from": "2022-01"}]
    profile = Profile.from_dict({"agile_experience_periods": data}, TODAY)
    assert profile.to_dict()["agile_experience_periods"] == data
    assert Profile.from_dict(profile.to_dict(), TODAY) == profile


# --- what the verdict shows, and the helper for the interview ---------------------------------


def test_verdict_lists_each_requirement_with_have_and_need() -> None:
    periods = [_span(NOW - 9, None)]
    verdict = evaluate(_pmp_profile(periods), "PMP", TODAY)
    rows = {r["field"]: r for r in verdict.to_dict()["requirements"]}
    path = next(p for p in CATALOG.certifications["PMP"].paths if p.id == verdict.path)
    assert set(rows) == {r.field for r in path.requires}
    months = rows["pm_experience_months"]
    assert (months["have"], months["need"], months["met"]) == (10, PMP_B_MONTHS, False)
    assert months["window_years"] == PMP_WINDOW
    assert rows["pm_education_hours"]["met"] is True
    assert "window_years" not in rows["pm_education_hours"]


def test_window_years_helper_reads_the_data() -> None:
    for cert in CATALOG.certifications.values():
        for req in (r for p in cert.paths for r in p.requires):
            expected = req.window_years if req.kind == "experience" else None
            assert window_years(cert.name, req.field) == expected, (cert.name, req.field)
    assert window_years("pmp", "pm_experience_months") == PMP_WINDOW  # aliases work
    assert window_years("CAPM", "pm_experience_months") is None


def test_recommend_reads_dated_experience_like_months() -> None:
    """A specialist certification is suggested from dated experience as it is from months."""
    from bot.certifications import recommend

    specialist = next(c for c in CATALOG.certifications.values() if c.specialist)
    field = specialist.first_field("experience")
    assert field
    months = Profile.from_dict({"education": "bachelor", field: 1}, TODAY)
    dated = Profile.from_dict(
        {"education": "bachelor", field.replace("_months", "_periods"): [_span(NOW, NOW)]}, TODAY
    )
    by_months = [r.certification for r in recommend(months, TODAY, nearest_count=20).nearest]
    by_periods = [r.certification for r in recommend(dated, TODAY, nearest_count=20).nearest]
    assert specialist.name in by_months
    assert by_periods == by_months

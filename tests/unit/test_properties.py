"""Property-based tests: monotonic rules, consistent shortfalls, one documented error type."""

from __future__ import annotations

from typing import Any, Dict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.certifications import ELIGIBLE, NOT_ELIGIBLE, evaluate, load_catalog
from bot.profile import (
    EDUCATION_VALUES,
    Profile,
    ProfileError,
)
from tests.today import TODAY

CATALOG = load_catalog()
CERTS = list(CATALOG.certifications)
MONTHS = [f for f, s in CATALOG.fields.items() if s.kind == "months"]
HOURS = [f for f, s in CATALOG.fields.items() if s.kind == "hours"]
KNOWN_NAMES = CATALOG.all_certification_names()


@st.composite
def profiles(draw: Any) -> Dict[str, Any]:
    data: Dict[str, Any] = {}
    if draw(st.booleans()):
        data["education"] = draw(st.sampled_from(EDUCATION_VALUES))
    if draw(st.booleans()):
        data["gac_degree"] = draw(st.booleans())
    for field in MONTHS:
        if draw(st.booleans()):
            data[field] = draw(st.integers(0, 200))
    for field in HOURS:
        if draw(st.booleans()):
            data[field] = draw(st.integers(0, 60))
    if draw(st.booleans()):
        data["certifications"] = draw(st.lists(st.sampled_from(KNOWN_NAMES), max_size=3))
    return data


RANK = {"none": 0, "secondary": 1, "associate": 1, "bachelor": 2, "master": 2, "doctorate": 2}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), st.sampled_from(CERTS), st.sampled_from(MONTHS + HOURS), st.integers(1, 100))
def test_more_experience_or_hours_never_turns_eligible_into_not_eligible(data, cert, field, extra) -> None:
    before = evaluate(Profile.from_dict(data), cert, TODAY)
    more = dict(data)
    more[field] = min(600, (more.get(field) or 0) + extra)
    if before.status == ELIGIBLE and field in data:
        assert evaluate(Profile.from_dict(more), cert, TODAY).status != NOT_ELIGIBLE


@settings(max_examples=300)
@given(profiles(), st.sampled_from(CERTS), st.sampled_from(EDUCATION_VALUES))
def test_more_education_never_turns_eligible_into_not_eligible(data, cert, higher) -> None:
    if "education" not in data or RANK[higher] < RANK[data["education"]]:
        return
    before = evaluate(Profile.from_dict(data), cert, TODAY)
    after = evaluate(Profile.from_dict({**data, "education": higher}), cert, TODAY)
    if before.status == ELIGIBLE:
        assert after.status == ELIGIBLE


@settings(max_examples=300)
@given(profiles(), st.sampled_from(CERTS))
def test_short_by_is_need_minus_have(data, cert) -> None:
    verdict = evaluate(Profile.from_dict(data), cert, TODAY)
    for shortfall in verdict.shortfalls:
        if shortfall.short_by is not None:
            assert shortfall.short_by == shortfall.need - shortfall.have
            assert shortfall.short_by > 0
    if verdict.status == ELIGIBLE:
        assert not verdict.shortfalls and not verdict.missing_info
    if verdict.status == NOT_ELIGIBLE:
        assert verdict.shortfalls


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=400)
@given(
    st.dictionaries(st.sampled_from(Profile.field_names() + ("bogus",)), JSONISH, max_size=6),
    st.sampled_from(CERTS),
)
def test_arbitrary_input_raises_only_profile_error(data, cert) -> None:
    try:
        profile = Profile.from_dict(data)
    except ProfileError:
        return
    evaluate(profile, cert, TODAY)


MONTH_TEXT = st.one_of(
    st.from_regex(r"(19[7-9]\d|20[0-2]\d)-(0[1-9]|1[0-2])", fullmatch=True),
    st.text(max_size=8),
    st.integers(),
    st.none(),
)
PERIODS = st.lists(
    st.dictionaries(st.sampled_from(["from", "to", "until"]), MONTH_TEXT, max_size=3), max_size=3
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(MONTHS), PERIODS, st.sampled_from(CERTS))
def test_any_periods_input_raises_only_profile_error(field, periods, cert) -> None:
    name = field.replace("_months", "_periods")
    try:
        profile = Profile.from_dict({name: periods}, TODAY)
    except ProfileError:
        return
    evaluate(profile, cert, TODAY)


@settings(max_examples=200, deadline=None)
@given(profiles(), st.sampled_from(CERTS), st.sampled_from(MONTHS), PERIODS, PERIODS)
def test_one_more_period_never_turns_eligible_into_not_eligible(data, cert, field, first, extra) -> None:
    name = field.replace("_months", "_periods")
    try:
        before = Profile.from_dict({**data, name: first}, TODAY)
        after = Profile.from_dict({**data, name: first + extra}, TODAY)
    except ProfileError:
        return
    if evaluate(before, cert, TODAY).status == ELIGIBLE:
        assert evaluate(after, cert, TODAY).status == ELIGIBLE

"""Profiles from JSON and from the way people answer."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.profile import (
    Profile,
    ProfileError,
    parse_certifications,
    parse_duration_months,
    parse_education,
    parse_hours,
    parse_yes_no,
)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("5 years", 60),
        ("five years", 60),
        ("3.5 yrs", 42),
        ("two and a half years", 30),
        ("a year and a half", 18),
        ("18 months", 18),
        ("about 4 years", 48),
        ("since March 2021", 68),
        ("since 2019", 94),
        ("I started in January 2022", 58),
        ("none", 0),
        ("no experience yet", 0),
        ("2 years and 6 months", 30),
        ("half a year", 6),
        ("5+ years", 60),
        ("twenty five years", 300),
        ("a couple of years", 24),
        ("I've been leading projects for 6 years", 72),
        ("5yrs", 60),
        ("one year", 12),
    ],
)
def test_durations(text: str, months: int, today: dt.date) -> None:
    assert parse_duration_months(text, today) == months


def test_bare_number_needs_a_unit_unless_one_is_implied(today: dt.date) -> None:
    with pytest.raises(ProfileError, match="years or 5 months"):
        parse_duration_months("5", today)
    assert parse_duration_months("5", today, default_unit="years") == 60


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-3 years", "negative"),
        ("700 months", "more than 50 years"),
        ("blah", "didn't catch"),
        ("", "didn't catch"),
        ("since 2030", "future"),
        ("35 hours", "didn't catch"),
    ],
)
def test_bad_durations_explain_the_expected_form(text: str, message: str, today: dt.date) -> None:
    with pytest.raises(ProfileError, match=message):
        parse_duration_months(text, today)


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("35 hours", 35),
        ("I took a 40-hour course", 40),
        ("23 contact hours", 23),
        ("35", 35),
        ("none", 0),
        ("zero hours", 0),
        ("35h", 35),
    ],
)
def test_hours(text: str, hours: int) -> None:
    assert parse_hours(text) == hours


@pytest.mark.parametrize("text", ["3 years", "lots", "", "-5 hours", "99999 hours"])
def test_bad_hours(text: str) -> None:
    with pytest.raises(ProfileError):
        parse_hours(text)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("bachelor's in CS", "bachelor"),
        ("BSc", "bachelor"),
        ("high school", "secondary"),
        ("GED", "secondary"),
        ("associate degree", "associate"),
        ("MBA", "master"),
        ("PhD", "doctorate"),
        ("a master's degree", "master"),
        ("no degree", "none"),
        ("high school and then a bachelor's", "bachelor"),
        ("I have a Bachelor\u2019s", "bachelor"),
    ],
)
def test_education(text: str, level: str) -> None:
    assert parse_education(text) == level


def test_unknown_education() -> None:
    with pytest.raises(ProfileError, match="high school"):
        parse_education("clown college of wizardry")


@pytest.mark.parametrize(
    ("text", "certs"),
    [
        ("I already have a CAPM", ("CAPM",)),
        ("I did the Google PM certificate", ("Google PM Certificate",)),
        ("none", ()),
        ("no certifications", ()),
        ("I don't have any", ()),
        ("prince2 practitioner and csm", ("PRINCE2 Practitioner", "CSM")),
        ("PMP and PSM", ("PMP", "PSM")),
    ],
)
def test_certifications(text: str, certs: tuple) -> None:
    assert parse_certifications(text) == certs


def test_yes_no() -> None:
    assert parse_yes_no("yes it is") is True
    assert parse_yes_no("nope") is False
    with pytest.raises(ProfileError):
        parse_yes_no("purple")


def test_profile_from_dict_validates_and_canonicalises() -> None:
    profile = Profile.from_dict(
        {"education": "MBA", "pm_experience_months": 36.0, "certifications": ["capm", "CAPM", "pmp cert"]}
    )
    assert profile.education == "master"
    assert profile.pm_experience_months == 36
    assert profile.certifications == ("CAPM", "PMP")
    assert profile.to_dict() == {
        "education": "master",
        "pm_experience_months": 36,
        "certifications": ["CAPM", "PMP"],
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"pm_experience_months": -1}, "negative"),
        ({"pm_experience_months": 601}, "more than the 600 months"),
        ({"pm_experience_months": "lots"}, "must be a number"),
        ({"pm_experience_months": True}, "must be a number"),
        ({"pm_experience_months": float("nan")}, "real number"),
        ({"pm_education_hours": float("inf")}, "real number"),
        ({"education": "wizard"}, "don't know the education level"),
        ({"certifications": ["XYZ-9000"]}, "don't know the certification"),
        ({"certifications": 5}, "list of certification names"),
        ({"gac_degree": "yes"}, "true or false"),
        ({"shoe_size": 9}, "Unknown profile field"),
    ],
)
def test_invalid_values_raise_one_error_type_with_a_friendly_message(data: dict, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        Profile.from_dict(data)


def test_a_profile_must_be_an_object() -> None:
    with pytest.raises(ProfileError, match="JSON object"):
        Profile.from_dict([1, 2])  # type: ignore[arg-type]


# --- one home for each field: the catalog declares them, the Profile model holds them ----------


def test_profile_fields_are_the_catalogs_fields_plus_periods() -> None:
    import typing

    from bot.certifications import load_catalog
    from bot.profile import PERIOD_FIELDS, periods_field

    catalog = load_catalog()
    months = catalog.fields_of_kind("months")
    assert set(Profile.field_names()) == set(catalog.fields) | {periods_field(f) for f in months}
    assert set(PERIOD_FIELDS.values()) == set(months)
    hints = typing.get_type_hints(Profile)
    expected = {
        "education": typing.Optional[str],
        "flag": typing.Optional[bool],
        "certifications": typing.Optional[typing.Tuple[str, ...]],
        "months": typing.Optional[float],
        "hours": typing.Optional[float],
    }
    for name, spec in catalog.fields.items():
        assert hints[name] == expected[spec.kind], name
        assert spec.question and spec.example and spec.why and spec.label
    for name in months:
        spec = catalog.fields[name]
        assert spec.topic_words and spec.question_windowed and "{years}" in spec.question_windowed


def test_topic_words_point_at_their_field() -> None:
    import re

    from bot.certifications import load_catalog

    catalog = load_catalog()
    said = {
        "agile_experience_months": "three years on scrum teams",
        "ba_experience_months": "5 years as a business analyst",
        "business_experience_months": "12 years in business",
        "pm_experience_months": "I led projects for 4 years",
        "risk_education_hours": "a 30 hour risk course",
        "pm_education_hours": "35 hours of project management training",
    }
    for field, text in said.items():
        kind = catalog.fields[field].kind
        found = next(f for pattern, f in catalog.field_topics(kind) if re.search(pattern, text))
        assert found == field, text


def test_engine_imports_eagerly_in_any_order() -> None:
    """No lazy module __getattr__: importing the profile first still gives the real engine."""
    import subprocess
    import sys

    code = (
        "import bot.profile\nimport bot.certifications as c\n"
        "assert '__getattr__' not in vars(c)\nfrom bot.certifications import evaluate, Verdict\nprint('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr

"""Profiles from JSON and from the way people answer."""

from __future__ import annotations

import pytest

from bot.profile import Profile, ProfileError


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
def test_an_education_given_in_words_is_stored_as_its_level(text: str, level: str) -> None:
    assert Profile.from_dict({"education": text}).education == level


def test_an_unknown_education_is_refused_with_the_levels_to_use() -> None:
    with pytest.raises(ProfileError, match="bachelor"):
        Profile.from_dict({"education": "clown college of wizardry"})


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

"""One error hierarchy: the core's data and input errors are AssistantErrors (bot/errors.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.certifications.catalog import DATA_FILE, load_catalog
from bot.certifications.model import Profile, ProfileError
from bot.certifications.periods import PeriodError, parse_periods
from bot.errors import AssistantError, CatalogError


@pytest.mark.parametrize("error", [ProfileError, PeriodError, CatalogError])
def test_each_data_or_input_error_is_an_assistant_error_and_still_a_value_error(error: type) -> None:
    assert issubclass(error, AssistantError)
    assert issubclass(error, ValueError)  # the `except ValueError` clauses written before still catch it


def test_a_bad_profile_value_is_caught_as_an_assistant_error(today: dt.date) -> None:
    with pytest.raises(AssistantError, match="cannot be negative") as caught:
        Profile.from_dict({"pm_experience_months": -3}, today)
    assert isinstance(caught.value, ProfileError)
    assert caught.value.field == "pm_experience_months"


def test_a_bad_period_is_caught_as_an_assistant_error(today: dt.date) -> None:
    with pytest.raises(AssistantError, match="must look like 2019-06") as caught:
        parse_periods([{"from": "June 2019"}], today)
    assert isinstance(caught.value, PeriodError)


def test_an_unknown_requirement_in_the_rules_file_is_a_catalog_error(tmp_path: Path) -> None:
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    requirement = raw["certifications"]["PMP"]["paths"][0]["requires"][1]
    requirement["experiance"] = requirement.pop("experience")
    broken = tmp_path / "certifications.yml"
    broken.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(str(broken))
    assert str(caught.value).startswith(f"{broken}: certifications.PMP, path A: unknown requirement ")
    assert "'experiance': 'pm_experience_months'" in str(caught.value)
    assert isinstance(caught.value, AssistantError) and isinstance(caught.value, ValueError)

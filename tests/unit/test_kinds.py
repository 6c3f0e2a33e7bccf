"""The kinds and statuses (bot/certifications/kinds.py): parsed once when the rules load, so a
typo in certifications.yml fails there, and equal to their strings in every payload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.certifications import (
    CatalogError,
    ClarifyReason,
    FieldKind,
    Goal,
    RequirementKind,
    Status,
    evaluate,
    load_catalog,
)
from bot.certifications.catalog import DATA_FILE
from bot.profile import Profile


def _misspelt(tmp_path: Path, search: str, replace: str) -> str:
    """A copy of the rules data file with ``search`` (found once) replaced."""
    text = DATA_FILE.read_text(encoding="utf-8")
    assert text.count(search) == 1, search
    copy = tmp_path / "certifications.yml"
    copy.write_text(text.replace(search, replace), encoding="utf-8")
    return str(copy)


def test_a_misspelt_field_kind_fails_at_load_naming_the_field_and_the_value(tmp_path: Path) -> None:
    path = _misspelt(tmp_path, 'label: "agile project experience"\n    kind: months', "kind: monhts")
    with pytest.raises(CatalogError, match=r"fields\.agile_experience_months\.kind: .*'monhts'.*months"):
        load_catalog(path)


def test_a_misspelt_requirement_kind_fails_at_load_naming_the_path(tmp_path: Path) -> None:
    search = "{experience: agile_experience_months, months: 24, window_years: 5}"
    path = _misspelt(tmp_path, search, search.replace("experience:", "experiance:"))
    where = r"certifications\.PMI-ACP, path 1: unknown requirement .*experiance"
    with pytest.raises(CatalogError, match=where):
        load_catalog(path)


def test_a_requirement_reading_a_field_of_another_kind_fails_at_load(tmp_path: Path) -> None:
    search = "{experience: agile_experience_months, months: 24, window_years: 5}"
    path = _misspelt(tmp_path, search, search.replace("agile_experience_months", "agile_training_hours"))
    with pytest.raises(CatalogError, match="'agile_training_hours', which is not a field of kind months"):
        load_catalog(path)


def test_the_catalog_holds_members_not_strings() -> None:
    catalog = load_catalog()
    assert {type(spec.kind) for spec in catalog.fields.values()} == {FieldKind}
    kinds = {type(r.kind) for c in catalog.certifications.values() for p in c.paths for r in p.requires}
    assert kinds == {RequirementKind}
    for cert in catalog.certifications.values():
        for path in cert.paths:
            for req in path.requires:
                assert catalog.fields[req.field].kind == req.kind.field_kind, (cert.name, req.field)


def test_members_equal_their_strings_and_serialise_as_them() -> None:
    assert FieldKind.MONTHS == "months" and FieldKind.MONTHS.unit == "months"
    assert FieldKind.HOURS.unit == "hours" and FieldKind.EDUCATION.unit is None
    assert RequirementKind.TRAINING.field_kind is FieldKind.HOURS
    assert json.dumps([Status.NEED_INFO, ClarifyReason.WHAT_IS, Goal.ELIGIBILITY]) == (
        '["need_info", "what_is", "eligibility"]'
    )
    assert f"{Status.NOT_ELIGIBLE}" == str(Status.NOT_ELIGIBLE) == "not_eligible"


def test_a_verdict_payload_reads_as_before() -> None:
    verdict = evaluate(Profile(education="bachelor"), "PMP")
    payload = json.loads(json.dumps(verdict.to_dict()))
    assert payload["status"] == "need_info"
    assert [r["kind"] for r in payload["requirements"]] == ["education", "experience", "training"]

"""The two data files against their JSON Schemas (draft 7), checked with the pinned jsonschema.

bot/certifications/data/certifications.schema.json and bot/knowledge/entries.schema.json
declare every key the loaders read. A misspelt key, a text where a number belongs or an
unknown kind fails here with the path to the bad value, before a loader reads it wrongly.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable, Dict, List

import jsonschema
import pytest
import yaml

from bot.certifications.catalog import DATA_FILE, EDUCATION_RANK
from bot.certifications.engine import EDUCATION_NEED_WORDS
from bot.knowledge import ENTRIES_FILE
from bot.understanding import KINDS

RULES_SCHEMA = DATA_FILE.with_name("certifications.schema.json")
ENTRIES_SCHEMA = ENTRIES_FILE.with_name("entries.schema.json")
FIXTURE = Path(__file__).parent / "knowledge_fixture.yml"
RULES: Dict[str, Any] = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
ENTRIES: Dict[str, Any] = yaml.safe_load(ENTRIES_FILE.read_text(encoding="utf-8"))
Edit = Callable[[Dict[str, Any]], None]


def _schema(path: Path) -> Dict[str, Any]:
    schema: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _errors(schema_file: Path, data: Any) -> List[str]:
    """What a maintainer sees: one "path/to/value: message" line per error."""
    validator = jsonschema.Draft7Validator(_schema(schema_file))
    found = validator.iter_errors(data)
    return sorted(f"{'/'.join(str(key) for key in error.absolute_path)}: {error.message}" for error in found)


def _edited(data: Dict[str, Any], edit: Edit) -> Dict[str, Any]:
    changed = copy.deepcopy(data)
    edit(changed)
    return changed


def _rename(node: Dict[str, Any], old: str, new: str) -> None:
    node[new] = node.pop(old)


def test_the_installed_jsonschema_is_the_pinned_one() -> None:
    lock = (Path(__file__).resolve().parents[2] / "requirements.lock").read_text(encoding="utf-8")
    assert f"jsonschema=={jsonschema.__version__}\n" in lock


@pytest.mark.parametrize("schema_file", [RULES_SCHEMA, ENTRIES_SCHEMA], ids=lambda p: p.name)
def test_each_schema_is_a_valid_draft_7_schema(schema_file: Path) -> None:
    schema = _schema(schema_file)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_the_rules_file_matches_its_schema() -> None:
    assert _errors(RULES_SCHEMA, RULES) == []


@pytest.mark.parametrize("data_file", [ENTRIES_FILE, FIXTURE], ids=lambda p: p.name)
def test_the_knowledge_base_and_its_test_fixture_match_their_schema(data_file: Path) -> None:
    assert _errors(ENTRIES_SCHEMA, yaml.safe_load(data_file.read_text(encoding="utf-8"))) == []


def test_the_rules_schema_names_the_vocabularies_the_code_accepts() -> None:
    definitions = _schema(RULES_SCHEMA)["definitions"]
    assert definitions["field"]["properties"]["kind"]["enum"] == list(KINDS)
    assert set(definitions["requirement"]["properties"]["education"]["enum"]) == set(EDUCATION_NEED_WORDS)
    levels = _schema(RULES_SCHEMA)["properties"]["education_levels"]["additionalProperties"]["enum"]
    assert set(levels) == set(EDUCATION_RANK)


def _pmp(data: Dict[str, Any]) -> Dict[str, Any]:
    pmp: Dict[str, Any] = data["certifications"]["PMP"]
    return pmp


def _pmp_set_a(data: Dict[str, Any]) -> List[Dict[str, Any]]:
    """PMP Set A's requirements: education, experience (months), training (hours)."""
    requires: List[Dict[str, Any]] = _pmp(data)["paths"][0]["requires"]
    return requires


SET_A = "certifications/PMP/paths/0/requires"

RULES_MISTAKES = [
    pytest.param(
        lambda d: _rename(d["fields"]["education"], "label", "lable"),
        [
            "fields/education: 'label' is a required property",
            "fields/education: Additional properties are not allowed ('lable' was unexpected)",
        ],
        id="misspelt field key",
    ),
    pytest.param(
        lambda d: _rename(_pmp_set_a(d)[1], "experience", "experiance"),
        [
            f"{SET_A}/1: Additional properties are not allowed ('experiance' was unexpected)",
            f"{SET_A}/1: {{'months': 60, 'window_years': 8, 'experiance': 'pm_experience_months'}} "
            "is not valid under any of the given schemas",
        ],
        id="misspelt requirement kind",
    ),
    pytest.param(
        lambda d: _pmp_set_a(d)[1].update(months="60"),
        [f"{SET_A}/1/months: '60' is not of type 'integer'"],
        id="months as text",
    ),
    pytest.param(
        lambda d: _pmp(d)["exam"].update(minutes="240 minutes"),
        ["certifications/PMP/exam/minutes: '240 minutes' is not of type 'integer', 'null'"],
        id="exam minutes as text",
    ),
    pytest.param(
        lambda d: d["fields"]["pm_experience_months"].update(kind="years"),
        [
            "fields/pm_experience_months/kind: 'years' is not one of "
            "['education', 'flag', 'certifications', 'months', 'hours']"
        ],
        id="unknown field kind",
    ),
    pytest.param(
        lambda d: _pmp_set_a(d)[0].update(education="bachelor"),
        [f"{SET_A}/0/education: 'bachelor' is not one of ['secondary', 'four_year', 'gac']"],
        id="education need that is a person's level, not a rule's",
    ),
    pytest.param(
        lambda d: _pmp(d)["paths"][0].update(grade="D"),
        ["certifications/PMP/paths/0/grade: 'D' is not one of ['A', 'B', 'C']"],
        id="unknown grade",
    ),
    pytest.param(
        lambda d: _pmp_set_a(d)[0].update(experience="pm_experience_months", months=60),
        [
            f"{SET_A}/0: 'education' is not one of ['experience', 'months', 'window_years', 'waived_by']",
            f"{SET_A}/0: 'experience' is not one of ['education']",
            f"{SET_A}/0: 'months' is not one of ['education']",
        ],
        id="two kinds in one requirement",
    ),
    pytest.param(
        lambda d: _pmp_set_a(d)[2].update(window_years=8),
        [
            f"{SET_A}/2: 'window_years' is not one of "
            "['training', 'hours', 'waived_by', 'gac_coursework', 'satisfier_verify']"
        ],
        id="a window on training hours",
    ),
    pytest.param(
        lambda d: _pmp(d)["exam"]["fee"].pop("as_of"),
        ["certifications/PMP/exam/fee: 'as_of' is a required property"],
        id="a fee without its date",
    ),
    pytest.param(
        lambda d: _pmp(d)["exam"].update(renewal="60 PDUs every 3 years"),
        ["certifications/PMP/exam: Additional properties are not allowed ('renewal' was unexpected)"],
        id="a second home for a fact",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), RULES_MISTAKES)
def test_a_mistake_in_the_rules_file_is_reported_at_its_path(edit: Edit, expected: List[str]) -> None:
    assert _errors(RULES_SCHEMA, _edited(RULES, edit)) == expected


def test_an_unquoted_date_in_the_rules_file_is_reported() -> None:
    """YAML reads rules_as_of: 2026-11-25 as a date, not the text the loaders expect."""
    quoted = f'rules_as_of: "{RULES["rules_as_of"]}"'
    text = DATA_FILE.read_text(encoding="utf-8")
    assert quoted in text
    day = dt.date.fromisoformat(RULES["rules_as_of"])
    assert _errors(RULES_SCHEMA, yaml.safe_load(text.replace(quoted, quoted.replace('"', "")))) == [
        f"rules_as_of: {day!r} is not of type 'string'"
    ]


def _first(data: Dict[str, Any]) -> Dict[str, Any]:
    """The first entry, earn_35_hours: it has a source and an as_of."""
    entry: Dict[str, Any] = data["entries"][0]
    return entry


ENTRY_MISTAKES = [
    pytest.param(
        lambda d: _rename(_first(d), "examples", "exmaples"),
        [
            "entries/0: 'examples' is a required property",
            "entries/0: Additional properties are not allowed ('exmaples' was unexpected)",
        ],
        id="misspelt key",
    ),
    pytest.param(
        lambda d: _first(d).update(examples="where do I get my 35 hours"),
        ["entries/0/examples: 'where do I get my 35 hours' is not of type 'array'"],
        id="one question instead of a list",
    ),
    pytest.param(
        lambda d: _first(d).update(as_of=2026),
        ["entries/0/as_of: 2026 is not of type 'string'"],
        id="as_of as a number",
    ),
    pytest.param(
        lambda d: _first(d).update(id="Earn 35 hours"),
        ["entries/0/id: 'Earn 35 hours' does not match '^[a-z][a-z0-9_]*$'"],
        id="id not snake_case",
    ),
    pytest.param(
        lambda d: _first(d).pop("as_of"),
        ["entries/0: 'as_of' is a dependency of 'source'"],
        id="a source without its date",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), ENTRY_MISTAKES)
def test_a_mistake_in_the_knowledge_base_is_reported_at_its_path(edit: Edit, expected: List[str]) -> None:
    assert _errors(ENTRIES_SCHEMA, _edited(ENTRIES, edit)) == expected

"""Every answer in answer_corpus.yml is read as a person means it.

A row fails when the reading differs in any way a user would notice: a different value, a
value where a question was due (a silent misreading), a question with another reason, or a
missing note or extra fact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

from bot.understanding import Clarify, NoAnswer, Understood, read_answer
from tests.today import TODAY

CORPUS: List[Dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "answer_corpus.yml").read_text("utf-8")
)


def _expected_value(row: Dict[str, Any]) -> Any:
    value = row["value"]
    if row["kind"] == "certifications":
        return tuple(value)
    return value


def _check_extra(row: Dict[str, Any], extra: Dict[str, Any]) -> None:
    for field in row.get("not_extra") or []:
        assert field not in extra, f"{field} should not be read from this answer: {extra}"
    for field, value in (row.get("extra") or {}).items():
        assert field in extra, f"extra {field} missing from {extra}"
        got = list(extra[field]) if field == "certifications" else extra[field]
        assert got == value


@pytest.mark.parametrize("row", CORPUS, ids=[f"{r['kind']}: {r['text']}" for r in CORPUS])
def test_answer_is_read_as_meant(row: Dict[str, Any]) -> None:
    result = read_answer(row["kind"], row["text"], TODAY)
    if "value" in row:
        assert isinstance(result, Understood), f"expected a value, got {result}"
        assert result.value == _expected_value(row)
        if row.get("note"):
            assert result.note, "a note should say how the answer was read"
    elif "clarify" in row:
        assert isinstance(result, Clarify), f"expected a question ({row['clarify']}), got {result}"
        assert result.reason == row["clarify"]
        assert result.question.strip()
    else:
        assert row.get("no_answer") is True
        assert isinstance(result, NoAnswer), f"expected no answer, got {result}"
    _check_extra(row, result.extra)


def test_corpus_is_large_and_covers_every_kind() -> None:
    kinds = {row["kind"] for row in CORPUS}
    assert len(CORPUS) >= 250
    assert kinds == {"education", "flag", "certifications", "months", "hours"}
    assert len({(row["kind"], row["text"]) for row in CORPUS}) == len(CORPUS), "duplicate rows"

"""Certification answers written from the data file: what a person reads."""

from __future__ import annotations

import pytest

from bot.answers import certification_info, compare, exam_details, path_text
from bot.certifications import load_catalog

CATALOG = load_catalog()


@pytest.mark.parametrize("name", list(CATALOG.certifications))
def test_certification_info_shows_every_note(name: str) -> None:
    """Audit row 6: no caveat is cut off."""
    cert = CATALOG.certifications[name]
    text = certification_info(name).text
    for note in [*cert.notes, *(n for p in cert.paths for n in p.notes)]:
        assert note in text


def test_acp_option_3_is_described_as_any_agile_certification() -> None:
    group = CATALOG.certification_groups["agile"]
    text = certification_info("PMI-ACP").text
    assert group.label in text
    assert " or ".join(group.members[:3]) not in text


def test_compare_shows_the_four_year_degree_path_not_the_hardest() -> None:
    """Audit row 9: no "easiest" label on the secondary-degree path."""
    text = compare(["PMP", "CAPM"]).text
    four_year = next(
        p for p in CATALOG.certifications["PMP"].paths if any(r.need == "four_year" for r in p.requires)
    )
    secondary = next(
        p for p in CATALOG.certifications["PMP"].paths if any(r.need == "secondary" for r in p.requires)
    )
    assert path_text(four_year, CATALOG) in text
    assert path_text(secondary, CATALOG) not in text
    assert "easiest" not in text


def test_gac_coursework_is_said_beside_the_pmp_hours() -> None:
    gac = next(p for p in CATALOG.certifications["PMP"].paths if any(r.gac_coursework for r in p.requires))
    assert "coursework counts" in path_text(gac, CATALOG)


def test_the_pmp_exam_says_the_current_format_then_the_one_before_it_once() -> None:
    text = exam_details("PMP").text
    assert "PMP exam (as of 2026-07-09): 180 questions (170 scored and 10 unscored pretest items" in text
    assert "in 240 minutes." in text
    assert "Before that: 180 questions in 230 minutes." in text
    assert text.count("2026-07-09") == 1

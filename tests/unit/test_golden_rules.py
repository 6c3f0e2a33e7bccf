"""The rules data file against a second copy of the rules typed by hand (golden_rules.yml).

The other rules tests read their thresholds from the data file, so they prove that the engine
agrees with the data; these prove that the data agrees with the rules. Changing a rule means
changing both files, on purpose.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import pytest
import yaml

from bot.answers import path_text
from bot.certifications import load_catalog
from bot.certifications.catalog import Catalog, Certification, Path_, Requirement, normalize_alias

GOLDEN: Dict[str, Any] = yaml.safe_load((Path(__file__).parent / "golden_rules.yml").read_text("utf-8"))
CATALOG = load_catalog()


def _waivers(req: Requirement, catalog: Catalog) -> List[str]:
    found = set(req.waived_by)
    found |= {c.name for c in catalog.certifications.values() if c.satisfies_training == req.field}
    if req.gac_coursework:
        found.add("GAC degree")
    return sorted(found)


def _as_golden(path: Path_, catalog: Catalog) -> Dict[str, Any]:
    """One path of the data file in the golden table's shape."""
    out: Dict[str, Any] = {}
    for req in path.requires:
        if req.kind == "education":
            out["education"] = req.need
        elif req.kind == "experience":
            out.setdefault("experience", {})[req.field] = [req.need, req.window_years]
        elif req.kind == "training":
            out.setdefault("training", {})[req.field] = req.need
        elif req.kind == "certification":
            out["certification_any"] = req.group or sorted(req.need)
        if req.kind in ("experience", "training") and _waivers(req, catalog):
            out.setdefault("waivers", {})[req.field] = _waivers(req, catalog)
    return out


def _golden(path: Dict[str, Any]) -> Dict[str, Any]:
    out = dict(path)
    if isinstance(out.get("certification_any"), list):
        out["certification_any"] = sorted(out["certification_any"])
    if "waivers" in out:
        out["waivers"] = {f: sorted(names) for f, names in out["waivers"].items()}
    return out


def test_every_certification_and_path_is_in_both() -> None:
    data = {name: sorted(p.id for p in cert.paths) for name, cert in CATALOG.certifications.items()}
    golden = {name: sorted(paths) for name, paths in GOLDEN["certifications"].items()}
    assert data == golden


GOLDEN_PATHS = [(name, pid) for name, paths in GOLDEN["certifications"].items() for pid in paths]


@pytest.mark.parametrize(("name", "path_id"), GOLDEN_PATHS, ids=[f"{n}/{p}" for n, p in GOLDEN_PATHS])
def test_each_path_matches_the_golden_table(name: str, path_id: str) -> None:
    cert = CATALOG.certifications[name]
    [path] = [p for p in cert.paths if p.id == path_id]
    assert _as_golden(path, CATALOG) == _golden(GOLDEN["certifications"][name][path_id])


def test_agile_certifications_for_acp_option_3() -> None:
    members = set(CATALOG.certification_groups["agile"].members)
    assert set(GOLDEN["agile_certifications_include"]) <= members
    assert not set(GOLDEN["agile_certifications_exclude"]) & members
    for name in members:  # each one can be named and is known to the catalog
        assert CATALOG.canonical_certification(name) == name


def test_one_window_per_field_and_certification() -> None:
    for cert in CATALOG.certifications.values():
        for req in (r for p in cert.paths for r in p.requires if r.kind == "experience"):
            assert req.window_years == cert.window_years(req.field), (cert.name, req.field)


# --- numbers in the words shown beside a path --------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def _without_names(text: str, catalog: Catalog) -> str:
    """Certification names carry digits (PRINCE2, PK0-005): take them out before reading numbers."""
    names = sorted(
        set(catalog.aliases) | {normalize_alias(n) for n in catalog.all_certification_names()}, key=len
    )
    text = re.sub(r"\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b", " ", text)  # dates and year ranges (2024-26)
    folded = " " + normalize_alias(text) + " "
    for name in reversed(names):
        if re.search(r"\d", name):
            folded = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", " ", folded)
    return folded


def numbers_in(text: str, catalog: Catalog) -> Set[float]:
    found = {float(n.replace(",", "")) for n in _NUMBER.findall(_without_names(text, catalog))}
    return {n for n in found if not 1900 <= n <= 2099}  # years and dates are fine


def _path_numbers(path: Path_) -> Set[float]:
    out: Set[float] = set()
    for req in path.requires:
        if req.kind in ("experience", "training"):
            out.add(float(req.need))
        if req.window_years:
            out.add(float(req.window_years))
    return out


ALL_PATHS: List[Tuple[Certification, Path_]] = [
    (c, p) for c in CATALOG.certifications.values() for p in c.paths
]


@pytest.mark.parametrize(("cert", "path"), ALL_PATHS, ids=[f"{c.name}/{p.id}" for c, p in ALL_PATHS])
def test_numbers_in_a_paths_words_are_its_requirement_numbers(cert: Certification, path: Path_) -> None:
    texts = [path.label, *path.notes, path_text(path, CATALOG)]
    for text in texts:
        assert numbers_in(text, CATALOG) <= _path_numbers(path), (cert.name, path.id, text)


@pytest.mark.parametrize("cert", list(CATALOG.certifications.values()), ids=list(CATALOG.certifications))
def test_next_steps_and_waiver_notes_repeat_no_threshold(cert: Certification) -> None:
    """A threshold lives in the requirements only: these texts say "your hours", never a number."""
    assert cert.next_steps
    for text in (cert.next_steps, cert.satisfies_training_note or ""):
        assert numbers_in(text, CATALOG) == set(), text


def test_the_number_check_reads_numbers() -> None:
    """The check above sees a changed number (else it could never fail)."""
    assert numbers_in("secondary degree and 23 hours", CATALOG) == {23.0}
    assert numbers_in("PRINCE2 Foundation, PK0-005, since 2019-08-28, 1,500 hours", CATALOG) == {1500.0}


def test_path_grades_match_the_golden_table() -> None:
    grades = GOLDEN["path_grades"]
    for cert in CATALOG.certifications.values():
        for path in cert.paths:
            assert path.grade == grades.get(cert.name, grades["default"]), (cert.name, path.id)


def test_disciplined_agile_is_known_but_not_third_party() -> None:
    """PMI issues the Disciplined Agile certifications: named, resolvable, never in option 3's group."""
    members = set(CATALOG.certification_groups["agile"].members)
    for name in ("DASM", "DASSM", "DAC", "DAVSC"):
        assert CATALOG.canonical_certification(name.lower()) == name
        assert name not in members
    assert "Disciplined" not in CATALOG.certification_groups["agile"].label


def test_pmi_document_sources_say_they_were_read_from_a_copy() -> None:
    """A PMI source says how it was read: from a copy, or only in part (audit 2, F6)."""
    for source in CATALOG.sources.values():
        if re.search(r"\bPMI\b|pmi\.org", source.title) and "Training providers" not in source.title:
            assert "copy" in source.title or "read in part" in source.title, source.title


@pytest.mark.parametrize(("cert", "path"), ALL_PATHS, ids=[f"{c.name}/{p.id}" for c, p in ALL_PATHS])
def test_a_grade_c_path_says_verify_even_without_prerequisites(cert: Certification, path: Path_) -> None:
    grades = GOLDEN["path_grades"]
    says_verify = "verify" in path_text(path, CATALOG)
    assert says_verify == (grades.get(cert.name, grades["default"]) == "C"), (
        cert.name,
        path_text(path, CATALOG),
    )

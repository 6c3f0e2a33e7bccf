"""Builds profiles from the rules data file, so tests never retype a requirement."""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Tuple

from bot.certifications.catalog import Certification, Path_, Requirement, load_catalog

EDUCATION_FOR = {"secondary": "secondary", "four_year": "bachelor", "gac": "bachelor"}
EDUCATION_BELOW = {"secondary": "none", "four_year": "associate", "gac": "associate"}


def all_paths() -> Iterator[Tuple[Certification, Path_]]:
    for cert in load_catalog().certifications.values():
        for path in cert.paths:
            yield cert, path


def path_ids() -> List[str]:
    return [f"{c.name}/{p.id}" for c, p in all_paths()]


def exact_profile(path: Path_) -> Dict[str, Any]:
    """Meets every requirement of ``path`` exactly; every other number is zero."""
    catalog = load_catalog()
    profile: Dict[str, Any] = {f: 0 for f, s in catalog.fields.items() if s.kind in ("months", "hours")}
    profile.update(education="bachelor", gac_degree=False, certifications=[])
    for req in path.requires:
        if req.kind == "education":
            profile["education"] = EDUCATION_FOR[req.need]
            profile["gac_degree"] = req.need == "gac"
        elif req.kind in ("experience", "training"):
            profile[req.field] = req.need
        elif req.kind == "certification":
            profile["certifications"] = [req.need[0]]
    if not any(r.kind == "education" for r in path.requires):
        profile["education"] = "none"
    return profile


def numeric_requirements(path: Path_) -> List[Requirement]:
    """The numbers a path checks (training a GAC degree's coursework meets is not checked on that path)."""
    return [r for r in path.requires if r.kind in ("experience", "training") and not r.gac_coursework]

"""Loads the certification rules data file into typed, read-only objects."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

DATA_FILE = Path(__file__).parent / "data" / "certifications.yml"

# The three education levels PMI rules distinguish, lowest first.
EDUCATION_RANK = {"none": 0, "secondary": 1, "four_year": 2}


@dataclass(frozen=True)
class Requirement:
    """One condition of a path: education, experience, training or a held certification."""

    kind: str  # "education" | "experience" | "training" | "certification"
    field: str  # profile field it reads
    need: Any  # months, hours, education level, or tuple of certifications
    window_years: Optional[int] = None
    waived_by: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Path_:
    """One way to qualify for a certification (PMI's "sets" or "options")."""

    id: str
    label: str
    grade: str
    source: str
    effective: str
    requires: Tuple[Requirement, ...]
    notes: Tuple[str, ...] = ()


@dataclass(frozen=True)
class ExamFacts:
    """Volatile exam facts; always shown with their "as of" date."""

    grade: str
    source: str
    as_of: str
    minutes: Optional[int]
    questions: str
    renewal: str
    fee: str
    format: Optional[str] = None
    previous: Optional[str] = None


@dataclass(frozen=True)
class Certification:
    name: str
    full_name: str
    issuer: str
    stage: int
    summary: str
    aliases: Tuple[str, ...]
    paths: Tuple[Path_, ...]
    notes: Tuple[str, ...]
    exam: ExamFacts
    specialist: bool = False
    satisfies_training: Optional[str] = None

    @property
    def is_pmi(self) -> bool:
        return self.issuer == "PMI"

    def first_field(self, requirement_kind: str) -> Optional[str]:
        """The profile field of the first ``experience`` or ``training`` requirement, if any."""
        for path in self.paths:
            for req in path.requires:
                if req.kind == requirement_kind:
                    return req.field
        return None


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    date: str

    def cite(self) -> str:
        return f"{self.title} ({self.date})"


@dataclass(frozen=True)
class Catalog:
    rules_as_of: str
    sources: Mapping[str, Source]
    field_labels: Mapping[str, str]
    field_kinds: Mapping[str, str]
    field_order: Tuple[str, ...]
    field_questions: Mapping[str, Mapping[str, str]]
    education_levels: Mapping[str, str]
    certifications: Mapping[str, Certification]
    other_certifications: Mapping[str, str]
    aliases: Mapping[str, str] = field(default_factory=dict)

    def all_certification_names(self) -> List[str]:
        return list(self.certifications) + list(self.other_certifications)

    def canonical_certification(self, name: str) -> Optional[str]:
        """The canonical name for a certification name or alias, or None if unknown."""
        return self.aliases.get(normalize_alias(name))


def normalize_alias(text: str) -> str:
    """Lower-case, with runs of spaces, hyphens and dots folded, for alias look-ups."""
    folded = text.strip().lower().replace("\u2010", "-").replace("\u2013", "-")
    for ch in "-_.":
        folded = folded.replace(ch, " ")
    return " ".join(folded.split())


def _requirement(raw: Mapping[str, Any]) -> Requirement:
    waived = tuple(raw.get("waived_by", ()))
    if "education" in raw:
        return Requirement("education", "education", raw["education"])
    if "experience" in raw:
        return Requirement("experience", raw["experience"], raw["months"], raw.get("window_years"), waived)
    if "training" in raw:
        return Requirement("training", raw["training"], raw["hours"], None, waived)
    if "certification_any" in raw:
        return Requirement("certification", "certifications", tuple(raw["certification_any"]))
    raise ValueError(f"unknown requirement in {DATA_FILE}: {dict(raw)}")


def _certification(name: str, raw: Mapping[str, Any]) -> Certification:
    paths = tuple(
        Path_(
            id=str(p["id"]),
            label=p["label"],
            grade=p["grade"],
            source=p["source"],
            effective=str(p["effective"]),
            requires=tuple(_requirement(r) for r in p.get("requires", [])),
            notes=tuple(p.get("notes", ())),
        )
        for p in raw["paths"]
    )
    exam = raw["exam"]
    return Certification(
        name=name,
        full_name=raw["full_name"],
        issuer=raw["issuer"],
        stage=int(raw["stage"]),
        summary=raw["summary"],
        aliases=tuple(raw.get("aliases", ())),
        paths=paths,
        notes=tuple(raw.get("notes", ())),
        exam=ExamFacts(
            grade=exam["grade"],
            source=exam["source"],
            as_of=str(exam["as_of"]),
            minutes=exam.get("minutes"),
            questions=str(exam["questions"]),
            renewal=exam["renewal"],
            fee=exam["fee"],
            format=exam.get("format"),
            previous=exam.get("previous"),
        ),
        specialist=bool(raw.get("specialist", False)),
        satisfies_training=raw.get("satisfies_training"),
    )


@functools.cache
def load_catalog(path: Optional[str] = None) -> Catalog:
    """Reads and indexes the rules data file (cached: the file is read once per process)."""
    with open(path or DATA_FILE, encoding="utf-8") as handle:
        raw: Dict[str, Any] = yaml.safe_load(handle)
    certifications = {name: _certification(name, c) for name, c in raw["certifications"].items()}
    others = {name: o["full_name"] for name, o in raw.get("other_certifications", {}).items()}
    aliases: Dict[str, str] = {}
    entries: List[Tuple[str, List[str]]] = [
        (name, list(c.aliases) + [name, c.full_name]) for name, c in certifications.items()
    ]
    entries += [
        (name, list(o.get("aliases", [])) + [name, o["full_name"]])
        for name, o in raw.get("other_certifications", {}).items()
    ]
    for name, names in entries:
        for alias in names:
            aliases.setdefault(normalize_alias(alias), name)
    return Catalog(
        rules_as_of=str(raw["rules_as_of"]),
        sources={k: Source(k, v["title"], str(v["date"])) for k, v in raw["sources"].items()},
        field_labels={k: v["label"] for k, v in raw["fields"].items()},
        field_kinds={k: v["kind"] for k, v in raw["fields"].items()},
        field_order=tuple(raw["fields"]),
        field_questions={
            k: {"question": v["question"], "example": v["example"], "why": v["why"]}
            for k, v in raw["fields"].items()
        },
        education_levels=dict(raw["education_levels"]),
        certifications=certifications,
        other_certifications=others,
        aliases=aliases,
    )

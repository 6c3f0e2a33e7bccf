"""Loads the certification rules data file into typed, read-only objects."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

import yaml

from bot.certifications.kinds import FieldKind, RequirementKind
from bot.errors import CatalogError as CatalogError  # re-exported: raised by load_catalog

DATA_FILE = Path(__file__).parent / "data" / "certifications.yml"

# The three education levels PMI rules distinguish, lowest first.
EDUCATION_RANK = {"none": 0, "secondary": 1, "four_year": 2}


@dataclass(frozen=True)
class Requirement:
    """One condition of a path: education, experience, training or a held certification."""

    kind: RequirementKind
    field: str  # profile field it reads (its kind is ``kind.field_kind``)
    need: Any  # months, hours, education level, or tuple of certifications
    window_years: Optional[int] = None
    waived_by: Tuple[str, ...] = ()
    group: Optional[str] = None  # for "certification": the certification group it names, if any
    gac_coursework: bool = False  # for "training": a GAC degree's coursework meets it
    # for "training": the flag said ("verify: ...") when a course certificate meets it instead
    satisfier_verify: Optional[str] = None


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
    facts: Mapping[str, Any] = field(default_factory=dict)  # the exam: block, one fact per key
    fact_sources: Mapping[str, str] = field(default_factory=dict)  # fact key -> its own source id

    def source_ids(self, keys: Sequence[str]) -> Tuple[str, ...]:
        """The sources of these facts, each once, in order: a fact's own source (``fact_sources``)
        or else the exam block's."""
        return tuple(dict.fromkeys(self.fact_sources.get(key, self.source) for key in keys))


UNDATED = "n.d."  # a source (or a fee) whose page shows no date


def dated(as_of: str) -> str:
    """ "as of 2026-09", or "undated" for a figure whose source shows no date."""
    return "undated" if as_of == UNDATED else f"as of {as_of}"


def fee_text(fee: Mapping[str, Any]) -> str:
    """The exam fee in words, from the exam block's ``fee`` mapping."""
    if "included" in fee:
        return str(fee["included"])
    when = f" ({dated(str(fee['as_of']))}, {fee['source']})" if fee.get("as_of") else ""
    return f"{fee['members']} for PMI members, {fee['non_members']} for non-members{when}"


def length_text(exam: Mapping[str, Any]) -> str:
    """The exam's length in words: "180 questions (170 scored ...) in 240 minutes", then when it
    can be booked ("...; you can book it only after you pay and pass the panel review")."""
    questions = str(exam["questions"])
    count = re.match(r"(\d+)(.*)", questions)
    words = f"{count[1]} questions{count[2]}" if count else questions
    if exam.get("minutes"):
        words += f" in {exam['minutes']} minutes"
    return words + (f"; {exam['booking']}" if exam.get("booking") else "")


def renewal_text(exam: Mapping[str, Any]) -> str:
    """Renewal in words, from ``validity_years`` and ``renewal_credits``."""
    if not exam.get("validity_years"):
        return "no renewal needed: it does not expire"
    credits = exam.get("renewal_credits") or "renewal"
    return f"{credits} every {exam['validity_years']} years"


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
    satisfies_training_note: Optional[str] = None  # said whenever holding it meets the training
    next_steps: str = ""  # what to do once eligible: how to apply, what to document
    superseded_by: Tuple[str, ...] = ()  # holding one of these makes it pointless to recommend

    @property
    def is_pmi(self) -> bool:
        return self.issuer == "PMI"

    def window_years(self, field_name: str) -> Optional[int]:
        """The look-back window for experience in ``field_name`` (None: no window or not used).

        Every path of a certification uses the same window for a field (a test checks it).
        """
        for path in self.paths:
            for req in path.requires:
                if req.kind == RequirementKind.EXPERIENCE and req.field == field_name and req.window_years:
                    return req.window_years
        return None

    def first_field(self, requirement_kind: RequirementKind) -> Optional[str]:
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
    date: str  # as the page shows it, or "n.d."
    read: Optional[str] = None  # when an undated page was read

    def cite(self) -> str:
        """ "title (2026-11)", or "title (n.d., read 2026-12)" for an undated page."""
        read = f", read {self.read}" if self.read else ""
        return f"{self.title} ({self.date}{read})"


@dataclass(frozen=True)
class FieldSpec:
    """One profile field as the data file declares it: kind, label, question and topic words."""

    name: str
    label: str
    kind: FieldKind
    question: str
    example: str
    why: str
    question_windowed: Optional[str] = None  # with "{years}", for months inside a look-back window
    topic_words: Optional[str] = None  # a regular expression: words that point at this field
    topic_fallback: bool = False  # its topic words are generic: try the other fields' words first
    # ``question``, or ``question_windowed`` with the window when every certification that reads
    # the field uses the same one (``Catalog.question_for`` is what the interview asks).
    default_question: str = ""


@dataclass(frozen=True)
class CertificationGroup:
    """A named set of certifications a rule accepts, e.g. agile certifications from other bodies."""

    id: str
    label: str
    members: Tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    """The rules data file, indexed: certifications, profile fields, sources and aliases."""

    rules_as_of: str
    sources: Mapping[str, Source]
    fields: Mapping[str, FieldSpec]  # in the data file's order: the order questions are asked in
    education_levels: Mapping[str, str]
    certifications: Mapping[str, Certification]
    other_certifications: Mapping[str, str]
    aliases: Mapping[str, str] = field(default_factory=dict)
    certification_groups: Mapping[str, CertificationGroup] = field(default_factory=dict)
    # training field -> certifications whose holding meets it (satisfies_training)
    training_satisfiers: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)

    def label(self, field_name: str) -> str:
        """The field's label ("project leadership experience"), or its name if it has none."""
        spec = self.fields.get(field_name)
        return spec.label if spec else field_name

    def kind(self, field_name: Optional[str]) -> Optional[FieldKind]:
        """The field's kind, or None for a name that is not a profile field."""
        spec = self.fields.get(field_name or "")
        return spec.kind if spec else None

    def fields_of_kind(self, kind: FieldKind) -> Tuple[str, ...]:
        return tuple(name for name, spec in self.fields.items() if spec.kind == kind)

    def field_topics(self, kind: FieldKind) -> Tuple[Tuple[str, str], ...]:
        """(topic words regex, field) for the fields of a kind ("months" or "hours"), in the order
        to try them: the specific ones in data order, the generic (fallback) ones last."""
        specs = [s for s in self.fields.values() if s.kind == kind and s.topic_words]
        ordered = sorted(specs, key=lambda s: s.topic_fallback)
        return tuple((s.topic_words or "", s.name) for s in ordered)

    def fields_used(self, certification: Optional[str]) -> Optional[FrozenSet[str]]:
        """The profile fields any path of a certification asks about, or None when none is given."""
        cert = self.certifications.get(self.canonical_certification(certification or "") or "")
        if cert is None:
            return None
        return frozenset(req.field for path in cert.paths for req in path.requires if req.field)

    def window_years(self, certification: Optional[str], field_name: str) -> Optional[int]:
        """The look-back window (years) of ``field_name`` for a certification (name or alias),
        or None: no window, no such certification, or no certification given."""
        if not certification:
            return None
        cert = self.certifications.get(self.canonical_certification(certification) or certification)
        return cert.window_years(field_name) if cert else None

    def question_for(self, field_name: str, certification: Optional[str] = None) -> str:
        """The question for a field, saying the certification's look-back window when there is one."""
        spec = self.fields[field_name]
        years = self.window_years(certification, field_name)
        if years and spec.question_windowed:
            return spec.question_windowed.format(years=years)
        return spec.question

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


def _field_kind(value: Any, where: str) -> FieldKind:
    """``value`` as a FieldKind, or a CatalogError that names the place and the value."""
    try:
        return FieldKind(value)
    except ValueError:
        expected = ", ".join(kind.value for kind in FieldKind)
        raise CatalogError(f"{where}: unknown field kind {value!r}; expected one of: {expected}") from None


# The keys of a ``requires:`` item, each with the kind of requirement it makes.
_REQUIREMENT_KEYS = {
    "education": RequirementKind.EDUCATION,
    "experience": RequirementKind.EXPERIENCE,
    "training": RequirementKind.TRAINING,
    "certification_any": RequirementKind.CERTIFICATION,
    "certification_group": RequirementKind.CERTIFICATION,
}


def _requirement(
    raw: Mapping[str, Any], groups: Mapping[str, Any], kinds: Mapping[str, FieldKind], where: str
) -> Requirement:
    """One ``requires:`` item; the field it reads must be declared with the kind it needs."""
    key = next((k for k in _REQUIREMENT_KEYS if k in raw), None)
    if key is None:
        expected = ", ".join(_REQUIREMENT_KEYS)
        raise CatalogError(f"{where}: unknown requirement {dict(raw)}; expected a key among: {expected}")
    requirement = _requirement_of(_REQUIREMENT_KEYS[key], raw, groups)
    wanted = requirement.kind.field_kind
    if kinds.get(requirement.field) != wanted:
        raise CatalogError(
            f"{where}: {key} reads {requirement.field!r}, which is not a field of kind {wanted.value}"
        )
    return requirement


def _requirement_of(kind: RequirementKind, raw: Mapping[str, Any], groups: Mapping[str, Any]) -> Requirement:
    waived = tuple(raw.get("waived_by", ()))
    if kind == RequirementKind.EDUCATION:
        return Requirement(kind, "education", raw["education"])
    if kind == RequirementKind.EXPERIENCE:
        return Requirement(kind, raw["experience"], raw["months"], raw.get("window_years"), waived)
    if kind == RequirementKind.TRAINING:
        return Requirement(
            kind,
            raw["training"],
            raw["hours"],
            None,
            waived,
            gac_coursework=bool(raw.get("gac_coursework")),
            satisfier_verify=raw.get("satisfier_verify"),
        )
    if "certification_any" in raw:
        return Requirement(kind, "certifications", tuple(raw["certification_any"]))
    group = raw["certification_group"]
    members = tuple(groups[group]["members"])
    return Requirement(kind, "certifications", members, group=group)


def _certification(
    name: str, raw: Mapping[str, Any], groups: Mapping[str, Any], kinds: Mapping[str, FieldKind], source: Path
) -> Certification:
    paths = tuple(
        Path_(
            id=str(p["id"]),
            label=p["label"],
            grade=p["grade"],
            source=p["source"],
            effective=str(p["effective"]),
            requires=tuple(
                _requirement(r, groups, kinds, f"{source}: certifications.{name}, path {p['id']}")
                for r in p.get("requires", [])
            ),
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
            renewal=renewal_text(exam),
            fee=fee_text(exam["fee"]),
            format=exam.get("domains"),
            previous=exam.get("previous"),
            facts=dict(exam),
            fact_sources=dict(exam.get("fact_sources") or {}),
        ),
        specialist=bool(raw.get("specialist", False)),
        satisfies_training=raw.get("satisfies_training"),
        satisfies_training_note=raw.get("satisfies_training_note"),
        next_steps=str(raw.get("next_steps", "")),
        superseded_by=tuple(raw.get("superseded_by", ())),
    )


@functools.cache
def load_catalog(path: Optional[str] = None) -> Catalog:
    """Reads and indexes the rules data file (cached: the file is read once per process).

    A kind that is not one of ``bot.certifications.kinds`` raises ``CatalogError``."""
    source = Path(path) if path else DATA_FILE
    with open(source, encoding="utf-8") as handle:
        raw: Dict[str, Any] = yaml.safe_load(handle)
    kinds = {
        name: _field_kind(spec.get("kind"), f"{source}: fields.{name}.kind")
        for name, spec in raw["fields"].items()
    }
    groups = raw.get("certification_groups", {})
    certifications = {
        name: _certification(name, c, groups, kinds, source) for name, c in raw["certifications"].items()
    }
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
        sources={k: Source(k, v["title"], str(v["date"]), v.get("read")) for k, v in raw["sources"].items()},
        fields={k: _field_spec(k, v, kinds[k], certifications) for k, v in raw["fields"].items()},
        education_levels=dict(raw["education_levels"]),
        certifications=certifications,
        other_certifications=others,
        aliases=aliases,
        training_satisfiers={
            f: tuple(c.name for c in certifications.values() if c.satisfies_training == f)
            for f, kind in kinds.items()
            if kind == FieldKind.HOURS
        },
        certification_groups={
            k: CertificationGroup(k, g["label"], tuple(g["members"])) for k, g in groups.items()
        },
    )


def _field_spec(
    name: str, raw: Mapping[str, Any], kind: FieldKind, certifications: Mapping[str, Certification]
) -> FieldSpec:
    return FieldSpec(
        name=name,
        label=raw["label"],
        kind=kind,
        question=raw["question"],
        example=raw["example"],
        why=raw["why"],
        question_windowed=raw.get("question_windowed"),
        topic_words=raw.get("topic_words"),
        topic_fallback=bool(raw.get("topic_fallback", False)),
        default_question=_default_question(raw, certifications, name),
    )


def _default_question(raw: Mapping[str, Any], certifications: Mapping[str, Certification], name: str) -> str:
    """A field used under a single window asks "in the last N years"."""
    windows = {c.window_years(name) for c in certifications.values()} - {None}
    question = str(raw["question"])
    if len(windows) == 1 and raw.get("question_windowed"):
        question = str(raw["question_windowed"]).format(years=windows.pop())
    return question

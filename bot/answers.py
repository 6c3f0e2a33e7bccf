"""Answers about certifications, written from the rules data file (no number is typed here).

Pure functions returning ``Answer`` objects; the action server turns them into messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.certifications.catalog import Catalog, Certification, Path_, Requirement, length_text, load_catalog
from bot.certifications.engine import EDUCATION_NEED_WORDS
from bot.certifications.kinds import RequirementKind

CHECK_PMI = "Rules change: check pmi.org (or the issuer's site) before you apply."
COMMON_CERTIFICATIONS = ("PMP", "CAPM", "PMI-ACP", "PgMP", "PfMP")
# The exam: keys exam_details shows beside the fee (which cites its own source).
EXAM_DETAIL_FACTS = (
    "questions",
    "minutes",
    "booking",
    "domains",
    "previous",
    "validity_years",
    "renewal_credits",
)


@dataclass
class Answer:
    """One message for the person; the action server sends it through ``actions.messages.send``."""

    text: str
    """What the message says."""

    buttons: List[Tuple[str, str]] = field(default_factory=list)
    """(title, payload) pairs, e.g. ("PMP", ``/check_eligibility{"certification": "PMP"}``)."""

    custom: Optional[Dict[str, Any]] = None
    """A JSON payload for channels that draw more than text (``{"eligibility": ...}``, Contract A)."""


def payload(intent: str, **entities: Any) -> str:
    """A button payload such as ``/check_eligibility{"certification": "PMP"}``."""
    return f"/{intent}" + (json.dumps(entities) if entities else "")


def requirement_text(req: Requirement, catalog: Catalog) -> str:
    """One requirement in words: "60 months of project leadership experience in the last 8 years"."""
    label = catalog.label(req.field)
    waiver = f" (or an active {' or '.join(req.waived_by)})" if req.waived_by else ""
    if req.kind == RequirementKind.EDUCATION:
        return EDUCATION_NEED_WORDS[str(req.need)]
    if req.kind == RequirementKind.EXPERIENCE:
        window = f" within the last {req.window_years} years" if req.window_years else ""
        return f"{req.need} months of {label}{window}{waiver}"
    if req.kind == RequirementKind.TRAINING:
        coursework = " (a GAC-accredited degree's coursework counts)" if req.gac_coursework else ""
        return f"{req.need} contact hours of {label}{waiver}{coursework}"
    if req.group:
        return catalog.certification_groups[req.group].label
    return "an active " + " or ".join(req.need)


def path_text(path: Path_, catalog: Catalog) -> str:
    parts = [requirement_text(r, catalog) for r in path.requires]
    grade = " (single source or sources differ: verify)" if path.grade == "C" else ""
    if not parts:
        return f"No prerequisites{grade}."
    return "; ".join(parts) + grade


def _resolve(name: str) -> Certification:
    catalog = load_catalog()
    canonical = catalog.canonical_certification(name) or name
    return catalog.certifications[canonical]


def known_certification(name: Optional[str]) -> Optional[str]:
    """The canonical name if ``name`` is a certification with rules here, else None."""
    if not name:
        return None
    catalog = load_catalog()
    canonical = catalog.canonical_certification(str(name))
    return canonical if canonical in catalog.certifications else None


def which_certification(
    intent: str, question: str = "Which certification do you mean?", **extra: str
) -> Answer:
    """ "Which certification ...?" with a button per common certification (the one home of it)."""
    return Answer(
        question,
        [(name, payload(intent, certification=name, **extra)) for name in COMMON_CERTIFICATIONS],
    )


def certification_overview() -> Answer:
    catalog = load_catalog()
    lines = ["The main certifications for IT project managers, from first step to senior:"]
    for stage, title in ((1, "Starting out"), (2, "Practitioner"), (3, "Experienced"), (4, "Senior")):
        certs = [c for c in catalog.certifications.values() if c.stage == stage]
        if certs:
            lines.append(
                f"{title}: " + "; ".join(f"{c.name} ({c.issuer}): {c.summary.rstrip('.')}" for c in certs)
            )
    lines.append(
        "The PMP is the most widely recognised. Ask about any of them, or ask "
        '"which certification should I get?"'
    )
    return Answer(
        "\n".join(lines),
        [
            ("What is the PMP?", payload("ask_certification_info", certification="PMP")),
            ("What is the CAPM?", payload("ask_certification_info", certification="CAPM")),
            ("Which one fits me?", "/ask_recommendation"),
        ],
    )


def certification_info(name: str) -> Answer:
    catalog = load_catalog()
    cert = _resolve(name)
    lines = [f"{cert.name}, {cert.full_name} ({cert.issuer}): {cert.summary}"]
    if len(cert.paths) == 1:
        lines.append("Requirements: " + path_text(cert.paths[0], catalog))
    else:
        lines.append("You qualify through any one of these paths:")
        lines += [f"• {p.label[0].upper() + p.label[1:]}: {path_text(p, catalog)}" for p in cert.paths]
    lines += [f"Note: {n}" for n in dict.fromkeys([*(n for p in cert.paths for n in p.notes), *cert.notes])]
    sources = sorted({catalog.sources[p.source].cite() for p in cert.paths})
    lines.append(f"Source: {'; '.join(sources)}. Rules as of {catalog.rules_as_of}. {CHECK_PMI}")
    buttons = [
        (f"Am I eligible for the {cert.name}?", payload("check_eligibility", certification=cert.name)),
        (f"{cert.name} exam details", payload("ask_exam_details", certification=cert.name)),
    ]
    other = "PMP" if cert.name == "CAPM" else "CAPM"
    buttons.append(
        (f"Compare with {other}", payload("compare_certifications", certification=[cert.name, other]))
    )
    return Answer("\n".join(lines), buttons)


def exam_details(name: str) -> Answer:
    catalog = load_catalog()
    cert = _resolve(name)
    exam = cert.exam
    lines = [f"{cert.name} exam (as of {exam.as_of}): {length_text(exam.facts)}."]
    if exam.format:
        lines.append(f"Content: {exam.format}.")
    if exam.previous:
        lines.append(f"Before that: {exam.previous}.")
    lines.append(f"Renewal: {exam.renewal}.")
    lines.append(f"Fee: {exam.fee} (US dollars where given; fees change, so check before you pay).")
    verify = " Some of these figures come from a single source, so verify them." if exam.grade == "C" else ""
    sources = "; ".join(catalog.sources[i].cite() for i in exam.source_ids(EXAM_DETAIL_FACTS))
    lines.append(f"Source: {sources}.{verify} {CHECK_PMI}")
    return Answer(
        "\n".join(lines),
        [(f"Am I eligible for the {cert.name}?", payload("check_eligibility", certification=cert.name))],
    )


def compare(names: Sequence[str]) -> Answer:
    catalog = load_catalog()
    certs = [_resolve(n) for n in names[:2]]
    lines = [f"{certs[0].name} vs {certs[1].name}:"]
    for cert in certs:
        if len(cert.paths) == 1:
            needs = path_text(cert.paths[0], catalog)
        else:
            shown = _typical_path(cert)
            article = "an" if shown.label[:1].lower() in "aeiou" else "a"
            needs = f"with {article} {shown.label}: {path_text(shown, catalog)} (other paths exist)"
        lines.append(f"• {cert.name} ({cert.issuer}): {cert.summary} Needs: {needs}")
    a, b = certs
    if a.stage != b.stage:
        first, later = (a, b) if a.stage < b.stage else (b, a)
        lines.append(
            f"In short: {first.name} comes earlier in a career; {later.name} asks for more experience."
        )
    lines.append(f"Rules as of {catalog.rules_as_of}. {CHECK_PMI}")
    return Answer(
        "\n".join(lines),
        [
            (f"Am I eligible for the {c.name}?", payload("check_eligibility", certification=c.name))
            for c in certs
        ],
    )


def _typical_path(cert: Certification) -> Path_:
    """The path most people take: a four-year degree where there is one, else the first."""
    for path in cert.paths:
        if any(r.kind == RequirementKind.EDUCATION and r.need == "four_year" for r in path.requires):
            return path
    return cert.paths[0]

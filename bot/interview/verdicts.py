"""Verdicts and recommendations in words, starting from the facts they used."""

from __future__ import annotations

import datetime as dt
from typing import Any, List, Mapping, Optional, Tuple

from bot.answers import Answer, payload
from bot.certifications import FieldKind, RequirementKind, Status, load_catalog, recommend
from bot.certifications.catalog import Certification
from bot.certifications.engine import Recommendations, Verdict
from bot.interview import fields
from bot.interview.wording import CHECK_PMI, SOMETHING_WRONG, describe_value
from bot.knowledge.facts import WRITERS
from bot.profile import Profile

BASED_ON = "Based on what you told me:"
MAX_BUTTONS = 5  # Slack shows no buttons at all above five


def fields_used(cert: Certification, profile: Mapping[str, Any]) -> List[str]:
    """The profile fields the certification's rules read that the person has told us, in order."""
    used = {r.field for p in cert.paths for r in p.requires}
    if any(r.kind == RequirementKind.EDUCATION and r.need == "gac" for p in cert.paths for r in p.requires):
        used.add("gac_degree")
    if any(r.waived_by for p in cert.paths for r in p.requires) or cert.is_pmi:
        used.add("certifications")
    known = [n for n in used if _value(n, profile) is not None]
    order = tuple(load_catalog().fields)
    return sorted(known, key=lambda n: order.index(n) if n in order else len(order))


def _value(name: str, profile: Mapping[str, Any]) -> Any:
    periods = fields.periods_field(name) if fields.kind(name) == FieldKind.MONTHS else None
    value = profile.get(name)
    return profile.get(periods) if value is None and periods else value


def _amount_line(name: str, requirement: Mapping[str, Any]) -> str:
    """ "project leadership experience in the last 8 years: 25 of 36 months needed" (a text progress
    bar), or "...: 60 months (36 needed)" once met: the requirement's own words (RequirementCheck)."""
    window = requirement.get("window_years")
    within = f" in the last {window} years" if window and not requirement.get("met_by") else ""
    return f"{fields.label(name)}{within}: {requirement['words']}"


def fact_lines(verdict: Verdict, profile: Mapping[str, Any], notes: Mapping[str, str]) -> List[str]:
    """One line per fact the verdict used: value, and have/need for amounts (a text progress bar)."""
    cert = load_catalog().certifications[verdict.certification]
    requirements = {
        r["field"]: r
        for r in verdict.to_dict().get("requirements", [])
        if r.get("kind") != RequirementKind.EDUCATION
    }
    lines = []
    for name in fields_used(cert, profile):
        requirement = requirements.get(name)
        kind = fields.kind(name)
        unit = kind.unit if kind else None
        if requirement is not None and unit:
            line = _amount_line(name, requirement)
        else:
            line = describe_value(name, _value(name, profile))
        note = notes.get(name)
        lines.append(f"• {line}" + (f" ({note})" if note else ""))
    return lines


def _next_steps(cert: Certification) -> str:
    return f"Next steps: {cert.next_steps}" if cert.next_steps else f"Next steps: see {cert.issuer}'s site."


def _eligible_lines(verdict: Verdict, cert: Certification) -> Tuple[List[str], List[Tuple[str, str]]]:
    if cert.paths[0].requires:
        how = (
            f"through path {verdict.path} ({verdict.path_label})"
            if len(cert.paths) > 1
            else "(all requirements met)"
        )
        lines = [f"Good news: you're eligible for the {cert.name} {how}{verdict.proviso()}."]
    else:
        # "No prerequisites" would hide e.g. the CSM's mandatory course: the next steps say it.
        lines = [f"You can go for the {cert.name} now: no degree or experience is required."]
    lines.append(_next_steps(cert))
    exam = cert.exam.facts
    lines += [WRITERS["length"](cert, exam), WRITERS["fee"](cert, exam)]
    return lines, [(f"{cert.name} exam details", payload("ask_exam_details", certification=cert.name))]


def _month_name(yyyy_mm: str) -> str:
    year, month = yyyy_mm.split("-")
    return dt.date(int(year), int(month), 1).strftime("%B %Y")


def _not_yet_lines(
    verdict: Verdict, cert: Certification, profile: Profile, today: dt.date
) -> Tuple[List[str], List[Tuple[str, str]]]:
    on_path = f"On the {verdict.path_label} path you" if len(cert.paths) > 1 else "You"
    lines = [f"Not yet for the {cert.name}. {on_path} still need:"]
    lines += [f"• {s}" for s in verdict.describe_shortfalls()]
    if verdict.projected_month:
        lines.append(
            "If you keep working in the role, you'll meet the experience requirement in "
            f"{_month_name(verdict.projected_month)}."
        )
    now = [r.certification for r in recommend(profile, today).apply_now if r.certification != cert.name][:3]
    if now:
        lines.append("Meanwhile you can apply now for: " + ", ".join(now) + ".")
    buttons = [
        (f"Am I eligible for the {n}?", payload("check_eligibility", certification=n)) for n in now[:2]
    ]
    return lines, buttons


def verdict_answer(
    verdict: Verdict, profile: Profile, today: dt.date, notes: Optional[Mapping[str, str]] = None
) -> Answer:
    catalog = load_catalog()
    cert = catalog.certifications[verdict.certification]
    facts = fact_lines(verdict, profile.to_dict(), notes or {})
    if verdict.status == Status.ELIGIBLE:
        body, buttons = _eligible_lines(verdict, cert)
    else:
        body, buttons = _not_yet_lines(verdict, cert, profile, today)
    lines = [BASED_ON, *facts, *body, *(f"Note: {n}" for n in verdict.notes)]
    source = "; ".join(verdict.sources)
    lines.append(f"Rules as of {verdict.rules_as_of} (source: {source}). {CHECK_PMI}")
    buttons = [SOMETHING_WRONG, *buttons][: MAX_BUTTONS - 1] + [
        ("What do you know about me?", "/ask_profile")
    ]
    labels = {name: spec.label for name, spec in catalog.fields.items()}
    return Answer("\n".join(lines), buttons, custom={"eligibility": verdict.to_dict(), "labels": labels})


def recommendation_answer(recs: Recommendations) -> Answer:
    lines = [BASED_ON]
    if recs.apply_now:
        lines.append("You can apply now for (best fit first):")
        lines += [f"{i}. {r.certification}: {r.reason}" for i, r in enumerate(recs.apply_now[:4], 1)]
    if recs.nearest:
        lines.append("Next within reach:")
        lines += [f"• {r.certification}: {r.reason}" for r in recs.nearest]
    lines.append(f"Rules as of {recs.rules_as_of}. {CHECK_PMI}")
    buttons = [
        (
            f"Am I eligible for the {r.certification}?",
            payload("check_eligibility", certification=r.certification),
        )
        for r in (list(recs.apply_now[:1]) + list(recs.nearest[:1]))
    ]
    return Answer("\n".join(lines), buttons, custom={"recommendation": recs.to_dict()})


def correction_choice(profile: Mapping[str, Any], certification: Optional[str]) -> Answer:
    """'Which one should I correct?' with one button per fact the verdict used."""
    cert = load_catalog().certifications.get(certification or "")
    names = fields_used(cert, profile) if cert else [n for n in load_catalog().fields if n in profile]
    if not names:
        return Answer("I don't have any facts about you yet to correct.")
    lines = ["Which one is wrong? Tap it and tell me the right value."]
    lines += [f"• {describe_value(n, _value(n, profile))}" for n in names]
    buttons = [(_capital(fields.label(n)), payload("correct_profile", profile_field=n)) for n in names]
    return Answer("\n".join(lines), buttons[:MAX_BUTTONS])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

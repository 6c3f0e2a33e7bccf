"""Evaluates a profile against the certification rules.

``evaluate`` says eligible / not_eligible / need_info with the path that applies, each
shortfall and the smallest set of questions still to ask; ``recommend`` ranks what a
person can apply for now; ``projected_eligibility`` says when time alone closes the gap.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.certifications.catalog import (
    EDUCATION_RANK,
    Catalog,
    Certification,
    Path_,
    Requirement,
    load_catalog,
)
from bot.certifications.kinds import FieldKind, RequirementKind, Status
from bot.certifications.model import (
    MAX_MONTHS,
    MONTH_FIELDS,
    Profile,
    ProfileError,
    add_months,
    canonical_certification,
    periods_field,
)

# The statuses by their old names (callers and tests import these).
ELIGIBLE = Status.ELIGIBLE
NOT_ELIGIBLE = Status.NOT_ELIGIBLE
NEED_INFO = Status.NEED_INFO

# An education requirement in words (also used by bot.answers).
EDUCATION_NEED_WORDS = {
    "secondary": "a secondary degree (high school, GED or associate's)",
    "four_year": "a four-year degree (bachelor's or higher)",
    "gac": "a bachelor's or postgraduate degree from a GAC-accredited program",
}
# How far up a requirement sits: PMI's levels, then a GAC-accredited degree above them.
_EDUCATION_STEPS = {**EDUCATION_RANK, "gac": EDUCATION_RANK["four_year"] + 1}


@dataclass(frozen=True)
class Shortfall:
    """One requirement of the chosen path that the person is known not to meet."""

    field: str
    """The profile field that falls short: an amount field, ``education``, ``gac_degree`` or
    ``certifications``."""

    have: Any
    """What the person has: months or hours, an education level, ``False`` (no GAC degree) or
    the list of certifications held."""

    need: Any
    """What the rule asks for: months or hours, an education level (``secondary``, ``four_year``,
    ``gac``), ``True``, or the list of certifications that would do."""

    short_by: Optional[float]
    """How many months or hours are missing (``need - have``); None when it is not an amount."""

    label: Optional[str] = None
    """Words for a certification group ("an active agile certification ..."), when the rule names one."""

    def to_dict(self) -> Dict[str, Any]:
        return {
            "field": self.field,
            "have": self.have,
            "need": self.need,
            "short_by": self.short_by,
            "words": self.describe(),
        }

    def describe(self, catalog: Optional[Catalog] = None) -> str:
        """Plain words: "8 more months of project leadership experience"."""
        catalog = catalog or load_catalog()
        label = catalog.label(self.field)
        kind = catalog.kind(self.field)
        if kind == FieldKind.MONTHS and self.short_by is not None:
            return f"{_amount(self.short_by)} more month{_plural(self.short_by)} of {label}"
        if kind == FieldKind.HOURS and self.short_by is not None:
            return f"{_amount(self.short_by)} more hour{_plural(self.short_by)} of {label}"
        if self.field == "education":
            return EDUCATION_NEED_WORDS.get(str(self.need), str(self.need))
        if self.field == "gac_degree":
            return EDUCATION_NEED_WORDS["gac"]
        if self.field == "certifications":
            return self.label or "an active " + " or ".join(self.need)
        return f"{label}: {self.need}"


def _amount(value: float) -> str:
    return f"{value:g}"


def _plural(value: float) -> str:
    return "" if value == 1 else "s"


@dataclass(frozen=True)
class RequirementCheck:
    """One requirement of the chosen path with what the person has (Contract A)."""

    field: str
    """The profile field the requirement reads."""

    kind: RequirementKind
    """What the requirement asks for: education, experience, training or a certification."""

    have: Any
    """The person's value: counted months (inside the window), hours, the education level or the
    certifications held; None when not known yet."""

    need: Any
    """The rule's threshold: months, hours, an education level, or the certifications that do."""

    met: bool
    """Whether the requirement is met, by the amount or by ``met_by``."""

    window_years: Optional[int] = None
    """The look-back window of an experience requirement, in years (None: all experience counts)."""

    met_by: Optional[str] = None
    """What met it instead of the amount: a certification held ("CAPM") or "GAC degree coursework"."""

    verify: Optional[str] = None
    """Why what met it may not count, said as "verify: ..." ("may not count from Q4 2026"): met,
    but to be checked before relying on it; None when there is no doubt."""

    @property
    def words(self) -> str:
        """What it needs and what the person has, in the words every channel shows after the
        label: "60 months (36 needed)", "25 of 36 months needed", "met by your CAPM (instead of
        35 hours)", "met by your Google PM Certificate (instead of 35 hours; verify: may not count
        from Q4 2026)", "a four-year degree (bachelor's or higher)", "an active PMP or CSM"."""
        unit = {RequirementKind.EXPERIENCE: "months", RequirementKind.TRAINING: "hours"}.get(self.kind)
        if unit and self.met_by:
            flag = f"; verify: {self.verify}" if self.verify else ""
            return f"met by your {self.met_by} (instead of {self.need:g} {unit}{flag})"
        if unit:
            have = float(self.have or 0)
            return (
                f"{have:g} {unit} ({self.need:g} needed)"
                if self.met
                else f"{have:g} of {self.need:g} {unit} needed"
            )
        if self.kind == RequirementKind.EDUCATION:
            return EDUCATION_NEED_WORDS.get(str(self.need), str(self.need))
        if isinstance(self.need, (list, tuple)):
            return "an active " + " or ".join(map(str, self.need))
        return str(self.need)

    def to_dict(self) -> Dict[str, Any]:
        out = {"field": self.field, "kind": self.kind, "have": self.have, "need": self.need, "met": self.met}
        out["words"] = self.words
        if self.window_years:
            out["window_years"] = self.window_years
        if self.met_by:
            out["met_by"] = self.met_by
        if self.verify:
            out["verify"] = self.verify
        return out


@dataclass
class _PathResult:
    path: Path_
    index: int
    met: bool = True
    shortfalls: List[Shortfall] = field(default_factory=list)
    missing: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    checks: List[RequirementCheck] = field(default_factory=list)

    @property
    def status(self) -> Status:
        if self.shortfalls:
            return Status.NOT_ELIGIBLE
        if self.missing:
            return Status.NEED_INFO
        return Status.ELIGIBLE


@dataclass(frozen=True)
class Verdict:
    """Whether a profile meets one certification's rules, through which path, and what is
    still short or unknown (Contract A: ``to_dict`` is the payload the channels show)."""

    certification: str
    """The certification's canonical name ("PMP")."""

    status: Status
    """Eligible, not eligible, or not known yet (need_info)."""

    path: Optional[str]
    """The id of the path that applies: one that is met, else the one with the fewest questions
    left, else the one closest to being met."""

    path_label: Optional[str]
    """The path in words ("four-year degree")."""

    grade: Optional[str]
    """How sure the path's rule is: A (PMI document), B (pmi.org page or sources agreeing) or C
    (one third-party source, or sources that conflict)."""

    effective: Optional[str]
    """The date the path's rule applies from."""

    shortfalls: Tuple[Shortfall, ...]
    """What the person is known to lack on that path (empty unless not eligible)."""

    missing_info: Tuple[str, ...]
    """The profile fields still needed to decide, in the order the interview asks them."""

    notes: Tuple[str, ...]
    """Sentences to show beside the verdict: what met a requirement instead, the path's and the
    certification's notes, the look-back window, and "verify it" for a grade C rule."""

    sources: Tuple[str, ...]
    """The path's sources, cited as "title (date)"."""

    rules_as_of: str
    """The date of the rules data file."""

    projected_month: Optional[str] = None
    """The month ("YYYY-MM") the person becomes eligible by time alone, if they keep working in
    the role; None when time alone is not enough."""

    requirements: Tuple[RequirementCheck, ...] = ()
    """Every requirement of the path, with what the person has."""

    def to_dict(self) -> Dict[str, Any]:
        return {
            "certification": self.certification,
            "status": self.status,
            "status_words": Status(self.status).words,
            "path": self.path,
            "path_label": self.path_label,
            "grade": self.grade,
            "effective": self.effective,
            "shortfalls": [s.to_dict() for s in self.shortfalls],
            "missing_info": list(self.missing_info),
            "notes": list(self.notes),
            "sources": list(self.sources),
            "rules_as_of": self.rules_as_of,
            "projected_month": self.projected_month,
            "requirements": [r.to_dict() for r in self.requirements],
        }

    def describe_shortfalls(self) -> List[str]:
        return [s.describe() for s in self.shortfalls]

    def proviso(self) -> str:
        """What an "eligible" still rests on, for the sentence that says it: ", if your Google PM
        Certificate still counts (verify: may not count from Q4 2026)"; empty when nothing does."""
        return "".join(
            f", if your {r.met_by} still counts (verify: {r.verify})" for r in self.requirements if r.verify
        )


def _held(profile: Profile) -> Optional[Tuple[str, ...]]:
    return profile.certifications


def _waivers(requirement: Requirement, catalog: Catalog) -> Tuple[str, ...]:
    """Certifications that meet this requirement when held."""
    if requirement.kind != RequirementKind.TRAINING:
        return requirement.waived_by
    return requirement.waived_by + catalog.training_satisfiers.get(requirement.field, ())


def _check(
    result: _PathResult,
    req: Requirement,
    have: Any,
    met: bool,
    met_by: Optional[str] = None,
    verify: Optional[str] = None,
) -> None:
    result.checks.append(
        RequirementCheck(req.field, req.kind, have, req.need, met, req.window_years, met_by, verify)
    )


def _check_education(req: Requirement, profile: Profile, result: _PathResult) -> None:
    level = profile.effective_education()
    before = (len(result.shortfalls), len(result.missing))
    if req.need == "gac":
        if level is None:
            result.missing += ["education", "gac_degree"]
        elif EDUCATION_RANK[level] < EDUCATION_RANK["four_year"]:
            result.shortfalls.append(Shortfall("education", profile.education, "gac", None))
        elif profile.gac_degree is None:
            result.missing.append("gac_degree")
        elif not profile.gac_degree:
            result.shortfalls.append(Shortfall("gac_degree", False, True, None))
    elif level is None:
        result.missing.append("education")
    elif EDUCATION_RANK[level] < EDUCATION_RANK[req.need]:
        result.shortfalls.append(Shortfall("education", profile.education, req.need, None))
    _check(result, req, profile.education, before == (len(result.shortfalls), len(result.missing)))


GAC_COURSEWORK = "GAC degree coursework"


@dataclass(frozen=True)
class _Waiver:
    """Something the person holds that meets a requirement instead of the amount."""

    met_by: str
    note: str
    verify: Optional[str] = None  # the requirement's flag when a course certificate meets it


def _waived(req: Requirement, profile: Profile, catalog: Catalog) -> Optional[_Waiver]:
    """What meets this requirement instead of the amount (with the note to show), else None."""
    if req.gac_coursework and profile.gac_degree and profile.effective_education() == "four_year":
        label = catalog.fields[req.field].label
        note = f"Your GAC-accredited degree's coursework meets the {label} requirement."
        return _Waiver(GAC_COURSEWORK, note)
    held = _held(profile) or ()
    used = [w for w in _waivers(req, catalog) if w in held]
    if not used:
        return None
    cert = catalog.certifications.get(used[0])
    if cert is not None and cert.satisfies_training == req.field and cert.satisfies_training_note:
        return _Waiver(used[0], cert.satisfies_training_note, req.satisfier_verify)
    return _Waiver(used[0], f"Your {used[0]} meets the {catalog.fields[req.field].label} requirement.")


def _check_amount(
    req: Requirement, profile: Profile, result: _PathResult, catalog: Catalog, today: dt.date
) -> None:
    have = (
        profile.experience_months(req.field, req.window_years, today)
        if req.kind == RequirementKind.EXPERIENCE
        else getattr(profile, req.field)
    )
    enough = have is not None and have >= req.need
    waiver = None if enough else _waived(req, profile, catalog)
    if waiver:
        result.notes.append(waiver.note)
        _check(result, req, have, True, waiver.met_by, waiver.verify)
        return
    _check(result, req, have, have is not None and have >= req.need)
    if have is None:
        result.missing.append(req.field)
    elif have >= req.need:
        return
    elif _waivers(req, catalog) and _held(profile) is None:
        # Short on the number, but a certification they may hold would meet it.
        result.missing.append("certifications")
    else:
        short_by = req.need - have
        short_by = int(short_by) if float(short_by).is_integer() else round(short_by, 2)
        result.shortfalls.append(Shortfall(req.field, have, req.need, short_by))


def _check_certification(req: Requirement, profile: Profile, result: _PathResult, catalog: Catalog) -> None:
    held = _held(profile)
    met = held is not None and any(c in held for c in req.need)
    _check(result, req, None if held is None else list(held), met)
    label = catalog.certification_groups[req.group].label if req.group else None
    if held is None:
        result.missing.append("certifications")
    elif not met:
        result.shortfalls.append(Shortfall("certifications", list(held), list(req.need), None, label))


def _evaluate_path(
    path: Path_, index: int, profile: Profile, catalog: Catalog, today: dt.date
) -> _PathResult:
    result = _PathResult(path=path, index=index)
    for req in path.requires:
        if req.kind == RequirementKind.EDUCATION:
            _check_education(req, profile, result)
        elif req.kind in (RequirementKind.EXPERIENCE, RequirementKind.TRAINING):
            _check_amount(req, profile, result, catalog, today)
        elif req.kind == RequirementKind.CERTIFICATION:
            _check_certification(req, profile, result, catalog)
    return result


def _ordered(fields_: Sequence[str], catalog: Catalog) -> Tuple[str, ...]:
    order = {name: i for i, name in enumerate(catalog.fields)}
    return tuple(sorted(set(fields_), key=lambda f: order.get(f, len(order))))


def _choose(results: List[_PathResult]) -> _PathResult:
    """The path that applies: eligible first, then the fewest questions, then the smallest gap."""

    def education_of(r: _PathResult) -> int:
        """How high the path's education requirement is, when the person is known to meet it."""
        if "education" in r.missing or "gac_degree" in r.missing:
            return 0
        needs = [q.need for q in r.path.requires if q.kind == RequirementKind.EDUCATION]
        return _EDUCATION_STEPS.get(str(needs[0]), 0) if needs else 0

    eligible = [r for r in results if r.status == Status.ELIGIBLE]
    if eligible:
        # The path that matches the person's education best (a bachelor sees "four-year degree").
        return min(eligible, key=lambda r: (-education_of(r), r.index))
    need_info = [r for r in results if r.status == Status.NEED_INFO]
    if need_info:
        # A bachelor is asked about the four-year path's amounts, not the secondary path's.
        return min(need_info, key=lambda r: (len(set(r.missing)), -education_of(r), r.index))

    def gap(r: _PathResult) -> Tuple[int, int, int, int, float, int]:
        education_fails = sum(1 for s in r.shortfalls if s.short_by is None)
        # A missing degree is reported against the lowest level that would do.
        education_needed = sum(
            _EDUCATION_STEPS.get(str(s.need), 0) for s in r.shortfalls if s.field == "education"
        )
        numeric = sum(float(s.short_by or 0) for s in r.shortfalls)
        # On a tie, the later path: paths are listed from the most to the least demanding.
        # A path that still depends on unknowns (e.g. an unconfirmed GAC degree) comes after one that doesn't.
        return (education_fails, education_needed, len(r.shortfalls), len(set(r.missing)), numeric, -r.index)

    return min(results, key=gap)


def _resolve(certification: str, catalog: Catalog) -> Certification:
    name = canonical_certification(certification)
    if name not in catalog.certifications:
        raise ProfileError(
            f"{name} is a certification I know of, but I don't have its rules. "
            f"I can check: {', '.join(catalog.certifications)}."
        )
    return catalog.certifications[name]


def _window_note(path: Path_) -> Optional[str]:
    windows = sorted({r.window_years for r in path.requires if r.window_years})
    if not windows:
        return None
    more = " (15 for some requirements)" if len(windows) > 1 else ""
    return f"Only experience from the last {windows[0]} years counts{more}."


def _chosen(profile: Profile, cert: Certification, catalog: Catalog, today: dt.date) -> _PathResult:
    return _choose([_evaluate_path(p, i, profile, catalog, today) for i, p in enumerate(cert.paths)])


def evaluate(profile: Profile, certification: str, today: Optional[dt.date] = None) -> Verdict:
    """The verdict for one certification (given by name or alias), as of ``today``."""
    catalog = load_catalog()
    cert = _resolve(certification, catalog)
    today = today or dt.date.today()
    chosen = _chosen(profile, cert, catalog, today)
    path = chosen.path
    notes: List[str] = list(chosen.notes) + list(path.notes) + list(cert.notes)
    window = _window_note(path)
    if window:
        notes.append(window)
    if path.grade == "C":
        notes.append("This rule comes from a single or conflicting source: verify it before you apply.")
    verdict = Verdict(
        certification=cert.name,
        status=chosen.status,
        path=path.id,
        path_label=path.label,
        grade=path.grade,
        effective=path.effective,
        shortfalls=tuple(chosen.shortfalls),
        missing_info=_ordered(chosen.missing, catalog),
        notes=tuple(dict.fromkeys(notes)),
        sources=(catalog.sources[path.source].cite(),),
        rules_as_of=catalog.rules_as_of,
        requirements=tuple(chosen.checks),
    )
    projected = _projection(verdict, profile, cert, catalog, today)
    if projected:
        verdict = replace(verdict, projected_month=projected.strftime("%Y-%m"))
    return verdict


def _grown(profile: Profile, months: int) -> Profile:
    """The profile ``months`` later for someone who keeps working: every known months field
    grows; dated periods grow only where they are ongoing (that happens in the engine)."""
    grown = {
        f: getattr(profile, f) + months
        for f in MONTH_FIELDS
        if getattr(profile, f) is not None and getattr(profile, periods_field(f)) is None
    }
    return replace(profile, **grown)


def _can_grow(profile: Profile, field_name: str) -> bool:
    periods = getattr(profile, periods_field(field_name))
    return periods is None or any(p.end is None for p in periods)


def _projection(
    verdict: Verdict, profile: Profile, cert: Certification, catalog: Catalog, today: dt.date
) -> Optional[dt.date]:
    """The first month the person is eligible by time alone, exactly: months inside a window
    roll out while ongoing periods and months fields grow. None when time alone is not enough."""
    if verdict.status != Status.NOT_ELIGIBLE or verdict.missing_info:
        return None
    if any(catalog.kind(s.field) != FieldKind.MONTHS for s in verdict.shortfalls):
        return None
    if not all(_can_grow(profile, s.field) for s in verdict.shortfalls):
        return None  # closed periods only lose months as time passes
    # Experience grows by at most one month a month, so no month before this one can do.
    first = max(math.ceil(float(s.short_by or 0)) for s in verdict.shortfalls)
    longest = max((r.window_years or 0 for p in cert.paths for r in p.requires), default=0)
    for months in range(first, min(first + longest * 12 + 2, MAX_MONTHS + 1)):
        later = add_months(today, months)
        if _chosen(_grown(profile, months), cert, catalog, later).status == Status.ELIGIBLE:
            return dt.date(later.year, later.month, 1)
    return None


def projected_eligibility(
    profile: Profile, certification: str, today: Optional[dt.date] = None
) -> Optional[dt.date]:
    """First day of the month the person meets the rules if experience is the only gap
    and they keep working in the role; ``None`` otherwise."""
    month = evaluate(profile, certification, today).projected_month
    return dt.date.fromisoformat(f"{month}-01") if month else None


@dataclass(frozen=True)
class Recommendation:
    """One certification in a recommendation: to apply for now, or within reach."""

    certification: str
    """The certification's canonical name."""

    status: Status
    """Its verdict's status: eligible (apply now), not eligible or need_info (within reach)."""

    reason: str
    """Why, in words: its summary, then how the person qualifies or what is still needed."""

    verdict: Verdict
    """The full verdict it was ranked from."""

    def to_dict(self) -> Dict[str, Any]:
        return {
            "certification": self.certification,
            "status": self.status,
            "reason": self.reason,
            "path": self.verdict.path,
            "shortfalls": [s.to_dict() for s in self.verdict.shortfalls],
            "missing_info": list(self.verdict.missing_info),
            "projected_month": self.verdict.projected_month,
        }


@dataclass(frozen=True)
class Recommendations:
    apply_now: Tuple[Recommendation, ...]
    nearest: Tuple[Recommendation, ...]
    rules_as_of: str

    def to_dict(self) -> Dict[str, Any]:
        return {
            "rules_as_of": self.rules_as_of,
            "apply_now": [r.to_dict() for r in self.apply_now],
            "nearest": [r.to_dict() for r in self.nearest],
        }


def _unknown_needs(verdict: Verdict, catalog: Catalog, said: str = "not known yet") -> str:
    """ "program management experience (not known yet; this path needs 48 months within the last 15 years)";
    ``said`` replaces "not known yet" (empty: left out)."""
    parts = []
    for name in verdict.missing_info:
        need = next((r for r in verdict.requirements if r.field == name), None)
        amount = ""
        kind = catalog.kind(name)
        unit = kind.unit if kind else None
        if need is not None and unit:
            window = f" within the last {need.window_years} years" if need.window_years else ""
            amount = f"this path needs {need.need} {unit}{window}"
        words = "; ".join(w for w in (said, amount) if w)
        parts.append(catalog.label(name) + (f" ({words})" if words else ""))
    return "; ".join(parts)


def _nearest(
    cert: Certification, verdict: Verdict, catalog: Catalog
) -> Tuple[Tuple[float, ...], Recommendation]:
    """A certification not reached yet, with every gap named, including the ones not asked yet.
    One with no known gap (need_info) says what is not known yet and ranks after every known gap."""
    gaps = verdict.describe_shortfalls()
    unknown = _unknown_needs(verdict, catalog)
    if unknown:
        gaps.append(unknown)
    education_gaps = sum(1 for s in verdict.shortfalls if s.short_by is None)
    total = sum(float(s.short_by or 0) for s in verdict.shortfalls)
    when = f" (about {verdict.projected_month} if you keep going)" if verdict.projected_month else ""
    if verdict.status == Status.NEED_INFO:
        reason = f"{cert.summary} You may qualify now; not known yet: {_unknown_needs(verdict, catalog, '')}."
    else:
        reason = f"{cert.summary} Still needed: {'; '.join(gaps)}{when}."
    # Unknown requirements rank after known gaps: "within reach" must not hide them.
    unsure = 1.0 if verdict.status == Status.NEED_INFO else 0.0
    key = (unsure, float(education_gaps), float(len(verdict.missing_info)), total, -float(cert.stage))
    return key, Recommendation(cert.name, verdict.status, reason, verdict)


def window_years(certification: Optional[str], field_name: str) -> Optional[int]:
    """The look-back window in years for experience ``field_name`` under a certification
    (name or alias), or None when the certification has no window for it (or none is given).
    ``Catalog.window_years`` with the loaded catalog."""
    return load_catalog().window_years(certification, field_name)


def recommend(profile: Profile, today: Optional[dt.date] = None, nearest_count: int = 3) -> Recommendations:
    """What to apply for now, best fit first, and the nearest ones not reached yet."""
    catalog = load_catalog()
    held = set(profile.certifications or ())
    day = today or dt.date.today()
    # Months or dated periods (all of them: this only says which areas the person works in).
    months_fields = catalog.fields_of_kind(FieldKind.MONTHS)
    experiences = {f: profile.experience_months(f, None, day) for f in months_fields}
    known = {f: v for f, v in experiences.items() if v}
    strongest = max(known, key=lambda f: known[f]) if known else None
    apply_now: List[Tuple[float, Recommendation]] = []
    nearest: List[Tuple[Tuple[float, ...], Recommendation]] = []
    for cert in catalog.certifications.values():
        if cert.name in held or held & set(cert.superseded_by):
            continue  # held, or below a credential held (a PMP holder is not told to take the CAPM)
        verdict = evaluate(profile, cert.name, today)
        main = cert.first_field(RequirementKind.EXPERIENCE)
        if verdict.status == Status.ELIGIBLE:
            # Later career stage first; your strongest experience area next; PMI before others.
            score = cert.stage * 10.0 + (4 if main and main == strongest else 0)
            score += 1 if cert.is_pmi else 0
            score -= 3 if cert.specialist else 0
            how = (
                "no prerequisites"
                if verdict.path == "-" and not cert.paths[0].requires
                else verdict.path_label
            )
            reason = f"{cert.summary} You qualify now ({how}){verdict.proviso()}."
            apply_now.append((score, Recommendation(cert.name, Status.ELIGIBLE, reason, verdict)))
        elif not (cert.specialist and main and not known.get(main)):
            nearest.append(_nearest(cert, verdict, catalog))
    apply_now.sort(key=lambda item: -item[0])
    nearest.sort(key=lambda item: item[0])
    return Recommendations(
        apply_now=tuple(r for _, r in apply_now),
        nearest=tuple(r for _, r in nearest[:nearest_count]),
        rules_as_of=catalog.rules_as_of,
    )

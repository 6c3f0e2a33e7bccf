"""The person's profile: validated values only; ``None`` means "not known yet".

Every invalid value raises ``ProfileError`` with a message that can be shown to the person
as it is.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Dict, List, Mapping, Optional, Tuple

from bot.certifications.catalog import load_catalog
from bot.certifications.kinds import FieldKind
from bot.certifications.periods import Period, PeriodError, months_in_window, parse_periods
from bot.errors import AssistantError
from bot.nlp.vocabulary import vocabulary

MAX_MONTHS = 600  # 50 years: anything above is a typo, not a career
MAX_HOURS = 10_000
EDUCATION_VALUES = ("none", "secondary", "associate", "bachelor", "master", "doctorate")
MONTH_FIELDS = load_catalog().fields_of_kind(FieldKind.MONTHS)
HOUR_FIELDS = load_catalog().fields_of_kind(FieldKind.HOURS)


def periods_field(months_field: str) -> str:
    """``pm_experience_months`` -> ``pm_experience_periods`` (Contract A)."""
    return months_field[: -len("_months")] + "_periods"


PERIOD_FIELDS = {periods_field(f): f for f in MONTH_FIELDS}


class ProfileError(AssistantError, ValueError):
    """A value the assistant cannot accept; ``str(error)`` is a friendly explanation."""

    def __init__(self, message: str, field: Optional[str] = None) -> None:
        super().__init__(message)
        self.field = field


Periods = Optional[Tuple[Period, ...]]


@dataclass(frozen=True)
class Profile:
    """What the person has told us: every value canonical, ``None`` for "not known yet".
    ``from_dict`` and ``with_value`` validate (and raise ``ProfileError``); the constructor does not."""

    education: Optional[str] = None
    """The highest level of education: one of ``EDUCATION_VALUES`` (none ... doctorate)."""

    gac_degree: Optional[bool] = None
    """Whether the degree is from a program accredited by PMI's Global Accreditation Center."""

    pm_experience_months: Optional[float] = None
    """Months of leading and directing projects (project leadership experience)."""

    agile_experience_months: Optional[float] = None
    """Months of agile project experience."""

    program_experience_months: Optional[float] = None
    """Months of program management experience."""

    portfolio_experience_months: Optional[float] = None
    """Months of portfolio management experience."""

    business_experience_months: Optional[float] = None
    """Months of professional business experience."""

    risk_experience_months: Optional[float] = None
    """Months of project risk management experience."""

    scheduling_experience_months: Optional[float] = None
    """Months of project scheduling experience."""

    ba_experience_months: Optional[float] = None
    """Months of business analysis experience."""

    pm_education_hours: Optional[float] = None
    """Contact hours of project management education."""

    agile_training_hours: Optional[float] = None
    """Contact hours of agile training."""

    risk_education_hours: Optional[float] = None
    """Contact hours of risk management education."""

    scheduling_education_hours: Optional[float] = None
    """Contact hours of project scheduling education."""

    ba_education_hours: Optional[float] = None
    """Contact hours of business analysis education."""

    certifications: Optional[Tuple[str, ...]] = None
    """The active certifications held, by canonical name (empty: none)."""

    # Dated experience: when given, it replaces the months field of the same name, and a
    # look-back window counts only the months inside it.
    pm_experience_periods: Periods = None
    """Dated periods of project leadership experience (replace ``pm_experience_months``)."""

    agile_experience_periods: Periods = None
    """Dated periods of agile project experience (replace ``agile_experience_months``)."""

    program_experience_periods: Periods = None
    """Dated periods of program management experience (replace ``program_experience_months``)."""

    portfolio_experience_periods: Periods = None
    """Dated periods of portfolio management experience (replace ``portfolio_experience_months``)."""

    business_experience_periods: Periods = None
    """Dated periods of professional business experience (replace ``business_experience_months``)."""

    risk_experience_periods: Periods = None
    """Dated periods of project risk management experience (replace ``risk_experience_months``)."""

    scheduling_experience_periods: Periods = None
    """Dated periods of project scheduling experience (replace ``scheduling_experience_months``)."""

    ba_experience_periods: Periods = None
    """Dated periods of business analysis experience (replace ``ba_experience_months``)."""

    @classmethod
    def field_names(cls) -> Tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], today: Optional[dt.date] = None) -> Profile:
        """Validates a mapping (e.g. parsed JSON); unknown keys are an error."""
        if not isinstance(data, Mapping):
            raise ProfileError("A profile must be a JSON object of field names and values.")
        known = set(cls.field_names())
        unknown = sorted(str(k) for k in data if k not in known)
        if unknown:
            raise ProfileError(
                f"Unknown profile field(s): {', '.join(unknown)}. "
                f"Known fields: {', '.join(cls.field_names())}."
            )
        return cls(**{k: validate_field(k, v, today) for k, v in data.items()})

    def with_value(self, name: str, value: Any, today: Optional[dt.date] = None) -> Profile:
        return replace(self, **{name: validate_field(name, value, today)})

    def to_dict(self, include_unknown: bool = False) -> Dict[str, Any]:
        out = asdict(self)
        if out["certifications"] is not None:
            out["certifications"] = list(out["certifications"])
        for name in PERIOD_FIELDS:
            periods = getattr(self, name)
            out[name] = None if periods is None else [p.to_dict() for p in periods]
        return {k: v for k, v in out.items() if include_unknown or v is not None}

    def effective_education(self) -> Optional[str]:
        """The level PMI rules see: ``none``, ``secondary`` or ``four_year``."""
        if self.education is None:
            return None
        return load_catalog().education_levels[self.education]

    def experience_months(
        self, field_name: str, window_years: Optional[int], today: dt.date
    ) -> Optional[float]:
        """Months of experience counted for a rule: from the periods (merged, inside the
        window, as of ``today``) when given, else the months field (taken as inside the window)."""
        periods = getattr(self, periods_field(field_name))
        if periods is not None:
            return months_in_window(periods, window_years, today)
        value: Optional[float] = getattr(self, field_name)
        return value


def _number(name: str, value: Any, maximum: float, unit: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                raise ProfileError(f"{name} must be a number of {unit}, not {value!r}.", name) from None
        else:
            raise ProfileError(f"{name} must be a number of {unit}.", name)
    if math.isnan(value) or math.isinf(value):
        raise ProfileError(f"{name} must be a real number of {unit}.", name)
    if value < 0:
        raise ProfileError(f"{name} cannot be negative.", name)
    if value > maximum:
        raise ProfileError(
            f"{name} of {value:g} {unit} is more than the {maximum:g} {unit} "
            "the assistant accepts; please check the number.",
            name,
        )
    return int(value) if float(value).is_integer() else float(value)


def canonical_certification(name: Any) -> str:
    """The canonical name of a certification given by name or alias."""
    if not isinstance(name, str) or not name.strip():
        raise ProfileError("Certification names must be non-empty text.", "certifications")
    found = load_catalog().canonical_certification(name)
    if found is None:
        known = ", ".join(load_catalog().all_certification_names())
        raise ProfileError(
            f"I don't know the certification {name.strip()[:60]!r}. Known: {known}.",
            "certifications",
        )
    return found


def education_alias(text: str) -> Optional[str]:
    """The highest education level named anywhere in ``text`` ("an MBA" -> "master"), or None."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = " ".join(text.lower().split())
    named = [
        level
        for level, aliases in vocabulary()["education"].items()
        for alias in aliases
        if re.search(r"(?<![\w'])" + re.escape(alias.lower()) + r"(?![\w'])", text)
    ]
    held = [level for level in named if level != "none"]
    if held:
        return str(max(held, key=EDUCATION_VALUES.index))
    return "none" if named else None


def _education(value: Any) -> str:
    if not isinstance(value, str):
        raise ProfileError("education must be text such as 'bachelor'.", "education")
    key = value.strip().lower()
    if key in EDUCATION_VALUES:
        return key
    parsed = education_alias(key)
    if parsed is None:
        raise ProfileError(
            f"I don't know the education level {value.strip()[:60]!r}. "
            f"Use one of: {', '.join(EDUCATION_VALUES)}.",
            "education",
        )
    return parsed


def _certifications(value: Any) -> Tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise ProfileError("certifications must be a list of certification names.", "certifications")
    canonical: List[str] = []
    for item in value:
        cert = canonical_certification(item)
        if cert not in canonical:
            canonical.append(cert)
    return tuple(canonical)


def _periods(name: str, value: Any, today: Optional[dt.date]) -> Tuple[Period, ...]:
    try:
        return parse_periods(value, today or dt.date.today())
    except PeriodError as error:
        label = load_catalog().fields[PERIOD_FIELDS[name]].label
        raise ProfileError(f"{error} (in your {label})", name) from None


def validate_field(name: str, value: Any, today: Optional[dt.date] = None) -> Any:
    """Returns the canonical form of one profile value or raises ``ProfileError``."""
    if value is None:
        return None
    if name == "education":
        return _education(value)
    if name == "gac_degree":
        if isinstance(value, bool):
            return value
        raise ProfileError("gac_degree must be true or false.", name)
    if name in MONTH_FIELDS:
        return _number(name, value, MAX_MONTHS, "months")
    if name in HOUR_FIELDS:
        return _number(name, value, MAX_HOURS, "hours")
    if name in PERIOD_FIELDS:
        return _periods(name, value, today)
    if name == "certifications":
        return _certifications(value)
    raise ProfileError(f"Unknown profile field: {name}.", name)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (clamped to the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

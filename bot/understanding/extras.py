"""Other facts in the same message ("bachelor's, 5 years leading projects, 35 hours").

Only facts whose topic is clear are kept, keyed by profile field name.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Dict, Tuple

from bot.certifications.kinds import FieldKind
from bot.understanding.certifications import held_not_relied_on
from bot.understanding.durations import duration_months, planned
from bot.understanding.education import LEVELS, read_education
from bot.understanding.flag import read_flag
from bot.understanding.numbers import quantities
from bot.understanding.results import Understood
from bot.understanding.text import clauses
from bot.understanding.words import compiled, words


def _education(cleaned: str) -> Any:
    result = read_education(cleaned)
    if isinstance(result, Understood) and result.value in LEVELS and result.value != "none":
        return result.value
    return None


def _gac(cleaned: str) -> Any:
    if not compiled("gac_words").search(cleaned):
        return None
    result = read_flag(cleaned)
    return result.value if isinstance(result, Understood) and result.note is None else None


def _certifications(cleaned: str) -> Any:
    return held_not_relied_on(cleaned) or None


def _topic_amount(cleaned: str, field: str, units: Tuple[str, ...]) -> Any:
    topic = re.compile(words()["topic"][field])
    for start, end in clauses(cleaned):
        clause = cleaned[start:end]
        if planned(clause) or not topic.search(clause):
            continue
        found = [q for q in quantities(clause) if q.unit in units]
        if found and field.endswith("_hours"):
            return float(found[0].amount)
        months = duration_months(found)
        if months is not None:
            return math.floor(months + 1e-9)
    return None


def _pm_months(cleaned: str) -> Any:
    return _topic_amount(cleaned, "pm_experience_months", ("years", "months"))


def _pm_hours(cleaned: str) -> Any:
    return _topic_amount(cleaned, "pm_education_hours", ("hours",))


# field -> (the kind whose own answer it would be, how to read it)
_READERS: Dict[str, Tuple[FieldKind, Callable[[str], Any]]] = {
    "education": (FieldKind.EDUCATION, _education),
    "gac_degree": (FieldKind.FLAG, _gac),
    "certifications": (FieldKind.CERTIFICATIONS, _certifications),
    "pm_experience_months": (FieldKind.MONTHS, _pm_months),
    "pm_education_hours": (FieldKind.HOURS, _pm_hours),
}


def extras(kind: FieldKind, cleaned: str) -> Dict[str, Any]:
    """Facts for the other fields, leaving out the asked kind."""
    out: Dict[str, Any] = {}
    for field, (own_kind, reader) in _READERS.items():
        if own_kind == kind:
            continue
        value = reader(cleaned)
        if value is not None:
            out[field] = value
    return out

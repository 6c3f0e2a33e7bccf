"""What we know about the person: the ``Profile`` model and its validation, re-exported from
``bot.certifications.model``. Free text becomes values in ``bot.understanding``."""

from bot.certifications.model import (
    EDUCATION_VALUES,
    HOUR_FIELDS,
    MAX_HOURS,
    MAX_MONTHS,
    MONTH_FIELDS,
    PERIOD_FIELDS,
    Profile,
    ProfileError,
    add_months,
    canonical_certification,
    education_alias,
    periods_field,
    validate_field,
)

__all__ = [
    "EDUCATION_VALUES",
    "HOUR_FIELDS",
    "MAX_HOURS",
    "MAX_MONTHS",
    "MONTH_FIELDS",
    "PERIOD_FIELDS",
    "Profile",
    "ProfileError",
    "add_months",
    "canonical_certification",
    "education_alias",
    "periods_field",
    "validate_field",
]

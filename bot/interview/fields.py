"""The profile fields as the interview sees them: shorthands over ``Catalog.fields``, the one
home of a field's label, kind, question and topic words."""

from __future__ import annotations

import re
from typing import Optional

from bot.certifications import FieldKind, load_catalog
from bot.profile import Profile


def label(name: str) -> str:
    return load_catalog().label(name)


def kind(name: Optional[str]) -> Optional[FieldKind]:
    return load_catalog().kind(name)


def topic_field(text: str, wanted_kind: FieldKind, certification: Optional[str] = None) -> Optional[str]:
    """The field a stretch of text is about ("3 years of agile" -> agile_experience_months);
    with a certification, only the fields it asks about ("a 16 hour scheduling workshop" is
    project management education for the PMP, scheduling education for the PMI-SP)."""
    catalog = load_catalog()
    used = catalog.fields_used(certification)
    for pattern, name in catalog.field_topics(wanted_kind):
        if (used is None or name in used) and re.search(pattern, text):
            return name
    return None


def periods_field(months_field: str) -> Optional[str]:
    """``pm_experience_months`` -> ``pm_experience_periods`` when the profile has it."""
    name = months_field[: -len("_months")] + "_periods" if months_field.endswith("_months") else ""
    return name if name in Profile.field_names() else None

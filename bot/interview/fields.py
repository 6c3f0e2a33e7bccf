"""The profile fields as the interview sees them, all read from the certification catalog:
label, kind, question, topic words and the look-back window that applies."""

from __future__ import annotations

import re
from typing import Dict, Optional

from bot.certifications import load_catalog
from bot.profile import Profile


def label(name: str) -> str:
    return load_catalog().field_labels.get(name, name)


def kind(name: Optional[str]) -> Optional[str]:
    return load_catalog().field_kinds.get(name or "")


def question(name: str) -> Dict[str, str]:
    return dict(load_catalog().field_questions[name])


def topic_field(text: str, wanted_kind: str) -> Optional[str]:
    """The field a stretch of text is about ("3 years of agile" -> agile_experience_months)."""
    for pattern, name in load_catalog().field_topics(wanted_kind):
        if re.search(pattern, text):
            return name
    return None


def periods_field(months_field: str) -> Optional[str]:
    """``pm_experience_months`` -> ``pm_experience_periods`` when the profile has it."""
    name = months_field[: -len("_months")] + "_periods" if months_field.endswith("_months") else ""
    return name if name in Profile.field_names() else None


def window_years(name: str, certification: Optional[str]) -> Optional[int]:
    """The look-back window for an experience field in a certification's rules."""
    return load_catalog().window_years(certification, name) if certification else None

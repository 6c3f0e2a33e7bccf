"""The kinds and statuses the rules, the engine and the interview name, as ``str`` Enums.

Each member equals its string ("months" == FieldKind.MONTHS) and ``json.dumps`` writes it
as that string, so the payloads (Contract A) and the slots are unchanged; ``str()`` and
f-strings give the value too. This module imports nothing from ``bot``.
"""

from __future__ import annotations

from enum import Enum
from typing import Optional


class FieldKind(str, Enum):
    """What a profile field holds (``kind:`` of a field in certifications.yml)."""

    EDUCATION = "education"
    """The highest level of education, e.g. ``bachelor``."""
    FLAG = "flag"
    """Yes or no, e.g. a degree from a GAC-accredited program."""
    CERTIFICATIONS = "certifications"
    """The certifications held, by canonical name."""
    MONTHS = "months"
    """Months of experience, or dated periods of it."""
    HOURS = "hours"
    """Contact hours of training."""

    def __str__(self) -> str:
        return str(self.value)

    @property
    def unit(self) -> Optional[str]:
        """The unit an amount of this kind is counted in ("months", "hours"); None when it is
        not an amount."""
        return self.value if self in (FieldKind.MONTHS, FieldKind.HOURS) else None


class RequirementKind(str, Enum):
    """What one condition of a path asks for (the key of a ``requires:`` item)."""

    EDUCATION = "education"
    """A level of education (``education: four_year``)."""
    EXPERIENCE = "experience"
    """Months of experience, maybe inside a look-back window (``experience: <field>``)."""
    TRAINING = "training"
    """Contact hours of training (``training: <field>``)."""
    CERTIFICATION = "certification"
    """One of some certifications held (``certification_any`` or ``certification_group``)."""

    def __str__(self) -> str:
        return str(self.value)

    @property
    def field_kind(self) -> FieldKind:
        """The kind of the profile field a requirement of this kind reads."""
        return _FIELD_KINDS[self]


_FIELD_KINDS = {
    RequirementKind.EDUCATION: FieldKind.EDUCATION,
    RequirementKind.EXPERIENCE: FieldKind.MONTHS,
    RequirementKind.TRAINING: FieldKind.HOURS,
    RequirementKind.CERTIFICATION: FieldKind.CERTIFICATIONS,
}


class Status(str, Enum):
    """A verdict on one certification (``Verdict.status``, ``Recommendation.status``)."""

    ELIGIBLE = "eligible"
    """Every requirement of a path is met."""
    NOT_ELIGIBLE = "not_eligible"
    """Every path falls short on something known."""
    NEED_INFO = "need_info"
    """A path may be met, but a fact it reads is not known yet."""

    def __str__(self) -> str:
        return str(self.value)

    @property
    def words(self) -> str:
        """The status as every channel shows it ("not eligible yet"), carried in the payload."""
        return _STATUS_WORDS[self]


_STATUS_WORDS = {
    Status.ELIGIBLE: "eligible",
    Status.NOT_ELIGIBLE: "not eligible yet",
    Status.NEED_INFO: "more information needed",
}


class ClarifyReason(str, Enum):
    """Why an answer reader asks back instead of giving a value (``Clarify.reason``)."""

    HEDGE = "hedge"
    """The person is not sure ("not sure", "I think so")."""
    WHAT_IS = "what_is"
    """The person asks what the question means ("what is GAC?")."""
    PLANNED = "planned"
    """The thing is planned or under way, not done ("studying for the CAPM")."""
    LAPSED = "lapsed"
    """The thing was held once and is not any more ("my PMP lapsed")."""
    AMBIGUOUS = "ambiguous"
    """The answer can be read more than one way ("2 years ago", "a degree")."""
    OUT_OF_RANGE = "out_of_range"
    """The value cannot be right (negative, or more than the assistant accepts)."""

    def __str__(self) -> str:
        return str(self.value)


class Goal(str, Enum):
    """What the interview is working towards (``State.goal``)."""

    ELIGIBILITY = "eligibility"
    """A verdict on one certification, the target."""
    RECOMMENDATION = "recommendation"
    """A ranking of what to apply for now and what is within reach."""

    def __str__(self) -> str:
        return str(self.value)

"""Certification rules: the data file, the profile model, and the engine that evaluates them."""

from bot.certifications.catalog import Catalog, Certification, FieldSpec, load_catalog
from bot.certifications.engine import (
    ELIGIBLE,
    NEED_INFO,
    NOT_ELIGIBLE,
    Recommendations,
    RequirementCheck,
    Shortfall,
    Verdict,
    evaluate,
    projected_eligibility,
    recommend,
    window_years,
)

__all__ = [
    "Catalog",
    "Certification",
    "ELIGIBLE",
    "FieldSpec",
    "NEED_INFO",
    "NOT_ELIGIBLE",
    "Recommendations",
    "RequirementCheck",
    "Shortfall",
    "Verdict",
    "evaluate",
    "load_catalog",
    "projected_eligibility",
    "recommend",
    "window_years",
]

"""Certification rules: the data file, the profile model, and the engine that evaluates them."""

from bot.certifications.catalog import Catalog, CatalogError, Certification, FieldSpec, load_catalog
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
from bot.certifications.kinds import ClarifyReason, FieldKind, Goal, RequirementKind, Status

__all__ = [
    "Catalog",
    "CatalogError",
    "Certification",
    "ClarifyReason",
    "ELIGIBLE",
    "FieldKind",
    "FieldSpec",
    "Goal",
    "NEED_INFO",
    "NOT_ELIGIBLE",
    "Recommendations",
    "RequirementCheck",
    "RequirementKind",
    "Shortfall",
    "Status",
    "Verdict",
    "evaluate",
    "load_catalog",
    "projected_eligibility",
    "recommend",
    "window_years",
]

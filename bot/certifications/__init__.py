"""Certification rules: the data file, and the engine that evaluates a profile against it."""

from bot.certifications.catalog import Catalog, Certification, load_catalog
from bot.certifications.engine import (
    ELIGIBLE,
    NEED_INFO,
    NOT_ELIGIBLE,
    Recommendations,
    Shortfall,
    Verdict,
    evaluate,
    projected_eligibility,
    recommend,
)

__all__ = [
    "Catalog",
    "Certification",
    "ELIGIBLE",
    "NEED_INFO",
    "NOT_ELIGIBLE",
    "Recommendations",
    "Shortfall",
    "Verdict",
    "evaluate",
    "load_catalog",
    "projected_eligibility",
    "recommend",
]

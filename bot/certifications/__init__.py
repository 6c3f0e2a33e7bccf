"""Certification rules: the data file, and the engine that evaluates a profile against it.

The engine's names are imported lazily, because ``bot.profile`` (which the engine uses)
itself reads the catalog from this package.
"""

from typing import Any

from bot.certifications.catalog import Catalog, Certification, load_catalog

_ENGINE_NAMES = {
    "ELIGIBLE",
    "NEED_INFO",
    "NOT_ELIGIBLE",
    "Recommendations",
    "Shortfall",
    "Verdict",
    "evaluate",
    "projected_eligibility",
    "recommend",
}


def __getattr__(name: str) -> Any:
    if name in _ENGINE_NAMES:
        from bot.certifications import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Catalog", "Certification", "load_catalog", *sorted(_ENGINE_NAMES)]

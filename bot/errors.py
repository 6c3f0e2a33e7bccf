"""The assistant's own errors, under one base class a front end can catch.

- ``AssistantError``: the base; ``str(error)`` says what is wrong, in words.
- ``bot.certifications.model.ProfileError``: a profile value the assistant cannot accept.
- ``bot.certifications.periods.PeriodError``: a dated period that is not valid.
- ``CatalogError``: the rules data file is malformed; it says which file and where.

The three data and input errors also subclass ``ValueError``, as they did before, so existing
``except ValueError`` clauses keep working. This module imports nothing from ``bot``.
"""

from __future__ import annotations


class AssistantError(Exception):
    """An error the assistant raises on purpose about its data or its input."""


class CatalogError(AssistantError, ValueError):
    """The rules data file (bot/certifications/data/certifications.yml) is malformed."""

    def __init__(self, message: str) -> None:
        """``message`` names the file and the place in it ("…/certifications.yml: fields.x.kind: …")."""
        super().__init__(message)

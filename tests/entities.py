"""Entities as the NLU marks them, for tests that build messages by hand."""

from typing import Any, Dict, Optional


def ent(entity: str, value: str, text: str, span: Optional[str] = None) -> Dict[str, Any]:
    """``entity`` with ``value`` at the first place ``span`` (default: the value) appears in
    ``text``, whatever its case."""
    span = span or value
    start = text.lower().index(span.lower())
    return {"entity": entity, "value": value, "start": start, "end": start + len(span)}

"""The answer vocabulary in vocabulary.yml (education words, units, fractions, month names),
loaded once. It imports nothing from ``bot``, so the rules model and the readers can both
use it without an import cycle."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Dict

import yaml

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")


@functools.cache
def vocabulary() -> Dict[str, Any]:
    with open(VOCABULARY_FILE, encoding="utf-8") as handle:
        data: Dict[str, Any] = yaml.safe_load(handle)
    return data

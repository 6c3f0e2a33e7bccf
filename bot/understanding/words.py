"""The word lists in words.yml and bot/nlp/vocabulary.yml, loaded once."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Tuple

import yaml

from bot.nlp.vocabulary import vocabulary

WORDS_FILE = Path(__file__).parent / "words.yml"


@functools.cache
def words() -> Dict[str, Any]:
    with open(WORDS_FILE, encoding="utf-8") as handle:
        data: Dict[str, Any] = yaml.safe_load(handle)
    return data


def phrase_pattern(phrases: Iterable[str]) -> str:
    """One regex alternative for ``phrases``, longest first, each between word boundaries."""
    ordered = sorted({str(p).lower() for p in phrases}, key=len, reverse=True)
    parts = [re.escape(p) for p in ordered if p]
    return r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])"


@functools.cache
def compiled(*path: str) -> re.Pattern[str]:
    """The phrase regex for the list at ``words()[path[0]][path[1]]...``."""
    node: Any = words()
    for key in path:
        node = node[key]
    return re.compile(phrase_pattern(node))


def question(key: str, **values: Any) -> str:
    return str(words()["questions"][key]).format(**values)


def note(key: str, **values: Any) -> str:
    return str(words()["notes"][key]).format(**values)


@functools.cache
def units() -> Dict[str, str]:
    """Unit word -> 'years' | 'months' | 'hours' | 'weeks' | 'days'."""
    table: Dict[str, str] = {}
    for unit, names in list(vocabulary()["units"].items()) + list(words()["extra_units"].items()):
        for name in names:
            table[str(name)] = str(unit)
    return table


@functools.cache
def month_numbers() -> Tuple[Tuple[str, int], ...]:
    """Month names and abbreviations with their numbers, longest first."""
    pairs: List[Tuple[str, int]] = [(n, i + 1) for i, n in enumerate(vocabulary()["month_names"])]
    pairs += [(k, int(v)) for k, v in words()["month_abbreviations"].items()]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))

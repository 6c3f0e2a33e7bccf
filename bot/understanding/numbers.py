"""Amounts in an answer: "a hundred and twenty hours", "two and a half years", "30ish".

Number words become digits through ``text2num`` (maintained, and it reads "a hundred and
twenty" as 120 where ``word2number`` gives 2000); this module adds only what it leaves out:
"and a half", "half a year", "a dozen", "a couple", ranges and rough figures.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import List, Optional, Union

from text_to_num import alpha2digit

from bot.understanding.words import phrase_pattern, units, words

Token = Union[float, str]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FRACTIONS = {"half": 0.5, "quarter": 0.25}
_SKIP_BEFORE_UNIT = {
    "contact",
    "training",
    "classroom",
    "online",
    "course",
    "+",
    "full",
    "whole",
    "solid",
    "ish",
    "plus",
    "odd",
    "or",
    "so",
    "-",
    "total",
    "of",
}
_AFTER_BARE = {
    "more",
    "ish",
    "or",
    "so",
    "and",
    "total",
    "in",
    "i",
    "tops",
    "max",
    "maybe",
    "roughly",
    "of",
    "approx",
    "+",
    "-",
    "~",
    "at",
    "from",
    "with",
    "but",
    "altogether",
    "hopefully",
    "probably",
    "think",
    "guess",
    "lol",
    "tbh",
    "im",
    "i'm",
    "give",
    "that",
    "which",
    "yes",
    "yeah",
    "now",
    "so far",
}
_RANGE_WORDS = {"-", "to", "or", "/"}


@dataclass(frozen=True)
class Quantity:
    amount: float
    unit: str  # 'years' | 'months' | 'hours' | 'weeks' | 'days' | '' (no unit said)
    ranged: bool = False  # "3-4 years": amount is the lower figure
    year_like: bool = False  # a bare 19xx/20xx: a date rather than an amount
    counts_things: bool = False  # "2 courses": a number of things, not an amount of time


def _words_to_digits(text: str) -> str:
    table = words()
    text = re.sub(r"\bhalf an? dozen\b", "6", text)
    text = re.sub(r"\b(?:an?|one)?\s*" + phrase_pattern(table["dozen"]), " 12", text)
    text = re.sub(phrase_pattern(table["couple"]), " 2 ", text)
    with contextlib.suppress(ValueError, IndexError):  # text2num refuses a few odd inputs
        text = alpha2digit(text, "en", threshold=0)
    text = re.sub(r"\b\d+(?:st|nd|rd|th)\b", " ordinal ", text)
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)
    return re.sub(r"(\d)(?=[a-z~+])|(?<=[~])(?=\d)", r"\1 ", text)


def tokens(text: str) -> List[Token]:
    """Words and numbers of ``text`` (already cleaned), number words as numbers."""
    out: List[Token] = []
    for token in re.findall(r"\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|[+~/-]", _words_to_digits(text)):
        out.append(float(token) if _NUMBER.fullmatch(token) else token)
    return out


def _unit_at(items: List[Token], j: int) -> Optional[int]:
    """Index of the unit word at or just after ``j`` (skipping "full", "+", "ish" ...)."""
    table = units()
    for k in range(j, min(j + 3, len(items))):
        item = items[k]
        if isinstance(item, str) and item in table:
            return k
        if not (isinstance(item, str) and item in _SKIP_BEFORE_UNIT):
            return None
    return None


def _fraction_after(items: List[Token], j: int) -> float:
    """0.5 at "and a half" starting at ``items[j]``."""
    if j + 2 < len(items) and items[j] == "and" and items[j + 1] in ("a", "an", 1.0):
        return _FRACTIONS.get(str(items[j + 2]), 0.0)
    return 0.0


def _is_year(value: float, items: List[Token], i: int) -> bool:
    return value.is_integer() and 1800 <= value <= 2100 and (_unit_at(items, i + 1) is None)


def quantities(text: str) -> List[Quantity]:
    """Amounts in reading order, with their units."""
    items = tokens(text)
    found: List[Quantity] = []
    i = 0
    while i < len(items):
        amount, j = _amount_at(items, i)
        if amount is None:
            i += 1
            continue
        ranged = False
        second = items[j + 1] if j + 1 < len(items) else None
        joined = bool(items[j : j + 1]) and items[j] in _RANGE_WORDS and isinstance(second, float)
        if joined and not (_is_year(amount, items, i) or _is_year(float(second or 0), items, j + 1)):
            ranged, j = True, j + 2
        amount += _fraction_after(items, j)
        if _fraction_after(items, j):
            j += 3
        k = _unit_at(items, j)
        unit = units()[str(items[k])] if k is not None else ""
        if k is not None:
            j = k + 1
            amount += _fraction_after(items, j)
            j += 3 if _fraction_after(items, j) else 0
        things = not unit and j < len(items) and isinstance(items[j], str) and items[j] not in _AFTER_BARE
        found.append(Quantity(amount, unit, ranged, not unit and _is_year(amount, items, i), things))
        i = max(j, i + 1)
    return found


def _amount_at(items: List[Token], i: int) -> tuple[Optional[float], int]:
    """The amount starting at ``items[i]`` and the index after it."""
    item = items[i]
    if isinstance(item, float):
        return item, i + 1
    if item in ("a", "an", "one") and _unit_at(items, i + 1) == i + 1:
        return 1.0, i + 1
    if item == "half" and i + 2 < len(items) and items[i + 1] in ("a", "an") and _unit_at(items, i + 2):
        return 0.5, i + 2
    return None, i + 1


def below(text: str, quantity: Quantity) -> bool:
    """ "almost 3 years": the figure is an upper bound, not the amount."""
    pattern = phrase_pattern(words()["below_words"]) + r"\s+(?:an?\s+|about\s+)?(?:\d|a\b|an\b|one\b)"
    return quantity.amount > 0 and re.search(pattern, _words_to_digits(text)) is not None


def is_negative(text: str) -> bool:
    """ "-5 hours", "minus 3 years": an amount below zero."""
    return re.search(r"^\W*-\s*\d|\bminus\b|\bnegative \d", text) is not None


def is_vague(text: str) -> bool:
    """ "a few years", "several months": an amount without a figure."""
    unit_words = "|".join(re.escape(u) for u in units())
    vague = phrase_pattern(words()["vague_amounts"])
    return bool(re.search(vague + r"(?: \w+)?(?: of)? (?:" + unit_words + r")\b", text))

"""What we know about the person, and how their free-text answers become values.

The ``Profile`` model and its validation live in ``bot.certifications.model`` (re-exported
here); this module keeps the free-text parsers. Every invalid value, whether it comes from
JSON or from a sentence, raises ``ProfileError`` with a message that can be shown as it is.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from bot.certifications.catalog import load_catalog, normalize_alias
from bot.certifications.model import (
    EDUCATION_VALUES,
    HOUR_FIELDS,
    MAX_HOURS,
    MAX_MONTHS,
    MONTH_FIELDS,
    PERIOD_FIELDS,
    Profile,
    ProfileError,
    add_months,
    canonical_certification,
    periods_field,
    validate_field,
)
from bot.certifications.periods import Period

VOCABULARY_FILE = Path(__file__).parent / "nlp" / "vocabulary.yml"

__all__ = [
    "EDUCATION_VALUES",
    "HOUR_FIELDS",
    "MAX_HOURS",
    "MAX_MONTHS",
    "MONTH_FIELDS",
    "PERIOD_FIELDS",
    "Period",
    "Profile",
    "ProfileError",
    "add_months",
    "canonical_certification",
    "education_alias",
    "parse_certifications",
    "parse_duration_months",
    "parse_education",
    "parse_hours",
    "parse_yes_no",
    "periods_field",
    "validate_field",
    "vocabulary",
]


# ---------------------------------------------------------------------------------------
# Free-text parsing: "two and a half years", "a bachelor's in CS", "I took a 40-hour course"


@functools.cache
def vocabulary() -> Dict[str, Any]:
    with open(VOCABULARY_FILE, encoding="utf-8") as handle:
        data: Dict[str, Any] = yaml.safe_load(handle)
    return data


def _clean(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text)
    return " ".join(text.split())


def _alias_regex(alias: str) -> str:
    return r"(?<![\w'])" + re.escape(alias) + r"(?![\w'])"


def education_alias(text: str) -> Optional[str]:
    """The highest education level named anywhere in ``text``, or None."""
    text = _clean(text)
    order = list(EDUCATION_VALUES)
    best: Optional[str] = None
    saw_none = False
    for level, aliases in vocabulary()["education"].items():
        for alias in aliases:
            if re.search(_alias_regex(alias.lower()), text):
                if level == "none":
                    saw_none = True
                elif best is None or order.index(level) > order.index(best):
                    best = level
    if best is None and saw_none:
        return "none"
    return best


def parse_education(text: str) -> str:
    """'a bachelor's in CS' -> 'bachelor'; 'GED' -> 'secondary'; 'MBA' -> 'master'."""
    if not isinstance(text, str) or not text.strip():
        raise ProfileError(_EDUCATION_HINT, "education")
    level = education_alias(text[:2000])
    if level is None:
        raise ProfileError(_EDUCATION_HINT, "education")
    return level


_EDUCATION_HINT = (
    "I didn't catch your highest education. Say something like 'high school', "
    "'associate degree', 'bachelor's in CS', 'MBA' or 'PhD'."
)
_DURATION_HINT = (
    "I didn't catch how long that was. Say it like '3 years', 'two and a half years', "
    "'18 months', 'since March 2021' or 'none yet'."
)
_HOURS_HINT = "I didn't catch the number of hours. Say it like '35 hours', 'a 40-hour course' or 'none yet'."


def _is_zero_answer(text: str) -> bool:
    stripped = re.sub(r"[^\w/' ]", "", text).strip()
    zeros = vocabulary()["zero_answers"]
    if stripped in zeros:
        return True
    return bool(
        re.fullmatch(
            r"(i have |i've got |i've |ive )?(none|no|zero|nothing)( \w+){0,3}( yet| so far)?",
            stripped,
        )
    )


def _tokens_with_numbers(text: str) -> List[Any]:
    """Splits text into tokens and turns number words ("twenty five") into numbers."""
    text = re.sub(r"(\d)\s*-\s*(?=[a-z])", r"\1 ", text)  # "40-hour" -> "40 hour"
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)  # "1,500" -> "1500"
    text = re.sub(r"(\d)(?=[a-z])", r"\1 ", text)  # "5yrs" -> "5 yrs"
    raw = re.findall(r"-?\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|\+", text)
    words: Dict[str, float] = vocabulary()["number_words"]
    out: List[Any] = []
    for token in raw:
        if re.fullmatch(r"-?\d+(?:\.\d+)?", token):
            out.append(float(token))
        elif token in words and token not in ("no", "none", "a", "an"):
            value = float(words[token])
            if out and isinstance(out[-1], float) and out[-1] >= 20 and value < 10:
                out[-1] += value  # "twenty five"
            else:
                out.append(value)
        else:
            out.append(token)
    return out


def _unit_of(token: Any) -> Optional[str]:
    if not isinstance(token, str):
        return None
    for unit, names in vocabulary()["units"].items():
        if token in names:
            return str(unit)
    return None


def _and_a_fraction(tokens: List[Any], j: int, articles: Tuple[str, ...]) -> bool:
    """True at "and a half" / "and one quarter" starting at ``tokens[j]``."""
    return (
        j + 2 < len(tokens)
        and tokens[j] == "and"
        and tokens[j + 1] in articles
        and tokens[j + 2] in vocabulary()["fractions"]
    )


def _quantities(text: str) -> List[Tuple[float, str]]:
    """(amount, unit) pairs in reading order: "a year and a half" -> [(1.5, 'years')]."""
    tokens = _tokens_with_numbers(text)
    fractions: Dict[str, float] = vocabulary()["fractions"]
    found: List[Tuple[float, str]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        amount: Optional[float] = None
        if isinstance(token, float):
            amount = token
        elif token in ("a", "an", "one") and i + 1 < len(tokens) and _unit_of(tokens[i + 1]):
            amount = 1.0
        elif token in fractions and i + 2 < len(tokens) and tokens[i + 1] in ("a", "an"):
            amount = fractions[token]  # "half a year"
            i += 1
        elif token == "couple" or token == "few":
            amount = 2.0 if token == "couple" else 3.0
            if i + 1 < len(tokens) and tokens[i + 1] == "of":
                i += 1
        if amount is None:
            i += 1
            continue
        j = i + 1
        # "two and a half years"
        if _and_a_fraction(tokens, j, ("a", "an", "one")):
            amount += fractions[tokens[j + 2]]
            j += 3
        if j < len(tokens) and tokens[j] == "+":
            j += 1
        unit = _unit_of(tokens[j]) if j < len(tokens) else None
        if unit is None and j + 1 < len(tokens) and tokens[j] in ("full", "whole", "solid"):
            j += 1
            unit = _unit_of(tokens[j])
        if unit is None:
            found.append((amount, ""))
            i = j
            continue
        j += 1
        # "a year and a half"
        if _and_a_fraction(tokens, j, ("a", "an")):
            amount += fractions[tokens[j + 2]]
            j += 3
        found.append((amount, unit))
        i = j
    return found


_SINCE = re.compile(
    r"(?:since|(?:started|began|starting) in)\s+(?:(?P<month>[a-z]+)\s+)?(?P<year>(?:19|20)\d\d)"
    r"|(?:since|(?:started|began|starting) in)\s+(?P<mnum>\d{1,2})[/.-](?P<year2>(?:19|20)\d\d)"
)


def _months_since(match: re.Match[str], today: dt.date) -> int:
    year = int(match.group("year") or match.group("year2"))
    month = 1
    if match.group("mnum"):
        month = int(match.group("mnum"))
    elif match.group("month"):
        names = vocabulary()["month_names"]
        word = match.group("month")
        candidates = [i + 1 for i, n in enumerate(names) if n.startswith(word[:3])]
        if len(word) < 3 or not candidates:
            raise ProfileError(_DURATION_HINT)
        month = candidates[0]
    if not 1 <= month <= 12:
        raise ProfileError(_DURATION_HINT)
    months = (today.year - year) * 12 + (today.month - month)
    if months < 0:
        raise ProfileError(
            "That date is in the future. Tell me when you started, for example 'since March 2021'."
        )
    return months


def parse_duration_months(
    text: str, today: Optional[dt.date] = None, default_unit: Optional[str] = None
) -> int:
    """Months in a spoken duration, rounded down to whole months.

    "5 years" -> 60, "two and a half years" -> 30, "18 months" -> 18,
    "since March 2021" -> months from then to ``today``, "none yet" -> 0.
    A bare number needs ``default_unit`` ('years' or 'months'), otherwise it is ambiguous.
    """
    if not isinstance(text, str) or not text.strip():
        raise ProfileError(_DURATION_HINT)
    cleaned = _clean(text[:2000])
    today = today or dt.date.today()
    since = _SINCE.search(cleaned)
    if since:
        return _months_since(since, today)
    if _is_zero_answer(cleaned):
        return 0
    quantities = _quantities(cleaned)
    if not quantities:
        raise ProfileError(_DURATION_HINT)
    total = 0.0
    for amount, unit in quantities:
        if amount < 0 or re.search(r"(^|\s)-\s*\d", cleaned):
            raise ProfileError("Experience cannot be negative: tell me how long, e.g. '3 years'.")
        unit = unit or (default_unit or "")
        if unit == "years":
            total += amount * 12
        elif unit == "months":
            total += amount
        elif unit == "hours":
            raise ProfileError(_DURATION_HINT)
        else:
            raise ProfileError(
                f"Is that {amount:g} years or {amount:g} months? "
                "Say it with the unit, e.g. '3 years' or '18 months'."
            )
    months = int(math.floor(total + 1e-9))
    if months > MAX_MONTHS:
        raise ProfileError(
            f"That's {months} months, more than 50 years. Please check the number, "
            "for example '6 years' or '72 months'."
        )
    return months


def parse_hours(text: str) -> int:
    """Contact hours in an answer: "35 hours", "I took a 40-hour course", "none" -> 0."""
    if not isinstance(text, str) or not text.strip():
        raise ProfileError(_HOURS_HINT)
    cleaned = _clean(text[:2000])
    if _is_zero_answer(cleaned):
        return 0
    quantities = _quantities(cleaned)
    numbers = [(a, u) for a, u in quantities if u in ("hours", "")]
    if not numbers or any(u in ("years", "months") for _, u in quantities):
        raise ProfileError(_HOURS_HINT)
    if re.search(r"(^|\s)-\s*\d", cleaned):
        raise ProfileError("Hours cannot be negative: tell me how many, e.g. '35 hours'.")
    total = sum(a for a, _ in numbers)
    hours = int(math.floor(total + 1e-9))
    if hours > MAX_HOURS:
        raise ProfileError(
            f"{hours} hours is more than the {MAX_HOURS} the assistant accepts. "
            "Please check the number, e.g. '35 hours'."
        )
    return hours


def parse_certifications(text: str) -> Tuple[str, ...]:
    """Certifications named in ``text`` (canonical names); () for "none"."""
    if not isinstance(text, str) or not text.strip():
        raise ProfileError(
            "Which certifications do you hold? Say e.g. 'CAPM', 'CSM' or 'none'.",
            "certifications",
        )
    cleaned = normalize_alias(_clean(text[:2000]))
    catalog = load_catalog()
    found: List[Tuple[int, str]] = []
    consumed = cleaned
    for alias in sorted(catalog.aliases, key=len, reverse=True):
        pattern = _alias_regex(alias)
        for match in re.finditer(pattern, consumed):
            found.append((match.start(), catalog.aliases[alias]))
        consumed = re.sub(pattern, lambda m: "#" * len(m.group(0)), consumed)
    if found:
        ordered: List[str] = []
        for _, name in sorted(found):
            if name not in ordered:
                ordered.append(name)
        return tuple(ordered)
    if _is_zero_answer(cleaned) or re.search(r"\b(no|none|not any|don't have|do not have)\b", cleaned):
        return ()
    raise ProfileError(
        "I didn't recognise a certification there. Say e.g. 'CAPM', 'CSM', "
        "'Google PM certificate' or 'none'.",
        "certifications",
    )


def parse_yes_no(text: str) -> bool:
    """Yes/no answers ("yep", "no it wasn't")."""
    cleaned = _clean(text or "")
    if re.match(r"^(y|yes|yeah|yep|yup|sure|correct|true|it is|it was|i do|definitely)\b", cleaned):
        return True
    if re.match(r"^(n|no|nope|nah|false|not|it isn't|it wasn't|i don't|don't know|not sure)\b", cleaned):
        return False
    raise ProfileError("Please answer yes or no.")

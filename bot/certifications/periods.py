"""Dated experience (Contract A): periods of months, merged, counted inside a look-back window.

A month is an integer index (``year * 12 + month - 1``); a period covers both its ends.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, FrozenSet, Iterable, List, Mapping, Optional, Tuple

from bot.errors import AssistantError

MAX_YEARS_BACK = 50  # a period starting earlier is a typo, not a career

_MONTH_TEXT = re.compile(r"(\d{4})-(\d{2})")


class PeriodError(AssistantError, ValueError):
    """An invalid period; ``str(error)`` is a friendly explanation."""


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def parse_month(value: Any, what: str) -> int:
    """'2019-06' -> its month index; anything else raises ``PeriodError``."""
    match = _MONTH_TEXT.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise PeriodError(f"The {what} month of a period must look like 2019-06, not {str(value)[:20]!r}.")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


@dataclass(frozen=True, order=True)
class Period:
    """Months ``start`` to ``end`` inclusive; ``end`` None = still ongoing."""

    start: int
    end: Optional[int] = None

    def last(self, today: dt.date) -> int:
        return month_index(today) if self.end is None else self.end

    def to_dict(self) -> dict[str, str]:
        out = {"from": month_text(self.start)}
        if self.end is not None:
            out["to"] = month_text(self.end)
        return out

    @classmethod
    def from_dict(cls, raw: Any, today: dt.date) -> Period:
        """Validates ``{"from": "YYYY-MM", "to": "YYYY-MM"}`` (``to`` optional)."""
        if isinstance(raw, Period):
            raw = raw.to_dict()
        if not isinstance(raw, Mapping) or "from" not in raw or set(raw) - {"from", "to"}:
            raise PeriodError('A period must look like {"from": "2019-01", "to": "2021-06"} ("to" optional).')
        now = month_index(today)
        start = parse_month(raw["from"], "start")
        end = None if raw.get("to") is None else parse_month(raw["to"], "end")
        if max(start, end if end is not None else start) > now:
            raise PeriodError(f"A period cannot end after this month ({month_text(now)}).")
        if end is not None and end < start:
            raise PeriodError(
                f"A period cannot end ({month_text(end)}) before it starts ({month_text(start)})."
            )
        if start < now - MAX_YEARS_BACK * 12:
            raise PeriodError(
                f"A period starting in {month_text(start)} is more than {MAX_YEARS_BACK} years ago; "
                "please check the year."
            )
        return cls(start, end)


def parse_periods(value: Any, today: dt.date) -> Tuple[Period, ...]:
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise PeriodError('Periods must be a list such as [{"from": "2019-01", "to": "2021-06"}].')
    return tuple(Period.from_dict(item, today) for item in value)


def merged(periods: Iterable[Period], today: dt.date) -> List[Tuple[int, int]]:
    """Non-overlapping (first, last) month ranges, sorted; touching ranges are joined."""
    ranges = sorted((p.start, p.last(today)) for p in periods if p.start <= p.last(today))
    out: List[Tuple[int, int]] = []
    for first, last in ranges:
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def months_in_window(periods: Iterable[Period], window_years: Optional[int], today: dt.date) -> int:
    """Unique months of ``periods`` up to this month, and inside the last ``window_years`` years."""
    now = month_index(today)
    oldest = now - window_years * 12 + 1 if window_years else None
    total = 0
    for first, last in merged(periods, today):
        first = first if oldest is None else max(first, oldest)
        last = min(last, now)
        total += max(0, last - first + 1)
    return total


def month_set(periods: Iterable[Period], today: dt.date) -> FrozenSet[int]:
    """Every month covered (for tests and explanations)."""
    return frozenset(m for p in periods for m in range(p.start, p.last(today) + 1))

"""Dated experience: "2015 to 2019", "since Jan 2022", "from March 2018 until last June".

Periods follow Contract A: ``{"from": "YYYY-MM", "to": "YYYY-MM"}``, both ends inclusive, no
``to`` when still ongoing. A year alone starts in January and ends in December.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Tuple

from bot.understanding.words import month_numbers, phrase_pattern, words

Month = Tuple[int, int]  # (year, month)


@dataclass(frozen=True)
class Point:
    start: int
    end: int
    year: Optional[int]  # None: "present"
    month: Optional[int]  # None: the year alone


@dataclass
class Reading:
    periods: List[Dict[str, str]] = field(default_factory=list)
    bare: Optional[int] = None  # a year said alone ("2010")
    problem: Optional[str] = None  # 'future' | 'order' | 'old'


@functools.cache
def _point_pattern() -> re.Pattern[str]:
    months = "|".join(re.escape(name) for name, _ in month_numbers())
    present = phrase_pattern(words()["present_words"])
    return re.compile(
        rf"(?<![\w'])(?:(?P<m>{months})\.?,?\s+(?:of\s+)?(?P<y>(?:18|19|20)\d\d)(?!\d)"
        rf"|(?P<m2>{months})\.?\s*'(?P<yy>\d\d)(?!\d)"
        rf"|(?P<mn>\d{{1,2}})[/.](?P<y2>(?:18|19|20)\d\d)(?!\d)"
        rf"|(?P<y3>(?:18|19|20)\d\d)(?!\d)(?:s\b)?"
        rf"|(?P<rel>last|this|past)\s+(?P<rm>year|month|{months})(?![\w'])"
        rf"|(?P<now>{present})"
        rf"|(?<=-)(?P<yy2>\d\d)(?![\d\w])"
        rf"|(?P<bm>{months})(?![\w']))"
    )


_CONNECTOR = re.compile(
    r"^\s*(?:-+|to|until|till|til|through|thru|and|up to|up until|to the|until the|till the|through to|"
    r"-> ?|>|to about|until about|to around)\s*(?P<early>(?:the\s+)?(?:start of|beginning of|early)\s+)?"
    r"(?P<mid>(?:the\s+)?(?:mid|middle of)\s+)?(?:(?:the\s+)?(?:late|end of)\s+)?$"
)
# "nothing after June 2025", "not since 2020": the date ends the work, no period starts there.
_NOTHING_BEFORE = re.compile(
    r"(?:nothing|none|no (?:pm |project )?work|not|never)\s+(?:\w+\s+)?(?:after|since)\s*$"
)
_OPEN_START = re.compile(
    r"(?:since|from|starting(?: in| from)?|started(?: in| from| around)?|began(?: in)?|beginning(?: of| in)?|"
    r"as of|after|back in|ever since|on and off since)\s*(?:the\s+)?(?:start of\s+|early\s+|mid\s+|late\s+)?$"
)
_OPEN_END = re.compile(r"\s*(?:onwards?|on\b|and on\b|forward|to date|till date|until today|-+\s*$)")
_BEFORE_BARE_MONTH = re.compile(r"(?:since|from|starting|started in|until|till|til|through|to|-)\s*$")
_WHOLE_YEAR = re.compile(r"(?:all of|throughout|during|for all of|the whole of|all through)\s*$")


def _month_number(word: str) -> int:
    return dict(month_numbers())[word.rstrip(".")]


def _relative(match: re.Match[str], today: dt.date) -> Tuple[int, Optional[int]]:
    rel, what = match.group("rel"), match.group("rm")
    if what == "year":
        return today.year - (0 if rel == "this" else 1), None
    if what == "month":
        index = today.year * 12 + today.month - 1 - (0 if rel == "this" else 1)
        return index // 12, index % 12 + 1
    month = _month_number(what)
    if rel == "this":
        return today.year, month
    return (today.year if month < today.month else today.year - 1), month


def points(text: str, today: dt.date) -> List[Point]:
    found: List[Point] = []
    for match in _point_pattern().finditer(text):
        groups = match.groupdict()
        if groups["now"]:
            found.append(Point(match.start(), match.end(), None, None))
        elif groups["rel"]:
            year, month = _relative(match, today)
            found.append(Point(match.start(), match.end(), year, month))
        elif groups["bm"]:
            if _BEFORE_BARE_MONTH.search(text[: match.start()]):
                month = _month_number(groups["bm"])
                year = today.year if month <= today.month else today.year - 1
                found.append(Point(match.start(), match.end(), year, month))
        elif groups["yy2"]:
            if (
                found
                and found[-1].month is None
                and found[-1].year
                and text[found[-1].end : match.start()] == "-"
            ):
                century = found[-1].year // 100 * 100
                found.append(Point(match.start(), match.end(), century + int(groups["yy2"]), None))
        else:
            found.append(_absolute(match))
    return found


def _absolute(match: re.Match[str]) -> Point:
    groups = match.groupdict()
    if groups["yy"]:
        return Point(match.start(), match.end(), 2000 + int(groups["yy"]), _month_number(groups["m2"]))
    if groups["mn"]:
        return Point(match.start(), match.end(), int(groups["y2"]), int(groups["mn"]))
    if groups["m"]:
        return Point(match.start(), match.end(), int(groups["y"]), _month_number(groups["m"]))
    return Point(match.start(), match.end(), int(groups["y3"]), None)


def _fmt(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _period(
    start: Point, end: Optional[Point], today: dt.date
) -> Tuple[Optional[Dict[str, str]], Optional[str]]:
    now: Month = (today.year, today.month)
    if start.year is None:
        return None, None
    first: Month = (start.year, start.month or 1)
    if not 1 <= first[1] <= 12 or (end and end.month is not None and not 1 <= end.month <= 12):
        return None, None
    if first < (words()["earliest_year"], 1):
        return None, "old"
    if first > now:
        return None, "future"
    if end is None or end.year is None:
        return {"from": _fmt(first)}, None
    last: Month = (end.year, end.month or 12)
    if last < first:
        return None, "order"
    if last >= now:
        return {"from": _fmt(first)}, None
    return {"from": _fmt(first), "to": _fmt(last)}, None


def _early(end: Optional[Point], connector: Optional[re.Match[str]]) -> Optional[Point]:
    """The end point after a connector; "until early 2021" ends in its January (never later than
    the person said), "until mid 2021" in its June, "until late 2021" in its December."""
    if connector is None or end is None:
        return None
    if end.year is None or end.month is not None:
        return end
    if connector.group("early"):
        return replace(end, month=1)
    return replace(end, month=6) if connector.group("mid") else end


# "since mid 2024": a start said as part of a year begins at that part's latest month (March,
# July, November), never earlier than the person said.
_PART_OF_YEAR = re.compile(r"\b(?P<part>early|mid|late|end of|middle of)\s*$")
_PART_START = {"early": 3, "mid": 7, "middle of": 7, "late": 11, "end of": 11}


def _started_within(start: Point, text: str) -> Point:
    part = _PART_OF_YEAR.search(text[: start.start])
    if part is None or start.year is None or start.month is not None:
        return start
    return replace(start, month=_PART_START[part.group("part")])


def read_periods(text: str, today: dt.date) -> Reading:
    """Every period in ``text``; a year said alone is reported as ``bare``."""
    reading = Reading()
    found = points(text, today)
    i = 0
    while i < len(found):
        start = found[i]
        following = found[i + 1] if i + 1 < len(found) else None
        connector = _CONNECTOR.match(text[start.end : following.start]) if following else None
        joined = connector is not None
        end = _early(following, connector)
        if _NOTHING_BEFORE.search(text[: start.start]):
            i += 1
            continue
        open_start = _OPEN_START.search(text[: start.start]) or _OPEN_END.match(text[start.end :])
        if not joined and not open_start:
            if start.year is not None and _WHOLE_YEAR.search(text[: start.start]):
                end = start
            elif start.year is not None:
                reading.bare = reading.bare or start.year
                i += 1
                continue
        period, problem = _period(_started_within(start, text), end, today)
        reading.problem = reading.problem or problem
        if period:
            reading.periods.append(period)
        i += 2 if joined else 1
    return reading

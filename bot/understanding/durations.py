"""Experience answers: a duration ("two and a half years") or dated periods ("2015 to 2019")."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import List, Optional

from bot.understanding.hedges import asks_what_it_is, is_hedge
from bot.understanding.numbers import Quantity, below, is_negative, is_vague, quantities
from bot.understanding.periods import read_periods
from bot.understanding.results import Clarify, ClarifyReason, NoAnswer, Result, Understood
from bot.understanding.text import clauses, work_clauses
from bot.understanding.words import compiled, note, phrase_pattern, question, words

MAX_MONTHS = 600  # 50 years: anything above is a typo, not a career
_MONTHS_PER = {"decades": 120.0, "years": 12.0, "months": 1.0, "weeks": 12 / 52}


def planned(clause: str) -> bool:
    """The clause talks about the future or something unfinished."""
    return compiled("planned_amounts").search(clause) is not None


def clause_quantities(cleaned: str, skip_planned: bool = True) -> List[Quantity]:
    """Amounts in clauses that are not about plans ("I'll have 3 years by June")."""
    found: List[Quantity] = []
    for start, end in clauses(cleaned):
        clause = cleaned[start:end]
        if skip_planned and planned(clause):
            continue
        found += quantities(clause)
    return found


def duration_months(found: List[Quantity]) -> Optional[float]:
    """Months in the experience amounts: "2 years 3 months" -> 27; None if none."""
    timed = [q for q in found if q.unit in _MONTHS_PER]
    if not timed:
        return None
    return sum(q.amount * _MONTHS_PER[q.unit] for q in timed)


@functools.cache
def _ended() -> re.Pattern[str]:
    ends = phrase_pattern(words()["period_end_words"])
    return re.compile(
        ends
        + r"\s+(?:in\s+|around\s+|the\s+)?(?:end of\s+)?"
        + r"(?:(?P<part>early|mid|late)\s+)?(?P<y>(?:19|20)\d\d)\b"
    )


def _ended_period(timed: List[Quantity], cleaned: str, today: dt.date) -> Optional[Result]:
    """ "5 years but it ended in 2020": the period that long, ending then (December of the year
    unless "early" or "mid" says otherwise)."""
    match = _ended().search(cleaned)
    months = math.floor((duration_months(timed) or 0.0) + 1e-9)
    if match is None or int(match["y"]) > today.year or not 0 < months <= MAX_MONTHS:
        return None
    end = int(match["y"]) * 12 + {"early": 0, "mid": 5}.get(match["part"] or "", 11)
    start = end - months + 1
    period = {"from": f"{start // 12}-{start % 12 + 1:02d}", "to": f"{end // 12}-{end % 12 + 1:02d}"}
    return Understood([period])


def read_months(cleaned: str, today: dt.date) -> Result:
    periods = read_periods(work_clauses(cleaned), today)
    if is_negative(cleaned):
        return Clarify(ClarifyReason.OUT_OF_RANGE, question("negative"))
    if periods.problem:
        reason = ClarifyReason.AMBIGUOUS if periods.problem == "order" else ClarifyReason.OUT_OF_RANGE
        key = {"order": "months_order", "future": "months_future", "old": "months_too_many"}[periods.problem]
        return Clarify(reason, question(key))
    if periods.periods:
        return Understood(periods.periods)
    found = [q for q in clause_quantities(cleaned) if not q.year_like and not q.counts_things]
    timed = [q for q in found if q.unit in _MONTHS_PER]
    if timed and re.search(r"\b(?:ago|back)\b", cleaned):
        return Clarify(
            ClarifyReason.AMBIGUOUS, question("months_ago", amount=f"{timed[0].amount:g} {timed[0].unit}")
        )
    if timed and any(not q.unit for q in found):
        return Clarify(ClarifyReason.AMBIGUOUS, question("months_several"))
    if timed:
        return _ended_period(timed, cleaned, today) or _from_amounts(timed, cleaned)
    if periods.bare:
        return Clarify(ClarifyReason.AMBIGUOUS, question("months_bare_year", year=periods.bare))
    return _without_amount(cleaned, found)


def _from_amounts(timed: List[Quantity], cleaned: str) -> Result:
    kinds = [q.unit for q in timed]
    same = {q.amount * _MONTHS_PER[q.unit] for q in timed}
    if len(timed) == 2 and len(same) == 1 and len(set(kinds)) == 2:
        timed = timed[:1]  # "3 years, 36 months": the same amount said twice
    elif len(timed) > 1 and not (kinds == ["years", "months"] and len(timed) == 2):
        return Clarify(ClarifyReason.AMBIGUOUS, question("months_several"))
    months = math.floor((duration_months(timed) or 0.0) + 1e-9)
    if months > MAX_MONTHS or any(q.amount < 0 for q in timed):
        return Clarify(ClarifyReason.OUT_OF_RANGE, question("months_too_many"))
    if below(cleaned, timed[0]):
        example = max(months - 2, 1)
        amount = f"{timed[0].amount:g} {timed[0].unit}"
        return Clarify(ClarifyReason.AMBIGUOUS, question("months_below", amount=amount, example=example))
    if timed[0].ranged:
        return Understood(months, note("lower_figure", amount=f"{timed[0].amount:g} {timed[0].unit}"))
    return Understood(months)


def _without_amount(cleaned: str, found: List[Quantity]) -> Result:
    if compiled("hedges").search(cleaned):
        return Clarify(ClarifyReason.HEDGE, question("months_hedge"))
    if compiled("zero_answers").search(cleaned) and not [q for q in found if q.amount > 0]:
        return Understood(0)
    if is_vague(cleaned):
        return Clarify(ClarifyReason.AMBIGUOUS, question("months_vague"))
    bare = [q for q in found if not q.unit]
    if bare and bare[0].amount > 0:
        return Clarify(ClarifyReason.AMBIGUOUS, question("months_unit", amount=f"{bare[0].amount:g}"))
    if any(q.unit for q in clause_quantities(cleaned, skip_planned=False) if q.unit != "hours"):
        return Clarify(ClarifyReason.PLANNED, question("months_planned"))
    if asks_what_it_is(cleaned):
        return Clarify(ClarifyReason.WHAT_IS, question("months_what_is"))
    return Clarify(ClarifyReason.HEDGE, question("months_hedge")) if is_hedge(cleaned) else NoAnswer()

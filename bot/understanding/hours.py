"""Hours of training: "35 hours", "a 40-hour course", "about 30ish", "none yet"."""

from __future__ import annotations

import math
import re
from typing import List

from bot.understanding.durations import clause_quantities, planned
from bot.understanding.hedges import asks_what_it_is, is_hedge
from bot.understanding.numbers import Quantity, below, is_negative
from bot.understanding.results import Clarify, ClarifyReason, NoAnswer, Result, Understood
from bot.understanding.text import clauses
from bot.understanding.words import compiled, note, phrase_pattern, question, words

MAX_HOURS = 10_000


# "done 15 of the 23 hours", "20 out of 35": the hours done, not the course's length.
_PART_OF = re.compile(r"(?<=\d)(\s*(?:h|hrs?|hours?))?\s+(?:out\s+)?of\s+(?:the\s+|my\s+)?\d+(?:\.\d+)?")


# "two agile courses, 16 hours each": the count times the hours.
_EACH = re.compile(
    r"\b(?P<n>2|3|4|5|two|three|four|five)\s+(?:\w+\s+){0,2}?(?:courses|classes|modules|workshops|trainings)\b"
    r"(?P<mid>[^.;]*?)\b(?P<h>\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)\s+each\b"
)
# "two risk courses: 24 hours and 20 hours": several courses named, so their hours add up.
_SEVERAL = re.compile(
    r"\b(?:2|3|4|two|three|four|both|several)\s+(?:\w+\s+){0,2}?(?:courses|classes|modules|workshops|trainings)\b"
)
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5}


def _times_each(match: re.Match[str]) -> str:
    count = _COUNT.get(match.group("n")) or int(match.group("n"))
    return f"{match.group('mid')} {float(match.group('h')) * count:g} hours in total"


def _instruction_only(cleaned: str) -> str:
    """ "10 hours class, 50 hours self study": the clauses of self-study left out when another
    clause names a course (one clause mixing both is asked about by read_hours)."""
    spans = [cleaned[b:e] for b, e in clauses(cleaned)]
    studied = [c for c in spans if _self_study(c)]
    taught = [
        c for c in spans if not _self_study(c) and compiled("course_words").search(_NO_COURSE.sub(" ", c))
    ]
    return " , ".join(c for c in spans if c not in studied) if studied and taught else cleaned


def read_hours(cleaned: str) -> Result:
    cleaned = _instruction_only(cleaned)
    cleaned = _PART_OF.sub(lambda m: m.group(1) or " hours", cleaned)
    cleaned = _EACH.sub(_times_each, cleaned)
    if _SEVERAL.search(cleaned) and not compiled("added_up").search(cleaned):
        cleaned += " in total"
    done = [q for q in clause_quantities(cleaned) if _amount(q) and q.unit in ("hours", "")]
    if any(q.unit == "hours" for q in done):  # "a 10 hour one": the "one" is no amount
        done = [q for q in done if q.unit == "hours" or q.amount != 1.0]
    everything = [q for q in clause_quantities(cleaned, skip_planned=False) if _amount(q)]
    if is_negative(cleaned):
        return Clarify(ClarifyReason.OUT_OF_RANGE, question("negative"))
    if everything and (_self_study_only(cleaned) or (len(everything) > 1 and _self_study(cleaned))):
        return Clarify(ClarifyReason.AMBIGUOUS, question("hours_self_study"))
    if _is_rate(cleaned):
        return Clarify(ClarifyReason.AMBIGUOUS, question("hours_rate"))
    course_length = _is_time(everything) and compiled("course_words").search(cleaned) is not None
    lengths = any(q.unit in ("days", "weeks") for q in everything) or course_length
    if lengths and not any(q.unit == "hours" for q in done):
        return Clarify(ClarifyReason.AMBIGUOUS, question("hours_days"))
    hours = [] if _is_time(everything) and not any(q.unit == "hours" for q in done) else done
    if hours:
        return _from_amounts(hours, cleaned)
    if compiled("hedges").search(cleaned) and not everything:
        return Clarify(ClarifyReason.HEDGE, question("hours_hedge"))
    planned = [q for q in everything if q.unit in ("hours", "")]
    if planned or (compiled("zero_answers").search(cleaned) and _in_a_course(cleaned)):
        return Understood(0.0, note("hours_planned"))
    if compiled("zero_answers").search(cleaned) and not everything:
        return Understood(0.0)
    if asks_what_it_is(cleaned):
        return Clarify(ClarifyReason.WHAT_IS, question("hours_what_is"))
    return (
        Clarify(ClarifyReason.HEDGE, question("hours_hedge"))
        if is_hedge(cleaned) and not everything
        else NoAnswer()
    )


def _is_rate(cleaned: str) -> bool:
    table = words()
    rate = phrase_pattern(table["rate_words"]) + r"\s*" + phrase_pattern(table["rate_units"])
    return re.search(r"\b(?:hours?|hrs?|h)\s*" + rate, cleaned) is not None


_NO_COURSE = re.compile(
    r"\b(?:no|not a|without(?: a)?|never did a|never took a)\s+(?:formal\s+)?(?:course|class|training)s?\b"
)


def _self_study(cleaned: str) -> bool:
    return compiled("self_study").search(cleaned) is not None


def _self_study_only(cleaned: str) -> bool:
    """Hours of study on one's own, with no course named ("no formal course" names none). With
    several amounts and self-study among them ("50 hours of tutorials at home plus a 10 hour
    class"), which hours were instruction is asked too (read_hours)."""
    courses = compiled("course_words").search(_NO_COURSE.sub(" ", cleaned))
    return _self_study(cleaned) and not courses


def _amount(q: Quantity) -> bool:
    return not q.year_like and not q.counts_things


def _is_time(found: List[Quantity]) -> bool:
    return any(q.unit in ("decades", "years", "months") for q in found)


def _in_a_course(cleaned: str) -> bool:
    return planned(cleaned)


def _from_amounts(hours: List[Quantity], cleaned: str) -> Result:
    if len(hours) > 1 and not compiled("added_up").search(cleaned):
        if len({q.amount for q in hours}) > 1:
            return Clarify(ClarifyReason.AMBIGUOUS, question("hours_several"))
        hours = hours[:1]
    total = sum(q.amount for q in hours)
    if below(cleaned, hours[0]):
        example = max(math.floor(total) - 2, 1)
        return Clarify(
            ClarifyReason.AMBIGUOUS, question("hours_below", amount=f"{total:g} hours", example=example)
        )
    if total > MAX_HOURS or any(q.amount < 0 for q in hours):
        return Clarify(ClarifyReason.OUT_OF_RANGE, question("hours_too_many"))
    value = float(math.floor(total * 100 + 1e-9) / 100)
    if hours[0].ranged:
        return Understood(value, note("lower_figure", amount=f"{hours[0].amount:g} hours"))
    return Understood(value, note("added_up") if len(hours) > 1 else None)

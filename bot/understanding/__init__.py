"""Understanding answers to the interview's questions (Contract B).

``read_answer(kind, text, today)`` reads one answer by meaning: negation ("no degree"),
plans ("studying for the CAPM"), lapsed credentials ("my PMP lapsed") and hedges ("not
sure") give the right value or a short clarifying question, never the word they mention.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Callable, Dict, Optional

from bot.certifications.kinds import FieldKind
from bot.understanding.certifications import (
    certifications_with_status,
    read_certifications,
    stale_held,
    still_active_question,
)
from bot.understanding.durations import read_months
from bot.understanding.education import levels_with_status, read_education
from bot.understanding.extras import extras
from bot.understanding.flag import read_flag
from bot.understanding.hedges import looks_like_question
from bot.understanding.hours import read_hours
from bot.understanding.results import Clarify, ClarifyReason, NoAnswer, Result, Understood
from bot.understanding.text import attached_elsewhere, clean
from bot.understanding.words import compiled

KINDS = tuple(FieldKind)  # the kinds of answer read_answer reads
_NOT_AMOUNT = re.compile(r"\bnot\s+\d+(?:\s*(?:years?|months?|hours?|hrs?|yrs?|h)\b)?(?!\s*(?:yet|done))")

_READERS: Dict[FieldKind, Callable[[str, dt.date], Result]] = {
    FieldKind.EDUCATION: lambda text, _today: read_education(text),
    FieldKind.FLAG: lambda text, _today: read_flag(text),
    FieldKind.CERTIFICATIONS: read_certifications,
    FieldKind.MONTHS: read_months,
    FieldKind.HOURS: lambda text, _today: read_hours(text),
}


def certification_statuses(text: str) -> Dict[str, str]:
    """How each certification named in ``text`` stands: held, planned, lapsed, absent or
    unfinished (the first mention of each; "held" when nothing is said about it)."""
    found: Dict[str, str] = {}
    for name, status in certifications_with_status(clean(text)):
        found.setdefault(name, status)
    return found


def names_education(text: str) -> bool:
    """Whether ``text`` names a level of education ("scrum master 2015 to 2020, nothing agile
    since" does not: "nothing" there is not "no education")."""
    return any(level != "none" for level, _ in levels_with_status(clean(text)))


def _corrected(kind: FieldKind, cleaned: str, today: dt.date) -> Optional[Result]:
    """ "18 hours, oh sorry, 28 hours": what follows the person's own correction, when it answers."""
    cues = list(compiled("corrections").finditer(cleaned))
    for cue in reversed(cues):  # the last correction that answers ("..., i forgot the second module")
        if not cleaned[: cue.start()].strip(" ,.;-"):
            return None
        after = cleaned[cue.end() :]
        for said in (_BEFORE_NOT.split(after, maxsplit=1)[0], after):  # "i meant 3 years not 5. ..."
            result = _READERS[kind](said, today)
            if isinstance(result, Understood):
                return result
    return None


_BEFORE_NOT = re.compile(r"[,.;]?\s*\bnot\b|[.;]")


def stale_certifications(text: str, today: dt.date) -> Dict[str, str]:
    """Certifications named as held with a year a renewal cycle ago or more, and the question
    that asks whether each is still active ("Your CAPM from 2019 needs renewing every 3 years...")."""
    return {name: still_active_question(name, year) for name, year in stale_held(clean(text), today)}


def read_answer(kind: FieldKind, text: str, today: Optional[dt.date] = None) -> Result:
    """What ``text`` says as an answer to a question of ``kind`` (a plain string is read as
    its FieldKind; another one raises ValueError)."""
    if kind not in _READERS:
        raise ValueError(f"unknown answer kind {kind!r}; expected one of {', '.join(KINDS)}")
    kind = FieldKind(kind)
    if not isinstance(text, str) or not text.strip():
        return NoAnswer()
    cleaned = _NOT_AMOUNT.sub(" ", clean(text))  # "6 years not 4": the figure taken back is no answer
    if compiled("refusals").fullmatch(cleaned.strip(" .!")):
        return NoAnswer()
    result = _corrected(kind, cleaned, today or dt.date.today()) or _READERS[kind](
        cleaned, today or dt.date.today()
    )
    found = extras(kind, cleaned)
    return dataclasses.replace(result, extra=found) if found else result


__all__ = [
    "KINDS",
    "Clarify",
    "ClarifyReason",
    "NoAnswer",
    "Result",
    "Understood",
    "attached_elsewhere",
    "certification_statuses",
    "looks_like_question",
    "names_education",
    "read_answer",
    "stale_certifications",
]

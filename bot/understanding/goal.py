"""Cues that a message asks about the speaker's own chance at a certification.

``check_cues(text)`` gives a short vector of 0/1 features (first person, "can I", "I want to",
"eligible", "get / sit / take", a certification named, another person, a general question, and
their pairs). The classifier learns their weights beside the text's n-grams, so a new way of
asking ("would I meet the PgMP requirements") needs no training example of its own.
"""

from __future__ import annotations

import functools
import re
from typing import List, Tuple

from bot.understanding.certifications import certifications_with_status
from bot.understanding.education import levels_with_status
from bot.understanding.numbers import Quantity, quantities
from bot.understanding.text import ABSENT, LAPSED, certification_names, clean
from bot.understanding.words import compiled

GROUPS = ("self", "self_ask", "want", "verdict", "acquire", "other_person", "general")
PAIRS: Tuple[Tuple[str, str], ...] = (
    ("self_ask", "certification"),
    ("want", "certification"),
    ("self", "verdict"),
    ("self_ask", "verdict"),
    ("acquire", "certification"),
    ("self", "general"),
    ("other_person", "verdict"),
)
WIDTH = len(GROUPS) + 1 + len(PAIRS)


def _found(text: str) -> dict[str, bool]:
    lowered = _lowered(text)
    found = {group: bool(compiled("goal_cues", group).search(lowered)) for group in GROUPS}
    found["certification"] = bool(certification_names().search(lowered))
    return found


def _lowered(text: str) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


def for_someone_else_or_general(text: str) -> bool:
    """True when ``text`` has no "I" / "me" but names another person or asks in general: such a
    message ("my colleague has 3 years, can she apply?", "who is eligible for the CAPM") is at
    most a near tie, never a sure check."""
    lowered = _lowered(text)
    if compiled("goal_cues", "someone_else_asks").search(lowered):
        return True  # "one of my students asked if she can take the CAPM"
    if compiled("goal_cues", "speaker").search(lowered):
        return False
    return any(compiled("goal_cues", group).search(lowered) for group in ("someone_else", "general"))


def only_lapsed_named(text: str) -> bool:
    """Every certification named is lapsed or not held ("my pmp expired, what can i do"): the
    question is about that credential, so at most a near tie."""
    found = certifications_with_status(clean(text or ""))
    return bool(found) and all(status in (LAPSED, ABSENT) for _, status in found)


def _states_own_facts(cleaned: str) -> bool:
    """An amount of time or training, or a degree, is said ("3 years", "35 hrs", "MSc"); not how
    often or how soon ("retake it in a year", "renew every 3 years")."""
    return bool(_amounts(cleaned) or levels_with_status(cleaned))


def _amounts(cleaned: str) -> List[Quantity]:
    """Years, months or hours said, not how often or how soon ("retake it in a year")."""
    cleaned = _how_often().sub(" ", cleaned)
    cleaned = re.sub(r"\b\d+\s*(?:pdus?|ceus?|seus?)\b", " ", cleaned)  # "30 PDUs": renewal, not training
    return [q for q in quantities(cleaned) if q.unit in ("years", "months", "hours") and not q.year_like]


@functools.cache
def _how_often() -> re.Pattern[str]:
    """ "in a year", "every 3 years": how often or how soon, not an amount of experience."""
    lead = compiled("goal_cues", "not_a_fact_before").pattern
    return re.compile(lead + r"\s+(?:\d+\s*|an?\s+)?(?:years?|months?|weeks?|days?|hours?)\b")


def _says_verdict(lowered: str) -> bool:
    """An eligibility word ("eligible", "qualify", "enough") that is not about the exam itself."""
    lowered = compiled("goal_cues", "not_verdict").sub(" ", lowered)
    return compiled("goal_cues", "verdict").search(lowered) is not None


def about_the_exam_itself(text: str) -> bool:
    """A question about the exam or the credential ("can I take the CAPM online?", "could I get
    a refund if I cancel my PMI-RMP exam?") with no eligibility word and no fact about the
    speaker: at most a near tie, whatever "can I" and the certification's name suggest."""
    lowered = _lowered(text)
    if not compiled("goal_cues", "about_the_exam").search(lowered):
        return False
    return not _says_verdict(lowered) and not _states_own_facts(clean(text or ""))


def nobody_asks_a_verdict(text: str) -> bool:
    """No "I" or "my", no eligibility word and no amount ("can a high school student take the
    CAPM?", "which certification is best for a beginner?"): a question in general, at most a
    near tie. "MSc, 3 yrs as PM - pmp ok?" says its amounts, so it stays a check."""
    lowered = _lowered(text)
    if compiled("goal_cues", "self").search(lowered) or _says_verdict(lowered):
        return False
    return not _amounts(clean(text or ""))


def no_checking_act(text: str) -> bool:
    """ "can I" and a certification, but no eligibility word, no fact about the speaker, no wish
    and no "acquire" verb before the name ("can I take the PRINCE2 manual into the exam?")."""
    lowered = _lowered(text)
    if not compiled("goal_cues", "self_ask").search(lowered) or _says_verdict(lowered):
        return False
    if compiled("goal_cues", "want").search(lowered) or _states_own_facts(clean(text or "")):
        return False
    return not any(
        _acquired(lowered[: m.start()])
        and not compiled("goal_cues", "thing_after_name").match(lowered[m.end() :].lstrip())
        for m in certification_names().finditer(lowered)
    )


def _acquired(before: str) -> bool:
    """ "... sit for the", "... go straight to": an acquire verb ends ``before``, fillers aside."""
    return _acquire_at_end().search(before[-50:]) is not None


@functools.cache  # on every message's path (the classifier): compiled once
def _acquire_at_end() -> re.Pattern[str]:
    verbs, fillers = (
        compiled("goal_cues", "acquire").pattern,
        compiled("goal_cues", "acquire_fillers").pattern,
    )
    return re.compile(f"{verbs}(?:[\\s-]+{fillers})*[\\s-]*$")


def not_a_sure_check(text: str) -> bool:
    """A message the check regression likes that still must ask "check, or ...?" first."""
    return (
        for_someone_else_or_general(text)
        or nobody_asks_a_verdict(text)
        or only_lapsed_named(text)
        or about_the_exam_itself(text)
        or no_checking_act(text)
    )


def check_cues(text: str) -> List[float]:
    """The cue features of ``text``: one per group, the certification, then each pair."""
    found = _found(text)
    singles = [float(found[g]) for g in (*GROUPS, "certification")]
    return singles + [float(found[a] and found[b]) for a, b in PAIRS]

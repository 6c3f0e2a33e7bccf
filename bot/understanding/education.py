"""Highest education from an answer: the highest level the person has finished.

A level named in a negative, unfinished or planned sense is not held ("no degree",
"dropped out of college", "doing my bachelor's now"); the answer is never read upward from
any word in the sentence.
"""

from __future__ import annotations

import functools
import re
from typing import List, Tuple

from bot.certifications import load_catalog
from bot.understanding.hedges import asks_what_it_is, is_hedge
from bot.understanding.mentions import Name, blank, find_names, find_typos
from bot.understanding.results import Clarify, ClarifyReason, NoAnswer, Result, Understood
from bot.understanding.text import ABSENT, HELD, LAPSED, PLANNED, UNFINISHED, statuses
from bot.understanding.words import note, question, words

LEVELS = ("none", "secondary", "associate", "bachelor", "master", "doctorate")
TERTIARY = "tertiary"  # a degree or college whose level was not said
LABELS = {
    "secondary": "high school",
    "associate": "associate degree",
    "bachelor": "bachelor's",
    "master": "master's",
    "doctorate": "doctorate",
    TERTIARY: "degree",
}


@functools.cache
def _names() -> Tuple[Name, ...]:
    out: List[Name] = []
    for level, kinds in words()["education"].items():
        out += [Name(str(a).lower(), level) for a in kinds.get("strong", [])]
        out += [Name(str(a).lower(), level, weak=True) for a in kinds.get("weak", [])]
    return tuple(out)


def _not_education() -> List[str]:
    """Certification names ("certified associate in ...", "scrum master") are not degrees."""
    catalog = load_catalog()
    long_aliases = [a for a in catalog.aliases if len(a) > 4]
    return list(words()["not_education"]) + long_aliases


_A_COURSE_AFTER = re.compile(r"\s*(?:level\s+)?(?:course|class|module|lecture)s?\b")


def levels_with_status(cleaned: str) -> List[Tuple[str, str]]:
    """(level, status) for each level named in ``cleaned``, in reading order."""
    text = blank(cleaned, _not_education())
    mentions, masked = find_names(text, _names())
    mentions = sorted(
        mentions + find_typos(masked, _names(), words()["education_not_typos"]), key=lambda m: m.start
    )
    mentions = [m for m in mentions if not _A_COURSE_AFTER.match(text[m.end :])]  # "a 24 h university course"
    found = statuses(text, mentions)
    return [(m.key, LAPSED if s == LAPSED else s) for m, s in zip(mentions, found, strict=False)]


def read_education(cleaned: str) -> Result:
    named = levels_with_status(cleaned)
    if not named:
        if asks_what_it_is(cleaned):
            return Clarify(ClarifyReason.WHAT_IS, question("education_what_is"))
        return Clarify(ClarifyReason.HEDGE, question("education_hedge")) if is_hedge(cleaned) else NoAnswer()
    unfinished = {lvl for lvl, status in named if status in (PLANNED, UNFINISHED)}
    # "I'm in the last year of my bachelor's ... With bachelor it's 36 months right?": a degree
    # said to be unfinished anywhere is not held (set I, i028 was a wrong PMP "eligible").
    held = [lvl for lvl, status in named if status in (HELD, LAPSED) and lvl not in unfinished]
    not_held = [(lvl, status) for lvl, status in named if status not in (HELD, LAPSED)]
    specific = [lvl for lvl in held if lvl in LEVELS]
    if specific:
        best = max(specific, key=LEVELS.index)
        if TERTIARY in held and LEVELS.index(best) < LEVELS.index("associate"):
            return Clarify(ClarifyReason.AMBIGUOUS, question("education_which_degree"))
        higher = [
            lvl
            for lvl, status in not_held
            if status in (PLANNED, UNFINISHED) and (lvl == TERTIARY or LEVELS.index(lvl) > LEVELS.index(best))
        ]
        return Understood(best, note("education_not_held", level=LABELS.get(best, best)) if higher else None)
    if TERTIARY in held:
        return Clarify(ClarifyReason.AMBIGUOUS, question("education_which_degree"))
    return _nothing_held(not_held)


def _nothing_held(not_held: List[Tuple[str, str]]) -> Result:
    """Only levels that are not held were named: what does that leave?"""
    statuses_of = {status for _, status in not_held}
    levels = [lvl for lvl, _ in not_held]
    school = {s for lvl, s in not_held if lvl == "secondary"}
    if {UNFINISHED, ABSENT} & school:
        return Understood("none")
    if PLANNED in school:  # "I graduate high school in June"
        return Understood("none", note("education_school_planned"))
    if any(lvl in ("master", "doctorate") for lvl in levels) and PLANNED not in statuses_of:
        return Clarify(ClarifyReason.AMBIGUOUS, question("education_finished"))
    if UNFINISHED in statuses_of:
        return Understood("secondary", note("education_unfinished"))
    if PLANNED in statuses_of:
        planned = next(lvl for lvl, status in not_held if status == PLANNED)
        return Clarify(
            ClarifyReason.PLANNED, question("education_planned", level=LABELS.get(planned, "degree"))
        )
    if levels == ["none"] * len(levels):
        return Understood("none")
    return Clarify(ClarifyReason.AMBIGUOUS, question("education_no_degree"))

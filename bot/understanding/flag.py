"""Yes/no answers to the GAC question ("not sure" counts as no, and says so)."""

from __future__ import annotations

import re
from typing import List, Tuple

from bot.understanding.hedges import asks_what_it_is
from bot.understanding.results import Clarify, ClarifyReason, NoAnswer, Result, Understood
from bot.understanding.words import compiled, note, question

_INTERJECTIONS = {
    "yes",
    "yeah",
    "yep",
    "yup",
    "yea",
    "ya",
    "y",
    "no",
    "nope",
    "nah",
    "n",
    "nop",
    "noo",
    "nooo",
}


def _answers(cleaned: str) -> List[Tuple[int, bool, str]]:
    """(position, yes?, words) of every yes or no in the answer, in reading order."""
    found = [(m.start(), True, m.group(0)) for m in compiled("yes_words").finditer(cleaned)]
    found += [(m.start(), False, m.group(0)) for m in compiled("no_words").finditer(cleaned)]
    return sorted(found)


def read_flag(cleaned: str) -> Result:
    answers = _answers(cleaned)
    unsure = compiled("hedges").search(cleaned) is not None
    if asks_what_it_is(cleaned) and (unsure or not (answers and answers[0][2] in _INTERJECTIONS)):
        return Clarify(ClarifyReason.WHAT_IS, question("flag_what_is"))
    if compiled("hedges_no").search(cleaned):
        return Understood(False, note("flag_leaning_no"))
    if compiled("hedges").search(cleaned):
        return Understood(False, note("flag_unsure"))
    if compiled("hedges_yes").search(cleaned):
        if any(not yes for _, yes, _ in answers):
            return Understood(False, note("flag_leaning_no"))
        return Clarify(ClarifyReason.HEDGE, question("flag_hedge"))
    if not answers:
        if compiled("accredited_other").search(cleaned):
            return Clarify(ClarifyReason.AMBIGUOUS, question("flag_accredited_other"))
        return NoAnswer()
    first = answers[0]
    value = first[1] if first[2] in _INTERJECTIONS or all(yes == first[1] for _, yes, _ in answers) else False
    other = not compiled("gac_words").search(cleaned) and compiled("accredited_other").search(cleaned)
    if value and other and not re.match(r"^\W*(yes|yeah|yep|yup)\b", cleaned):
        return Clarify(ClarifyReason.AMBIGUOUS, question("flag_accredited_other"))
    return Understood(value)

"""Certifications held now: canonical catalog names, () for "none".

A certification named as planned ("studying for the CAPM"), lapsed ("my PMP lapsed") or
absent ("no PMP", "failed the PMP") is not held.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Dict, List, Optional, Tuple

from bot.certifications import load_catalog
from bot.certifications.catalog import normalize_alias
from bot.understanding.hedges import asks_what_it_is, is_hedge
from bot.understanding.mentions import Name, find_names
from bot.understanding.results import Clarify, ClarifyReason, NoAnswer, Result, Understood
from bot.understanding.text import ABSENT, HELD, LAPSED, PLANNED, UNFINISHED, Mention, clauses, statuses
from bot.understanding.words import compiled, note, phrase_pattern, question, words


@functools.cache
def _names() -> Tuple[Name, ...]:
    weak = {normalize_alias(str(w)) for w in words()["weak_certification_aliases"]}
    return tuple(
        Name(alias, name, weak=alias in weak or len(alias) <= 2, article_needs_mark=True)
        for alias, name in load_catalog().aliases.items()
    )


def _split_levels(cleaned: str) -> str:
    """ "psm1" -> "psm 1" when "psm" is a certification name ("prince2" stays as it is)."""
    aliases = load_catalog().aliases

    def split(match: re.Match[str]) -> str:
        whole, stem = match.group(0), match.group(1)
        return f"{stem} {match.group(2)}" if whole not in aliases and stem in aliases else whole

    return re.sub(r"\b([a-z]{2,})([1-4])\b", split, cleaned)


def _mentions_with_status(cleaned: str) -> Tuple[str, List[Tuple[Mention, str]]]:
    """The text as read (levels split: "psm2" -> "psm 2") and each certification mention in it
    with its status, in reading order."""
    cleaned = _split_levels(cleaned)
    mentions, _ = find_names(cleaned, _names())
    found = statuses(cleaned, mentions, share_across_commas=True)
    return cleaned, list(zip(mentions, found, strict=False))


def certifications_with_status(cleaned: str) -> List[Tuple[str, str]]:
    """(canonical name, status) for each certification named, in reading order."""
    return [(m.key, s) for m, s in _mentions_with_status(cleaned)[1]]


def held_not_relied_on(cleaned: str) -> Tuple[str, ...]:
    """Certifications named as held, leaving out ones only relied on ("no course, I was counting
    on the CAPM"): every mention after a ``not_held_before_name`` cue."""
    text, found = _mentions_with_status(cleaned)
    cue = re.compile(phrase_pattern(words()["not_held_before_name"]) + r"[\w\s'-]{0,8}$")
    held = [
        m.key
        for m, status in found
        if status == HELD and not cue.search(text[max(0, m.start - 40) : m.start])
    ]
    return tuple(dict.fromkeys(held))


def held_certifications(cleaned: str) -> Tuple[str, ...]:
    out: List[str] = []
    for name, status in certifications_with_status(cleaned):
        if status == HELD and name not in out:
            out.append(name)
    return tuple(out)


_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")


def _validity_years(name: str) -> Optional[int]:
    cert = load_catalog().certifications.get(name)  # names beyond the catalog: PSM, SAFe ...
    years = cert.exam.facts.get("validity_years") if cert else None
    return int(years) if years else None


def stale_held(cleaned: str, today: dt.date) -> List[Tuple[str, int]]:
    """(name, year) of each certification named as held with a year at least one renewal
    cycle ago ("capm (from 2019)") and no word that it is still current: it may have lapsed."""
    if compiled("still_current").search(cleaned) and not compiled("not_current").search(cleaned):
        return []
    cleaned, found = _mentions_with_status(cleaned)
    spans = clauses(cleaned)
    stale: List[Tuple[str, int]] = []
    for mention, status in found:
        clause = next((cleaned[b:e] for b, e in spans if b <= mention.start < e), "")
        year = _YEAR.search(clause)
        validity = _validity_years(mention.key)
        if status == HELD and year and validity and int(year.group(1)) + validity <= today.year:
            stale.append((mention.key, int(year.group(1))))
    return stale


def _is_none(cleaned: str) -> bool:
    return bool(compiled("zero_answers").search(cleaned))


def read_certifications(cleaned: str, today: dt.date) -> Result:
    named = certifications_with_status(cleaned)
    held = held_certifications(cleaned)
    stale = stale_held(cleaned, today)
    if stale:
        return Clarify(ClarifyReason.AMBIGUOUS, still_active_question(*stale[0]))
    left_out = [
        name for name, status in named if status in (PLANNED, LAPSED, UNFINISHED) and name not in held
    ]
    if held:
        return Understood(
            held, note("certifications_not_held", names=", ".join(left_out)) if left_out else None
        )
    if not named:
        if asks_what_it_is(cleaned):
            return Clarify(ClarifyReason.WHAT_IS, question("certifications_what_is"))
        if _is_none(cleaned):
            return Understood(())
        return (
            Clarify(ClarifyReason.HEDGE, question("certifications_hedge"))
            if is_hedge(cleaned)
            else NoAnswer()
        )
    if all(status == ABSENT for _, status in named) or _is_none(cleaned):
        return Understood(
            (), note("certifications_not_held", names=", ".join(left_out)) if left_out else None
        )
    lapsed = [name for name, status in named if status == LAPSED]
    if lapsed:  # "it lapsed in 2024": said plainly, so no "is it active again?" round
        return Understood((), note("certifications_lapsed", names=", ".join(lapsed)))
    planned = [name for name, status in named if status in (PLANNED, UNFINISHED)]
    return Clarify(ClarifyReason.PLANNED, question("certifications_planned", name=planned[0]))


def still_active_question(name: str, year: int) -> str:
    """ "Is your CAPM from 2019 still active?", with its renewal cycle."""
    return question("certifications_still_active", name=name, year=year, cycle=_validity_years(name))


def with_contextual_names(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The certification entities of ``text`` plus the names that are one only beside their
    family's ("... PRINCE2 Foundation. Can I go straight to Practitioner?"), in reading order."""
    lowered = text.lower()
    found = list(entities)
    spans = [(int(e.get("start") or 0), int(e.get("end") or 0)) for e in entities]
    for rule in words()["contextual_names"]:
        if not re.search(rf"\b{rule['family']}\b", lowered):
            continue
        for match in re.finditer(rf"\b{re.escape(str(rule['word']))}\b", lowered):
            if not any(start <= match.start() < end for start, end in spans):
                found.append(
                    {
                        "entity": "certification",
                        "value": rule["name"],
                        "start": match.start(),
                        "end": match.end(),
                    }
                )
    return sorted(found, key=lambda e: int(e.get("start") or 0))

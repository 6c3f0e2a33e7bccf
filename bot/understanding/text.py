"""Cleaning text, splitting it into clauses, and reading the context of a named thing.

A degree or certification named in an answer is held, absent, unfinished, planned or lapsed
depending on the words around it in its clause ("no degree", "doing a bachelor's now",
"my PMP lapsed"); see the ``cues`` in words.yml.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from bot.understanding.words import compiled, phrase_pattern, words

HELD, ABSENT, UNFINISHED, PLANNED, LAPSED = "held", "absent", "unfinished", "planned", "lapsed"
STATUSES = (HELD, ABSENT, UNFINISHED, PLANNED, LAPSED)
MAX_TEXT = 2000


def clean(text: str) -> str:
    """Lower case, straight quotes, one space between words, dashes as '-'."""
    text = text[:MAX_TEXT].replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text).lower()
    return " ".join(text.split())


@dataclass(frozen=True)
class Mention:
    """A thing named at ``start:end`` of the cleaned text."""

    start: int
    end: int
    key: str


@functools.cache
def _clause_break() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in words()["clause_breaks"]))


def clauses(text: str) -> List[Tuple[int, int]]:
    """(start, end) spans of the clauses of ``text``."""
    spans: List[Tuple[int, int]] = []
    start = 0
    for match in _clause_break().finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = max(start, match.end())
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _clause_of(spans: Sequence[Tuple[int, int]], position: int) -> int:
    for index, (start, end) in enumerate(spans):
        if start <= position < end:
            return index
    return len(spans) - 1


@functools.cache
def _cue_patterns(where: str) -> Dict[str, re.Pattern[str]]:
    table = words()["cues"]
    return {s: re.compile(phrase_pattern(table[s][where])) for s in STATUSES if where in table.get(s, {})}


def _nearest_before(segment: str) -> Optional[str]:
    """The status of the cue that ends nearest the end of ``segment`` (longest on a tie)."""
    best: Optional[Tuple[int, int, str]] = None
    for status, pattern in _cue_patterns("before").items():
        for match in pattern.finditer(segment):
            rank = (match.end(), match.end() - match.start(), status)
            if best is None or rank[:2] > best[:2]:
                best = rank
    return best[2] if best else None


def names_a_course(after: str) -> bool:
    """Whether the words right after a certification's name make it a course or a book ("a PMP
    prep course"), not the certification."""
    return bool(_right_after().match(after.lower()))


@functools.cache
def _right_after() -> re.Pattern[str]:
    return re.compile(r"^[\s()]*" + phrase_pattern(words()["cues"][PLANNED]["right_after"]))


def _first_after(segment: str) -> Tuple[int, Optional[str]]:
    """The first cue after a name: (where it starts, its status)."""
    best: Tuple[int, Optional[str]] = (len(segment), None)
    for status, pattern in _cue_patterns("after").items():
        match = pattern.search(segment)
        if match and match.start() < best[0]:
            best = (match.start(), status)
    return best


def _is_joiner(segment: str) -> bool:
    stripped = " ".join(segment.replace(",", " , ").split())
    return stripped in {str(j) for j in words()["list_joiners"]}


def _dangling(segment: str) -> Optional[str]:
    for status in (LAPSED, UNFINISHED, PLANNED, ABSENT):
        if compiled("dangling", status).search(segment):
            return status
    return None


def statuses(text: str, mentions: Sequence[Mention], share_across_commas: bool = False) -> List[str]:
    """The status of each mention (in order) from the words around it."""
    spans = clauses(text)
    ordered = sorted(mentions, key=lambda m: m.start)
    out: List[str] = []
    for index, mention in enumerate(ordered):
        clause = _clause_of(spans, mention.start)
        previous = ordered[index - 1] if index else None
        same_clause = previous is not None and _clause_of(spans, previous.start) == clause
        left = previous.end if same_clause and previous else spans[clause][0]
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        right = spans[clause][1]
        if following is not None and _clause_of(spans, following.start) == clause:
            right = following.start
        before, after = text[left : mention.start], text[mention.end : right]
        status = PLANNED if _right_after().match(after) else _nearest_before(before) or _first_after(after)[1]
        if status is None and previous is not None and out:
            inherit = same_clause and _is_joiner(before)
            gap = text[previous.end : mention.start]
            inherit = inherit or (share_across_commas and _is_joiner(gap) and "," in gap)
            status = out[-1] if inherit else None
        dangling = _from_next_clause(text, spans, clause, ordered)
        if status == HELD and LAPSED in (_dangling(after.strip(" ,.")), dangling):
            status = LAPSED  # "got the CAPM in 2019, but it expired": the lapse came after
        out.append(status or dangling or HELD)
    return out


def _from_next_clause(
    text: str, spans: Sequence[Tuple[int, int]], clause: int, mentions: Sequence[Mention]
) -> Optional[str]:
    """A status given by the next clause when it names nothing itself ("... but it lapsed")."""
    for start, end in spans[clause + 1 :]:
        if any(start <= m.start < end for m in mentions):
            return None
        segment = text[start:end].strip(" ,.")
        found = _dangling(segment)
        if found or segment in {str(w) for w in words()["dangling_whole"]}:
            return found or ABSENT
    return None


def find(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


@functools.cache
def _any_work_topic() -> re.Pattern[str]:
    """The words of any kind of experience: project work, agile, programs, risk, scheduling..."""
    from bot.certifications import FieldKind, load_catalog  # data; it never imports this module

    topics = [words()["topic"]["pm_experience_months"]]
    topics += [pattern for pattern, _ in load_catalog().field_topics(FieldKind.MONTHS)]
    return re.compile("|".join(f"(?:{t})" for t in topics))


@functools.cache
def certification_names() -> re.Pattern[str]:
    """Any certification's name or alias, as a word."""
    from bot.certifications import load_catalog  # the catalog is data; it never imports this module

    return re.compile(phrase_pattern(load_catalog().aliases))


def attached_elsewhere(text: str, start: int) -> bool:
    """Whether the number at ``start`` sits in a clause about something other than work
    ("I had the CAPM but it expired two years ago", "an active capm since 2024"), so it must
    not fill experience."""
    lowered = text.lower()
    for begin, end in clauses(lowered):
        if begin <= start < end:
            clause = lowered[begin:end]
            other = compiled("attached_elsewhere").search(clause) or certification_names().search(clause)
            return bool(other) and not _any_work_topic().search(clause)
    return False


def work_clauses(text: str) -> str:
    """``text`` without the clauses about something other than work ("2014 to 2020 leading
    projects, since 2021 im a developer" -> "2014 to 2020 leading projects"), when a clause
    with a number is left."""
    spans = clauses(text)
    kept = [text[b:e] for b, e in spans if not attached_elsewhere(text, b)]
    if len(kept) == len(spans) or not any(re.search(r"\d", clause) for clause in kept):
        return text
    return ", ".join(kept)

"""Understanding a message in the interview: the answer to the pending question first
(``bot.understanding``, Contract B), then other facts the person volunteered.

The only place that imports the answer readers, so swapping them is one line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Optional, Tuple, Union

from bot.certifications import ClarifyReason, FieldKind, Goal, RequirementKind, evaluate, load_catalog
from bot.interview import fields
from bot.interview.state import Message, State
from bot.profile import Profile, ProfileError
from bot.understanding import (
    Clarify,
    NoAnswer,
    Understood,
    attached_elsewhere,
    certification_statuses,
    looks_like_question,
    names_education,
    read_answer,
    stale_certifications,
)
from bot.understanding.certifications import with_contextual_names
from bot.understanding.text import ABSENT, HELD, LAPSED, PLANNED, UNFINISHED, clauses, names_a_course
from bot.understanding.words import compiled, note, phrase_pattern, question, words

__all__ = ["Clarify", "NoAnswer", "Understood", "looks_like_question", "read_answer"]

Result = Union[Understood, Clarify, NoAnswer]
# After "no degree" the education question becomes "did you finish high school?": yes / no.
_FINISHED_SCHOOL = {True: "secondary", False: "none"}
# Words of a question that say nothing about its topic, and the words of each asked thing.
_GENERIC_QUESTION_WORDS = re.compile(
    r"\b(what|what's|whats|is|are|a|an|the|that|this|it|do|does|you|mean|by|exactly|sorry|huh|so|s)\b"
)
_ASKED_THING = {
    FieldKind.FLAG: r"\bgac\b|accredit",
    FieldKind.EDUCATION: r"educat|degree|level",
    FieldKind.CERTIFICATIONS: r"certif|credential|active",
    FieldKind.MONTHS: r"experience|count|months?\b|years?\b",
    FieldKind.HOURS: r"hours?\b|contact|training",
}
# Words a button payload stands for, by intent.
_PAYLOAD_WORDS = {"affirm": "yes", "deny": "no"}
_ENTITY_KIND = {
    "education_level": FieldKind.EDUCATION,
    "duration": FieldKind.MONTHS,
    "hours": FieldKind.HOURS,
    "certification": FieldKind.CERTIFICATIONS,
}
_NEITHER = (LAPSED, ABSENT, UNFINISHED)
_HOURS = re.compile(r"\b\d+\s*(?:of the\s+|of my\s+)?(?:h|hrs?|hours?)\b")
_AMOUNT = re.compile(r"\d|\b(?:since|a year|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_DENIED_BEFORE = re.compile(r"\b(?:no|not|never|without|zero)\b(?:\s+\w+){0,2}\s*$")  # "no dedicated"
_ABOUT = re.compile(r"\b(for|about|sit|take|apply|check|instead)\b[\w\s-]{0,10}$")


@dataclass
class Heard:
    """What a message told us: field values, notes to echo, problems, certifications asked about."""

    updates: Dict[str, Any] = field(default_factory=dict)
    notes: List[str] = field(default_factory=list)
    problems: Dict[str, str] = field(default_factory=dict)
    targets: List[str] = field(default_factory=list)
    clarify: Optional[Clarify] = None


def answer_text(message: Message) -> str:
    """The words to read as an answer: typed text, or what a button's payload stands for."""
    if not message.is_payload:
        return message.text
    values = [str(e.get("value", "")) for e in message.entities if e.get("entity") in _ENTITY_KIND]
    return " and ".join(values) or _PAYLOAD_WORDS.get(message.intent, "")


def _about_the_question(text: str, kind: FieldKind) -> bool:
    """ "what is GAC?", "what do you mean?": a question about the question just asked (a
    question about anything else, "what is a gantt chart?", is a side question)."""
    words = re.sub(r"[^\w\s']", " ", text.lower())
    rest = _GENERIC_QUESTION_WORDS.sub(" ", words).split()
    return not rest or bool(re.search(_ASKED_THING[kind], words))


def read_pending(requested: Optional[str], message: Message, today: dt.date) -> Result:
    """The message read as an answer to the pending question (NoAnswer if none is pending,
    or if it is plainly a side question)."""
    kind = fields.kind(requested)
    if kind is None:
        return NoAnswer()
    text = answer_text(message)
    result = read_answer(kind, text, today)
    side_question = not message.is_payload and looks_like_question(text)
    what_is = isinstance(result, Clarify) and result.reason == ClarifyReason.WHAT_IS
    about_the_question = what_is and _about_the_question(text, kind)
    if side_question and not about_the_question:
        return NoAnswer()  # nor are the numbers in a question facts about the person
    return result


def adds_or_corrects_a_fact(message: Message) -> bool:
    """ "oops, the course was actually 16 hours, not 23", "i also finished a 35h pmp course": a
    correction or an addition that carries a fact (the dialogue policy's test after a verdict,
    when no question is pending; set H, h002 got "I don't know")."""
    if message.is_payload or looks_like_question(message.text):
        return False
    facts = [e for e in message.entities if e.get("entity") in ("education_level", "duration", "hours")]
    lowered = message.text.lower()
    return bool(facts) and any(compiled(k).search(lowered) is not None for k in ("corrections", "additions"))


def pending_answer(requested: Optional[str], message: Message, today: dt.date) -> bool:
    """True when the message answers the pending question (the dialogue policy's test)."""
    return not isinstance(read_pending(requested, message, today), NoAnswer)


@functools.cache
def _before_pattern(key: str) -> re.Pattern[str]:
    return re.compile(phrase_pattern(words()[key]) + r"[\w\s'-]{0,12}$")


def _cue_before(key: str, before: str) -> bool:
    """One of the cues of ``words()[key]`` just before a name (a few words between are fine)."""
    return bool(_before_pattern(key).search(before))


def certification_asked(text: str, entities: List[Dict[str, Any]]) -> Optional[str]:
    """The certification a request to be checked is about (not one held, lapsed or a course)."""
    _, targets, _ = _certifications_named(Message(text, "check_eligibility", entities), State())
    return targets[0] if targets else None


@functools.cache
def _held_after() -> re.Pattern[str]:
    return re.compile(r"^[\s(:,-]*" + phrase_pattern(words()["held_after_name"]))


def answers_instead(message: Message, state: State, today: dt.date) -> bool:
    """A message taken for "check me" that answers the pending question and names no other
    certification to check ("capm but it expired in 2025"): it is an answer."""
    if message.intent != "check_eligibility" or not state.requested or message.is_payload:
        return False
    _, targets, _ = _certifications_named(message, state)
    if any(t != state.target for t in targets) and _asks_a_check(message.text):
        return False  # "am I eligible for the CAPM instead?"
    return pending_answer(state.requested, message, today)


def _asks_a_check(text: str) -> bool:
    """A question, or words that ask to be checked ("can I", "eligible"): not "just the 23 hours
    I did for the CAPM in 2019", which answers the hours question."""
    lowered = text.lower()
    cues = compiled("goal_cues", "self_ask").search(lowered) or compiled("goal_cues", "verdict").search(
        lowered
    )
    return looks_like_question(text) or cues is not None


def _default_field(wanted: FieldKind, state: State, profile: Profile, today: dt.date) -> str:
    if fields.kind(state.requested) == wanted and state.requested:
        return state.requested
    cert = load_catalog().certifications.get(state.target or state.verdict_for or "")
    if cert is not None:
        for name in evaluate(profile, cert.name, today).missing_info:
            if fields.kind(name) == wanted:
                return name
        requirement = RequirementKind.EXPERIENCE if wanted == FieldKind.MONTHS else RequirementKind.TRAINING
        primary = cert.first_field(requirement)
        if primary:
            return primary
    return "pm_experience_months" if wanted == FieldKind.MONTHS else "pm_education_hours"


def _certifications_named(message: Message, state: State) -> Tuple[List[str], List[str], List[str]]:
    """(held, asked about, unknown) certifications named in the message."""
    catalog = load_catalog()
    held: List[str] = []
    targets: List[str] = []
    unknown: List[str] = []
    choosing = state.goal == Goal.ELIGIBILITY and state.target is None and state.requested is None
    statuses = certification_statuses(message.text) if not message.is_payload else {}
    courses: List[str] = []  # "halfway through my capm prep": the one to check, if no other is
    strong: List[str] = []  # "... count towards the pmp": the one to check, first
    for entity in with_contextual_names(message.text, message.entities):
        if entity.get("entity") != "certification":
            continue
        raw = str(entity.get("value", ""))
        name = catalog.canonical_certification(raw)
        if name is None:
            unknown.append(raw[:60])
            continue
        status = statuses.get(name, HELD)
        start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
        after = message.text[end : end + 25].lower()
        if status in _NEITHER:
            continue  # "my csm expired", "no capm": not held, not asked about
        if names_a_course(after):
            courses.append(name)  # "a capm prep course" is not a CAPM held
            continue
        before = message.text[max(0, start - 30) : start].lower()
        relied_on = _cue_before("not_held_before_name", before)  # "I was counting on the CAPM"
        held_now = not relied_on and (
            message.intent == "inform"
            or bool(_cue_before("held_before_name", before) or _held_after().match(after))
        )
        is_held = status != PLANNED and held_now
        if choosing or _ABOUT.search(before):
            is_held = False
        (held if is_held else targets).append(name)
        strong += [name] if not is_held and _cue_before("target_cues", before) else []
    targets = strong + [t for t in targets if t not in strong]
    return held, targets or courses, unknown


def _entity_field(
    entity: Dict[str, Any], message: Message, state: State, profile: Profile, today: dt.date
) -> str:
    wanted = _ENTITY_KIND[str(entity.get("entity"))]
    if wanted == FieldKind.EDUCATION:
        return "education"
    start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
    lowered = message.text.lower()
    begin, stop = next(((b, e) for b, e in clauses(lowered) if b <= start < e), (0, len(lowered)))
    after = lowered[
        end : min(end + 40, stop)
    ]  # "project manager 2016-2024, program manager ...": its own clause
    before = lowered[
        max(begin, start - 35) : start
    ]  # "... as scrum master. Since 2021 I run waterfall projects"
    return (
        fields.topic_field(after, wanted, state.target)
        or fields.topic_field(before, wanted, state.target)
        or _unused_topic(before + " " + after, wanted, state.target)
        or _default_field(wanted, state, profile, today)
    )


def _unused_topic(text: str, wanted: FieldKind, target: Optional[str]) -> Optional[str]:
    """ "Since 2021 I run classic waterfall projects", said for the PMI-ACP: the amount is about
    a kind of work the certification does not ask about, so it is kept there, never given to the
    field the certification asks first (set I, i070 counted it as agile: a wrong "eligible")."""
    if target is None:
        return None
    named = fields.topic_field(text, wanted)
    used = load_catalog().fields_used(target)
    return named if named and used is not None and named not in used else None


def _entity_text(entity: Dict[str, Any], message: Message, name: str) -> str:
    """What to read for a fact the NLU found: the whole message for education, the clause for an
    amount when it is the clause's only one ("almost 5 years as a pm", "doing my 35 hour course
    right now"), else the amount alone."""
    value = str(entity.get("value", ""))
    if message.is_payload:
        return value
    if name == "education":
        return message.text
    start = int(entity.get("start") or 0)
    for begin, end in clauses(message.text.lower()):
        if begin <= start < end:
            same = [e for e in message.entities if e.get("entity") == entity.get("entity")]
            inside = [e for e in same if begin <= int(e.get("start") or 0) < end]
            return message.text[begin:end] if len(inside) == 1 else value
    return value


def _education_unmarked(message: Message, today: dt.date, heard: Heard) -> None:
    """A level of education in a request to be checked that the NLU did not mark ("hs grad,
    done 35 hrs, wanna do capm")."""
    asking = message.intent in ("check_eligibility", "ask_recommendation")
    if not asking or message.is_payload or "education" in heard.updates or not names_education(message.text):
        return
    result = read_answer(FieldKind.EDUCATION, message.text, today)
    if isinstance(result, Understood):
        heard.updates["education"] = result.value


def _hours_unmarked(message: Message, state: State, profile: Profile, today: dt.date, heard: Heard) -> None:
    """Hours of training the NLU did not mark ("i only completed 25 of the hours before i dropped
    it", said while another question waits)."""
    if message.is_payload or any(e.get("entity") == "hours" for e in message.entities):
        return
    lowered = message.text.lower()
    found = _HOURS.search(lowered)
    if found is None or compiled("hours_of_work").search(lowered[found.end() : found.end() + 30]):
        return
    name = _default_field(FieldKind.HOURS, state, profile, today)
    result = read_answer(FieldKind.HOURS, message.text, today)
    if name not in heard.updates and isinstance(result, Understood):
        heard.updates[name] = result.value
        heard.notes += [result.note] if result.note else []


def _periods_unmarked(message: Message, state: State, profile: Profile, today: dt.date, heard: Heard) -> None:
    """ "I was a project manager from 2014 to end of 2018, and I've been program manager since
    January 2019": dates in clauses about one kind of work that the NLU did not mark are that
    work's periods (set H, h075 lost the project years and got a wrong PgMP "not yet"); clauses
    naming no work continue the one before ("PM from 2010 to 2020, then again since 2023")."""
    if message.is_payload:
        return
    lowered = message.text.lower()
    marked = [int(e.get("start") or 0) for e in message.entities if e.get("entity") == "duration"]
    for name, (begin, end) in _work_stretches(lowered, state.target):
        ranges_only = name is None  # "both ran from jan 2024 to dec 2025": the work asked about
        if ranges_only and not marked and state.target:
            name = _default_field(FieldKind.MONTHS, state, profile, today)
        if name is None or name in heard.updates or any(begin <= m < end for m in marked):
            continue
        stretch = lowered[begin:end]
        if (
            attached_elsewhere(lowered, begin)
            or _HOURS.search(stretch)
            or _only_denied(name, FieldKind.MONTHS, stretch)
        ):
            continue  # "40 hours back in 2018": training, not a period of work
        result = read_answer(FieldKind.MONTHS, message.text[begin:end], today)
        if not (isinstance(result, Understood) and isinstance(result.value, list)):
            continue
        if not ranges_only or all("to" in period for period in result.value):
            heard.updates[name] = result.value


def _work_stretches(lowered: str, target: Optional[str]) -> List[Tuple[Optional[str], Tuple[int, int]]]:
    """The message's clauses joined into stretches, each starting at a clause that names a kind
    of work (its field) and running on over the clauses that name none."""
    stretches: List[Tuple[Optional[str], Tuple[int, int]]] = []
    for begin, end in clauses(lowered):
        name = fields.topic_field(lowered[begin:end], FieldKind.MONTHS, target)
        if stretches and name is None:
            last_name, (last_begin, _) = stretches[-1]
            stretches[-1] = (last_name, (last_begin, end))
        else:
            stretches.append((name, (begin, end)))
    return stretches


_EITHER_OR = re.compile(r"\b\d+\s*(?:or|vs\.?|versus)\s*\d+\s*(?:months?|years?|hours?|h|mo|yrs?)?\b")
_DONE_THE = re.compile(r"\b(?:did|took|done|finished|completed|attended|passed|have)\s+the\s*$")


def _not_a_fact(entity: Dict[str, Any], message: Message) -> bool:
    """An amount that is a rule asked about ("can I use the CAPM instead of the 35 hours?") or
    hours of work rather than of training ("about 1500 hours of project work")."""
    start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
    lowered = message.text.lower()
    before = lowered[max(0, start - 20) : start]
    if looks_like_question(message.text) and re.search(r"\bthe\s*$", before) and not _DONE_THE.search(before):
        return True  # "... instead of the 35 hours?", but not "I did the 16 hour CSM course"
    if _EITHER_OR.search(lowered[max(0, start - 12) : end + 12]):
        return True  # "is it 36 or 60 months for the PMP?": which rule, not a fact
    if entity.get("entity") != "hours":
        return False
    after = lowered[end : end + 30]
    return bool(compiled("hours_of_work").search(after)) and not compiled("hours_of_training").search(after)


def _fact_entities(message: Message) -> List[Dict[str, Any]]:
    """The amounts and degrees the NLU found that are facts about the person, in reading order."""
    found = []
    for entity in sorted(message.entities, key=lambda e: int(e.get("start") or 0)):
        if entity.get("entity") not in ("education_level", "duration", "hours"):
            continue
        if entity.get("entity") == "duration" and attached_elsewhere(
            message.text, int(entity.get("start") or 0)
        ):
            continue  # "it expired two years ago": not experience
        if not _not_a_fact(entity, message):
            found.append(entity)
    return found


def _span_text(group: List[Dict[str, Any]], message: Message, name: str) -> str:
    """What to read for a field: one amount as ``_entity_text`` says; several amounts for the same
    field ("2010 to 2020, then again since 2023", "a 24 h course plus a 12 h one") read together,
    from the first one's clause to the last one's."""
    if len(group) == 1 or message.is_payload or name == "education":
        return _entity_text(group[0], message, name)
    spans = clauses(message.text.lower())
    first, last = int(group[0].get("start") or 0), int(group[-1].get("start") or 0)
    begin = next((b for b, e in spans if b <= first < e), first)
    end = next((e for b, e in spans if b <= last < e), len(message.text))
    return message.text[begin:end]


def _with_target(state: State, targets: List[str]) -> State:
    """The state with the certification asked about as its target, when it has none yet."""
    known = [t for t in targets if t in load_catalog().certifications]
    return state if state.target or not known else replace(state, target=known[0])


def _dated_instead(result: Result, name: str, message: Message, today: dt.date) -> Result:
    """ "6 yrs experience: project 1 2019-2021, project 2 2020-2022": the dates said anywhere in
    the message win over a total (often a sum of overlapping projects) or over fewer dates,
    when no other kind of experience is named."""
    if fields.kind(name) != FieldKind.MONTHS or not isinstance(result, Understood) or message.is_payload:
        return result
    lowered = message.text.lower()
    named = {
        field
        for pattern, field in load_catalog().field_topics(FieldKind.MONTHS)
        if re.search(pattern, lowered)
    }
    if named - {name}:
        return result  # "project manager 2016-2024, program manager since 2024": two kinds of work
    dated = read_answer(FieldKind.MONTHS, message.text, today)
    if not (isinstance(dated, Understood) and isinstance(dated.value, list)):
        return result
    said = result.value if isinstance(result.value, list) else []
    return dated if len(dated.value) > len(said) else result  # "agile jun 2022 - may 2023, then since 2025"


def _self_study_instead(result: Result, name: str, message: Message, today: dt.date) -> Result:
    """ "watched tons of youtube videos, prob 50 hours": self-study said in another clause than
    the amount makes the hours a question (set H, h050 was a wrong CAPM "eligible")."""
    if fields.kind(name) != FieldKind.HOURS or not isinstance(result, Understood) or message.is_payload:
        return result
    whole = read_answer(FieldKind.HOURS, message.text, today)
    asks = isinstance(whole, Clarify) and whole.question == question("hours_self_study")
    return whole if asks else result


def _from_entities(message: Message, state: State, profile: Profile, today: dt.date, heard: Heard) -> None:
    """Facts the NLU found beside (or instead of) the answer to the pending question."""
    held, heard.targets, unknown = _certifications_named(message, state)
    scoped = _with_target(state, heard.targets)  # "agile since 2025, can I get the ACP?": the ACP's fields
    groups: Dict[str, List[Dict[str, Any]]] = {}
    for entity in _fact_entities(message):
        groups.setdefault(_entity_field(entity, message, scoped, profile, today), []).append(entity)
    for name, group in groups.items():
        if name in heard.updates:
            continue
        text = _span_text(group, message, name)
        if name == "education" and not message.is_payload and not names_education(text):
            continue  # "scrum master 2015 to 2020": a job, not a degree
        kind = fields.kind(name)
        if kind is None:
            raise ValueError(f"unknown answer kind for the field {name!r}")
        if kind in (FieldKind.MONTHS, FieldKind.HOURS) and _only_denied(name, kind, message.text.lower()):
            continue  # "since 2021 a scrum master, no dedicated risk work": not risk experience
        result = _dated_instead(read_answer(kind, text, today), name, message, today)
        result = _self_study_instead(result, name, message, today)
        if isinstance(result, Understood):
            heard.updates[name] = result.value
            heard.notes += [result.note] if result.note else []
        elif isinstance(result, Clarify):
            heard.problems[name] = result.question
    _education_unmarked(message, today, heard)
    _hours_unmarked(message, scoped, profile, today, heard)
    _periods_unmarked(message, scoped, profile, today, heard)
    for raw in unknown:
        heard.problems["certifications"] = f'I don\'t know the certification "{raw}".'
    stale = stale_certifications(message.text, today) if not message.is_payload else {}
    held = [name for name in held if name not in stale]  # "capm (from 2019)": asked later, not assumed active
    if held and "certifications" not in heard.updates:
        heard.updates["certifications"] = list(dict.fromkeys(list(profile.certifications or ()) + held))
    if re.search(r"\bgac\b", message.text.lower()) and "gac_degree" not in heard.updates:
        result = read_answer(FieldKind.FLAG, message.text, today)
        if isinstance(result, Understood):
            heard.updates["gac_degree"] = result.value


def _follow_up(result: Result, state: State, message: Message, today: dt.date) -> Result:
    """A yes / no to our own clarifying question ("did you finish high school?")."""
    ambiguous = state.clarifying == ClarifyReason.AMBIGUOUS
    if not isinstance(result, NoAnswer) or not ambiguous or state.requested != "education":
        return result
    answer = read_answer(FieldKind.FLAG, answer_text(message), today)
    if isinstance(answer, Understood) and isinstance(answer.value, bool):
        return Understood(_FINISHED_SCHOOL[answer.value])
    return result


def _apply_pending(result: Result, requested: str, heard: Heard) -> None:
    heard.updates.update(result.extra)
    if isinstance(result, Understood):
        heard.updates[requested] = result.value
        if result.note:
            heard.notes.append(result.note)
    elif isinstance(result, Clarify):
        heard.clarify = result


def _validated(heard: Heard, profile: Profile) -> None:
    """Keeps only values the profile accepts (a bad value becomes a problem)."""
    for name, value in list(heard.updates.items()):
        target = name
        if fields.kind(name) == FieldKind.MONTHS and isinstance(value, list):
            target = fields.periods_field(name) or name
        try:
            profile = profile.with_value(target, value)
            heard.updates[name] = profile.to_dict().get(target)
        except ProfileError as error:
            del heard.updates[name]
            heard.problems[name] = str(error)


def _only_denied(requested: str, kind: FieldKind, lowered: str) -> bool:
    """Every mention of the asked field's topic is denied ("no dedicated risk work")."""
    pattern = next((p for p, name in load_catalog().field_topics(kind) if name == requested), None)
    found = list(re.finditer(pattern, lowered)) if pattern else []
    return bool(found) and all(
        _DENIED_BEFORE.search(lowered[max(0, m.start() - 30) : m.start()]) for m in found
    )


def _about_another_field(requested: str, text: str) -> bool:
    """ "10 years of business experience" asked for portfolio experience: the amount is another
    field's (its clause names that field's topic and not the one asked), or not experience at all."""
    kind = fields.kind(requested)
    if kind not in (FieldKind.MONTHS, FieldKind.HOURS):
        return False
    lowered = text.lower()
    amount = _AMOUNT.search(lowered)
    if amount is None:  # "no PMP, by the way": about certifications, not this field
        return ABSENT in certification_statuses(text).values()
    clause = next((lowered[b:e] for b, e in clauses(lowered) if b <= amount.start() < e), lowered)
    topics = [name for pattern, name in load_catalog().field_topics(kind) if re.search(pattern, clause)]
    if requested in topics:
        return _only_denied(requested, kind, lowered)  # "since 2021 a scrum master, no risk work"
    if kind == FieldKind.MONTHS and attached_elsewhere(lowered, amount.start()):
        return True  # "btw i have an active capm since 2024": the date is the credential's
    if kind == FieldKind.MONTHS and _HOURS.search(clause):
        return True  # "40 hours back in 2018": training hours, not a period of work
    return bool(topics)


def _lapsed_named(message: Message, profile: Profile, heard: Heard) -> None:
    """ "my CSM expired in 2023", even inside a question ("I got my CAPM in 2016 but never renewed
    it, can that replace the course?"): the credential is taken out of the ones held, and said."""
    if message.is_payload or "certifications" in heard.updates:
        return
    lapsed = [name for name, status in certification_statuses(message.text).items() if status == LAPSED]
    if not lapsed:
        return
    held = [c for c in (profile.certifications or ()) if c not in lapsed]
    heard.updates["certifications"] = held
    heard.notes.append(note("certifications_lapsed", names=", ".join(lapsed)))


def hear(message: Message, state: State, today: dt.date) -> Heard:
    """Everything the message says, the pending answer first."""
    profile = Profile.from_dict(state.profile)
    heard = Heard()
    if state.requested and message.intent not in ("check_eligibility", "ask_recommendation"):
        result = _follow_up(read_pending(state.requested, message, today), state, message, today)
        if not (message.is_payload or isinstance(result, NoAnswer)) and _about_another_field(
            state.requested, message.text
        ):
            result = NoAnswer()  # _from_entities gives the amount to its own field
        _apply_pending(result, state.requested, heard)
    asking = message.intent in ("check_eligibility", "ask_recommendation")
    if asking or message.is_payload or not looks_like_question(message.text):
        _from_entities(message, state, profile, today, heard)  # a question's numbers are not facts
    _lapsed_named(message, profile, heard)
    if heard.clarify is not None and state.requested in heard.updates:
        heard.clarify = None  # "10 years of business and 5 in portfolio": each amount found its field
    _validated(heard, profile)
    return heard

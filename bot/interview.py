"""The eligibility interview: understands answers and asks only what the rules still need.

``step(state, message)`` takes what the person just said (text, intent, entities) and the
conversation state, and returns the new state and the answers to send. The questions
come from the engine's ``missing_info`` for the certification, so nothing here repeats a
requirement. Pure Python: the action server stores the state in slots.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Dict, List, Optional, Tuple

from bot.answers import Answer, payload
from bot.certifications import ELIGIBLE, NEED_INFO, evaluate, load_catalog, recommend
from bot.certifications.engine import Recommendations, Verdict
from bot.profile import (
    Profile,
    ProfileError,
    parse_certifications,
    parse_duration_months,
    parse_education,
    parse_hours,
    parse_yes_no,
)

ELIGIBILITY = "eligibility"
RECOMMENDATION = "recommendation"
CHECK_PMI = "Check pmi.org (or the issuer's site) before you apply: rules change."
# What a recommendation needs to know, beyond which it does not ask.
CORE_FIELDS = ("education", "certifications", "pm_experience_months", "pm_education_hours")
COMMON = ("PMP", "CAPM", "PMI-ACP", "PgMP", "PfMP")
MAX_FAILURES = 2

# Words near a number that say which experience or training it is about (checked in order).
_TOPIC_WORDS: Tuple[Tuple[str, str], ...] = (
    (r"agile|scrum|kanban", "agile"),
    (r"portfolio", "portfolio"),
    (r"programme?s?\b|program management", "program"),
    (r"risk", "risk"),
    (r"schedul", "scheduling"),
    (r"business analy|\bba\b|analyst", "ba"),
    (r"business", "business"),
    (r"project|\bpm\b|\bpms\b|lead|manag|direct", "pm"),
)
_MONTH_FIELD = {
    "agile": "agile_experience_months",
    "portfolio": "portfolio_experience_months",
    "program": "program_experience_months",
    "risk": "risk_experience_months",
    "scheduling": "scheduling_experience_months",
    "ba": "ba_experience_months",
    "business": "business_experience_months",
    "pm": "pm_experience_months",
}
_HOUR_FIELD = {
    "agile": "agile_training_hours",
    "risk": "risk_education_hours",
    "scheduling": "scheduling_education_hours",
    "ba": "ba_education_hours",
    "pm": "pm_education_hours",
}
_STOP = re.compile(r"^\s*(stop|cancel|quit|exit|never ?mind|forget it)\b")
_HELD = re.compile(
    r"\b(have|has|hold|holding|got|earned|passed|completed|did|done|finished|with|already|own|i'm|am)\b[\w\s'-]{0,12}$"
)


@dataclass(frozen=True)
class State:
    """What the conversation knows; every value is already validated."""

    profile: Dict[str, Any] = field(default_factory=dict)
    goal: Optional[str] = None
    target: Optional[str] = None
    requested: Optional[str] = None
    failures: int = 0
    offered_stop: bool = False
    verdict_for: Optional[str] = None

    @property
    def active(self) -> bool:
        return self.goal is not None


@dataclass(frozen=True)
class Message:
    text: str
    intent: str
    entities: List[Dict[str, Any]] = field(default_factory=list)


@dataclass
class Reply:
    state: State
    answers: List[Answer]


# ---------------------------------------------------------------------------------------
# Understanding


def _label(name: str) -> str:
    return load_catalog().field_labels.get(name, name)


def _kind(name: Optional[str]) -> Optional[str]:
    return load_catalog().field_kinds.get(name or "")


def _topic(text: str, start: int, end: int, stop: int) -> Optional[str]:
    """The topic word nearest to a number: after it (up to the next number), else before."""
    after = text[end : min(stop, end + 40)].lower()
    before = text[max(0, start - 35) : start].lower()
    for window in (after, before):
        for pattern, topic in _TOPIC_WORDS:
            if re.search(pattern, window):
                return topic
    return None


def _default_field(kind: str, state: State, profile: Profile, today: dt.date) -> str:
    if _kind(state.requested) == kind and state.requested:
        return state.requested
    target = state.target or state.verdict_for
    cert = load_catalog().certifications.get(target or "")
    if cert is not None:
        missing = evaluate(profile, cert.name, today).missing_info
        for name in missing:
            if _kind(name) == kind:
                return name
        primary = cert.first_field("experience" if kind == "months" else "training")
        if primary:
            return primary
    return "pm_experience_months" if kind == "months" else "pm_education_hours"


def _certification_entities(message: Message, state: State) -> Tuple[List[str], List[str], List[str]]:
    """(held, targets, unknown) certifications named in the message."""
    catalog = load_catalog()
    held: List[str] = []
    targets: List[str] = []
    unknown: List[str] = []
    asking_for_held = message.intent == "inform" or state.requested == "certifications"
    choosing = state.goal == ELIGIBILITY and state.target is None and state.requested is None
    for entity in message.entities:
        if entity.get("entity") != "certification":
            continue
        raw = str(entity.get("value", ""))
        name = catalog.canonical_certification(raw)
        if name is None:
            unknown.append(raw[:60])
            continue
        start = int(entity.get("start") or 0)
        before = message.text[max(0, start - 30) : start].lower()
        is_held = asking_for_held or bool(_HELD.search(before))
        if choosing or re.search(r"\b(for|about|sit|take|apply|check|instead)\b[\w\s-]{0,10}$", before):
            is_held = False
        (held if is_held else targets).append(name)
    return held, targets, unknown


def understand(
    message: Message, state: State, today: dt.date
) -> Tuple[Dict[str, Any], Dict[str, str], List[str]]:
    """Values in the message (field -> value), problems (field -> why), and certifications
    the person asked about (in order)."""
    profile = Profile.from_dict(state.profile)
    updates: Dict[str, Any] = {}
    problems: Dict[str, str] = {}
    text = message.text or ""
    entities = sorted(message.entities, key=lambda e: int(e.get("start") or 0))
    starts = [int(e.get("start") or 0) for e in entities]

    held, targets, unknown = _certification_entities(message, state)
    for raw in unknown:
        problems["certifications"] = f'I don\'t know the certification "{raw}".'
    if held:
        updates["certifications"] = list(dict.fromkeys(list(profile.certifications or ()) + held))

    for index, entity in enumerate(entities):
        kind = entity.get("entity")
        value = str(entity.get("value", ""))
        start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
        stop = starts[index + 1] if index + 1 < len(starts) else len(text)
        topic = _topic(text, start, end, stop)
        name = str(kind)
        try:
            if kind == "education_level":
                updates["education"] = value
            elif kind == "duration":
                name = _MONTH_FIELD[topic] if topic else _default_field("months", state, profile, today)
                updates[name] = parse_duration_months(value, today)
            elif kind == "hours":
                name = _HOUR_FIELD.get(topic or "", "") or _default_field("hours", state, profile, today)
                updates[name] = parse_hours(value)
        except ProfileError as error:
            problems[name] = str(error)

    if re.search(r"\bgac\b", text.lower()):
        updates["gac_degree"] = not re.search(r"\b(not|isn't|wasn't|no)\b", text.lower())

    requested = state.requested
    if requested and requested not in updates and requested not in problems:
        parser = _text_parser(requested, today)
        if parser is not None and (message.intent in ("inform", "affirm", "deny") or not updates):
            try:
                updates[requested] = parser(text)
            except ProfileError as error:
                if not updates:
                    problems[requested] = str(error)

    for name, value in list(updates.items()):
        try:
            profile = profile.with_value(name, value)
            updates[name] = getattr(profile, name)
        except ProfileError as error:
            del updates[name]
            problems[name] = str(error)
    return updates, problems, targets


def _text_parser(name: str, today: dt.date) -> Optional[Callable[[str], Any]]:
    kind = _kind(name)
    if kind == "months":
        return lambda text: parse_duration_months(text, today)
    if kind == "hours":
        return parse_hours
    if kind == "education":
        return parse_education
    if kind == "certifications":
        return parse_certifications
    if kind == "flag":
        return parse_yes_no
    return None


# ---------------------------------------------------------------------------------------
# Describing


def _months_words(months: float) -> str:
    years, rest = divmod(int(months), 12)
    if months == 0:
        return "none yet"
    if rest == 0:
        return f"{years} year{'s' if years != 1 else ''}"
    if years == 0:
        return f"{int(months)} month{'s' if months != 1 else ''}"
    year_words = f"{years} year{'s' if years != 1 else ''}"
    return f"{int(months)} months ({year_words} {rest} month{'s' if rest != 1 else ''})"


_EDUCATION_WORDS = {
    "none": "no secondary degree",
    "secondary": "a secondary degree (high school or equivalent)",
    "associate": "an associate's degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
}


def describe_value(name: str, value: Any) -> str:
    kind = _kind(name)
    if kind == "education":
        return f"education: {_EDUCATION_WORDS.get(value, value)}"
    if kind == "flag":
        return "GAC-accredited degree: " + ("yes" if value else "no")
    if kind == "certifications":
        return "certifications: " + (", ".join(value) if value else "none")
    if kind == "months":
        return f"{_label(name)}: {_months_words(value)}"
    if kind == "hours":
        return f"{_label(name)}: {value:g} hours"
    return f"{name}: {value}"


def profile_summary(profile: Dict[str, Any]) -> Answer:
    order = load_catalog().field_order
    known = [(k, profile[k]) for k in order if profile.get(k) is not None]
    if not known:
        return Answer(
            "I don't know anything about you yet. "
            'Ask "am I eligible for the PMP?" and I\'ll ask what I need.',
            [("Am I eligible for the PMP?", payload("check_eligibility", certification="PMP"))],
        )
    lines = ["Here's what you've told me:"] + [f"• {describe_value(k, v)}" for k, v in known]
    lines.append(
        'Say "forget what I told you" to clear it, or correct anything, e.g. "actually it\'s 4 years".'
    )
    return Answer("\n".join(lines))


def _question(name: str, prefix: str = "") -> Answer:
    q = load_catalog().field_questions[name]
    text = f"{prefix}{q['question']} For example {q['example']}."
    buttons: List[Tuple[str, str]] = []
    if name == "gac_degree":
        buttons = [("Yes", "/affirm"), ("No", "/deny")]
    elif name == "education":
        buttons = [
            ("High school / GED", payload("inform", education_level="secondary")),
            ("Associate's", payload("inform", education_level="associate")),
            ("Bachelor's", payload("inform", education_level="bachelor")),
            ("Master's or MBA", payload("inform", education_level="master")),
            ("Doctorate", payload("inform", education_level="doctorate")),
        ]
    elif name == "certifications":
        buttons = [("None", "/deny"), ("CAPM", payload("inform", certification="CAPM"))]
        buttons.append(("PMP", payload("inform", certification="PMP")))
        buttons.append(("CSM", payload("inform", certification="CSM")))
    return Answer(text, buttons)


def _month_name(yyyy_mm: str) -> str:
    year, month = yyyy_mm.split("-")
    return dt.date(int(year), int(month), 1).strftime("%B %Y")


def verdict_json(verdict: Verdict) -> Dict[str, Any]:
    """The verdict as the command line prints it for one certification."""
    return verdict.to_dict()


def verdict_answer(verdict: Verdict, profile: Profile, today: dt.date) -> Answer:
    catalog = load_catalog()
    cert = catalog.certifications[verdict.certification]
    source = "; ".join(verdict.sources)
    dated = f"Rules as of {verdict.rules_as_of} (source: {source}). {CHECK_PMI}"
    if verdict.status == ELIGIBLE:
        if cert.paths[0].requires:
            how = (
                f"through path {verdict.path} ({verdict.path_label})"
                if len(cert.paths) > 1
                else "(all requirements met)"
            )
            lines = [f"Good news: you're eligible for the {cert.name} {how}."]
            review = " It then goes through a panel review of your experience." if cert.stage == 4 else ""
            lines.append(
                f"Next steps: apply on {cert.issuer}'s site with a short summary of each project you led "
                f"(dates, your role, what you directed).{review} Once approved, book the exam."
            )
        else:
            lines = [f"You can go for the {cert.name} now: it has no prerequisites."]
        lines += [f"Note: {n}" for n in verdict.notes[:1]]
        exam = cert.exam
        minutes = f" in {exam.minutes} minutes" if exam.minutes else ""
        lines.append(f"Exam (as of {exam.as_of}): {exam.questions} questions{minutes}; fee {exam.fee}.")
        lines.append(dated)
        buttons = [(f"{cert.name} exam details", payload("ask_exam_details", certification=cert.name))]
    else:
        lines = [f"Not yet for the {cert.name}. On the {verdict.path_label} path you still need:"]
        lines += [f"• {s}" for s in verdict.describe_shortfalls()]
        if verdict.projected_month:
            lines.append(
                f"If you keep working in the role, you'll meet the experience requirement in "
                f"{_month_name(verdict.projected_month)}."
            )
        now = [r.certification for r in recommend(profile, today).apply_now if r.certification != cert.name][
            :3
        ]
        if now:
            lines.append("Meanwhile you can apply now for: " + ", ".join(now) + ".")
        lines.append(dated)
        buttons = [
            (f"Am I eligible for the {name}?", payload("check_eligibility", certification=name))
            for name in now[:2]
        ]
    buttons.append(("What do you know about me?", "/ask_profile"))
    labels = {s.field: catalog.field_labels.get(s.field, s.field) for s in verdict.shortfalls}
    return Answer("\n".join(lines), buttons, custom={"eligibility": verdict_json(verdict), "labels": labels})


def recommendation_answer(recs: Recommendations) -> Answer:
    lines = ["Based on what you told me:"]
    if recs.apply_now:
        lines.append("You can apply now for (best fit first):")
        lines += [f"{i}. {r.certification}: {r.reason}" for i, r in enumerate(recs.apply_now[:4], 1)]
    if recs.nearest:
        lines.append("Next within reach:")
        lines += [f"• {r.certification}: {r.reason}" for r in recs.nearest]
    lines.append(f"Rules as of {recs.rules_as_of}. {CHECK_PMI}")
    buttons = [
        (
            f"Am I eligible for the {r.certification}?",
            payload("check_eligibility", certification=r.certification),
        )
        for r in (list(recs.apply_now[:1]) + list(recs.nearest[:1]))
    ]
    return Answer("\n".join(lines), buttons, custom={"recommendation": recs.to_dict()})


# ---------------------------------------------------------------------------------------
# Deciding what to say


def _which_certification() -> Answer:
    return Answer(
        "Which certification should I check?",
        [(name, payload("check_eligibility", certification=name)) for name in COMMON],
    )


def _next_missing(state: State, profile: Profile, today: dt.date) -> Tuple[Optional[str], Optional[Verdict]]:
    if state.goal == RECOMMENDATION:
        order = load_catalog().field_order
        for name in sorted(CORE_FIELDS, key=order.index):
            if getattr(profile, name) is None:
                return name, None
        return None, None
    assert state.target is not None
    verdict = evaluate(profile, state.target, today)
    if verdict.status == NEED_INFO:
        return verdict.missing_info[0], verdict
    return None, verdict


def _conclude(state: State, profile: Profile, verdict: Optional[Verdict], today: dt.date) -> Reply:
    if state.goal == RECOMMENDATION:
        answer = recommendation_answer(recommend(profile, today))
        done_for = RECOMMENDATION
    else:
        assert verdict is not None
        answer = verdict_answer(verdict, profile, today)
        done_for = verdict.certification
    new = replace(state, goal=None, requested=None, failures=0, offered_stop=False, verdict_for=done_for)
    return Reply(new, [answer])


def _ask(state: State, profile: Profile, today: dt.date, prefix: str = "") -> Reply:
    name, verdict = _next_missing(state, profile, today)
    if name is None:
        return _conclude(state, profile, verdict, today)
    failures = state.failures if name == state.requested else 0
    return Reply(
        replace(state, requested=name, failures=failures, offered_stop=False), [_question(name, prefix)]
    )


def step(state: State, message: Message, today: Optional[dt.date] = None) -> Reply:
    """One turn of the interview."""
    today = today or dt.date.today()
    catalog = load_catalog()

    if message.intent == "forget_profile":
        return Reply(
            State(), [Answer("Done: I've forgotten everything you told me. We can start fresh any time.")]
        )
    if message.intent == "ask_profile":
        return Reply(state, [profile_summary(state.profile)])

    if state.active and _STOP.match(message.text.lower()):
        stopped = replace(state, goal=None, requested=None, failures=0, offered_stop=False)
        return Reply(stopped, [Answer("OK, I've stopped the questions and kept what you told me so far.")])

    # "Shall we continue?" after two failed answers.
    if state.offered_stop and message.intent in ("affirm", "deny"):
        if message.intent == "deny":
            stopped = replace(state, goal=None, requested=None, failures=0, offered_stop=False)
            return Reply(
                stopped,
                [Answer("OK, let's stop here. I've kept what you told me: ask again whenever you like.")],
            )
        profile = Profile.from_dict(state.profile)
        return _ask(replace(state, failures=0), profile, today, "OK, let's go on. ")

    if message.text.startswith("/"):
        # A button or typed payload: its words are not an answer, its intent and entities are.
        message = replace(message, text={"affirm": "yes", "deny": "no"}.get(message.intent, ""))
    updates, problems, targets = understand(message, state, today)
    profile = Profile.from_dict({**state.profile, **updates})
    new_state = replace(state, profile=profile.to_dict())
    acknowledged = "; ".join(describe_value(k, v) for k, v in updates.items())
    prefix = f"Got it ({acknowledged}). " if acknowledged else ""

    if state.goal == ELIGIBILITY and state.target is None and targets:
        message = replace(message, intent="check_eligibility")  # the answer to "which certification?"
    if message.intent == "check_eligibility":
        checkable = [t for t in targets if t in catalog.certifications]
        if not checkable and (targets or "certifications" in problems):
            note = problems.pop("certifications", None) or (
                f"I know the {targets[0]}, but I don't have its eligibility rules."
            )
            waiting = replace(new_state, goal=ELIGIBILITY, target=None, requested=None)
            return Reply(waiting, [Answer(note), _which_certification()])
        target = checkable[0] if checkable else (state.target if state.goal == ELIGIBILITY else None)
        if problems:
            prefix = " ".join(problems.values()) + " " + prefix
        if target is None:
            waiting = replace(new_state, goal=ELIGIBILITY, target=None, requested=None)
            answers = [Answer(prefix.strip())] if prefix.strip() else []
            return Reply(waiting, [*answers, _which_certification()])
        new_state = replace(new_state, goal=ELIGIBILITY, target=target, failures=0, offered_stop=False)
        return _ask(new_state, profile, today, prefix)
    if message.intent == "ask_recommendation":
        return _ask(replace(new_state, goal=RECOMMENDATION, target=None, failures=0), profile, today, prefix)

    if message.intent == "resume":
        if not state.active:
            return Reply(state, [])
        if not state.requested:
            return Reply(state, [_which_certification()])
        return Reply(state, [_question(state.requested, "Back to your questions: ")])

    # An answer (or a correction).
    if not state.active:
        if updates and state.verdict_for:
            goal = RECOMMENDATION if state.verdict_for == RECOMMENDATION else ELIGIBILITY
            target = None if goal == RECOMMENDATION else state.verdict_for
            return _ask(replace(new_state, goal=goal, target=target), profile, today, prefix)
        if updates:
            return Reply(
                new_state,
                [
                    Answer(
                        f"{prefix}Shall I check a certification for you?",
                        [
                            (f"Check the {n}", payload("check_eligibility", certification=n))
                            for n in COMMON[:3]
                        ],
                    )
                ],
            )
        if problems:
            return Reply(new_state, [Answer(" ".join(problems.values()))])
        return Reply(
            new_state,
            [Answer("Thanks! If you'd like, I can check whether you're eligible for a certification.", [])],
        )

    if state.goal == ELIGIBILITY and state.target is None:
        # Still waiting for "which certification?": ask again, keeping anything understood.
        acknowledgement = [Answer(prefix.strip())] if prefix.strip() else []
        return Reply(new_state, [*acknowledgement, _which_certification()])

    requested = state.requested
    if requested and requested in problems and requested not in updates:
        failures = state.failures + 1
        if failures >= MAX_FAILURES:
            why = catalog.field_questions[requested]["why"]
            text = (
                f"{problems[requested]} I need your {_label(requested)} because {why}. "
                "Shall we continue, or stop here? (I'll keep what you've told me so far.)"
            )
            return Reply(
                replace(new_state, failures=failures, offered_stop=True),
                [Answer(text, [("Continue", "/affirm"), ("Stop", "/deny")])],
            )
        retry = replace(new_state, failures=failures)
        q = catalog.field_questions[requested]
        return Reply(retry, [Answer(f"{problems[requested]} {q['question']}", _question(requested).buttons)])
    other_problems = [p for k, p in problems.items() if k != requested]
    if other_problems and not updates:
        return Reply(new_state, [Answer(" ".join(other_problems)), _question(requested or "education")])
    return _ask(new_state, profile, today, prefix)

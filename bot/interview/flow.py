"""Deciding the interview's next step: which question, a clarification, or the verdict.

``step(state, message)`` takes what the person just said and the conversation state, and
returns the new state and the answers to send. Questions come from the engine's
``missing_info``, so nothing here repeats a requirement.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any, Dict, List, Optional, Tuple

from bot.answers import COMMON_CERTIFICATIONS, Answer, payload
from bot.certifications import (
    ClarifyReason,
    FieldKind,
    Goal,
    Status,
    evaluate,
    load_catalog,
    recommend,
    window_years,
)
from bot.certifications.engine import Verdict
from bot.interview import fields
from bot.interview.rules_answer import rules_answer
from bot.interview.state import Message, Reply, State
from bot.interview.understanding import Clarify, Heard, answers_instead, hear
from bot.interview.verdicts import correction_choice, recommendation_answer, verdict_answer
from bot.interview.wording import (
    change_question,
    changed,
    dates_question,
    ended_question,
    got_it,
    profile_summary,
    question,
    which_certification,
)
from bot.profile import Profile
from bot.understanding.words import compiled

# What a recommendation needs to know, beyond which it does not ask.
CORE_FIELDS = ("education", "certifications", "pm_experience_months", "pm_education_hours")
MAX_FAILURES = 2
ENDED = "assumed_end"  # the clarifying reason of "was all of it in the last 8 years?"
Changes = Dict[str, Tuple[Any, Any]]  # field -> (the value known, the new value)
_STOP = re.compile(r"^\s*(stop|cancel|quit|exit|never ?mind|forget it)\b")
_GO_ON = re.compile(r"^\s*(continue|go on|keep going|carry on)\b")


def stops_or_goes_on(text: str) -> bool:
    """ "Stop" or "continue" typed while questions are pending: a command to the interview (the
    classifier alone took "Stop" for the retrospectives answer)."""
    lowered = text.lower()
    return bool(_STOP.match(lowered) or _GO_ON.match(lowered))


_NOT_CAUGHT = "Sorry, I didn't catch that."


def _stopped(state: State, text: str) -> Reply:
    return Reply(replace(state, goal=None, requested=None, failures=0, offered_stop=False), [Answer(text)])


def _commands(state: State, message: Message, today: dt.date) -> Optional[Reply]:
    """Profile questions, forgetting, stopping, and "shall we continue?" after two failures."""
    if message.intent == "forget_profile":
        return Reply(
            State(), [Answer("Done: I've forgotten everything you told me. We can start fresh any time.")]
        )
    if message.intent == "ask_profile":
        return Reply(state, [profile_summary(state.profile)])
    if state.active and _STOP.match(message.text.lower()):
        return _stopped(state, "OK, I've stopped the questions and kept what you told me so far.")
    if state.offered_stop and _GO_ON.match(message.text.lower()):
        message = replace(message, intent="affirm")
    if state.offered_stop and message.intent in ("affirm", "deny"):
        if message.intent == "deny":
            return _stopped(
                state, "OK, let's stop here. I've kept what you told me: ask again whenever you like."
            )
        return _ask(replace(state, failures=0), today, "OK, let's go on. ")
    if message.intent == "resume":
        if not state.active:
            return Reply(state, [])
        if not state.requested:
            return Reply(state, [which_certification()])
        return Reply(state, [question(state.requested, state.target, "Back to your questions: ")])
    return None


def _correction(state: State, message: Message, today: dt.date) -> Optional[Reply]:
    """ "Something's wrong": pick a fact, then answer its question again."""
    if message.intent != "correct_profile":
        return None
    chosen = next((str(e.get("value")) for e in message.entities if e.get("entity") == "profile_field"), "")
    known = chosen in load_catalog().fields and (
        chosen in state.profile or fields.periods_field(chosen) in state.profile
    )
    if not chosen or not known:
        return Reply(state, [correction_choice(state.profile, state.verdict_for or state.target)])
    goal = Goal.RECOMMENDATION if state.verdict_for == Goal.RECOMMENDATION else Goal.ELIGIBILITY
    target = state.target or (None if goal == Goal.RECOMMENDATION else state.verdict_for)
    fixing = replace(state, goal=goal, target=target, requested=chosen, failures=0, offered_stop=False)
    prefix = f"OK, let's fix your {fields.label(chosen)}. "
    return Reply(fixing, [question(chosen, target, prefix)])


def _next_missing(state: State, profile: Profile, today: dt.date) -> Tuple[Optional[str], Optional[Verdict]]:
    if state.goal == Goal.RECOMMENDATION:
        order = tuple(load_catalog().fields)
        missing = [n for n in sorted(CORE_FIELDS, key=order.index) if getattr(profile, n) is None]
        return (missing[0] if missing else None), None
    assert state.target is not None
    verdict = evaluate(profile, state.target, today)
    if verdict.status == Status.NEED_INFO:
        return verdict.missing_info[0], verdict
    return None, verdict


def _conclude(state: State, profile: Profile, verdict: Optional[Verdict], today: dt.date) -> Reply:
    if state.goal == Goal.RECOMMENDATION:
        answer = recommendation_answer(recommend(profile, today))
        done_for = Goal.RECOMMENDATION.value  # verdict_for: a certification's name, or this
    else:
        assert verdict is not None
        answer = verdict_answer(verdict, profile, today, state.notes)
        done_for = verdict.certification
    new = replace(state, goal=None, requested=None, failures=0, offered_stop=False, verdict_for=done_for)
    return Reply(new, [answer])


def _assumed_end(state: State, verdict: Optional[Verdict]) -> Optional[str]:
    """A duration said without an end, in a look-back window, that an "eligible" rests on."""
    if verdict is None or verdict.status != Status.ELIGIBLE:
        return None
    for name in state.assumed_ongoing:
        value = state.profile.get(name)
        if window_years(state.target, name) and isinstance(value, (int, float)) and value > 0:
            return name
    return None


def _ask(state: State, today: dt.date, prefix: str = "", problems: Optional[Dict[str, str]] = None) -> Reply:
    """The next question; a problem heard about that very field ("Study on your own doesn't
    count: ... How many hours ...?") is asked instead of the plain question, never both."""
    profile = Profile.from_dict(state.profile)
    name, verdict = _next_missing(state, profile, today)
    problems = dict(problems or {})
    own = problems.pop(name, None) if name else None
    prefix = " ".join([*problems.values(), prefix]).strip() + " " if problems or prefix.strip() else ""
    unsure = _assumed_end(state, verdict) if name is None else None
    if unsure and state.target:
        asking = replace(state, requested=unsure, clarifying=ENDED, failures=0, offered_stop=False)
        return Reply(asking, [ended_question(unsure, state.profile[unsure], state.target, prefix)])
    if name is None:
        return _conclude(state, profile, verdict, today)
    failures = state.failures if name == state.requested else 0
    asking = replace(state, requested=name, failures=failures, offered_stop=False)
    plain = question(name, state.target, prefix)
    return Reply(asking, [Answer(prefix + own, plain.buttons) if own else plain])


def _retry(state: State, problem: str, ask_again: bool = True) -> Reply:
    """The pending question again after an answer we could not use; offers to stop after two."""
    requested = state.requested or "education"
    failures = state.failures + 1
    if state.offered_stop:  # "continue or stop?" already went unanswered: never a third time
        resume = f'"am I eligible for the {state.target}?"' if state.target else "your question again"
        return _stopped(
            state, f"Let's pause the questions here. I've kept what you told me: say {resume} to go on."
        )
    if failures >= MAX_FAILURES:
        why = load_catalog().fields[requested].why
        text = (
            f"{problem} I need your {fields.label(requested)} because {why}. "
            "Shall we continue, or stop here? (I'll keep what you've told me so far.)"
        )
        stopping = replace(state, failures=failures, offered_stop=True)
        return Reply(stopping, [Answer(text, [("Continue", "/affirm"), ("Stop", "/deny")])])
    again = question(requested, state.target, f"{problem} ")
    if not ask_again:
        again = Answer(problem, again.buttons)
    return Reply(replace(state, failures=failures), [again])


def _clarify(state: State, clarify: Clarify, prefix: str) -> Reply:
    """A short clarifying question (or, for "what is GAC?", the explanation and the question)."""
    asking = replace(state, clarifying=clarify.reason)
    if clarify.reason in (ClarifyReason.AMBIGUOUS, ClarifyReason.OUT_OF_RANGE):
        return _retry(asking, prefix + clarify.question, ask_again=False)
    buttons = question(state.requested or "education", state.target).buttons
    return Reply(asking, [Answer(prefix + clarify.question, buttons)])


def _remember(state: State, heard: Heard) -> State:
    """The state with the new values (a months value replaces dated periods and back)."""
    profile = dict(state.profile)
    notes = dict(state.notes)
    for name, value in heard.updates.items():
        periods = fields.periods_field(name) if fields.kind(name) == FieldKind.MONTHS else None
        profile.pop(name, None)
        if periods:
            profile.pop(periods, None)
        profile[periods if periods and isinstance(value, list) else name] = value
        notes.pop(name, None)
    if heard.notes and state.requested:
        notes[state.requested] = "; ".join(heard.notes)
    return replace(state, profile=Profile.from_dict(profile).to_dict(), notes=notes, clarifying=None)


def _known(state: State, name: str) -> Any:
    periods = fields.periods_field(name) if fields.kind(name) == FieldKind.MONTHS else None
    return state.profile.get(name, state.profile.get(periods) if periods else None)


def _changes(state: State, heard: Heard) -> Dict[str, Any]:
    """New values for facts already known, heard outside the answer to their own question."""
    found = {}
    for name, value in heard.updates.items():
        old = _known(state, name)
        if name == state.requested or old is None or old == value:
            continue
        if fields.kind(name) == FieldKind.CERTIFICATIONS and set(old) <= set(value):
            continue  # one more certification adds, it changes nothing
        found[name] = value
    return found


def _hold_changes(state: State, heard: Heard, message: Message) -> Tuple[Changes, Changes]:
    """Takes the changes out of ``heard`` and holds them for a "change it?" question; when the
    message says it corrects ("actually it's 4 years"), they stay, and are said as changes."""
    found = {name: (_known(state, name), value) for name, value in _changes(state, heard).items()}
    if compiled("corrections").search(message.text.lower()):
        return {}, found
    for name in found:
        heard.updates.pop(name)
    return found, {}


def _settle_end(state: State, message: Message, today: dt.date) -> Optional[Reply]:
    """The yes / no to "was all of it in the last 8 years?"."""
    if state.clarifying != ENDED or message.intent not in ("affirm", "deny") or not state.requested:
        return None
    name = state.requested
    settled = replace(state, clarifying=None, assumed_ongoing=[n for n in state.assumed_ongoing if n != name])
    if message.intent == "affirm":
        return _ask(settled, today, "Thanks. ")
    window = window_years(state.target, name) or 0
    return Reply(settled, [dates_question(name, state.target or "", window)])


def _settle_change(state: State, message: Message, today: dt.date) -> Optional[Reply]:
    """The yes / no to "Earlier you said 5 years; change it to 2 years?"."""
    if not state.pending_change or message.intent not in ("affirm", "deny"):
        return None
    pending, settled = state.pending_change, replace(state, pending_change={})
    if message.intent == "deny":
        return _go_on(settled, today, "OK, I kept what you said before. ")
    said = changed({n: (_known(state, n), v) for n, v in pending.items()})
    return _go_on(_remember(settled, Heard(updates=dict(pending))), today, said)


def _go_on(state: State, today: dt.date, prefix: str) -> Reply:
    """The next question or the verdict after a settled change, which is said first."""
    if state.verdict_for and not state.active:
        goal = Goal.RECOMMENDATION if state.verdict_for == Goal.RECOMMENDATION else Goal.ELIGIBILITY
        target = None if goal == Goal.RECOMMENDATION else state.verdict_for
        state = replace(state, goal=goal, target=target)
    if not state.active:
        return Reply(state, [Answer(f"{prefix}What else would you like to know?")])
    reply = _ask(state, today, prefix)
    if not reply.answers[0].text.startswith(prefix):
        reply.answers.insert(0, Answer(prefix.strip()))
    return reply


def _ongoing(state: State, heard: Heard) -> List[str]:
    """The durations taken to run up to now without being asked: said as an amount rather than
    dates, and not in answer to an experience question (which says its window)."""
    names = [n for n in state.assumed_ongoing if n not in heard.updates]
    if fields.kind(state.requested) == FieldKind.MONTHS:
        return names  # said in answer to a question that gives its window
    for name, value in heard.updates.items():
        if fields.kind(name) == FieldKind.MONTHS and not isinstance(value, list):
            names.append(name)
    return names


def _outside_window(state: State, heard: Heard) -> Optional[str]:
    """A duration longer than the certification's look-back window: dates are needed."""
    for name, value in heard.updates.items():
        window = window_years(state.target, name) if state.goal == Goal.ELIGIBILITY else None
        if window and isinstance(value, (int, float)) and value > window * 12 and fields.periods_field(name):
            return name
    return None


def _start_check(state: State, heard: Heard, today: dt.date, prefix: str) -> Reply:
    """'Am I eligible for the X?' (or the answer to 'which certification?')."""
    catalog = load_catalog()
    checkable = [t for t in heard.targets if t in catalog.certifications]
    if not checkable and (heard.targets or "certifications" in heard.problems):
        note = heard.problems.pop("certifications", None) or (
            f"I know the {heard.targets[0]}, but I don't have its eligibility rules."
        )
        waiting = replace(state, goal=Goal.ELIGIBILITY, target=None, requested=None)
        return Reply(waiting, [Answer(note), which_certification()])
    target = checkable[0] if checkable else (state.target if state.goal == Goal.ELIGIBILITY else None)
    problems = {k: v for k, v in heard.problems.items() if k != "certifications"}
    if target is None:
        prefix = " ".join(problems.values()) + " " + prefix
        waiting = replace(state, goal=Goal.ELIGIBILITY, target=None, requested=None)
        return Reply(waiting, [*([Answer(prefix.strip())] if prefix.strip() else []), which_certification()])
    checking = replace(
        state, goal=Goal.ELIGIBILITY, target=target, requested=None, failures=0, offered_stop=False
    )
    return _ask(checking, today, prefix.lstrip(), problems)


def _not_active(state: State, heard: Heard, today: dt.date, prefix: str) -> Reply:
    """A message outside the questions: a correction after a verdict, or a volunteered fact."""
    if heard.updates and state.verdict_for:
        goal = Goal.RECOMMENDATION if state.verdict_for == Goal.RECOMMENDATION else Goal.ELIGIBILITY
        target = None if goal == Goal.RECOMMENDATION else state.verdict_for
        return _ask(replace(state, goal=goal, target=target), today, prefix)
    if heard.updates:
        offer = [
            (f"Check the {n}", payload("check_eligibility", certification=n))
            for n in COMMON_CERTIFICATIONS[:3]
        ]
        return Reply(state, [Answer(f"{prefix}Shall I check a certification for you?", offer)])
    if heard.problems:
        return Reply(state, [Answer(" ".join(heard.problems.values()))])
    return Reply(
        state, [Answer("Thanks! If you'd like, I can check whether you're eligible for a certification.")]
    )


def _answered(state: State, before: State, heard: Heard, today: dt.date, prefix: str) -> Reply:
    """The turn of an answer (or a correction) while questions are pending."""
    if heard.clarify is not None:
        return _clarify(state, heard.clarify, prefix)
    if state.goal == Goal.ELIGIBILITY and state.target is None:
        return Reply(state, [*([Answer(prefix.strip())] if prefix.strip() else []), which_certification()])
    requested = before.requested
    if requested and requested not in heard.updates:
        problem = heard.problems.get(requested)
        if problem or not heard.updates:
            return _retry(state, problem or _NOT_CAUGHT)
    return _ask(state, today, prefix)


def step(state: State, message: Message, today: Optional[dt.date] = None) -> Reply:
    """One turn of the interview."""
    today = today or dt.date.today()
    for handler in (_settle_end, _settle_change, _commands, _correction):
        early = handler(state, message, today)
        if early is not None:
            return early
    state = replace(state, pending_change={})
    if answers_instead(message, state, today):
        message = replace(message, intent="inform")
    heard = hear(message, state, today)
    too_long = _outside_window(state, heard)
    if too_long:
        heard.updates.pop(too_long)
    held, corrected = _hold_changes(state, heard, message)
    new_state = replace(_remember(state, heard), assumed_ongoing=_ongoing(state, heard))
    prefix = changed(corrected) + got_it(
        {k: v for k, v in heard.updates.items() if k not in corrected}, heard.notes
    )
    if held:  # no question pends meanwhile: a typed reply is heard as facts, not as its answer
        pending = {name: new for name, (_, new) in held.items()}
        asking = replace(new_state, pending_change=pending, requested=None)
        return Reply(asking, [change_question(held, prefix)])
    if too_long and state.target:
        window = window_years(state.target, too_long) or 0
        asking = replace(new_state, requested=too_long, failures=0)
        return Reply(asking, [dates_question(too_long, state.target, window, prefix)])
    intent = message.intent
    if state.goal == Goal.ELIGIBILITY and state.target is None and heard.targets:
        intent = "check_eligibility"  # the answer to "which certification?"
    if intent == "check_eligibility":
        return _start_check(new_state, heard, today, prefix)
    if intent == "ask_recommendation":
        return _ask(replace(new_state, goal=Goal.RECOMMENDATION, target=None, failures=0), today, prefix)
    if not state.active:
        rules = None if heard.updates else rules_answer(message, today)  # "can someone ... with ...?"
        return Reply(state, [rules]) if rules else _not_active(new_state, heard, today, prefix)
    return _answered(new_state, state, heard, today, prefix)

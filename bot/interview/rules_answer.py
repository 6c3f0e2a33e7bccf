"""Rules questions about a described person: the rules data evaluated for that profile (issue 19).

"with an associate's, is it 36 or 60 months for the PMP?", "can someone get the PgMP with just a
bachelor's?", "a colleague has an active CSM and 14 months of agile work, enough for the ACP?":
the facts are read by the same layer as interview answers, into a profile of their own; the
verdict for it says which path applies and what it needs, with the source and date. The person's
own profile is never read or changed, and a button offers to check their own eligibility.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional

from bot.answers import CHECK_PMI, Answer, certification_info, known_certification, path_text, payload
from bot.certifications import FieldKind, Status, evaluate, load_catalog
from bot.interview import fields
from bot.interview.state import Message, State
from bot.interview.understanding import Heard, hear
from bot.interview.verdicts import fact_lines
from bot.profile import Profile, ProfileError
from bot.understanding import looks_like_question
from bot.understanding.words import compiled


def _heard(message: Message, today: dt.date) -> Heard:
    """The message read as if it were an opening that asks to be checked, so that its facts are
    heard although it is a question (into a fresh state: never the person's own)."""
    return hear(Message(message.text, "check_eligibility", message.entities), State(), today)


def described(heard: Heard) -> Dict[str, Any]:
    """The profile the message describes, or {} when its facts do not fit one."""
    profile: Dict[str, Any] = {}
    for name, value in heard.updates.items():
        periods = fields.periods_field(name) if fields.kind(name) == FieldKind.MONTHS else None
        profile[periods if periods and isinstance(value, list) else name] = value
    try:
        return Profile.from_dict(profile).to_dict()
    except ProfileError:
        return {}


def _as_usual(profile: Dict[str, Any]) -> Dict[str, Any]:
    """What is not said is taken as the usual case, and said so: a degree not GAC-accredited
    (most are not), no certification held."""
    usual: Dict[str, Any] = {"certifications": []}
    if profile.get("education") in ("bachelor", "master", "doctorate"):
        usual["gac_degree"] = False
    return {**usual, **profile}


def asked_certification(heard: Heard, message: Message) -> Optional[str]:
    """The certification with rules that the question is about (the last one named that is not
    held: "with an active CSM ..., enough for the ACP?"; else one named: "... for her pmp?")."""
    named = [str(e.get("value")) for e in message.entities if e.get("entity") == "certification"]
    known = [known_certification(t) for t in [*heard.targets, *reversed(named)]]
    return next((k for k in known if k), None)


def _asks(message: Message) -> bool:
    return not message.is_payload and (looks_like_question(message.text) or "?" in message.text)


def is_rules_question(message: Message) -> bool:
    """A question that names what a certification requires or what counts towards it."""
    return _asks(message) and compiled("rules_words").search(message.text.lower()) is not None


def rules_answer(message: Message, today: dt.date) -> Optional[Answer]:
    """The rules for the person the message describes (or the certification's paths for a rules
    question that describes no one), or None when it is no such question."""
    if not _asks(message):
        return None
    heard = _heard(message, today)
    name = asked_certification(heard, message)
    if name is None:
        return None
    profile = described(heard)
    if not profile:
        return certification_info(name) if is_rules_question(message) else None
    return _for_profile(name, profile, today)


def _for_profile(name: str, profile: Dict[str, Any], today: dt.date) -> Answer:
    catalog = load_catalog()
    cert = catalog.certifications[name]
    verdict = evaluate(Profile.from_dict(_as_usual(profile)), name, today)
    path = next(p for p in cert.paths if p.id == verdict.path)
    which = f"the {verdict.path_label} path" if len(cert.paths) > 1 else "its rule"
    lines = [f"Going by the {cert.name} rules, for someone with:", *fact_lines(verdict, profile, {})]
    assumed = [words for key, words in _ASSUMED.items() if key not in profile and key in _as_usual(profile)]
    if assumed:
        lines.append("(and, as for most people, " + " and ".join(assumed) + ")")
    lines.append(f"{which[0].upper() + which[1:]} applies: {path_text(path, catalog).rstrip('.')}.")
    lines.append(_outcome(verdict.status, verdict.describe_shortfalls(), verdict.missing_info))
    lines += [
        f"Note: {n}" for n in verdict.notes if "verify" in n.lower() or n.startswith("Only experience")
    ][:3]
    lines.append(f"Rules as of {verdict.rules_as_of} (source: {'; '.join(verdict.sources)}). {CHECK_PMI}")
    lines.append("This is about the rules only: nothing you've told me about yourself changed.")
    buttons = [
        (f"Check if I'm eligible for the {cert.name}", payload("check_eligibility", certification=cert.name)),
        (f"All {cert.name} requirements", payload("ask_certification_info", certification=cert.name)),
    ]
    return Answer("\n".join(lines), buttons)


_ASSUMED = {"gac_degree": "a degree not accredited by GAC", "certifications": "no certification held"}


def _outcome(status: Status, shortfalls: List[str], missing: Any) -> str:
    if status == Status.ELIGIBLE:
        return "With those facts, that is met."
    if status == Status.NOT_ELIGIBLE:
        return "With those facts it is not met yet. Still needed: " + "; ".join(shortfalls) + "."
    labels = [load_catalog().label(m) for m in missing]
    return "To say whether it is met I'd also need: " + ", ".join(labels) + "."

"""The interview's replies in words: questions, the profile, verdicts and recommendations."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot import answers
from bot.answers import Answer, payload
from bot.certifications import FieldKind, load_catalog, window_years
from bot.interview import fields

CHECK_PMI = "Check pmi.org (or the issuer's site) before you apply: rules change."
SOMETHING_WRONG = ("Something's wrong", "/correct_profile")
_EDUCATION_WORDS = {
    "none": "no secondary degree",
    "secondary": "a secondary degree (high school or equivalent)",
    "associate": "an associate's degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
}
_BUTTONS: Dict[str, List[Tuple[str, str]]] = {
    "gac_degree": [("Yes", "/affirm"), ("No", "/deny")],
    "education": [
        ("High school / GED", payload("inform", education_level="secondary")),
        ("Associate's", payload("inform", education_level="associate")),
        ("Bachelor's", payload("inform", education_level="bachelor")),
        ("Master's or MBA", payload("inform", education_level="master")),
        ("Doctorate", payload("inform", education_level="doctorate")),
    ],
    "certifications": [
        ("None", "/deny"),
        ("CAPM", payload("inform", certification="CAPM")),
        ("PMP", payload("inform", certification="PMP")),
        ("CSM", payload("inform", certification="CSM")),
    ],
}


def months_words(months: float) -> str:
    years, rest = divmod(int(months), 12)
    if months == 0:
        return "none yet"
    if rest == 0:
        return f"{years} year{'s' if years != 1 else ''}"
    if years == 0:
        return f"{int(months)} month{'s' if months != 1 else ''}"
    year_words = f"{years} year{'s' if years != 1 else ''}"
    return f"{int(months)} months ({year_words} {rest} month{'s' if rest != 1 else ''})"


def _periods_words(periods: Sequence[Mapping[str, str]]) -> str:
    return ", ".join(f"{p['from']} to {p.get('to') or 'now'}" for p in periods)


def describe_value(name: str, value: Any) -> str:
    kind = fields.kind(name)
    if kind == FieldKind.EDUCATION:
        return f"education: {_EDUCATION_WORDS.get(value, value)}"
    if kind == FieldKind.FLAG:
        return "GAC-accredited degree: " + ("yes" if value else "no")
    if kind == FieldKind.CERTIFICATIONS:
        return "certifications: " + (", ".join(value) if value else "none")
    if kind == FieldKind.MONTHS and isinstance(value, (list, tuple)):
        return f"{fields.label(name)}: {_periods_words(value)}"
    if kind == FieldKind.MONTHS:
        return f"{fields.label(name)}: {months_words(value)}"
    if kind == FieldKind.HOURS:
        return f"{fields.label(name)}: {value:g} hours"
    return f"{name}: {value}"


def got_it(updates: Mapping[str, Any], notes: Sequence[str] = ()) -> str:
    """'Got it (education: a bachelor's degree). ' for what was just understood."""
    said = "; ".join(describe_value(k, v) for k, v in updates.items())
    extra = "".join(f" {_sentence(n)}" for n in notes)
    return f"Got it ({said}).{extra} " if said else ""


def _value_words(name: str, value: Any) -> Tuple[str, str]:
    label, _, words = describe_value(name, value).partition(": ")
    return label, words


def changed(changes: Mapping[str, Tuple[Any, Any]]) -> str:
    """'Changed: your education is now a master's degree (before: a bachelor's degree). '"""
    said = []
    for name, (old, new) in changes.items():
        label, new_words = _value_words(name, new)
        said.append(f"your {label} is now {new_words} (before: {_value_words(name, old)[1]})")
    return f"Changed: {'; '.join(said)}. " if said else ""


def change_question(changes: Mapping[str, Tuple[Any, Any]], prefix: str = "") -> Answer:
    """'Earlier you said your education was a bachelor's degree; change it to a master's degree?'"""
    asked = []
    for name, (old, new) in changes.items():
        label, old_words = _value_words(name, old)
        asked.append(f"your {label} was {old_words}; change it to {_value_words(name, new)[1]}")
    text = f"{prefix}Earlier you said {' and '.join(asked)}?"
    return Answer(text, [("Yes, change it", "/affirm"), ("No, keep it", "/deny")])


def _sentence(note: str) -> str:
    note = note.strip()
    return note[:1].upper() + note[1:] + ("" if note.endswith((".", "!", "?")) else ".")


def question_text(name: str, certification: Optional[str]) -> str:
    """The question for a field, with the look-back window when the rules have one."""
    return load_catalog().question_for(name, certification)


def question(name: str, certification: Optional[str], prefix: str = "") -> Answer:
    example = load_catalog().fields[name].example
    text = f"{prefix}{question_text(name, certification)} For example {example}."
    return Answer(text, list(_BUTTONS.get(name, [])))


def dates_question(name: str, certification: str, window: int, prefix: str = "") -> Answer:
    return Answer(
        f"{prefix}For the {certification} only the last {window} years count, so I need to know when. "
        f"When did you do it? For example '2015 to 2019', 'since March 2021' or "
        f"'2016-2018 and again since 2022'."
    )


def ended_question(name: str, months: float, certification: str, prefix: str = "") -> Answer:
    """ "Was all of it in the last 8 years?" for a duration said without an end."""
    window = window_years(certification, name)
    text = (
        f"{prefix}One check before the verdict: you said {months_words(months)} of {fields.label(name)}. "
        f"Was all of it in the last {window} years (for example, are you still doing it)?"
    )
    return Answer(text, [("Yes", "/affirm"), ("No, it ended earlier", "/deny")])


def which_certification() -> Answer:
    return answers.which_certification("check_eligibility", "Which certification should I check?")


def profile_summary(profile: Dict[str, Any]) -> Answer:
    known = [(k, profile[k]) for k in load_catalog().fields if profile.get(k) is not None]
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

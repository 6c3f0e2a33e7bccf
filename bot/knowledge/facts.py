"""Certification facts one at a time ("how much is the PMP?" -> the fee only).

Every figure comes from the ``exam:`` block of bot/certifications/data/certifications.yml;
the words that name each topic come from fact_topics.yml beside this file.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

import yaml

from bot.answers import CHECK_PMI, Answer, payload
from bot.certifications.catalog import Catalog, Certification, fee_text, length_text, load_catalog

TOPICS_FILE = Path(__file__).parent / "fact_topics.yml"


@functools.cache
def topics() -> Dict[str, Dict[str, Any]]:
    """Topic id -> {"title", "words"}, in the order questions are matched."""
    data = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    return dict(data["topics"])


def detect_topic(text: str) -> Optional[str]:
    """The fact topic a question asks about, or None ("tell me about the PMP exam")."""
    lowered = " " + re.sub(r"\s+", " ", text.lower()) + " "
    for topic, spec in topics().items():
        for word in spec["words"]:
            pattern = r"(?<![a-z])" + re.escape(word.lower())
            if re.search(pattern, lowered):
                return topic
    return None


def _length(cert: Certification, exam: Mapping[str, Any]) -> str:
    before = f" Before that: {exam['previous']}." if exam.get("previous") else ""
    return f"{cert.name} exam (as of {exam['as_of']}): {length_text(exam)}.{before}"


def _fee(cert: Certification, exam: Mapping[str, Any]) -> str:
    return f"{cert.name} exam fee: {fee_text(exam['fee'])}. Fees change, so check before you pay."


def _domains(cert: Certification, exam: Mapping[str, Any]) -> str:
    if exam.get("domains"):
        return f"The {cert.name} exam covers: {exam['domains']} (as of {exam['as_of']})."
    return (
        f"I don't have the topic breakdown of the {cert.name} exam; {cert.issuer}'s current exam "
        "outline lists it."
    )


def _renewal(cert: Certification, exam: Mapping[str, Any]) -> str:
    if not exam.get("validity_years"):
        return f"The {cert.name} does not need renewing: it does not expire."
    fee = f" Renewal fee: {exam['renewal_fee']}." if exam.get("renewal_fee") else ""
    return (
        f"You renew the {cert.name} with {exam['renewal_credits']} every {exam['validity_years']} years.{fee}"
    )


def _validity(cert: Certification, exam: Mapping[str, Any]) -> str:
    if not exam.get("validity_years"):
        return f"The {cert.name} does not expire."
    return (
        f"The {cert.name} is valid for {exam['validity_years']} years; you keep it by earning "
        f"{exam['renewal_credits']} in that time."
    )


def _retakes(cert: Certification, exam: Mapping[str, Any]) -> str:
    return f"Retaking the {cert.name}: {exam['retakes']}."


def _delivery(cert: Certification, exam: Mapping[str, Any]) -> str:
    return f"You can take the {cert.name} exam {exam['delivery']}."


def _pass_rate(cert: Certification, exam: Mapping[str, Any]) -> str:
    if exam.get("pass_rate"):
        return f"{cert.name} pass rate: {exam['pass_rate']}."
    return (
        f"{cert.issuer} does not publish a pass rate for the {cert.name}; figures you see online are "
        "estimates by training companies."
    )


# The exam: keys each writer reads, for the sources it cites (the fee cites its own).
TOPIC_FACTS: Dict[str, Tuple[str, ...]] = {
    "length": ("questions", "minutes", "booking", "previous"),
    "fee": (),
    "domains": ("domains",),
    "renewal": ("validity_years", "renewal_credits", "renewal_fee"),
    "validity": ("validity_years", "renewal_credits"),
    "retakes": ("retakes",),
    "delivery": ("delivery",),
    "pass_rate": ("pass_rate",),
}

WRITERS: Dict[str, Callable[[Certification, Mapping[str, Any]], str]] = {
    "length": _length,
    "fee": _fee,
    "domains": _domains,
    "renewal": _renewal,
    "validity": _validity,
    "retakes": _retakes,
    "delivery": _delivery,
    "pass_rate": _pass_rate,
}


def source_line(cert: Certification, keys: Tuple[str, ...], catalog: Catalog) -> str:
    """ "Source: <the sources of these facts>. ", with "(single source: verify)" when one of them is
    the exam block's own grade C source; empty when no key is given (the fee cites its own)."""
    ids = cert.exam.source_ids(keys)
    if not ids:
        return ""
    verify = " (single source: verify)" if cert.exam.grade == "C" and cert.exam.source in ids else ""
    return f"Source: {'; '.join(catalog.sources[i].cite() for i in ids)}{verify}. "


def fact_answer(name: str, topic: str) -> Answer:
    """One fact about one certification, dated and sourced, with buttons for two other facts."""
    catalog = load_catalog()
    cert = catalog.certifications[catalog.canonical_certification(name) or name]
    exam = cert.exam.facts
    source = source_line(cert, TOPIC_FACTS[topic], catalog)
    text = f"{WRITERS[topic](cert, exam)}\n{source}{CHECK_PMI}"
    others = [t for t in ("fee", "length", "renewal", "pass_rate") if t != topic][:2]
    buttons: List[Tuple[str, str]] = [
        (
            f"{cert.name}: {topics()[t]['title'].lower()}",
            payload("ask_exam_details", certification=cert.name, fact_topic=t),
        )
        for t in others
    ]
    buttons.append(
        (f"Am I eligible for the {cert.name}?", payload("check_eligibility", certification=cert.name))
    )
    return Answer(text, buttons)

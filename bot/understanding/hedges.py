"""Hedges ("not sure"), "what is that?" and plain questions."""

from __future__ import annotations

import re

from bot.understanding.text import clean
from bot.understanding.words import compiled

_QUESTION_START = re.compile(
    r"^(?:what|what's|whats|where|how|why|when|which|who|whom|whose|"
    r"(?:do|does|did|can|could|should|would|will|is|are|am|was|were|have|has|may|must|shall)"
    r"(?: i| you| we| they| it| there| that| this| my| a| an| the| pmi| gac| one| someone| anyone)|"
    r"tell me|explain|any idea|is it true|i wonder|i was wondering|wondering|please explain)\b"
)
_NOT_A_QUESTION = re.compile(r"^(?:how about|what about|how long ago|who knows|whatever)\b")
# "did a 35 hour course", "have a bachelor's": a statement with the "I" left out, unless it asks.
_STATEMENT_START = re.compile(r"^(?:did|have|has|had)(?: a| an| the| my)\b")


def is_hedge(text: str) -> bool:
    """The answer says the person doesn't know ("not sure", "no idea", "I think so?")."""
    cleaned = clean(text)
    return bool(compiled("hedges").search(cleaned) or compiled("hedges_no").search(cleaned))


def asks_what_it_is(text: str) -> bool:
    """The answer asks what the question means ("what's GAC?", "what counts?")."""
    return bool(compiled("what_is").search(clean(text)))


def looks_like_question(text: str) -> bool:
    """True when a sentence of ``text`` is plainly a question ("where do I get 35 hours?")."""
    if not isinstance(text, str):
        return False
    cleaned = clean(text)
    for sentence in re.split(
        r"(?<=[?.!])\s+|,\s*(?=(?:but|and|so)?\s*(?:what|where|how|why|do|does|can|is)\b)", cleaned
    ):
        sentence = sentence.strip(" ,;")
        if not sentence or _NOT_A_QUESTION.match(sentence):
            continue
        if _STATEMENT_START.match(sentence) and not sentence.endswith("?"):
            continue
        if _QUESTION_START.match(sentence) and (sentence.endswith("?") or len(sentence.split()) >= 3):
            return True
    return False

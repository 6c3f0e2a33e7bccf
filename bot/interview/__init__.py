"""The eligibility interview: understands answers and asks only what the rules still need.

Split by job: ``understanding`` (answers, through ``bot.understanding``), ``flow`` (the
next step), ``wording`` and ``verdicts`` (the replies), ``fields`` (the field catalog).
Pure Python: the action server keeps the ``State`` in slots.
"""

from bot.interview.flow import CORE_FIELDS, MAX_FAILURES, step, stops_or_goes_on
from bot.interview.state import ELIGIBILITY, RECOMMENDATION, Message, Reply, State
from bot.interview.understanding import adds_or_corrects_a_fact, pending_answer
from bot.interview.verdicts import BASED_ON, recommendation_answer, verdict_answer
from bot.interview.wording import describe_value, profile_summary

__all__ = [
    "adds_or_corrects_a_fact",
    "BASED_ON",
    "CORE_FIELDS",
    "ELIGIBILITY",
    "MAX_FAILURES",
    "RECOMMENDATION",
    "Message",
    "Reply",
    "State",
    "describe_value",
    "pending_answer",
    "profile_summary",
    "recommendation_answer",
    "step",
    "stops_or_goes_on",
    "verdict_answer",
]

"""Scores knowledge questions against the trained model: correct / declined / wrong.

    .venv/bin/python tests/nlu/knowledge_scores.py tests/nlu/knowledge_validation.yml [--tune]

Each question is parsed once by the real model; the "I don't know" limits (FallbackClassifier's
threshold on the intent, KnowledgeFallback's on the summed knowledge share and the chosen
answer's probability and lead) are then applied to the raw confidences, so ``--tune`` can try
every combination without re-parsing.
Tune on the validation set only; the test set is scored with the thresholds in config.yml.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.knowledge.facts import detect_topic  # noqa: E402
from components.knowledge_fallback import AnswerLimits  # noqa: E402

MODEL = Path(os.environ.get("PM_MODEL") or ROOT / "models" / "pm-career.tar.gz")
FACT_INTENTS = {"ask_exam_details", "ask_follow_up"}
DECLINING = {"nlu_fallback", "out_of_scope"}


@dataclass(frozen=True)
class Parsed:
    text: str
    expect: Tuple[str, ...]
    intent: str
    confidence: float
    margin: float  # top intent confidence minus the second's
    answer: Optional[str]  # faq/<id> chosen by the response selector
    answer_confidence: float
    second_answer: float  # the next answer's probability


@dataclass(frozen=True)
class Limits:
    intent: float  # FallbackClassifier's threshold
    ambiguity: float
    answer: AnswerLimits  # KnowledgeFallback's


def thresholds() -> Limits:
    """The limits config.yml uses now."""
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    found: Dict[str, Any] = {}
    for component in pipeline:
        if component["name"] == "FallbackClassifier":
            found["intent"] = float(component["threshold"])
            found["ambiguity"] = float(component["ambiguity_threshold"])
        if component["name"].endswith("KnowledgeFallback"):
            found["answer"] = AnswerLimits.from_config(component)
    return Limits(**found)


def _raw(text: str, expect: Sequence[str], data: Dict[str, Any]) -> Parsed:
    ranking = [r for r in data.get("intent_ranking", []) if r["name"] != "nlu_fallback"]
    top, second = ranking[0], (ranking[1] if len(ranking) > 1 else {"confidence": 0.0})
    selected = data.get("response_selector", {}).get("faq", {})
    response = selected.get("response", {})
    ranked = [float(r.get("confidence") or 0.0) for r in selected.get("ranking") or []] + [0.0, 0.0]
    # The classifier's own near tie ("check your eligibility, or is your question about ...?"):
    # the check ranked first under nlu_fallback, whatever the thresholds. Not an answer.
    near_tie = (data.get("intent") or {}).get("name") == "nlu_fallback" and top["name"] == "check_eligibility"
    return Parsed(
        text=text,
        expect=tuple(expect),
        intent="nlu_fallback" if near_tie else top["name"],
        confidence=float(top["confidence"]),
        margin=float(top["confidence"]) - float(second["confidence"]),
        answer=response.get("intent_response_key"),
        answer_confidence=float(response.get("confidence") or 0.0),
        second_answer=ranked[1],
    )


def label(parsed: Parsed, limits: Limits) -> str:
    """What the assistant does with the question under ``limits``: a label as in the files
    (a "Did you mean ...?" counts as a decline: it is not an answer)."""
    if parsed.confidence < limits.intent or parsed.margin < limits.ambiguity:
        return "decline"
    if parsed.intent == "faq":
        clear = limits.answer.clear(parsed.confidence, parsed.answer_confidence, parsed.second_answer)
        return str(parsed.answer) if clear else "decline"
    if parsed.intent in DECLINING:
        return "decline"
    if parsed.intent in FACT_INTENTS:
        return "fact:" + (detect_topic(parsed.text) or "exam")
    return parsed.intent


def score(parsed: List[Parsed], limits: Limits) -> Dict[str, int]:
    """correct (the expected answer, or a decline where one is expected), declined (said "I
    don't know" to an answerable question), wrong (answered, but not with an expected answer)."""
    counts = {"correct": 0, "declined": 0, "wrong": 0}
    for item in parsed:
        got = label(item, limits)
        if got in item.expect:
            counts["correct"] += 1
        elif got == "decline":
            counts["declined"] += 1
        else:
            counts["wrong"] += 1
    return counts


# Kinds a single parse cannot score: a rules question about a described person is graded on
# what the reply says (its `must_say`), a follow-up needs its context turn first; both go through
# the real servers (tests/e2e/knowledge_transcripts.py) and are graded from the transcripts.
NOT_SINGLE_PARSE = {"rules", "follow_up"}


def load_questions(path: Path) -> List[Tuple[str, Tuple[str, ...]]]:
    items = yaml.safe_load(path.read_text())["questions"]
    return [
        (q["text"], tuple(q["expect"] if isinstance(q["expect"], list) else [q["expect"]]))
        for q in items
        if q.get("kind") not in NOT_SINGLE_PARSE
    ]


async def parse_all(questions: List[Tuple[str, Tuple[str, ...]]]) -> List[Parsed]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    return [_raw(text, expect, await agent.parse_message(text)) for text, expect in questions]


def tune(parsed: List[Parsed], base: Limits) -> Limits:
    """The knowledge limits with the most correct answers, counting a wrong answer as three
    (a confident wrong answer costs more trust than an honest "I don't know"); the intent
    threshold stays (it also guards the check and the other intents)."""
    shares = [0.5, 0.6, 0.7, 0.8]
    sure = [0.3, 0.4, 0.5, 0.6, 0.7]
    floors = [0.05, 0.1, 0.15, 0.2, 0.3]
    leads = [1.5, 2.0, 3.0, 4.0, 6.0, 10.0]
    best, best_value = base, None
    for share, threshold, floor, lead in itertools.product(shares, sure, floors, leads):
        limits = Limits(base.intent, base.ambiguity, AnswerLimits(share, threshold, floor, lead))
        counts = score(parsed, limits)
        value = (counts["correct"] - 3 * counts["wrong"], -abs(share - base.answer.min_share))
        if best_value is None or value > best_value:
            best, best_value = limits, value
    return best


def report(name: str, counts: Dict[str, int]) -> str:
    total = sum(counts.values())
    parts = [f"{k} {v} ({100 * v / total:.1f}%)" for k, v in counts.items()]
    return f"{name}: " + ", ".join(parts) + f" of {total}"


def answerable_report(parsed: List[Parsed], limits: Limits) -> str:
    """The issue's measures: correct and declined over the answerable questions, wrong over all."""
    answerable = [p for p in parsed if "decline" not in p.expect]
    counts = score(answerable, limits)
    wrong = score(parsed, limits)["wrong"]
    n, everything = max(1, len(answerable)), max(1, len(parsed))
    return (
        f"answerable {len(answerable)}: correct {100 * counts['correct'] / n:.1f}%, declined "
        f"{100 * counts['declined'] / n:.1f}%; wrong over all {len(parsed)}: {100 * wrong / everything:.1f}%"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--min-correct", type=float, help="fail below this share of correct answers")
    parser.add_argument("--max-wrong", type=float, help="fail above this share of wrong answers")
    args = parser.parse_args()
    parsed = asyncio.run(parse_all(load_questions(args.questions)))
    limits = thresholds()
    print(report(f"thresholds in config.yml {limits}", score(parsed, limits)))
    print(answerable_report(parsed, limits))
    if args.tune:
        best = tune(parsed, limits)
        print(report(f"best on this set {best}", score(parsed, best)))
    if args.show_errors:
        for item in parsed:
            got = label(item, limits)
            if got not in item.expect:
                print(
                    f"  {item.text!r}: expected {'/'.join(item.expect)}, got {got} "
                    f"({item.intent} {item.confidence:.2f}, "
                    f"answer {item.answer} {item.answer_confidence:.2f})"
                )
    return gate(score(parsed, limits), args.min_correct, args.max_wrong)


def gate(counts: Dict[str, int], min_correct: Optional[float], max_wrong: Optional[float]) -> int:
    """1 (and why) when the shares of correct or wrong answers miss their limits, else 0."""
    total = max(1, sum(counts.values()))
    failures = []
    if min_correct is not None and counts["correct"] / total < min_correct:
        failures.append(f"correct {counts['correct'] / total:.1%} < {min_correct:.1%}")
    if max_wrong is not None and counts["wrong"] / total > max_wrong:
        failures.append(f"wrong {counts['wrong'] / total:.1%} > {max_wrong:.1%}")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

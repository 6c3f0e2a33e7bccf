"""Scores first messages: does a request to be checked start the check, and does nothing else?

    .venv/bin/python tests/nlu/first_message_scores.py tests/nlu/first_messages_test.yml \
        [--model models/pm-career.tar.gz] [--min-recall 0.97] [--max-false-starts 0.02] [--show-errors]

Each message is parsed once by the real model, as the first message of a conversation. It
"starts" the check when the intent is check_eligibility or ask_recommendation (both go to the
interview), is a "near tie" when the assistant asks "check your eligibility, or ...?" (the
check ranked first under nlu_fallback), and otherwise answers or declines. Recall of "check"
counts starts only; a false start is an information or other message that starts the check.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
MODEL = Path(os.environ.get("PM_MODEL") or ROOT / "models" / "pm-career.tar.gz")
STARTS = {"check_eligibility", "ask_recommendation"}


def outcome(data: Dict[str, Any]) -> str:
    """start / near_tie / other, as the person would meet it."""
    intent = (data.get("intent") or {}).get("name")
    if intent in STARTS:
        return "start"
    ranking = [r for r in data.get("intent_ranking", []) if r["name"] != "nlu_fallback"]
    if intent == "nlu_fallback" and ranking and ranking[0]["name"] == "check_eligibility":
        return "near_tie"
    return "other"


async def parse_all(model: Path, messages: List[Dict[str, Any]]) -> List[Tuple[Dict[str, Any], str, str]]:
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    results = []
    for item in messages:
        data = await agent.parse_message(item["text"])
        results.append((item, outcome(data), (data.get("intent") or {}).get("name", "")))
        RAW.append(raw_confidences(data))
    return results


RAW: List[Tuple[float, float]] = []  # (the check's confidence, the best other intent's), per message


def raw_confidences(data: Dict[str, Any]) -> Tuple[float, float]:
    ranking = [r for r in data.get("intent_ranking", []) if r["name"] != "nlu_fallback"]
    check = next((float(r["confidence"]) for r in ranking if r["name"] == "check_eligibility"), 0.0)
    other = max((float(r["confidence"]) for r in ranking if r["name"] != "check_eligibility"), default=0.0)
    return check, other


def tune(results: List[Tuple[Dict[str, Any], str, str]]) -> None:
    """Prints recall and false starts for each check threshold (validation sets only)."""
    labels = [item["label"] for item, _, _ in results]
    checks = labels.count("check")
    for threshold in [round(0.05 * i, 2) for i in range(4, 15)]:
        start = [c >= threshold for c, _ in RAW]
        recall = sum(s for s, lab in zip(start, labels, strict=True) if lab == "check") / max(1, checks)
        false = sum(s for s, lab in zip(start, labels, strict=True) if lab != "check")
        print(f"  check_threshold {threshold:.2f}: recall {recall:.1%}, false starts {false}")


def baseline(messages: List[Dict[str, Any]]) -> List[Tuple[Dict[str, Any], str, str]]:
    """TF-IDF + logistic regression on the same training data: the check starts when its top
    label is check_eligibility or ask_recommendation with at least 0.5 (Rasa's fallback bar)."""
    from benchmarks.bench_knowledge import _baseline, training_examples

    texts, labels = training_examples()
    model = _baseline(30.0).fit(texts, labels)
    results = []
    for item, row in zip(messages, model.predict_proba([m["text"] for m in messages]), strict=True):
        label, p = max(zip(model.classes_, row, strict=True), key=lambda kv: kv[1])
        results.append((item, "start" if label in STARTS and p >= 0.5 else "other", str(label)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("messages", type=Path)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--min-recall", type=float)
    parser.add_argument("--max-false-starts", type=float)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--baseline", action="store_true", help="score the TF-IDF + LR baseline instead")
    parser.add_argument("--tune", action="store_true", help="recall and false starts per check threshold")
    args = parser.parse_args()
    messages = yaml.safe_load(args.messages.read_text())["messages"]
    results = baseline(messages) if args.baseline else asyncio.run(parse_all(args.model, messages))
    if args.tune:
        tune(results)
    counts: Counter[Tuple[str, str]] = Counter((item["label"], got) for item, got, _ in results)
    checks = sum(v for (label, _), v in counts.items() if label == "check")
    others = len(results) - checks
    recall = counts[("check", "start")] / max(1, checks)
    near = counts[("check", "near_tie")] / max(1, checks)
    false_starts = sum(v for (label, got), v in counts.items() if label != "check" and got == "start")
    info_near = sum(v for (label, got), v in counts.items() if label != "check" and got == "near_tie")
    print(
        f"{args.messages.name}: check recall {recall:.1%} ({counts[('check', 'start')]}/{checks}), "
        f"near tie {near:.1%}; false starts {false_starts / max(1, others):.1%} ({false_starts}/{others}), "
        f"near tie on non-checks {info_near}/{others}"
    )
    if args.show_errors:
        for item, got, intent in results:
            if (item["label"] == "check") != (got == "start"):
                print(f"  [{item['label']}] {got:8s} {intent:22s} {item['text']!r}")
    failures = []
    if args.min_recall is not None and recall < args.min_recall:
        failures.append(f"check recall {recall:.1%} < {args.min_recall:.1%}")
    if args.max_false_starts is not None and false_starts / max(1, others) > args.max_false_starts:
        failures.append(f"false starts {false_starts / max(1, others):.1%} > {args.max_false_starts:.1%}")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

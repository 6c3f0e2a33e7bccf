"""Scores the trained model on the held-out NLU test set and fails below the bar.

    python tests/nlu/check_scores.py results/nlu

Intent accuracy comes from the report `rasa test nlu` writes (minimum 0.95). Entities are
scored here, because `rasa test nlu` leaves out pre-trained extractors such as
SpacyEntityExtractor: each test sentence is parsed by the trained model and every
predicted (start, end, entity) is matched exactly against the hand annotations; the F1 of
every entity must be at least 0.90, and certification and education values must come out
canonical. Prints the figures either way and writes results/nlu/entity_report.json.
"""

from __future__ import annotations

import asyncio
import json
import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Set, Tuple

warnings.filterwarnings("ignore")

MIN_INTENT_ACCURACY = 0.95
MIN_ENTITY_F1 = 0.90
ENTITIES = ("certification", "education_level", "duration", "hours")
MODEL = "models/pm-career.tar.gz"
TEST_DATA = "tests/nlu/test_nlu.yml"

Span = Tuple[int, int, str]


async def entity_scores() -> Dict[str, Dict[str, float]]:
    import logging

    import structlog

    # Rasa's parse log lines are debug output; keep the report readable.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    sys.path.insert(0, ".")
    from bot.certifications import load_catalog
    from bot.profile import EDUCATION_VALUES

    canonical = {
        "certification": set(load_catalog().certifications),
        "education_level": set(EDUCATION_VALUES),
    }
    agent = Agent.load(MODEL)
    data = load_data(TEST_DATA)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    bad_values = []
    for example in data.training_examples:
        text = example.get("text")
        gold: Set[Span] = {(e["start"], e["end"], e["entity"]) for e in example.get("entities", [])}
        parsed: Dict[str, Any] = await agent.parse_message(text)
        predicted: Set[Span] = set()
        for e in parsed.get("entities", []):
            predicted.add((e["start"], e["end"], e["entity"]))
            allowed = canonical.get(e["entity"])
            if allowed is not None and e["value"] not in allowed:
                bad_values.append((text, e["entity"], e["value"]))
        for span in predicted & gold:
            tp[span[2]] += 1
        for span in predicted - gold:
            fp[span[2]] += 1
            print(f"  extra   {span[2]:16s} {text[span[0] : span[1]]!r} in {text!r}")
        for span in gold - predicted:
            fn[span[2]] += 1
            print(f"  missed  {span[2]:16s} {text[span[0] : span[1]]!r} in {text!r}")
    report: Dict[str, Dict[str, float]] = {}
    for name in ENTITIES:
        precision = tp[name] / (tp[name] + fp[name]) if tp[name] + fp[name] else 0.0
        recall = tp[name] / (tp[name] + fn[name]) if tp[name] + fn[name] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[name] = {
            "precision": precision,
            "recall": recall,
            "f1-score": f1,
            "support": tp[name] + fn[name],
        }
    for text, entity, value in bad_values:
        print(f"  non-canonical {entity} value {value!r} in {text!r}")
    report["_non_canonical_values"] = {"count": float(len(bad_values))}
    return report


def main(results: Path) -> int:
    intents = json.loads((results / "intent_report.json").read_text())
    entities = asyncio.run(entity_scores())
    (results / "entity_report.json").write_text(json.dumps(entities, indent=2))
    failures = []
    accuracy = intents["accuracy"]
    print(
        f"intent accuracy {accuracy:.3f} (minimum {MIN_INTENT_ACCURACY}), "
        f"macro F1 {intents['macro avg']['f1-score']:.3f}, {intents['macro avg']['support']} utterances"
    )
    if accuracy < MIN_INTENT_ACCURACY:
        failures.append(f"intent accuracy {accuracy:.3f} < {MIN_INTENT_ACCURACY}")
    for name in ENTITIES:
        scores = entities[name]
        print(
            f"entity {name:16s} F1 {scores['f1-score']:.3f} precision {scores['precision']:.3f} "
            f"recall {scores['recall']:.3f} (support {scores['support']:.0f})"
        )
        if scores["support"] == 0 or scores["f1-score"] < MIN_ENTITY_F1:
            failures.append(f"entity {name} F1 {scores['f1-score']:.3f} < {MIN_ENTITY_F1}")
    if entities["_non_canonical_values"]["count"]:
        failures.append("some certification or education values were not mapped to canonical names")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "results/nlu")))

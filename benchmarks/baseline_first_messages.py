"""The TF-IDF + logistic-regression baseline on the independent first-message sets: does the
first message start the eligibility check (``check_eligibility`` or ``ask_recommendation``)?

    .venv/bin/python -m benchmarks.baseline_first_messages tests/sets/first_messages_h.yml ...

Trained on data/nlu, like the assistant; scored like tests/nlu/first_message_scores.py (check
recall over the ``check`` messages, false starts over the others), without near ties.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

import yaml

from benchmarks.bench_nlu import BALANCED, ROOT, _examples

STARTS = {"check_eligibility", "ask_recommendation"}


def main(paths: List[str]) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    train_x, train_y = _examples(str(ROOT / "data" / "nlu"))
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(C=10, max_iter=2000, class_weight=BALANCED)
    )
    model.fit(train_x, train_y)
    for path in paths:
        messages = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["messages"]
        starts = [intent in STARTS for intent in model.predict([m["text"] for m in messages])]
        checks = [s for s, m in zip(starts, messages, strict=True) if m["label"] == "check"]
        others = [s for s, m in zip(starts, messages, strict=True) if m["label"] != "check"]
        print(
            f"{path}: baseline check recall {sum(checks) / len(checks):.1%} ({sum(checks)}/{len(checks)}); "
            f"false starts {sum(others) / len(others):.1%} ({sum(others)}/{len(others)})"
        )


if __name__ == "__main__":
    main(sys.argv[1:])

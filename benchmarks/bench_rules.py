"""How long the rules engine takes to evaluate every certification for one profile.

    .venv/bin/python -m benchmarks.bench_rules

A measurement, not a test: prints the median and the 95th percentile over many runs.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from bot.certifications import evaluate, load_catalog, recommend
from bot.profile import Profile

PROFILES = {
    "empty": Profile(),
    "typical": Profile(
        education="bachelor",
        gac_degree=False,
        pm_experience_months=30,
        agile_experience_months=18,
        pm_education_hours=35,
        agile_training_hours=21,
        certifications=("CAPM",),
    ),
}
RUNS = 2000


def measure(profile: Profile, today: dt.date) -> tuple[float, float]:
    names = list(load_catalog().certifications)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for name in names:
            evaluate(profile, name, today)
        timings.append(time.perf_counter() - start)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95)]


def main() -> None:
    today = dt.date.today()
    count = len(load_catalog().certifications)
    print(f"evaluate() over all {count} certifications, {RUNS} runs each")
    for label, profile in PROFILES.items():
        median, p95 = measure(profile, today)
        per_cert = median / count * 1e6
        print(
            f"  {label:8s} median {median * 1e3:.3f} ms  p95 {p95 * 1e3:.3f} ms  ({per_cert:.1f} us per cert)"
        )
    start = time.perf_counter()
    for _ in range(200):
        recommend(PROFILES["typical"], today)
    print(f"  recommend() mean {(time.perf_counter() - start) / 200 * 1e3:.3f} ms")


if __name__ == "__main__":
    main()

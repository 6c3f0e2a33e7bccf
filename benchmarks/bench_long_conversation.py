"""Does a turn cost the same at the 1000th message of a conversation as at the first?

    .venv/bin/python -m benchmarks.bench_long_conversation [--turns 1000]   (also in make bench)

One conversation through the REST webhook of one instance (SQLite store): knowledge
questions with an eligibility check every 25 turns. Prints the median latency of turns
1-20 and of the last 21 turns (980-1000 by default) and their ratio (target: within 1.3x).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

from benchmarks.load import SCRIPT
from tests.e2e.servers import Servers

ELIGIBILITY = [text for kind, text in SCRIPT if kind == "eligibility"]
KNOWLEDGE = [text for kind, text in SCRIPT if kind == "knowledge"]


def message(turn: int) -> str:
    """The message for turn ``turn`` (0-based): an eligibility check every 25 turns."""
    if turn % 25 < len(ELIGIBILITY):
        return ELIGIBILITY[turn % 25]
    return KNOWLEDGE[turn % len(KNOWLEDGE)]


def run(servers: Servers, turns: int) -> List[float]:
    user = f"long-{uuid.uuid4().hex}"
    timings = []
    for turn in range(turns):
        started = time.perf_counter()
        reply = servers.send(user, message(turn))
        timings.append(time.perf_counter() - started)
        assert reply, f"turn {turn + 1}: empty reply"
    return timings


def summary(timings: List[float]) -> Dict[str, float]:
    first = statistics.median(timings[:20]) * 1e3
    last = statistics.median(timings[-21:]) * 1e3
    return {"turns": len(timings), "first_20_p50_ms": first, "last_21_p50_ms": last, "ratio": last / first}


def measure(turns: int = 1000) -> Dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        servers = Servers(Path(tmp))
        try:
            servers.start_actions()
            servers.start_rasa()
            for turn in range(5):  # warm up on another conversation
                servers.send(f"warm-{turn}", message(turn))
            return summary(run(servers, turns))
        finally:
            servers.stop()


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1000)
    args = parser.parse_args(argv)
    result = measure(args.turns)
    print(
        f"one conversation, {result['turns']} turns: median turns 1-20 {result['first_20_p50_ms']:.1f} ms, "
        f"turns {result['turns'] - 20}-{result['turns']} {result['last_21_p50_ms']:.1f} ms, "
        f"ratio {result['ratio']:.2f} (target <= 1.3)"
    )


if __name__ == "__main__":
    main()

"""Starts the real servers and measures what a user feels, one user at a time.

    .venv/bin/python -m benchmarks.measure_server   (or: make bench)

Prints: seconds from start to the first real answer, median and p95 latency per turn
for knowledge questions and for certification questions (which call the action server),
and the resident memory of the Rasa server and the action server.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import List

from tests.e2e.servers import Servers

KNOWLEDGE = [
    "what does an IT project manager do?",
    "what skills do I need?",
    "how do I become an IT project manager?",
    "how much does an IT PM earn?",
    "will AI replace project managers?",
]
CERTIFICATION = ["tell me about the PMP", "how long is the CAPM exam?", "compare PMP and CAPM"]
TURNS = 200


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed_turns(servers: Servers, questions: List[str]) -> List[float]:
    timings = []
    user = f"bench-{uuid.uuid4().hex}"
    for i in range(TURNS):
        start = time.perf_counter()
        reply = servers.send(user, questions[i % len(questions)])
        timings.append(time.perf_counter() - start)
        assert reply, "empty reply"
    return sorted(timings)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        servers = Servers(Path(tmp))
        try:
            servers.start_actions()
            ready = servers.start_rasa()
            print(f"ready to answer: {ready:.1f} s after start")
            for label, questions in (("knowledge", KNOWLEDGE), ("certification", CERTIFICATION)):
                timings = timed_turns(servers, questions)
                p95 = timings[int(len(timings) * 0.95)]
                print(
                    f"{label:13s} turns: median {statistics.median(timings) * 1e3:.1f} ms, "
                    f"p95 {p95 * 1e3:.1f} ms ({TURNS} turns, one user)"
                )
            assert servers.rasa and servers.action
            rasa_mb, action_mb = rss_mb(servers.rasa.pid), rss_mb(servers.action.pid)
            print(f"resident memory: rasa {rasa_mb:.0f} MB, actions {action_mb:.0f} MB")
        finally:
            servers.stop()


if __name__ == "__main__":
    main()

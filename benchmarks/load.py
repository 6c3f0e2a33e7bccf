"""A closed-loop load generator for the REST webhook.

Each simulated user sends a turn, waits for the reply, and sends the next, replaying a
scripted conversation (knowledge questions and an eligibility check) with a new
conversation id each time round. Reports p50/p95/p99 latency per turn, turns per second,
and how busy the machine's CPUs were meanwhile (every process: servers, databases and this
load generator), so a throughput limited by the machine shows as such.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import aiohttp

SCRIPT: Tuple[Tuple[str, str], ...] = (
    ("knowledge", "what does an IT project manager do?"),
    ("knowledge", "what skills do I need to be a project manager?"),
    ("eligibility", "am I eligible for the PMP?"),
    ("eligibility", "I have a bachelor's"),
    ("eligibility", "5 years"),
    ("eligibility", "35 hours"),
    ("knowledge", "how much does an IT project manager earn?"),
    ("knowledge", "will AI replace project managers?"),
)


@dataclass
class LoadResult:
    users: int
    seconds: float
    latencies: Dict[str, List[float]] = field(default_factory=dict)
    errors: int = 0
    cpu_busy: float = float("nan")  # share of all the machine's CPU time in use, 0-1

    @property
    def turns(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def throughput(self) -> float:
        return self.turns / self.seconds if self.seconds else 0.0

    def percentile(self, p: float, kind: str = "") -> float:
        values = sorted(
            self.latencies.get(kind, []) if kind else [x for v in self.latencies.values() for x in v]
        )
        if not values:
            return float("nan")
        if p == 50:
            return statistics.median(values)
        return values[min(len(values) - 1, int(len(values) * p / 100))]


async def _user(
    session: aiohttp.ClientSession,
    url: str,
    script: Sequence[Tuple[str, str]],
    stop_at: float,
    result: LoadResult,
) -> None:
    while time.perf_counter() < stop_at:
        sender = f"load-{uuid.uuid4().hex}"
        for kind, text in script:
            if time.perf_counter() >= stop_at:
                return
            start = time.perf_counter()
            try:
                async with session.post(url, json={"sender": sender, "message": text}) as response:
                    body = await response.json(content_type=None)
                    ok = response.status == 200 and bool(body)
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                ok = False
            elapsed = time.perf_counter() - start
            if ok:
                result.latencies.setdefault(kind, []).append(elapsed)
            else:
                result.errors += 1


def cpu_times() -> Tuple[int, int]:
    """(busy, total) CPU time of the whole machine so far, in clock ticks (/proc/stat)."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and waiting for I/O
    return sum(ticks) - idle, sum(ticks)


async def run_load(
    url: str, users: int, seconds: float, script: Sequence[Tuple[str, str]] = SCRIPT, warmup: float = 2.0
) -> LoadResult:
    """``users`` closed-loop users for ``seconds`` (after ``warmup`` seconds not counted)."""
    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=users * 2)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        if warmup:
            warm = LoadResult(users, warmup)
            stop = time.perf_counter() + warmup
            await asyncio.gather(*(_user(session, url, script, stop, warm) for _ in range(users)))
        result = LoadResult(users, seconds)
        busy_before, total_before = cpu_times()
        started = time.perf_counter()
        stop = started + seconds
        await asyncio.gather(*(_user(session, url, script, stop, result) for _ in range(users)))
        result.seconds = time.perf_counter() - started
        busy, total = cpu_times()
        result.cpu_busy = (busy - busy_before) / max(1, total - total_before)
    return result

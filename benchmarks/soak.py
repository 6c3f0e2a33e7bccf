"""`make soak`: mixed conversations against the cluster for a long time, at about half the
rate it can take. Not part of `make test`.

    .venv/bin/python -m benchmarks.soak [--minutes 20] [--window 60]

Starts `scripts/cluster.sh` (PostgreSQL, Redis, action server, two Rasa instances, nginx),
measures the saturation rate (16 closed-loop users for 15 s), then runs users with think
time so the offered rate is half of it. Prints, per window: turns/s, p50/p95/p99 and
errors; at start and end: resident memory of every process of the cluster and the size of
the conversation database. Writes results/soak.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import aiohttp

from benchmarks.load import SCRIPT, run_load
from deploy.local_services import Postgres
from tests.e2e.servers import ROOT, free_port, wait_for_answer

RESULTS = ROOT / "results"
USERS = 16


def start_cluster(folder: Path) -> Dict[str, Any]:
    ports = {name: free_port() for name in ("RASA_PORT", "RASA1_PORT", "RASA2_PORT", "ACTION_PORT")}
    ports.update(PG_PORT=free_port(), REDIS_PORT=free_port())
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}}
    log = open(folder / "soak-cluster.log", "ab")  # noqa: SIM115 (open while the child runs)
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "cluster.sh")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook"
    wait_for_answer(url, time.time() + 900, proc)
    return {"proc": proc, "url": url, **ports}


def processes(cluster: Dict[str, Any]) -> Dict[int, str]:
    """Every process of the cluster: those of the script's session and the daemons' ones."""
    found: Dict[int, str] = {}
    roots = {cluster["proc"].pid}
    var = ROOT / "var" / "cluster"
    for pidfile in (
        var / "nginx.pid",
        var / "redis" / "redis.pid",
        var / "postgres" / "data" / "postmaster.pid",
    ):
        if pidfile.exists():
            roots.add(int(pidfile.read_text().split()[0]))
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:80]
        except OSError:
            continue
        pid, ppid, sid = int(entry.name), int(stat[1]), int(stat[3])
        if pid in roots or ppid in roots or sid == cluster["proc"].pid:
            found[pid] = cmd.strip()
    return found


def memory(cluster: Dict[str, Any]) -> Dict[str, float]:
    result = {}
    for pid, cmd in processes(cluster).items():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss = [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")]
        if rss:
            result[f"{pid} {cmd}"] = rss[0] / 1024
    return result


def store_mb(cluster: Dict[str, Any]) -> float:
    postgres = Postgres(ROOT / "var" / "cluster" / "postgres", int(cluster["PG_PORT"]))
    return int(postgres.query("SELECT pg_database_size('rasa')")[0][0]) / 1e6


async def _user(session: aiohttp.ClientSession, url: str, think: float, stop: float, log: List[Any]) -> None:
    while time.time() < stop:
        sender = f"soak-{uuid.uuid4().hex}"
        for _, text in SCRIPT:
            if time.time() >= stop:
                return
            started = time.time()
            try:
                async with session.post(url, json={"sender": sender, "message": text}) as response:
                    ok = response.status == 200 and bool(await response.json(content_type=None))
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                ok = False
            log.append((started, time.time() - started, ok))
            await asyncio.sleep(think)


async def soak(url: str, rate: float, seconds: float) -> List[Any]:
    """USERS users whose think time makes about ``rate`` turns/s together."""
    log: List[Any] = []
    stop = time.time() + seconds
    think = max(0.0, USERS / rate - 0.1) if rate else 1.0
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        await asyncio.gather(*(_user(session, url, think, stop, log) for _ in range(USERS)))
    return log


def windows(log: List[Any], width: float) -> List[Dict[str, float]]:
    if not log:
        return []
    start, rows = log[0][0], []
    end = max(at for at, _, _ in log)
    for left in range(0, int(end - start) + 1, int(width)):
        inside = [(lat, ok) for at, lat, ok in log if left <= at - start < left + width]
        latencies = sorted(lat for lat, ok in inside if ok)
        if not latencies:
            continue
        rows.append(
            {
                "from_s": left,
                "turns_per_s": len(latencies) / min(width, max(end - start - left, 1.0)),
                "p50_ms": _pick(latencies, 0.5),
                "p95_ms": _pick(latencies, 0.95),
                "p99_ms": _pick(latencies, 0.99),
                "errors": sum(not ok for _, ok in inside),
            }
        )
    return rows


def _pick(latencies: List[float], share: float) -> float:
    return latencies[min(len(latencies) - 1, int(len(latencies) * share))] * 1e3


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=float(os.environ.get("SOAK_MINUTES", 20)))
    parser.add_argument("--window", type=float, default=60.0)
    args = parser.parse_args(argv)
    RESULTS.mkdir(exist_ok=True)
    cluster = start_cluster(RESULTS)
    try:
        saturation = asyncio.run(run_load(cluster["url"], USERS, 15)).throughput
        report: Dict[str, Any] = {"saturation_turns_per_s": saturation, "offered_turns_per_s": saturation / 2}
        report["start"] = {"rss_mb": memory(cluster), "store_mb": store_mb(cluster)}
        log = asyncio.run(soak(cluster["url"], saturation / 2, args.minutes * 60))
        report["end"] = {"rss_mb": memory(cluster), "store_mb": store_mb(cluster)}
        report["windows"] = windows(log, args.window)
    finally:
        os.killpg(cluster["proc"].pid, signal.SIGTERM)
        cluster["proc"].wait(timeout=120)
    print_report(report)
    (RESULTS / "soak.json").write_text(json.dumps(report, indent=2))


def print_report(report: Dict[str, Any]) -> None:
    print(
        f"saturation {report['saturation_turns_per_s']:.1f} turns/s; "
        f"offered {report['offered_turns_per_s']:.1f} turns/s"
    )
    for row in report["windows"]:
        print(
            f"  {row['from_s']:5d} s: {row['turns_per_s']:6.1f} turns/s  p50 {row['p50_ms']:6.0f} ms"
            f"  p95 {row['p95_ms']:6.0f}  p99 {row['p99_ms']:6.0f}  errors {row['errors']}"
        )
    print("resident memory, start -> end (MB):")
    start, end = report["start"]["rss_mb"], report["end"]["rss_mb"]
    for name in sorted(start):
        if name in end:
            growth = (end[name] - start[name]) / start[name] * 100 if start[name] else 0.0
            print(f"  {start[name]:7.0f} -> {end[name]:7.0f}  ({growth:+.1f}%)  {name}")
    print(f"conversation store: {report['start']['store_mb']:.1f} MB -> {report['end']['store_mb']:.1f} MB")


if __name__ == "__main__":
    main()

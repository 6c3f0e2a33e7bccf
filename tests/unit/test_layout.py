"""The layout the README promises: a pure core in bot/, Rasa code in channels/ and rasa_patches/."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Set

import pytest

import rasa_patches

ROOT = Path(__file__).resolve().parents[2]
SERVER_PACKAGES = {"rasa", "rasa_sdk", "sanic", "socketio"}


def _modules() -> Dict[str, Path]:
    """Every module of the ``bot`` package by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted((ROOT / "bot").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imported(path: Path, package: str, modules: Set[str] = frozenset()) -> Iterator[str]:
    """The dotted names ``path`` imports anywhere in it (inside functions too), made absolute:
    ``from bot.x import y`` is ``bot.x.y`` when that is a module, else ``bot.x``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base]).strip(".")
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base


def _graph() -> Dict[str, Set[str]]:
    """Which modules of ``bot`` each module of ``bot`` imports."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {t for t in _imported(path, package, set(modules)) if t in modules} - {name}
    return graph


def _cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    cycles: List[List[str]] = []
    state: Dict[str, int] = {}
    stack: List[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target) :] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_no_module_of_the_core_imports_rasa_sanic_or_socketio_anywhere_in_its_code() -> None:
    offenders = [
        f"{name}: {imported}"
        for name, path in _modules().items()
        for imported in _imported(path, name)
        if imported.split(".")[0] in SERVER_PACKAGES
    ]
    assert offenders == []


def test_importing_every_module_of_the_core_loads_no_rasa() -> None:
    names = ", ".join(repr(name) for name in _modules())
    code = (
        f"import importlib, sys\nfor name in [{names}]: importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {SERVER_PACKAGES!r}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.stdout.strip().splitlines()[-1:] == ["[]"], done.stderr[-2000:]


def test_the_core_has_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_the_rasa_patches_are_pinned_to_the_rasa_in_the_lock_file() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^rasa==(\S+)", lock, re.M).group(1) == rasa_patches.PINNED_RASA  # type: ignore[union-attr]


def test_the_rasa_patches_refuse_another_rasa_version() -> None:
    rasa_patches.require_pinned(rasa_patches.PINNED_RASA)
    with pytest.raises(rasa_patches.RasaVersionError, match="written for Rasa 3.6.21, but Rasa 3.6.22"):
        rasa_patches.require_pinned("3.6.22")

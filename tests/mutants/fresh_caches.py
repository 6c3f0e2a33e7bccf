"""A pytest plugin for mutmut only (``-p tests.mutants.fresh_caches`` in [tool.mutmut]).

mutmut first runs the suite once to record which tests call which function, and later runs
only those tests against a mutant of that function. The rules catalog and the word tables
are cached per process, so without this the loaders would be recorded for the first test
only, and a mutant of them would be "survived" by a test that never looks at the rules.
During that recording run, every ``functools`` cache in ``bot`` is cleared before each test,
and each mutant's run (a worker forked from the recording process) starts with them cleared.
"""

from __future__ import annotations

import os
import sys
from typing import Iterator

import pytest


def clear_bot_caches() -> None:
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "bot" or name.startswith("bot.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def pytest_sessionstart(session: pytest.Session) -> None:
    clear_bot_caches()


@pytest.fixture(autouse=True)
def _fresh_caches_while_recording() -> Iterator[None]:
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        clear_bot_caches()
    yield

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.e2e.servers import MODEL, Servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first (make test does)")
    workdir: Path = tmp_path_factory.mktemp("servers")
    running = Servers(workdir)
    running.start_actions()
    running.start_rasa()
    yield running
    running.stop()

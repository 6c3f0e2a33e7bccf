from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.servers import MODEL, Servers

SLACK_SECRET = "test-signing-secret"


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack) -> Iterator[Servers]:
    """One real action server and Rasa server for all end-to-end tests (Slack pointed at the fake)."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first (make test does)")
    workdir: Path = tmp_path_factory.mktemp("servers")
    env = {
        "SLACK_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_URL": fake_slack.url,
    }
    running = Servers(workdir, env=env)
    running.start_actions()
    running.start_rasa()
    yield running
    running.stop()

"""Parts that fail: the action server goes down and comes back."""

from __future__ import annotations

import uuid

import pytest

from bot.certifications import load_catalog
from tests.e2e.servers import Servers, texts

QUESTION = load_catalog().field_questions


def test_action_server_down_then_back(tmp_path_factory: pytest.TempPathFactory) -> None:
    servers = Servers(tmp_path_factory.mktemp("actions-down"))
    servers.start_actions()
    servers.start_rasa()
    try:
        user = f"down-{uuid.uuid4().hex}"
        assert servers.action is not None
        servers.action.kill()
        servers.action.wait(timeout=30)
        down = texts(servers.send(user, "am I eligible for the PMP?"))
        assert "can't check that right now" in down
        assert "IT project manager role" in down  # says what it can still do
        knowledge = texts(servers.send(user, "what does an IT project manager do?"))
        assert "on time, within budget" in knowledge  # answers that need no action still work
        servers.start_actions()
        back = texts(servers.send(user, "am I eligible for the PMP?"))
        assert QUESTION["education"]["question"] in back
        assert QUESTION["pm_experience_months"]["question"] in texts(
            servers.send(user, "I have a bachelor's")
        )
    finally:
        servers.stop()

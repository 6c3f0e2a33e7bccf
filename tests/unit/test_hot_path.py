"""Rasa's per-turn work done once gives the same results: a reply is checked as strictly, each
event is read back as the same kind, and a SQLite store keeps every conversation."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any, Dict, List

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from channels.health import _check_sql
from rasa_patches import hot_path

hot_path.install()
RASA_VALIDATE = hot_path.rasa_original("validate_action_result")
RASA_RESOLVE = hot_path.rasa_original("resolve_by_type")
ACTION = RemoteAction("action_check_eligibility", EndpointConfig("http://127.0.0.1:9/webhook"))
SLOT = {"event": "slot", "name": "certification", "value": "PMP"}
REPLIES: List[Dict[str, Any]] = [
    {"events": [SLOT], "responses": [{"text": "You're eligible for the PMP."}]},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "value": "PMP"}], "responses": []},  # a slot event without a name
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": [SLOT], "responses": ["not an object"]},
    {"events": "not a list"},
]


def _outcome(validate: Any, reply: Dict[str, Any]) -> str:
    try:
        return "accepted" if validate(ACTION, reply) else "rejected"
    except ValidationError as error:
        return f"error: {error.message}"


@pytest.mark.parametrize("reply", REPLIES)
def test_an_action_server_reply_is_judged_as_rasa_judges_it(reply: Dict[str, Any]) -> None:
    assert _outcome(RemoteAction._validate_action_result, reply) == _outcome(RASA_VALIDATE, reply)


def test_the_bad_replies_are_still_refused() -> None:
    outcomes = [_outcome(RemoteAction._validate_action_result, reply) for reply in REPLIES]
    assert outcomes[:2] == ["accepted", "accepted"]
    refused = outcomes[2:]
    assert all(o.startswith("error:") and "Failed to validate Action server response" in o for o in refused)


def test_every_event_type_is_read_back_as_the_same_kind() -> None:
    for name in ("user", "bot", "slot", "action", "session_started", "active_loop", "rewind", "restart"):
        assert Event.resolve_by_type(name) is RASA_RESOLVE(name)
        assert Event.resolve_by_type(name) is RASA_RESOLVE(name)  # and again, from memory
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def test_a_pooled_sqlite_store_keeps_every_conversation(tmp_path: Path) -> None:
    db, domain = tmp_path / "conversations.db", Domain.load("domain.yml")
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(db))
    _check_sql(store)  # as the readiness check does, from another thread

    async def turns() -> None:
        for turn in range(5):
            tracker = await store.retrieve("someone") or DialogueStateTracker("someone", domain.slots)
            tracker.update(UserUttered(f"message {turn}"))
            tracker.update(SlotSet("certification", "PMP"))
            await store.save(tracker)

    asyncio.run(turns())
    asyncio.run(asyncio.to_thread(_check_sql, store))
    store.engine.dispose()  # as a restart does
    reopened = asyncio.run(SQLTrackerStore(domain, dialect="sqlite", db=str(db)).retrieve("someone"))
    assert reopened is not None
    said = [e.text for e in reopened.events if isinstance(e, UserUttered)]
    assert said == [f"message {turn}" for turn in range(5)]
    assert reopened.get_slot("certification") == "PMP"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)

"""Flat cost per turn: sessions bound what Rasa loads, and nothing a person said is lost.

A session ends after ``max_turns_per_session`` messages or ``session_expiration_time``
minutes (domain.yml). Time is made to pass by moving a conversation's stored events back in
the SQLite tracker store; a year of weekly visits is made by copying its events into older
sessions. What Rasa loads per turn is measured with Rasa's own ``SQLTrackerStore.retrieve``.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import uuid
from pathlib import Path
from typing import Iterator, List

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from bot.certifications import load_catalog
from channels.sessions import conversation_of
from rasa_patches.session_limit import max_turns
from tests.e2e.servers import ROOT, Servers, texts
from tests.e2e.test_webchat_browser import ask, browser, last_bot  # noqa: F401 (browser: fixture)

# The start of each question (the rest may name the certification's look-back window).
QUESTION = {name: s.default_question[:40] for name, s in load_catalog().fields.items()}
SESSION = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["session_config"]
LIMIT = max_turns()
ROLE = "on time, within budget"
ELIGIBLE = "Good news: you're eligible for the PMP"


def stored(db: Path, sender: str, type_name: str) -> int:
    with sqlite3.connect(db) as conn:
        query = "SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = ?"
        return int(conn.execute(query, (sender, type_name)).fetchone()[0])


def move_back(db: Path, sender: str, seconds: float) -> None:
    """As if the conversation had happened ``seconds`` earlier (column and event JSON)."""
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE events SET timestamp = timestamp - ?, "
            "data = json_set(data, '$.timestamp', json_extract(data, '$.timestamp') - ?) "
            "WHERE sender_id = ?",
            (seconds, seconds, sender),
        )


def add_old_sessions(db: Path, sender: str, copies: int) -> None:
    """Copies the conversation's events into ``copies`` older weekly sessions."""
    week = 7 * 24 * 3600
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT type_name, timestamp, intent_name, action_name, data FROM events "
            "WHERE sender_id = ? ORDER BY id",
            (sender,),
        ).fetchall()
        for copy in range(copies, 0, -1):
            shift = copy * week
            conn.executemany(
                "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(sender, t, ts - shift, i, a, _shifted(d, shift)) for t, ts, i, a, d in rows],
            )


def _shifted(data: str, seconds: float) -> str:
    event = json.loads(data)
    event["timestamp"] -= seconds
    return json.dumps(event)


def loaded_messages(db: Path, sender: str) -> int:
    """How many of the person's messages Rasa loads for their next turn."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered

    store = SQLTrackerStore(Domain.load(str(ROOT / "domain.yml")), dialect="sqlite", db=str(db))
    tracker = asyncio.run(store.retrieve(sender))
    assert tracker is not None
    return sum(isinstance(event, UserUttered) for event in tracker.events)


def test_the_session_limit_is_configured() -> None:
    assert SESSION["carry_over_slots_to_new_session"] is True
    assert SESSION["session_expiration_time"] > 0
    assert LIMIT and LIMIT > 0


def test_a_long_conversation_keeps_its_pending_question_and_profile(servers: Servers) -> None:
    user = f"long-{uuid.uuid4().hex}"
    assert QUESTION["education"] in texts(servers.send(user, "am I eligible for the PMP?"))
    assert QUESTION["pm_experience_months"] in texts(servers.send(user, "I have a bachelor's"))
    assert LIMIT
    asides = 2 * LIMIT + 5  # crosses two session boundaries in the middle of the questions
    for _ in range(asides):
        reply = texts(servers.send(user, "what does an IT project manager do?"))
        assert ROLE in reply and QUESTION["pm_experience_months"] in reply, reply
    after = texts(servers.send(user, "5 years"))
    assert QUESTION["education"] not in after and QUESTION["pm_education_hours"] in after
    assert ELIGIBLE in texts(servers.send(user, "35 hours"))
    sent = asides + 4
    assert stored(servers.tracker_db, user, "session_started") >= 3  # the sessions did roll over
    assert stored(servers.tracker_db, user, "user") == sent  # every message stored, once
    assert loaded_messages(servers.tracker_db, user) <= LIMIT


def test_a_year_of_visits_loads_no_more_than_one_session(servers: Servers) -> None:
    db, user = servers.tracker_db, f"year-{uuid.uuid4().hex}"
    assert QUESTION["education"] in texts(servers.send(user, "am I eligible for the PMP?"))
    assert QUESTION["pm_experience_months"] in texts(servers.send(user, "I have a master's degree"))
    add_old_sessions(db, user, copies=52)
    move_back(db, user, SESSION["session_expiration_time"] * 60 + 600)  # back after a break
    sessions_before = stored(db, user, "session_started")
    after = texts(servers.send(user, "6 years"))
    assert QUESTION["education"] not in after and QUESTION["pm_education_hours"] in after
    assert stored(db, user, "session_started") == sessions_before + 1  # the break began a new session
    assert stored(db, user, "user") > 100
    assert loaded_messages(db, user) == 1  # only the message of the new session
    known = texts(servers.send(user, "what do you know about me?"))
    assert "education: a master's degree" in known and "6 years" in known


@pytest.fixture
def page(browser: Browser, servers: Servers) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    opened.goto(f"{servers.base}/chat")
    expect(opened.locator(".msg--bot").first).to_be_visible(timeout=20_000)
    yield opened
    context.close()


def test_the_chat_page_shows_its_history_after_a_new_session(page: Page, servers: Servers) -> None:
    ask(page, "am I eligible for the PMP?")
    ask(page, "I have a bachelor's")
    assert QUESTION["pm_experience_months"] in last_bot(page)
    before: List[str] = page.locator(".msg").all_inner_texts()
    token = page.evaluate("localStorage.getItem('pmca.session')")
    secret = Path(servers.env["WEBCHAT_SECRET_FILE"]).read_bytes().strip()
    conversation = conversation_of(token, secret)
    assert conversation
    sessions = stored(servers.tracker_db, conversation, "session_started")
    move_back(servers.tracker_db, conversation, SESSION["session_expiration_time"] * 60 + 600)
    page.reload()
    expect(page.locator(".msg")).to_have_count(len(before), timeout=20_000)
    assert page.locator(".msg").all_inner_texts() == before  # the old messages are shown
    ask(page, "5 years")
    assert QUESTION["pm_education_hours"] in last_bot(page)  # the pending question was kept
    assert stored(servers.tracker_db, conversation, "session_started") == sessions + 1

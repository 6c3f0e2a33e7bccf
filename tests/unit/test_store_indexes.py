"""The conversation store gets the indexes that keep a long conversation's turns fast."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from channels.health import _check_sql
from rasa_patches.strict_store import EVENT_INDEXES


def _index_names(db: Path) -> set:
    engine = sa.create_engine(f"sqlite:///{db}")
    return {index["name"] for index in sa.inspect(engine).get_indexes("events")}


def test_a_new_store_gets_the_indexes(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    _check_sql(SQLTrackerStore(dialect="sqlite", db=str(db)))
    assert set(EVENT_INDEXES) <= _index_names(db)


def test_a_table_made_without_them_gets_them_too(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as old:  # the table as an older version of the assistant left it
        old.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
            "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
            "action_name VARCHAR(255), data TEXT)"
        )
        old.execute(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES ('someone', 'user', 1.0, '{}')"
        )
    _check_sql(SQLTrackerStore(dialect="sqlite", db=str(db)))
    assert set(EVENT_INDEXES) <= _index_names(db)
    with sqlite3.connect(db) as after:  # nothing the person said is lost
        assert after.execute("SELECT count(*) FROM events WHERE sender_id = 'someone'").fetchone() == (1,)

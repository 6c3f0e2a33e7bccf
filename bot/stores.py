"""Where conversations and locks are kept, from the environment.

    python -m bot.stores --out var/endpoints.yml

- default: conversations in a SQLite file (``var/conversations.db``), no service needed;
- ``DB_URL=postgresql://user:password@host:5432/dbname``: Rasa's SQLTrackerStore on PostgreSQL;
- ``REDIS_URL=redis://host:6379/0``: Rasa's RedisLockStore (made atomic by
  ``rasa_patches.locks``), needed when several Rasa instances serve the same conversations
  (and it lets ``SANIC_WORKERS`` above 1 work).
The action server's address comes from ``ACTION_URL`` or ``ACTION_PORT`` (default 5055).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Dict, Mapping, Optional
from urllib.parse import unquote, urlparse

import yaml

DEFAULT_SQLITE = "var/conversations.db"
# Seconds to wait for PostgreSQL to accept a connection: an unreachable database fails the
# turn (the person is told) instead of holding it for minutes.
CONNECT_TIMEOUT_SECONDS = 5
LOCK_STORE_CLASS = "rasa_patches.locks.AtomicRedisLockStore"


def tracker_store(db_url: Optional[str], sqlite_path: str = DEFAULT_SQLITE) -> Dict[str, Any]:
    if not db_url:
        return {"type": "SQL", "dialect": "sqlite", "db": sqlite_path}
    parsed = urlparse(db_url)
    if parsed.scheme not in ("postgresql", "postgres", "postgresql+psycopg2"):
        raise ValueError(f"DB_URL must be a postgresql:// URL, not {parsed.scheme!r}")
    store: Dict[str, Any] = {
        "type": "SQL",
        "dialect": "postgresql",
        "url": parsed.hostname or "localhost",
        "port": parsed.port or 5432,
        "db": (parsed.path or "/rasa").lstrip("/") or "rasa",
        "username": unquote(parsed.username or ""),
        "password": unquote(parsed.password or ""),
        "query": {"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)},
    }
    return store


def lock_store(redis_url: Optional[str]) -> Optional[Dict[str, Any]]:
    if not redis_url:
        return None
    parsed = urlparse(redis_url)
    if parsed.scheme != "redis":
        raise ValueError(f"REDIS_URL must be a redis:// URL, not {parsed.scheme!r}")
    store: Dict[str, Any] = {
        # Rasa's RedisLockStore, with atomic lock changes (see rasa_patches/locks.py).
        "type": LOCK_STORE_CLASS,
        "url": parsed.hostname or "localhost",
        "port": parsed.port or 6379,
        "db": int((parsed.path or "/0").lstrip("/") or 0),
        "key_prefix": "pmca",
    }
    if parsed.password:
        store["password"] = unquote(parsed.password)
    return store


def endpoints(env: Mapping[str, str]) -> Dict[str, Any]:
    action_url = env.get("ACTION_URL") or f"http://127.0.0.1:{env.get('ACTION_PORT', '5055')}/webhook"
    config: Dict[str, Any] = {
        "action_endpoint": {"url": action_url},
        "tracker_store": tracker_store(env.get("DB_URL"), env.get("SQLITE_PATH", DEFAULT_SQLITE)),
    }
    locks = lock_store(env.get("REDIS_URL"))
    if locks:
        config["lock_store"] = locks
    return config


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="file to write (default: standard output)")
    args = parser.parse_args()
    try:
        text = yaml.safe_dump(endpoints(os.environ), sort_keys=False)
    except ValueError as error:
        sys.stderr.write(f"error: {error}\n")
        return 2
    if args.out:
        os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

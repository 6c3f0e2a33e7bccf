"""Conversations that survive crashes and move between instances, with real PostgreSQL and Redis."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

from bot.certifications import load_catalog
from deploy.local_services import Postgres, Redis
from tests.e2e.servers import Servers, free_port, texts

CATALOG = load_catalog()
QUESTION = {name: q["question"] for name, q in CATALOG.field_questions.items()}


@pytest.fixture(scope="module")
def services() -> Iterator[Tuple[Postgres, Redis]]:
    # Not under pytest's tmp_path: as root, PostgreSQL runs as `postgres`, which must reach it.
    folder = Path(tempfile.mkdtemp(prefix="pmca-services-"))
    folder.chmod(0o755)
    postgres = Postgres(folder / "postgres", free_port()).start()
    redis = Redis(folder / "redis", free_port()).start()
    yield postgres, redis
    redis.stop()
    postgres.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster(
    services: Tuple[Postgres, Redis], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Tuple[Servers, Servers]]:
    """Two Rasa instances sharing PostgreSQL (conversations), Redis (locks) and one action server."""
    postgres, redis = services
    folder: Path = tmp_path_factory.mktemp("cluster")
    env = {"DB_URL": postgres.url, "REDIS_URL": redis.url}
    first = Servers(folder / "one", env=env)
    first.start_actions()
    second = Servers(folder / "two", env=env, action_port=first.action_port)
    first.start_rasa()
    second.start_rasa()
    yield first, second
    second.stop()
    first.stop()


def user_texts(postgres: Postgres, sender: str) -> List[str]:
    rows = postgres.query(
        "SELECT data::json->>'text' FROM events "
        f"WHERE sender_id = '{sender}' AND type_name = 'user' ORDER BY id"
    )
    return [row[0] for row in rows]


def test_conversation_moves_between_instances_with_its_slots(cluster: Tuple[Servers, Servers]) -> None:
    one, two = cluster
    user = f"move-{uuid.uuid4().hex}"
    assert QUESTION["education"] in texts(one.send(user, "am I eligible for the PMP?"))
    assert QUESTION["pm_experience_months"] in texts(two.send(user, "I have a bachelor's"))
    assert QUESTION["pm_education_hours"] in texts(one.send(user, "5 years"))
    known = texts(two.send(user, "what do you know about me?"))
    assert "education: a bachelor's degree" in known
    assert "project leadership experience: 5 years" in known


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_sigkill_mid_conversation_loses_nothing(
    store: str, services: Tuple[Postgres, Redis], tmp_path_factory: pytest.TempPathFactory
) -> None:
    postgres, _ = services
    env: Dict[str, str] = {"DB_URL": postgres.url} if store == "postgresql" else {}
    servers = Servers(tmp_path_factory.mktemp(f"crash-{store}"), env=env)
    servers.start_actions()
    servers.start_rasa()
    try:
        user = f"crash-{store}-{uuid.uuid4().hex}"
        servers.send(user, "am I eligible for the PMP?")
        assert QUESTION["pm_experience_months"] in texts(servers.send(user, "I have a master's degree"))
        servers.kill_rasa()
        servers.start_rasa(new_port=True)
        after = texts(servers.send(user, "6 years"))
        assert QUESTION["education"] not in after  # answers given before the crash are not asked again
        assert QUESTION["pm_education_hours"] in after
        final = texts(servers.send(user, "35 hours"))
        assert "Good news: you're eligible for the PMP" in final
    finally:
        servers.stop()


def test_fifty_concurrent_conversations_alternating_instances(
    cluster: Tuple[Servers, Servers], services: Tuple[Postgres, Redis]
) -> None:
    one, two = cluster
    postgres, _ = services
    turns = ["am I eligible for the PMP?", "I have a bachelor's", "5 years", "35 hours"]
    run_id = uuid.uuid4().hex[:8]

    def conversation(index: int) -> Tuple[str, List[str]]:
        user = f"load-{run_id}-{index}"
        replies = []
        for turn_index, turn in enumerate(turns):
            instance = (one, two)[(index + turn_index) % 2]
            replies.append(texts(instance.send(user, turn)))
        return user, replies

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(conversation, range(50)))
    for user, replies in results:
        assert all(replies), f"{user} got an empty reply: {replies}"
        assert "Good news: you're eligible for the PMP" in replies[-1], replies[-1]
        assert user_texts(postgres, user) == turns  # each message recorded once, in order


def test_postgres_and_redis_restart_under_load(
    cluster: Tuple[Servers, Servers], services: Tuple[Postgres, Redis]
) -> None:
    """Requests during an outage get a clear answer; none is recorded twice; service resumes."""
    one, two = cluster
    postgres, redis = services
    run_id = uuid.uuid4().hex[:8]
    normal, outage = "on time, within budget", "can't check that right now"

    def chatter(index: int, turns: int) -> List[Tuple[str, str]]:
        user = f"outage-{run_id}-{index}"
        exchanges = []
        for turn in range(turns):
            instance = (one, two)[(index + turn) % 2]
            text = f"what does an IT project manager do? (question {turn + 1})"
            exchanges.append((text, texts(instance.send(user, text))))
        return exchanges

    with ThreadPoolExecutor(max_workers=4) as pool:
        running = [pool.submit(chatter, i, 12) for i in range(4)]
        redis.stop()
        postgres.stop(mode="immediate")
        during = chatter(100, 2)
        redis.start()
        postgres.start()
        results = [f.result() for f in running]
    for exchanges in [*results, during]:
        for _, reply in exchanges:
            assert reply.strip(), "a request during the outage got no answer at all"
            assert normal in reply or outage in reply, reply
    assert any(outage in reply for _, reply in during)
    # Service resumes on its own.
    recovered = [
        texts(instance.send(f"after-{run_id}", "what does an IT PM do?")) for instance in (one, two, one, two)
    ]
    assert all(normal in reply for reply in recovered[-2:]), recovered
    # Nothing is recorded twice, and everything the person was answered normally is kept.
    for index, exchanges in enumerate(results):
        recorded = user_texts(postgres, f"outage-{run_id}-{index}")
        assert len(recorded) == len(set(recorded)), recorded
        assert set(recorded) <= {text for text, _ in exchanges}
        assert {text for text, reply in exchanges if normal in reply} <= set(recorded)

"""Conversations that survive crashes and move between instances, with real PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
import redis as redis_client
import yaml

from bot.certifications import load_catalog
from bot.stores import LOCK_STORE_CLASS, endpoints
from channels.guard import NO_REPLY
from channels.slack import Deduplicator
from deploy.local_services import Postgres, Redis
from tests.e2e.conftest import SLACK_SECRET
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.servers import Servers, free_port, texts
from tests.e2e.test_slack_e2e import channel_id, event, post, settle

CATALOG = load_catalog()
# The questions as the PMP interview asks them (the experience question names its 8-year window).
QUESTION = {name: CATALOG.question_for(name, "PMP") for name in CATALOG.fields}
NORMAL, FAILED = "on time, within budget", "can't check that right now"
KNOWN, UNKNOWN = "education: a bachelor's degree", "don't know anything about you yet"


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
    services: Tuple[Postgres, Redis], tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack
) -> Iterator[Tuple[Servers, Servers]]:
    """Two Rasa instances sharing PostgreSQL (conversations), Redis (locks, Slack events seen)
    and one action server; Slack pointed at the fake."""
    postgres, redis = services
    folder: Path = tmp_path_factory.mktemp("cluster")
    env = {
        "DB_URL": postgres.url,
        "REDIS_URL": redis.url,
        "SLACK_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_URL": fake_slack.url,
    }
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


def user_events(postgres: Postgres, sender: str) -> List[str]:
    """The conversation's user and bot events in the order they were saved."""
    rows = postgres.query(
        f"SELECT type_name FROM events WHERE sender_id = '{sender}' "
        "AND type_name IN ('user', 'bot') ORDER BY id"
    )
    return [row[0] for row in rows]


def test_lock_store_from_redis_url_is_a_real_redis_lock(
    cluster: Tuple[Servers, Servers], services: Tuple[Postgres, Redis]
) -> None:
    one, two = cluster
    _, redis = services
    expected = {
        "type": LOCK_STORE_CLASS,
        "url": "127.0.0.1",
        "port": redis.port,
        "db": 0,
        "key_prefix": "pmca",
    }
    assert endpoints({"REDIS_URL": redis.url})["lock_store"] == expected
    assert "lock_store" not in endpoints({})
    for instance in (one, two):
        assert yaml.safe_load(instance.endpoints.read_text())["lock_store"] == expected
        assert instance.ready() == (200, {"ready": True})
    # The lock of a conversation is taken in Redis while its turn runs, and released after.
    client = redis_client.Redis(port=redis.port)
    client.config_set("notify-keyspace-events", "K$g")
    user = f"locked-{uuid.uuid4().hex}"
    watcher = client.pubsub()
    watcher.psubscribe(f"__keyspace@0__:pmca:lock:{user}")
    watcher.get_message(timeout=5)  # the subscription confirmation
    assert NORMAL in texts(two.send(user, "what does an IT project manager do?"))
    seen = []
    while (message := watcher.get_message(timeout=2)) is not None:
        seen.append(message["data"])
    watcher.close()
    assert b"set" in seen and seen[-1] == b"del", seen
    assert not client.exists(f"pmca:lock:{user}")


def test_lock_store_serves_one_turn_at_a_time_across_processes(services: Tuple[Postgres, Redis]) -> None:
    """Four threads, each with its own lock store and event loop (as separate instances have),
    take the same conversation's lock 15 times each: never two holders at once, none refused."""
    from rasa.core.lock_store import LockStore, RedisLockStore
    from rasa.utils.endpoints import EndpointConfig

    _, redis = services
    config = EndpointConfig.from_dict(endpoints({"REDIS_URL": redis.url})["lock_store"])
    conversation = f"race-{uuid.uuid4().hex}"
    holders: List[int] = []
    overlaps, failures = [], []
    guard = threading.Lock()

    def instance(number: int) -> None:
        store = LockStore.create(config)
        assert isinstance(store, RedisLockStore)

        async def turns() -> None:
            for _ in range(15):
                try:
                    async with store.lock(conversation, lock_lifetime=5, wait_time_in_seconds=0.01):
                        with guard:
                            holders.append(number)
                            overlaps.extend([list(holders)] if len(holders) > 1 else [])
                        await asyncio.sleep(0.005)
                        with guard:
                            holders.remove(number)
                except Exception as error:  # a lock error fails the person's turn
                    failures.append(repr(error))

        asyncio.run(turns())

    threads = [threading.Thread(target=instance, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert overlaps == [] and failures == [], (overlaps[:5], failures[:5])
    assert not redis_client.Redis(port=redis.port).exists(f"pmca:lock:{conversation}")


def test_two_messages_of_one_conversation_at_once_on_two_instances(
    cluster: Tuple[Servers, Servers], services: Tuple[Postgres, Redis]
) -> None:
    one, two = cluster
    postgres, _ = services
    questions = ("what does an IT project manager do?", "what skills do I need?")
    users = [f"pair-{uuid.uuid4().hex[:8]}-{i}" for i in range(8)]
    for user in users:
        one.send(user, "hello")  # the conversation exists, so both turns start from the same one
    start = threading.Barrier(2 * len(users))

    def say(instance: Servers, user: str, text: str) -> str:
        start.wait()
        return texts(instance.send(user, text))

    with ThreadPoolExecutor(max_workers=2 * len(users)) as pool:
        replies = [
            pool.submit(say, inst, user, q)
            for user in users
            for inst, q in zip((one, two), questions, strict=True)
        ]
        answered = [reply.result() for reply in replies]
    assert all(reply.strip() and FAILED not in reply for reply in answered), answered
    for user in users:
        recorded = user_texts(postgres, user)
        assert recorded[0] == "hello" and sorted(recorded[1:]) == sorted(questions), recorded  # neither lost
        kinds = user_events(postgres, user)
        turns = "".join("u" if kind == "user" else "b" for kind in kinds)
        assert turns.count("u") == 3 and "uu" not in turns and turns.endswith("b"), (
            kinds
        )  # one turn after another


def test_slack_event_sent_to_both_instances_is_answered_once(
    cluster: Tuple[Servers, Servers], fake_slack: FakeSlack
) -> None:
    one, two = cluster
    channel = channel_id()
    body = json.dumps(event("what does an IT project manager do?", channel)).encode()
    assert post(one, body).status_code == 200
    assert post(two, body).status_code == 200
    fake_slack.wait_for(channel, 1)
    settle()
    assert len(fake_slack.posts_to(channel)) == 1
    other = json.dumps(event("what does an IT project manager do?", channel)).encode()
    assert post(two, other).status_code == 200
    assert len(fake_slack.wait_for(channel, 2)) == 2


def test_redis_deduplicator_is_shared_and_expires(services: Tuple[Postgres, Redis]) -> None:
    _, redis = services
    key = f"event:{uuid.uuid4().hex}"

    async def check() -> None:
        first, second = Deduplicator(redis.url, ttl=60), Deduplicator(redis.url, ttl=60)
        assert await first.first_time(key)
        assert not await first.first_time(key)
        assert not await second.first_time(key)  # another instance knows it too
        assert await second.first_time(f"{key}-other")
        for dedup in (first, second):
            await dedup.redis.close()

    asyncio.run(check())
    ttl = redis_client.Redis(port=redis.port).ttl(f"pmca:slack:{key}")
    assert 0 < ttl <= 60


def ask_profile(instance: Servers, user: str, turn: int) -> str:
    return texts(instance.send(user, f"what do you know about me? (question {turn})"))


def test_postgres_alone_stopped_under_load(
    cluster: Tuple[Servers, Servers], services: Tuple[Postgres, Redis]
) -> None:
    """With Redis up and PostgreSQL down, nothing is answered from a conversation that was not
    read, and nothing answered normally is left unsaved."""
    one, two = cluster
    postgres, _ = services
    users = [f"pgdown-{uuid.uuid4().hex[:8]}-{i}" for i in range(4)]
    for i, user in enumerate(users):
        (one, two)[i % 2].send(user, "am I eligible for the PMP?")
        assert QUESTION["pm_experience_months"] in texts((two, one)[i % 2].send(user, "I have a bachelor's"))
    stop = threading.Event()

    def chatter(index: int) -> List[Tuple[str, str]]:
        exchanges, turn = [], 0
        while not stop.is_set() and turn < 60:
            text = f"what do you know about me? (question {turn})"
            exchanges.append((text, texts((one, two)[(index + turn) % 2].send(users[index], text))))
            turn += 1
        return exchanges

    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        running = [pool.submit(chatter, i) for i in range(len(users))]
        time.sleep(1)
        postgres.stop(mode="immediate")
        during = [ask_profile((one, two)[i % 2], user, 100) for i, user in enumerate(users)]
        stranger = texts(one.send(f"new-{users[0]}", "what do you know about me?"))
        not_ready = [instance.ready() for instance in (one, two)]
        postgres.start()
        back = [instance.wait_ready() for instance in (one, two)]
        stop.set()
        results = [future.result() for future in running]
    assert during == [NO_REPLY] * len(users), during
    assert stranger == NO_REPLY, stranger
    for status, body in not_ready:
        assert status == 503 and any("conversation store" in why for why in body["why"]), body
    assert back == [{"ready": True}] * 2
    for user, exchanges in zip(users, results, strict=True):
        for _, reply in exchanges:
            assert UNKNOWN not in reply, reply  # never answered from a conversation it could not read
            assert KNOWN in reply or reply == NO_REPLY, reply
        recorded = user_texts(postgres, user)[2:]
        assert len(recorded) == len(set(recorded)), recorded
        assert {text for text, reply in exchanges if KNOWN in reply} <= set(recorded)
        assert set(recorded) <= {text for text, _ in exchanges}
        assert KNOWN in ask_profile(one, user, 200) and KNOWN in ask_profile(two, user, 201)


def test_start_with_postgres_down_then_up(
    cluster: Tuple[Servers, Servers], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No Redis, PostgreSQL down at start: not ready, says why, keeps nothing in memory; then
    PostgreSQL comes up and the same instance works and remembers."""
    one, _ = cluster
    folder = Path(tempfile.mkdtemp(prefix="pmca-late-"))
    folder.chmod(0o755)
    postgres = Postgres(folder / "postgres", free_port())  # not started yet
    late = Servers(tmp_path_factory.mktemp("late"), env={"DB_URL": postgres.url}, action_port=one.action_port)
    user = f"late-{uuid.uuid4().hex}"
    try:
        late.start_rasa()
        status, body = late.ready()
        assert status == 503 and any("conversation store" in why for why in body["why"]), body
        assert "Not ready: the conversation store" in late.log()
        assert texts(late.send(user, "am I eligible for the PMP?")) == NO_REPLY
        assert texts(late.send(user, "what do you know about me?")) == NO_REPLY
        postgres.start()
        assert late.wait_ready() == {"ready": True}
        assert "Ready:" in late.log()
        assert QUESTION["education"] in texts(late.send(user, "am I eligible for the PMP?"))
        assert QUESTION["pm_experience_months"] in texts(late.send(user, "I have a bachelor's"))
        assert KNOWN in texts(late.send(user, "what do you know about me?"))
        assert user_texts(postgres, user) == [
            "am I eligible for the PMP?",
            "I have a bachelor's",
            "what do you know about me?",
        ]
    finally:
        late.stop()
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


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

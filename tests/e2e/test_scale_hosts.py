"""Hosts that fail: separate hosts on one machine, made with network namespaces.

The fixture builds a small network (``ip netns``, veth pairs on a bridge in a namespace of
its own) with two Rasa hosts, an action-server host, a PostgreSQL host, a Redis host,
nginx in front and a client host; all traffic stays between addresses inside these
namespaces. Cutting a host sets its switch port down: its packets are dropped, as when a
cable is pulled or a node drops off the network. Everything is removed afterwards.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest
import requests
import yaml

from bot.certifications import load_catalog
from bot.stores import endpoints
from deploy import nginx_config
from deploy.local_services import _pg_bin_dirs
from tests.e2e.servers import MODEL, ROOT, VENV_BIN, texts

QUESTION = {name: s.default_question[:40] for name, s in load_catalog().fields.items()}
OUTAGE = "can't check that right now"
ROLE = "on time, within budget"
HOSTS = {"rasa1": 11, "rasa2": 12, "actions": 20, "postgres": 30, "redis": 40, "lb": 50, "client": 60}
CLONE_NEWNET = 0x40000000
LOGS = ROOT / "tests" / "output" / "hosts"  # each host's log from the last run


def sh(*command: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=check, capture_output=True, text=True)


class Network:
    """A bridge in its own namespace, and one namespace per host plugged into it."""

    def __init__(self) -> None:
        tag = f"{os.getpid() % 10000:04d}"
        self.prefix = f"pmsc{tag}"
        self.subnet = f"10.211.{os.getpid() % 250}"
        self.switch = f"{self.prefix}-sw"
        self.made: List[str] = []

    def ns(self, host: str) -> str:
        return f"{self.prefix}-{host}"

    def ip(self, host: str) -> str:
        return f"{self.subnet}.{HOSTS[host]}"

    def port(self, host: str) -> str:
        return f"{self.prefix}{HOSTS[host]}p"

    def build(self) -> Network:
        self._add(self.switch)
        sh("ip", "-n", self.switch, "link", "add", "br0", "type", "bridge")
        sh("ip", "-n", self.switch, "link", "set", "br0", "up")
        for host in HOSTS:
            ns, inner, outer = self.ns(host), f"{self.prefix}{HOSTS[host]}h", self.port(host)
            self._add(ns)
            sh(
                "ip",
                "link",
                "add",
                inner,
                "netns",
                ns,
                "type",
                "veth",
                "peer",
                "name",
                outer,
                "netns",
                self.switch,
            )
            sh("ip", "-n", ns, "addr", "add", f"{self.ip(host)}/24", "dev", inner)
            sh("ip", "-n", ns, "link", "set", inner, "up")
            sh("ip", "-n", self.switch, "link", "set", outer, "master", "br0", "up")
        return self

    def _add(self, ns: str) -> None:
        sh("ip", "netns", "add", ns)
        self.made.append(ns)
        sh("ip", "-n", ns, "link", "set", "lo", "up")

    def cut(self, host: str) -> None:
        sh("ip", "-n", self.switch, "link", "set", self.port(host), "down")

    def restore(self, host: str) -> None:
        sh("ip", "-n", self.switch, "link", "set", self.port(host), "up")

    def remove(self) -> None:
        for ns in reversed(self.made):
            for pid in sh("ip", "netns", "pids", ns, check=False).stdout.split():
                with _ignored():
                    os.kill(int(pid), 9)  # only processes started inside our own namespaces
            sh("ip", "netns", "del", ns, check=False)


class _ignored:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> bool:
        return True


def enter(ns: str) -> None:
    """Moves the calling thread into namespace ``ns`` (network namespaces are per thread)."""
    fd = os.open(f"/var/run/netns/{ns}", os.O_RDONLY)
    try:
        if ctypes.CDLL("libc.so.6", use_errno=True).setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns failed")
    finally:
        os.close(fd)


class Hosts:
    """The services, each started inside its host's namespace."""

    def __init__(self, net: Network, folder: Path) -> None:
        self.net, self.folder = net, folder
        self.procs: List[subprocess.Popen] = []
        self.pg_bin = _pg_bin_dirs()[-1]
        self.pg_data = folder / "pg" / "data"

    def _in(self, host: str, *command: str, env: Optional[Dict[str, str]] = None, log: str = "") -> None:
        out = open(self.folder / (log or f"{host}.log"), "ab")  # noqa: SIM115 (open while the child runs)
        full = ["ip", "netns", "exec", self.net.ns(host), *command]
        self.procs.append(subprocess.Popen(full, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT))

    def _pg(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        full = ["ip", "netns", "exec", self.net.ns("postgres"), "runuser", "-u", "postgres", "--", *command]
        return subprocess.run(full, check=check, capture_output=True, text=True)

    def start_postgres(self) -> None:
        pg = self.folder / "pg"
        if not self.pg_data.exists():
            pg.mkdir(parents=True)
            shutil.chown(pg, "postgres", "postgres")
            self._pg(
                f"{self.pg_bin}/initdb", "-D", str(self.pg_data), "-A", "trust", "-U", "postgres", "--no-sync"
            )
            with open(self.pg_data / "pg_hba.conf", "a") as hba:  # the other hosts of this network
                hba.write(f"host all all {self.net.subnet}.0/24 trust\n")
        options = f"-p 5432 -k {pg} -c listen_addresses={self.net.ip('postgres')} -c fsync=off"
        self._pg(
            f"{self.pg_bin}/pg_ctl",
            "-D",
            str(self.pg_data),
            "-o",
            options,
            "-l",
            str(pg / "log"),
            "-w",
            "start",
        )
        self._pg(
            f"{self.pg_bin}/createdb", "-h", self.net.ip("postgres"), "-U", "postgres", "rasa", check=False
        )

    def query(self, sql: str) -> List[List[str]]:
        out = self._pg(
            f"{self.pg_bin}/psql",
            "-h",
            self.net.ip("postgres"),
            "-U",
            "postgres",
            "-d",
            "rasa",
            "-tA",
            "-F",
            "\t",
            "-c",
            sql,
        )
        return [line.split("\t") for line in out.stdout.splitlines() if line]

    def start_redis(self) -> None:
        self._in(
            "redis",
            "redis-server",
            "--bind",
            self.net.ip("redis"),
            "--port",
            "6379",
            "--save",
            "",
            "--appendonly",
            "no",
            "--protected-mode",
            "no",
            "--dir",
            str(self.folder),
        )

    def environment(self) -> Dict[str, str]:
        return {
            **os.environ,
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "DB_URL": f"postgresql://postgres@{self.net.ip('postgres')}:5432/rasa",
            "REDIS_URL": f"redis://{self.net.ip('redis')}:6379/0",
            "ACTION_URL": f"http://{self.net.ip('actions')}:5055/webhook",
            "WEBCHAT_SECRET": uuid.uuid4().hex,
            "SANIC_HOST": self.net.ip("actions"),
        }

    def start_servers(self) -> None:
        env = self.environment()
        (self.folder / "endpoints.yml").write_text(yaml.safe_dump(endpoints(env)))
        self._in(
            "actions",
            str(VENV_BIN / "python"),
            "-m",
            "rasa_sdk",
            "--actions",
            "actions",
            "--port",
            "5055",
            env=env,
        )
        for host in ("rasa1", "rasa2"):
            self._in(
                host,
                str(VENV_BIN / "rasa"),
                "run",
                "--model",
                str(MODEL),
                "--port",
                "5005",
                "--interface",
                self.net.ip(host),
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--endpoints",
                str(self.folder / "endpoints.yml"),
                env=env,
            )

    def start_nginx(self) -> None:
        conf = self.folder / "nginx.conf"
        instances = [f"{self.net.ip(host)}:5005" for host in ("rasa1", "rasa2")]
        conf.write_text(nginx_config.render(self.folder, f"{self.net.ip('lb')}:80", instances))
        self._in("lb", "nginx", "-c", str(conf), "-p", str(self.folder), "-g", "daemon off;")

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
        self._pg(f"{self.pg_bin}/pg_ctl", "-D", str(self.pg_data), "-m", "immediate", "stop", check=False)


class Client:
    """Threads in the client host's namespace, talking to nginx."""

    def __init__(self, net: Network) -> None:
        self.url = f"http://{net.ip('lb')}/webhooks/rest/webhook"
        self.pool = ThreadPoolExecutor(max_workers=24, initializer=enter, initargs=(net.ns("client"),))

    def send(self, sender: str, message: str) -> str:
        return self.pool.submit(_post, self.url, sender, message).result()

    def run(self, work: Callable[..., Any], *args: Any) -> Any:
        return self.pool.submit(work, *args).result()


def _post(url: str, sender: str, message: str) -> str:
    reply = requests.post(url, json={"sender": sender, "message": message}, timeout=90)
    assert reply.status_code == 200, reply.text
    return texts(reply.json())


def _wait_for(url: str, seconds: float) -> None:
    """Until ``url`` (a Rasa host's /ready) answers 200: model, action server and stores up."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not become ready")


@pytest.fixture(scope="module")
def topology() -> Iterator[Tuple[Network, Hosts, Client]]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first (make test does)")
    folder = Path(tempfile.mkdtemp(prefix="pmca-hosts-"))
    folder.chmod(0o755)
    net = Network()
    hosts = Hosts(net, folder)
    client: Optional[Client] = None
    try:
        net.build()
        hosts.start_postgres()
        hosts.start_redis()
        hosts.start_servers()
        hosts.start_nginx()
        client = Client(net)
        for host in ("rasa1", "rasa2"):
            client.run(_wait_for, f"http://{net.ip(host)}:5005/ready", 300)
        yield net, hosts, client
    finally:
        if client:
            client.pool.shutdown(wait=False, cancel_futures=True)
        hosts.stop()
        net.remove()
        LOGS.mkdir(parents=True, exist_ok=True)
        for log in folder.glob("*.log"):
            shutil.copy(log, LOGS / log.name)
        shutil.rmtree(folder, ignore_errors=True)


INTERVIEW = [
    ("am I eligible for the PMP?", "education"),
    ("I have a bachelor's", "pm_experience_months"),
    ("5 years", "pm_education_hours"),
]


def _interview_half(client: Client, user: str, steps: List[Tuple[str, str]]) -> List[str]:
    replies = []
    for message, asks in steps:
        reply = _post(client.url, user, message)
        assert QUESTION[asks] in reply, reply
        replies.append(reply)
    return replies


def test_cutting_a_rasa_host_mid_interview(topology: Tuple[Network, Hosts, Client]) -> None:
    net, hosts, client = topology
    run = uuid.uuid4().hex[:6]
    users = [f"cut-{run}-{i}" for i in range(20)]
    first = [client.pool.submit(_interview_half, client, u, INTERVIEW[:2]) for u in users]
    before = [f.result() for f in first]
    net.cut("rasa1")  # every interview is open, waiting for the experience answer
    cut_at = time.time()
    try:
        rest = [client.pool.submit(_interview_half, client, u, INTERVIEW[2:]) for u in users]
        after = [f.result() for f in rest]
        finals = [client.pool.submit(_post, client.url, u, "35 hours") for u in users]
        verdicts = [f.result() for f in finals]
        print(f"\nrasa1 cut: 20 interviews finished through rasa2 in {time.time() - cut_at:.1f} s")
    finally:
        net.restore("rasa1")
    assert all("Good news: you're eligible for the PMP" in v for v in verdicts), verdicts
    for user, replies in zip(users, [b + a for b, a in zip(before, after, strict=True)], strict=True):
        asked = [name for name in QUESTION if any(QUESTION[name] in r for r in replies)]
        assert len(asked) == len(replies)  # each reply asks a different question: none twice
        sql = f"SELECT data::json->>'text' FROM events WHERE sender_id='{user}' AND type_name='user'"
        stored_sql = sql + " ORDER BY id"
        stored = [row[0] for row in hosts.query(stored_sql)]
        assert stored == [m for m, _ in INTERVIEW] + ["35 hours"], stored  # every message once, in order


def _chatter(url: str, user: str, seconds: float) -> List[Tuple[float, float, str]]:
    """Questions one after another: (sent, answered, reply text) for each."""
    replies, end = [], time.time() + seconds
    while time.time() < end:
        sent = time.time()
        reply = requests.post(
            url, json={"sender": user, "message": "what does an IT project manager do?"}, timeout=90
        )
        text = texts(reply.json()) if reply.status_code == 200 else f"HTTP {reply.status_code}: {reply.text}"
        replies.append((sent, time.time(), text))
    return replies


@pytest.mark.parametrize("host", ["redis", "postgres"])
def test_cutting_a_store_host_for_ten_seconds(topology: Tuple[Network, Hosts, Client], host: str) -> None:
    """Never a wrong, empty or failed answer: the clear "can't check that right now", or the
    normal one given once the host is back (a turn may wait for it); then service resumes by
    itself."""
    net, _, client = topology
    run = uuid.uuid4().hex[:6]
    load = [client.pool.submit(_chatter, client.url, f"{host}-{run}-{i}", 25.0) for i in range(4)]
    time.sleep(5)
    net.cut(host)
    cut_at = time.time()
    asked = []  # new people keep asking during the cut, one a second
    for second in range(10):
        asked.append(client.pool.submit(_chatter, client.url, f"{host}-{run}-new{second}", 0.1))
        time.sleep(1)
    net.restore(host)
    back_at = time.time()
    replies = [r for f in [*load, *asked] for r in f.result()]
    assert all(ROLE in text or OUTAGE in text for _, _, text in replies), [t for _, _, t in replies]
    during = [(sent, answered, text) for sent, answered, text in replies if cut_at <= sent < back_at]
    assert during, "no question was asked during the cut"
    outage = sum(OUTAGE in text for _, _, text in during)
    assert all(OUTAGE in text or answered >= back_at for _, answered, text in during), during
    normal_again = [answered for sent, answered, text in replies if sent > back_at and ROLE in text]
    assert normal_again, "service did not resume after the host came back"
    print(
        f"\n{host} cut 10 s: {len(during)} questions asked during the cut, {outage} got the clear "
        f"outage answer, {len(during) - outage} the normal one; normal again "
        f"{min(normal_again) - back_at:.1f} s after the host returned"
    )

"""PostgreSQL and Redis from Debian's packages, run from a project-local folder.

    python -m deploy.local_services start --dir var/cluster   # prints DB_URL and REDIS_URL
    python -m deploy.local_services stop --dir var/cluster

Used by `make cluster` and by the tests that need real services. Installs the packages
with apt-get when they are missing (as root). PostgreSQL refuses to run as root, so as
root its commands run as the `postgres` user.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Optional

PACKAGES = {"postgresql": "pg_ctl", "redis-server": "redis-server", "nginx": "nginx"}


def ensure_packages(*names: str) -> None:
    missing = [n for n in names if not _have(n)]
    if not missing:
        return
    if os.geteuid() != 0:
        raise SystemExit(
            f"error: please install {' '.join(missing)} (Debian packages), e.g. with sudo apt-get"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *missing], check=True, env=env, stdout=subprocess.DEVNULL
    )


def _have(package: str) -> bool:
    if package == "postgresql":
        return bool(_pg_bin_dirs())
    return shutil.which(PACKAGES[package]) is not None


def _pg_bin_dirs() -> List[str]:
    return sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))


def _as_postgres(command: List[str]) -> List[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Postgres:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder.resolve()
        self.port = port
        self.data = self.folder / "data"

    @property
    def bin(self) -> str:
        return _pg_bin_dirs()[-1]

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/rasa"

    @property
    def _client(self) -> List[str]:
        """Connection arguments for psql and createdb."""
        return ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(_as_postgres(list(command)), check=check, capture_output=True, text=True)

    def start(self) -> Postgres:
        ensure_packages("postgresql")
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            self._run(
                f"{self.bin}/initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync"
            )
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run(
            f"{self.bin}/pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "postgres.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        created = self._run(
            f"{self.bin}/psql",
            *self._client,
            "-tAc",
            "SELECT 1 FROM pg_database WHERE datname='rasa'",
            check=False,
        )
        if "1" not in created.stdout:
            self._run(f"{self.bin}/createdb", *self._client, "rasa")
        return self

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(f"{self.bin}/pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def query(self, sql: str) -> List[List[str]]:
        out = self._run(
            f"{self.bin}/psql",
            *self._client,
            "-d",
            "rasa",
            "-tA",
            "-F",
            "\t",
            "-c",
            sql,
        )
        return [line.split("\t") for line in out.stdout.splitlines() if line]


class Redis:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder.resolve()
        self.port = port

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> Redis:
        ensure_packages("redis-server")
        self.folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--daemonize",
                "yes",
                "--pidfile",
                str(self.folder / "redis.pid"),
                "--logfile",
                str(self.folder / "redis.log"),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            check=True,
            capture_output=True,
        )
        deadline = time.time() + 20
        while time.time() < deadline:
            ping = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True)
            if ping.stdout.strip() == "PONG":
                return self
            time.sleep(0.1)
        raise RuntimeError("redis did not start")

    def stop(self) -> None:
        subprocess.run(["redis-cli", "-p", str(self.port), "shutdown", "nosave"], capture_output=True)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("--dir", default="var/cluster")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("PG_PORT", 5433)))
    parser.add_argument("--redis-port", type=int, default=int(os.environ.get("REDIS_PORT", 6380)))
    args = parser.parse_args(argv)
    folder = Path(args.dir)
    postgres, redis = Postgres(folder / "postgres", args.pg_port), Redis(folder / "redis", args.redis_port)
    if args.action == "start":
        postgres.start()
        redis.start()
        print(f"DB_URL={postgres.url}")
        print(f"REDIS_URL={redis.url}")
    else:
        redis.stop()
        postgres.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Renders deploy/nginx/cluster.conf, the nginx in front of two Rasa instances.

    python -m deploy.nginx_config --dir var/cluster --listen 127.0.0.1:5005 \
        --instance 127.0.0.1:5006 --instance 127.0.0.1:5007 --out var/cluster/nginx.conf
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import List, Optional, Sequence

TEMPLATE = Path(__file__).with_name("nginx") / "cluster.conf"
_PLACEHOLDER = re.compile(r"@[A-Z0-9_]+@")


def render(folder: Path, listen: str, instances: Sequence[str]) -> str:
    """The config for nginx working in ``folder``, listening on ``listen``, in front of the
    two ``instances`` (address:port each)."""
    if len(instances) != 2:
        raise ValueError(f"the cluster config has two Rasa instances, not {len(instances)}")
    values = {"@DIR@": str(folder), "@LISTEN@": listen}
    values |= {f"@INSTANCE_{i}@": address for i, address in enumerate(instances, 1)}
    text = _PLACEHOLDER.sub(lambda found: values[found.group(0)], TEMPLATE.read_text(encoding="utf-8"))
    (folder / "nginx-temp").mkdir(parents=True, exist_ok=True)
    return text


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--listen", required=True)
    parser.add_argument("--instance", action="append", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.write_text(render(args.dir.resolve(), args.listen, args.instance), encoding="utf-8")


if __name__ == "__main__":
    main()

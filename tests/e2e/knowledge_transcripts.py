"""Rules questions and follow-ups of a knowledge question set, asked through the real servers.

    .venv/bin/python -m tests.e2e.knowledge_transcripts tests/nlu/knowledge_validation_3.yml \
        --out results/knowledge_v3.yml

A rules question about a described person ("with an associate's, is it 36 or 60 months for
the PMP?") is judged on what the reply says, against the item's ``must_say``; a follow-up
("and how long is it?") only makes sense after its ``context`` turn. Neither can be scored from
one parse (tests/nlu/knowledge_scores.py), so each is held as a new conversation over the REST
webhook and written out (question, context, must_say, the replies as the person sees them, and
the buttons) for grading by someone who has not seen the code.
"""

from __future__ import annotations

import argparse
import tempfile
import uuid
from pathlib import Path
from typing import Any, Dict, List

import yaml

from tests.e2e.servers import Servers, texts
from tests.nlu.knowledge_scores import NOT_SINGLE_PARSE


def as_seen(reply: List[Dict[str, Any]]) -> str:
    """The replies' text and their buttons, as the chat shows them."""
    buttons = [str(b.get("title")) for m in reply for b in (m.get("buttons") or [])]
    return texts(reply) + ("\n[" + "] [".join(buttons) + "]" if buttons else "")


def ask(servers: Servers, item: Dict[str, Any]) -> Dict[str, Any]:
    user = f"knowledge-{uuid.uuid4().hex}"
    context = str(item.get("context") or "")
    record: Dict[str, Any] = {k: item[k] for k in ("kind", "text", "expect", "cert", "must_say") if k in item}
    if context:
        record["context"] = context
        record["context_reply"] = as_seen(servers.send(user, context))
    record["reply"] = as_seen(servers.send(user, str(item["text"])))
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    items = [
        q
        for q in yaml.safe_load(args.questions.read_text())["questions"]
        if q.get("kind") in NOT_SINGLE_PARSE
    ]
    with tempfile.TemporaryDirectory() as tmp:
        servers = Servers(Path(tmp) / "servers")
        servers.start_actions()
        servers.start_rasa()
        try:
            records = [ask(servers, item) for item in items]
        finally:
            servers.stop()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(yaml.safe_dump({"answers": records}, allow_unicode=True, sort_keys=False, width=100))
    print(f"{len(records)} rules questions and follow-ups written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

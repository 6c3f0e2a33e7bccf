"""Scores eligibility conversations written apart from the parser, through the real servers.

    .venv/bin/python -m tests.e2e.score_conversations tests/conversations/independent_a.yml \
        [--out tests/output/independent] [--min-right 0.95] [--max-wrong 0]

Each conversation (opening, volunteered messages, an answer per field, the verdict the rules
give) is held with a real Rasa server and action server over the REST webhook. The person
answers whatever is asked from their answers (recognised by the catalog's question text), and
picks the "check" button when the assistant asks "check your eligibility, or ...?". Outcomes:
right (the expected verdict for the expected certification), wrong (another verdict), and
no verdict (the check never started, or got stuck). Transcripts go to --out.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import uuid
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from bot.certifications import load_catalog
from tests.e2e.servers import Servers, texts
from tests.e2e.test_interview_conversations import asked_field, follow_up, verdict_of

MAX_TURNS = 16
Reply = List[Dict[str, Any]]


class Talk:
    def __init__(self, servers: Servers, item: Dict[str, Any]) -> None:
        self.servers, self.item = servers, item
        self.user = f"score-{uuid.uuid4().hex}"
        self.log: List[str] = []
        self.answers: Dict[str, List[str]] = copy.deepcopy(item.get("answers") or {})
        self.buttons_used = 0

    def send(self, text: str) -> Reply:
        reply = self.servers.send(self.user, text)
        self.log.append(f"you> {text}")
        self.log += [f"bot> {line}" for line in texts(reply).split("\n")]
        buttons = [str(b.get("title")) for m in reply for b in (m.get("buttons") or [])]
        if buttons:
            self.log.append("     [" + "] [".join(buttons) + "]")
        return reply

    def check_button(self, reply: Reply) -> Optional[str]:
        """The payload of a "check" button when the reply asks which the person meant (the one for
        the person's own certification when there are several, as they would pick)."""
        wanted = load_catalog().canonical_certification(str(self.item["cert"])) or str(self.item["cert"])
        for message in reply:
            for button in message.get("buttons") or []:
                payload = str(button.get("payload") or "")
                if payload.startswith("/check_eligibility") and f'"{wanted}"' in payload:
                    return payload
        for message in reply:
            for button in message.get("buttons") or []:
                payload = str(button.get("payload") or "")
                words = texts(reply)
                asks = "Do you want me to check whether" in words or "eligible for the" not in words
                if payload.startswith("/check_eligibility") and asks:
                    return payload
        return None

    def clarified(self, words: str) -> Optional[str]:
        """A clarifying question about hours that the catalog does not word ("Study on your own
        doesn't count: ... How many hours of that have you completed?"): the person answers it
        with their hours for the certification."""
        questions = words.split("?")[:-1]
        if not questions or "how many hours" not in questions[-1][-120:].lower():
            return None
        used = load_catalog().fields_used(load_catalog().canonical_certification(str(self.item["cert"])))
        return next((f for f in self.answers if f.endswith("_hours") and (used is None or f in used)), None)

    def run(self) -> Tuple[str, Optional[Dict[str, Any]]]:
        reply = self.send(str(self.item["opening"]))
        for turn in self.item.get("volunteer") or []:
            reply = self.send(str(turn))
        pending: Optional[str] = None
        for _ in range(MAX_TURNS):
            found = verdict_of(reply)
            if found is not None:
                return "verdict", found
            words = texts(reply)
            scripted = follow_up(words, self.answers)
            if scripted is not None:
                reply = self.send(scripted)
                continue
            asked = asked_field(words, str(self.item["cert"])) or self.clarified(words)
            if asked is None and pending is None:
                button = self.check_button(reply)
                if button is None:
                    return "never started", None
                self.buttons_used += 1
                reply = self.send(button)
                continue
            pending = asked or pending
            queue = self.answers.get(str(pending)) or []
            if not queue:
                return f"stuck at {pending}", None
            reply = self.send(str(queue.pop(0)))
        return "too long", None


def score(path: Path, out: Path) -> Counter[str]:
    items = yaml.safe_load(path.read_text())["conversations"]
    out.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        servers = Servers(Path(tmp) / "servers")
        servers.start_actions()
        servers.start_rasa()
        try:
            for item in items:
                counts[outcome(servers, item, out)] += 1
        finally:
            servers.stop()
    return counts


def same_certification(got: Any, expected: str) -> bool:
    """The writers spell names as the facts file does ("Google Project Management Certificate")."""
    catalog = load_catalog()
    return catalog.canonical_certification(str(got)) == catalog.canonical_certification(expected)


def outcome(servers: Servers, item: Dict[str, Any], out: Path) -> str:
    talk = Talk(servers, item)
    how, found = talk.run()
    if found is None:
        result = "no verdict"
    elif (
        same_certification(found.get("certification"), item["cert"])
        and found.get("status") == item["expected"]
    ):
        result = "right"
    else:
        result = "wrong"
    got = f"{found.get('certification')} {found.get('status')}" if found else how
    header = f"# {item['id']}: expected {item['cert']} {item['expected']}; got {got} -> {result}"
    (out / f"{item['id']}.txt").write_text("\n".join([header, *talk.log]) + "\n", encoding="utf-8")
    print(header + (f" (buttons {talk.buttons_used})" if talk.buttons_used else ""), flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("conversations", type=Path)
    parser.add_argument("--out", type=Path, default=Path("tests/output/independent"))
    parser.add_argument("--min-right", type=float)
    parser.add_argument("--max-wrong", type=int)
    args = parser.parse_args()
    counts = score(args.conversations, args.out / args.conversations.stem)
    total = sum(counts.values())
    right = counts["right"] / max(1, total)
    print(
        f"{args.conversations.name}: right {counts['right']}/{total} ({right:.1%}), "
        f"wrong {counts['wrong']}, no verdict {counts['no verdict']}"
    )
    failed = (args.min_right is not None and right < args.min_right) or (
        args.max_wrong is not None and counts["wrong"] > args.max_wrong
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The knowledge base: short sourced answers in bot/knowledge/entries.yml (Contract C).

``load_entries`` reads and types the file, ``problems`` lists what breaks the contract
(the data checks and the builder both use it), ``sentences`` counts an answer's sentences.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

ENTRIES_FILE = Path(__file__).parent / "entries.yml"
RETRIEVAL_INTENT = "faq"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# A figure: a number (not part of a name like PRINCE2), a money sign or a percentage.
FIGURE = re.compile(r"(?<![A-Za-z])\d|\$|%")
SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)[.!?](?=\s+[A-Z(\"'\u201c]|\s*$)")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    examples: Tuple[str, ...]
    answer: str
    source: Optional[str] = None
    as_of: Optional[str] = None
    related: Tuple[str, ...] = ()

    @property
    def intent(self) -> str:
        """The retrieval sub-intent, e.g. ``faq/pm_vs_scrum_master``."""
        return f"{RETRIEVAL_INTENT}/{self.id}"

    def answer_text(self) -> str:
        """The answer as shown: the entry's words, then its source and date when it has one."""
        answer = " ".join(self.answer.split())
        if self.source:
            when = f", {self.as_of}" if self.as_of else ""
            answer += f"\n(Source: {self.source}{when}.)"
        return answer


def _entry(raw: Dict[str, Any]) -> Entry:
    return Entry(
        id=str(raw.get("id", "")),
        title=str(raw.get("title", "")),
        examples=tuple(str(e) for e in raw.get("examples") or ()),
        answer=str(raw.get("answer") or ""),
        source=raw.get("source"),
        as_of=str(raw["as_of"]) if raw.get("as_of") else None,
        related=tuple(str(r) for r in raw.get("related") or ()),
    )


def load_entries(path: Path = ENTRIES_FILE) -> List[Entry]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [_entry(raw) for raw in data.get("entries") or []]


@functools.cache
def entries_by_id(path: Path = ENTRIES_FILE) -> Dict[str, Entry]:
    """The entries keyed by id (cached: the action server reads the file once)."""
    return {entry.id: entry for entry in load_entries(path)} if path.exists() else {}


def sentences(text: str) -> int:
    """How many sentences ``text`` has (abbreviations such as "e.g." do not end one)."""
    return len(SENTENCE_END.findall(" ".join(text.split())))


def _entry_problems(entry: Entry, ids: Dict[str, int]) -> List[str]:
    where = f"entry {entry.id or '?'}"
    found = []
    if not ID_PATTERN.match(entry.id):
        found.append(f"{where}: id must be snake_case")
    if ids.get(entry.id, 0) > 1:
        found.append(f"{where}: id is used {ids[entry.id]} times")
    if not entry.title:
        found.append(f"{where}: no title")
    if not entry.examples:
        found.append(f"{where}: no example question")
    count = sentences(entry.answer)
    if not 2 <= count <= 5:
        found.append(f"{where}: answer has {count} sentences (2-5 wanted)")
    if FIGURE.search(entry.answer) and not (entry.source and entry.as_of):
        found.append(f"{where}: states a figure without source and as_of")
    if bool(entry.source) != bool(entry.as_of):
        found.append(f"{where}: source and as_of go together")
    if any(c in text for c in "{}" for text in (entry.title, entry.answer, *entry.examples)):
        found.append(f"{where}: braces would be read as Rasa slot templates")
    found += [f"{where}: related id {r!r} does not exist" for r in entry.related if r not in ids]
    found += [f"{where}: related to itself" for r in entry.related if r == entry.id]
    return found


def problems(entries: List[Entry]) -> List[str]:
    """Everything in ``entries`` that breaks Contract C, one line each (empty when clean)."""
    ids: Dict[str, int] = {}
    for entry in entries:
        ids[entry.id] = ids.get(entry.id, 0) + 1
    found = [p for entry in entries for p in _entry_problems(entry, ids)]
    owners: Dict[str, str] = {}
    for entry in entries:
        for example in entry.examples:
            key = " ".join(example.lower().split())
            if key in owners and owners[key] != entry.id:
                found.append(f"example {example!r} is in both {owners[key]} and {entry.id}")
            owners[key] = entry.id
    return found

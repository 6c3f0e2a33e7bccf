"""The documents a reader follows: the README and docs/ point at things that exist.

Every relative link in README.md and docs/**/*.md resolves to a file or folder of the
repository (and a ``#fragment`` to a heading of the linked page), every ``make X`` they show
is a target of the Makefile, the README stays short, and the figures docs/testing.md gives
for the knowledge gate are the Makefile's and the test set's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = sorted([README, *(ROOT / "docs").rglob("*.md")])
MAX_README_LINES = 220

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.M)
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # https:, mailto:, ...
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)
_MAKE = re.compile(r"(?<![\w./-])make((?:[ \t]+[^\s`#|]+)+)")


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _prose(text: str) -> str:
    """The text without code: links inside code blocks and spans are not links."""
    return _INLINE_CODE.sub("", _FENCE.sub("", text))


def links(text: str) -> List[str]:
    """Every link target of a Markdown text (inline, image and reference links)."""
    prose = _prose(text)
    return _LINK.findall(prose) + _REFERENCE.findall(prose)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> Set[str]:
    found: Set[str] = set()
    seen: Dict[str, int] = {}
    for heading in _HEADING.findall(_FENCE.sub("", path.read_text(encoding="utf-8"))):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def relative_links() -> Iterator[Tuple[Path, str]]:
    for doc in DOCS:
        for target in links(doc.read_text(encoding="utf-8")):
            if not _EXTERNAL.match(target):
                yield doc, target


def _code(text: str) -> Iterator[str]:
    """The code in a Markdown text: fenced blocks and inline spans."""
    for block in _FENCE.finditer(text):
        yield block.group(0)
    for span in _INLINE_CODE.finditer(_FENCE.sub("", text)):
        yield span.group(0).strip("`")


def make_targets_named(text: str) -> Set[str]:
    """The targets of every ``make …`` command shown as code ("make install nlp train" names
    three); options and VAR=value arguments are not targets."""
    named: Set[str] = set()
    for code in _code(text):
        for line in code.splitlines():
            for match in _MAKE.finditer(line):
                words = match.group(1).split()
                named |= {w for w in words if "=" not in w and not w.startswith("-") and w != "…"}
    return named


def makefile_targets() -> Set[str]:
    """The Makefile's targets, with simple variables such as $(VENV) expanded."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^(\w+)\s*[:?]?=[ \t]*(\S*)[ \t]*$", text, re.M))

    def expand(word: str) -> str:
        return re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), m.group(0)), word)

    targets: Set[str] = set()
    for line in text.splitlines():
        rule = re.match(r"^([^\s#][^:=]*?)\s*:(?!=)", line)
        if rule:
            targets |= {expand(word) for word in rule.group(1).split()}
    phony = re.search(r"^\.PHONY:(.*)$", text, re.M)
    return targets | set(phony.group(1).split() if phony else ())


LINKS = list(relative_links())


def test_the_documents_have_relative_links_to_check() -> None:
    assert len(LINKS) > 20


@pytest.mark.parametrize(("doc", "target"), LINKS, ids=[f"{_name(d)}->{t}" for d, t in LINKS])
def test_every_relative_link_resolves(doc: Path, target: str) -> None:
    address, _, fragment = target.partition("#")
    linked = (doc.parent / address).resolve() if address else doc
    assert linked.exists(), f"{_name(doc)} links to {target}, which does not exist"
    assert linked == ROOT or ROOT in linked.parents, f"{_name(doc)} links outside the repository: {target}"
    if fragment and linked.suffix == ".md":
        assert fragment in anchors(linked), f"{_name(doc)} links to #{fragment}, no such heading in {address}"


@pytest.mark.parametrize("doc", DOCS, ids=[_name(d) for d in DOCS])
def test_every_make_target_named_exists(doc: Path) -> None:
    missing = make_targets_named(doc.read_text(encoding="utf-8")) - makefile_targets()
    assert not missing, f"{_name(doc)} names make targets the Makefile lacks: {sorted(missing)}"


def test_the_readme_names_make_run_and_make_test() -> None:
    assert {"run", "test"} <= make_targets_named(README.read_text(encoding="utf-8"))


def test_the_readme_is_short() -> None:
    lines = len(README.read_text(encoding="utf-8").splitlines())
    assert lines < MAX_README_LINES, f"README.md has {lines} lines; move detail to docs/"


def test_the_knowledge_gate_in_the_docs_is_the_makefiles() -> None:
    """The README once gave two question counts and two gates; docs/testing.md gives the real ones."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    gate = re.search(r"knowledge_test\.yml --min-correct ([\d.]+) --max-wrong ([\d.]+)", makefile)
    assert gate, "the Makefile no longer gates tests/nlu/knowledge_test.yml"
    correct, wrong = (round(float(v) * 100) for v in gate.groups())
    questions = yaml.safe_load((ROOT / "tests/nlu/knowledge_test.yml").read_text(encoding="utf-8"))
    testing = (ROOT / "docs/testing.md").read_text(encoding="utf-8")
    assert f"{len(questions['questions'])} questions" in testing
    assert f"at least {correct}% correct and at most {wrong}% wrong" in testing


# The checkers themselves, on small texts.


def test_links_skip_code_and_find_reference_links() -> None:
    text = "See [a](a.md) and `[b](b.md)`.\n\n```\n[c](c.md)\n```\n\n[d]: docs/d.md\n"
    assert links(text) == ["a.md", "docs/d.md"]


def test_slugs_are_githubs() -> None:
    assert slug("Contract A: profile in, verdict out") == "contract-a-profile-in-verdict-out"
    assert slug("Safety mutations: `make mutants`") == "safety-mutations-make-mutants"


def test_make_commands_are_read_from_code_only() -> None:
    text = "To make it short: `make run`, `RASA_PORT=1 make run`, `make install nlp train`.\n"
    text += "```bash\nmake test   # everything\nSOAK_MINUTES=5 make soak\n```\n"
    assert make_targets_named(text) == {"run", "install", "nlp", "train", "test", "soak"}


def test_makefile_targets_include_file_targets() -> None:
    targets = makefile_targets()
    assert {"run", "test", "test-nlu", ".venv/.installed", "models/pm-career.tar.gz"} <= targets
    assert "SHELL" not in targets and "VENV" not in targets

"""Data checks for the knowledge base (Contract C) and the certification facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.certifications import load_catalog
from bot.certifications.catalog import DATA_FILE
from bot.knowledge import ENTRIES_FILE, Entry, load_entries, problems, sentences
from bot.knowledge.build import main as build_main
from bot.knowledge.build import training_data
from bot.knowledge.facts import WRITERS, detect_topic, fact_answer, topics

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "knowledge_fixture.yml"
ENTRIES = load_entries(ENTRIES_FILE)
IDS = {entry.id for entry in ENTRIES}
# The facts each exam: block defines, each once (Contract C).
FACT_KEYS = {"minutes", "questions", "fee", "validity_years", "renewal_credits", "renewal_fee", "retakes"}
FACT_KEYS |= {"delivery", "pass_rate"}


def test_the_knowledge_base_keeps_contract_c() -> None:
    assert ENTRIES, "bot/knowledge/entries.yml has no entries"
    assert problems(ENTRIES) == []


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_every_entry_is_short_sourced_and_linked(entry: Entry) -> None:
    assert 2 <= sentences(entry.answer) <= 5, entry.answer
    assert entry.examples and entry.title
    if re.search(r"(?<![A-Za-z])\d|\$|%", entry.answer):
        assert entry.source and entry.as_of, f"{entry.id} states a figure without a source and date"
    assert set(entry.related) <= IDS - {entry.id}


def test_the_checker_catches_each_kind_of_problem() -> None:
    good = load_entries(FIXTURE)
    assert problems(good) == []
    one = good[0]
    bad = [
        Entry(id="Bad Id", title="t", examples=("q",), answer="One. Two."),
        Entry(id="no_examples", title="t", examples=(), answer="One. Two."),
        Entry(id="one_sentence", title="t", examples=("q1",), answer="Just one."),
        Entry(id="figure", title="t", examples=("q2",), answer="It costs $405. Check it."),
        Entry(id="dangling", title="t", examples=("q3",), answer="One. Two.", related=("nowhere",)),
        Entry(id=one.id, title="t", examples=("q5",), answer="One. Two."),
        Entry(id="same_question", title="t", examples=(one.examples[0],), answer="One. Two."),
        Entry(id="braces", title="t", examples=("q4",), answer="Say {name}. Two."),
    ]
    found = "\n".join(problems(good + bad))
    for expected in (
        "entry Bad Id: id must be snake_case",
        "entry no_examples: no example question",
        "entry one_sentence: answer has 1 sentences",
        "entry figure: states a figure without source and as_of",
        "entry dangling: related id 'nowhere' does not exist",
        f"entry {one.id}: id is used 2 times",
        f"example {one.examples[0]!r} is in both",
        "entry braces: braces would be read as Rasa slot templates",
    ):
        assert expected in found


def test_sentences_are_counted_like_a_reader_would() -> None:
    assert sentences("Scrum has roles, e.g. the product owner. It has events!") == 2
    assert sentences("One sentence only") == 0
    assert sentences("Is it hard? Yes. About 1.5 hours a day (as of 2026).") == 3


def test_generated_training_data_is_current() -> None:
    """data/nlu/knowledge.yml is what the builder makes from entries.yml (one home: entries.yml)."""
    assert (ROOT / "data/nlu/knowledge.yml").read_text() == training_data(ENTRIES)


def test_the_builder_writes_intents_responses_and_related_buttons(tmp_path: Path) -> None:
    out = tmp_path / "knowledge.yml"
    assert build_main(["--entries", str(FIXTURE), "--output", str(out)]) == 0
    data = yaml.safe_load(out.read_text())
    assert [b["intent"] for b in data["nlu"]][0] == "faq/pm_vs_scrum_master"
    # The examples, then the title as one more way to ask.
    assert data["nlu"][1]["examples"] == "- what is scrum\n- explain scrum to me\n"
    assert data["nlu"][0]["examples"].endswith("- Project manager vs Scrum Master\n")
    [message] = data["responses"]["utter_faq/pm_vs_scrum_master"]
    # A related button sends the related entry's first example, which the NLU answers.
    assert message["buttons"] == [{"title": "What is Scrum?", "payload": "what is scrum"}]
    [sourced] = data["responses"]["utter_faq/where_to_get_35_hours"]
    assert sourced["text"].endswith("(Source: pmi.org certification pages (replica read 2025-26), 2026-11.)")


def test_the_builder_refuses_entries_that_break_the_contract(tmp_path: Path) -> None:
    broken = tmp_path / "entries.yml"
    broken.write_text("entries:\n  - {id: x, title: X, examples: [q], answer: 'Only one.'}\n")
    assert build_main(["--entries", str(broken), "--output", str(tmp_path / "out.yml")]) == 1
    assert not (tmp_path / "out.yml").exists()


def _exam_blocks() -> dict:
    raw = yaml.safe_load(DATA_FILE.read_text())
    return {name: cert["exam"] for name, cert in raw["certifications"].items()}


@pytest.mark.parametrize("name", sorted(_exam_blocks()))
def test_every_certification_defines_each_fact_once(name: str) -> None:
    exam = _exam_blocks()[name]
    assert set(exam) >= FACT_KEYS, f"{name} lacks {FACT_KEYS - set(exam)}"
    # Once: no free-text field repeats the renewal figures or the fee.
    assert "renewal" not in exam and "format" not in exam
    if exam["validity_years"]:
        assert exam["renewal_credits"]
    fee = exam["fee"]
    assert "included" in fee or {"members", "non_members", "as_of", "source"} <= set(fee)


def test_the_text_yaml_has_each_fact_key_once_per_block() -> None:
    """A repeated key would silently override the first one when YAML is loaded."""
    block, seen = None, set()
    for line in DATA_FILE.read_text().splitlines():
        if line == "    exam:":
            block, seen = line, set()
            continue
        if block and line.startswith("      ") and not line.startswith("        "):
            key = line.strip().split(":")[0]
            assert key not in seen, f"{key} twice in an exam block"
            seen.add(key)
        elif block and not line.startswith("      "):
            block = None


def test_pmp_fee_is_the_latest_reported_range_with_a_date() -> None:
    fee = load_catalog().certifications["PMP"].exam.facts["fee"]
    assert (fee["members"], fee["non_members"]) == ("$405-445", "$655-675")
    text = fact_answer("PMP", "fee").text
    assert "$405-445 for PMI members, $655-675 for non-members (as of 2026-09" in text
    assert "check pmi.org" in text
    assert "minutes" not in text and "PDUs" not in text  # the fee only


@pytest.mark.parametrize("name", sorted(_exam_blocks()))
def test_every_fact_can_be_answered_for_every_certification(name: str) -> None:
    for topic in WRITERS:
        text = fact_answer(name, topic).text
        assert text and "None" not in text, (name, topic, text)


def test_pass_rate_says_it_is_not_published() -> None:
    assert fact_answer("PMP", "pass_rate").text.startswith("PMI does not publish a pass rate for the PMP")


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("how much is the PMP?", "fee"),
        ("how long is the PMP valid?", "validity"),
        ("how long does the pmp certification last", "validity"),
        ("how long does the PMI-ACP exam take", "length"),
        ("what about renewal?", "renewal"),
        ("how many questions are on the exam?", "length"),
        ("can I take it online?", "delivery"),
        ("what if I fail?", "retakes"),
        ("what's the pass rate?", "pass_rate"),
        ("what does the exam cover?", "domains"),
        ("tell me about the PMP exam", None),
    ],
)
def test_fact_topics_are_read_from_the_question(question: str, topic: str) -> None:
    assert detect_topic(question) == topic


def test_every_topic_has_a_writer_and_a_title() -> None:
    assert set(topics()) == set(WRITERS)
    assert all(spec["title"] and spec["words"] for spec in topics().values())


def _plain(text: str) -> str:
    """Text as compared for leaks: entity markup dropped, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text.lower()))


def test_no_held_out_question_is_a_training_example() -> None:
    """The knowledge test and validation questions are scored as unseen: none may appear,
    even re-cased or re-punctuated, among the training examples."""
    training = {_plain(example) for entry in ENTRIES for example in entry.examples}
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            lines = str(block.get("examples") or "").splitlines()
            training |= {_plain(line[2:]) for line in lines if line.startswith("- ")}
    for name in ("knowledge_test.yml", "knowledge_test_2.yml", "knowledge_validation.yml"):
        questions = yaml.safe_load((ROOT / "tests" / "nlu" / name).read_text())["questions"]
        leaked = [q["text"] for q in questions if _plain(q["text"]) in training]
        assert not leaked, f"{name}: {leaked}"

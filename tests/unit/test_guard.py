"""The guard every channel passes messages through (channels/guard.py), table by table."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
import yaml

from channels import guard
from channels.guard import DOMAIN_FILE, EMPTY, MAX_LENGTH, NO_COMMANDS, NOT_TEXT, screen

QUESTION = "what does an IT PM do"
# The guard keeps tab and newline (people paste multi-line questions) and removes every
# other C0 control character and DEL.
KEPT = [0x09, 0x0A]
REMOVED = [c for c in range(0x20) if c not in KEPT] + [0x7F]
# Rasa's internal intents and actions that people must not be able to trigger by typing.
REFUSED = [
    "/restart",
    "/session_start",
    "/back",
    "/nlu_fallback",
    "/action_restart",
    "/action_session_start",
    "/action_listen",
    "/action_back",
    "/action_deactivate_loop",
    "/action_default_fallback",
    "/action_eligibility",
    "/action_reset_profile",
    '/restart{"x": 1}',
    "  /restart",
    "/RESTART",
    "/session_start please",
    "/no_such_intent",
    "/\x00restart",
    "/ restart",
    "/\trestart",
    "/\nrestart",
    "/restart@0.99",
    "/ session_start",
    "/  action_restart",
]


def button_payloads() -> List[str]:
    """Every payload on a button in domain.yml, as the person's client sends it."""
    domain = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))
    payloads = []
    for variants in (domain.get("responses") or {}).values():
        for variant in variants:
            for button in variant.get("buttons") or []:
                payloads.append(str(button["payload"]).replace("{{", "{").replace("}}", "}"))
    return sorted(set(payloads))


@pytest.mark.parametrize("code", REMOVED, ids=[f"0x{c:02x}" for c in REMOVED])
def test_control_characters_are_removed(code: int) -> None:
    text, reply = screen(f"what{chr(code)}does an IT PM do")
    assert reply is None
    assert text == QUESTION
    assert chr(code) not in (text or "")


@pytest.mark.parametrize("code", REMOVED, ids=[f"0x{c:02x}" for c in REMOVED])
def test_a_message_of_control_characters_only_is_empty(code: int) -> None:
    assert screen(chr(code) * 3) == (None, EMPTY)


@pytest.mark.parametrize("code", KEPT, ids=[f"0x{c:02x}" for c in KEPT])
def test_tab_and_newline_are_kept(code: int) -> None:
    text, reply = screen(f"what{chr(code)}does an IT PM do")
    assert reply is None
    assert text == f"what{chr(code)}does an IT PM do"


@pytest.mark.parametrize("typed", REFUSED)
def test_internal_intents_and_actions_cannot_be_typed(typed: str) -> None:
    assert screen(typed) == (None, NO_COMMANDS)


def test_the_domain_has_buttons_to_check() -> None:
    assert len(button_payloads()) >= 5


@pytest.mark.parametrize(
    "payload",
    [
        *button_payloads(),
        '/inform{"education_level": "master"}',
        '/check_eligibility{"certification": "PMP"}',
        "/ask_pm_role",
        "/affirm",
        "/deny",
    ],
)
def test_the_assistants_own_button_payloads_pass_unchanged(payload: str) -> None:
    assert screen(payload) == (payload, None)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, (None, NOT_TEXT)),
        (42, (None, NOT_TEXT)),
        ({"text": "hi"}, (None, NOT_TEXT)),
        (b"hello", (None, NOT_TEXT)),
        ("", (None, EMPTY)),
        ("   \n\t ", (None, EMPTY)),
        ("  hello  ", ("hello", None)),
        ("a slash / in the middle is fine", ("a slash / in the middle is fine", None)),
        ("x" * MAX_LENGTH, ("x" * MAX_LENGTH, None)),
    ],
)
def test_text_shapes(given: object, expected: tuple) -> None:
    assert screen(given) == expected


def test_over_long_messages_get_the_limit_in_the_answer() -> None:
    text, reply = screen("x" * (MAX_LENGTH + 1))
    assert text is None
    assert reply is not None and f"{MAX_LENGTH + 1} characters" in reply and str(MAX_LENGTH) in reply
    assert screen("x" * 11, limit=10)[0] is None
    assert screen("x" * 10, limit=10) == ("x" * 10, None)


def test_rasa_intents_stay_refused_even_when_the_domain_lists_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    domain = tmp_path / "domain.yml"
    domain.write_text(
        yaml.safe_dump({"intents": ["restart", "session_start", "back", "nlu_fallback", "greet"]})
    )
    monkeypatch.setattr(guard, "DOMAIN_FILE", domain)
    guard.public_intents.cache_clear()
    try:
        assert guard.public_intents() == frozenset({"greet"})
        assert screen("/restart") == (None, NO_COMMANDS)
        assert screen("/session_start") == (None, NO_COMMANDS)
        assert screen("/greet") == ("/greet", None)
    finally:
        guard.public_intents.cache_clear()

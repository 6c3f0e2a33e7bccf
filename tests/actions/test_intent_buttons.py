"""The fallback's topic buttons (actions/intent_buttons.yml) name intents the assistant has."""

from __future__ import annotations

from pathlib import Path

import yaml

from actions.fallback import NOT_OFFERED, TOPICS

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
INTENTS = {i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]} | {"nlu_fallback"}


def test_every_topic_button_is_an_intent_of_the_domain_with_a_title() -> None:
    assert set(TOPICS) - INTENTS == set()
    assert all(title.strip() for title in TOPICS.values())


def test_an_intent_that_is_never_offered_has_no_button() -> None:
    assert set(NOT_OFFERED) - INTENTS == set()
    assert set(NOT_OFFERED) & set(TOPICS) == set()

"""The packaged sentence embedding: offline, unit-length, and closer for paraphrases."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from bot.knowledge import embedding


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the embedding tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    embedding._model.cache_clear()


def test_loads_from_the_installed_package_without_the_network(no_network: None) -> None:
    rows = embedding.embed(["how much does the pmp cost", ""])
    assert rows.shape == (2, 256)
    assert np.linalg.norm(rows[0]) == pytest.approx(1.0, abs=1e-5)
    assert not rows[1].any()  # no words, no direction


def test_a_paraphrase_is_nearer_than_another_topic() -> None:
    question, paraphrase, other = embedding.embed(
        ["what do developers earn in germany", "software engineer salary in europe", "how do I bake bread"]
    )
    assert float(question @ paraphrase) > float(question @ other) + 0.1

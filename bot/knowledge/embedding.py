"""Sentence embeddings from WordLlama's packaged model, offline.

The wordllama wheel on PyPI (MIT) carries its 256-dimensional token-embedding table
(``weights/l2_supercat_256.safetensors``, 16 MB) and its tokenizer (``tokenizers/…json``)
inside the package, so nothing is downloaded. Its Python code needs numpy 2, which Rasa 3.6
cannot use, so the Makefile installs the wheel without dependencies
(``requirements-models.lock``) and this module reads the two files itself, exactly as
WordLlama's ``embed`` does: tokenize, average the tokens' vectors, scale to unit length.
The package is located without importing it.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Iterable, List, Tuple

import numpy as np
from numpy.typing import NDArray
from safetensors.numpy import load_file
from tokenizers import Tokenizer

PACKAGE = "wordllama"
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"


def package_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package is not installed: run `make install`")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def _model() -> Tuple[Tokenizer, NDArray[np.float32]]:
    base = package_dir()
    table = next(iter(load_file(str(base / WEIGHTS)).values())).astype(np.float32)
    return Tokenizer.from_file(str(base / TOKENIZER)), table


def embed(texts: Iterable[str]) -> NDArray[np.float32]:
    """One unit-length row per text (zeros for a text with no tokens)."""
    tokenizer, table = _model()
    items: List[str] = [str(t) for t in texts]
    out = np.zeros((len(items), table.shape[1]), dtype=np.float32)
    for row, encoding in enumerate(tokenizer.encode_batch(items, add_special_tokens=False)):
        if encoding.ids:
            vector = table[encoding.ids].mean(axis=0)
            out[row] = vector / max(float(np.linalg.norm(vector)), 1e-9)
    return out

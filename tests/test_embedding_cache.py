"""Training reuses the sentence embeddings of examples it has embedded before."""

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from chatbot.e5_featurizer import E5Featurizer
from chatbot.embedding_cache import (
    DEFAULT_PATH,
    KEEP_UNUSED_SECONDS,
    EmbeddingCache,
    cache_path,
)


class CountingEncoder:
    """Stands in for the encoder: a vector from the text, and a record of calls."""

    def __init__(self):
        self.calls = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        return np.array([[len(t), t.count("a"), 1.0] for t in texts], dtype=np.float32)


def test_only_texts_never_embedded_before_are_computed(tmp_path):
    encoder = CountingEncoder()
    cache = EmbeddingCache(tmp_path / "e.db", "enc-1", 3)
    first = cache.embed(["alpha", "beta"], encoder)
    again = cache.embed(["beta", "gamma", "alpha"], encoder)
    assert encoder.calls == [["alpha", "beta"], ["gamma"]]
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[0])
    assert np.array_equal(again[1], encoder(["gamma"])[0])


def test_another_encoder_never_reads_these_vectors(tmp_path):
    encoder = CountingEncoder()
    EmbeddingCache(tmp_path / "e.db", "enc-1", 3).embed(["alpha"], encoder)
    EmbeddingCache(tmp_path / "e.db", "enc-2", 3).embed(["alpha"], encoder)
    assert encoder.calls == [["alpha"], ["alpha"]]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, DEFAULT_PATH),
        ({"NURI_EMBEDDING_CACHE": "/somewhere/e.db"}, "/somewhere/e.db"),
        ({"NURI_EMBEDDING_CACHE": ""}, None),
        ({"RASA_MAX_CACHE_SIZE": "0"}, None),
        ({"RASA_MAX_CACHE_SIZE": "0.0", "NURI_EMBEDDING_CACHE": "/x.db"}, None),
        ({"RASA_MAX_CACHE_SIZE": "500"}, DEFAULT_PATH),
    ],
)
def test_where_the_cache_lives_and_when_it_is_off(monkeypatch, env, expected):
    monkeypatch.delenv("NURI_EMBEDDING_CACHE", raising=False)
    monkeypatch.delenv("RASA_MAX_CACHE_SIZE", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_path() == (Path(expected) if expected else None)


def test_vectors_unused_for_a_month_are_forgotten(tmp_path):
    encoder = CountingEncoder()
    cache = EmbeddingCache(tmp_path / "e.db", "enc-1", 3)
    cache.embed(["old", "kept"], encoder)
    with sqlite3.connect(tmp_path / "e.db") as db:
        db.execute(
            "UPDATE vectors SET used_at = used_at - ?", (KEEP_UNUSED_SECONDS + 60,)
        )
    cache.embed(["kept", "new"], encoder)
    with sqlite3.connect(tmp_path / "e.db") as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 2
    cache.embed(["old"], encoder)
    assert encoder.calls[-1] == ["old"]


def _vectors(data):
    return [m.get_dense_features(TEXT)[1].features for m in data.training_examples]


def _training_data(texts):
    return TrainingData([Message({TEXT: t, "intent": "x"}) for t in texts])


def test_a_cached_training_vector_is_exactly_the_live_one(monkeypatch, tmp_path):
    monkeypatch.setenv("NURI_EMBEDDING_CACHE", str(tmp_path / "e.db"))
    monkeypatch.delenv("RASA_MAX_CACHE_SIZE", raising=False)
    featurizer = E5Featurizer(E5Featurizer.get_default_config(), "e5")
    texts = ["누가 내 사진으로 합성했대 어떡해", "how do i report a fake on snap"]
    cold = _vectors(featurizer.process_training_data(_training_data(texts)))
    assert (tmp_path / "e.db").exists()
    featurizer.embed = lambda batch: (_ for _ in ()).throw(AssertionError(batch))
    warm = _vectors(featurizer.process_training_data(_training_data(texts)))
    for a, b in zip(cold, warm, strict=True):
        assert np.array_equal(a, b)
    live = E5Featurizer(E5Featurizer.get_default_config(), "e5").process(
        [Message({TEXT: texts[0]})]
    )[0]
    assert np.array_equal(live.get_dense_features(TEXT)[1].features, warm[0])


def test_an_unreadable_cache_only_costs_time(monkeypatch, tmp_path):
    (tmp_path / "e.db").write_bytes(b"this is not a database")
    monkeypatch.setenv("NURI_EMBEDDING_CACHE", str(tmp_path / "e.db"))
    monkeypatch.delenv("RASA_MAX_CACHE_SIZE", raising=False)
    featurizer = E5Featurizer(E5Featurizer.get_default_config(), "e5")
    data = featurizer.process_training_data(_training_data(["is this chat saved"]))
    assert _vectors(data)[0].shape == (1, 384)


def test_live_messages_never_reach_the_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("NURI_EMBEDDING_CACHE", str(tmp_path / "e.db"))
    monkeypatch.delenv("RASA_MAX_CACHE_SIZE", raising=False)
    featurizer = E5Featurizer(E5Featurizer.get_default_config(), "e5")
    featurizer.process(
        [Message({TEXT: "my ex has my pics and says he will post them"})]
    )
    assert not (tmp_path / "e.db").exists()

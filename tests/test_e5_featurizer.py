"""The e5 featurizer adds a sentence embedding that carries meaning across languages."""

import numpy as np
import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from chatbot.e5_featurizer import E5Featurizer


@pytest.fixture(autouse=True)
def _own_embedding_cache(monkeypatch, tmp_path):
    """Training here must not write into the work tree's embedding cache."""
    monkeypatch.setenv("NURI_EMBEDDING_CACHE", str(tmp_path / "embeddings.db"))


@pytest.fixture(scope="module")
def featurizer():
    return E5Featurizer(E5Featurizer.get_default_config(), "e5")


def _sentence_vector(message):
    sequence, sentence = message.get_dense_features(TEXT)
    assert sequence is None, "only a sentence feature is added"
    return sentence.features.reshape(-1)


def test_each_message_gets_one_normalised_sentence_vector(featurizer):
    messages = featurizer.process([Message({TEXT: "딥페이크가 뭐야"}), Message({})])
    vector = _sentence_vector(messages[0])
    assert vector.shape == (384,) and vector.dtype == np.float32
    assert abs(np.linalg.norm(vector) - 1) < 1e-3
    assert messages[1].get_dense_features(TEXT) == (None, None)


def test_the_same_meaning_in_two_languages_lands_close(featurizer):
    english, korean, unrelated = featurizer.embed(
        [
            "someone says they will post my photos unless i pay them",
            "돈 안 보내면 내 사진 다 뿌린다고 협박해",
            "what should i eat for lunch today",
        ]
    )
    assert english @ korean > english @ unrelated + 0.05


def test_training_data_and_a_live_message_get_the_same_vector(featurizer):
    text = "my friend got a fake nude of her in the group chat what do we do"
    data = featurizer.process_training_data(
        TrainingData([Message({TEXT: text, "intent": "victim_first_steps"})])
    )
    live = featurizer.process([Message({TEXT: text})])[0]
    assert np.allclose(
        _sentence_vector(data.training_examples[0]), _sentence_vector(live), atol=1e-5
    )


def test_many_messages_are_embedded_in_batches_in_order(featurizer):
    # Lengths out of order: batches are formed by length, rows come back in order.
    texts = [f"question {n} about {'very ' * (n * 7 % 11)}deepfakes" for n in range(70)]
    together = featurizer.embed(texts)
    assert together.shape == (70, 384)
    for n in (0, 1, 5, 38, 69):
        assert np.allclose(together[n], featurizer.embed([texts[n]])[0], atol=1e-5)


def test_no_messages_give_no_rows(featurizer):
    assert featurizer.embed([]).shape == (0, 384)

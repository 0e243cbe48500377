"""The nearest training examples vote beside the logistic regression."""

import numpy as np
import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from chatbot.e5_featurizer import E5Featurizer
from chatbot.neighbours_classifier import NeighboursClassifier

EXAMPLES = {
    "sextortion": [
        "someone says they will post my pics unless i pay",
        "돈 안 보내면 내 영상 뿌린다고 협박해요",
        "he wants more photos or he sends the old ones to my friends",
    ],
    "out_of_scope": [
        "how do i get my banned game account back",
        "수학 숙제 좀 도와줘",
        "my friend stopped talking to me and i dont know why",
    ],
}


@pytest.fixture(autouse=True)
def _own_embedding_cache(monkeypatch, tmp_path):
    """Training here must not write into the work tree's embedding cache."""
    monkeypatch.setenv("NURI_EMBEDDING_CACHE", str(tmp_path / "embeddings.db"))


@pytest.fixture(scope="module")
def e5():
    return E5Featurizer(E5Featurizer.get_default_config(), "e5")


@pytest.fixture()
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


def _trained(e5, storage, **config):
    data = TrainingData(
        [
            Message({TEXT: text, INTENT: intent})
            for intent, texts in EXAMPLES.items()
            for text in texts
        ]
    )
    e5.process_training_data(data)
    classifier = NeighboursClassifier.create(
        {**NeighboursClassifier.get_default_config(), **config},
        storage,
        Resource("neighbours"),
        None,
    )
    classifier.train(data)
    return classifier


def _message(e5, text, ranking):
    message = e5.process([Message({TEXT: text})])[0]
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    return message


def test_close_examples_move_a_message_the_regression_misplaced(e5, storage):
    classifier = _trained(e5, storage, weight=0.5)
    message = _message(
        e5,
        "they say they'll send my pictures to everyone if i dont pay them",
        [("out_of_scope", 0.7), ("sextortion", 0.3)],
    )
    classifier.process([message])
    ranking = message.get(INTENT_RANKING_KEY)
    assert message.get(INTENT)["name"] == "sextortion" == ranking[0]["name"]
    assert sum(entry["confidence"] for entry in ranking) == pytest.approx(1.0)
    # Half the ranking is the regression's: out_of_scope keeps at least 0.35.
    assert dict((e["name"], e["confidence"]) for e in ranking)["out_of_scope"] >= 0.35


def test_with_no_weight_the_ranking_is_the_regressions(e5, storage):
    classifier = _trained(e5, storage, weight=0.0)
    message = _message(
        e5,
        "they will post my pics unless i pay",
        [("out_of_scope", 0.7), ("sextortion", 0.3)],
    )
    classifier.process([message])
    assert [
        (e["name"], round(e["confidence"], 6)) for e in message.get(INTENT_RANKING_KEY)
    ][:2] == [("out_of_scope", 0.7), ("sextortion", 0.3)]


def test_a_saved_model_votes_as_the_trained_one(e5, storage):
    trained = _trained(e5, storage)
    loaded = NeighboursClassifier.load(
        NeighboursClassifier.get_default_config(), storage, Resource("neighbours"), None
    )
    vectors = np.vstack(
        [
            e5.embed(["i lost my password", "협박 당하고 있어요"]),
        ]
    )
    assert np.allclose(
        trained.neighbour_probabilities(vectors),
        loaded.neighbour_probabilities(vectors),
    )


def test_without_the_sentence_embedding_training_says_what_is_missing(storage):
    data = TrainingData([Message({TEXT: "hi", INTENT: "greet"})])
    classifier = NeighboursClassifier.create({}, storage, Resource("n"), None)
    with pytest.raises(ValueError, match="E5Featurizer before it"):
        classifier.train(data)


@pytest.mark.parametrize(
    "bad", [{"neighbours": 0}, {"temperature": 0}, {"weight": 1.5}, {"neighbours": -1}]
)
def test_settings_that_would_fail_while_serving_fail_at_once(storage, bad):
    with pytest.raises(InvalidConfigException):
        NeighboursClassifier.create(bad, storage, Resource("n"), None)


def test_messages_it_cannot_read_keep_their_ranking(e5, storage):
    classifier = _trained(e5, storage)
    empty = Message({})
    unfeaturized = Message({TEXT: "no embedding here"})
    ranking = [{"name": "out_of_scope", "confidence": 0.9}]
    unfeaturized.set(INTENT_RANKING_KEY, ranking)
    readable = _message(e5, "수학 숙제 도와줘", [("sextortion", 0.6)])
    classifier.process([empty, unfeaturized, readable])
    assert empty.get(INTENT_RANKING_KEY) is None
    assert unfeaturized.get(INTENT_RANKING_KEY) == ranking
    assert readable.get(INTENT)["name"] == "out_of_scope"


def test_the_ranking_is_cut_to_its_length(e5, storage):
    classifier = _trained(e5, storage, ranking_length=1, weight=1.0)
    message = _message(e5, "he says he'll post my photos", [("out_of_scope", 1.0)])
    classifier.process([message])
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == ["sextortion"]

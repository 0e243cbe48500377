"""Remember the sentence embeddings of training examples between trainings.

Embedding every training example is the largest part of a training run (about
140 of 250 seconds for 10,848 examples), yet a maintainer who edits a few
examples and retrains changes almost none of them. The encoder is deterministic
and embeds a text the same alone or in a batch, so a stored vector is exactly
the one it would compute again, and the trained model is the same.

Only training examples are stored: they are our own sentences from
training_data/. Live messages are never embedded through this cache, so no
teen's words reach the disk. The file sits beside Rasa's own training cache
(`RASA_CACHE_DIRECTORY`, default `.rasa/cache`) and, like it, is switched off by
`RASA_MAX_CACHE_SIZE=0`; deleting it only makes the next training slower.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

FILE_NAME = "nuri-embeddings.db"


def cache_path() -> Path | None:
    """Where the cache lives, or None when Rasa's training cache is switched off."""
    if os.environ.get("RASA_MAX_CACHE_SIZE", "").strip() == "0":
        return None
    return Path(os.environ.get("RASA_CACHE_DIRECTORY", ".rasa/cache")) / FILE_NAME


class EmbeddingCache:
    """Vectors keyed by the encoder's name and the exact text embedded."""

    def __init__(self, path: Path, encoder: str, dimensions: int) -> None:
        self.path = path
        self.encoder = encoder
        self.dimensions = dimensions

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.encoder}\0{text}".encode()).hexdigest()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)"
        )
        return connection

    def embed(
        self, texts: Sequence[str], compute: Callable[[list[str]], np.ndarray]
    ) -> np.ndarray:
        """Return one row per text: stored rows as they are, the rest computed
        by `compute` (in one call) and stored for the next training."""
        keys = [self._key(text) for text in texts]
        vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        connection = self._connect()
        try:
            found = self._read(connection, set(keys))
            missing = [i for i, key in enumerate(keys) if key not in found]
            for i, key in enumerate(keys):
                if key in found:
                    vectors[i] = found[key]
            if missing:
                computed = compute([texts[i] for i in missing]).astype(np.float32)
                vectors[missing] = computed
                with connection:
                    connection.executemany(
                        "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                        (
                            (keys[i], row.tobytes())
                            for i, row in zip(missing, computed, strict=True)
                        ),
                    )
        finally:
            connection.close()
        return vectors

    def _read(self, connection: sqlite3.Connection, keys: set[str]) -> dict:
        found = {}
        for key, blob in connection.execute("SELECT key, vector FROM vectors"):
            if key in keys:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (self.dimensions,):
                    found[key] = vector
        return found

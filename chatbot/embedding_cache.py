"""Remember the sentence embeddings of training examples between trainings.

Embedding every training example is the largest part of a training run (about
140 of 250 seconds for 10,848 examples), yet a maintainer who edits a few
examples and retrains changes almost none of them. The encoder is deterministic
and embeds a text the same alone or in a batch, so a stored vector is exactly
the one it would compute again, and the trained model is the same.

Only training examples are stored, under a hash of their text: they are our own
sentences from training_data/. Live messages are never embedded through this
cache, so no teen's words reach the disk. The file is `.rasa/nuri-embeddings.db`
(or `NURI_EMBEDDING_CACHE`), beside Rasa's own training cache and outside it, so
Rasa's size limit never deletes it; like Rasa's cache it is switched off by
`RASA_MAX_CACHE_SIZE=0`. Vectors no training has used for 30 days are dropped.
Deleting the file only makes the next training slower.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

DEFAULT_PATH = Path(".rasa", "nuri-embeddings.db")
KEEP_UNUSED_SECONDS = 30 * 24 * 3600
# SQLite's limit on parameters in one statement is 999 in older builds.
_CHUNK = 500


def cache_path() -> Path | None:
    """Where the cache lives, or None when training caches are switched off."""
    try:
        if float(os.environ.get("RASA_MAX_CACHE_SIZE", "1") or "1") == 0:
            return None
    except ValueError:
        pass
    configured = os.environ.get("NURI_EMBEDDING_CACHE")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    return DEFAULT_PATH


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
        try:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS vectors "
                "(key TEXT PRIMARY KEY, vector BLOB, used_at INTEGER)"
            )
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    def embed(
        self, texts: Sequence[str], compute: Callable[[list[str]], np.ndarray]
    ) -> np.ndarray:
        """Return one row per text: stored rows as they are, the rest computed
        by `compute` (in one call) and stored for the next training."""
        keys = [self._key(text) for text in texts]
        connection = self._connect()
        try:
            found = self._read(connection, sorted(set(keys)))
            missing = [i for i, key in enumerate(keys) if key not in found]
            computed = (
                compute([texts[i] for i in missing]).astype(np.float32)
                if missing
                else np.zeros((0, self.dimensions), np.float32)
            )
            vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
            for i, key in enumerate(keys):
                if key in found:
                    vectors[i] = found[key]
            vectors[missing] = computed
            self._write(connection, keys, missing, computed)
        finally:
            connection.close()
        return vectors

    def _read(self, connection: sqlite3.Connection, keys: list[str]) -> dict:
        found = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, blob in connection.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk
            ):
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (self.dimensions,):
                    found[key] = vector
        return found

    def _write(self, connection, keys, missing, computed) -> None:
        """Store new vectors, mark every key used now, forget long-unused ones.

        A failure here costs the next training time, never this one's vectors.
        """
        now = int(time.time())
        try:
            with connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                    (
                        (keys[i], row.tobytes(), now)
                        for i, row in zip(missing, computed, strict=True)
                    ),
                )
                connection.executemany(
                    "UPDATE vectors SET used_at = ? WHERE key = ?",
                    ((now, key) for key in set(keys)),
                )
                connection.execute(
                    "DELETE FROM vectors WHERE used_at < ?",
                    (now - KEEP_UNUSED_SECONDS,),
                )
        except sqlite3.Error:
            pass

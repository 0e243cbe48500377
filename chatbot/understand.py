"""Understand a message with the trained Rasa model, in this process."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from chatbot.quiet import silence_rasa

FALLBACK_INTENT = "nlu_fallback"


@dataclass(frozen=True)
class Entity:
    """An entity Rasa found, after synonym mapping (e.g. platform=instagram)."""

    entity: str
    value: str


@dataclass(frozen=True)
class Understanding:
    """What the model made of a message.

    `intent` is Rasa's top intent (`nlu_fallback` when unsure); `confidence` is
    that of the best real intent, which is what a maintainer wants to see.
    """

    intent: str
    confidence: float
    entities: tuple[Entity, ...] = ()
    best_guess: str | None = None
    # The likeliest real intents, best first, with their confidences.
    ranking: tuple[tuple[str, float], ...] = ()


class Understander:
    """A loaded Rasa model.

    Load it in each worker process, never before a fork: TensorFlow is not fork-safe.
    """

    def __init__(self, model_path: Path) -> None:
        silence_rasa()
        from rasa.core.agent import Agent

        self._agent = Agent.load(str(model_path))
        self.model_path = model_path
        # Rasa's parse is async. It runs on a loop of its own, in a thread of its
        # own, so callers need no loop and may already be inside one (Playwright,
        # an async server); the single thread also serialises TensorFlow calls.
        self._loop = asyncio.new_event_loop()
        threading.Thread(
            target=self._loop.run_forever, name="nuri-nlu", daemon=True
        ).start()

    def parse(self, text: str) -> Understanding:
        """Classify one message and extract its entities."""
        future = asyncio.run_coroutine_threadsafe(
            self._agent.parse_message(text), self._loop
        )
        return to_understanding(future.result())


@cache
def _load(resolved: Path) -> Understander:
    return Understander(resolved)


def load_understander(model_path: Path) -> Understander:
    """Return the loaded model for this file, loading it only once per process.

    A model takes tens of seconds and over a gigabyte to load, and every user of
    the same file (the web app, the CLI, the tests) can share it.
    """
    return _load(Path(model_path).resolve())


def to_understanding(data: dict) -> Understanding:
    """Read a Rasa parse result (in process or from a server) the same way."""
    intent = data.get("intent") or {}
    ranking = [
        r for r in data.get("intent_ranking") or [] if r["name"] != FALLBACK_INTENT
    ]
    best = ranking[0] if ranking else intent
    entities = tuple(
        Entity(entity=str(e["entity"]), value=str(e["value"]))
        for e in data.get("entities") or ()
    )
    return Understanding(
        intent=intent.get("name") or FALLBACK_INTENT,
        confidence=round(float(best.get("confidence") or 0.0), 4),
        entities=entities,
        best_guess=best.get("name"),
        ranking=tuple(
            (str(r["name"]), round(float(r["confidence"]), 4)) for r in ranking[:5]
        ),
    )

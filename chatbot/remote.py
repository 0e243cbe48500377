"""Understand a message with a separately run Rasa server (NURI_NLU_URL).

For deployments that scale parsing apart from the web tier: `rasa run
--enable-api` on the same model answers `POST /model/parse` with the same
result the model gives in process, read here the same way. If the server cannot
be reached, the message is treated as not understood: the crisis words still
decide (safety runs on the text, not on the model) and everything else gets the
fallback menu, never an error page.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.request
from pathlib import Path

from chatbot.understand import FALLBACK_INTENT, Understanding, to_understanding

log = logging.getLogger(__name__)
TIMEOUT = 10.0  # seconds for one parse; the widget itself waits 15


class RemoteUnderstander:
    """A Rasa server that parses messages for us."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self._failing = False
        self._lock = threading.Lock()
        status = self._call("/status")
        # The server's model file, so /healthz names the model that answers.
        self.model_path = Path(str((status or {}).get("model_file") or "remote"))

    def parse(self, text: str) -> Understanding:
        """Classify one message on the server; unreachable means not understood."""
        data = self._call("/model/parse", {"text": text})
        if data is None:
            return Understanding(intent=FALLBACK_INTENT, confidence=0.0)
        return to_understanding(data)

    def _call(self, path: str, body: dict | None = None) -> dict | None:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                data = json.load(response)
        except (OSError, ValueError) as error:
            self._report(error)
            return None
        if self._failing:
            with self._lock:
                self._failing = False
            log.warning("The NLU server %s answers again.", self.url)
        return data

    def _report(self, error: Exception) -> None:
        # Once per outage, and never the message: the error type and server only.
        with self._lock:
            if self._failing:
                return
            self._failing = True
        log.warning(
            "The NLU server %s cannot be reached (%s); messages are answered from "
            "crisis words and the menu until it answers again.",
            self.url,
            type(error).__name__,
        )

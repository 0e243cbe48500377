"""Nuri's conversation engine: understand a message, decide, respond.

This package is the path a message takes (`bot` joins `understand` → `decide` →
`content`, with `safety` first); maintainer tools live in `chatbot.maintain`.
The web layer uses only what is exported here, and this package never imports
Flask.
"""

from chatbot.bot import Bot, Context, Reply, load_bot
from chatbot.language import LANGUAGES, MAX_MESSAGE_LENGTH, REGIONS
from chatbot.model import model_path
from chatbot.paths import MODEL_DIR, TRAINING_DATA

__all__ = [
    "LANGUAGES",
    "MAX_MESSAGE_LENGTH",
    "MODEL_DIR",
    "REGIONS",
    "TRAINING_DATA",
    "Bot",
    "Context",
    "Reply",
    "load_bot",
    "model_path",
]

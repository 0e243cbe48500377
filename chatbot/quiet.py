"""Keep Rasa and TensorFlow from printing what teens write, or phoning home.

Rasa 3.6 logs every parsed message (text included) through a structlog debug
line, and structlog prints everything by default. Rasa's telemetry is on by
default. Both must be settled before `rasa` is first imported.
"""

from __future__ import annotations

import logging
import os
import warnings

_NOISY_LOGGERS = (
    "rasa",
    "tensorflow",
    "absl",
    "h5py",
    "matplotlib",
    "sanic",
    "urllib3",
)
# Keys whose values could carry a teen's words, wherever a log line comes from.
_PRIVATE_KEYS = ("text", "message", "utter", "user", "json")


def silence_rasa(level: int = logging.WARNING) -> None:
    """Turn off telemetry and keep message text out of every log stream.

    Training passes INFO: its log lines and progress bars show no user messages.
    """
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    # Rasa shows its training progress bars only when LOG_LEVEL is below WARNING.
    os.environ["LOG_LEVEL"] = logging.getLevelName(level)
    os.environ.setdefault("LOG_LEVEL_LIBRARIES", "ERROR")
    # Rasa 3.6's dependencies are old; their deprecation notices only bury real output.
    # Sanic, which Rasa imports, puts its own "once" filter for them in front of
    # every earlier one when it is first imported, so import it before ours.
    import sanic.app  # noqa: F401

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning)

    import structlog

    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            _drop_private_keys,
            structlog.processors.add_log_level,
            structlog.processors.JSONRenderer(),
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.make_filtering_bound_logger(level),
        cache_logger_on_first_use=False,
    )
    if not logging.getLogger().handlers:
        logging.basicConfig(format="%(message)s", level=logging.WARNING)
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("rasa").setLevel(level)


def _drop_private_keys(_logger, _method, event_dict: dict) -> dict:
    """Remove any value that might hold a user's message before it is rendered."""
    return {
        key: value
        for key, value in event_dict.items()
        if key == "event" or not any(word in key.lower() for word in _PRIVATE_KEYS)
    }

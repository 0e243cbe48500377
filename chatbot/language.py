"""Which language to answer in, which region's help to point to, how long a message.

The one list of what a client may ask for: the web API, the CLI, the widget (by a
test that compares its constants) and the teachers' page all take these.
"""

from __future__ import annotations

import re

LANGUAGES = ("ko", "en")
REGIONS = ("KR", "INTL", "US", "UK")
# Longer messages are refused by the API and cut off by the widget.
MAX_MESSAGE_LENGTH = 1000
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_lang(text: str, hint: str | None = None) -> str:
    """Answer in the message's language: any Hangul means Korean.

    A message with no letters at all (a button payload, "?", an emoji) keeps the
    language the page asked for.
    """
    if _HANGUL.search(text):
        return "ko"
    if _LATIN.search(_strip_payload(text)):
        return "en"
    return hint if hint in LANGUAGES else "ko"


def default_region(lang: str) -> str:
    """Korean speakers get Korean help; others get help that works anywhere."""
    return "KR" if lang == "ko" else "INTL"


def _strip_payload(text: str) -> str:
    # "/report_platform{...}" is a button, not English.
    return "" if text.startswith("/") else text

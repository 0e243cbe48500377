"""Remove what could identify someone from a message before it is stored."""

from __future__ import annotations

import re

# Order matters: URLs and e-mail addresses before handles and numbers.
_RULES = (
    (re.compile(r"\b(?:https?://|www\.)\S+", re.I), "<url>"),
    (re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), "<email>"),
    (re.compile(r"(?<![\w@])@[\w.]{2,}"), "<handle>"),
    (re.compile(r"\b\d{6}\s*-\s*\d{7}\b"), "<id-number>"),  # 주민등록번호
    (re.compile(r"(?:\+?\d[\d\s().-]{6,}\d)"), "<number>"),  # phone and account numbers
    (re.compile(r"\b[\w-]+\.(?:com|net|org|kr|io|me|co)\b(?:/\S*)?", re.I), "<url>"),
)


def scrub(text: str) -> str:
    """Replace URLs, e-mail addresses, @handles and long numbers with placeholders."""
    for pattern, placeholder in _RULES:
        text = pattern.sub(placeholder, text)
    return text

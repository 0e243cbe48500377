"""Figures of speech that carry no topic, and the message without them.

A teen who writes "my mum would literally kill me if she saw this. can i get
in trouble for having it?" asks about the law; the first sentence only says how
scared they are. The model, though, has learned that such words belong to
everyday chatter (exams, hunger, a game), which is off-topic, and so answers
the redirect or the menu. When that happens, Nuri reads the message again
without the sentences that hold a figure of speech (chatbot/bot.py). Crisis
words are always read on the whole message first (chatbot/safety.py), so
nothing here can hide a crisis.

The patterns are data, reviewed like the crisis lexicons:
training_data/figures_of_speech.yml. docs/nlu.md has the measurement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# Sentence and clause ends: punctuation, line breaks, an emoji before a space,
# a run of ㅋ/ㅎ/ㅠ/ㅜ or ;; (chat's full stops), and a Korean polite or plain
# ending before a space.
_SEGMENT_END = re.compile(
    r"(?<=[.?!。…~])\s+"
    r"|\n+"
    r"|(?<=[\U0001F300-\U0001FAFF\u2600-\u27BF])\s+"
    r"|(?<=[ㅋㅎㅠㅜ;])(?![ㅋㅎㅠㅜ;])\s*"
    r"|(?<=[요다죠음함임듯])\s+"
)
# What is left must still say something: a few letters, not just "ㅠㅠ" or "?".
_MIN_LETTERS = 6


@dataclass(frozen=True)
class Figures:
    """Per-language patterns of figures of speech; each reads its own form."""

    korean: tuple[re.Pattern, ...] = ()
    english: tuple[re.Pattern, ...] = ()

    def found_in(self, segment: str) -> bool:
        """Whether this piece of a message holds a figure of speech."""
        lower = segment.lower().replace("\u2019", "'")
        # Korean spacing is free (죽을 것 같아 / 죽을것같아).
        korean = re.sub(r"\s+", "", lower)
        return any(p.search(korean) for p in self.korean) or any(
            p.search(lower) for p in self.english
        )

    def without(self, text: str) -> str | None:
        """The message without its figures of speech, or None when it has none
        or nothing worth reading would be left."""
        segments = [s for s in _SEGMENT_END.split(text) if s and s.strip()]
        kept = [s.strip() for s in segments if not self.found_in(s)]
        if len(kept) == len(segments):
            return None
        rest = " ".join(kept)
        if sum(ch.isalpha() for ch in rest) < _MIN_LETTERS:
            return None
        return rest


def load_figures(path: Path) -> Figures:
    """Read the patterns; a file that is missing means no figures at all."""
    if not path.is_file():
        return Figures()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Figures(
        korean=tuple(re.compile(p) for p in data.get("ko") or ()),
        english=tuple(re.compile(p) for p in data.get("en") or ()),
    )

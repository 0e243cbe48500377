"""Figures of speech that carry no topic, and the message without them.

A teen who writes "my dad is literally going to murder me. can u get in trouble
for keeping a pic someone airdropped you?" asks about the law; the first
sentence only says how scared they are. The model, though, has learned that
such words belong to everyday chatter (exams, hunger, a game), which is
off-topic, and so answers the redirect or the menu. When that happens, Nuri
reads the message again without the sentences that hold a figure of speech
(chatbot/bot.py); a sentence that asks something ("?") is always kept. Crisis
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

from chatbot.language import LANGUAGES
from chatbot.safety import lexicon_form

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
# What is left must still say something: a few letters (Hangul syllables or
# Latin letters), not just "ㅋㅋㅋ" or "?".
_MIN_LETTERS = 6
_LETTER = re.compile(r"[가-힣A-Za-z]")


@dataclass(frozen=True)
class Figures:
    """Each language's patterns of figures of speech, read in that language's
    form as the crisis lexicons read it (Korean without spaces, English with '
    for ’)."""

    patterns: tuple[tuple[str, tuple[re.Pattern, ...]], ...] = ()

    def found_in(self, segment: str) -> bool:
        """Whether this piece of a message holds a figure of speech."""
        for lang, patterns in self.patterns:
            form = lexicon_form(segment, lang)
            if any(pattern.search(form) for pattern in patterns):
                return True
        return False

    def without(self, text: str) -> str | None:
        """The message without its figures of speech, or None when it has none
        or nothing worth reading would be left."""
        segments = [s for s in _SEGMENT_END.split(text) if s and s.strip()]
        # A piece that asks something is kept whatever it holds: the question
        # is what the second reading is for.
        kept = [s.strip() for s in segments if "?" in s or not self.found_in(s)]
        if len(kept) == len(segments):
            return None
        rest = " ".join(kept)
        if len(_LETTER.findall(rest)) < _MIN_LETTERS:
            return None
        return rest


def load_figures(path: Path) -> Figures:
    """Read the patterns; a file that is missing means no figures at all."""
    if not path.is_file():
        return Figures()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if unknown := set(data) - set(LANGUAGES):
        raise ValueError(f"{path}: no reading for languages {sorted(unknown)}")
    return Figures(
        tuple(
            (lang, tuple(re.compile(p) for p in data.get(lang) or ()))
            for lang in LANGUAGES
        )
    )

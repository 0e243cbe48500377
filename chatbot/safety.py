"""The crisis safety net: a reviewed lexicon that backs up the classifier.

A message about suicide, self-harm or immediate danger must get the crisis
reply even when the model is unsure, so these patterns are checked on every
message, whatever the classifier says. The lexicons are data
(training_data/safety/crisis_lexicon_*.yml), reviewed like the responses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml


def _korean_form(text: str) -> str:
    # Korean spacing is free (죽고 싶어 / 죽고싶어), so Korean patterns see none.
    return re.sub(r"\s+", "", text.lower())


def _english_form(text: str) -> str:
    # Phones type curly and other apostrophes (won’t, dad’s); the patterns use '.
    text = re.sub("[\u2018\u2019\u02bc\uff07]", "'", text.lower())
    return re.sub(r"\s+", " ", text).strip()


_FORMS = {"ko": _korean_form, "en": _english_form}


def lexicon_form(text: str, lang: str) -> str:
    """The message as a language's patterns read it (also chatbot/figures.py)."""
    return _FORMS[lang](text)


@dataclass(frozen=True)
class Lexicon:
    """Patterns for one language, hyperbole that must not count, and ordinary
    phrases that only look like crisis words ("follow me on insta")."""

    lang: str
    patterns: tuple[re.Pattern, ...]
    exceptions: tuple[re.Pattern, ...]
    ordinary: tuple[re.Pattern, ...] = ()

    def read(self, text: str) -> tuple[bool, bool]:
        """Tell whether the message, ordinary phrases removed, hits a crisis
        pattern outside its figures of speech, and whether it used one.

        A hit is excused only if it lies wholly inside a figure of speech: deleting
        the figure first would also lose a hit that merely overlaps it ("사진
        퍼지면 진짜 죽고싶다ㅋㅋ" is a threat of exposure, whatever the laugh).
        """
        form = _FORMS[self.lang](text)
        for phrase in self.ordinary:
            form = phrase.sub(" ", form)
        excused = [
            match.span()
            for exception in self.exceptions
            for match in exception.finditer(form)
        ]
        crisis = any(_hits_outside(pattern, form, excused) for pattern in self.patterns)
        return crisis, bool(excused)


def _hits_outside(
    pattern: re.Pattern, form: str, excused: list[tuple[int, int]]
) -> bool:
    """Whether the pattern matches somewhere not wholly inside an excused span."""
    start = 0
    while (match := pattern.search(form, start)) is not None:
        # `match.end() > begin`: a zero-width hit where a span begins (a pattern
        # of look-aheads anchored at the start, which reads the whole message)
        # is not inside that span, so a figure of speech never excuses it.
        inside = any(
            begin <= match.start() and match.end() <= end and match.end() > begin
            for begin, end in excused
        )
        if not inside:
            return True
        start = match.start() + 1
    return False


def load_lexicons(directory: Path) -> tuple[Lexicon, ...]:
    """Read crisis_lexicon_<lang>.yml for each language in the directory."""
    lexicons = []
    for path in sorted(directory.glob("crisis_lexicon_*.yml")):
        lang = path.stem.rsplit("_", 1)[-1]
        if lang not in _FORMS:
            raise ValueError(f"{path}: no normalisation for language {lang!r}")
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lexicons.append(
            Lexicon(
                lang=lang,
                patterns=tuple(re.compile(p) for p in data.get("patterns") or ()),
                exceptions=tuple(re.compile(p) for p in data.get("exceptions") or ()),
                ordinary=tuple(re.compile(p) for p in data.get("ordinary") or ()),
            )
        )
    return tuple(lexicons)


def read_crisis_words(text: str, lexicons: tuple[Lexicon, ...]) -> tuple[bool, bool]:
    """Read the message once with every language's lexicon (teens mix them).

    Returns (crisis words, crisis words used as a figure of speech).
    """
    readings = [lexicon.read(text) for lexicon in lexicons]
    return any(c for c, _ in readings), any(h for _, h in readings)


def is_crisis(text: str, lexicons: tuple[Lexicon, ...]) -> bool:
    """Check the message against every language's lexicon."""
    return read_crisis_words(text, lexicons)[0]

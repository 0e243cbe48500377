"""Read intent examples from Rasa NLU files without importing Rasa."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

# Rasa's inline entity annotation: [text](entity) or [text]{"entity": ...}
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def read_examples(paths: list[Path]) -> list[tuple[str, str, Path]]:
    """Return (intent, example text, file) for every intent example in the files."""
    found = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or ():
            if "intent" not in block:
                continue
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.append(
                        (block["intent"], _ANNOTATION.sub(r"\1", line[2:]), path)
                    )
    return found


def normalise(text: str) -> str:
    """Fold case and spacing, so near-identical examples count as the same."""
    return re.sub(r"\s+", " ", text.lower()).strip(" ?!.~")

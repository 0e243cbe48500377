"""Turn what Nuri could not answer into a draft nlu.yml a maintainer labels.

Messages are grouped by similarity (character trigrams, which work for Korean
and English alike without a tokenizer), each group with Nuri's two best guesses.
Only text the log already holds is used, and it was scrubbed before it was stored.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

import sqlite_utils

from web.log import UNANSWERED, UNSURE_BELOW

# Two messages sharing this much of their trigrams are the same question.
SIMILAR = 0.45
LABEL = "TODO_label"


@dataclass
class Group:
    """Similar unanswered messages and what Nuri guessed for them."""

    texts: list[str] = field(default_factory=list)
    grams: list[set[str]] = field(default_factory=list)
    # Per guessed intent: how often it was guessed, and its summed confidence.
    seen: Counter = field(default_factory=Counter)
    confidence: Counter = field(default_factory=Counter)

    def best_guesses(self, n: int = 2) -> list[tuple[str, float]]:
        """The guesses with the most summed confidence, with their mean."""
        return [
            (intent, round(total / self.seen[intent], 2))
            for intent, total in self.confidence.most_common(n)
        ]


def trigrams(text: str) -> set[str]:
    """Character trigrams of a message, lower-cased, spaces collapsed."""
    text = " " + " ".join(text.lower().split()) + " "
    return {text[i : i + 3] for i in range(len(text) - 2)}


def similarity(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two trigram sets."""
    return len(a & b) / len(a | b) if a and b else 0.0


def fetch(db: sqlite_utils.Database, since: str) -> list[dict]:
    """Stored unanswered turns since a day: text and the two best guesses."""
    return list(
        db.query(
            "select text, top_intent, top_confidence, second_intent, second_confidence "
            "from turns where text is not null and at >= :since and response != "
            "'crisis' and (response in (:a, :b) or top_confidence < :unsure) "
            "order by at, id",
            {
                "since": since,
                "a": UNANSWERED[0],
                "b": UNANSWERED[1],
                "unsure": UNSURE_BELOW,
            },
        )
    )


def group(rows: list[dict]) -> list[Group]:
    """Put each message in the first group it resembles; biggest groups first."""
    groups: list[Group] = []
    for row in rows:
        text = " ".join(row["text"].split())
        grams = trigrams(text)
        home = next(
            (
                g
                for g in groups
                if max(similarity(grams, o) for o in g.grams) >= SIMILAR
            ),
            None,
        )
        if home is None:
            home = Group()
            groups.append(home)
        if text not in home.texts:
            home.texts.append(text)
            home.grams.append(grams)
        for intent, confidence in (
            (row["top_intent"], row["top_confidence"]),
            (row["second_intent"], row["second_confidence"]),
        ):
            if intent:
                home.seen[intent] += 1
                home.confidence[intent] += confidence or 0.0
    return sorted(groups, key=lambda g: -len(g.texts))


def as_rasa(groups: list[Group]) -> str:
    """A draft nlu.yml: one block per group, its intent left for a person to label."""
    lines = [
        'version: "3.1"',
        "# Draft from `flask --app web nuri unanswered`: replace each "
        f"{LABEL} with an intent",
        "# from domain.yml (or delete the block), then move the examples into",
        "# training_data/data/nlu/<lang>/ and run make validate.",
        "nlu:",
    ]
    for g in groups:
        guesses = ", ".join(f"{i} ({c})" for i, c in g.best_guesses()) or "none"
        lines.append(f"# {len(g.texts)} message(s); Nuri's best guesses: {guesses}")
        lines.append(f"- intent: {LABEL}")
        lines.append("  examples: |")
        lines.extend(f"    - {_example(t)}" for t in g.texts)
    return "\n".join(lines) + "\n"


def as_csv(groups: list[Group]) -> str:
    """One row per message with its group and the group's two best guesses."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["group", "text", "guess_1", "confidence_1", "guess_2", "confidence_2"]
    )
    for number, g in enumerate(groups, 1):
        guesses = [x for pair in g.best_guesses() for x in pair]
        guesses += [""] * (4 - len(guesses))
        for text in g.texts:
            writer.writerow([number, text, *guesses])
    return out.getvalue()


def _example(text: str) -> str:
    # Square brackets would read as Rasa entity annotations.
    return text.replace("[", "(").replace("]", ")")

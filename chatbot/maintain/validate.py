"""Nuri's own content checks, run by `make validate` after `rasa data validate`.

Rasa checks its own files; these check what only Nuri knows: every intent is
answered in both languages, every number and URL a teen reads is backed by a
sourced, dated fact, and no example is filed under two intents.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from pathlib import Path

from chatbot.content import Content, domain_intents, load_content
from chatbot.maintain.check_responses import (
    check_buttons,
    check_responses,
    check_text,
    check_topics,
)
from chatbot.maintain.examples import normalise, read_examples

FACT_FIELDS = ("says", "values", "title", "source", "reviewed", "mark")
WIDGET = Path(__file__).resolve().parents[2] / "web" / "static" / "widget.js"


def validate_all(training_data: Path) -> list[str]:
    """Return every problem found, as sentences a maintainer can act on."""
    content = load_content(training_data)
    intents = set(domain_intents(training_data))
    problems = check_facts(content)
    problems += check_responses(content, intents)
    problems += check_buttons(content)
    problems += check_topics(content, intents)
    problems += check_widget(content)
    problems += check_examples(training_data, intents)
    return problems


def check_facts(content: Content) -> list[str]:
    """Every fact has a source URL, a review date, a mark and values."""
    problems = []
    for fact_id, fact in content.facts.items():
        # A fact that states no number or URL has empty values; the key is still there.
        missing = [
            name
            for name in FACT_FIELDS
            if name not in fact or (name != "values" and not fact[name])
        ]
        if missing:
            problems.append(f"fact {fact_id}: missing {', '.join(missing)}")
            continue
        if not str(fact["source"]).startswith("https://"):
            problems.append(f"fact {fact_id}: source must be an https:// URL")
        if not isinstance(fact["reviewed"], datetime.date):
            problems.append(f"fact {fact_id}: reviewed must be a date (YYYY-MM-DD)")
        if fact["mark"] not in ("OK", "CHECK"):
            problems.append(
                f"fact {fact_id}: mark must be OK or CHECK (DON'T facts stay out)"
            )
    return problems


def check_widget(content: Content, widget: Path = WIDGET) -> list[str]:
    """The widget's offline hotlines are facts too, named in a `// facts:` line."""
    source = widget.read_text(encoding="utf-8")
    match = re.search(
        r"// facts: ([\w, ]+)\n\s*const OFFLINE_HELP = \{(.*?)\n  \};", source, re.S
    )
    if not match:
        return [f"{widget.name}: no `// facts: …` line above const OFFLINE_HELP"]
    fact_ids = [f.strip() for f in match.group(1).split(",") if f.strip()]
    problems = [
        f"{widget.name}: unknown fact {f!r}" for f in fact_ids if f not in content.facts
    ]
    backed = [
        str(value)
        for fact_id in fact_ids
        if fact_id in content.facts
        for value in content.facts[fact_id]["values"]
    ]
    for text in re.findall(r'"([^"]*)"', match.group(2)):
        problems += check_text(f"{widget.name} OFFLINE_HELP", "", text, backed)
    return problems


def check_examples(training_data: Path, intents: set[str]) -> list[str]:
    """No example under two intents; no test example seen in training; intents known."""
    problems = []
    training = read_examples(sorted((training_data / "data").rglob("*.yml")))
    tests = read_examples(sorted((training_data / "tests").glob("*.yml")))
    owners: dict[str, set[str]] = defaultdict(set)
    for intent, text, path in training:
        owners[normalise(text)].add(intent)
        if intent not in intents:
            problems.append(f"{path.name}: intent {intent!r} is not in domain.yml")
    for text, found in sorted(owners.items()):
        if len(found) > 1:
            problems.append(
                f"example {text!r} is under {len(found)} intents: {sorted(found)}"
            )
    for intent, text, path in tests:
        if normalise(text) in owners:
            problems.append(
                f"{path.name}: test example {text!r} is also in the training data"
            )
        if intent not in intents:
            problems.append(f"{path.name}: intent {intent!r} is not in domain.yml")
    return problems

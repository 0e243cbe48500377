"""What Nuri says: responses and the facts behind them, read from YAML.

Maintainers edit training_data/responses/*.yml and training_data/facts.yml
without touching Python. A response key (an intent, `fallback`, `welcome`)
holds variants; the first variant whose `when` conditions all match the
conversation (region, platform, age) is said, in the reply's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Button:
    """A quick reply: the title is shown, the payload is sent back as the message."""

    title: str
    payload: str


@dataclass(frozen=True)
class Source:
    """Where a fact in the answer comes from."""

    title: str
    url: str


@dataclass(frozen=True)
class Message:
    """One chat bubble."""

    text: str
    buttons: tuple[Button, ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Content:
    """All responses and facts, as loaded from the content directory."""

    responses: dict[str, list[dict]]
    facts: dict[str, dict]
    files: dict[str, Path] = field(default_factory=dict)
    # A short label per intent and language, for buttons that offer a topic.
    topics: dict[str, dict[str, str]] = field(default_factory=dict)

    def choose_variant(self, key: str, conditions: dict[str, str]) -> dict:
        """Return the first variant of `key` whose `when` matches the conditions."""
        for variant in self.responses[key]:
            if _matches(variant.get("when") or {}, conditions):
                return variant
        raise LookupError(f"response {key!r} has no variant for {conditions}")

    def render(self, key: str, lang: str, conditions: dict[str, str]) -> list[Message]:
        """Build the bubbles for a response; buttons and sources go on the last one."""
        variant = self.choose_variant(key, conditions)
        texts = variant[lang]
        buttons = tuple(
            Button(title=button[lang], payload=button["payload"])
            for button in variant.get("buttons") or ()
        )
        sources = self.sources_for(variant)
        last = len(texts) - 1
        return [
            Message(
                text=text,
                buttons=buttons if i == last else (),
                sources=sources if i == last else (),
            )
            for i, text in enumerate(texts)
        ]

    def sources_for(self, variant: dict) -> tuple[Source, ...]:
        """Resolve a variant's fact ids to unique sources, in order."""
        seen: dict[str, Source] = {}
        for fact_id in variant.get("sources") or ():
            fact = self.facts[fact_id]
            seen.setdefault(fact["source"], Source(fact["title"], fact["source"]))
        return tuple(seen.values())


def _matches(when: dict, conditions: dict[str, str]) -> bool:
    for key, wanted in when.items():
        allowed = wanted if isinstance(wanted, list) else [wanted]
        value = conditions.get(key)
        if value is None or value.lower() not in {str(a).lower() for a in allowed}:
            return False
    return True


def load_content(directory: Path) -> Content:
    """Read facts.yml and every responses/*.yml under the training data directory."""
    facts = _read_yaml(directory / "facts.yml").get("facts") or {}
    responses: dict[str, list[dict]] = {}
    files: dict[str, Path] = {}
    for path in sorted((directory / "responses").glob("*.yml")):
        for key, variants in (_read_yaml(path).get("responses") or {}).items():
            if key in responses:
                raise ValueError(f"{path}: response {key!r} already in {files[key]}")
            responses[key] = variants
            files[key] = path
    topics = _read_yaml(directory / "topics.yml").get("topics") or {}
    return Content(responses=responses, facts=facts, files=files, topics=topics)


def domain_intents(directory: Path) -> frozenset[str]:
    """Read the intents listed in the Rasa domain."""
    return frozenset(_read_yaml(directory / "domain.yml").get("intents") or ())


def _read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file) or {}

"""Choose which response a message gets. Safety comes before the classifier."""

from __future__ import annotations

from chatbot.understand import FALLBACK_INTENT, Understanding

CRISIS = "crisis"
FALLBACK = "fallback"
WELCOME = "welcome"
# Conditions a response variant may ask about, taken from the message's entities.
ENTITY_CONDITIONS = ("platform", "age", "audience")


def choose_response(
    understanding: Understanding, crisis: bool, known: set[str] | frozenset[str]
) -> str:
    """Return the response key: crisis first, then the intent, else the fallback."""
    if crisis or understanding.intent == CRISIS:
        return CRISIS
    if understanding.intent != FALLBACK_INTENT and understanding.intent in known:
        return understanding.intent
    return FALLBACK


def conditions_for(understanding: Understanding, region: str) -> dict[str, str]:
    """Collect what response variants may depend on: region, platform, age."""
    conditions = {"region": region}
    for entity in understanding.entities:
        if entity.entity in ENTITY_CONDITIONS:
            conditions.setdefault(entity.entity, entity.value.lower())
    return conditions

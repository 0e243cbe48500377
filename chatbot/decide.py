"""Choose which response a message gets. Safety comes before the classifier.

Besides one answer, Nuri may ask "do you mean …?" when the model is unsure
(Rasa's two-stage fallback idea, decided here), offer a button for a second
topic the message raised, and put a short check-in before an answer when a
message uses crisis words as a figure of speech.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from chatbot.understand import FALLBACK_INTENT, Understanding

CRISIS = "crisis"
FALLBACK = "fallback"
CLARIFY = "clarify"
WELCOME = "welcome"
OFF_TOPIC = "out_of_scope"
# Conditions a response variant may ask about, taken from the message's entities.
ENTITY_CONDITIONS = ("platform", "age", "audience")
# A parent's or teacher's words for a child in their care ("my 14 year old",
# "중2 딸이"): the writer is an adult helping a young person.
HELPER_ENTITY = "helper"
ADULT = "adult"
# Intents never offered as a topic: they are not what a worried teen came for.
NOT_TOPICS = frozenset(
    {CRISIS, OFF_TOPIC, "greet", "goodbye", "thanks", "bot_identity", "help_menu"}
)
# Below the fallback threshold, a topic this likely is worth offering.
CLARIFY_MIN = 0.12
CLARIFY_MAX_TOPICS = 3
# A second topic as likely as one worth offering in a question back gets a
# button beside the main answer (chatbot/respond.py decides which button makes
# room): on the development set, the right answer one tap away rose from
# 0.86-0.94 to 0.90-0.96 of questions (0.2 before; docs/nlu.md, 12-03g).
SECOND_TOPIC_MIN = CLARIFY_MIN
# Beside the crisis reply, only a practical question the model is surer of gets
# a button: a teen in crisis should not have to read past weak guesses.
CRISIS_QUESTION_MIN = 0.2
# A figure of speech ("I'd die of shame") is answered, not treated as a crisis,
# only when the model is this sure what the question is.
QUESTION_BEHIND_HYPERBOLE_MIN = 0.25
# The model suspects a crisis even below its fallback threshold, or second to
# another topic: a missed crisis costs more than a false alarm (docs/nlu.md).
# Tuned for recall 1.0 on the real crisis messages in benchmarks/real/.
CRISIS_SUSPECTED_MIN = 0.22
# When the model finds a practical question likelier than the crisis it suspects
# together with distress (no crisis words), the question is answered behind the
# check-in and its "I'm not OK" button instead of being replaced by the crisis
# reply: victims' stories with a clear question lost their answer that way, while
# every crisis message the model caught on the development set had crisis on top.
# Distress is the crisis reply's closest neighbour: it counts on the crisis side
# and is never the question that wins.
CRISIS_NEIGHBOURS = frozenset({"emotional_support"})
# A figure of speech does not outweigh a model this sure of a crisis.
CRISIS_CERTAIN = 0.5


@dataclass(frozen=True)
class Decision:
    """Which response to give, and what to add to it."""

    response: str
    offered: tuple[str, ...] = ()  # topics for a clarifying question
    second: str | None = None  # another topic the message raised
    check_in: bool = False  # hyperbole: a short check-in before the answer


def decide(
    understanding: Understanding,
    crisis_words: bool,
    hyperbole: bool,
    known: set[str] | frozenset[str],
) -> Decision:
    """Crisis words first; then the classifier; then a question back; else the menu.

    Whatever is answered short of the crisis reply, crisis words used as a figure
    of speech ("I'd die of shame") add the check-in before it.
    """
    if crisis_words:
        return _crisis(understanding, known)
    decision = _decide(understanding, hyperbole, known)
    if hyperbole and decision.response != CRISIS:
        return replace(decision, check_in=True)
    return decision


def _decide(
    understanding: Understanding,
    hyperbole: bool,
    known: set[str] | frozenset[str],
) -> Decision:
    topics = _topics(understanding, known)
    ranking = dict(understanding.ranking)
    crisis = ranking.get(CRISIS, 0.0)
    # A crisis the model ranks first is never left to the menu, however unsure.
    on_top = CRISIS in (understanding.intent, understanding.best_guess)
    if on_top or crisis >= CRISIS_SUSPECTED_MIN:
        # Distress counts on the crisis side and is never the question that wins.
        side = crisis + sum(ranking.get(n, 0.0) for n in CRISIS_NEIGHBOURS)
        question = next((t for t in topics if t[0] not in CRISIS_NEIGHBOURS), None)
        if question is None or question[1] < QUESTION_BEHIND_HYPERBOLE_MIN:
            return _crisis(understanding, known)
        # "Die of embarrassment" plus a real question: answer it, and check in,
        # unless the model is sure of a crisis that outranks the question.
        sure = side >= CRISIS_CERTAIN and side > question[1]
        if (hyperbole and not sure) or question[1] > side:
            return Decision(question[0], check_in=True)
        return _crisis(understanding, known)
    intent = understanding.intent
    if intent != FALLBACK_INTENT and intent in known:
        # Off-topic is the largest class the model learns, and it takes in some
        # victims' stories (docs/nlu.md, 12-03d): its redirect, like an answer,
        # offers a topic the model also sees, so it is one tap away.
        if intent in NOT_TOPICS and intent != OFF_TOPIC:
            return Decision(intent)
        return Decision(intent, second=_second_topic(topics, intent))
    if understanding.best_guess == OFF_TOPIC:
        # The menu, like the redirect, offers a topic the model also sees.
        return Decision(FALLBACK, second=_second_topic(topics, OFF_TOPIC))
    offered = tuple(
        intent for intent, confidence in topics if confidence >= CLARIFY_MIN
    )[:CLARIFY_MAX_TOPICS]
    return Decision(CLARIFY, offered=offered) if offered else Decision(FALLBACK)


def _second_topic(topics: list[tuple[str, float]], answered: str) -> str | None:
    """Another topic the model finds likely enough to offer beside the answer."""
    return next(
        (
            other
            for other, confidence in topics
            if other != answered and confidence >= SECOND_TOPIC_MIN
        ),
        None,
    )


def _crisis(understanding: Understanding, known: set[str] | frozenset[str]) -> Decision:
    """The crisis reply, with a button for the practical question the message
    also raised, if the model sees one: a victim's story read as a crisis is then
    one tap from its answer, and the crisis reply still comes first."""
    question = next(
        (
            intent
            for intent, confidence in _topics(understanding, known)
            if intent not in CRISIS_NEIGHBOURS and confidence >= CRISIS_QUESTION_MIN
        ),
        None,
    )
    return Decision(CRISIS, second=question)


def _topics(
    understanding: Understanding, known: set[str] | frozenset[str]
) -> list[tuple[str, float]]:
    """The ranked intents a teen could be offered as topics, likeliest first."""
    return [
        (intent, confidence)
        for intent, confidence in understanding.ranking
        if intent in known and intent not in NOT_TOPICS
    ]


def conditions_for(understanding: Understanding, region: str) -> dict[str, str]:
    """Collect what response variants may depend on: region, platform, age, and
    who is asking (a button's audience, or an adult if the text names a child in
    their care)."""
    conditions = {"region": region}
    for entity in understanding.entities:
        if entity.entity in ENTITY_CONDITIONS:
            conditions.setdefault(entity.entity, entity.value.lower())
    if any(entity.entity == HELPER_ENTITY for entity in understanding.entities):
        conditions.setdefault("audience", ADULT)
    return conditions

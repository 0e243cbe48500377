"""Build the bubbles for a decision: the answer, plus what the decision adds.

A clarifying question lists the likeliest topics as buttons; a second topic
becomes one more button; a check-in bubble goes before an answer to a message
that used crisis words as a figure of speech; and an answer written to the young
person in the image starts with a line for the adult, when a parent or teacher
asked.
"""

from __future__ import annotations

from dataclasses import replace

from chatbot.content import Button, Content, Message
from chatbot.decide import ADULT, CLARIFY, CRISIS, Decision

CHECK_IN = "check_in"
# Said to a parent or teacher before an answer written to the young person in
# the image or to the one who made it; its variants say which (`answer_for`).
FOR_ADULTS = "for_adults"
YOUNG_PEOPLE = ("victim", "doer")
MAX_BUTTONS = 4
# Buttons a second topic never displaces: the crisis reply (for oneself or a
# friend) and a real person. They are how a teen who is worse off than the
# answer assumed gets help; a second topic is only the model's guess.
NEVER_DISPLACED = frozenset({CRISIS, "human_help"})


def compose(
    content: Content, decision: Decision, lang: str, conditions: dict[str, str]
) -> list[Message]:
    """Render the decided response and add its topic buttons and check-in."""
    messages = content.render(decision.response, lang, conditions)
    if decision.response == CLARIFY:
        topics = [topic_button(content, t, lang) for t in decision.offered]
        messages = _with_buttons(messages, topics)
    if decision.second:
        messages = _with_second_topic(
            messages, topic_button(content, decision.second, lang), decision.response
        )
    written_to = _young_person_an_adult_asks_about(content, decision, conditions)
    if written_to:
        lead_in = {**conditions, "answer_for": written_to}
        messages = content.render(FOR_ADULTS, lang, lead_in) + messages
    if decision.check_in:
        messages = content.render(CHECK_IN, lang, conditions) + messages
    return messages


def _young_person_an_adult_asks_about(
    content: Content, decision: Decision, conditions: dict[str, str]
) -> str | None:
    """Whom the answer speaks to ("victim" or "doer"), when a parent or teacher
    asked and the answer is written to the young person ("you did nothing wrong",
    "delete every copy"); else None.

    The crisis reply is never delayed by a line before it, and a check-in keeps
    its place: a reply stays at three bubbles at most.
    """
    if (
        conditions.get("audience") != ADULT
        or decision.response == CRISIS
        or decision.check_in
    ):
        return None
    written_for = content.choose_variant(decision.response, conditions).get("for")
    return written_for if written_for in YOUNG_PEOPLE else None


def topic_button(content: Content, intent: str, lang: str) -> Button:
    """A button that asks for an intent's answer, titled in the reply's language."""
    return Button(title=content.topics[intent][lang], payload=f"/{intent}")


def _with_buttons(messages: list[Message], extra: list[Button]) -> list[Message]:
    """Put topic buttons before the last bubble's own (a question back's topics)."""
    last = messages[-1]
    have = {intent_of(button) for button in last.buttons}
    new = tuple(button for button in extra if intent_of(button) not in have)
    buttons = (new + last.buttons)[:MAX_BUTTONS]
    return [*messages[:-1], replace(last, buttons=buttons)]


def _with_second_topic(
    messages: list[Message], second: Button, answered: str
) -> list[Message]:
    """Add the second topic's button last.

    A second topic matters more than the answer's last suggestion of another
    topic, but never more than a way to a person or the crisis reply, nor than
    the answer's own choices (the app to report on): then the button is left out.
    """
    last = messages[-1]
    if intent_of(second) in {intent_of(button) for button in last.buttons}:
        return messages
    keep = list(last.buttons)
    if len(keep) >= MAX_BUTTONS:
        others = [
            button
            for button in keep
            if intent_of(button) not in NEVER_DISPLACED | {answered}
        ]
        if not others:
            return messages
        keep.remove(others[-1])
    return [*messages[:-1], replace(last, buttons=(*keep, second))]


def intent_of(button: Button) -> str:
    """The intent a button asks for ('/crisis{"audience":"friend"}' → crisis)."""
    return button.payload.removeprefix("/").split("{", 1)[0]

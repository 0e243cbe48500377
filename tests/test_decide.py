"""Which response a message gets: safety first, then the intent, else fallback."""

import pytest

from chatbot.decide import choose_response, conditions_for
from chatbot.understand import Entity, Understanding

KNOWN = {"greet", "report_platform", "crisis", "out_of_scope"}


@pytest.mark.parametrize(
    ("intent", "confidence", "lexicon", "expected"),
    [
        ("greet", 0.99, False, "greet"),
        ("greet", 0.99, True, "crisis"),
        ("nlu_fallback", 0.2, True, "crisis"),
        ("crisis", 0.6, False, "crisis"),
        ("nlu_fallback", 0.3, False, "fallback"),
        ("out_of_scope", 0.9, False, "out_of_scope"),
        ("unknown_intent", 1.0, False, "fallback"),
    ],
    ids=[
        "intent",
        "lexicon-beats-classifier",
        "lexicon-beats-fallback",
        "classifier-crisis",
        "low-confidence",
        "out-of-scope",
        "unanswered-intent",
    ],
)
def test_choose_response(intent, confidence, lexicon, expected):
    assert (
        choose_response(Understanding(intent, confidence), lexicon, KNOWN) == expected
    )


def test_conditions_come_from_region_and_entities():
    understanding = Understanding(
        "report_platform", 0.9, (Entity("platform", "Instagram"), Entity("other", "x"))
    )
    assert conditions_for(understanding, "KR") == {
        "region": "KR",
        "platform": "instagram",
    }

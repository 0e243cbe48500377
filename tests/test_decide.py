"""Which response a message gets: safety first, then the intent, a question back
when unsure, else the menu."""

import pytest

from chatbot.content import load_content
from chatbot.decide import Decision, conditions_for, decide
from chatbot.paths import TRAINING_DATA
from chatbot.respond import compose
from chatbot.understand import Entity, Understanding

KNOWN = {
    "greet",
    "report_platform",
    "takedown_services",
    "sextortion",
    "crisis",
    "out_of_scope",
    "emotional_support",
}


def understood(intent, confidence, *ranking):
    return Understanding(
        intent,
        confidence,
        best_guess=ranking[0][0] if ranking else intent,
        ranking=tuple(ranking),
    )


@pytest.mark.parametrize(
    ("understanding", "crisis_words", "hyperbole", "expected"),
    [
        (understood("greet", 0.99, ("greet", 0.99)), False, False, Decision("greet")),
        (understood("greet", 0.99, ("greet", 0.99)), True, False, Decision("crisis")),
        (understood("nlu_fallback", 0.2), True, False, Decision("crisis")),
        (
            understood("sextortion", 0.7, ("sextortion", 0.7), ("crisis", 0.2)),
            True,
            False,
            Decision("crisis", second="sextortion"),
        ),
        (
            understood("emotional_support", 0.7, ("emotional_support", 0.7)),
            True,
            False,
            Decision("crisis"),
        ),
        (understood("crisis", 0.6, ("crisis", 0.6)), False, False, Decision("crisis")),
        (
            understood("crisis", 0.45, ("crisis", 0.45), ("takedown_services", 0.4)),
            False,
            True,
            Decision("takedown_services", check_in=True),
        ),
        (
            understood("crisis", 0.6, ("crisis", 0.6), ("takedown_services", 0.3)),
            False,
            True,
            Decision("crisis", second="takedown_services"),
        ),
        (
            understood("crisis", 0.8, ("crisis", 0.8), ("takedown_services", 0.1)),
            False,
            True,
            Decision("crisis"),
        ),
        (
            understood(
                "nlu_fallback",
                0.4,
                ("sextortion", 0.4),
                ("takedown_services", 0.3),
                ("greet", 0.2),
                ("report_platform", 0.05),
            ),
            False,
            False,
            Decision("clarify", offered=("sextortion", "takedown_services")),
        ),
        (
            understood("nlu_fallback", 0.3, ("out_of_scope", 0.3), ("sextortion", 0.2)),
            False,
            False,
            Decision("fallback"),
        ),
        (understood("nlu_fallback", 0.3), False, False, Decision("fallback")),
        (
            understood(
                "sextortion", 0.6, ("sextortion", 0.6), ("takedown_services", 0.3)
            ),
            False,
            False,
            Decision("sextortion", second="takedown_services"),
        ),
        (
            understood("out_of_scope", 0.9, ("out_of_scope", 0.9)),
            False,
            False,
            Decision("out_of_scope"),
        ),
        (understood("unknown_intent", 1.0), False, False, Decision("fallback")),
        (
            understood(
                "nlu_fallback", 0.4, ("emotional_support", 0.4), ("crisis", 0.35)
            ),
            False,
            False,
            Decision("crisis"),
        ),
        (
            understood("nlu_fallback", 0.28, ("crisis", 0.28), ("sextortion", 0.2)),
            False,
            False,
            Decision("crisis", second="sextortion"),
        ),
        (
            understood("nlu_fallback", 0.2, ("crisis", 0.2), ("sextortion", 0.15)),
            False,
            False,
            Decision("crisis"),
        ),
        (
            understood("nlu_fallback", 0.2, ("crisis", 0.2), ("sextortion", 0.15)),
            False,
            True,
            Decision("crisis"),
        ),
        (
            understood("sextortion", 0.5, ("sextortion", 0.5), ("crisis", 0.3)),
            False,
            False,
            Decision("sextortion", check_in=True),
        ),
        (
            understood("nlu_fallback", 0.24, ("sextortion", 0.24), ("crisis", 0.23)),
            False,
            False,
            Decision("crisis", second="sextortion"),
        ),
        (
            understood(
                "sextortion",
                0.3,
                ("sextortion", 0.3),
                ("crisis", 0.25),
                ("emotional_support", 0.2),
            ),
            False,
            False,
            Decision("crisis", second="sextortion"),
        ),
        (
            understood("sextortion", 0.7, ("sextortion", 0.7)),
            False,
            True,
            Decision("sextortion", check_in=True),
        ),
        (
            understood("greet", 0.9, ("greet", 0.9)),
            False,
            True,
            Decision("greet", check_in=True),
        ),
        (
            understood("nlu_fallback", 0.2, ("out_of_scope", 0.2)),
            False,
            True,
            Decision("fallback", check_in=True),
        ),
        (
            understood(
                "crisis",
                0.45,
                ("crisis", 0.45),
                ("emotional_support", 0.3),
                ("takedown_services", 0.25),
            ),
            False,
            True,
            Decision("crisis", second="takedown_services"),
        ),
    ],
    ids=[
        "intent",
        "crisis-words-beat-classifier",
        "crisis-words-beat-fallback",
        "crisis-words-beside-a-question-offer-it-as-a-button",
        "crisis-words-beside-distress-offer-nothing-more",
        "classifier-crisis",
        "hyperbole-with-a-question-is-answered-with-a-check-in",
        "hyperbole-does-not-outweigh-a-sure-crisis",
        "hyperbole-without-a-clear-question-stays-crisis",
        "unsure-asks-do-you-mean",
        "unsure-and-off-topic-gets-the-menu",
        "no-idea-gets-the-menu",
        "two-topics-get-a-second-button",
        "out-of-scope",
        "unanswered-intent",
        "suspected-crisis-second-to-distress-is-a-crisis",
        "suspected-crisis-on-top-below-the-threshold-is-a-crisis",
        "crisis-on-top-below-every-threshold-is-still-a-crisis",
        "crisis-on-top-below-every-threshold-beside-hyperbole-too",
        "a-likelier-clear-question-is-answered-with-a-check-in",
        "a-likelier-but-unclear-question-leaves-the-crisis-reply",
        "a-question-must-outweigh-crisis-and-distress-together",
        "hyperbole-beside-any-topic-answer-gets-the-check-in",
        "hyperbole-beside-a-greeting-gets-the-check-in",
        "hyperbole-beside-the-menu-gets-the-check-in",
        "hyperbole-does-not-outweigh-crisis-and-distress-together",
    ],
)
def test_decide(understanding, crisis_words, hyperbole, expected):
    assert decide(understanding, crisis_words, hyperbole, KNOWN) == expected


def test_conditions_come_from_region_and_entities():
    understanding = Understanding(
        "report_platform", 0.9, (Entity("platform", "Instagram"), Entity("other", "x"))
    )
    assert conditions_for(understanding, "KR") == {
        "region": "KR",
        "platform": "instagram",
    }


CONTENT = load_content(TRAINING_DATA)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_clarifying_question_offers_the_topics_in_the_teens_language(lang):
    decision = Decision("clarify", offered=("sextortion", "takedown_services"))
    messages = compose(CONTENT, decision, lang, {"region": "KR"})
    buttons = messages[-1].buttons
    assert [b.payload for b in buttons] == [
        "/sextortion",
        "/takedown_services",
        "/help_menu",
    ]
    assert buttons[0].title == CONTENT.topics["sextortion"][lang]


def test_a_second_topic_adds_its_button_and_a_check_in_comes_first():
    decision = Decision("sextortion", second="report_platform", check_in=True)
    messages = compose(CONTENT, decision, "en", {"region": "KR"})
    assert messages[0].buttons[0].payload == "/crisis"  # the check-in bubble
    last = messages[-1].buttons
    assert len(last) <= 4 and last[-1].payload == "/report_platform"
    assert [b.title for b in last].count("Report it on the app") == 1


def test_a_crisis_reply_keeps_its_words_and_buttons_and_offers_the_question():
    plain = compose(CONTENT, Decision("crisis"), "ko", {"region": "KR"})
    with_question = compose(
        CONTENT, Decision("crisis", second="sextortion"), "ko", {"region": "KR"}
    )
    assert [m.text for m in with_question] == [m.text for m in plain]
    payloads = [b.payload for b in with_question[-1].buttons]
    assert payloads == [b.payload for b in plain[-1].buttons] + ["/sextortion"]

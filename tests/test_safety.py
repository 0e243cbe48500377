"""The crisis safety net never misses a crisis example, and stays quiet otherwise."""

import pytest

from chatbot.maintain.examples import read_examples
from chatbot.paths import TRAINING_DATA
from chatbot.safety import is_crisis, load_lexicons

LEXICONS = load_lexicons(TRAINING_DATA / "safety")
ALL_FILES = sorted((TRAINING_DATA / "data").rglob("*.yml")) + sorted(
    (TRAINING_DATA / "tests").glob("*.yml")
)
EXAMPLES = read_examples(ALL_FILES)


def test_both_languages_have_a_lexicon():
    assert {lexicon.lang for lexicon in LEXICONS} == {"ko", "en"}


# Crisis said without crisis words (passive wishes to disappear, goodbyes, danger
# right now: issue 11) is for the learned signal, the `crisis` intent; a lexicon
# wide enough to catch it would also catch teens' hyperbole. Every other crisis
# example must be caught by the lexicon. Such examples live in files named edges*.yml.
def learned_only(path) -> bool:
    return path.name.startswith("edges")


def test_every_crisis_example_is_caught_by_the_lexicon():
    missed = [
        text
        for intent, text, path in EXAMPLES
        if intent == "crisis"
        and not learned_only(path)
        and not is_crisis(text, LEXICONS)
    ]
    assert missed == []


def test_crisis_without_crisis_words_has_examples_in_both_languages():
    learned = {
        path.parent.name
        for intent, _, path in EXAMPLES
        if intent == "crisis" and learned_only(path)
    }
    assert learned == {"ko", "en"}


def test_no_other_example_triggers_the_lexicon():
    false_alarms = [
        (intent, text)
        for intent, text, _ in EXAMPLES
        if intent != "crisis" and is_crisis(text, LEXICONS)
    ]
    assert false_alarms == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("죽고 싶어", True),
        ("죽고싶다 진짜", True),
        ("자해했어", True),
        ("I want to kill myself", True),
        ("i wanna die", True),
        ("배고파 죽겠다", False),
        ("this homework is killing me", False),
        ("딥페이크가 뭐야", False),
        ("how do i report on instagram", False),
    ],
)
def test_lexicon_examples(text, expected):
    assert is_crisis(text, LEXICONS) is expected


@pytest.mark.parametrize(
    "text",
    [
        "죽고 싶어",
        "ㅈㄱㅅㅇ 자살하고싶다",
        "i want to kill myself",
        "I cut myself again",
        "someone is following me right now im scared",
        "사진 퍼져서 그냥 사라지고 싶어",
    ],
)
def test_crisis_reply_comes_first_whatever_the_classifier_says(bot, text):
    reply = bot.reply(text)
    assert reply.crisis and reply.intent == "crisis"
    assert "tel:" in reply.messages[0].text

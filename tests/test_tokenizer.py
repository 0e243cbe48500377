"""The Kiwi tokenizer splits Korean into morphemes and English like Rasa's own."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from chatbot.kiwi_tokenizer import KiwiTokenizer


@pytest.fixture(scope="module")
def tokenize():
    # As training_data/config.yml sets it.
    tokenizer = KiwiTokenizer(
        {**KiwiTokenizer.get_default_config(), "load_multi_dict": False}
    )

    def run(text):
        return tokenizer.tokenize(Message({"text": text}), "text")

    return run


def test_korean_particles_come_off(tokenize):
    words = [t.text for t in tokenize("딥페이크가 뭐야")]
    assert "가" in words and "딥페이크가" not in words


def test_punctuation_does_not_change_an_english_word(tokenize):
    assert [t.text for t in tokenize("what is a deepfake?")] == [
        t.text for t in tokenize("what is a deepfake")
    ]
    assert [t.text for t in tokenize("i'm scared!! pls")] == ["i'm", "scared", "pls"]


def test_tokens_keep_their_place_in_the_text(tokenize):
    text = "x/twitter 신고 어케함?"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_a_message_of_only_punctuation_still_has_a_token(tokenize):
    assert [t.text for t in tokenize("???")] == ["???"]


def test_a_long_story_keeps_its_start_and_its_question():
    tokenizer = KiwiTokenizer({**KiwiTokenizer.get_default_config(), "max_tokens": 8})
    text = "so yesterday my friend told me something and i was shocked what do i do"
    words = [t.text for t in tokenizer.tokenize(Message({"text": text}), "text")]
    assert words == ["so", "yesterday", "was", "shocked", "what", "do", "i", "do"]

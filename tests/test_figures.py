"""Figures of speech: the message read again without them, and only when it helps."""

from pathlib import Path

import pytest

from chatbot.bot import Bot, Context
from chatbot.content import domain_intents, load_content
from chatbot.figures import Figures, load_figures
from chatbot.safety import load_lexicons
from chatbot.understand import Entity, Understanding

TRAINING_DATA = Path(__file__).resolve().parent.parent / "training_data"
FIGURES = load_figures(TRAINING_DATA / "figures_of_speech.yml")


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        (
            "my dad is literally going to murder me. can u get in trouble for "
            "keeping a pic someone airdropped you?",
            "can u get in trouble for keeping a pic someone airdropped you?",
        ),
        (
            "ok i nearly had a heart attack 😭 how do i delete a snap i sent by "
            "mistake",
            "how do i delete a snap i sent by mistake",
        ),
        (
            "선생님이 알면 나 진짜 끝장임 ㅠㅠ 단톡에 올라온 사진 저장만 해도 "
            "처벌받아?",
            "ㅠㅠ 단톡에 올라온 사진 저장만 해도 처벌받아?",
        ),
        (
            "쪽팔려서 죽을 것 같아요. 제 사진 올린 계정 신고는 어떻게 해요?",
            "제 사진 올린 계정 신고는 어떻게 해요?",
        ),
        (
            "엄마한테 들키면 나 맞아죽음ㅋㅋ 영상 지워주는 데 있어?",
            "영상 지워주는 데 있어?",
        ),
    ],
    ids=["en-found-out", "en-panic", "ko-found-out", "ko-shame", "ko-beaten"],
)
def test_the_question_is_kept_and_the_figure_dropped(text, rest):
    assert FIGURES.without(text) == rest


@pytest.mark.parametrize(
    "text",
    [
        # No figure of speech at all.
        "how do i report a fake account on insta",
        "친구가 내 사진으로 합성했어 어떡해",
        # Crisis words are not figures of speech: the lexicons read those.
        "i want to die. he posted everything",
        "죽고 싶어요 사진 때문에",
        # Nothing but the figure: nothing worth reading again.
        "배고파 죽겠다",
        "im so dead lol",
    ],
    ids=["en-plain", "ko-plain", "en-crisis", "ko-crisis", "ko-only", "en-only"],
)
def test_nothing_to_read_again(text):
    assert FIGURES.without(text) is None


def test_a_missing_file_means_no_figures(tmp_path):
    figures = load_figures(tmp_path / "none.yml")
    assert figures == Figures()
    assert figures.without("my mum would kill me. how do i report it") is None


class StubUnderstander:
    """Answers each text from a table, and records what it was asked to read."""

    model_path = Path("stub.tar.gz")

    def __init__(self, table: dict[str, Understanding]) -> None:
        self.table = table
        self.read: list[str] = []

    def parse(self, text: str) -> Understanding:
        self.read.append(text)
        return self.table.get(text, understood("out_of_scope", 0.45))


def understood(intent: str, confidence: float, **more) -> Understanding:
    return Understanding(intent, confidence, ranking=((intent, confidence),), **more)


def stub_bot(table: dict[str, Understanding]) -> tuple[Bot, StubUnderstander]:
    understander = StubUnderstander(table)
    bot = Bot(
        understander,
        load_content(TRAINING_DATA),
        load_lexicons(TRAINING_DATA / "safety"),
        domain_intents(TRAINING_DATA),
        FIGURES,
    )
    return bot, understander


FOUND_OUT = "my mum would kill me if she saw it. can i get in trouble for having it?"
QUESTION = "can i get in trouble for having it?"


def test_an_off_topic_answer_is_read_again_without_the_figure():
    daughter = Entity("helper", "my daughter")
    bot, understander = stub_bot(
        {
            FOUND_OUT: understood("out_of_scope", 0.45, entities=(daughter,)),
            QUESTION: understood("legal_consequences", 0.7),
        }
    )
    reply = bot.reply(FOUND_OUT, Context(lang="en"))
    assert understander.read == [FOUND_OUT, QUESTION]
    assert reply.response == "legal_consequences"
    # What the whole message said about who is writing still counts.
    assert reply.entities == {"helper": "my daughter"}


def test_the_first_answer_stays_when_the_second_reading_finds_no_topic_either():
    bot, understander = stub_bot({FOUND_OUT: understood("out_of_scope", 0.45)})
    reply = bot.reply(FOUND_OUT, Context(lang="en"))
    assert understander.read == [FOUND_OUT, QUESTION]
    assert reply.response == "out_of_scope"


def test_a_message_the_model_is_sure_is_off_topic_is_not_read_again():
    bot, understander = stub_bot(
        {
            FOUND_OUT: understood("out_of_scope", 0.7),
            QUESTION: understood("legal_consequences", 0.7),
        }
    )
    assert bot.reply(FOUND_OUT, Context(lang="en")).response == "out_of_scope"
    assert understander.read == [FOUND_OUT]


def test_an_answered_topic_is_not_read_again():
    bot, understander = stub_bot({FOUND_OUT: understood("tell_adult", 0.6)})
    assert bot.reply(FOUND_OUT, Context(lang="en")).response == "tell_adult"
    assert understander.read == [FOUND_OUT]


def test_crisis_words_in_the_dropped_sentence_still_count():
    text = "i want to kill myself. my mum would kill me if she saw it. can i delete it"
    bot, understander = stub_bot({})
    reply = bot.reply(text, Context(lang="en"))
    assert reply.crisis
    assert understander.read == [text]


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        # The model alone reads the fear of a parent as everyday chatter.
        (
            "my dad is literally going to murder me. can u get in trouble for "
            "keeping a pic someone airdropped you?",
            {"legal_consequences", "only_watched", "bystander"},
        ),
        # Everyday chatter stays off-topic when read again.
        ("시험 망해서 진짜 죽겠다 ㅋㅋ 내일 수학 범위 어디까지야?", {"out_of_scope"}),
    ],
    ids=["en-question-answered", "ko-off-topic-stays"],
)
def test_with_the_real_model(bot, text, answers):
    reply = bot.reply(text, Context())
    assert reply.response in answers
    assert not reply.crisis

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
        "엄마가 알면 나 죽음. ㅋㅋㅋㅋㅋㅋ",
        # Literal words that only look like figures of speech carry the facts.
        "술 마시고 기절했는데 그 사이에 누가 사진 찍었어요. 신고 돼요",
        "친구가 죽었어요. 그 사진 때문인 것 같아요",
        "엄마가 폰 뒤짐. 사진 숨기는 법",
        "걔가 내 인생 망쳐버린대요. 어떻게 해요",
        "my dad had a heart attack last year and now someone is threatening to "
        "send him my pics. what do i do",
        "my daughter is freaking out because a deepfake of her is going round. "
        "how do i get it removed",
        "hes going to destroy me if i dont send more. what do i do",
        # The piece that asks is kept, even with a figure in it.
        "my friend sent me a link. i almost died when i saw it, is it illegal?",
    ],
    ids=[
        "en-plain",
        "ko-plain",
        "en-crisis",
        "ko-crisis",
        "ko-only",
        "en-only",
        "ko-only-laughter-left",
        "ko-passed-out-for-real",
        "ko-a-death",
        "ko-searched-my-phone",
        "ko-a-threat",
        "en-a-relatives-heart",
        "en-someone-elses-panic",
        "en-a-threat",
        "en-the-question-holds-the-figure",
    ],
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


FOUND_OUT = "im so dead if my mum sees this. can i get in trouble for having it?"
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


def test_a_suspected_crisis_is_never_read_again():
    suspected = Understanding(
        "out_of_scope", 0.45, ranking=(("out_of_scope", 0.45), ("crisis", 0.3))
    )
    bot, understander = stub_bot(
        {FOUND_OUT: suspected, QUESTION: understood("legal_consequences", 0.7)}
    )
    assert bot.reply(FOUND_OUT, Context(lang="en")).crisis
    assert understander.read == [FOUND_OUT]


def test_a_question_back_is_not_read_again():
    bot, understander = stub_bot(
        {
            FOUND_OUT: Understanding(
                "nlu_fallback",
                0.25,
                best_guess="legal_consequences",
                ranking=(("legal_consequences", 0.25), ("only_watched", 0.2)),
            ),
            QUESTION: understood("consent", 0.7),
        }
    )
    assert bot.reply(FOUND_OUT, Context(lang="en")).response == "clarify"
    assert understander.read == [FOUND_OUT]


def test_a_second_reading_that_is_small_talk_is_not_an_answer():
    bot, understander = stub_bot(
        {
            FOUND_OUT: understood("out_of_scope", 0.45),
            QUESTION: understood("greet", 0.9),
        }
    )
    assert bot.reply(FOUND_OUT, Context(lang="en")).response == "out_of_scope"
    assert understander.read == [FOUND_OUT, QUESTION]


def test_a_model_that_could_not_be_reached_is_not_asked_twice():
    bot, understander = stub_bot({FOUND_OUT: Understanding("nlu_fallback", 0.0)})
    assert bot.reply(FOUND_OUT, Context(lang="en")).response == "fallback"
    assert understander.read == [FOUND_OUT]


def test_the_check_in_stays_when_the_figure_is_dropped():
    # "i want to die lol" is excused as a figure of speech by the crisis lexicon,
    # so the answer comes after the check-in, on the whole message.
    text = "i want to die lol. can i get in trouble for having it?"
    bot, understander = stub_bot({QUESTION: understood("legal_consequences", 0.7)})
    reply = bot.reply(text, Context(lang="en"))
    assert understander.read == [text, QUESTION]
    assert reply.response == "legal_consequences" and not reply.crisis
    payloads = [b.payload for m in reply.messages for b in m.buttons]
    assert "/crisis" in payloads


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        # The model alone reads the fear of a parent as everyday chatter.
        (
            "my dad is literally going to murder me. can u get in trouble for "
            "keeping a pic someone airdropped you?",
            {"legal_consequences", "only_watched"},
        ),
    ],
    ids=["en-question-answered"],
)
def test_with_the_real_model(bot, text, answers):
    reply = bot.reply(text, Context())
    assert reply.response in answers
    assert not reply.crisis

"""The real Rasa model, in process: intents, entities, and where it may be called."""

import asyncio
import threading

import pytest


@pytest.mark.parametrize(
    ("text", "intent", "platform"),
    [
        ("딥페이크가 뭐야?", "what_is_deepfake", None),
        ("인스타에서 합성사진 신고 어케해", "report_platform", "instagram"),
        ("how do i report it on telegram", "report_platform", "telegram"),
        ("카톡에서 신고하는 법 알려줘", "report_platform", "kakaotalk"),
        ('/takedown_services{"age":"under18"}', "takedown_services", None),
    ],
    ids=["korean-particle", "instagram-ko", "telegram-en", "kakaotalk-ko", "payload"],
)
def test_intents_and_platforms(bot, text, intent, platform):
    understanding = bot.understander.parse(text)
    assert understanding.intent == intent
    platforms = [e.value for e in understanding.entities if e.entity == "platform"]
    assert platforms == ([platform] if platform else [])


def test_parse_works_inside_a_running_event_loop(bot):
    """As from an async server, or after Playwright has started its loop here."""
    intents = []

    async def inside_a_loop():
        intents.append(bot.reply("딥페이크가 뭐야?").intent)

    # A thread of its own, since this one may already run Playwright's loop.
    thread = threading.Thread(target=lambda: asyncio.run(inside_a_loop()))
    thread.start()
    thread.join()
    assert intents == ["what_is_deepfake"]


def test_parse_from_several_threads(bot):
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(bot.reply("hi").intent))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["greet"] * 4


ADULTS = [
    "my 13 year old just told me someone is threatening to post her photos",
    "중2 딸이 합성 사진 때문에 학교를 안 가려고 해요",
    "I’m a teacher and one of my students says a fake nude of her is going round",
    "중학교 교사입니다. 제 학생이 딥페이크 피해를 털어놨는데 어떻게 도와야 하나요",
    "Dad here. Our son got a message asking him for money or else",
]
TEENS = [
    "my 17 year old boyfriend keeps asking me for pics",
    "우리 반 애가 내 사진을 합성해서 돌렸어",
    "i told my homeroom teacher and nothing happened",
    "담임한테 말했는데 아무것도 안 해줘요",
    "someone made a deepfake of me and my mum doesn't know",
    "제 아이디로 누가 제 사진을 올렸어요",
]


@pytest.mark.parametrize(
    ("text", "adult"), [(t, True) for t in ADULTS] + [(t, False) for t in TEENS]
)
def test_the_real_model_finds_a_parents_or_teachers_words_not_a_teens(bot, text, adult):
    understanding = bot.understander.parse(text)
    assert ("helper" in {e.entity for e in understanding.entities}) is adult


def test_a_parent_asking_gets_the_line_for_adults_first(bot):
    reply = bot.reply("my 14 year old found a fake nude of herself online, what now")
    lead_in = bot.content.render("for_adults", "en", {"region": reply.region})
    assert reply.entities.get("helper")
    written_for = bot.content.choose_variant(
        reply.response, {"region": reply.region, "audience": "adult"}
    ).get("for")
    assert written_for == "victim"  # e.g. victim_first_steps, not a law answer
    assert reply.messages[0] == lead_in[0]

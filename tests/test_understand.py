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

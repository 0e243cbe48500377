"""Answer in the message's language; point to the region's help."""

import pytest

from chatbot.language import default_region, detect_lang


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("딥페이크가 뭐야", None, "ko"),
        ("딥페이크 report 어케함", "en", "ko"),
        ("what is a deepfake", "ko", "en"),
        ("ㅠㅠ", "en", "ko"),
        ('/report_platform{"platform":"x"}', "en", "en"),
        ("/greet", None, "ko"),
        ("???", "en", "en"),
    ],
    ids=[
        "korean",
        "mixed",
        "english",
        "jamo",
        "payload-keeps-hint",
        "payload-default",
        "no-letters",
    ],
)
def test_detect_lang(text, hint, expected):
    assert detect_lang(text, hint) == expected


def test_default_region():
    assert default_region("ko") == "KR" and default_region("en") == "INTL"

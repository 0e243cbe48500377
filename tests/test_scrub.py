"""Stored message text (only when configured) loses what identifies people."""

import pytest

from web.scrub import scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me 010-1234-5678", "call me <number>"),
        ("내 번호 01012345678 이야", "내 번호 <number> 이야"),
        ("mail mina@example.com pls", "mail <email> pls"),
        ("see https://t.me/joinchat/abc", "see <url>"),
        ("my ig is @mina.kim_01", "my ig is <handle>"),
        ("주민번호 050101-4123456", "주민번호 <id-number>"),
        ("go to evil.com/x now", "go to <url> now"),
        ("I'm 15 and in grade 9", "I'm 15 and in grade 9"),
    ],
    ids=[
        "phone",
        "phone-no-dashes",
        "email",
        "url",
        "handle",
        "rrn",
        "bare-domain",
        "small-numbers-stay",
    ],
)
def test_scrub(text, expected):
    assert scrub(text) == expected

"""The `helper` entity's patterns (training_data/data/nlu/helpers.yml): they
find parents and teachers, and never a teen.

A teen who got the line for adults would read that the answer is for someone
else, so the patterns are checked against every teen-written message of the
development set and a list of hard cases, with Rasa's own pattern builder (the
one RegexEntityExtractor uses), no model needed. The benchmark stays out: it
measures the patterns, it does not tune them.
"""

import re

import pytest
from rasa.nlu.utils.pattern_utils import extract_patterns
from rasa.shared.nlu.training_data.loading import load_data

from chatbot.maintain.benchmark import DEV_SET, read_rows
from chatbot.paths import TRAINING_DATA

ROWS = read_rows(DEV_SET)
# Parents found on the dev set: 0.84 (ko) and 0.85 (en) (docs/nlu.md), so this
# floor only catches patterns that were broken.
PARENTS_FOUND_FLOOR = 0.7
# Teens' words that look like a parent's or teacher's: inside other words (아이디,
# 받아들이다, 학생부), about someone else's child (이모 딸), quoting an adult, or
# naming a sibling, a classmate or one's younger self.
TEENS_HARD_CASES = [
    "제 아이디 해킹당해서 누가 제 사진 올렸어요",
    "이 상황을 받아들이기가 너무 힘들어",
    "이거 제 학생부에 남아요?",
    "제 학생증 사진으로 합성했대요",
    "학폭 책임교사 쌤한테 말했는데 아무것도 안 해줘",
    "엄마 친구 아들이 내 사진 합성했어",
    "이모 딸이 단톡에 올렸어",
    "아는 집 딸 얼굴인데 이거 가짜인지 어떻게 알아",
    "외동딸이라 엄마한테 더 말 못하겠어",
    "반 아이들한테 다 퍼졌어요",
    "엄마가 학부모 단톡방에서 들었대",
    "우리 아이돌 딥페이크 신고하고 싶어",
    "엄마가 교사라서 말 못하겠어요",
    "저희 학생들은 신고하면 어떻게 돼요",
    "우리 반 학생들이 다 봤어요",
    "남자녀석들이 내 사진 돌렸어",
    "손자국 남았어 걔가 때렸어",
    "다른 반 학생이 찾아와서 사진 지우라고 협박했어",
    "담임을 맡은 쌤한테 말했어요",
    "범죄 아이가? 이거 신고 되나",
    "그 아이가 내 사진 올렸어",
    "담임한테 말했는데 아무것도 안 해줘요",
    "another student told me there's a fake of me going round",
    "someone in my form group made a fake of me",
    "my teacher said as a teacher she has to report it",
    "the teacher here told me to delete it",
    "my kid sister got sent a deepfake",
    "our kid got sent a nude by some lad",
    "i dont want my 13 year old self on the internet forever",
    "my 15 year old classmate made a fake of me",
    "my 17 year old boyfriend keeps asking for pics",
    "im in my teens and this happened to me",
    "im the mom friend in my group and my friend got sextorted",
    "i told my homeroom teacher and nothing happened",
]


@pytest.fixture(scope="module")
def helper_patterns():
    data = load_data(str(TRAINING_DATA / "data"))
    # As config.yml sets RegexEntityExtractor: lookups without word boundaries.
    patterns = extract_patterns(data, use_only_entities=True, use_word_boundaries=False)
    found = [
        re.compile(p["pattern"], re.IGNORECASE)
        for p in patterns
        if p["name"] == "helper"
    ]
    assert found, "helpers.yml has no lookup or regex named helper"
    return found


def _found(patterns, text):
    return any(pattern.search(text) for pattern in patterns)


def test_no_helper_word_in_any_teens_message(helper_patterns):
    teens = [row.text for row in ROWS if row.who == "teen"] + TEENS_HARD_CASES
    assert len(teens) > 600
    assert [text for text in teens if _found(helper_patterns, text)] == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_helper_words_find_most_parents(helper_patterns, lang):
    parents = [row.text for row in ROWS if row.who == "parent" and row.lang == lang]
    found = sum(_found(helper_patterns, text) for text in parents)
    assert found / len(parents) >= PARENTS_FOUND_FLOOR

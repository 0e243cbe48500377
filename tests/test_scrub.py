"""Stored message text (only when configured) loses what identifies people."""

import re
import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import domains

from web.scrub import _COMMON, _NOT_KO_NAMES, REMOVED, scrub

EXAMPLES = [
    ("call me 010-1234-5678", "call me <number>", "phone"),
    ("내 번호 01012345678 이야", "내 번호 <number> 이야", "phone-no-dashes"),
    ("mail mina@example.com pls", "mail <email> pls", "email"),
    ("see https://t.me/joinchat/abc", "see <url>", "url"),
    ("my ig is @mina.kim_01", "my ig is <handle>", "handle"),
    ("주민번호 050101-4123456", "주민번호 <id-number>", "rrn"),
    ("go to evil.com/x now", "go to <url> now", "bare-domain"),
    ("I'm 15 and in grade 9", "I'm 15 and in grade 9", "small-numbers-stay"),
    # Links
    ("링크 www.naver.com/abc 봐봐", "링크 <url> 봐봐", "www"),
    ("사이트는evil.co.kr이야", "사이트는<url>이야", "bare-domain-ko-second-level"),
    ("join discord.gg/AbC", "join <url>", "bare-domain-gg"),
    ("ftp://files.example.org/x", "<url>", "other-scheme"),
    ("that is so bad", "that is so bad", "words-stay"),
    # E-mail addresses and handles
    ("메일은 mina.kim+1@school.ac.kr 이에요", "메일은 <email> 이에요", "email-ko"),
    ("odd !#$%&'*+/=?^_`{|}~@x.io", "odd <email>", "email-odd-local"),
    ("인스타@mina_01 이야", "인스타<handle> 이야", "handle-after-korean"),
    ("dm @Mina.Kim.", "dm <handle>.", "handle-end-of-sentence"),
    # Identity, card and phone numbers
    ("주민번호는 0501014123456", "주민번호는 <id-number>", "rrn-plain"),
    ("RRN 990101 1234567", "RRN <id-number>", "rrn-space"),
    ("card 4111 1111 1111 1111", "card <card>", "card-4-4-4-4"),
    ("amex 3782-822463-10005", "amex <card>", "card-amex"),
    ("카드 4111111111111111 이야", "카드 <card> 이야", "card-plain"),
    ("010 1234 5678", "<number>", "phone-spaces"),
    ("010.1234.5678", "<number>", "phone-dots"),
    ("집 02-123-4567", "집 <number>", "phone-seoul"),
    ("031-1234-5678로 전화해", "<number>로 전화해", "phone-area-particle"),
    ("+82 10-1234-5678", "<number>", "phone-intl-ko"),
    ("+82-10-1234-5678", "<number>", "phone-intl-dashes"),
    ("text +1 (555) 123-4567", "text <number>", "phone-intl-us"),
    ("+44 7700 900123", "<number>", "phone-intl-uk"),
    ("(02) 123-4567", "<number>", "phone-parens"),
    ("555-123-4567 pls", "<number> pls", "phone-us-domestic"),
    ("뒷번호 1234-5678", "뒷번호 <number>", "phone-without-prefix"),
    ("010-1234-5678 010-9876-5432", "<number> <number>", "two-phones"),
    ("010-1234-5678 15살", "<number> 15살", "phone-then-age"),
    ("15살 고1 중2 3시 10:30", "15살 고1 중2 3시 10:30", "ko-small-numbers-stay"),
    ("call 112, 1366, 117 988 1388", "call 112, 1366, 117 988 1388", "hotlines"),
    ("in 2024 and 2023-2024", "in 2024 and 2023-2024", "years-stay"),
    (
        "휴대폰은 지역번호+1388",
        "휴대폰은 지역번호+1388",
        "area-code-plus-hotline-stays",
    ),
    ("US 1-800-843-5678", "US <number>", "phone-us-toll-free"),
    ("계좌 110-123-456789 로", "계좌 <number> 로", "bank-account"),
    ("it's on 2024-10-30", "it's on 2024-10-30", "date-stays"),
    ("I have 3 pics and 20 msgs", "I have 3 pics and 20 msgs", "counts-stay"),
    # Names
    (
        "my name is mina kim and i need help",
        "my name is <name> and i need help",
        "name",
    ),
    ("My name's Jake.", "My name's <name>.", "name-contraction"),
    ("name: Mina Park", "name: <name>", "name-colon"),
    ("I'm called Mina", "I'm called <name>", "name-called"),
    ("call me Jo pls", "call me <name> pls", "name-call-me"),
    ("call me back pls", "call me back pls", "call-me-back-stays"),
    ("her name is Sora Lee", "her name is <name>", "name-third-person"),
    ("i'm called 'mina'", "i'm called '<name>'", "name-quoted"),
    ("제 이름은 Mina Kim이에요", "제 이름은 <name>", "name-latin-in-korean"),
    ("저의 이름은 남궁 민수예요", "저의 이름은 <name>", "name-ko-two-syllable-surname"),
    ("제 이름은 민아 입니다", "제 이름은 <name> 입니다", "name-ko-spaced-copula-stays"),
    ("제 이름은 김민아예요", "제 이름은 <name>", "name-ko-copula"),
    ("내 이름은 김 민아 근데", "내 이름은 <name> 근데", "name-ko-spaced"),
    ("이름이 민아인데 도와줘", "이름이 <name> 도와줘", "name-ko-i"),
    ("저는 민아라고 해요", "저는 <name>라고 해요", "name-ko-rago"),
    ("준이라고 불러", "<name>라고 불러", "name-ko-rago-start"),
    ("이름이 뭐야?", "이름이 뭐야?", "name-question-stays"),
    ("사진 보내라고 해요", "사진 보내라고 해요", "quoted-order-stays"),
    ("지워달라고 해도 또 올라와", "지워달라고 해도 또 올라와", "quoted-request-stays"),
    ("이름은 안 밝혀도 돼요?", "이름은 안 밝혀도 돼요?", "name-not-given-stays"),
    # Schools
    ("서울중학교 다녀요", "<school> 다녀요", "school-ko"),
    ("한빛여자고등학교에서 왔어", "<school> 왔어", "school-ko-girls-particle"),
    ("한빛여중 2학년", "<school> 2학년", "school-ko-short"),
    ("대원외국어고등학교", "<school>", "school-ko-foreign-language"),
    ("중학교 2학년이에요", "중학교 2학년이에요", "school-ko-generic-stays"),
    ("I'm in 중학교", "I'm in 중학교", "school-ko-alone-stays"),
    ("그리고 최고 여고생", "그리고 최고 여고생", "ko-words-stay"),
    ("I go to Lincoln High School", "I go to <school>", "school-en"),
    ("at seoul global high school rn", "at <school> rn", "school-en-lowercase"),
    ("Hogwarts Academy", "<school>", "school-en-academy"),
    ("lincoln junior high is mean", "<school> is mean", "school-en-junior-high"),
    ("in my high school", "in my high school", "my-high-school-stays"),
    (
        "at high school and the middle school",
        "at high school and the middle school",
        "generic-schools-stay",
    ),
    ("our school", "our school", "our-school-stays"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [example[:2] for example in EXAMPLES],
    ids=[example[2] for example in EXAMPLES],
)
def test_scrub(text, expected):
    assert scrub(text) == expected


def test_removed_describes_each_kind():
    assert {"links", "e-mail addresses", "school names"} <= set(REMOVED)
    assert all(kind and kind == kind.lower() for kind in REMOVED)


# Property tests: PII of many shapes, anywhere in digit-free teen filler, is gone.

FAST = settings(max_examples=100, deadline=None, database=None)

FILLER = [
    *("도와주세요", "근데", "진짜 무서워요", "어떡해", "친구가 사진을 올렸어요"),
    *("ㅠㅠ", "신고하고 싶어요", "엄마한테 말 못 하겠어", "이거 불법이에요?"),
    *("계속 연락 와요", "i'm scared", "pls help", "what do i do", "idk"),
    *("someone posted a fake pic", "is this illegal?", "they keep messaging me"),
    *("ok thanks", "i feel sick"),
]
fillers = st.lists(st.sampled_from(FILLER), max_size=4)


@st.composite
def embed(draw, pii, glue=" "):
    """Put pii at a random place in filler; glue joins it to the word before."""
    before, after = " ".join(draw(fillers)), draw(fillers)
    return (before + glue if before else "") + " ".join([pii, *after])


@st.composite
def recased(draw, text):
    """Draw text with each letter upper or lower case at random."""
    ups = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    pairs = zip(text, ups, strict=True)
    return "".join(char.upper() if up else char.lower() for char, up in pairs)


def digits(size, most=None):
    """Generate strings of ASCII digits."""
    return st.text("0123456789", min_size=size, max_size=most or size)


def word(text):
    """Match text as a whole word, in any case."""
    return re.compile(rf"(?<![^\W\d_]){re.escape(text)}(?![^\W\d_])", re.I)


seps = st.sampled_from(["", "-", " ", "."])


@st.composite
def phones(draw):
    """Draw Korean mobiles, landlines and international numbers, in many shapes."""
    kind = draw(st.sampled_from(["mobile", "landline", "intl"]))
    if kind == "mobile":
        prefix = draw(st.sampled_from(["010", "011", "016", "017", "018", "019"]))
        return prefix + draw(seps) + draw(digits(3, 4)) + draw(seps) + draw(digits(4))
    if kind == "landline":
        area = draw(st.sampled_from(["02", "031", "032", "042", "051", "064", "070"]))
        if draw(st.booleans()):
            area = f"({area})" + draw(st.sampled_from(["", " "]))
        else:
            area += draw(seps)
        return area + draw(digits(3, 4)) + draw(seps) + draw(digits(4))
    groups = draw(st.lists(digits(1, 6), min_size=1, max_size=4))
    assume(len("".join(groups)) >= 6)  # with the country code, seven or more
    if draw(st.booleans()):
        groups[0] = f"({groups[0]})"  # +1 (555) 123-4567
    code = "+" + str(draw(st.integers(1, 999))) + draw(st.sampled_from(["", " ", "-"]))
    return code + draw(seps).join(groups)


@st.composite
def rrns(draw):
    """Draw resident registration numbers: YYMMDD, a separator, seven digits."""
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 31))
    birth = draw(digits(2)) + f"{month:02}{day:02}"
    rest = str(draw(st.integers(1, 8))) + draw(digits(6))
    return birth + draw(st.sampled_from(["", "-", " ", " - "])) + rest


GROUPINGS = [[4, 4, 4, 4], [4, 6, 5], [4, 6, 4], [4, 4, 5], [4, 4, 4, 4, 3]]


@st.composite
def cards(draw):
    """Draw card numbers of 13-19 digits, plain or grouped by spaces or dashes."""
    groups = draw(st.sampled_from([*GROUPINGS, [13], [16], [19]]))
    sep = draw(st.sampled_from([" ", "-", ""]))
    return sep.join(draw(digits(size)) for size in groups)


@pytest.mark.parametrize(
    "numbers", [phones(), rrns(), cards()], ids=["phone", "rrn", "card"]
)
@FAST
@given(data=st.data())
def test_no_digit_of_a_number_survives(numbers, data):
    number = data.draw(numbers) + data.draw(st.sampled_from(["", "이야", "로"]))
    text = data.draw(embed(number, glue=data.draw(st.sampled_from([" ", ""]))))
    out = scrub(text)
    assert not any(char.isdigit() for char in out), (text, out)


@FAST
@given(st.emails(), st.data())
def test_no_email_survives(email, data):
    text = data.draw(embed(email))
    out = scrub(text)
    assert email not in out and "@" not in out, (text, out)


HANDLE = r"@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"


@FAST
@given(st.from_regex(HANDLE, fullmatch=True), st.data())
def test_no_handle_survives(handle, data):
    lead = data.draw(st.sampled_from(["", "인스타", "ig: ", "디엠"]))
    text = data.draw(embed(lead + handle))
    out = scrub(text)
    assert handle not in out and "@" not in out, (text, out)


TLDS = "com net org kr io me co us uk gg tv ly info biz xyz app dev site link to ru"
TLDS += " jp cn de fr ca au edu gov ac or go ne cc ai co.kr or.kr go.kr ac.kr"
label = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,15}[A-Za-z0-9])?", fullmatch=True)
tlds = st.sampled_from(TLDS.split()).flatmap(recased)
labels = st.lists(label, min_size=1, max_size=3).map(".".join)
schemes = st.from_regex(r"[A-Za-z][A-Za-z0-9+.-]{0,8}", fullmatch=True)
URL_CHARACTERS = string.digits + string.ascii_letters + string.punctuation
paths = st.just("") | st.text(URL_CHARACTERS, max_size=20).map("/{}".format)
urls = st.one_of(
    st.builds("{}://{}{}".format, schemes, domains(), paths),  # any scheme
    st.builds("{}{}{}".format, recased("www."), domains(), paths),
    st.builds("{}.{}{}".format, labels, tlds, paths),  # bare, with a listed TLD
)


@FAST
@given(urls, st.data())
def test_no_url_survives(url, data):
    text = data.draw(embed(url))
    out = scrub(text)
    assert url not in out, (text, out)


def hangul(least, most):
    """Generate random Hangul syllables (U+AC00..U+D7A3)."""
    syllable = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
    return st.lists(syllable, min_size=least, max_size=most).map("".join)


def can_be_name(part):
    """Tell whether scrub() may take the word for a name: not "뭐야", "진짜", "and"."""
    return not (part.lower() in _COMMON or part.startswith(_NOT_KO_NAMES))


ko_names = st.one_of(
    hangul(2, 4).map(lambda name: [name]),
    st.tuples(hangul(1, 1), hangul(1, 3)).map(list),  # "김 민아"
).filter(lambda parts: all(map(can_be_name, parts)))
KO_INTROS = ["제 이름은 {}", "내 이름은 {}", "저의 이름은 {}", "나의 이름은 {}"]
KO_INTROS += ["이름은 {}", "이름이 {}", "이름: {}"]


@FAST
@given(
    ko_names,
    st.sampled_from(KO_INTROS),
    st.sampled_from(["", "예요", "이야", "입니다"]),
    st.data(),
)
def test_no_korean_name_survives(parts, intro, copula, data):
    text = data.draw(embed(intro.format(" ".join(parts)) + copula))
    assume(all(text.count(part) == 1 for part in parts))
    out = scrub(text)
    assert not any(part in out for part in parts), (text, out)


RAGO = ["저는 {}라고 해요", "전 {}이라고 합니다", "난 {}라고 불러", "나는 {}라고 해"]
# "-달라고", "-으라고", "-말라고" quote a request, so scrub() keeps them.
rago_names = hangul(2, 4).filter(lambda name: name[-1] not in "달으말")


@FAST
@given(rago_names, st.sampled_from(RAGO), st.data())
def test_no_korean_name_before_rago_survives(name, intro, data):
    text = data.draw(embed(intro.format(name)))
    assume(text.count(name) == 1)
    out = scrub(text)
    assert name not in out, (text, out)


latin_words = st.from_regex(r"[A-Za-z]{2,10}", fullmatch=True).filter(can_be_name)
EN_INTROS = ["my name is {}", "My name's {}", "name: {}", "I'm called {}"]
EN_INTROS += ["call me {}", "her name is {}", "a guy named {}"]


@FAST
@given(
    st.lists(latin_words, min_size=1, max_size=2), st.sampled_from(EN_INTROS), st.data()
)
def test_no_english_name_survives(parts, intro, data):
    text = data.draw(embed(intro.format(" ".join(parts))))
    assume(all(len(word(part).findall(text)) == 1 for part in parts))
    out = scrub(text)
    assert not any(word(part).search(out) for part in parts), (text, out)


KO_SUFFIXES = ["중학교", "고등학교", "초등학교", "여자중학교", "여자고등학교", "고교"]
KO_SUFFIXES += ["외국어고등학교", "과학고등학교", "예술고등학교", "국제고등학교"]
GENERIC = re.compile(
    r"(?:여자|외국어|과학|예술|국제)?(?:중학교|고등학교|초등학교|고교)"
)
ko_schools = st.one_of(
    st.tuples(hangul(1, 4), st.sampled_from(KO_SUFFIXES)),
    st.tuples(hangul(2, 4), st.sampled_from(["여중", "여고"])),
).filter(lambda school: not GENERIC.match("".join(school)))


@FAST
@given(ko_schools, st.sampled_from(["", "에서", "에", "이에요", "생이에요"]), st.data())
def test_no_korean_school_survives(school, particle, data):
    name, suffix = school
    text = data.draw(embed(name + suffix + particle))
    assume(text.count(name) == 1)
    out = scrub(text)
    assert name + suffix not in out and name not in out, (text, out)


EN_SUFFIXES = ["High School", "Middle School", "Junior High", "Junior High School"]
EN_SUFFIXES += ["Elementary School", "Primary School", "Secondary School"]
EN_SUFFIXES += ["Grammar School", "Academy"]
EN_PLACES = ["i go to {}", "{} is awful", "at {} they laughed", "from {}"]


@FAST
@given(st.lists(latin_words, min_size=1, max_size=4), st.data())
def test_no_english_school_survives(words, data):
    suffix = data.draw(st.sampled_from(EN_SUFFIXES).flatmap(recased))
    school = " ".join([*words, suffix])
    text = data.draw(embed(data.draw(st.sampled_from(EN_PLACES)).format(school)))
    assume(all(len(word(part).findall(text)) == 1 for part in words))
    out = scrub(text)
    assert not any(word(part).search(out) for part in words), (text, out)


PII_CHARACTERS = "0123456789 -.+()@:/_xwcomkr가이름은중학교여고라해 \n"


@FAST
@given(st.text() | st.text(PII_CHARACTERS))
def test_scrub_is_idempotent_and_never_fails(text):
    once = scrub(text)
    assert scrub(once) == once


@FAST
@given(st.lists(st.sampled_from(FILLER), min_size=1, max_size=8).map(" ".join))
def test_filler_alone_is_unchanged(text):
    assert scrub(text) == text

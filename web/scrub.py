"""Remove what could identify someone from a message before it is stored."""

from __future__ import annotations

import re
from collections.abc import Callable

# What scrub() takes out, in words the privacy answer can be checked against.
REMOVED = (
    "links",
    "e-mail addresses",
    "@usernames",
    "resident registration numbers",
    "card numbers",
    "phone and other long numbers",
    "introduced names",
    "school names",
)

# Words that cannot be a name or the name part of a school: "my name is mina and",
# "call me back", "my high school", "이름이 또 나왔어".
_COMMON = frozenset(
    """a an the and but or nor so if i im i'm me my mine you your we our us he him
    his she her they them their it its this that these those is are was were be
    been am not no yes in at on to of for from with by about into after before
    during since through near who what when where why how which because please
    pls plz age aged grade year years old new later now back maybe again too also
    just really call asap tonight tomorrow anytime love hate like go went going
    attend attended attending started finished left local public private same
    other different whole first last next current former 다 또 좀 막 안 못 꼭 잘
    너무 진짜 계속 그냥""".split()
)
# Korean words are conjugated, so they are matched by their start: "이름이 뭐야?",
# "이름이 퍼졌어요" are questions and worries, not names.
_NOT_KO_NAMES = tuple("뭐 뭔 무엇 왜 없 있 알려 나와 나왔 나올 공개 퍼 유출".split())
_STOP = "|".join(re.escape(word) for word in sorted(_COMMON) if word.isascii())
_KO_SURNAMES = ("남궁", "선우", "제갈", "황보", "독고", "사공", "서문")
_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"  # letters of any script, no digits
_TLD = r"(?:com|net|org|kr|io|me|co|us|uk|gg|tv|ly|info|biz|xyz|app|dev|site|link"
_TLD += r"|to|ru|jp|cn|de|fr|ca|au|edu|gov|ac|or|go|ne|cc|ai)"  # co.kr is co + kr
# Lookbehinds let a match start only where a run starts, which keeps long
# messages linear, and keep "@mina.co" whole for the handle rule.
_DOMAIN = rf"(?i)(?<![A-Za-z0-9.@-])(?:[A-Za-z0-9-]+\.)+{_TLD}(?![A-Za-z0-9-])"
_LOCAL = r"[A-Za-z0-9_.!#$%&'*+/=?^`{|}~-]"  # anything an address holds before "@"
_EMAIL = rf"(?<!{_LOCAL}){_LOCAL}+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
# A handle ends in a letter, digit or "_", so a full stop after it stays.
_HANDLE = r"@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?|@[^\W\d_]+"
# 주민등록번호: a birth date YYMMDD, then seven digits.
_RRN = r"(?<!\d)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*-?\s*\d{7}(?!\d)"
# Cards come in groups of four, then three or more, so a phone and an age
# ("010-1234-5678 15") or a list of hotlines ("112 1366 117") is no card.
_CARD = r"(?<!\d)(?<!\d{3}[ -])\d{4,}(?:[ -]\d{3,})*(?!\d)"
# "+" starts a phone number of seven digits or more, not "지역번호+1388".
_INTL_PHONE = r"\+(?=(?:[ .()-]*\d){7})\d{1,3}(?:[ .-]?\(?\d+\)?)+"
# Korean numbers start with 0 (010, 02, 031); others need "(555) " or "555-",
# so hotlines in a row ("117 988 1388") stay. Spans of years stay too.
_KO_PHONE = r"(?<!\d)\(?0\d{1,2}\)?[ .-]?\d{3,4}[ .-]?\d{4}(?!\d)"
_US_PHONE = r"(?<!\d)(?:1[ .-])?(?:\(\d{3}\) ?|\d{3}[.-])\d{3}[.-]\d{4}(?!\d)"
_SHORT_PHONE = r"(?<!\d)(?!(?:19|20)\d\d\D(?:19|20)\d\d)\d{3,4}[.-]\d{4}(?!\d)"
# A named school has a word before the suffix: "중학교 2학년" and a bare
# "여자고등학교" name none, and "한빛여고" needs two syllables as "여고생" is a word.
_KO_SUFFIX = r"(?:중학교|고등학교|초등학교|고교)"
_KO_SCHOOL = rf"(?<![가-힣])(?!(?:여자|외국어|과학|예술|국제)?{_KO_SUFFIX})"
_KO_SCHOOL += rf"(?:[가-힣]+?{_KO_SUFFIX}|[가-힣]{{2,}}?여[중고])[가-힣]*"
# "my high school" and "at the academy" name none: ordinary words are no name.
_EN_SCHOOL = rf"(?i)(?<![\w'’.-])(?:(?!(?:{_STOP})\b)[A-Za-z][A-Za-z'’.-]*\s+){{1,4}}"
_EN_SCHOOL += r"(?:(?:high|middle|elementary|primary|secondary|grammar)\s+school"
_EN_SCHOOL += r"|junior\s+high(?:\s+school)?|academy)\b"
_INTRO = r"\bname(?:\s+is|['’]s)|\bi['’]?m\s+called|\bi\s+am\s+called|\bcall\s+me"
_INTRO += r"|\bnamed|이름[은이]"  # then the name, maybe in quotes
_NAME = rf"(?i)(?P<intro>(?:(?:{_INTRO})\s+|(?:\bname|이름)\s*:\s*)[\"'“‘]?)"
_NAME += rf"(?P<first>{_WORD})(?P<rest>\s+(?P<second>{_WORD}))?"
# "민아라고 해요" at the start of a sentence or after "저는", not "보내라고 해요",
# "지워달라고 해도" or "찍으라고 했어".
_RAGO = r"(?P<lead>(?:^|[.!?\n]|(?<![가-힣])(?:저는|나는|전|난))\s*)"
_RAGO += r"[가-힣]+(?<![달으말])(?=라고\s*(?:해요|해(?![가-힣])|합니다|불러))"


def _common(word: str) -> bool:
    """Tell whether a word is too ordinary to be someone's name."""
    word = word.lower().replace("’", "'")
    return word in _COMMON or word.startswith(_NOT_KO_NAMES)


def _name(match: re.Match[str]) -> str:
    """Replace the name after an introduction, with its surname when one follows."""
    first, second = match["first"], match["second"] or ""
    if _common(first):
        return match[0]
    # A Latin name may run on to a surname ("Mina Kim이에요"); a Korean one only
    # after a lone surname ("김 민아"), since in "민아 입니다" the copula follows.
    both = second and not _common(second) and first[0].isascii() == second[0].isascii()
    both = both and (first.isascii() or len(first) == 1 or first in _KO_SURNAMES)
    return match["intro"] + "<name>" + ("" if both else match["rest"] or "")


def _digits(tag: str, least: int, most: int) -> Callable[[re.Match[str]], str]:
    """Make a replacer that tags only a match with least to most digits."""
    return lambda m: tag if least <= sum(map(str.isdigit, m[0])) <= most else m[0]


# Order matters: a link or an address holds what looks like a handle or a domain;
# a "+" marks a phone before a card could take its digits; identity and card
# numbers are longer than phones, so they go before the phone shapes chop them.
_RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://\S*"), "<url>"),
    (re.compile(_EMAIL), "<email>"),
    (re.compile(r"(?i)(?<![A-Za-z0-9@])www\.\S+"), "<url>"),
    (re.compile(_DOMAIN + r"(?::\d+)?(?:[/?#]\S*)?"), "<url>"),
    (re.compile(_HANDLE), "<handle>"),
    (re.compile(_INTL_PHONE), "<number>"),
    (re.compile(_RRN), "<id-number>"),
    (re.compile(_CARD), _digits("<card>", 13, 19)),
    # Bank accounts ("110-123-456789"), but not dates ("2024-10-30").
    (re.compile(r"(?<![\d-])\d+(?:-\d+)+(?![\d-])"), _digits("<number>", 9, 99)),
    (re.compile(_KO_PHONE), "<number>"),
    (re.compile(_US_PHONE), "<number>"),
    (re.compile(_SHORT_PHONE), "<number>"),
    (re.compile(r"(?<!\d)\d{7,}(?!\d)"), "<number>"),  # accounts and the like
    (re.compile(_KO_SCHOOL), "<school>"),
    (re.compile(_EN_SCHOOL), "<school>"),
    (re.compile(_NAME), _name),
    (re.compile(_RAGO), r"\g<lead><name>"),
)


def scrub(text: str) -> str:
    """Replace links, addresses, handles, numbers, names and schools with tags."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text

"""Check the answers a teen reads: shape, length, language, facts, buttons.

Part of `make validate`. Every number and URL must be a sourced fact; every
button must lead to an answer, in both languages and every region, written for
whoever pressed it (the `for:` of each variant).
"""

from __future__ import annotations

import json
import re

from chatbot.content import Content
from chatbot.decide import ADULT, FALLBACK, WELCOME
from chatbot.language import LANGUAGES, REGIONS
from chatbot.respond import CHECK_IN, FOR_ADULTS, YOUNG_PEOPLE

# Responses that answer no intent of their own.
OWN_RESPONSES = {FALLBACK, WELCOME, "clarify", CHECK_IN, FOR_ADULTS}
MAX_BUBBLES = 2
MAX_BUTTONS = 4
MAX_WORDS_EN = 80
MAX_CHARS_KO = 180
# Korean answers talk like a kind older student; 당신 reads like a translation.
FORBIDDEN_KO = ("당신",)
# `answer_for` is set by Nuri itself: whom the answer after `for_adults` speaks to.
CONDITION_KEYS = {"region", "platform", "age", "audience", "answer_for"}
# Whom a variant is written for. "anyone" is general information.
AUDIENCES = {"victim", "friend", "doer", "witness", "adult", "anyone"}
DIGITS = re.compile(r"\d+(?:[-.,/]\d+)*")
URLS = re.compile(
    r"(?:https?://|mailto:)[^\s)\]*]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:kr|org|com|net|uk|gov)\b(?:/[^\s)\]*]*)?"
)
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$")


def check_responses(content: Content, intents: set[str]) -> list[str]:
    """Every intent answered in both languages; every variant well formed, sourced."""
    problems = []
    expected = intents | OWN_RESPONSES
    for key in sorted(expected - set(content.responses)):
        problems.append(f"response {key}: missing (every intent needs one)")
    for key in sorted(set(content.responses) - expected):
        problems.append(f"response {key}: not an intent in domain.yml")
    for key, variants in content.responses.items():
        where = f"{content.files[key].name}: {key}"
        if not variants or (variants[-1].get("when")):
            problems.append(
                f"{where}: the last variant must have no `when` (the default)"
            )
        for number, variant in enumerate(variants or (), start=1):
            problems += _check_variant(
                f"{where} variant {number}", variant, content, intents
            )
    return problems


def _check_variant(
    where: str, variant: dict, content: Content, intents: set[str]
) -> list[str]:
    problems = []
    if variant.get("for") not in AUDIENCES:
        problems.append(
            f"{where}: `for:` must say whom it is written for: "
            f"{', '.join(sorted(AUDIENCES))}"
        )
    when = variant.get("when") or {}
    for name, value in when.items():
        if name not in CONDITION_KEYS:
            problems.append(f"{where}: unknown condition {name!r}")
        if name == "region":
            values = value if isinstance(value, list) else [value]
            problems += [
                f"{where}: unknown region {v!r}" for v in values if v not in REGIONS
            ]
    source_ids = variant.get("sources") or []
    unknown = [s for s in source_ids if s not in content.facts]
    problems += [f"{where}: unknown fact {s!r} in sources" for s in unknown]
    backed = [
        str(v)
        for s in source_ids
        if s in content.facts
        for v in content.facts[s]["values"]
    ]
    for lang in LANGUAGES:
        texts = variant.get(lang)
        if not isinstance(texts, list) or not 1 <= len(texts) <= MAX_BUBBLES:
            problems.append(f"{where}: `{lang}` must list 1 to {MAX_BUBBLES} bubbles")
            continue
        for text in texts:
            problems += check_text(f"{where} [{lang}]", lang, str(text), backed)
    buttons = variant.get("buttons") or []
    if len(buttons) > MAX_BUTTONS:
        problems.append(f"{where}: at most {MAX_BUTTONS} buttons")
    for button in buttons:
        match = PAYLOAD.match(str(button.get("payload", "")))
        if not match or match.group(1) not in intents:
            problems.append(
                f"{where}: button payload {button.get('payload')!r} names no intent"
            )
        problems += [
            f"{where}: button needs a `{lang}` title"
            for lang in LANGUAGES
            if not button.get(lang)
        ]
    return problems


def visible_text(text: str) -> str:
    """What a teen reads: link labels without their targets, no bold markers."""
    return LINK.sub(r"\1", text).replace("**", "")


def check_text(where: str, lang: str, text: str, backed: list[str]) -> list[str]:
    problems = []
    shown = visible_text(text)
    if lang == "en" and len(shown.split()) > MAX_WORDS_EN:
        problems.append(
            f"{where}: {len(shown.split())} words; keep a bubble under {MAX_WORDS_EN}"
        )
    if lang == "ko" and len(shown) > MAX_CHARS_KO:
        problems.append(
            f"{where}: {len(shown)} characters; keep a bubble under {MAX_CHARS_KO}"
        )
    if lang == "ko":
        problems += [
            f"{where}: say it without {word!r} (write as a kind older student would)"
            for word in FORBIDDEN_KO
            if word in shown
        ]
    backed_digits = {d for value in backed for d in DIGITS.findall(value)}
    for digits in DIGITS.findall(URLS.sub(" ", text)):
        if digits not in backed_digits:
            problems.append(
                f"{where}: {digits!r} is not in the values of a fact in `sources`"
            )
    for url in URLS.findall(text):
        bare = re.sub(r"^(?:https?://|mailto:)", "", url).rstrip("/.,")
        if not any(bare in value for value in backed):
            problems.append(
                f"{where}: {url!r} is not in the values of a fact in `sources`"
            )
    return problems


def parse_payload(payload: str) -> tuple[str, dict[str, str]] | None:
    """Split a button payload, `/intent{"entity": "value"}`, into its parts."""
    match = PAYLOAD.match(payload)
    if not match:
        return None
    entities = json.loads(match.group(2)) if match.group(2) else {}
    return match.group(1), {k: str(v).lower() for k, v in entities.items()}


def check_buttons(content: Content) -> list[str]:
    """Every button, in every region, opens an answer written for who pressed it.

    Who pressed it: the payload's `audience` if it names one, else the audience
    of the answer the button sits under. The answer it opens must be written for
    that audience or for anyone; a button under a general answer may open any.
    """
    problems = []
    for key, variants in content.responses.items():
        for number, variant in enumerate(variants or (), start=1):
            for button in variant.get("buttons") or ():
                parsed = parse_payload(str(button.get("payload", "")))
                if not parsed or parsed[0] not in content.responses:
                    continue  # check_responses reports payloads naming no intent
                target, entities = parsed
                pressed_by = entities.get("audience") or variant.get("for")
                for region in REGIONS:
                    where = f"{key} variant {number} → {button['payload']} [{region}]"
                    try:
                        opened = content.choose_variant(
                            target, {"region": region, **entities}
                        )
                    except LookupError:
                        problems.append(f"{where}: no answer for this region")
                        continue
                    problems += [
                        f"{where}: the answer has no `{lang}` text"
                        for lang in LANGUAGES
                        if not opened.get(lang)
                    ]
                    written_for = opened.get("for")
                    # An adult who opens an answer written to the young person
                    # gets the line for adults before it (chatbot/respond.py).
                    for_adult = pressed_by == ADULT and written_for in YOUNG_PEOPLE
                    if (
                        pressed_by not in (None, "anyone")
                        and written_for not in (pressed_by, "anyone")
                        and not for_adult
                    ):
                        problems.append(
                            f"{where}: pressed by a {pressed_by}, it opens an "
                            f"answer written for a {written_for}"
                        )
    return problems


def check_topics(content: Content, intents: set[str]) -> list[str]:
    """Every intent has a topic label in both languages (for "do you mean …?")."""
    problems = [
        f"topics.yml: {intent} has no label in {lang}"
        for intent in sorted(intents)
        for lang in LANGUAGES
        if not (content.topics.get(intent) or {}).get(lang)
    ]
    problems += [
        f"topics.yml: {intent} is not an intent in domain.yml"
        for intent in sorted(set(content.topics) - intents)
    ]
    return problems

"""Nuri's own content checks, run by `make validate` after `rasa data validate`.

Rasa checks its own files; these check what only Nuri knows: every intent is
answered in both languages, every number and URL a teen reads is backed by a
sourced, dated fact, and no example is filed under two intents.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from pathlib import Path

from chatbot.content import Content, domain_intents, load_content
from chatbot.decide import FALLBACK, WELCOME
from chatbot.language import LANGUAGES, REGIONS
from chatbot.maintain.examples import normalise, read_examples

MAX_BUBBLES = 2
MAX_BUTTONS = 4
MAX_WORDS_EN = 80
MAX_CHARS_KO = 180
CONDITION_KEYS = {"region", "platform", "age", "audience"}
FACT_FIELDS = ("says", "values", "title", "source", "reviewed", "mark")
DIGITS = re.compile(r"\d+(?:[-.,/]\d+)*")
URLS = re.compile(
    r"(?:https?://|mailto:)[^\s)\]*]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:kr|org|com|net|uk|gov)\b(?:/[^\s)\]*]*)?"
)
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$")


def validate_all(training_data: Path) -> list[str]:
    """Return every problem found, as sentences a maintainer can act on."""
    content = load_content(training_data)
    intents = set(domain_intents(training_data))
    problems = check_facts(content)
    problems += check_responses(content, intents)
    problems += check_examples(training_data, intents)
    return problems


def check_facts(content: Content) -> list[str]:
    """Every fact has a source URL, a review date, a mark and values."""
    problems = []
    for fact_id, fact in content.facts.items():
        # A fact that states no number or URL has empty values; the key is still there.
        missing = [
            name
            for name in FACT_FIELDS
            if name not in fact or (name != "values" and not fact[name])
        ]
        if missing:
            problems.append(f"fact {fact_id}: missing {', '.join(missing)}")
            continue
        if not str(fact["source"]).startswith("https://"):
            problems.append(f"fact {fact_id}: source must be an https:// URL")
        if not isinstance(fact["reviewed"], datetime.date):
            problems.append(f"fact {fact_id}: reviewed must be a date (YYYY-MM-DD)")
        if fact["mark"] not in ("OK", "CHECK"):
            problems.append(
                f"fact {fact_id}: mark must be OK or CHECK (DON'T facts stay out)"
            )
    return problems


def check_responses(content: Content, intents: set[str]) -> list[str]:
    """Every intent answered in both languages; every variant well formed, sourced."""
    problems = []
    expected = intents | {FALLBACK, WELCOME}
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
            problems += _check_text(f"{where} [{lang}]", lang, str(text), backed)
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


def _check_text(where: str, lang: str, text: str, backed: list[str]) -> list[str]:
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


def check_examples(training_data: Path, intents: set[str]) -> list[str]:
    """No example under two intents; no test example seen in training; intents known."""
    problems = []
    training = read_examples(sorted((training_data / "data").rglob("*.yml")))
    tests = read_examples(sorted((training_data / "tests").glob("*.yml")))
    owners: dict[str, set[str]] = defaultdict(set)
    for intent, text, path in training:
        owners[normalise(text)].add(intent)
        if intent not in intents:
            problems.append(f"{path.name}: intent {intent!r} is not in domain.yml")
    for text, found in sorted(owners.items()):
        if len(found) > 1:
            problems.append(
                f"example {text!r} is under {len(found)} intents: {sorted(found)}"
            )
    for intent, text, path in tests:
        if normalise(text) in owners:
            problems.append(
                f"{path.name}: test example {text!r} is also in the training data"
            )
        if intent not in intents:
            problems.append(f"{path.name}: intent {intent!r} is not in domain.yml")
    return problems

"""Responses and facts: choosing a variant, and the maintainers' validator."""

import shutil
import textwrap

import pytest

from chatbot.content import load_content
from chatbot.maintain.validate import validate_all
from chatbot.paths import TRAINING_DATA

CONTENT = load_content(TRAINING_DATA)


def test_the_shipped_content_is_valid():
    assert validate_all(TRAINING_DATA) == []


@pytest.mark.parametrize(
    ("key", "conditions", "must_contain"),
    [
        (
            "report_platform",
            {"region": "KR", "platform": "telegram"},
            "abuse@telegram.org",
        ),
        (
            "report_platform",
            {"region": "KR", "platform": "kakaotalk"},
            "clean-center.kakao.com",
        ),
        ("takedown_services", {"region": "INTL", "age": "adult"}, "StopNCII"),
        ("takedown_services", {"region": "INTL", "age": "under18"}, "Take It Down"),
        ("crisis", {"region": "KR"}, "109"),
        ("crisis", {"region": "US"}, "988"),
        ("crisis", {"region": "UK"}, "0800 1111"),
    ],
    ids=[
        "telegram",
        "kakaotalk",
        "adult-stopncii",
        "minor-take-it-down",
        "crisis-kr",
        "crisis-us",
        "crisis-uk",
    ],
)
def test_variant_follows_region_platform_and_age(key, conditions, must_contain):
    texts = " ".join(
        m.text for lang in ("ko", "en") for m in CONTENT.render(key, lang, conditions)
    )
    assert must_contain in texts


def test_report_platform_without_a_platform_asks_which():
    messages = CONTENT.render("report_platform", "en", {"region": "INTL"})
    payloads = [b.payload for b in messages[-1].buttons]
    assert any('"platform"' in p for p in payloads)


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "training_data"
    shutil.copytree(TRAINING_DATA, target)
    return target


def _append_response(directory, text):
    (directory / "responses" / "zz_test.yml").write_text(
        textwrap.dedent(text), encoding="utf-8"
    )


def test_validator_catches_an_invented_number(content_copy):
    responses = load_content(content_copy).responses
    key = "thanks" if "thanks" in responses else next(iter(responses))
    path = load_content(content_copy).files[key]
    text = path.read_text(encoding="utf-8").replace(f"  {key}:", f"  {key}_old_:", 1)
    path.write_text(text, encoding="utf-8")
    _append_response(
        content_copy,
        f"""
        responses:
          {key}:
            - ko: ["전화 1234-5678 로 연락하세요"]
              en: ["Call 1234-5678, see fake.example.com"]
              sources: []
    """,
    )
    problems = "\n".join(validate_all(content_copy))
    assert "'1234-5678' is not in the values" in problems
    assert "fake.example.com" in problems
    assert f"{key}_old_: not an intent" in problems


def test_validator_catches_a_missing_language_and_a_bad_button(content_copy):
    _append_response(
        content_copy,
        """
        responses:
          not_an_intent:
            - ko: ["안녕"]
              sources: [no_such_fact]
              buttons:
                - payload: /nowhere
                  ko: 어디
                  en: Where
    """,
    )
    problems = "\n".join(validate_all(content_copy))
    assert "`en` must list" in problems
    assert "unknown fact 'no_such_fact'" in problems
    assert "'/nowhere' names no intent" in problems


def test_validator_catches_an_example_under_two_intents(content_copy):
    (content_copy / "data" / "nlu" / "zz_dupe.yml").write_text(
        textwrap.dedent("""
        version: "3.1"
        nlu:
        - intent: greet
          examples: |
            - 딥페이크가 뭐야
        - intent: what_is_deepfake
          examples: |
            - 딥페이크가 뭐야
    """),
        encoding="utf-8",
    )
    assert any("under 2 intents" in p for p in validate_all(content_copy))


def test_validator_catches_a_button_that_lands_on_the_wrong_person(content_copy):
    _append_response(
        content_copy,
        """
        responses:
          zz_doer_answer:
            - for: doer
              ko: ["멈춰 줘서 고마워요."]
              en: ["Thanks for stopping."]
              sources: []
              buttons:
                - payload: /victim_first_steps
                  ko: 다음
                  en: Next
    """,
    )
    problems = "\n".join(validate_all(content_copy))
    assert "pressed by a doer, it opens an answer written for a victim" in problems


def test_validator_catches_translated_korean_and_the_widget_numbers(
    content_copy, tmp_path
):
    from chatbot.maintain.validate import check_widget

    _append_response(
        content_copy,
        """
        responses:
          zz_stiff:
            - for: anyone
              ko: ["당신 잘못이 아니에요."]
              en: ["It's not your fault."]
              sources: []
    """,
    )
    assert any("'당신'" in p for p in validate_all(content_copy))
    widget = tmp_path / "widget.js"
    widget.write_text(
        "  // facts: kr_112\n  const OFFLINE_HELP = {\n"
        '    ko: { KR: "[112](tel:112) 또는 [1234](tel:1234)" },\n  };\n'
    )
    problems = check_widget(load_content(content_copy), widget)
    assert set(problems) == {
        "widget.js OFFLINE_HELP: '1234' is not in the values of a fact in `sources`"
    }


@pytest.mark.parametrize("region", ["KR", "INTL", "US", "UK"])
def test_every_button_opens_an_answer_in_every_region(region):
    for key, variants in CONTENT.responses.items():
        for variant in variants:
            for button in variant.get("buttons") or ():
                intent = button["payload"][1:].split("{")[0]
                assert intent in CONTENT.responses, (key, button["payload"])


@pytest.mark.parametrize("region", ["KR", "US", "UK", "INTL"])
def test_the_deterrence_answer_lets_a_mistaken_victim_out_in_one_tap(region):
    variant = CONTENT.choose_variant("perpetrator_deterrence", {"region": region})
    payloads = [button["payload"] for button in variant["buttons"]]
    assert '/victim_first_steps{"audience":"victim"}' in payloads

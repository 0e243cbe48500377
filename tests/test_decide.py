"""Which response a message gets: safety first, then the intent, a question back
when unsure, else the menu."""

import re

import pytest

from chatbot.content import load_content
from chatbot.decide import Decision, conditions_for, decide
from chatbot.paths import TRAINING_DATA
from chatbot.respond import compose
from chatbot.understand import Entity, Understanding

KNOWN = {
    "greet",
    "report_platform",
    "takedown_services",
    "sextortion",
    "crisis",
    "out_of_scope",
    "emotional_support",
}


def understood(intent, confidence, *ranking):
    return Understanding(
        intent,
        confidence,
        best_guess=ranking[0][0] if ranking else intent,
        ranking=tuple(ranking),
    )


@pytest.mark.parametrize(
    ("understanding", "crisis_words", "hyperbole", "expected"),
    [
        (understood("greet", 0.99, ("greet", 0.99)), False, False, Decision("greet")),
        (understood("greet", 0.99, ("greet", 0.99)), True, False, Decision("crisis")),
        (understood("nlu_fallback", 0.2), True, False, Decision("crisis")),
        (
            understood("sextortion", 0.7, ("sextortion", 0.7), ("crisis", 0.2)),
            True,
            False,
            Decision("crisis", second="sextortion"),
        ),
        (
            understood("emotional_support", 0.7, ("emotional_support", 0.7)),
            True,
            False,
            Decision("crisis"),
        ),
        (understood("crisis", 0.6, ("crisis", 0.6)), False, False, Decision("crisis")),
        (
            understood("crisis", 0.45, ("crisis", 0.45), ("takedown_services", 0.4)),
            False,
            True,
            Decision("takedown_services", check_in=True),
        ),
        (
            understood("crisis", 0.6, ("crisis", 0.6), ("takedown_services", 0.3)),
            False,
            True,
            Decision("crisis", second="takedown_services"),
        ),
        (
            understood("crisis", 0.8, ("crisis", 0.8), ("takedown_services", 0.1)),
            False,
            True,
            Decision("crisis"),
        ),
        (
            understood(
                "nlu_fallback",
                0.4,
                ("sextortion", 0.4),
                ("takedown_services", 0.3),
                ("greet", 0.2),
                ("report_platform", 0.05),
            ),
            False,
            False,
            Decision("clarify", offered=("sextortion", "takedown_services")),
        ),
        (
            understood("nlu_fallback", 0.3, ("out_of_scope", 0.3), ("sextortion", 0.1)),
            False,
            False,
            Decision("fallback"),
        ),
        (
            understood(
                "nlu_fallback", 0.3, ("out_of_scope", 0.3), ("sextortion", 0.12)
            ),
            False,
            False,
            Decision("fallback", second="sextortion"),
        ),
        (understood("nlu_fallback", 0.3), False, False, Decision("fallback")),
        (
            understood(
                "sextortion", 0.6, ("sextortion", 0.6), ("takedown_services", 0.3)
            ),
            False,
            False,
            Decision("sextortion", second="takedown_services"),
        ),
        (
            understood("out_of_scope", 0.9, ("out_of_scope", 0.9)),
            False,
            False,
            Decision("out_of_scope"),
        ),
        # A redirect offers a topic the model also sees, if likely enough.
        (
            understood(
                "out_of_scope", 0.5, ("out_of_scope", 0.5), ("takedown_services", 0.3)
            ),
            False,
            False,
            Decision("out_of_scope", second="takedown_services"),
        ),
        (
            understood(
                "out_of_scope", 0.7, ("out_of_scope", 0.7), ("takedown_services", 0.1)
            ),
            False,
            False,
            Decision("out_of_scope"),
        ),
        (understood("unknown_intent", 1.0), False, False, Decision("fallback")),
        (
            understood(
                "nlu_fallback", 0.4, ("emotional_support", 0.4), ("crisis", 0.35)
            ),
            False,
            False,
            Decision("crisis"),
        ),
        (
            understood("nlu_fallback", 0.28, ("crisis", 0.28), ("sextortion", 0.2)),
            False,
            False,
            Decision("crisis", second="sextortion"),
        ),
        (
            understood("nlu_fallback", 0.2, ("crisis", 0.2), ("sextortion", 0.15)),
            False,
            False,
            Decision("crisis"),
        ),
        (
            understood("nlu_fallback", 0.2, ("crisis", 0.2), ("sextortion", 0.15)),
            False,
            True,
            Decision("crisis"),
        ),
        (
            understood("sextortion", 0.5, ("sextortion", 0.5), ("crisis", 0.3)),
            False,
            False,
            Decision("sextortion", check_in=True),
        ),
        (
            understood("nlu_fallback", 0.24, ("sextortion", 0.24), ("crisis", 0.23)),
            False,
            False,
            Decision("crisis", second="sextortion"),
        ),
        (
            understood(
                "sextortion",
                0.3,
                ("sextortion", 0.3),
                ("crisis", 0.25),
                ("emotional_support", 0.2),
            ),
            False,
            False,
            Decision("crisis", second="sextortion"),
        ),
        (
            understood("sextortion", 0.7, ("sextortion", 0.7)),
            False,
            True,
            Decision("sextortion", check_in=True),
        ),
        (
            understood("greet", 0.9, ("greet", 0.9)),
            False,
            True,
            Decision("greet", check_in=True),
        ),
        (
            understood("nlu_fallback", 0.2, ("out_of_scope", 0.2)),
            False,
            True,
            Decision("fallback", check_in=True),
        ),
        (
            understood(
                "crisis",
                0.45,
                ("crisis", 0.45),
                ("emotional_support", 0.3),
                ("takedown_services", 0.25),
            ),
            False,
            True,
            Decision("crisis", second="takedown_services"),
        ),
    ],
    ids=[
        "intent",
        "crisis-words-beat-classifier",
        "crisis-words-beat-fallback",
        "crisis-words-beside-a-question-offer-it-as-a-button",
        "crisis-words-beside-distress-offer-nothing-more",
        "classifier-crisis",
        "hyperbole-with-a-question-is-answered-with-a-check-in",
        "hyperbole-does-not-outweigh-a-sure-crisis",
        "hyperbole-without-a-clear-question-stays-crisis",
        "unsure-asks-do-you-mean",
        "unsure-and-off-topic-gets-the-menu",
        "the-menu-offers-a-likely-topic",
        "no-idea-gets-the-menu",
        "two-topics-get-a-second-button",
        "out-of-scope",
        "out-of-scope-offers-a-likely-topic",
        "out-of-scope-ignores-an-unlikely-topic",
        "unanswered-intent",
        "suspected-crisis-second-to-distress-is-a-crisis",
        "suspected-crisis-on-top-below-the-threshold-is-a-crisis",
        "crisis-on-top-below-every-threshold-is-still-a-crisis",
        "crisis-on-top-below-every-threshold-beside-hyperbole-too",
        "a-likelier-clear-question-is-answered-with-a-check-in",
        "a-likelier-but-unclear-question-leaves-the-crisis-reply",
        "a-question-must-outweigh-crisis-and-distress-together",
        "hyperbole-beside-any-topic-answer-gets-the-check-in",
        "hyperbole-beside-a-greeting-gets-the-check-in",
        "hyperbole-beside-the-menu-gets-the-check-in",
        "hyperbole-does-not-outweigh-crisis-and-distress-together",
    ],
)
def test_decide(understanding, crisis_words, hyperbole, expected):
    assert decide(understanding, crisis_words, hyperbole, KNOWN) == expected


def test_conditions_come_from_region_and_entities():
    understanding = Understanding(
        "report_platform", 0.9, (Entity("platform", "Instagram"), Entity("other", "x"))
    )
    assert conditions_for(understanding, "KR") == {
        "region": "KR",
        "platform": "instagram",
    }


CONTENT = load_content(TRAINING_DATA)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_clarifying_question_offers_the_topics_in_the_teens_language(lang):
    decision = Decision("clarify", offered=("sextortion", "takedown_services"))
    messages = compose(CONTENT, decision, lang, {"region": "KR"})
    buttons = messages[-1].buttons
    assert [b.payload for b in buttons] == [
        "/sextortion",
        "/takedown_services",
        "/help_menu",
    ]
    assert buttons[0].title == CONTENT.topics["sextortion"][lang]


def test_a_second_topic_adds_its_button_and_a_check_in_comes_first():
    decision = Decision("sextortion", second="report_platform", check_in=True)
    messages = compose(CONTENT, decision, "en", {"region": "KR"})
    assert messages[0].buttons[0].payload == "/crisis"  # the check-in bubble
    last = messages[-1].buttons
    assert len(last) <= 4 and last[-1].payload == "/report_platform"
    assert [b.title for b in last].count("Report it on the app") == 1


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("response", ["out_of_scope", "fallback"])
def test_a_redirect_or_the_menu_offers_the_topic_the_model_also_saw(lang, response):
    plain = compose(CONTENT, Decision(response), lang, {"region": "KR"})
    offered = compose(
        CONTENT,
        Decision(response, second="school_response"),
        lang,
        {"region": "KR"},
    )
    assert [m.text for m in offered] == [m.text for m in plain]
    before = [b.payload for b in plain[-1].buttons]
    after = [b.payload for b in offered[-1].buttons]
    # The guess replaces the last fixed topic; talking to a person stays.
    assert after == before[:3] + ["/school_response"]
    assert "/human_help" in after


SAFETY = {"crisis", "human_help"}


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(
    ("answer", "kept"),
    [
        ("help_friend", '/crisis{"audience":"friend"}'),
        ("emotional_support", "/crisis"),
        ("report_police", "/human_help"),
    ],
)
def test_a_second_topic_never_displaces_a_way_to_a_person_or_the_crisis_reply(
    lang, answer, kept
):
    plain = [
        b.payload
        for b in compose(CONTENT, Decision(answer), lang, {"region": "KR"})[-1].buttons
    ]
    assert len(plain) == 4 and plain[-1] == kept
    offered = [
        b.payload
        for b in compose(
            CONTENT, Decision(answer, second="school_response"), lang, {"region": "KR"}
        )[-1].buttons
    ]
    # The last topic suggestion makes room; the ways to help stay.
    last_topic = max(
        i for i, p in enumerate(plain) if p.lstrip("/").split("{")[0] not in SAFETY
    )
    assert offered == plain[:last_topic] + plain[last_topic + 1 :] + [
        "/school_response"
    ]
    assert kept in offered


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("platform", [None, "other"])
def test_a_second_topic_never_displaces_the_answers_own_choices(lang, platform):
    conditions = {"region": "KR", **({"platform": platform} if platform else {})}
    plain = compose(CONTENT, Decision("report_platform"), lang, conditions)
    apps = [b.payload for b in plain[-1].buttons]
    assert len(apps) == 4
    assert all(p.startswith("/report_platform") for p in apps)
    offered = compose(
        CONTENT,
        Decision("report_platform", second="takedown_services"),
        lang,
        conditions,
    )
    assert [b.payload for b in offered[-1].buttons] == apps


def test_a_second_topic_the_answer_already_offers_is_not_offered_twice():
    plain = compose(CONTENT, Decision("perpetrator_deterrence"), "en", {"region": "KR"})
    assert '/tell_adult{"audience":"doer"}' in [b.payload for b in plain[-1].buttons]
    offered = compose(
        CONTENT,
        Decision("perpetrator_deterrence", second="tell_adult"),
        "en",
        {"region": "KR"},
    )
    assert offered == plain


def test_a_crisis_reply_keeps_its_words_and_buttons_and_offers_the_question():
    plain = compose(CONTENT, Decision("crisis"), "ko", {"region": "KR"})
    with_question = compose(
        CONTENT, Decision("crisis", second="sextortion"), "ko", {"region": "KR"}
    )
    assert [m.text for m in with_question] == [m.text for m in plain]
    payloads = [b.payload for b in with_question[-1].buttons]
    assert payloads == [b.payload for b in plain[-1].buttons] + ["/sextortion"]


def test_a_parents_or_teachers_words_make_the_audience_adult():
    understanding = Understanding(
        "victim_first_steps", 0.8, (Entity("helper", "my 14 year old"),)
    )
    assert conditions_for(understanding, "UK") == {"region": "UK", "audience": "adult"}
    # A button's own audience wins: it says who pressed it.
    pressed = Understanding(
        "crisis", 1.0, (Entity("audience", "friend"), Entity("helper", "우리 딸"))
    )
    assert conditions_for(pressed, "KR")["audience"] == "friend"


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("region", ["KR", "US", "UK", "INTL"])
def test_an_adult_gets_one_line_before_an_answer_written_to_the_victim(lang, region):
    adult = {"region": region, "audience": "adult"}
    teen = {"region": region}
    for_victim = compose(CONTENT, Decision("victim_first_steps"), lang, teen)
    for_adult = compose(CONTENT, Decision("victim_first_steps"), lang, adult)
    lead_in = CONTENT.render("for_adults", lang, adult)
    assert for_adult == lead_in + for_victim


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_adult_asking_about_a_child_who_did_it_gets_its_own_line(lang):
    """Telling a parent "say it isn't their fault" fits the victim, not the one
    who made the image."""
    adult = {"region": "KR", "audience": "adult"}
    messages = compose(CONTENT, Decision("perpetrator_deterrence"), lang, adult)
    for_doer = CONTENT.render("for_adults", lang, {**adult, "answer_for": "doer"})
    for_victim = CONTENT.render("for_adults", lang, adult)
    assert messages[0] == for_doer[0] != for_victim[0]


@pytest.mark.parametrize(
    ("answer", "other_role"),
    [
        ("victim_first_steps", '/perpetrator_deterrence{"audience":"adult"}'),
        ("perpetrator_deterrence", '/victim_first_steps{"audience":"adult"}'),
    ],
)
def test_the_adults_line_offers_the_other_part_in_one_tap(answer, other_role):
    """The line follows the classifier; if it read the child's part wrong (the
    one in the image, or the one who did it), the adult can say so."""
    adult = {"region": "US", "audience": "adult"}
    messages = compose(CONTENT, Decision(answer), "en", adult)
    assert [b.payload for b in messages[0].buttons] == [other_role]


@pytest.mark.parametrize(
    "decision",
    [
        Decision("legal_consequences"),  # written for anyone
        Decision("report_platform"),
        Decision("clarify", offered=("sextortion",)),
        # A check-in before the answer takes the place of the adults' line.
        Decision("victim_first_steps", check_in=True),
    ],
)
def test_no_line_for_adults_before_an_answer_for_anyone_or_a_check_in(decision):
    adult = {"region": "KR", "audience": "adult"}
    assert compose(CONTENT, decision, "en", adult) == compose(
        CONTENT, decision, "en", {"region": "KR"}
    )


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("region", ["KR", "US", "UK", "INTL"])
def test_an_adults_crisis_reply_names_the_same_emergency_numbers_first(lang, region):
    """A parent or teacher gets a crisis reply about the child in their care; its
    first bubble gives every emergency number the teen's would, and it names the
    same crisis lines."""
    teen = compose(CONTENT, Decision("crisis"), lang, {"region": region})
    adult = compose(
        CONTENT, Decision("crisis"), lang, {"region": region, "audience": "adult"}
    )
    assert [m.text for m in adult] != [m.text for m in teen]
    # Nothing comes before the crisis reply, not even the line for adults.
    lead_in = CONTENT.render("for_adults", lang, {"region": region})[0]
    assert lead_in not in adult
    numbers = re.compile(r"\(tel:([\d-]+)\)")
    teens_first = set(numbers.findall(teen[0].text)) & {"911", "999", "112", "119"}
    assert teens_first and teens_first <= set(numbers.findall(adult[0].text))
    # And the crisis lines to call together (109, 988, Childline).
    lines = {"109", "988", "08001111"}
    teens_lines = {n for m in teen for n in numbers.findall(m.text)} & lines
    assert teens_lines
    assert teens_lines <= {n for m in adult for n in numbers.findall(m.text)}

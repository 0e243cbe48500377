"""The real-message benchmark: its files are well formed and its figures add up."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from chatbot.bot import Reply
from chatbot.content import Button, Message, domain_intents
from chatbot.maintain.benchmark import (
    DEV_SET,
    Answer,
    Row,
    button_topics,
    misses,
    read_rows,
    summarise,
)
from chatbot.maintain.examples import normalise, read_examples
from chatbot.paths import REPO, TRAINING_DATA

ROWS = read_rows()
# The development set: its misses guide new training examples, so it must not
# be the benchmark reworded, nor be reworded into the training data.
DEV_ROWS = read_rows(DEV_SET)
INTENTS = domain_intents(TRAINING_DATA)
TRAINING_TEXTS = [
    text
    for _, text, _ in read_examples(sorted((TRAINING_DATA / "data").rglob("*.yml")))
]


def test_the_benchmark_is_as_large_as_promised():
    for lang in ("ko", "en"):
        questions = [r for r in ROWS if r.lang == lang and r.kind == "question"]
        safety = [r for r in ROWS if r.lang == lang and r.kind != "question"]
        assert len(questions) >= 200 and len(safety) >= 50, lang


def test_the_dev_set_covers_both_languages_and_every_kind():
    for lang in ("ko", "en"):
        kinds = {r.kind for r in DEV_ROWS if r.lang == lang}
        assert kinds == {"question", "crisis", "near_miss", "victim"}, lang
        assert len([r for r in DEV_ROWS if r.lang == lang]) >= 150, lang


@pytest.mark.parametrize("rows", [ROWS, DEV_ROWS], ids=["benchmark", "dev"])
def test_every_row_names_a_source_and_known_intents(rows):
    for row in rows:
        assert row.source.startswith(("http://", "https://")), row.text
        assert row.accept and set(row.accept) <= INTENTS, row.text
        assert row.kind in {"question", "crisis", "near_miss", "victim"}
        assert (row.kind == "crisis") == (row.accept == ("crisis",)), row.text


def test_no_benchmark_or_dev_message_is_in_the_training_data():
    training = {normalise(text) for text in TRAINING_TEXTS}
    assert [r.text for r in ROWS + DEV_ROWS if normalise(r.text) in training] == []


# TF-IDF-weighted character-trigram cosine at or above which a training example
# counts as a near-copy of a benchmark row ("how do i appeal a tiktok ban" against
# "my tiktok got banned, will i get it back if i appeal" is about 0.8; unrelated
# short questions on the same topic stay under 0.5).
NEAR_COPY = 0.6
# Query parameters that only say where a reader came from, not which page it is.
TRACKING = re.compile(r"^(utm_\w+|plink|cooper|fbclid|gclid|ref|from|lang)$")


def near_copies(texts: list[str], rows: list[Row]) -> list[tuple[int, int]]:
    """(text index, row index) of every pair at or above NEAR_COPY."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3))
    vectorizer.fit(texts + [r.text for r in rows])
    similarity = (
        vectorizer.transform(texts) @ vectorizer.transform([r.text for r in rows]).T
    )
    close = similarity.multiply(similarity >= NEAR_COPY).tocoo()
    return list(zip(close.row.tolist(), close.col.tolist(), strict=True))


@pytest.mark.parametrize("rows", [ROWS, DEV_ROWS], ids=["benchmark", "dev"])
def test_no_training_example_is_a_near_copy_of_a_benchmark_or_dev_message(rows):
    """A reworded row in the training data would flatter the set it came from.

    A failure names the training example and the row's number only, so that
    fixing it never needs the benchmark's text in a log.
    """
    assert [
        (TRAINING_TEXTS[i], f"row {j}") for i, j in near_copies(TRAINING_TEXTS, rows)
    ] == []


def test_no_dev_message_is_a_near_copy_of_a_benchmark_message():
    """Dev misses are read to write training data; the benchmark's must not be."""
    assert [
        (f"dev row {i}", f"benchmark row {j}")
        for i, j in near_copies([r.text for r in DEV_ROWS], ROWS)
    ] == []


def page(url: str) -> str:
    """The page a URL names: host without www./m., path, and non-tracking query."""
    parts = urlsplit(url.strip().rstrip(".,;"))
    host = re.sub(r"^(www\d*|m|mobile)\.", "", parts.netloc.lower())
    query = "&".join(
        sorted(
            f"{key}={value}"
            for key, value in parse_qsl(parts.query)
            if not TRACKING.match(key)
        )
    )
    return f"{host}{parts.path.rstrip('/')}?{query}"


def _pages(path):
    text = path.read_text(encoding="utf-8")
    return {page(u) for u in re.findall(r"https?://[^\s)>]+", text)}


def _benchmark_pages():
    """Every page behind a benchmark row: the rows' sources and SOURCES_*.md."""
    return {page(r.source) for r in ROWS}.union(
        *(_pages(p) for p in (REPO / "benchmarks" / "real").glob("SOURCES_*.md"))
    )


def test_training_inspiration_and_benchmark_sources_are_apart():
    """Issue 11: pages that shaped training examples never shaped benchmark rows."""
    training = _pages(TRAINING_DATA / "SOURCES.md")
    benchmark = _benchmark_pages()
    assert training and benchmark
    assert sorted(training & benchmark) == []


def test_dev_and_benchmark_sources_are_apart():
    """A page behind a dev row never shaped a benchmark row."""
    dev = {page(r.source) for r in DEV_ROWS}
    assert dev and sorted(dev & _benchmark_pages()) == []


def test_a_page_is_the_same_page_however_it_is_linked():
    one = page("https://www.example.kr/news/articleView.html?idxno=12&utm_source=x")
    assert one == page("http://m.example.kr/news/articleView.html/?idxno=12")
    assert one != page("https://example.kr/news/articleView.html?idxno=13")


def row(accept, kind="question", lang="en"):
    return Row("…", lang, tuple(accept), kind, "teen", "https://example.org")


@pytest.mark.parametrize(
    ("answers", "figure", "expected"),
    [
        (
            [Answer(row(["sextortion"]), "sextortion", False, ())]
            + [Answer(row(["sextortion"]), "fallback", False, ())],
            "accepted",
            0.5,
        ),
        (
            [Answer(row(["consent"]), "fallback", False, ())]
            + [Answer(row(["consent"]), "clarify", False, ("consent",))],
            "wrong_fallback",
            0.5,
        ),
        (
            [Answer(row(["consent"]), "clarify", False, ("consent", "bystander"))],
            "accepted_or_clarified",
            1.0,
        ),
        (
            [Answer(row(["out_of_scope"]), "out_of_scope", False, ())]
            + [Answer(row(["out_of_scope"]), "fallback", False, ())],
            "off_topic_recall",
            0.5,
        ),
        (
            [Answer(row(["crisis"], "crisis"), "victim_first_steps", False, ())]
            + [Answer(row(["crisis"], "crisis"), "crisis", True, ())],
            "crisis_recall",
            0.5,
        ),
        (
            [Answer(row(["tell_adult"], "near_miss"), "crisis", True, ())]
            + [Answer(row(["tell_adult"], "near_miss"), "tell_adult", False, ())] * 3,
            "near_miss_false_alarms",
            0.25,
        ),
        (
            [Answer(row(["tell_adult"], "near_miss"), "crisis", True, ())]
            + [Answer(row(["tell_adult"], "near_miss"), "out_of_scope", False, ())]
            + [Answer(row(["tell_adult"], "near_miss"), "tell_adult", False, ())] * 2,
            "near_misses_answered",
            0.5,
        ),
        (
            # Accepted; a neighbouring answer with a button for an accepted
            # topic; a neighbouring answer without one; off-topic rows ignored.
            [Answer(row(["consent"]), "consent", False, ())]
            + [Answer(row(["consent"]), "bystander", False, (), ("consent",))]
            + [Answer(row(["consent"]), "bystander", False, (), ("human_help",))]
            + [Answer(row(["out_of_scope"]), "consent", False, (), ("consent",))],
            "in_one_tap",
            round(2 / 3, 3),
        ),
        (
            [Answer(row(["sextortion"], "victim"), "crisis", True, (), ("sextortion",))]
            + [Answer(row(["sextortion"], "victim"), "consent", False, ())],
            "victims_in_one_tap",
            0.5,
        ),
    ],
    ids=[
        "accepted",
        "wrong-fallback-counts-the-menu-not-a-question-back",
        "a-question-back-offering-a-right-topic",
        "off-topic-recall",
        "crisis-recall",
        "near-miss-false-alarms",
        "near-misses-answered-with-their-question",
        "in-domain-questions-one-tap-from-an-accepted-answer",
        "victims-one-tap-from-help",
    ],
)
def test_figures(answers, figure, expected):
    assert summarise(answers)[figure] == expected


def test_a_button_never_stands_in_for_the_crisis_reply():
    missed = Answer(row(["crisis"], "crisis"), "sextortion", False, (), ("crisis",))
    assert not missed.one_tap_away
    # A check-in's crisis button is a way out, not an answer to the question.
    victim = row(["crisis", "emotional_support"], "victim")
    assert not Answer(victim, "consent", False, (), ("crisis",)).one_tap_away
    assert Answer(victim, "consent", False, (), ("emotional_support",)).one_tap_away


def test_button_topics_are_the_intents_the_buttons_ask_for():
    reply = Reply(
        messages=[
            Message("…", (Button("Yes", "/consent"),)),
            Message(
                "…",
                (Button("For a parent", '/victim_first_steps{"audience":"adult"}'),),
            ),
        ],
        intent="consent",
        confidence=0.9,
        lang="en",
        region="us",
        crisis=False,
        entities={},
    )
    assert button_topics(reply) == ("consent", "victim_first_steps")


def test_misses_name_each_unaccepted_answer_and_nothing_else():
    wrong = Answer(row(["sextortion"]), "consent", False, ())
    right = Answer(row(["consent"]), "consent", False, ())
    crisis_missed = Answer(row(["crisis"], "crisis"), "sextortion", False, ())
    false_alarm = Answer(row(["consent"]), "crisis", True, ())
    lines = misses([wrong, right, crisis_missed, false_alarm])
    assert len(lines) == 3
    assert lines[0].startswith("en crisis") and "-> sextortion" in lines[0]
    assert lines[1].startswith("en question") and "consent" in lines[1]
    assert lines[1].endswith("-> crisis: …")
    assert "sextortion" in lines[2] and "-> consent" in lines[2]

"""The quality gate: what teens get, on real messages first, then our held-out sets.

`make eval` writes the full report; this fails the build if understanding drops
below the project's floors or a single crisis message is missed. The floors on
the real-message benchmark sit a little under the last measured figures
(docs/eval/README.md), so a change that makes real teens worse understood fails.
"""

import pytest

from chatbot.maintain import benchmark
from chatbot.maintain.evaluate import held_out_examples, run_bot
from chatbot.maintain.scoring import by_language
from chatbot.paths import TRAINING_DATA

# Measured 0.929 ko / 0.931 en on 2026-12-02 with e5 features and logistic
# regression (0.872 / 0.861 with DIET the day before; docs/nlu.md); 0.925 / 0.938
# with the examples written on the shape of real messages (12-02b).
MACRO_F1_FLOOR = 0.90
# Real-message benchmark, measured 0.618 ko / 0.627 en accepted on 2026-12-02,
# 0.642 / 0.613 on 12-02b, 0.667 / 0.653 on 12-02c, 0.687 / 0.680 on 12-02d (the
# nearest examples voting), 0.663 / 0.702 with the crisis examples of abuse at home and
# 0.699 / 0.698 on 12-02e (kinds from the second and third dev rounds); the floors
# leave room for a retrain on another machine (7 examples fewer moved both by 0.02:
# docs/nlu.md).
REAL_ACCEPTED_FLOOR = {"ko": 0.67, "en": 0.67}
# Off-topic questions recognised, measured 15/21 ko and 13/20 en on 12-02d, 16/21 ko
# and 13/20 en on 12-02e (14/20 en on a model between).
REAL_OFF_TOPIC_FLOOR = {"ko": 0.70, "en": 0.60}
# Development set (benchmarks/dev/, all three rounds): crisis recall measured 39/39 ko
# and 36/36 en on 12-02e, after misses of its first round briefed new examples and
# lexicon patterns, one of its second round (abuse at home), four of its third (danger
# now from online contact, two lexicon gaps) and a second near miss of its first
# (coerced self-harm) briefed crisis examples and patterns, so a tuned figure; any
# missed crisis message fails.
DEV_CRISIS_RECALL_FLOOR = {"ko": 1.0, "en": 1.0}
# Measured 2 of 16 ko (1 of 16 on 12-02b) / 4 of 16 en (0.25) on 2026-12-02, after
# the crisis threshold was lowered to catch every real crisis message; the issue's
# target is 0.20.
# 1 of 16 ko / 3 of 16 en (0.188) on 12-02e; the ceiling keeps one retrain's room.
NEAR_MISS_FALSE_ALARM_CEILING = 0.26


@pytest.fixture(scope="module")
def results(bot):
    return by_language(run_bot(bot, held_out_examples(TRAINING_DATA)))


@pytest.fixture(scope="module")
def real(bot):
    return benchmark.score(benchmark.answer_all(bot, benchmark.read_rows()))


@pytest.fixture(scope="module")
def dev(bot):
    rows = benchmark.read_rows(benchmark.DEV_SET)
    return benchmark.score(benchmark.answer_all(bot, rows))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_macro_f1_stays_above_the_floor(results, lang):
    assert results[lang]["messages"] >= 10 * 26
    assert results[lang]["macro_f1"] >= MACRO_F1_FLOOR, results[lang]["confusions"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_crisis_message_is_missed(results, lang):
    assert results[lang]["crisis_recall"] == 1.0


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_real_crisis_message_is_missed(real, lang):
    assert real[lang]["crisis_messages"] >= 25
    assert real[lang]["crisis_recall"] == 1.0, real["missed_crises"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_real_questions_stay_understood(real, lang):
    assert real[lang]["questions"] >= 200
    assert real[lang]["accepted"] >= REAL_ACCEPTED_FLOOR[lang], real["confusions"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_real_off_topic_questions_get_the_redirect(real, lang):
    assert real[lang]["off_topic_recall"] >= REAL_OFF_TOPIC_FLOOR[lang]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_hyperbole_rarely_gets_the_crisis_answer(real, lang):
    assert real[lang]["near_miss_false_alarms"] <= NEAR_MISS_FALSE_ALARM_CEILING


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_dev_crisis_messages_stay_caught(dev, lang):
    assert dev[lang]["crisis_messages"] >= 20
    assert dev[lang]["crisis_recall"] >= DEV_CRISIS_RECALL_FLOOR[lang]

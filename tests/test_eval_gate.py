"""The quality gate: held-out messages, per language, as teens get answered.

`make eval` writes the full report; this fails the build if quality drops below
the project's floor (macro-F1 0.88 in each language, over every held-out set in
training_data/tests/) or a single crisis message is missed.
"""

import pytest

from chatbot.maintain.evaluate import held_out_examples, run_bot
from chatbot.maintain.scoring import by_language
from chatbot.paths import TRAINING_DATA

MACRO_F1_FLOOR = 0.88


@pytest.fixture(scope="module")
def results(bot):
    return by_language(run_bot(bot, held_out_examples(TRAINING_DATA)))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_macro_f1_stays_above_the_floor(results, lang):
    assert results[lang]["messages"] >= 10 * 26
    assert results[lang]["macro_f1"] >= MACRO_F1_FLOOR, results[lang]["confusions"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_crisis_message_is_missed(results, lang):
    assert results[lang]["crisis_recall"] == 1.0

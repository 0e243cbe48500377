"""The admin page's figures: headline numbers and four charts, all k-anonymous.

Besides masking each count under K, a figure must not be solvable from the
others: a total is banded when one of its charted parts is masked, and small
topics are folded together until their sum is not masked either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from web.charts import (
    BLUE,
    BROWN,
    RED,
    TEAL,
    TOPICS,
    Bar,
    columns,
    count_bar,
    data_table,
    rate_bar,
    rate_text,
    rows,
)
from web.stats import Day, K, Summary, masked


@dataclass(frozen=True)
class Chart:
    """A chart as the page shows it: its heading, its drawing and its table."""

    key: str
    title: str
    head: tuple[str, str]
    bars: list[Bar]
    colour: str
    across: bool = False  # horizontal bars, for named things
    rate: bool = False  # bars of shares of turns

    def svg(self) -> Markup:
        """Draw the chart."""
        if self.across:
            return rows(self.key, self.title, self.bars, self.colour)
        return columns(self.key, self.title, self.bars, self.colour, rate=self.rate)

    def table(self) -> Markup:
        """The chart's figures as a table."""
        return data_table(self.title, self.head, self.bars)


def total_text(count: int, parts: list[int]) -> str:
    """A total whose parts are charted: a band of K when a part is masked.

    An exact total minus the parts shown would give a lone "<5" away.
    """
    if any(0 < part < K for part in parts) and count >= K:
        low = count // K * K
        return f"{low}–{low + K - 1}"
    return str(masked(count))


def headline(summary: Summary) -> list[tuple[str, str]]:
    """The period's main figures, masked, as (name, figure)."""
    turns = total_text(summary.turns, [d.turns for d in summary.days])
    fallback = rate_text(summary.fallback, summary.turns)
    if fallback.endswith("%") and any(0 < d.fallback < K for d in summary.days):
        # Rounded to 5 %, so it cannot be solved for a day's masked count.
        fallback = f"about {round(summary.rate(summary.fallback) * 20) * 5} %"
    return [
        ("Turns", turns),
        ("Sessions", str(masked(summary.sessions))),
        ("Fallback rate", fallback),
        ("Clarify rate", rate_text(summary.clarify, summary.turns)),
        (
            "Crisis answers",
            total_text(summary.crisis, [d.crisis for d in summary.days]),
        ),
    ]


def topic_bars(intents: list[tuple[str, int]]) -> list[Bar]:
    """The busiest topics; the rest, and every topic under K, as "other topics"."""
    named = [(name, n) for name, n in intents if n >= K]
    other = sum(n for _, n in intents if n < K)
    keep = TOPICS if not other and len(named) <= TOPICS else TOPICS - 1
    other += sum(n for _, n in named[keep:])
    named = named[:keep]
    # The total minus the named topics would give a masked "other" away, so
    # fold in the smallest named topics until it is not masked.
    while 0 < other < K and named:
        other += named.pop()[1]
    bars = [count_bar(name or "(none)", n) for name, n in named]
    return bars + ([count_bar("other topics", other)] if other else [])


def figures(summary: Summary, days: int) -> list[Chart]:
    """The dashboard's four charts for a summary of the last `days` days."""
    start = date.fromisoformat(summary.since)
    by_day = {d.day: d for d in summary.days}
    empty = Day("", 0, 0, 0, 0, 0)
    turns, fallback, weeks = [], [], {}
    for n in range(days):  # every day of the period, quiet ones too
        day = start + timedelta(n)
        counts, label = by_day.get(day.isoformat(), empty), day.isoformat()
        turns.append(count_bar(label, counts.turns))
        fallback.append(rate_bar(label, counts.fallback, counts.turns))
        week = max(day - timedelta(day.weekday()), start).isoformat()
        weeks[week] = weeks.get(week, 0) + counts.crisis
    crisis = [count_bar(week, n) for week, n in weeks.items()]
    return [
        Chart("turns", "Turns per day", ("Day", "Turns"), turns, BLUE),
        Chart(
            "topics",
            "Top topics",
            ("Topic", "Turns"),
            topic_bars(summary.intents),
            TEAL,
            across=True,
        ),
        Chart(
            "fallback",
            "Fallback rate per day",
            ("Day", "Fallback rate"),
            fallback,
            BROWN,
            rate=True,
        ),
        Chart("crisis", "Crisis answers per week", ("Week of", "Crisis"), crisis, RED),
    ]

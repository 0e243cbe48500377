"""What the log says in aggregate: turns, sessions, topics, fallback and crisis.

Only counts leave this module. Counts shown to schools pass through `masked`
(k-anonymity): a count under K shows as "<5", so no single teen stands out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone

import sqlite_utils

K = 5
GROUPABLE = frozenset({"response", "lang", "site"})
# What an export row holds: counts per day, language and site, and nothing else.
EXPORT_COLUMNS = (
    "day",
    "lang",
    "site",
    "turns",
    "sessions",
    "fallback",
    "clarify",
    "crisis",
)


def masked(count: int) -> int | str:
    """A count as a school may see it: "<5" below K, else the count."""
    return f"<{K}" if 0 < count < K else count


@dataclass(frozen=True)
class Day:
    """One day's counts."""

    day: str
    turns: int
    sessions: int
    fallback: int
    clarify: int
    crisis: int


@dataclass(frozen=True)
class Summary:
    """Counts for a period (and optionally one site)."""

    since: str
    site: str | None
    turns: int
    sessions: int
    fallback: int
    clarify: int
    crisis: int
    days: list[Day] = field(default_factory=list)
    intents: list[tuple[str, int]] = field(default_factory=list)
    langs: list[tuple[str, int]] = field(default_factory=list)
    sites: list[tuple[str, int]] = field(default_factory=list)

    def rate(self, count: int) -> float:
        """A count as a share of all turns."""
        return count / self.turns if self.turns else 0.0

    def to_dict(self) -> dict:
        """Serialise for JSON."""
        return asdict(self)


def since_day(days: int, now: datetime | None = None) -> str:
    """The first day (UTC) of a period of `days` days ending today."""
    now = now or datetime.now(timezone.utc)
    return (now - timedelta(days=days - 1)).strftime("%Y-%m-%d")


def summarize(
    db: sqlite_utils.Database,
    days: int = 30,
    site: str | None = None,
    now: datetime | None = None,
) -> Summary:
    """Count turns of the last `days` days, for one site or all of them."""
    since = since_day(days, now)
    where, params = "at >= ?", [since]
    if site:
        where, params = where + " and site = ?", [*params, site]
    per_day = [
        Day(*row)
        for row in db.execute(
            "select substr(at, 1, 10) as day, count(*), count(distinct session_id), "
            "sum(response = 'fallback'), sum(response = 'clarify'), sum(crisis) "
            f"from turns where {where} group by day order by day",
            params,
        ).fetchall()
    ]
    sessions = db.execute(
        f"select count(distinct session_id) from turns where {where}", params
    ).fetchone()[0]

    def counted(column: str) -> list[tuple[str, int]]:
        if column not in GROUPABLE:  # the name goes into SQL: only our own
            raise ValueError(f"cannot group turns by {column!r}")
        return [
            (name or "", count)
            for name, count in db.execute(
                f"select {column}, count(*) as n from turns where {where} "
                f"group by {column} order by n desc, {column}",
                params,
            ).fetchall()
        ]

    return Summary(
        since=since,
        site=site,
        turns=sum(d.turns for d in per_day),
        sessions=sessions,
        fallback=sum(d.fallback for d in per_day),
        clarify=sum(d.clarify for d in per_day),
        crisis=sum(d.crisis for d in per_day),
        days=per_day,
        intents=[(i, n) for i, n in counted("response")],
        langs=counted("lang"),
        sites=counted("site"),
    )


def sites(db: sqlite_utils.Database, days: int, now: datetime | None = None) -> list:
    """Sites with at least K turns in the period, busiest first."""
    return [
        site
        for site, count in db.execute(
            "select site, count(*) as n from turns where at >= ? and site is not null "
            "group by site having n >= ? order by n desc, site",
            [since_day(days, now), K],
        ).fetchall()
    ]


def export_rows(
    db: sqlite_utils.Database, days: int, now: datetime | None = None
) -> list[dict]:
    """Per day, language and site: k-anonymous counts, nothing else."""
    rows = db.execute(
        "select substr(at, 1, 10) as day, lang, coalesce(site, '') as site, "
        "count(*), count(distinct session_id), sum(response = 'fallback'), "
        "sum(response = 'clarify'), sum(crisis) from turns where at >= ? "
        "group by day, lang, site order by day, lang, site",
        [since_day(days, now)],
    ).fetchall()
    names = EXPORT_COLUMNS[3:]
    return [
        {
            "day": day,
            "lang": lang,
            "site": site,
            **{name: masked(count) for name, count in zip(names, counts, strict=True)},
        }
        for day, lang, site, *counts in rows
    ]

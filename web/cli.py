"""Maintainers' commands on the log: `flask --app web nuri <command>`.

They read the log directly and never load the model.
"""

from __future__ import annotations

import csv
import io
import json

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from web.db import open_db, open_merged
from web.retention import purge as purge_log
from web.schema import COLUMNS
from web.stats import EXPORT_COLUMNS, export_rows, since_day, summarize
from web.unanswered import as_csv, as_rasa, fetch, group

nuri = AppGroup("nuri", help="Read, export and prune Nuri's anonymous log.")


def _db():
    return open_db(current_app.config["DATABASE"])


def _logs(function):
    """Add --database (repeatable): read these logs, merged, not NURI_DATABASE."""
    return click.option(
        "--database",
        "databases",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="A replica's log to read; repeat to merge several.",
    )(function)


def _read(databases: tuple[str, ...]):
    return open_merged(list(databases) or [current_app.config["DATABASE"]])


@nuri.command()
@click.option("--since", "days", default=30, show_default=True, type=click.IntRange(1))
@click.option("--site", help="Only turns from this embedding site (host name).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_logs
def stats(days: int, site: str | None, as_json: bool, databases: tuple) -> None:
    """Turns, sessions, topics, fallback, clarify and crisis counts."""
    summary = summarize(_read(databases), days, site)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return
    where = f" on {site}" if site else ""
    click.echo(
        f"Since {summary.since}{where}: {summary.turns} turns, "
        f"{summary.sessions} sessions"
    )
    for name in ("fallback", "clarify", "crisis"):
        count = getattr(summary, name)
        click.echo(f"  {name:<9}{count:>7}  {summary.rate(count):6.1%}")
    _table("Per day", [(d.day, d.turns) for d in summary.days])
    _table("Top topics", summary.intents[:15])
    _table("Languages", summary.langs)
    _table("Sites", [(s or "(none)", n) for s, n in summary.sites])


def _table(title: str, rows: list[tuple[str, int]]) -> None:
    click.echo(f"{title}:")
    for name, count in rows:
        click.echo(f"  {name:<32}{count:>7}")


@nuri.command()
@click.option("--since", "days", default=30, show_default=True, type=click.IntRange(1))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["rasa", "csv"]),
    default="rasa",
    show_default=True,
)
@_logs
def unanswered(days: int, fmt: str, databases: tuple) -> None:
    """Stored unanswered messages, grouped, as a draft nlu.yml (or CSV) to label."""
    groups = group(fetch(_read(databases), since_day(days)))
    click.echo(as_rasa(groups) if fmt == "rasa" else as_csv(groups), nl=False)
    click.echo(
        f"{sum(len(g.texts) for g in groups)} messages in {len(groups)} groups",
        err=True,
    )


@nuri.command()
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(1),
    help="Days to keep [default: NURI_RETENTION_DAYS].",
)
def purge(days: int | None) -> None:
    """Delete turns and sessions older than the retention period."""
    days = days or current_app.config["RETENTION_DAYS"]
    done = purge_log(_db(), days)
    click.echo(
        f"Deleted {done.turns} turns and {done.sessions} sessions "
        f"from before {done.before} UTC."
    )


@nuri.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
)
@click.option("--since", "days", default=30, show_default=True, type=click.IntRange(1))
@_logs
def export(fmt: str, days: int, databases: tuple) -> None:
    """Counts per day, language and site, k-anonymous; never a message or session."""
    rows = export_rows(_read(databases), days)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    click.echo(out.getvalue(), nl=False)


@nuri.command()
def metadata() -> None:
    """Datasette metadata describing every column of the log."""
    click.echo(json.dumps(datasette_metadata(), ensure_ascii=False, indent=2))


def datasette_metadata() -> dict:
    """Title, license note and a description of every table and column."""
    return {
        "title": "Nuri's anonymous log",
        "description": "Counts of what Nuri answered. No IP address, user agent, "
        "cookie or name is ever stored; message text only as NURI_LOG_TEXT allows, "
        "scrubbed.",
        "databases": {
            "nuri": {
                "tables": {
                    table: {"columns": columns} for table, columns in COLUMNS.items()
                }
            }
        },
    }


def init_app(app: Flask) -> None:
    """Add the `nuri` command group to `flask --app web`."""
    app.cli.add_command(nuri)

"""SVG bar charts for the admin page, in which no count under K can be read.

Bars arrive already masked (`count_bar`, `rate_bar`): a count under K is drawn
at K's height, hatched and outlined, and reads "<5", so neither its text nor
its size gives the exact value away. Across, positions are percentages rather
than a viewBox, so a chart fills any width from 320 px up while its text keeps
a readable size; up and down are pixels. Every label is escaped by
`Markup.format`.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from web.stats import K, masked

NONE = "—"
RULE = "#6b7280"  # the baseline: 4.8:1 on white, enough for a graphic
PLOT, TOP, FOOT, LEGEND = 140, 22, 26, 24  # pixels
ROW = 46  # a horizontal bar's row: its name above, the bar below
LABELLED = 14  # with this many bars or fewer, each shows its figure
TOPICS = 10  # bars in the topics chart, "other topics" included
# Fills: each at least 7:1 on white (WCAG asks 3:1 of graphics).
BLUE, TEAL, BROWN, RED = "#1d3b8a", "#0b5c57", "#7a4a00", "#9b1c31"


@dataclass(frozen=True)
class Bar:
    """One bar: what it stands for, how tall to draw it, and what people read."""

    label: str
    value: float  # the drawn size, in the chart's own units
    text: str  # the figure shown: "12", "<5", "8.3%", "<5 of 40", "—"
    kind: str = "plain"  # or "masked" (hatched, drawn at K) or "none" (no figure)


def count_bar(label: str, count: int) -> Bar:
    """A count as a bar; under K it is drawn at K and reads "<5"."""
    shown = masked(count)
    if isinstance(shown, str):
        return Bar(label, K, shown, "masked")
    return Bar(label, count, str(count))


def rate_text(count: int, total: int) -> str:
    """A share of turns: a percentage only when it hides no count under K."""
    if total < K:
        return NONE
    if 0 < count < K:
        return f"<{K} of {total}"
    return f"{count / total:.1%}"


def rate_bar(label: str, count: int, total: int) -> Bar:
    """A share of turns as a bar; a masked share is drawn as K of the total."""
    text = rate_text(count, total)
    if text == NONE:
        return Bar(label, 0.0, NONE, "none")
    if 0 < count < K:
        return Bar(label, K / total, text, "masked")
    return Bar(label, count / total, text)


def _open(key: str, title: str, desc: str, height: int, colour: str) -> Markup:
    return Markup(
        '<svg class="chart" role="img" aria-labelledby="{0}-title {0}-desc" '
        'width="100%" height="{1}" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{0}-title">{2}</title><desc id="{0}-desc">{3}</desc>'
        '<defs><pattern id="{0}-hatch" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fff"/>'
        '<rect width="2.5" height="6" fill="{4}"/></pattern></defs>'
    ).format(key, height, title, desc, colour)


def _rect(key: str, bar: Bar, colour: str, x: str, y: float, w: str, h: float):
    paint = Markup('fill="{}"').format(colour)
    if bar.kind == "masked":
        paint = Markup('fill="url(#{}-hatch)" stroke="{}" stroke-width="1.5"')
        paint = paint.format(key, colour)
    elif bar.kind == "none":  # a stub on the baseline: "no figure" is not "0"
        paint, y, h = Markup('fill="{}"').format(RULE), y + h - 2, 2.0
    return Markup(
        '<rect class="bar {}" x="{}" y="{:.1f}" width="{}" height="{:.1f}" {}>'
        "<title>{}: {}</title></rect>"
    ).format(bar.kind, x, y, w, h, paint, bar.label, bar.text)


def _legend(key: str, y: float, colour: str) -> Markup:
    return Markup(
        '<rect x="1" y="{0:.1f}" width="14" height="14" fill="url(#{1}-hatch)" '
        'stroke="{2}" stroke-width="1.5"/>'
        '<text x="22" y="{3:.1f}">fewer than {4}, drawn as {4}</text>'
    ).format(y, key, colour, y + 12, K)


def _describe(bars: list[Bar], span: bool = True) -> str:
    peak = max(bars, key=lambda bar: bar.value)
    where = f"From {bars[0].label} to {bars[-1].label}; h" if span else "H"
    masks = f" Hatched bars stand for fewer than {K}." if _masked(bars) else ""
    return (
        f"{where}ighest: {peak.label}, {peak.text}.{masks} "
        "The figures are in the table below."
    )


def _masked(bars: list[Bar]) -> bool:
    return any(bar.kind == "masked" for bar in bars)


def columns(
    key: str, title: str, bars: list[Bar], colour: str, *, rate: bool = False
) -> Markup:
    """Vertical bars left to right (days, weeks), the tallest as the scale.

    Bars of rates carry no figures ("<5 of 40" does not fit on one), and their
    scale is a percentage.
    """
    peak = max(bars, key=lambda bar: bar.value)
    top = peak.value or 1.0
    step = 100 / len(bars)
    labels = not rate and len(bars) <= LABELLED
    base = TOP + PLOT
    height = base + FOOT + (LEGEND if _masked(bars) else 0)
    parts = [_open(key, title, _describe(bars), height, colour)]
    if peak.value and not labels:  # the scale: a rule at the tallest bar
        parts.append(
            Markup(
                '<line x1="0" x2="100%" y1="{0}" y2="{0}" stroke="{1}" '
                'stroke-dasharray="2 3"/><text x="0" y="{2}">{3}</text>'
            ).format(TOP, RULE, TOP - 6, f"{top:.0%}" if rate else peak.text)
        )
    for i, bar in enumerate(bars):
        h = PLOT * bar.value / top
        x = f"{(i + 0.15) * step:.3f}%"
        parts.append(_rect(key, bar, colour, x, base - h, f"{0.7 * step:.3f}%", h))
        if labels and bar.kind != "none":
            parts.append(
                Markup(
                    '<text x="{:.3f}%" y="{:.1f}" text-anchor="middle">{}</text>'
                ).format((i + 0.5) * step, base - h - 4, bar.text)
            )
    parts.append(
        Markup(
            '<line x1="0" x2="100%" y1="{0}" y2="{0}" stroke="{1}"/>'
            '<text x="0" y="{2}">{3}</text>'
            '<text x="100%" y="{2}" text-anchor="end">{4}</text>'
        ).format(base, RULE, base + 18, bars[0].label, bars[-1].label)
    )
    if _masked(bars):
        parts.append(_legend(key, base + FOOT, colour))
    return Markup("").join(parts) + Markup("</svg>")


def rows(key: str, title: str, bars: list[Bar], colour: str) -> Markup:
    """Horizontal bars, top to bottom, each with its name and figure above it."""
    top = max(bar.value for bar in bars) or 1.0
    height = ROW * len(bars) + (LEGEND if _masked(bars) else 0)
    parts = [_open(key, title, _describe(bars, span=False), height, colour)]
    for i, bar in enumerate(bars):
        y = i * ROW
        parts.append(
            Markup(
                '<text x="0" y="{0}">{1}</text>'
                '<text class="value" x="100%" y="{0}" text-anchor="end">{2}</text>'
            ).format(y + 15, bar.label, bar.text)
        )
        width = f"{max(100 * bar.value / top, 0.5):.3f}%"
        parts.append(_rect(key, bar, colour, "1", y + 21, width, 16))
    if _masked(bars):
        parts.append(_legend(key, ROW * len(bars) + 4, colour))
    return Markup("").join(parts) + Markup("</svg>")


def data_table(title: str, head: tuple[str, str], bars: list[Bar]) -> Markup:
    """A chart's figures as a table in a <details>, for screen readers and copying."""
    body = Markup("").join(
        Markup('<tr><th scope="row">{}</th><td>{}</td></tr>').format(b.label, b.text)
        for b in bars
    )
    return Markup(
        "<details><summary>{0}: the figures</summary><table><caption>{0}</caption>"
        '<thead><tr><th scope="col">{1}</th><th scope="col">{2}</th></tr></thead>'
        "<tbody>{3}</tbody></table></details>"
    ).format(title, head[0], head[1], body)

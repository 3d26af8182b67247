"""Tiny inline SVG charts for the digest: no scripts, no external resources, a text alternative on every chart.

Labels arrive as plain text and are escaped here (Markup.format), so the charts are safe to drop into a template.
"""
from __future__ import annotations

from typing import Sequence

from markupsafe import Markup

WIDTH = 168
HEIGHT = 48
PAD = 4


def _frame(inner: Markup, label: str, css_class: str) -> Markup:
    return Markup(
        '<svg class="{}" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>'
    ).format(css_class, WIDTH, HEIGHT, WIDTH, HEIGHT, label, label, inner)


def day_bars(counts: Sequence[int], label: str) -> Markup:
    """One bar per day, height proportional to that day's statements; empty days keep a hairline baseline."""
    slot = (WIDTH - 2 * PAD) / max(len(counts), 1)
    tallest = max(counts, default=0) or 1
    usable = HEIGHT - 2 * PAD
    bars = Markup("")
    for i, count in enumerate(counts):
        height = max(usable * count / tallest, 1.0)
        bars += Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>').format(
            "bar" if count else "bar-empty", PAD + i * slot + slot * 0.15, HEIGHT - PAD - height, slot * 0.7, height
        )
    return _frame(bars, label, "chart days")


def stance_trend(scores: Sequence[float | None], label: str) -> Markup:
    """Mean stance score per week on a -1..1 scale around a zero line; weeks without targets leave a gap."""
    slot = (WIDTH - 2 * PAD) / max(len(scores) - 1, 1)
    middle = HEIGHT / 2
    reach = middle - PAD
    parts = Markup('<line class="zero" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(PAD, middle, WIDTH - PAD, middle)
    dots = Markup("")
    run: list[str] = []
    for i, score in enumerate(list(scores) + [None]):
        if score is not None:
            x, y = PAD + i * slot, middle - reach * max(-1.0, min(1.0, score))
            run.append(f"{x:.1f},{y:.1f}")
            tone = "pos" if score > 0.1 else "neg" if score < -0.1 else "mid"
            dots += Markup('<circle class="dot {}" cx="{:.1f}" cy="{:.1f}" r="2.5"/>').format(tone, x, y)
        elif run:
            if len(run) > 1:
                parts += Markup('<polyline class="trend" points="{}"/>').format(" ".join(run))
            run = []
    parts += dots
    return _frame(parts, label, "chart trend")

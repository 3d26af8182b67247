"""Tiny inline SVG charts for the digest: no scripts, no external resources, a text alternative on every chart.

Labels arrive as plain text and are escaped here; everything else in the markup is numbers and fixed class names
formatted by this module, so the charts are safe to drop into a template. Plain f-strings rather than
`Markup.format` per element: a busy week draws hundreds of charts, and escaping every number was most of their cost.
"""
from __future__ import annotations

from typing import Sequence

from markupsafe import Markup, escape

WIDTH = 168
HEIGHT = 48
PAD = 4


def _frame(inner: str, label: str, css_class: str) -> Markup:
    text = escape(label)
    return Markup(
        f'<svg class="{css_class}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-label="{text}" xmlns="http://www.w3.org/2000/svg"><title>{text}</title>{inner}</svg>'
    )


def day_bars(counts: Sequence[int], label: str) -> Markup:
    """One bar per day, height proportional to that day's statements; empty days keep a hairline baseline."""
    slot = (WIDTH - 2 * PAD) / max(len(counts), 1)
    tallest = max(counts, default=0) or 1
    usable = HEIGHT - 2 * PAD
    bars = []
    for i, count in enumerate(counts):
        height = max(usable * int(count) / tallest, 1.0)
        bars.append(
            f'<rect class="{"bar" if count else "bar-empty"}" x="{PAD + i * slot + slot * 0.15:.1f}" '
            f'y="{HEIGHT - PAD - height:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}"/>'
        )
    return _frame("".join(bars), label, "chart days")


def stance_trend(scores: Sequence[float | None], label: str) -> Markup:
    """Mean stance score per week on a -1..1 scale around a zero line; weeks without targets leave a gap."""
    slot = (WIDTH - 2 * PAD) / max(len(scores) - 1, 1)
    middle = HEIGHT / 2
    reach = middle - PAD
    parts = [f'<line class="zero" x1="{PAD}" y1="{middle}" x2="{WIDTH - PAD}" y2="{middle}"/>']
    dots = []
    run: list[str] = []
    for i, score in enumerate(list(scores) + [None]):
        if score is not None:
            score = float(score)
            x, y = PAD + i * slot, middle - reach * max(-1.0, min(1.0, score))
            run.append(f"{x:.1f},{y:.1f}")
            tone = "pos" if score > 0.1 else "neg" if score < -0.1 else "mid"
            dots.append(f'<circle class="dot {tone}" cx="{x:.1f}" cy="{y:.1f}" r="2.5"/>')
        elif run:
            if len(run) > 1:
                parts.append(f'<polyline class="trend" points="{" ".join(run)}"/>')
            run = []
    return _frame("".join(parts + dots), label, "chart trend")

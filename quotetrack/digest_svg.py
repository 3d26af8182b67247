"""Inline SVG charts for the digest: no scripts, no external resources, a text alternative on every chart.

Labels arrive as plain text and are escaped here; everything else in the markup is numbers and fixed class names
formatted by this module, so the charts are safe to drop into a template. Plain f-strings rather than
`Markup.format` per element: a site draws thousands of bars, and escaping every number was most of their cost.
"""
from __future__ import annotations

from typing import Sequence

from markupsafe import Markup, escape

HEIGHT = 96
SLOT = 14  # width per time bucket in the viewBox; the chart scales to its column
MIN_WIDTH = 280
BAR_MAX = 10  # a few buckets make slim bars, not blocks


def peak(series: Sequence[tuple[int, int, int]]) -> int:
    """A chart's scale: the largest bucket total above the line (support and neutral) or below it (oppose)."""
    return max((max(s + n, o) for s, o, n in series), default=0)


def stance_bars(series: Sequence[tuple[int, int, int]], label: str) -> Markup:
    """Statements per time bucket around a zero line: support (then neutral, lighter) above, oppose below.

    Bar heights share one scale, the largest of the bucket totals above or below the line, so two buckets (and
    the two directions) compare at a glance; the scale is in the text alternative with every count."""
    width = max(len(series) * SLOT, MIN_WIDTH)
    slot = width / max(len(series), 1)
    middle = HEIGHT / 2
    reach = middle - 2
    top = peak(series) or 1
    parts = [f'<line class="zero" x1="0" y1="{middle}" x2="{width}" y2="{middle}"/>']
    for i, (support, oppose, neutral) in enumerate(series):
        bar = min(slot * 0.7, BAR_MAX)
        x = i * slot + (slot - bar) / 2
        up_support, up_neutral, down = (reach * v / top for v in (support, neutral, oppose))
        if support:
            parts.append(f'<rect class="support" x="{x:.1f}" y="{middle - up_support:.1f}" '
                         f'width="{bar:.1f}" height="{up_support:.1f}"/>')
        if neutral:
            parts.append(f'<rect class="neutral" x="{x:.1f}" y="{middle - up_support - up_neutral:.1f}" '
                         f'width="{bar:.1f}" height="{up_neutral:.1f}"/>')
        if oppose:
            parts.append(f'<rect class="oppose" x="{x:.1f}" y="{middle:.1f}" width="{bar:.1f}" height="{down:.1f}"/>')
    text = escape(label)
    return Markup(
        f'<svg class="chart stance" viewBox="0 0 {width:.0f} {HEIGHT}" preserveAspectRatio="none" role="img" '
        f'aria-label="{text}" xmlns="http://www.w3.org/2000/svg"><title>{text}</title>{"".join(parts)}</svg>'
    )

"""Rendering the digest's pages: jinja2 templates (`templates/`, installed as `quotetrack.templates`), the UI text
of each language (`templates/i18n.yaml`) and a `Formatter` for dates, counts, verbs and charts in that language.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Mapping, Sequence

import jinja2

from . import digest_svg
from .datafiles import load_yaml
from .digest_files import DigestError
from .digest_views import (
    STANCE_NAMES, Buckets, CounterpartGroup, Headline, LeftOut, PairStance, Period, SpeakerPage, StatementView,
    UndatedContext, WeekContext,
)
from .kb import fold
from .models import SPEAKER_UNCERTAIN_BELOW

LANGUAGES = ("it", "en")


@lru_cache(maxsize=None)
def ui_strings(lang: str) -> dict:
    """The UI text of one language, from templates/i18n.yaml."""
    if lang not in LANGUAGES:
        raise DigestError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    text = resources.files("quotetrack.templates").joinpath("i18n.yaml").read_text(encoding="utf-8")
    return load_yaml(text)[lang]


@lru_cache(maxsize=8)
def environment(templates_dir: str | None = None) -> jinja2.Environment:
    """Templates from `templates_dir` first (a user overrides any single file), then the packaged ones."""
    packaged = jinja2.FileSystemLoader(str(resources.files("quotetrack.templates")))
    loaders = [jinja2.FileSystemLoader(templates_dir), packaged] if templates_dir else [packaged]
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@lru_cache(maxsize=4096)
def _cue_lemma(cue: str) -> str | None:
    """The speech verb a cue is a form of (`ha detto che` → dire), from the cue lexicon; None for `:`, `secondo`."""
    from .lang import get, lower

    forms = get().verb_forms
    for word in re.findall(r"[^\W\d_]+", cue):
        found = forms.get(lower(word))
        if found is not None:
            return found.lemma
    return None


class Formatter:
    """Dates, counts, verbs and chart labels in the page's language (templates/i18n.yaml)."""

    def __init__(self, strings: dict, with_year: bool = False):
        self.t = strings
        self.with_year = with_year  # statement dates: "25 marzo" on a week page, "25 marzo 2025" elsewhere
        self._days: dict = {}

    def date(self, day: date | None) -> str:
        if day is None:
            return self.t["undated_short"]
        return self.t["date_format"].format(day=day.day, month=self.t["months"][day.month - 1], year=day.year)

    def day(self, day: date | None) -> str:
        """A statement's date, without the year on a week page (the title has it). Cached per page."""
        if day not in self._days:
            if day is None or self.with_year:
                self._days[day] = self.date(day)
            else:
                self._days[day] = self.t["day_format"].format(day=day.day, month=self.t["months"][day.month - 1])
        return self._days[day]

    def count(self, key: str, n: int) -> str:
        """`n` and its noun, singular or plural: "1 dichiarazione", "2 dichiarazioni"."""
        one, other = self.t["nouns"][key]
        return f"{n} {one if n == 1 else other}"

    def noun(self, key: str, n: int) -> str:
        one, other = self.t["nouns"][key]
        return one if n == 1 else other

    def phrase(self, key: str, n: int, **values) -> str:
        """A sentence with a number in it, singular or plural (`t[key]` is [one, other])."""
        one, other = self.t[key]
        return (one if n == 1 else other).format(n=n, **values)

    def said(self, statement: StatementView) -> str:
        """How the speaker said it, as a reader says it: "ha detto", "ha accusato"; a cue that is no verb (`:`,
        `secondo`) reads as "ha detto"; reported or partly quoted words say so."""
        lemma = _cue_lemma(statement.cue) if statement.cue else None
        verb = self.t["said"].get(lemma) if lemma else None
        verb = verb or self.t["said_default"]
        note = self.t["kind_note"].get(statement.kind)
        return f"{verb} ({note})" if note else verb

    def outlets(self, statement: StatementView) -> str:
        """ " — Cronache d'Esempio e un'altra testata": the first outlet that reported it, and how many more."""
        outlets = [o for o in statement.outlets if o != "?"]
        if not outlets:
            return ""
        more = f" {self.phrase('more_outlets', len(outlets) - 1)}" if len(outlets) > 1 else ""
        return f" — {outlets[0]}{more}"

    def mention(self, statement: StatementView) -> str | None:
        """How the article named the speaker, when that says more than the name itself ("il tycoon"); not for an
        uncertain speaker, whose label says it already (`uncertain`)."""
        mention, name = statement.speaker_mention, statement.speaker
        if not mention or not name or fold(mention) in fold(name) or statement.speaker_uncertain:
            return None
        return self.t["named_as"].format(mention=mention)

    def uncertain(self, statement: StatementView) -> str:
        """Why a statement is marked "speaker uncertain" and what to check: the engine's confidence and the words
        the attribution rests on (how the sentence names the speaker, the cue that introduces the words)."""
        basis = [self.t["uncertain_mention"].format(mention=statement.speaker_mention) if statement.speaker_mention
                 else self.t["uncertain_no_mention"]]
        if statement.cue:
            basis.append(self.t["uncertain_cue"].format(cue=statement.cue))
        sure = (self.t["uncertain_confidence"].format(percent=self.percent(statement.confidence)) + "; "
                if statement.confidence is not None else "")
        return f"{sure}{self.t['uncertain_rests_on']}: {', '.join(basis)}. {self.t['uncertain_check']}"

    def uncertain_note(self, n: int) -> str:
        """How many statements of the page have an uncertain speaker, and what the page does with them."""
        return self.phrase("uncertain_note", n, percent=self.percent(SPEAKER_UNCERTAIN_BELOW))

    def left_out(self, left: LeftOut) -> str:
        return self.phrase("left_out", left.statements, minimum=f"{left.minimum:g}")

    @staticmethod
    def percent(value: float) -> int:
        return round(value * 100)

    def breakdown(self, pair: PairStance) -> str:
        """ "1 a favore, 3 contro, 2 neutrali" (the stances present only)."""
        return ", ".join(
            self.phrase_in(self.t["stance_counts"][name], n)
            for name, n in zip(STANCE_NAMES, (pair.support, pair.oppose, pair.neutral)) if n
        )

    @staticmethod
    def phrase_in(forms: Sequence[str], n: int) -> str:
        return (forms[0] if n == 1 else forms[1]).format(n=n)

    @staticmethod
    def week_of(day: date) -> str:
        return Period.of(day).key

    @staticmethod
    def shorten(text: str, limit: int = 90) -> str:
        """The start of a quote, cut at a word: a reminder of one shown in full above."""
        if len(text) <= limit:
            return text
        return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + " …"

    def period(self, period: Period) -> str:
        if period.is_week:
            year, week = period.key.split("-W")
            return self.t["week_title"].format(week=int(week), year=year, start=self.date(period.start),
                                               end=self.date(period.end))
        return self.t["range_title"].format(start=self.date(period.start), end=self.date(period.end))

    def week_key(self, key: str) -> str:
        year, week = key.split("-W")
        return self.t["week_short"].format(week=int(week), year=year)

    def bucket(self, buckets: Buckets, i: int) -> str:
        start = buckets.starts[i]  # i may count from the end
        if buckets.unit == "week":
            return self.t["bucket_week"].format(day=self.date(start))
        if buckets.unit == "month":
            return f"{self.t['months'][start.month - 1]} {start.year}"
        return str(start.year)

    def axis(self, buckets: Buckets) -> list[tuple[int, str]]:
        """Labels under a chart, as (column from 1, text): where a month (or a year) starts, five at most and none
        in the last three columns (a label runs to the right of where it starts)."""
        months = self.t["months_short"]
        starts = buckets.starts
        n = len(starts)
        step = max(1, math.ceil(n / 6))
        gap = max(3, math.ceil(n / 5))  # columns between labels: five at most, so they never run into each other
        labels = []
        for i, start in enumerate(starts):
            if buckets.unit == "week":
                new = i == 0 or start.month != starts[i - 1].month
            else:
                new = i % step == 0
            if not new or (n > 3 and i > n - 3) or (labels and i + 1 - labels[-1][0] < gap):
                continue
            if buckets.unit == "year":
                text = str(start.year)
            elif i == 0 or start.month == 1 or (buckets.unit == "week" and start.day > 7 and i > 0):
                text = f"{months[start.month - 1]} {start.year}"
            else:
                text = months[start.month - 1]
            labels.append((i + 1, text))
        return labels

    def stance_chart(self, group: CounterpartGroup, buckets: Buckets | None):
        """The group's stance over time as diverging bars, with every non-empty bucket spelled out for a reader
        who cannot see it."""
        if buckets is None or not group.charted:
            return ""
        counts = self.t["stance_counts"]
        spelled = "; ".join(
            f"{self.bucket(buckets, i)}: "
            + ", ".join(self.phrase_in(counts[name], n) for n, name in zip(values, STANCE_NAMES) if n)
            for i, values in enumerate(group.series) if any(values)
        )
        title = (self.t["chart_title"].format(target=group.target) if group.target
                 else self.t["overview_title"] if group.anchor == "overview" else self.t["no_counterpart"])
        return digest_svg.stance_bars(group.series, f"{title} — {spelled}")

    def chart_caption(self, group: CounterpartGroup, buckets: Buckets) -> str:
        top = digest_svg.peak(group.series)
        return self.t["chart_help"].format(first=self.bucket(buckets, 0), last=self.bucket(buckets, -1),
                                           top=self.count("statements", top))


def _render(template: str, lang: str, templates_dir, with_year: bool = False, **context) -> str:
    strings = ui_strings(lang)
    env = environment(str(templates_dir) if templates_dir else None)
    try:
        return env.get_template(template).render(t=strings, lang=lang, fmt=Formatter(strings, with_year), **context)
    except jinja2.TemplateError as error:
        where = getattr(error, "filename", None) or template
        raise DigestError(f"{where}: template error: {error}") from None


@dataclass(frozen=True)
class Links:
    """Where a page's links go. A single week's page links within itself; pages of a site (`write_all`) link to
    the index, the undated page and the speaker pages (`speakers`: name → href from the page)."""

    index: str | None = None
    undated: str | None = None
    speakers_index: str | None = None
    speakers: Mapping[str, str] = field(default_factory=dict)
    weeks: str = ""  # prefix of week pages (`../` from a speaker page)


def render_week(context: WeekContext, lang: str = "it", templates_dir: str | Path | None = None,
                links: Links | None = None) -> str:
    """The week's page as one self-contained HTML document."""
    return _render("digest.html", lang, templates_dir, c=context, links=links or Links())


def render_undated(context: UndatedContext, lang: str = "it", templates_dir=None, links: Links | None = None) -> str:
    return _render("undated.html", lang, templates_dir, with_year=True, c=context, links=links or Links())


def render_speaker(page: SpeakerPage, lang: str = "it", templates_dir=None, links: Links | None = None) -> str:
    return _render("speaker.html", lang, templates_dir, with_year=True, p=page, links=links or Links())


def render_speakers_index(pages: Sequence[SpeakerPage], lang: str = "it", templates_dir=None,
                          links: Links | None = None) -> str:
    return _render("speakers.html", lang, templates_dir, with_year=True, pages=list(pages), links=links or Links())


@dataclass
class IndexEntry:
    period: Period
    headline: Headline
    updated: datetime  # when this week's page last changed


def render_index(entries: Sequence[IndexEntry], lang: str = "it", templates_dir=None, undated: int = 0,
                 speakers: int = 0) -> str:
    return _render("index.html", lang, templates_dir, entries=list(entries), undated=undated, speakers=speakers,
                   links=Links())


def render_feed(entries: Sequence[IndexEntry], lang: str = "it", templates_dir=None) -> str:
    updated = max((e.updated for e in entries), default=datetime(1970, 1, 1, tzinfo=timezone.utc))
    return _render("feed.xml", lang, templates_dir, entries=list(entries), updated=updated)

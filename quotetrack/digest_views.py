"""What the digest's pages show, as plain dataclasses built from statements: a week (the lead, the matrix, what
changed, a section per speaker), the undated statements, a page per speaker.

Everything here works on `StatementView`s, whatever they were read from, so a test or another front end can build
them by hand; `quotetrack.digest` reads them from a database and writes the pages.

A statement whose speaker is uncertain (`StatementView.speaker_uncertain`: below 0.5, where the named speaker is
more often wrong than right) stays on the page, in its speaker's section, labelled and with the words the
attribution rests on, so the reader can check the sentence. It is left out of what states a person's stance
without showing the sentence — the lead, the speaker × counterpart matrix, what changed and the charts — because
there a wrong speaker cannot be caught; the figures and each speaker's count still include it and say how many
such statements there are, and the page notes what was left out of those summaries.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple, Sequence
from urllib.parse import urlsplit

from .digest_files import DigestError, short_hash, slug
from .models import confident, speaker_uncertain

WEEK_RE = re.compile(r"(\d{4})-W(\d{2})")
TOP_SPEAKERS = 5  # "most quoted" in the figures
LEAD_SIZE = 5  # statements in the lead, at most one per speaker
MATRIX_SPEAKERS = 12  # rows of the grid; every other pair is listed under <details> and on the speaker pages
MATRIX_TARGETS = 8  # columns: what fits 1280 px without a scroll box
OTHER_PAIRS_SPEAKERS = 40  # speakers listed under the grid's <details>; the rest are on their own pages
PER_SPEAKER = 10  # statements shown per speaker: a page of thousands of cards is unreadable (and slow to render)
CHANGES_SHOWN = 10  # reversals first, then the strongest new pairs; the rest are counted
QUIET_SHOWN = 8  # speakers who went quiet, most statements the week before first
STANCE_NAMES = ("support", "oppose", "neutral")


@dataclass(frozen=True)
class Period:
    """The days a page covers, both ends included; `key` names its file (`2026-W47` or `2026-11-01_2026-11-14`)."""

    start: date
    end: date
    key: str

    @classmethod
    def week(cls, key: str) -> Period:
        match = WEEK_RE.fullmatch(key.strip())
        if not match:
            raise DigestError(f"{key!r} is not an ISO week; write it like 2026-W47")
        try:
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise DigestError(f"{key!r} is not an ISO week of that year") from None
        return cls(monday, monday + timedelta(days=6), key.strip())

    @classmethod
    def of(cls, day: date) -> Period:
        """The ISO week containing `day`."""
        year, week, weekday = day.isocalendar()
        monday = day - timedelta(days=weekday - 1)
        return cls(monday, monday + timedelta(days=6), f"{year}-W{week:02d}")

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        if end < start:
            raise DigestError(f"the range ends ({end}) before it starts ({start})")
        return cls(start, end, f"{start.isoformat()}_{end.isoformat()}")

    @property
    def is_week(self) -> bool:
        return bool(WEEK_RE.fullmatch(self.key))

    def before(self) -> Period:
        """The period of the same length just before this one (the previous week, for a week)."""
        if self.is_week:
            return Period.of(self.start - timedelta(days=7))
        length = self.end - self.start + timedelta(days=1)
        return Period.between(self.start - length, self.start - timedelta(days=1))


# ---------------------------------------------------------------------------------------------------------------
# what a page shows: plain dataclasses, so a test or another front end can build them by hand


@dataclass(frozen=True)
class SourceView:
    article: str | None  # the article's id: two reports are two articles even with the same title
    title: str | None
    source: str | None  # the outlet
    url: str | None  # only http(s) URLs survive, so every href in the page is safe to follow
    published: date | None


@dataclass(frozen=True)
class TargetView:
    entity: str
    stance: str
    score: float
    evidence: str  # the words that justify the stance


@dataclass(frozen=True)
class StatementView:
    id: str
    speaker: str | None
    quote: str
    kind: str
    cue: str | None
    speaker_mention: str | None
    published: date | None  # None: no source of it carries a date
    sources: tuple[SourceView, ...]
    targets: tuple[TargetView, ...]
    confidence: float | None = None  # the speaker model's probability for `speaker` (None: not measured)

    @property
    def speaker_uncertain(self) -> bool:
        """See `models.speaker_uncertain` (a view built by hand without a confidence is not flagged)."""
        return speaker_uncertain(self.speaker, self.confidence)

    def sure_at(self, minimum: float | None) -> bool:
        """Whether `--min-confidence minimum` keeps it (None keeps everything)."""
        return minimum is None or confident(self.confidence, minimum)

    @property
    def outlets(self) -> list[str]:
        """The distinct outlets that reported it (an article without an outlet counts by its title)."""
        return list(dict.fromkeys(s.source or s.title or "?" for s in self.sources))

    def target(self, entity: str) -> TargetView | None:
        return next((t for t in self.targets if t.entity == entity), None)


class PairStance(NamedTuple):
    """A speaker's statements about one counterpart in a period, and the net stance they add up to (a NamedTuple:
    a busy week has tens of thousands, and a frozen dataclass costs a setattr call per field)."""

    speaker: str
    target: str
    support: int = 0
    oppose: int = 0
    neutral: int = 0

    @property
    def n(self) -> int:
        return self.support + self.oppose + self.neutral

    @property
    def net(self) -> int:
        return self.support - self.oppose

    @property
    def stance(self) -> str:
        """support / oppose by the sign of `net`; mixed when both are there in equal numbers; else neutral."""
        if self.net > 0:
            return "support"
        if self.net < 0:
            return "oppose"
        return "mixed" if self.support else "neutral"

    @property
    def tone(self) -> str:
        """Colour class: s2/o2 for a net of two or more statements, s1/o1 for one, m0 mixed, n0 neutral."""
        if self.net:
            return ("s" if self.net > 0 else "o") + ("2" if abs(self.net) >= 2 else "1")
        return "m0" if self.support else "n0"


@dataclass
class Headline:
    articles: int = 0
    statements: int = 0
    speakers: int = 0
    counterparts: int = 0
    most_quoted: list[tuple[str, int]] = field(default_factory=list)
    uncertain: int = 0  # statements whose speaker is uncertain (see StatementView.speaker_uncertain)
    uncertain_of: dict[str, int] = field(default_factory=dict)  # the same per speaker (only those with any)


@dataclass(frozen=True)
class LeadItem:
    """One of the week's most important statements, with why it ranks: its stance toward `target`, the outlets
    that reported it and whether the speaker's stance toward `target` reversed since the week before."""

    statement: StatementView
    target: TargetView | None
    reversal: PairChange | None
    outlets: int
    score: float


@dataclass
class MatrixRow:
    speaker: str
    cells: list[PairStance | None]


@dataclass
class Matrix:
    """The most active speakers × counterparts as a grid (no empty row or column); `others` lists the remaining
    pairs per speaker (under <details>), `others_hidden` counts speakers left out of that list too."""

    targets: list[str] = field(default_factory=list)
    rows: list[MatrixRow] = field(default_factory=list)
    others: list[tuple[str, list[PairStance]]] = field(default_factory=list)
    others_hidden: int = 0
    others_total: int = 0  # pairs outside the grid, listed or not


@dataclass(frozen=True)
class PairChange:
    speaker: str
    target: str
    before: PairStance | None  # the pair the period before; None for a new pair
    after: PairStance

    @property
    def reversal(self) -> bool:
        return self.before is not None and self.before.net * self.after.net < 0


@dataclass
class Changes:
    shown: list[PairChange] = field(default_factory=list)  # reversals, then the strongest new pairs
    more: int = 0  # new pairs not shown
    quiet: list[tuple[str, int]] = field(default_factory=list)  # (speaker, statements the period before)
    quiet_more: int = 0

    @property
    def empty(self) -> bool:
        return not (self.shown or self.quiet)


@dataclass
class SpeakerSection:
    name: str | None  # None: statements nobody could be credited with
    anchor: str
    statements: list[StatementView]
    pairs: list[PairStance]  # the speaker's counterparts in the period, most statements first
    hidden: int = 0  # statements of the period not shown (beyond the per-speaker cap)
    uncertain: int = 0  # statements of the period (shown or not) whose speaker is uncertain

    @property
    def count(self) -> int:
        return len(self.statements) + self.hidden


@dataclass
class WeekContext:
    period: Period
    headline: Headline
    lead: list[LeadItem]
    matrix: Matrix
    changes: Changes
    sections: list[SpeakerSection]
    compared_to: Period  # the period "what changed" compares with
    previous: Period | None = None  # nearest earlier week with statements (for the page's links)
    next: Period | None = None
    speakers_filter: tuple[str, ...] = ()
    left_out: LeftOut | None = None  # statements `--min-confidence` left out of the page

    def section_of(self, name: str) -> SpeakerSection | None:
        return next((s for s in self.sections if s.name == name), None)


@dataclass
class UndatedContext:
    """Statements whose articles carry no date: they belong to no week, so they get a page of their own."""

    headline: Headline
    sections: list[SpeakerSection]
    speakers_filter: tuple[str, ...] = ()
    left_out: LeftOut | None = None


class LeftOut(NamedTuple):
    """What `--min-confidence` took off a page: the page says so, so a reader never mistakes it for everything."""

    minimum: float
    statements: int


def keep_confident(statements: Iterable[StatementView], minimum: float | None) -> tuple[list, list]:
    """The statements `--min-confidence minimum` keeps (None: every one), and those it leaves out."""
    kept, dropped = [], []
    for statement in statements:
        (kept if statement.sure_at(minimum) else dropped).append(statement)
    return kept, dropped


def left_out_note(minimum: float | None, dropped: Iterable[StatementView]) -> LeftOut | None:
    """What a page says it left out: None when no minimum was asked."""
    return None if minimum is None else LeftOut(minimum, sum(1 for _ in dropped))


@dataclass(frozen=True)
class Buckets:
    """The time axis of a speaker page's charts: weeks for a short archive, months or years for longer ones."""

    unit: str  # week / month / year
    starts: tuple[date, ...]

    @classmethod
    def spanning(cls, first: date, last: date) -> Buckets:
        days = (last - first).days
        if days <= 7 * 26:
            start, unit = first - timedelta(days=first.weekday()), "week"
        elif days <= 366 * 4:
            start, unit = first.replace(day=1), "month"
        else:
            start, unit = first.replace(month=1, day=1), "year"
        starts = [start]
        while (following := _step(starts[-1], unit)) <= last:
            starts.append(following)
        return cls(unit, tuple(starts))

    def index(self, day: date) -> int:
        if self.unit == "week":
            return (day - self.starts[0]).days // 7
        if self.unit == "month":
            return (day.year - self.starts[0].year) * 12 + day.month - self.starts[0].month
        return day.year - self.starts[0].year


def _step(start: date, unit: str) -> date:
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


@dataclass
class CounterpartGroup:
    """A speaker's statements about one counterpart (or about none: `target` None), newest first, undated last."""

    target: str | None
    anchor: str
    pair: PairStance | None
    statements: list[StatementView]
    series: list[tuple[int, int, int]]  # (support, oppose, neutral) per bucket of the page's axis
    last: date | None
    repeats: frozenset[str] = frozenset()  # statements shown in full in an earlier group (a short line here)

    @property
    def charted(self) -> bool:
        """A chart says something with two points in time at least."""
        return sum(1 for counts in self.series if any(counts)) > 1


@dataclass
class SpeakerPage:
    name: str
    slug: str
    statements: int
    articles: int
    outlets: int
    first: date | None
    last: date | None
    undated: int
    buckets: Buckets | None  # None when no statement is dated
    groups: list[CounterpartGroup]
    overview: CounterpartGroup | None  # every stance toward every counterpart over time
    weeks: list[str]  # weeks with statements by this speaker, oldest first


# ---------------------------------------------------------------------------------------------------------------
# from the database's rows to views


def safe_url(url: object) -> str | None:
    """The URL if it is http(s), else None: a `javascript:` or `data:` link from an article never becomes live,
    and a malformed one (`http://[x`) is shown as plain text instead of failing the page."""
    if not isinstance(url, str) or not url.strip():
        return None
    return _http_url(url.strip())


@lru_cache(maxsize=4096)
def _http_url(url: str) -> str | None:
    """Cached: a busy week cites the same articles over and over."""
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket, a bad port
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@lru_cache(maxsize=4096)
def _day(value: object) -> date | None:
    """A stored date as a `date` (a date, datetime or ISO string); anything unreadable counts as no date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _source_view(source: Mapping) -> SourceView:
    return SourceView(
        article=source.get("article") or None,
        title=source.get("title") or None,
        source=source.get("source") or None,
        url=safe_url(source.get("url")),
        published=_day(source.get("published")),
    )


def statement_view(row: Mapping, known_sources: dict | None = None) -> StatementView:
    """A row of `query.statement_rows` as what the pages show; a statement with no listed source shows its article.
    `known_sources` keeps each article's view across rows (an article reports many statements)."""
    known = {} if known_sources is None else known_sources
    sources = []
    for source in list(row.get("sources") or ()) or [row]:
        key = source.get("article") or (source.get("source"), source.get("title"), source.get("url"))
        view = known.get(key)
        if view is None:
            view = known[key] = _source_view(source)
        if view not in sources:
            sources.append(view)
    return StatementView(
        id=str(row["id"]),
        speaker=row["speaker"] if isinstance(row.get("speaker"), str) else None,
        quote=row.get("quote") or "",
        kind=row.get("kind") or "direct",
        cue=row.get("cue") or None,
        speaker_mention=row.get("speaker_mention") or None,
        published=_day(row.get("published")),
        confidence=row.get("confidence"),
        sources=tuple(sources),
        targets=tuple(
            TargetView(t.get("entity") or "", t.get("stance") or "neutral", float(t.get("score") or 0.0),
                       t.get("evidence") or "")
            for t in row.get("targets") or ()
        ),
    )


def build_week(
    period: Period,
    current: list[StatementView],
    before: list[StatementView],
    weeks: Sequence[str] = (),
    per_speaker: int | None = PER_SPEAKER,
    speakers_filter: Sequence[str] = (),
    pairs: dict[tuple[str, str], PairStance] | None = None,
    pairs_before: dict[tuple[str, str], PairStance] | None = None,
    left_out: LeftOut | None = None,
) -> WeekContext:
    """A week's page from its statements and those of the period before (what "changed" compares with).

    `pairs` and `pairs_before`: the `pair_stances` of `current` and `before`, when the caller has them already (a
    site's week is also the next week's period before)."""
    pairs = pair_stances(current) if pairs is None else pairs
    pairs_before = pair_stances(before) if pairs_before is None else pairs_before
    common = (PairChange(*key, pairs_before[key], pair) for key, pair in pairs.items() if key in pairs_before)
    reversals = {(change.speaker, change.target): change for change in common if change.reversal}
    earlier = [key for key in weeks if key < period.key] if period.is_week else []
    later = [key for key in weeks if key > period.key] if period.is_week else []
    return WeekContext(
        period=period,
        headline=headline(current),
        lead=lead(current, pairs, reversals),
        matrix=matrix(pairs),
        changes=changes(pairs, pairs_before, reversals, current, before),
        sections=sections(current, pairs, per_speaker),
        compared_to=period.before(),
        previous=Period.week(earlier[-1]) if earlier else None,
        next=Period.week(later[0]) if later else None,
        speakers_filter=tuple(speakers_filter),
        left_out=left_out,
    )


def pair_stances(statements: Iterable[StatementView]) -> dict[tuple[str, str], PairStance]:
    """Speaker × counterpart → how many statements support, oppose or are neutral toward it (statements whose
    speaker is uncertain left out: a wrong speaker would credit the stance to the wrong person)."""
    counts: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for statement in statements:
        if statement.speaker is None or statement.speaker_uncertain:
            continue
        for target in statement.targets:
            if target.entity and target.entity != statement.speaker:
                counts[statement.speaker, target.entity][_STANCE_INDEX.get(target.stance, 2)] += 1
    return {key: PairStance(*key, *values) for key, values in counts.items()}


_STANCE_INDEX = {name: i for i, name in enumerate(STANCE_NAMES)}


def headline(statements: list[StatementView]) -> Headline:
    articles, counterparts = set(), set()
    for statement in statements:
        articles.update(source for source in statement.sources)
        counterparts.update(target.entity for target in statement.targets)
    counts = _speaker_totals(statements)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_SPEAKERS]
    uncertain = Counter(s.speaker for s in statements if s.speaker_uncertain)
    return Headline(
        articles=len(articles),
        statements=len(statements),
        speakers=len(counts),
        counterparts=len(counterparts - {""}),
        most_quoted=ranked,
        uncertain=sum(uncertain.values()),
        uncertain_of=dict(uncertain),
    )


def _speaker_totals(statements: list[StatementView]) -> Counter[str]:
    """Statements per speaker (unattributed ones left out)."""
    return Counter(s.speaker for s in statements if s.speaker is not None)


def _target_totals(pairs: dict[tuple[str, str], PairStance]) -> Counter[str]:
    """Statements per counterpart, whoever spoke."""
    totals: Counter[str] = Counter()
    for (_, target), pair in pairs.items():
        totals[target] += pair.n
    return totals


def lead(
    statements: list[StatementView],
    pairs: dict[tuple[str, str], PairStance],
    reversals: dict[tuple[str, str], PairChange],
    size: int = LEAD_SIZE,
) -> list[LeadItem]:
    """The statements an editor would put first, at most one per speaker; never one whose speaker is uncertain.

    Each is weighed by the strength of its stance (a non-neutral stance's score), how prominent the speaker and the
    counterpart are this week (their statements, on a log scale against the busiest), how many outlets reported
    it, and whether the speaker's net stance toward that counterpart reversed since the week before."""
    by_speaker, by_target = _speaker_totals(statements), _target_totals(pairs)
    top_speaker, top_target = max(by_speaker.values(), default=1), max(by_target.values(), default=1)

    def prominence(n: int, top: int) -> float:
        return math.log1p(n) / math.log1p(top) if top else 0.0

    scored = []
    for statement in statements:
        if statement.speaker is None or statement.speaker_uncertain:
            continue
        best = None
        for target in statement.targets:
            reversal = reversals.get((statement.speaker, target.entity))
            strength = abs(target.score) if target.stance != "neutral" else 0.0
            value = 3 * strength + prominence(by_target[target.entity], top_target) + (2.0 if reversal else 0.0)
            if best is None or value > best[0]:
                best = (value, target, reversal)
        outlets = len(statement.outlets)
        value, target, reversal = best or (0.0, None, None)
        value += prominence(by_speaker[statement.speaker], top_speaker) + min(outlets - 1, 3) / 3
        scored.append(LeadItem(statement, target, reversal, outlets, round(value, 6)))
    scored.sort(key=lambda item: (-item.score, _newest_first(item.statement)))
    chosen, speakers = [], set()
    for item in scored:
        if item.statement.speaker not in speakers:
            chosen.append(item)
            speakers.add(item.statement.speaker)
            if len(chosen) == size:
                break
    return chosen


def _newest_first(statement: StatementView) -> tuple:
    return (-(statement.published or date.min).toordinal(), statement.id)


def matrix(pairs: dict[tuple[str, str], PairStance]) -> Matrix:
    """The busiest counterparts as columns, then the speakers who talk most about them as rows: every row and
    column has at least one cell. Every other pair is listed per speaker, busiest first."""
    if not pairs:
        return Matrix()
    target_totals = _target_totals(pairs)
    targets = sorted(target_totals, key=lambda t: (-target_totals[t], t))[:MATRIX_TARGETS]
    shown_targets = set(targets)
    speaker_totals: Counter[str] = Counter()
    for (speaker, target), pair in pairs.items():
        if target in shown_targets:
            speaker_totals[speaker] += pair.n
    speakers = sorted(speaker_totals, key=lambda s: (-speaker_totals[s], s))[:MATRIX_SPEAKERS]
    targets = [t for t in targets if any((s, t) in pairs for s in speakers)]
    in_grid = {(s, t) for s in speakers for t in targets if (s, t) in pairs}
    rest: defaultdict[str, list[PairStance]] = defaultdict(list)
    for key, pair in pairs.items():
        if key not in in_grid:
            rest[key[0]].append(pair)
    others = sorted(rest.items(), key=lambda item: (-sum(p.n for p in item[1]), item[0]))
    return Matrix(
        targets=targets,
        rows=[MatrixRow(s, [pairs.get((s, t)) for t in targets]) for s in speakers],
        others=[(s, sorted(ps, key=lambda p: (-p.n, p.target))) for s, ps in others[:OTHER_PAIRS_SPEAKERS]],
        others_hidden=max(len(others) - OTHER_PAIRS_SPEAKERS, 0),
        others_total=len(pairs) - len(in_grid),
    )


def changes(
    pairs: dict[tuple[str, str], PairStance],
    pairs_before: dict[tuple[str, str], PairStance],
    reversals: dict[tuple[str, str], PairChange],
    current: list[StatementView],
    before: list[StatementView],
) -> Changes:
    """Reversals first (the biggest swing first), then the pairs new since the period before, strongest first,
    capped at CHANGES_SHOWN with the rest counted; and who spoke then but not now."""
    flips = sorted(reversals.values(), key=lambda c: (-(abs(c.after.net) + abs(c.before.net)), -c.after.n,
                                                      c.speaker, c.target))
    new = sorted(
        (PairChange(*key, None, pair) for key, pair in pairs.items() if key not in pairs_before),
        key=lambda c: (-abs(c.after.net), -c.after.n, c.speaker, c.target),
    )
    ranked = flips + new
    spoke_now = {s.speaker for s in current}
    spoke_before = Counter(s.speaker for s in before if s.speaker is not None and s.speaker not in spoke_now)
    quiet = sorted(spoke_before.items(), key=lambda item: (-item[1], item[0]))
    return Changes(
        shown=ranked[:CHANGES_SHOWN],
        more=max(len(ranked) - CHANGES_SHOWN, 0),
        quiet=quiet[:QUIET_SHOWN],
        quiet_more=max(len(quiet) - QUIET_SHOWN, 0),
    )


def _relevance(statement: StatementView) -> tuple:
    """Statements whose speaker is sure come first, then those about more counterparts, then reported by more
    outlets; then the latest."""
    return (statement.speaker_uncertain, -len(statement.targets), -len(statement.sources), *_newest_first(statement))


def sections(
    statements: list[StatementView], pairs: dict[tuple[str, str], PairStance], per_speaker: int | None
) -> list[SpeakerSection]:
    """One section per speaker, most quoted first, unattributed statements last; each in date order."""
    by_speaker: defaultdict[str | None, list[StatementView]] = defaultdict(list)
    for statement in statements:
        by_speaker[statement.speaker].append(statement)
    by_pair_speaker: defaultdict[str, list[PairStance]] = defaultdict(list)
    for (speaker, _), pair in pairs.items():
        by_pair_speaker[speaker].append(pair)
    order = sorted(by_speaker, key=lambda name: (name is None, -len(by_speaker[name]), name or ""))
    taken: set[str] = set()
    result = []
    for name in order:
        rows = by_speaker[name]
        shown = rows if per_speaker is None or len(rows) <= per_speaker else sorted(rows, key=_relevance)[:per_speaker]
        result.append(SpeakerSection(
            name=name,
            anchor=_anchor("s", name or "unattributed", taken),
            statements=sorted(shown, key=lambda s: (s.published or date.max, s.id)),
            pairs=sorted(by_pair_speaker.get(name or "", []), key=lambda p: (-p.n, p.target)),
            hidden=len(rows) - len(shown),
            uncertain=sum(s.speaker_uncertain for s in rows),
        ))
    return result


def _anchor(prefix: str, name: str, taken: set[str]) -> str:
    base = slug(name) or "x"
    anchor, n = f"{prefix}-{base}", 2
    while anchor in taken:
        anchor, n = f"{prefix}-{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


# ---------------------------------------------------------------------------------------------------------------
# undated statements and speaker pages


def undated_context(statements: list[StatementView], per_speaker: int | None = None,
                    speakers_filter: Sequence[str] = (), left_out: LeftOut | None = None) -> UndatedContext:
    """The page of statements without a date (`statements`: every statement; the dated ones are skipped)."""
    undated = [s for s in statements if s.published is None]
    return UndatedContext(headline(undated), sections(undated, pair_stances(undated), per_speaker),
                          tuple(speakers_filter), left_out)


def speaker_pages(statements: list[StatementView]) -> list[SpeakerPage]:
    """A page per speaker: every statement, grouped by counterpart (a statement about two counterparts is in
    both groups), the groups with most statements first, statements without a counterpart last."""
    by_speaker: defaultdict[str, list[StatementView]] = defaultdict(list)
    for statement in statements:
        if statement.speaker is not None:
            by_speaker[statement.speaker].append(statement)
    slugs = page_slugs(by_speaker)
    pages = [_speaker_page(name, slugs[name], rows) for name, rows in by_speaker.items()]
    return sorted(pages, key=lambda p: (-p.statements, p.name))


def page_slugs(names: Iterable[str]) -> dict[str, str]:
    """A file name for each speaker's page: the folded name, with a short hash where two names fold alike."""
    names = sorted(set(names))
    bases = {name: slug(name) or "speaker" for name in names}
    clashes = Counter(bases.values())
    return {
        name: base if clashes[base] == 1 and base != "index" else f"{base}-{short_hash(name)}"
        for name, base in bases.items()
    }


def _speaker_page(name: str, page_slug: str, statements: list[StatementView]) -> SpeakerPage:
    dated = [s.published for s in statements if s.published is not None]
    buckets = Buckets.spanning(min(dated), max(dated)) if dated else None
    statements = sorted(statements, key=lambda s: (s.published is None, *_newest_first(s)))
    by_target: defaultdict[str | None, list[StatementView]] = defaultdict(list)
    for statement in statements:
        entities = [t.entity for t in statement.targets if t.entity and t.entity != name]
        for entity in dict.fromkeys(entities) or [None]:
            by_target[entity].append(statement)
    pairs = pair_stances(statements)
    taken: set[str] = set()
    groups, shown = [], set()
    for target in sorted(by_target, key=lambda t: (t is None, -len(by_target[t]), t or "")):
        rows = by_target[target]
        groups.append(CounterpartGroup(
            target=target,
            anchor=_anchor("c", target or "none", taken),
            pair=pairs.get((name, target)) if target else None,
            statements=rows,
            series=_series(rows, [target] if target else [], buckets),
            last=next((s.published for s in rows if s.published), None),
            repeats=frozenset(s.id for s in rows if s.id in shown),
        ))
        shown.update(s.id for s in rows)
    overview = CounterpartGroup(None, "overview", None, statements, _series(statements, None, buckets), None)
    articles = {source for s in statements for source in s.sources}
    return SpeakerPage(
        name=name,
        slug=page_slug,
        statements=len(statements),
        articles=len(articles),
        outlets=len({o for s in statements for o in s.outlets}),
        first=min(dated, default=None),
        last=max(dated, default=None),
        undated=len(statements) - len(dated),
        buckets=buckets,
        groups=groups,
        overview=overview if overview.charted else None,
        weeks=sorted({Period.of(day).key for day in dated}),
    )


def _series(statements: list[StatementView], targets: list[str] | None, buckets: Buckets | None) -> list:
    """(support, oppose, neutral) per bucket: the stances toward `targets` (None: toward every counterpart; a
    statement about none of them counts as neutral when `targets` is empty). Uncertain speakers left out."""
    if buckets is None:
        return []
    series = [[0, 0, 0] for _ in buckets.starts]
    for statement in statements:
        if statement.published is None or statement.speaker_uncertain:
            continue
        counts = series[buckets.index(statement.published)]
        if targets is None:
            for target in statement.targets:
                counts[_STANCE_INDEX.get(target.stance, 2)] += 1
        elif not targets:
            counts[2] += 1
        else:
            for target in filter(None, map(statement.target, targets)):
                counts[_STANCE_INDEX.get(target.stance, 2)] += 1
    return [tuple(counts) for counts in series]

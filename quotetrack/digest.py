"""Weekly HTML digests: who said what about whom in one ISO week, as one self-contained page.

Building the page context from the database (`week_context`) is separate from rendering it (`render_week`), so
templates can be tried on a hand-built context and the data side tested without HTML. `write_digest` writes one
page; `write_all` writes every week with statements, an index and an Atom feed, rewriting only what changed.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator, Sequence
from urllib.parse import urlsplit

import jinja2
import pandas as pd

from . import digest_svg
from .datafiles import load_yaml

LANGUAGES = ("it", "en")
WEEK_RE = re.compile(r"(\d{4})-W(\d{2})")
TREND_WEEKS = 8
TOP_SPEAKERS = 5
MATRIX_SPEAKERS = 20
MATRIX_TARGETS = 15
PER_SPEAKER = 10  # statements shown per speaker: a page of thousands of cards is unreadable (and slow to render)
PAIRS_SHOWN = 30  # new and flipped pairs listed under "what changed", most frequent first; the rest are counted
MANIFEST = ".quotetrack-digest.json"  # per-week content hash and time it last changed (the feed's `updated`)


class DigestError(ValueError):
    """Bad input (a week name, a date range, a missing database): the message is one sentence for the user."""


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

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def before(self) -> Period:
        """The period of the same length just before this one (the previous week, for a week)."""
        if self.is_week:
            return Period.of(self.start - timedelta(days=7))
        length = self.end - self.start + timedelta(days=1)
        return Period.between(self.start - length, self.start - timedelta(days=1))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


# ---------------------------------------------------------------------------------------------------------------
# the page context: plain dataclasses, so a test or another front end can build one by hand


@dataclass
class Headline:
    articles: int = 0
    statements: int = 0
    speakers: int = 0
    counterparts: int = 0
    most_quoted: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class MatrixCell:
    support: int
    oppose: int
    neutral: int
    mean_score: float

    @property
    def n(self) -> int:
        return self.support + self.oppose + self.neutral

    @property
    def stance(self) -> str:
        """The prevailing stance: the larger of support and oppose, neutral on a tie."""
        if self.support > self.oppose:
            return "support"
        if self.oppose > self.support:
            return "oppose"
        return "neutral"

    @property
    def tone(self) -> str:
        """Colour class from the mean score: o2 (strongly against) … s2 (strongly for)."""
        score = self.mean_score
        if score >= 0.5:
            return "s2"
        if score > 0.1:
            return "s1"
        if score >= -0.1:
            return "n0"
        return "o1" if score > -0.5 else "o2"


@dataclass
class MatrixRow:
    speaker: str
    cells: list[MatrixCell | None]


@dataclass
class Matrix:
    targets: list[str] = field(default_factory=list)
    rows: list[MatrixRow] = field(default_factory=list)
    hidden_speakers: int = 0
    hidden_targets: int = 0


@dataclass
class PairChange:
    speaker: str
    target: str
    before: str | None  # stance last period, None for a new pair
    after: str


@dataclass
class Changes:
    new_pairs: list[PairChange] = field(default_factory=list)
    flipped: list[PairChange] = field(default_factory=list)
    quiet: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_pairs or self.flipped or self.quiet)


@dataclass
class SourceView:
    title: str | None
    source: str | None
    url: str | None  # only http(s) URLs survive, so every href in the page is safe to follow
    published: date | None


@dataclass
class TargetView:
    entity: str
    stance: str
    score: float
    evidence: str


@dataclass
class StatementView:
    id: str
    quote: str
    kind: str
    cue: str | None
    speaker_mention: str | None
    published: date
    sources: list[SourceView]
    targets: list[TargetView]


@dataclass
class SpeakerSection:
    name: str | None  # None: statements nobody could be credited with
    anchor: str
    statements: list[StatementView]
    per_day: list[int]  # statements per day of the period
    trend: list[float | None]  # mean stance score per week, oldest first, the period's week last
    hidden: int = 0  # statements of the period not shown (beyond the per-speaker cap)

    @property
    def count(self) -> int:
        return len(self.statements) + self.hidden


@dataclass
class WeekContext:
    period: Period
    headline: Headline
    matrix: Matrix
    changes: Changes
    sections: list[SpeakerSection]
    compared_to: Period  # the period "what changed" compares with
    previous: Period | None = None  # nearest earlier week with statements (for the page's links)
    next: Period | None = None
    trend_weeks: list[Period] = field(default_factory=list)
    speakers_filter: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------------------------
# from the database to a context


def safe_url(url: object) -> str | None:
    """The URL if it is http(s), else None: a `javascript:` or `data:` link from an article never becomes live."""
    if not isinstance(url, str) or not url.strip():
        return None
    return _http_url(url.strip())


@lru_cache(maxsize=4096)
def _http_url(url: str) -> str | None:
    """Cached: a busy week cites the same articles over and over."""
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@contextmanager
def opened(db) -> Iterator:
    """A `Store` for a path (opened here, closed afterwards), or the `Store` / `sqlite_utils.Database` given."""
    if not isinstance(db, (str, Path)):
        yield db
        return
    from .store import Store

    store = Store(db, read_only=True)
    try:
        yield store
    finally:
        store.close()


def statement_weeks(db, speakers: Sequence[str] = ()) -> list[str]:
    """ISO weeks that have at least one statement, oldest first."""
    from . import query

    return sorted({Period.of(day).key for day in query.statement_dates(db, list(speakers) or None)})


def default_week(db, speakers: Sequence[str] = (), today: date | None = None) -> Period:
    """The last complete week with statements; the current one if it is the only one; else last week (empty)."""
    today = today or date.today()
    weeks = [Period.week(key) for key in statement_weeks(db, speakers)]
    complete = [week for week in weeks if week.end < today]
    if complete:
        return complete[-1]
    if weeks:
        return weeks[-1]
    return Period.of(today).before()


def week_context(
    db,
    week: str | Period | None = None,
    speakers: Sequence[str] = (),
    weeks: Sequence[str] | None = None,
    today: date | None = None,
    per_speaker: int | None = PER_SPEAKER,
) -> WeekContext:
    """Everything a page shows for one week (or a date range). `weeks`: the weeks with statements, if known.

    Each speaker's section shows at most `per_speaker` statements (None: all), the most relevant ones; figures,
    matrix, changes and charts always count every statement."""
    with opened(db) as store:
        return _week_context(store, week, tuple(speakers), weeks, today, per_speaker)


def _week_context(db, week, speakers: tuple[str, ...], weeks, today, per_speaker) -> WeekContext:
    from . import query

    if weeks is None:
        weeks = statement_weeks(db, speakers)
    period = Period.week(week) if isinstance(week, str) else week or default_week(db, speakers, today)
    compared_to = period.before()
    trend_weeks = [Period.of(period.end - timedelta(weeks=k)) for k in range(TREND_WEEKS - 1, -1, -1)]
    names = list(speakers) or None
    current = query.statement_rows(db, since=period.start, until=period.end, speaker=names)
    spoke_before = query.speakers(db, since=compared_to.start, until=compared_to.end, speaker=names)["speaker"]
    tables = _StanceTables(db, names)
    previous = [key for key in weeks if key < period.key] if period.is_week else []
    following = [key for key in weeks if key > period.key] if period.is_week else []
    cells = _cells(tables[period])
    return WeekContext(
        period=period,
        headline=_headline(current),
        matrix=_matrix(cells),
        changes=_changes(cells, _cells(tables[compared_to]), current, spoke_before.tolist()),
        sections=_sections(current, period, _trend(tables, trend_weeks), len(trend_weeks), per_speaker),
        compared_to=compared_to,
        previous=Period.week(previous[-1]) if previous else None,
        next=Period.week(following[0]) if following else None,
        trend_weeks=trend_weeks,
        speakers_filter=speakers,
    )


class _StanceTables(dict):
    """`query.stance_pairs` of each period asked for, computed once: the trend's weeks include this one and the
    one it is compared to."""

    def __init__(self, db, speakers: list[str] | None):
        super().__init__()
        self.db, self.speakers = db, speakers

    def __missing__(self, period: Period) -> pd.DataFrame:
        from . import query

        self[period] = query.stance_pairs(self.db, since=period.start, until=period.end, speaker=self.speakers)
        return self[period]


def _cells(table: pd.DataFrame) -> dict[tuple[str, str], MatrixCell]:
    return {
        (speaker, target): MatrixCell(int(support), int(oppose), int(neutral), float(score))
        for speaker, target, support, oppose, neutral, score in zip(
            *(table[column].tolist() for column in ("speaker", "target", "support", "oppose", "neutral")),
            table["mean_score"].fillna(0.0).tolist(),
        )
        if isinstance(speaker, str) and isinstance(target, str)
    }


def _headline(rows: list[dict]) -> Headline:
    articles = {row["article"] for row in rows}
    counterparts = set()
    for row in rows:
        articles.update(source["article"] for source in row["sources"])
        counterparts.update(target["entity"] for target in row["targets"])
    counts = Counter(row["speaker"] for row in rows if isinstance(row["speaker"], str))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_SPEAKERS]
    return Headline(
        articles=len(articles - {None}),
        statements=len(rows),
        speakers=len(counts),
        counterparts=len(counterparts - {None}),
        most_quoted=ranked,
    )


def _matrix(cells: dict[tuple[str, str], MatrixCell]) -> Matrix:
    if not cells:
        return Matrix()
    speaker_totals: Counter[str] = Counter()
    target_totals: Counter[str] = Counter()
    for (speaker, target), cell in cells.items():
        speaker_totals[speaker] += cell.n
        target_totals[target] += cell.n
    speakers = sorted(speaker_totals, key=lambda name: (-speaker_totals[name], name))
    targets = sorted(target_totals, key=lambda name: (-target_totals[name], name))
    shown_speakers, shown_targets = speakers[:MATRIX_SPEAKERS], targets[:MATRIX_TARGETS]
    return Matrix(
        targets=shown_targets,
        rows=[MatrixRow(s, [cells.get((s, t)) for t in shown_targets]) for s in shown_speakers],
        hidden_speakers=len(speakers) - len(shown_speakers),
        hidden_targets=len(targets) - len(shown_targets),
    )


def _changes(now: dict, before: dict, current: list[dict], spoke_before: list[str]) -> Changes:
    """`spoke_before`: who spoke in the earlier period, most statements first."""
    ranked = sorted(now.items(), key=lambda item: (-item[1].n, item[0]))
    new_pairs = [PairChange(s, t, None, cell.stance) for (s, t), cell in ranked if (s, t) not in before]
    flipped = [
        PairChange(s, t, before[(s, t)].stance, cell.stance)
        for (s, t), cell in ranked
        if (s, t) in before and {before[(s, t)].stance, cell.stance} == {"support", "oppose"}
    ]
    speaking_now = {row["speaker"] for row in current}
    return Changes(new_pairs=new_pairs, flipped=flipped, quiet=[s for s in spoke_before if s not in speaking_now])


def _sources(row_sources, fallback: dict) -> list[SourceView]:
    seen: set = set()
    views = []
    for source in list(row_sources or ()) or [fallback]:
        key = source.get("article") or (source.get("source"), source.get("title"), source.get("url"))
        if key in seen:
            continue
        seen.add(key)
        published = source.get("published")
        views.append(
            SourceView(
                title=source.get("title") or None,
                source=source.get("source") or None,
                url=safe_url(source.get("url")),
                published=published if isinstance(published, date) else None,
            )
        )
    return views


def _statement_view(row: dict) -> StatementView:
    fallback = {key: row.get(key) for key in ("article", "title", "source", "url", "published")}
    return StatementView(
        id=str(row["id"]),
        quote=row["quote"] or "",
        kind=row["kind"] or "direct",
        cue=row.get("cue") or None,
        speaker_mention=row.get("speaker_mention") or None,
        published=row["published"],
        sources=_sources(row.get("sources"), fallback),
        targets=[
            TargetView(t.get("entity", ""), t.get("stance") or "neutral", float(t.get("score") or 0.0),
                       t.get("evidence") or "")
            for t in row.get("targets") or ()
        ],
    )


def _anchor(name: str | None, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", (name or "unattributed").casefold()).strip("-") or "speaker"
    anchor, n = f"s-{base}", 2
    while anchor in taken:
        anchor, n = f"s-{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def _trend(tables: _StanceTables, trend_weeks: list[Period]) -> dict[str, list[float | None]]:
    """Mean target score per speaker and week, from each week's stance table (its mean times its count is the sum)."""
    sums: defaultdict[str, list[float]] = defaultdict(lambda: [0.0] * len(trend_weeks))
    counts: defaultdict[str, list[int]] = defaultdict(lambda: [0] * len(trend_weeks))
    for index, week in enumerate(trend_weeks):
        table = tables[week]
        for speaker, n, score in zip(table["speaker"].tolist(), table["n"].tolist(),
                                     table["mean_score"].fillna(0.0).tolist()):
            sums[speaker][index] += float(score) * int(n)
            counts[speaker][index] += int(n)
    return {
        speaker: [s / c if c else None for s, c in zip(sums[speaker], counts[speaker])] for speaker in sums
    }


def _relevance(row: dict) -> tuple:
    """Statements about more counterparts, then reported by more outlets, come first; then the latest."""
    return (-len(row["targets"]), -len(row["sources"]), -row["published"].toordinal(), row["id"])


def _sections(
    current: list[dict], period: Period, trends: dict, n_weeks: int, per_speaker: int | None
) -> list[SpeakerSection]:
    by_speaker: defaultdict[str | None, list[dict]] = defaultdict(list)
    for row in current:
        by_speaker[row["speaker"] if isinstance(row["speaker"], str) else None].append(row)
    day_index = {day: i for i, day in enumerate(period.days)}
    order = sorted(by_speaker, key=lambda name: (name is None, -len(by_speaker[name]), name or ""))
    taken: set[str] = set()
    sections = []
    for name in order:
        rows = by_speaker[name]
        per_day = [0] * len(day_index)
        for row in rows:
            per_day[day_index[row["published"]]] += 1
        shown = rows if per_speaker is None or len(rows) <= per_speaker else sorted(rows, key=_relevance)[:per_speaker]
        statements = sorted((_statement_view(row) for row in shown), key=lambda s: (s.published, s.id))
        trend = trends.get(name) or [None] * n_weeks
        sections.append(
            SpeakerSection(name, _anchor(name, taken), statements, per_day, trend, hidden=len(rows) - len(shown))
        )
    return sections


# ---------------------------------------------------------------------------------------------------------------
# rendering


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


class _DateNames(dict):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def __missing__(self, day: date) -> str:
        self[day] = self.name(day)
        return self[day]


class Formatter:
    """Dates, numbers and chart labels in the page's language."""

    def __init__(self, strings: dict):
        self.t = strings
        self.dates = _DateNames(self.date)  # fmt.dates[day]: a lookup, cheaper than a call per statement in jinja

    def date(self, day: date | None) -> str:
        if day is None:
            return ""
        return self.t["date_format"].format(day=day.day, month=self.t["months"][day.month - 1], year=day.year)

    def short(self, day: date) -> str:
        return f"{self.t['weekdays'][day.weekday()]} {day.day}"

    def period(self, period: Period) -> str:
        if period.is_week:
            year, week = period.key.split("-W")
            return self.t["week_title"].format(week=int(week), year=year, start=self.date(period.start),
                                               end=self.date(period.end))
        return self.t["range_title"].format(start=self.date(period.start), end=self.date(period.end))

    def day_chart(self, section: SpeakerSection, period: Period):
        values = ", ".join(f"{self.short(day)}: {n}" for day, n in zip(period.days, section.per_day))
        return digest_svg.day_bars(section.per_day, f"{self.t['chart_days']} — {values}")

    def trend_chart(self, section: SpeakerSection, weeks: Sequence[Period]):
        values = ", ".join(
            f"{week.key}: {self.t['no_data'] if score is None else f'{score:+.2f}'}"
            for week, score in zip(weeks, section.trend)
        )
        return digest_svg.stance_trend(section.trend, f"{self.t['chart_trend']} — {values}")


def _render(template: str, lang: str, templates_dir: str | Path | None, **context) -> str:
    strings = ui_strings(lang)
    env = environment(str(templates_dir) if templates_dir else None)
    try:
        return env.get_template(template).render(t=strings, lang=lang, fmt=Formatter(strings), **context)
    except jinja2.TemplateError as error:
        where = getattr(error, "filename", None) or template
        raise DigestError(f"{where}: template error: {error}") from None


def render_week(
    context: WeekContext, lang: str = "it", templates_dir: str | Path | None = None, index_href: str | None = None
) -> str:
    """The week's page as one self-contained HTML document; `index_href` links it to a list of all weeks."""
    return _render("digest.html", lang, templates_dir, c=context, index_href=index_href, pairs_shown=PAIRS_SHOWN)


@dataclass
class IndexEntry:
    period: Period
    headline: Headline
    updated: datetime  # when this week's page last changed


def render_index(entries: Sequence[IndexEntry], lang: str = "it", templates_dir=None) -> str:
    return _render("index.html", lang, templates_dir, entries=list(entries))


def render_feed(entries: Sequence[IndexEntry], lang: str = "it", templates_dir=None) -> str:
    updated = max((e.updated for e in entries), default=datetime(1970, 1, 1, tzinfo=timezone.utc))
    return _render("feed.xml", lang, templates_dir, entries=list(entries), updated=updated)


# ---------------------------------------------------------------------------------------------------------------
# writing files


@dataclass
class Written:
    path: Path
    period: Period
    statements: int


@dataclass
class WriteAllResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    weeks: list[str] = field(default_factory=list)


def default_output(db, period: Period) -> Path:
    """`<db dir>/digests/<key>.html`."""
    return Path(getattr(db, "path", db)).parent / "digests" / f"{period.key}.html"


def write_digest(
    db,
    out: str | Path | None = None,
    week: str | Period | None = None,
    speakers: Sequence[str] = (),
    lang: str = "it",
    templates_dir: str | Path | None = None,
    today: date | None = None,
    per_speaker: int | None = PER_SPEAKER,
) -> Written:
    """Render one week (default: the last complete week with statements) and write it to `out`."""
    ui_strings(lang)  # fail on a bad language before touching the database
    context = week_context(db, week, speakers, today=today, per_speaker=per_speaker)
    path = Path(out) if out else default_output(db, context.period)
    _write_text(path, render_week(context, lang, templates_dir))
    return Written(path, context.period, context.headline.statements)


def _write_text(path: Path, text: str) -> bool:
    """Write unless the file already holds exactly this text; True when written."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise DigestError(f"{path}: cannot write ({error.strerror or error})") from None
    return True


def _read_manifest(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and isinstance(data.get("weeks"), dict) else {"weeks": {}}
    except (OSError, ValueError):
        return {"weeks": {}}


def write_all(
    db,
    out_dir: str | Path,
    speakers: Sequence[str] = (),
    lang: str = "it",
    templates_dir: str | Path | None = None,
    now: datetime | None = None,
    per_speaker: int | None = PER_SPEAKER,
) -> WriteAllResult:
    """One page per week with statements, `index.html` and `feed.xml`; files whose bytes would not change are
    left alone, and the manifest remembers when each week's page last changed (the feed's `updated`)."""
    ui_strings(lang)
    with opened(db) as store:
        return _write_all(store, Path(out_dir), tuple(speakers), lang, templates_dir, now, per_speaker)


def _write_all(db, out_dir: Path, speakers, lang, templates_dir, now, per_speaker) -> WriteAllResult:
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    manifest_path = out_dir / MANIFEST
    manifest = _read_manifest(manifest_path)
    weeks = statement_weeks(db, speakers)
    result = WriteAllResult(weeks=list(weeks))
    entries = []
    for key in weeks:
        context = week_context(db, key, speakers, weeks=weeks, per_speaker=per_speaker)
        html = render_week(context, lang, templates_dir, index_href="index.html")
        path = out_dir / f"{context.period.key}.html"
        digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
        changed = _write_text(path, html)
        (result.written if changed else result.unchanged).append(path)
        known = manifest["weeks"].get(key) or {}
        if changed or known.get("sha256") != digest or "updated" not in known:
            known = manifest["weeks"][key] = {"sha256": digest, "updated": now.isoformat()}
        entries.append(IndexEntry(context.period, context.headline, _parse_time(known["updated"], now)))
    entries.reverse()  # newest first
    for name, text in (
        ("index.html", render_index(entries, lang, templates_dir)),
        ("feed.xml", render_feed(entries, lang, templates_dir)),
    ):
        path = out_dir / name
        (result.written if _write_text(path, text) else result.unchanged).append(path)
    _write_text(manifest_path, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return result


def _parse_time(text: str, fallback: datetime) -> datetime:
    try:
        parsed = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return fallback
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)

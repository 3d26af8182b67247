"""Weekly HTML digests: who said what about whom in one ISO week, a page per speaker, one self-contained file each.

What a page shows is built from the database as plain dataclasses (`week_context`, `speaker_pages`,
`undated_context`), separately from rendering them (`render_week`, `render_speaker`, …), so templates can be tried
on a hand-built context and the data side tested without HTML. `write_digest` writes one week; `write_all` writes
every week, a page per speaker, the undated statements, an index and an Atom feed, rewriting only what changed.
Files are written by `quotetrack.digest_files`, which never overwrites a database.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterator, Sequence

from . import digest_files
from .digest_files import DigestError
from .digest_render import (
    LANGUAGES, Formatter, IndexEntry, Links, render_feed, render_index, render_speaker, render_speakers_index,
    render_undated, render_week, ui_strings,
)
from .digest_views import (
    CHANGES_SHOWN, LEAD_SIZE, MATRIX_SPEAKERS, MATRIX_TARGETS, PER_SPEAKER, Buckets, Changes, CounterpartGroup,
    Headline, LeadItem, LeftOut, Matrix, MatrixRow, PairChange, PairStance, Period, SourceView, SpeakerPage,
    SpeakerSection, StatementView, TargetView, UndatedContext, WeekContext, build_week, changes, headline,
    keep_confident, lead, left_out_note, matrix, pair_stances, safe_url, sections, speaker_pages, statement_view,
    undated_context,
)

__all__ = [  # the digest's Python API: one import for building, rendering and writing pages
    "CHANGES_SHOWN", "LEAD_SIZE", "LANGUAGES", "MATRIX_SPEAKERS", "MATRIX_TARGETS", "PER_SPEAKER", "Buckets",
    "Changes", "CounterpartGroup", "DigestError", "EmptyDigest", "Formatter", "Headline", "IndexEntry", "LeadItem",
    "LeftOut", "Links", "Matrix", "MatrixRow", "PairChange", "PairStance", "Period", "SourceView", "SpeakerPage",
    "SpeakerSection", "StatementView", "TargetView", "UndatedContext", "WeekContext", "Written", "build_week",
    "changes", "default_output", "default_week", "headline", "keep_confident", "lead", "load_statements", "matrix",
    "pair_stances", "render_feed", "render_index", "render_speaker", "render_speakers_index", "render_undated",
    "render_week", "safe_url", "sections", "speaker_pages", "statement_view", "statement_weeks", "ui_strings",
    "undated_context", "week_context", "write_all", "write_digest",
]


class EmptyDigest(DigestError):
    """The period has no statements (by the speakers asked for): nothing is written."""


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


def load_statements(db, since: date | None = None, until: date | None = None,
                    speakers: Sequence[str] = ()) -> list[StatementView]:
    """The statements of a period (by default the whole archive, undated ones included), newest first."""
    from . import query

    rows = query.statement_rows(db, since=since, until=until, speaker=list(speakers) or None)
    known_sources: dict = {}
    return [statement_view(row, known_sources) for row in rows]


def statement_weeks(db, speakers: Sequence[str] = ()) -> list[str]:
    """ISO weeks that have at least one statement, oldest first."""
    from . import query

    return sorted({Period.of(day).key for day in query.statement_dates(db, list(speakers) or None) if day})


def default_week(db, speakers: Sequence[str] = (), today: date | None = None) -> Period:
    """The last complete week with statements; the current one if it is the only one; else last week (empty)."""
    return _default_week_of(statement_weeks(db, speakers), today)


def _default_week_of(keys: Sequence[str], today: date | None) -> Period:
    """`default_week` chosen from the weeks with statements already read (oldest first)."""
    today = today or date.today()
    weeks = [Period.week(key) for key in keys]
    complete = [week for week in weeks if week.end < today]
    if complete:
        return complete[-1]
    if weeks:
        return weeks[-1]
    return Period.of(today).before()


# ---------------------------------------------------------------------------------------------------------------
# a week


def week_context(
    db,
    week: str | Period | None = None,
    speakers: Sequence[str] = (),
    weeks: Sequence[str] | None = None,
    today: date | None = None,
    per_speaker: int | None = PER_SPEAKER,
    min_confidence: float | None = None,
) -> WeekContext:
    """Everything a page shows for one week (or a date range). `weeks`: the weeks with statements, if known.

    Each speaker's section shows at most `per_speaker` statements (None: all), the most relevant ones; the figures,
    the lead, the matrix and the changes always weigh every statement. `min_confidence` leaves out the statements
    whose speaker the engine is less sure of (as `quotetrack quotes --min-confidence`), in both periods compared;
    the page counts those it left out."""
    speakers = tuple(speakers)
    with opened(db) as store:
        if weeks is None:
            weeks = statement_weeks(store, speakers)
        period = Period.week(week) if isinstance(week, str) else week or _default_week_of(weeks, today)
        compared_to = period.before()
        current, dropped = keep_confident(load_statements(store, period.start, period.end, speakers), min_confidence)
        before, _ = keep_confident(load_statements(store, compared_to.start, compared_to.end, speakers), min_confidence)
    return build_week(period, current, before, weeks, per_speaker, speakers,
                      left_out=left_out_note(min_confidence, dropped))


# ---------------------------------------------------------------------------------------------------------------
# writing files


@dataclass
class Written:
    path: Path
    period: Period
    statements: int
    undated: int = 0  # statements without a date in the database (in no week: see `write_all`)
    left_out: int = 0  # statements of the period below `min_confidence`


WriteAllResult = digest_files.SiteResult


def default_output(db, period: Period, speakers: Sequence[str] = (), min_confidence: float | None = None) -> Path:
    """`<db dir>/digests/<key>.html`; a page of some speakers only, or of the surest statements only, has a name of
    its own (`<key>_only_<names>.html`, `<key>_min0.85.html`), so it never replaces the page of everyone."""
    suffix = digest_files.filter_suffix(speakers, min_confidence)
    return digest_files.database_folder(db) / "digests" / f"{period.key}{suffix}.html"


def write_digest(
    db,
    out: str | Path | None = None,
    week: str | Period | None = None,
    speakers: Sequence[str] = (),
    lang: str = "it",
    templates_dir: str | Path | None = None,
    today: date | None = None,
    per_speaker: int | None = PER_SPEAKER,
    min_confidence: float | None = None,
) -> Written:
    """Render one week (default: the last complete week with statements) and write it to `out`.

    Raises `EmptyDigest` rather than write a page with nothing on it."""
    ui_strings(lang)  # fail on a bad language before touching the database
    with opened(db) as store:
        context = week_context(store, week, speakers, today=today, per_speaker=per_speaker,
                               min_confidence=min_confidence)
        if not context.headline.statements:
            who = f" by {', '.join(speakers)}" if speakers else ""
            sure = f" with confidence {min_confidence} or more" if min_confidence is not None else ""
            raise EmptyDigest(f"no statements{who}{sure} in {context.period.key} "
                              f"({context.period.start} to {context.period.end}): nothing written")
        path = Path(out) if out else default_output(store, context.period, speakers, min_confidence)
        digest_files.write_page(path, render_week(context, lang, templates_dir), protect=store)
        return Written(path, context.period, context.headline.statements, _undated_count(store, speakers),
                       context.left_out.statements if context.left_out else 0)


def _undated_count(db, speakers: Sequence[str]) -> int:
    """Statements without a date, which no week page shows (counted for everyone only: a filter names aliases)."""
    if speakers:
        return 0
    database = getattr(db, "db", db)
    return database.execute("SELECT count(*) FROM statements WHERE published IS NULL").fetchone()[0]


def write_all(
    db,
    out_dir: str | Path | None = None,
    speakers: Sequence[str] = (),
    lang: str = "it",
    templates_dir: str | Path | None = None,
    now: datetime | None = None,
    per_speaker: int | None = PER_SPEAKER,
    min_confidence: float | None = None,
) -> WriteAllResult:
    """A small static site: a page per week with statements, a page per speaker (`speakers/`), the statements
    without a date (`undated.html`), `index.html` and `feed.xml`. Files whose bytes would not change are left
    alone; the manifest remembers when each week's page last changed (the feed's `updated`) and which speakers
    the folder is for, so a filtered run never overwrites the pages of everyone. `min_confidence`: as for
    `week_context`, on every page; each week's page and the undated one count what they left out."""
    ui_strings(lang)
    speakers = tuple(speakers)
    with opened(db) as store:
        folder = Path(out_dir) if out_dir else digest_files.database_folder(store) / "digests" / \
            digest_files.filter_suffix(speakers, min_confidence).lstrip("_")
        site = digest_files.Site(folder, speakers, protect=store, now=now, min_confidence=min_confidence)
        statements, dropped = keep_confident(load_statements(store, speakers=speakers), min_confidence)
        _write_site(site, statements, speakers, lang, templates_dir, per_speaker, _Dropped(min_confidence, dropped))
    return site.result


class _Dropped:
    """The statements `--min-confidence` left out of a site, counted per week and for the undated page."""

    def __init__(self, minimum: float | None, statements: list[StatementView]):
        self.minimum = minimum
        self.by_week = Counter(Period.of(s.published).key if s.published else None for s in statements)

    def note(self, key: str | None) -> LeftOut | None:
        """What the page of week `key` (None: the undated page) left out."""
        return None if self.minimum is None else LeftOut(self.minimum, self.by_week[key])


def _write_site(site, statements: list[StatementView], speakers, lang, templates_dir, per_speaker,
                dropped: _Dropped) -> None:
    by_week: defaultdict[str, list[StatementView]] = defaultdict(list)
    for statement in statements:
        if statement.published is not None:
            by_week[Period.of(statement.published).key].append(statement)
    weeks = sorted(by_week)
    pairs = {key: pair_stances(rows) for key, rows in by_week.items()}  # each week is also the next one's "before"
    pages = speaker_pages(statements)
    undated = undated_context(statements, per_speaker, speakers, dropped.note(None))
    hrefs = {page.name: f"speakers/{page.slug}.html" for page in pages}
    links = Links(index="index.html", undated="undated.html" if undated.headline.statements else None,
                  speakers_index="speakers/index.html" if pages else None, speakers=hrefs)
    entries = []
    for key in weeks:
        period = Period.week(key)
        before = period.before().key
        context = build_week(period, by_week[key], by_week.get(before, []), weeks, per_speaker, speakers,
                             pairs[key], pairs.get(before, {}), dropped.note(key))
        updated = site.week(key, render_week(context, lang, templates_dir, links))
        entries.append(IndexEntry(period, context.headline, updated))
    nested = Links(index="../index.html", undated=links.undated and "../undated.html",
                   speakers_index="index.html", speakers={p.name: f"{p.slug}.html" for p in pages}, weeks="../")
    for page in pages:
        site.page(f"speakers/{page.slug}.html", render_speaker(page, lang, templates_dir, nested))
    if pages:
        site.page("speakers/index.html", render_speakers_index(pages, lang, templates_dir, nested))
    if undated.headline.statements:
        site.page("undated.html", render_undated(undated, lang, templates_dir, links))
    entries.reverse()  # newest first
    site.page("index.html", render_index(entries, lang, templates_dir, undated.headline.statements, len(pages)))
    site.page("feed.xml", render_feed(entries, lang, templates_dir))
    site.finish(weeks, len(pages), undated.headline.statements)

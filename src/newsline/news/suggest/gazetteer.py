"""What the suggester looks for in one language: countries (our table, then
pycountry's translations), capitals and cities, and the outlet's own people and
topics."""

import gettext
from dataclasses import dataclass
from functools import cache

from ..models import TopicKind
from .matching import Pattern, name_patterns
from .places import COUNTRIES, LANGUAGES, PLACES


@dataclass(frozen=True)
class Entry:
    name: str
    """The topic's name: what the editor accepts."""
    kind: str
    forms: tuple[tuple[Pattern, ...], ...]
    """Each way of writing it, word by word."""
    case_sensitive: bool = True


def entry(name: str, kind: str, language: str, others=(), *, case_sensitive=True) -> Entry:
    spellings = dict.fromkeys([name, *others])  # in order, once each
    forms = tuple(name_patterns(spelling, language) for spelling in spellings if spelling)
    return Entry(name, kind, tuple(form for form in forms if form), case_sensitive)


@cache
def places(language: str) -> tuple[Entry, ...]:
    """Countries and places in ``language``; built once per process."""
    column = LANGUAGES.index(language) if language in LANGUAGES else LANGUAGES.index("en")
    found = []
    for row in COUNTRIES.values():
        found.append(_row_entry(row, column, language, TopicKind.COUNTRY))
    found += _other_countries(language)
    for row in PLACES:
        found.append(_row_entry(row, column, language, TopicKind.PLACE))
    return tuple(found)


def _row_entry(row, column: int, language: str, kind: str) -> Entry:
    others = row[3].get(language, "")
    return entry(row[column], kind, language, [o for o in others.split("|") if o])


def _other_countries(language: str) -> list[Entry]:
    """pycountry's names for the countries our table leaves out, translated where
    its catalogue has the language."""
    try:
        import pycountry
    except ImportError:  # an optional extra; our table covers the newsroom's usual
        return []
    try:
        translate = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
        ).gettext
    except OSError:
        translate = str
    found = []
    for country in pycountry.countries:
        if country.alpha_2 in COUNTRIES:
            continue
        english = getattr(country, "common_name", None) or country.name
        name = english if language == "en" else translate(country.name)
        if language != "en" and name == country.name:
            continue  # no translation: an English name would not be found in the text
        if "," in name or "(" in name:
            continue  # "Korea, Republic of": no newsroom writes that
        found.append(entry(name, TopicKind.COUNTRY, language))
    return found

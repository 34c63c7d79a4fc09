"""Dates and times as the outlet prints them, always in the outlet's time zone.

The server may run in UTC or anywhere else; readers in the outlet's city see
``14:54 27.05.2023`` in local time, and archive days start at local midnight.
"""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def outlet_zone() -> ZoneInfo:
    return _zone(settings.TIME_ZONE)


def outlet_time(moment: datetime) -> datetime:
    return moment.astimezone(outlet_zone())


def clock_time(moment: datetime) -> str:
    """``HH:MM`` in the outlet's zone."""
    return outlet_time(moment).strftime("%H:%M")


def clock_date(moment: datetime) -> str:
    """``DD.MM.YYYY`` in the outlet's zone."""
    return outlet_time(moment).strftime("%d.%m.%Y")


def outlet_day(moment: datetime) -> date:
    return outlet_time(moment).date()


def today() -> date:
    return outlet_day(datetime.now(tz=outlet_zone()))


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The aware instants at which ``day`` starts and the next day starts, locally."""
    zone = outlet_zone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def seconds_until_midnight() -> int:
    """Whole seconds from now until the outlet's next midnight (at least 1)."""
    _, midnight = day_bounds(today())
    return max(1, int((midnight - datetime.now(tz=outlet_zone())).total_seconds()))


# Django's catalogues carry the standalone, capitalised names ("Пятница",
# "Dekabr"); a dateline wants Russian months in the genitive and both languages'
# names in lower case, so the outlet's languages carry their own.
# fmt: off
_WEEKDAYS = {
    "az": ("bazar ertəsi", "çərşənbə axşamı", "çərşənbə", "cümə axşamı", "cümə", "şənbə", "bazar"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
}
_MONTHS = {
    "az": ("yanvar", "fevral", "mart", "aprel", "may", "iyun",
           "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"),
    "en": ("January", "February", "March", "April", "May", "June",
           "July", "August", "September", "October", "November", "December"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня",
           "июля", "августа", "сентября", "октября", "ноября", "декабря"),
}
# fmt: on
_DATELINES = {
    "az": "{day} {month} {year}, {weekday}",
    "en": "{weekday}, {day} {month} {year}",
    "ru": "{weekday}, {day} {month} {year}",
}


def dateline(day: date, language: str) -> str:
    """``Friday, 4 December 2026`` / ``4 dekabr 2026, cümə`` / ``пятница, 4 декабря
    2026``: a day written out as the masthead prints it (English for a language
    the outlet does not publish in)."""
    language = language if language in _DATELINES else "en"
    return _DATELINES[language].format(
        weekday=_WEEKDAYS[language][day.weekday()],
        day=day.day,
        month=_MONTHS[language][day.month - 1],
        year=day.year,
    )

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

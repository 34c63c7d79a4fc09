"""The ticker's addresses, for caches that purge by URL: the News line fragment,
the archive ("All") and an archive day, in the active language."""

from datetime import date

from django.urls import reverse


def of_language(day: date | None = None) -> set[str]:
    paths = {reverse("archive"), reverse("news_line_fragment")}
    if day is not None:
        paths.add(reverse("archive_day", args=[day.year, day.month, day.day]))
    return paths

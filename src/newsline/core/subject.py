"""What a page is about, handed over in one context variable.

Pages and views say what they show (a story with its bylines, a section, a
person…) as a ``Subject``; whatever describes pages for machines (canonical
links, Open Graph, JSON-LD, feed links: ``feeds/meta.py``) reads only that, so
neither side depends on the other's variable names or classes.
"""

from dataclasses import dataclass
from datetime import date

VARIABLE = "subject"

HOME = "home"
SECTION = "section"
STORY = "story"
PERSON = "person"
TOPIC = "topic"
DAY = "day"


@dataclass(frozen=True)
class Subject:
    kind: str
    """One of HOME, SECTION, STORY, PERSON, TOPIC, DAY."""
    item: object
    """The page, the person, the topic (a tag) or the day (a date)."""
    authors: tuple = ()
    """A story's bylines, as people in the page's language."""
    interviewee: object = None
    topics: tuple = ()
    updates: tuple = ()
    """A live story's updates, newest first."""


def about(kind: str, item, **details) -> dict:
    """The context entry for a page about ``item``: ``context.update(about(...))``."""
    return {VARIABLE: Subject(kind, item, **details)}


def of_context(context) -> Subject | None:
    return context.get(VARIABLE)


def day(moment: date) -> dict:
    return about(DAY, moment)

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
TOPICS = "topics"
"""The topic index of a language (``item`` is the language code)."""
CORRECTIONS = "corrections"
"""The corrections of a language (``item`` is the language code)."""


@dataclass(frozen=True)
class Subject:
    kind: str
    """One of HOME, SECTION, STORY, PERSON, TOPIC, DAY, TOPICS, CORRECTIONS."""
    item: object
    """The page, the person, the topic (a tag) or the day (a date)."""
    authors: tuple = ()
    """A story's bylines, as people in the page's language."""
    interviewee: object = None
    topics: tuple = ()
    updates: tuple = ()
    """A live story's updates, newest first."""
    corrections: tuple = ()
    """A story's corrections, newest first, removed ones included."""


def about(kind: str, item, **details) -> dict:
    """The context entry for a page about ``item``: ``context.update(about(...))``."""
    return {VARIABLE: Subject(kind, item, **details)}


def of_context(context) -> Subject | None:
    return context.get(VARIABLE)


def day(moment: date) -> dict:
    return about(DAY, moment)

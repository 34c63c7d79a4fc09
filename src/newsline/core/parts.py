"""Parts of a page rendered once and filed under the keys of what they show.

A story's page is rendered anew whenever it leaves the page cache: a story it
links to changed, its section was renamed, the cache was purged or is off, a
crawler reached it first. Most of it (the article, the description for
machines in its head) shows only the story and what its keys cover, and did
not change. Those parts are filed (``core/filing.py``) under their own names
and keys; a render finds them all with two cache reads, and reads the rows they
show only when one is missing (``news/context.py``).

A part whose render showed a placeholder picture is not filed
(docs/decisions/0027-page-parts-filed.md).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from . import filing, renditions

VARIABLE = "filed_parts"
"""The template context entry holding a page's ``Parts``."""
# The parts a page may file, by label: what the page files and the tags that
# render them (``{% story_article %}``, ``{% machine_meta %}``, ``{% languages %}``)
# agree on.
ARTICLE = "article"
META = "meta"
LANGUAGES = "languages"


@dataclass(frozen=True)
class Part:
    name: str
    """What it is filed under: ``filing.name`` of all it shows that its keys do not cover."""
    keys: frozenset
    """The surrogate keys whose purge makes it wrong."""


class Parts:
    """The filed parts of one render, by label, read together when made."""

    def __init__(self, parts: dict[str, Part], *, timeout: int):
        # Before anything is read, for this process's copies and for filing.
        self.sequence = filing.current_sequence()
        self.parts = parts
        self.timeout = timeout
        found = filing.filed([part.name for part in parts.values()], sequence=self.sequence)
        self.found = {label: found[p.name] for label, p in parts.items() if p.name in found}

    @property
    def complete(self) -> bool:
        """Whether every part was filed: then the render needs none of what they show."""
        return len(self.found) == len(self.parts)

    def value(self, label: str, build: Callable[[], object]) -> object:
        """The part ``label``: as filed, or ``build()``-t now and filed."""
        if label in self.found:
            return self.found[label]
        return self._built(label, build, lambda value: value)

    def markup(self, label: str, render: Callable[[], str]) -> SafeString:
        """The markup part ``label``: as filed, or ``render()``ed now and filed."""
        if label in self.found:
            return mark_safe(self.found[label])  # noqa: S308 - filed from a render
        html = self._built(label, render, str)
        return mark_safe(html)  # noqa: S308 - a template's render

    def _built(self, label: str, build: Callable, kept_as: Callable) -> object:
        """``build()``'s value, filed as ``kept_as(value)`` unless it showed a
        placeholder picture."""
        with renditions.watching() as showed_pending:
            value = build()
        if not showed_pending():
            part = self.parts[label]
            kept = {part.name: (kept_as(value), part.keys)}
            filing.file_many(kept, sequence_before=self.sequence, timeout=self.timeout)
        return value


def of_context(context) -> Parts | None:
    return context.get(VARIABLE)


def markup(context, label: str, render: Callable[[], str]) -> SafeString:
    """The markup part ``label`` of the page being rendered: filed where the page
    files its parts and this one among them, else ``render()``ed."""
    parts = of_context(context)
    if parts is None or label not in parts.parts:
        return mark_safe(render())  # noqa: S308 - a template's render
    return parts.markup(label, render)


def value(context, label: str, build: Callable[[], object]) -> object:
    """The part ``label`` of the page being rendered: filed where the page files
    its parts and this one among them, else ``build()``-t."""
    parts = of_context(context)
    if parts is None or label not in parts.parts:
        return build()
    return parts.value(label, build)

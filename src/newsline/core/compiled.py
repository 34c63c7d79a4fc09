"""Templates compiled to Python once per process, for the few pieces of markup a
page repeats dozens of times (the story card, the News line's items).

Django's template engine re-resolves every variable and tag of an
``{% include %}`` for each repetition, which was a third of an uncached home
page's CPU; Jinja2 turns a template into a Python function once. These templates
(``templates/compiled/``) are given ready values by the tag or fragment that
renders them, escape everything they are given (autoescape), and refuse a name
they were not given (``StrictUndefined``). Every other template is Django's
(docs/decisions/0021-prepared-model-queries-and-compiled-cards.md).
"""

from functools import cache
from pathlib import Path

import jinja2
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

FOLDER = Path(__file__).resolve().parents[1] / "templates" / "compiled"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(FOLDER),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # Django's escaping, so a compiled piece is byte for byte what a Django
        # template would have written (``&#x27;``, not Jinja's ``&#39;``).
        finalize=conditional_escape,
    )


def render(name: str, **values) -> SafeString:
    """The compiled template ``name`` rendered with ``values`` (escaped)."""
    html = _environment().get_template(name).render(**values)
    return mark_safe(html)  # noqa: S308 - Jinja2 escaped every value


def markup(html: SafeString) -> jinja2.utils.markupsafe.Markup:
    """Markup we made already (Django's safe HTML), passed in unescaped."""
    return jinja2.utils.markupsafe.Markup(html)

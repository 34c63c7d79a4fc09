"""The page editor's form class, built once per page type instead of per request.

Wagtail builds the edit form's class (a model form with a formset for each inline
panel, each itself a built class) from the page type's panels on every request
that edits or previews a page: on a story, 3 ms of each save and of each of the
two requests the preview panel sends on a change. Since Wagtail 3 a panel's form
options may depend only on the model (the request and the user come in when the
form is made, ``for_user``), so the class is the same each time and is kept.
"""

import functools

from wagtail.utils.decorators import cached_classmethod


def keep_form_class(panel):
    """``panel`` (a page type's edit handler) answering ``get_form_class`` with
    the class it built the first time."""
    panel.get_form_class = functools.cache(panel.get_form_class)
    return panel


class KeptEditForm:
    """For page models: Wagtail's edit handler, with its form class kept."""

    @cached_classmethod
    def get_edit_handler(cls):
        return keep_form_class(super().get_edit_handler())

"""The admin's story form: Wagtail's, with a free address found for a new story."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

MAX_SUFFIX = 1000


def free_slug(slug: str, parent: Page, page: Page) -> str:
    """``slug``, or ``slug-2``, ``slug-3`` … whichever no sibling uses yet."""
    candidate, number = slug, 1
    while not Page._slug_is_available(candidate, parent, page) and number < MAX_SUFFIX:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


class StoryForm(WagtailAdminPageForm):
    """A new story whose headline's address is taken (say by an abandoned draft
    with the same headline) gets the next free one, as WordPress does, instead of
    an error; an existing story's address changes only as the editor types it."""

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug and self.instance.pk is None and self.parent_page is not None:
            return free_slug(slug, self.parent_page, self.instance)
        return slug

"""Which pages a reader may see, said once per page type."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from newsline.core import filing, surrogate

ANY_RESTRICTION = "newsline:any-view-restriction"


def any_view_restriction() -> bool:
    """Whether any page of the outlet has a view restriction (password, login,
    groups). Most outlets have none, and then a page's own check asks nothing
    (``ReaderPage.get_view_restrictions``). Filed under ``all``, which setting or
    removing a restriction purges before and after its commit (``publishing``):
    as current as every page in the page cache. Unreadable, it is read anew."""
    return filing.one_filed(ANY_RESTRICTION, {surrogate.EVERYTHING}, _any_restriction)


def _any_restriction() -> tuple[bool, float]:
    return PageViewRestriction.objects.exists(), surrogate.true_until()


def behind_view_restriction():
    """True for a page under a view restriction (password, login, groups).

    Wagtail's ``public()`` reads every restriction into Python on each call; as a
    correlated subquery the database does it inside the list query."""
    restricted_ancestor = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Exists(restricted_ancestor)


class ArticleQuerySet(PageQuerySet):
    def published(self, at=None):
        """Stories a reader may see now (or ``at`` that moment): live, public, dated
        and not past expiry."""
        return self._due(at).exclude(behind_view_restriction())

    def published_for_search(self):
        """The same stories as ``published()``, in filters the search backend can
        translate (it cannot take a subquery, so restrictions are read first)."""
        return self._due().public()

    def _due(self, at=None):
        now = at or timezone.now()
        return (
            self.live()
            .filter(published_at__isnull=False, published_at__lte=now)
            .exclude(expire_at__lte=now)
        )

    def in_locale(self, locale):
        return self.filter(locale=locale)

    def filed_in(self, *sections):
        """Stories filed directly in any of ``sections`` (by the indexed section
        column, not the tree path, so a small section's list reads only its own).
        One section may be an expression (``queries.ids_of_each``)."""
        if len(sections) == 1:
            return self.filter(section_page=sections[0])
        return self.filter(section_page__in=sections)

    def for_listing(self):
        """Only what a headline list needs, with the thumbnail's image row."""
        return self.for_headlines().select_related("main_image")

    def for_headlines(self):
        """Only what a headline list needs: lists that show no picture, and those
        whose cards are filed (``news/cards.py`` reads the pictures of the cards
        it renders, which are few once the cards are filed)."""
        return self.only(
            "id",
            "title",
            "url_path",
            "content_type_id",
            "locale_id",
            "translation_key",
            "published_at",
            "last_published_at",
            "lead",
            "is_breaking",
            "breaking_until",
            "main_image",
            "expire_at",
        )


class SectionQuerySet(PageQuerySet):
    def visible(self, at=None):
        """Sections a reader may see now (or ``at`` that moment): live, not past
        expiry, and outside any view restriction (checked in the query, as for
        stories). The masthead, section feeds, sitemaps and the API all ask this."""
        now = at or timezone.now()
        return self.live().exclude(expire_at__lte=now).exclude(behind_view_restriction())

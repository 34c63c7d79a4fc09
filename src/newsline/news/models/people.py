"""People: the journalists who sign stories and the people they interview."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A journalist, an interviewee, or both, translatable like the stories."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, allow_unicode=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "core.NewsImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), blank=True, max_length=2000)
    is_journalist = models.BooleanField(
        _("journalist"), default=False, help_text=_("Signs stories of this outlet.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("position"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("is_journalist"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_person_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The profile in the reader's language; the view falls back to any translation."""
        return reverse("person", kwargs={"slug": self.slug})

    def clean(self):
        # The form leaves ``locale`` out, so Django skips the unique constraint
        # below and the database refused the save with a server error instead.
        super().clean()
        taken = Person.objects.filter(locale_id=self.locale_id, slug=self.slug)
        if self.slug and self.locale_id and taken.exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "slug": _(
                        "Another person in this language already has the address "
                        "“%(slug)s”; choose another."
                    )
                    % {"slug": self.slug}
                }
            )

    @property
    def introduction(self) -> str:
        """'Position, Organisation' as printed under the name."""
        return ", ".join(part for part in (self.position, self.organisation) if part)


class ArticleAuthor(Orderable):
    """One byline of a story, in the order the editor set."""

    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        # An author's page lists their stories: from the person straight to the
        # stories, without visiting the byline rows (5 ms instead of 31 ms for a
        # prolific journalist at a million stories; docs/scale.md).
        indexes = [models.Index(fields=["person", "page"], name="byline_person_page")]

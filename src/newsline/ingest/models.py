"""Wire sources, what each ingest run did, and which story each wire item became."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from newsline.news.models import SectionPage, story_model

FORMATS = [
    ("rss", "RSS 2.0"),
    ("atom", "Atom 1.0"),
    ("ninjs", "IPTC ninjs (1.x, 2.x, 3.x)"),
    ("newsml", "IPTC NewsML-G2"),
]
MIN_POLL_SECONDS = 30


class WireSource(models.Model):
    """An agency wire or a partner's feed that Newsline reads on its own."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    format = models.CharField(_("format"), max_length=10, choices=FORMATS)
    url = models.URLField(
        _("address"), max_length=1000, blank=True, help_text=_("The feed's http(s) address.")
    )
    folder = models.CharField(
        _("drop folder"),
        max_length=500,
        blank=True,
        help_text=_("A folder on the server the agency drops files into, instead of an address."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    section = models.ForeignKey(
        SectionPage, verbose_name=_("section"), on_delete=models.PROTECT, related_name="+"
    )
    publish = models.BooleanField(
        _("publish at once"),
        default=False,
        help_text=_("Otherwise each item waits as a draft for an editor."),
    )
    poll_interval = models.PositiveIntegerField(_("poll every (seconds)"), default=300)
    enabled = models.BooleanField(_("enabled"), default=True)
    kind_mapping = models.JSONField(
        _("kind mapping"),
        default=dict,
        blank=True,
        help_text=_(
            'Category or label words and the story kind they mean, e.g. {"Reportage": '
            '"video", "Müsahibə": "interview"}; added to the built-in ones.'
        ),
    )
    # Polling state, kept by the worker.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False)
    failures = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("format"), FieldPanel("url"), FieldPanel("folder")]),
        MultiFieldPanel([FieldPanel("language"), FieldPanel("section"), FieldPanel("publish")]),
        FieldPanel("poll_interval"),
        FieldPanel("enabled"),
        FieldPanel("kind_mapping"),
    ]

    class Meta:
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.url) == bool(self.folder):
            errors["url"] = _("Give either an address or a drop folder, not both.")
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            errors["url"] = _("Only http and https addresses can be polled.")
        if self.poll_interval < MIN_POLL_SECONDS:
            errors["poll_interval"] = _("Poll at most every %(seconds)s seconds.") % {
                "seconds": MIN_POLL_SECONDS
            }
        if self.section_id and self.section.locale.language_code != self.language:
            errors["section"] = _("Choose a section in the source's language.")
        bad = unknown_kinds(self.kind_mapping)
        if bad:
            errors["kind_mapping"] = bad
        if errors:
            raise ValidationError(errors)


def unknown_kinds(mapping) -> str:
    """What is wrong with a kind mapping, in words, or ''."""
    if not isinstance(mapping, dict):
        return _('Write the mapping as {"word": "kind"}.')
    wrong = sorted(str(kind) for kind in mapping.values() if story_model(str(kind)) is None)
    if wrong:
        return _("Unknown kinds: %(kinds)s.") % {"kinds": ", ".join(wrong)}
    return ""


class IngestRun(models.Model):
    """One poll of a source, or one ``newsline ingest`` of files and addresses."""

    source = models.ForeignKey(
        WireSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    label = models.CharField(max_length=200)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("ingest run")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.label} {self.started_at:%Y-%m-%d %H:%M:%S}"

    @property
    def summary(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {self.rejected}"
        )


class RejectedItem(models.Model):
    run = models.ForeignKey(IngestRun, on_delete=models.CASCADE, related_name="rejections")
    ref = models.CharField(max_length=500)
    reason = models.TextField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.ref}: {self.reason}"


class WireStory(models.Model):
    """Which story a wire item became, so the same item twice is one story, and
    what ingest last did to it (to tell an editor's work from its own)."""

    source_key = models.CharField(max_length=100, blank=True)
    """The source's name; empty for ``newsline ingest`` without ``--source``."""
    guid = models.CharField(max_length=500)
    story = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10)
    content_hash = models.CharField(max_length=64)
    ingest_revision_id = models.BigIntegerField(null=True)
    """The last revision ingest saved: a later one is an editor's."""
    published_by_ingest = models.BooleanField(default=False)
    signature = models.BinaryField(blank=True)
    """MinHash of the text's word shingles, for near-duplicates across sources."""
    duplicate_of = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    flag = models.TextField(blank=True)
    """Why an editor should look (a new version of a story they took over, a
    withdrawal, a near-duplicate); empty when nothing is asked of them."""
    received_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source_key", "guid"], name="one_story_per_wire_item")
        ]
        indexes = [models.Index(fields=["language", "-received_at"], name="wire_recent")]

    def __str__(self):
        return f"{self.source_key or 'manual'}:{self.guid}"

"""The page tree: a home per language, sections under it, stories in sections."""

from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.search import index

from newsline.core.blocks import ArticleBodyBlock
from newsline.core.editing import KeptEditForm
from newsline.core.prepared import PreparedIds, PreparedObjects
from newsline.core.preview import PreviewWithSharedHandler
from newsline.core.rows import LoadedPlainly
from newsline.core.text import printable

from ..blocks import GalleryBlock, InterviewBodyBlock
from ..forms import StoryForm
from ..kinds import FromStoryKind, StoryKind
from ..video import player_url
from .querysets import (
    ArticleQuerySet,
    SectionQuerySet,
    any_view_restriction,
    behind_view_restriction,
)
from .topics import ArticleTopic

# Tolerate an editor's clock being a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=1)


# What each page type shows a reader beyond its fields comes from news/context.py,
# which reads through the selectors in news/queries.py; those import these models,
# so the context layer registers itself here in NewsConfig.ready() instead of
# being imported (page type -> builder(page, request) -> dict).
CONTEXT_BUILDERS: dict = {}


def reader_context(page, request) -> dict:
    """The registered context of the nearest page type of ``page``, or nothing."""
    for model in type(page).__mro__:
        if model in CONTEXT_BUILDERS:
            return CONTEXT_BUILDERS[model](page, request)
    return {}


def _restrictions_on(**paths):
    """Restrictions on the pages at ``paths`` (a page and its ancestors), or on
    the originals of those that are aliases."""
    paths = list(paths.values())
    aliases = Page.objects.filter(path__in=paths, alias_of__isnull=False)
    on_pages = Q(page__path__in=paths, page__alias_of__isnull=True)
    return PageViewRestriction.objects.filter(
        on_pages | Q(page__in=aliases.values("alias_of"))
    ).values("pk")


@lru_cache
def _restrictions_at(depth: int) -> PreparedIds:
    return PreparedIds(_restrictions_on, texts=tuple(f"path{number}" for number in range(depth)))


# Page addresses worked out in this process (``ReaderPage.get_url_parts``); a
# site's new root or a moved page changes the key, so nothing here goes stale.
_URL_PARTS: dict = {}
URL_PARTS_KEPT = 20_000


class ReaderPage(LoadedPlainly, PreviewWithSharedHandler, KeptEditForm):
    """What every page a reader sees shares: its translations a reader may open,
    Wagtail's ``get_view_restrictions`` in one query instead of two, and previews
    through one handler per process (``core/preview.py``).

    Wagtail reads the page's ancestors to learn which are aliases, then their
    restrictions. The ancestors' paths are prefixes of the page's own, so both
    go in one query: restrictions on the page or an ancestor, or (an alias takes
    its original's restrictions, as in Wagtail) on the original of one that is
    an alias. Every reader's page view asks this (``check_view_restrictions``).
    On an outlet with no restriction at all, nothing is asked (``any_view_restriction``).
    The editor's form class is built once per page type (``core/editing.py``),
    and a row from the database is built without modelcluster's walk of every
    field (``core/rows.py``).
    """

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        ends = range(self.steplen, len(self.path) + 1, self.steplen)
        paths = {f"path{number}": self.path[:end] for number, end in enumerate(ends)}
        if not paths:  # a page not in the tree yet (a new page's preview)
            return PageViewRestriction.objects.none()
        # A queryset still (the admin orders and counts it), of ids from a query
        # built once per depth: building it was a tenth of a story's render.
        return PageViewRestriction.objects.filter(pk__in=_restrictions_at(len(paths))(**paths))

    def get_url_parts(self, request=None):
        """Wagtail's, remembered for the process: the parts depend only on the
        sites' root paths, the page's address and the active language, and
        working them out again (a ``reverse`` each) was a tenth of a home page.
        A page under more than one site depends on the request: not remembered."""
        roots = tuple(self._get_relevant_site_root_paths(request))
        if len({root.site_id for root in roots}) > 1:
            return super().get_url_parts(request)
        key = (roots, self.url_path, translation.get_language())
        parts = _URL_PARTS.get(key)
        if parts is None:
            parts = super().get_url_parts(request)
            if len(_URL_PARTS) >= URL_PARTS_KEPT:
                _URL_PARTS.clear()
            _URL_PARTS[key] = parts
        return parts

    def reader_translations(self):
        """The page in every language where a reader may open it (itself included),
        with their locales: the language switcher and hreflang alternates. The
        restriction check is in the query, as in every list (``querysets.py``)."""
        return _READER_TRANSLATIONS(pk=self.pk, now=timezone.now())


def _reader_translations(*, pk, now):
    group = Page.objects.filter(pk=pk).values("translation_key")[:1]
    translations = Page.objects.live().filter(translation_key=Subquery(group))
    translations = translations.exclude(expire_at__lte=now).exclude(behind_view_restriction())
    return Page.objects.filter(pk__in=translations.values("pk")).select_related("locale")


_READER_TRANSLATIONS = PreparedObjects(_reader_translations, ids=("pk",), moments=("now",))


class HomePage(ReaderPage, Page):
    """The front page of one language: curated top story and slots, then sections."""

    top_story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("top story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("top_story"),
        InlinePanel("featured_stories", label=_("Featured stories"), max_num=6),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return {**context, **reader_context(self, request)}


class HomeFeaturedStory(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_stories")
    story = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("story")]


class SectionPage(ReaderPage, Page):
    """A desk such as Politics or Sport; stories are published inside it."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    objects = PageManager.from_queryset(SectionQuerySet)()

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types: list[str] = []  # every story kind; set below, once they exist

    class Meta:
        verbose_name = _("section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return {**context, **reader_context(self, request)}


def search_language_token(language_code: str) -> str:
    """A made-up word that every story's search text carries for its language, so
    one search can ask the index for matches in that language only: the index
    itself knows no languages (decision 0009)."""
    return f"inlang{language_code}"


class ArticlePage(ReaderPage, Page):
    """What every story kind shares. Never created directly; pick a kind."""

    lead = models.TextField(
        _("lead"), max_length=600, help_text=_("One or two sentences that sum up the story.")
    )
    main_image = models.ForeignKey(
        "core.NewsImage",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the moment of publication. To schedule, use Go-live."),
    )
    is_breaking = models.BooleanField(
        _("breaking news"),
        default=False,
        help_text=_(
            "Shows a banner linking to this story on every page of its language "
            "until you untick it or the time below runs out."
        ),
    )
    breaking_until = models.DateTimeField(
        _("breaking until"),
        null=True,
        blank=True,
        help_text=_("Leave empty for two hours from publication."),
    )
    # Set by news/services/corrections.py without a revision (a correction is
    # published whatever the draft holds), so feeds and dateModified see it.
    last_corrected_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The parent section, copied from the tree on every save and move so lists can
    # use an index on (section, time); decision 0011.
    section_page = models.ForeignKey(
        "news.SectionPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    topics = ClusterTaggableManager(
        through=ArticleTopic, blank=True, verbose_name=_("topics"), related_name="articles"
    )

    objects = PageManager.from_queryset(ArticleQuerySet)()

    story_kind = StoryKind(code="news", label=None, genre="Current Events", iptc_genre="Current")
    kind = FromStoryKind("code")
    label = FromStoryKind("label")
    # The story's <article>, rendered inside its page (``{% story_article %}``) and
    # filed with the page's description for machines (``news/filed.py``).
    article_template = "news/story/article.html"
    parts_filed = True
    base_form_class = StoryForm
    is_creatable = False
    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead", boost=1.5),
        index.SearchField("search_language"),
        index.FilterField("published_at"),
        index.FilterField("expire_at"),
    ]

    head_panels = [
        # TitleFieldPanel, not FieldPanel: it fills the slug from the headline as
        # the editor types.
        TitleFieldPanel("title"),
        FieldPanel("lead"),
        FieldPanel("main_image"),
    ]
    meta_panels = [
        MultiFieldPanel(
            [
                InlinePanel("authors", label=_("Bylines"), min_num=0),
                FieldPanel("topics"),
                InlinePanel("pinned_related", label=_("Related stories shown first"), min_num=0),
                FieldPanel("is_breaking"),
                FieldPanel("breaking_until"),
                FieldPanel("published_at"),
            ],
            heading=_("Bylines, topics and time"),
        )
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [
            models.Index(fields=["published_at"], name="article_published_at"),
            # The breaking banner asks for the few stories marked breaking whose
            # time has not run out: without this, a scan of every story (70-120 ms
            # at a million, docs/scale.md).
            models.Index(
                fields=["breaking_until"],
                condition=models.Q(is_breaking=True),
                name="article_breaking_until",
            ),
            models.Index(
                fields=["section_page", "-published_at", "-page_ptr"],
                name="article_section_published",
            ),
            # Reader search joins the search index on its text ``object_id``;
            # this lets PostgreSQL go from the matches to their stories.
            models.Index(
                Cast("page_ptr", output_field=models.CharField(max_length=50)),
                name="article_id_as_text",
            ),
        ]

    def save(self, *args, **kwargs):
        # Control characters (pasted from a word processor) break every XML output.
        self.title, self.lead = printable(self.title), printable(self.lead)
        # The reader-facing time is fixed at first publication unless an editor
        # set one; Wagtail has already stamped first_published_at by then.
        if self.live and self.published_at is None:
            self.published_at = self.first_published_at or timezone.now()
        self._keep_breaking_time()
        # Partial saves (a revision saved, an autosave) leave the tree alone.
        update_fields = kwargs.get("update_fields")
        if self.path and (update_fields is None or "path" in update_fields):
            self.section_page_id = self.parent_section_id()
        return super().save(*args, **kwargs)

    def _keep_breaking_time(self) -> None:
        """A story marked breaking is breaking for a while from when it goes out
        (``NEWSLINE_BREAKING_HOURS``) unless the editor set an end; unticked, it has
        no end to keep."""
        if not self.is_breaking:
            self.breaking_until = None
        elif self.live and self.breaking_until is None:
            self.breaking_until = timezone.now() + timedelta(hours=settings.NEWSLINE_BREAKING_HOURS)

    def with_content_json(self, content):
        """A revision published later must not take back a correction made since
        it was saved: the correction time stays the row's."""
        page = super().with_content_json(content)
        page.last_corrected_at = self.last_corrected_at
        return page

    @property
    def modified_at(self):
        """When the story last changed for its readers: published or corrected."""
        moments = (self.last_published_at or self.published_at, self.last_corrected_at)
        return max((moment for moment in moments if moment is not None), default=None)

    @property
    def is_breaking_now(self) -> bool:
        return bool(
            self.is_breaking and self.breaking_until and self.breaking_until > timezone.now()
        )

    def clean(self):
        super().clean()
        longest = timedelta(hours=settings.NEWSLINE_BREAKING_MAX_HOURS)
        if (
            self.is_breaking
            and self.breaking_until
            and self.breaking_until > timezone.now() + longest
        ):
            raise ValidationError(
                {
                    "breaking_until": _(
                        "A breaking banner can run at most %(hours)s hours from now."
                    )
                    % {"hours": settings.NEWSLINE_BREAKING_MAX_HOURS}
                }
            )
        if self.published_at and self.published_at > timezone.now() + CLOCK_SKEW:
            raise ValidationError(
                {
                    "published_at": _(
                        "The publication time cannot be in the future. "
                        "To schedule the story, use Set schedule in the status panel, "
                        "then Schedule to publish."
                    )
                }
            )

    def route(self, request, path_components):
        # Expiry takes a story off the site at its time, not when the scheduler
        # next runs.
        if not path_components and self.expire_at and self.expire_at <= timezone.now():
            raise Http404("This story has expired")
        return super().route(request, path_components)

    def parent_section_id(self) -> int | None:
        """The id of the section this story sits in, read from the tree: the one
        source of the ``section_page`` column (on save, and on move)."""
        parent_path = self.path[: -self.steplen]
        return SectionPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()

    @property
    def search_language(self) -> str:
        """The story's language as a word for the search index (see
        ``search_language_token``)."""
        return search_language_token(self.locale.language_code)

    @property
    def filed_section_id(self) -> int | None:
        """The id of the story's section: the column, kept from the tree on every
        save and move; a story never saved (its first preview) asks the tree."""
        if self.section_page_id or not self.path:
            return self.section_page_id
        return self.parent_section_id()

    @cached_property
    def section(self):
        """The section the story is filed in (see ``filed_section_id``), or None."""
        section_id = self.filed_section_id
        if section_id is None:
            return None
        # Wagtail's routing leaves the parent it routed through on the page (the
        # attribute treebeard's get_parent reads), so a story page needs no query.
        routed_through = getattr(self, "_cached_parent_obj", None)
        if routed_through is not None and routed_through.pk == section_id:
            return routed_through
        if self.section_page_id:
            return self.section_page
        return SectionPage.objects.filter(pk=section_id).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return {**context, **reader_context(self, request)}


def _story_panels(*body_panels):
    return [*ArticlePage.head_panels, *body_panels, *ArticlePage.meta_panels]


class NewsPage(ArticlePage):
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = _story_panels(FieldPanel("body"))
    search_fields = [*ArticlePage.search_fields, index.SearchField("body")]
    template = "news/news_page.html"

    class Meta:
        verbose_name = _("news story")


class OpinionPage(ArticlePage):
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))

    story_kind = StoryKind(
        code="opinion",
        label=_("Opinion"),
        genre="Opinion",
        iptc_genre="Opinion",
        schema_type="OpinionNewsArticle",
        shows_author_photo=True,
    )
    content_panels = _story_panels(FieldPanel("body"))
    search_fields = [*ArticlePage.search_fields, index.SearchField("body")]
    template = "news/opinion_page.html"

    class Meta:
        verbose_name = _("opinion")


class InterviewPage(ArticlePage):
    interviewee = models.ForeignKey(
        "news.Person",
        verbose_name=_("interviewee"),
        on_delete=models.PROTECT,
        related_name="interviews",
    )
    body = StreamField(InterviewBodyBlock(), verbose_name=_("questions and answers"))

    story_kind = StoryKind(
        code="interview", label=_("Interview"), genre="Interview", iptc_genre="Interview"
    )
    content_panels = _story_panels(FieldPanel("interviewee"), FieldPanel("body"))
    search_fields = [*ArticlePage.search_fields, index.SearchField("body")]
    template = "news/interview_page.html"
    article_template = "news/story/interview.html"

    class Meta:
        verbose_name = _("interview")


class VideoPage(ArticlePage):
    video_url = models.URLField(
        _("video address"),
        help_text=_("Address of the video on a supported host, e.g. YouTube or Vimeo."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    story_kind = StoryKind(code="video", label=_("Video"), genre="Video")
    content_panels = _story_panels(FieldPanel("video_url"), FieldPanel("body"))
    search_fields = [*ArticlePage.search_fields, index.SearchField("body")]
    template = "news/video_page.html"
    article_template = "news/story/video.html"

    class Meta:
        verbose_name = _("video story")

    def clean(self):
        super().clean()
        if self.video_url and player_url(self.video_url) is None:
            raise ValidationError({"video_url": _("Use the address of a YouTube or Vimeo video.")})

    @property
    def player_url(self):
        return player_url(self.video_url)


class GalleryPage(ArticlePage):
    photos = StreamField(GalleryBlock(), verbose_name=_("photos"))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    story_kind = StoryKind(code="gallery", label=_("Photo"), genre="Photo story")
    content_panels = _story_panels(FieldPanel("photos"), FieldPanel("body"))
    search_fields = [*ArticlePage.search_fields, index.SearchField("body")]
    template = "news/gallery_page.html"
    article_template = "news/story/gallery.html"

    class Meta:
        verbose_name = _("photo story")


class LivePage(ArticlePage):
    """Live coverage: a story that grows by timestamped updates, each a record of
    its own (``LiveUpdate``) so several editors post at once without overwriting
    each other. When its coverage ends it stays as an archived report."""

    body = StreamField(ArticleBodyBlock(), verbose_name=_("summary"), blank=True)
    coverage_ended_at = models.DateTimeField(
        _("coverage ended"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the coverage is over: readers then get an archived report with "
            "every update, and open pages stop asking for new ones."
        ),
    )

    story_kind = StoryKind(
        code="live", label=_("Live"), genre="Live coverage", schema_type="LiveBlogPosting"
    )
    content_panels = _story_panels(FieldPanel("body"), FieldPanel("coverage_ended_at"))
    search_fields = [*ArticlePage.search_fields, index.SearchField("body")]
    template = "news/live_page.html"
    article_template = "news/story/live.html"
    # Its article holds the updates, which change under their own key: rendered each time.
    parts_filed = False

    class Meta:
        verbose_name = _("live coverage")

    @property
    def is_running(self) -> bool:
        return self.coverage_ended_at is None or self.coverage_ended_at > timezone.now()


def story_models() -> tuple[type[ArticlePage], ...]:
    """Every kind of story, in the order editors are offered them."""
    return (NewsPage, InterviewPage, OpinionPage, VideoPage, GalleryPage, LivePage)


def story_model(code: str) -> type[ArticlePage] | None:
    """The story model of a kind's code (``interview``), or None."""
    return next((model for model in story_models() if model.kind == code), None)


SectionPage.subpage_types = [model._meta.label for model in story_models()]

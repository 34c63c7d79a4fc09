"""Suggested topics in the story editor: a side panel beside Wagtail's status,
preview and checks, the address it asks for suggestions as the editor writes,
and the one it tells what the editor accepted or rejected."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.side_panels import BaseSidePanel
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Locale, Page

from newsline.core.text import printable

from .models import ArticlePage, TopicKind
from .services import decide, suggestions_for_text
from .suggest import story_text

# Enough for the longest story; more is refused rather than scanned.
TEXT_LIMIT = 200_000
KIND_LABELS = dict(TopicKind.choices)


class TopicSuggestionsPanel(BaseSidePanel):
    class SidePanelToggle(BaseSidePanel.SidePanelToggle):
        aria_label = _("Toggle suggested topics")
        icon_name = "tag"

    name = "topic-suggestions"
    title = _("Suggested topics")
    template_name = "news/admin/topic_suggestions_panel.html"
    order = 320

    def __init__(self, page, request, *, language: str):
        super().__init__(page, request)
        self.language = language

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        story = self.object if self.object.pk else None
        text = story_text(self.object) if story else ""
        found = suggestions_for_text(text, self.language, story=story) if text else []
        context.update(
            {
                "suggestions": [_as_dict(item) for item in found],
                "language": self.language,
                "story_id": story.pk if story else "",
            }
        )
        return context


def _with_topics_panel(view_class):
    class WithTopicsPanel(view_class):
        def get_side_panels(self):
            panels = super().get_side_panels()
            if isinstance(self.page, ArticlePage) and not self.expects_json_response:
                language = self.locale.language_code if self.locale else "en"
                panels.append(TopicSuggestionsPanel(self.page, self.request, language=language))
            return panels

    return WithTopicsPanel


story_edit_view = _with_topics_panel(EditView).as_view()
story_create_view = _with_topics_panel(CreateView).as_view()


class SuggestForm(forms.Form):
    text = forms.CharField(max_length=TEXT_LIMIT, required=False, strip=False)
    language = forms.CharField(max_length=16)
    story = forms.IntegerField(required=False)


class DecideForm(forms.Form):
    name = forms.CharField(max_length=100)
    kind = forms.ChoiceField(choices=TopicKind.choices)
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])

    def clean_name(self):
        name = printable(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError("only spaces and control characters")
        return name


@require_POST
def suggest_topics(request):
    """Suggestions for the text in the editor now (not yet saved)."""
    form = SuggestForm(request.POST)
    if not form.is_valid():
        return _refused(form)
    language = form.cleaned_data["language"]
    if not Locale.objects.filter(language_code=language).exists():
        return JsonResponse({"error": f"unknown language: {language}"}, status=400)
    story = _editable_story(request, form.cleaned_data["story"])
    found = suggestions_for_text(form.cleaned_data["text"], language, story=story)
    return JsonResponse({"suggestions": [_as_dict(item) for item in found]})


@require_POST
def decide_topic(request, page_id):
    """An editor accepted or rejected a suggestion on a saved story."""
    story = _editable_story(request, page_id)
    form = DecideForm(request.POST)
    if not form.is_valid():
        return _refused(form)
    data = form.cleaned_data
    accept = data["decision"] == "accept"
    topic = decide(story, data["name"], data["kind"], accept=accept, user=request.user)
    return JsonResponse({"name": topic.name if topic else data["name"], "accepted": accept})


def _editable_story(request, page_id) -> ArticlePage | None:
    if not page_id:
        return None
    story = get_object_or_404(Page, pk=page_id).specific
    if (
        not isinstance(story, ArticlePage)
        or not story.permissions_for_user(request.user).can_edit()
    ):
        raise PermissionDenied
    return story


def _refused(form) -> JsonResponse:
    errors = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in form.errors.items())
    return JsonResponse({"error": errors}, status=400)


def _as_dict(item) -> dict:
    return {
        "name": item.name,
        "kind": item.kind,
        "kind_label": str(KIND_LABELS.get(item.kind, "")),
        "found_as": item.found_as,
    }

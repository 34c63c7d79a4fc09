"""Corrections in the admin: the newest corrections of the outlet, and one page per
story to publish a correction or withdraw one with a reason. Writes go through
``services/corrections.py``; nothing is deleted."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets import AdminDateTimeInput

from .models import ArticlePage, Correction
from .services import CorrectionError, add_correction, may_correct, remove_correction
from .services.corrections import REASON_LIMIT, TEXT_LIMIT

DESK_SIZE = 50


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Correction"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("In the story's language; readers see it under the story."),
    )
    corrected_at = forms.DateTimeField(
        label=gettext_lazy("Time of the correction"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=gettext_lazy("Leave empty for now."),
    )


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why it is removed"), max_length=REASON_LIMIT, widget=forms.TextInput
    )


def _story(request, page_id) -> ArticlePage:
    story = get_object_or_404(ArticlePage, pk=page_id)
    if not may_correct(request.user, story):
        raise PermissionDenied
    return story


def corrections_desk(request):
    """The newest corrections of every language, for those who publish them."""
    if not request.user.has_perm("news.add_correction"):
        raise PermissionDenied
    newest = Correction.objects.select_related("story", "story__locale")[:DESK_SIZE]
    return TemplateResponse(
        request,
        "news/admin/corrections_desk.html",
        {"corrections": newest, "page_title": _("Corrections"), "header_icon": "edit"},
    )


def story_corrections(request, page_id):
    """Publish a correction of one story; below, its corrections with a way to
    withdraw each."""
    story = _story(request, page_id)
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                add_correction(
                    story,
                    form.cleaned_data["text"],
                    request.user,
                    at=form.cleaned_data["corrected_at"],
                )
            except CorrectionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Correction published."))
                return redirect("story_corrections", page_id=story.pk)
        else:
            messages.error(request, _("The correction could not be published: see below."))
    return TemplateResponse(
        request,
        "news/admin/story_corrections.html",
        {
            "story": story,
            "form": form,
            "removal_form": RemovalForm(),
            "corrections": Correction.objects.filter(story=story),
            "page_title": _("Corrections"),
            "header_icon": "edit",
        },
    )


@require_POST
def remove(request, correction_id):
    correction = get_object_or_404(Correction.objects.select_related("story"), pk=correction_id)
    _story(request, correction.story_id)
    form = RemovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the correction is removed; readers see it."))
        return redirect("story_corrections", page_id=correction.story_id)
    try:
        remove_correction(correction, request.user, form.cleaned_data["reason"])
    except CorrectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Correction withdrawn; readers see that it was."))
    return redirect("story_corrections", page_id=correction.story_id)

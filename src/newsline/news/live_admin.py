"""The live desk in the admin: running coverage, and one page per live story to
post, correct and remove updates. Updates are rows of their own, so two editors
posting at once each add theirs; nobody's work is overwritten."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel, ObjectList

from .models import LivePage, LiveUpdate
from .services import LiveError, correct_update, may_post, post_update, remove_update

UPDATE_PANELS = ObjectList(
    [
        FieldPanel("headline"),
        FieldPanel("body"),
        FieldPanel("author"),
        FieldPanel("is_key_event"),
        FieldPanel("is_pinned"),
    ]
).bind_to_model(LiveUpdate)


def _form(request, instance, *, bound=True):
    form_class = UPDATE_PANELS.get_form_class()
    data = request.POST if bound and request.method == "POST" else None
    form = form_class(data, instance=instance, for_user=request.user)
    panel = UPDATE_PANELS.get_bound_panel(instance=instance, request=request, form=form)
    return form, panel


def _checked_form(request, instance):
    """The editor's form, validated on a post. A post missing the form's own fields
    (not sent by our page) gets a message naming what is missing and an empty
    form, never a crash."""
    form, panel = _form(request, instance)
    if request.method != "POST":
        return form, panel, False
    try:
        return form, panel, form.is_valid()
    except (KeyError, ValueError) as missing:
        messages.error(request, _("The update arrived incomplete (%(what)s).") % {"what": missing})
        form, panel = _form(request, instance, bound=False)
        return form, panel, False


def _story(request, page_id) -> LivePage:
    story = get_object_or_404(LivePage, pk=page_id)
    if not may_post(request.user, story):
        raise PermissionDenied
    return story


def live_desk(request):
    """Live stories the user may post to, running ones first."""
    newest = LivePage.objects.order_by("-first_published_at", "-pk").select_related("locale")
    mine = [story for story in newest[:100] if may_post(request.user, story)]
    mine.sort(key=lambda story: not (story.live and story.is_running))
    return TemplateResponse(
        request,
        "news/admin/live_desk.html",
        {"stories": mine, "page_title": _("Live coverage"), "header_icon": "radio-full"},
    )


def live_story(request, page_id):
    """Post a new update; below, every update with its correct and remove links."""
    story = _story(request, page_id)
    form, panel, is_valid = _checked_form(request, LiveUpdate(story=story))
    if request.method == "POST":
        if is_valid:
            try:
                post_update(story, form.save(commit=False), request.user)
            except LiveError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Update posted."))
                return redirect("live_story", page_id=story.pk)
        else:
            messages.error(request, _("The update could not be posted: see the errors below."))
    return TemplateResponse(
        request,
        "news/admin/live_story.html",
        {
            "story": story,
            "form": form,
            "panel": panel,
            "media": form.media + panel.media,
            "updates": LiveUpdate.objects.filter(story=story).select_related("author"),
            "page_title": story.title,
            "header_icon": "radio-full",
        },
    )


def edit_update(request, update_id):
    update = get_object_or_404(LiveUpdate.objects.select_related("story"), pk=update_id)
    story = _story(request, update.story_id)
    if update.removed_at is not None:
        raise Http404("A removed update cannot be corrected")
    form, panel, is_valid = _checked_form(request, update)
    if is_valid:
        try:
            correct_update(form.save(commit=False), request.user)
        except LiveError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Correction saved; readers see when it was made."))
            return redirect("live_story", page_id=story.pk)
    return TemplateResponse(
        request,
        "news/admin/live_update_edit.html",
        {
            "story": story,
            "update": update,
            "form": form,
            "panel": panel,
            "media": form.media + panel.media,
            "page_title": _("Correct an update"),
            "header_icon": "radio-full",
        },
    )


@require_POST
def remove(request, update_id):
    update = get_object_or_404(LiveUpdate.objects.select_related("story"), pk=update_id)
    _story(request, update.story_id)
    try:
        remove_update(update, request.user)
    except LiveError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Update removed; readers see a note in its place."))
    return redirect(reverse("live_story", args=[update.story_id]))

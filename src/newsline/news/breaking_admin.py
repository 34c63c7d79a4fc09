"""The breaking desk in the admin: which stories carry the banner now, ending one
without opening it, and the site-wide "breaking day" switch."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import ArticlePage
from .queries import is_breaking_day
from .services import BreakingError, end_breaking, set_breaking_day

SWITCH_PERMISSION = "news.change_breakingday"


def may_switch_breaking_day(user) -> bool:
    return user.has_perm(SWITCH_PERMISSION)


def breaking_desk(request):
    now = timezone.now()
    marked = ArticlePage.objects.live().filter(is_breaking=True, breaking_until__gt=now)
    stories = [
        story
        for story in marked.select_related("locale").order_by("-published_at")[:50]
        if story.permissions_for_user(request.user).can_edit()
    ]
    return TemplateResponse(
        request,
        "news/admin/breaking_desk.html",
        {
            "stories": stories,
            "is_breaking_day": is_breaking_day(),
            "may_switch": may_switch_breaking_day(request.user),
            "page_title": _("Breaking news"),
            "header_icon": "warning",
        },
    )


@require_POST
def end(request, page_id):
    story = get_object_or_404(ArticlePage, pk=page_id)
    if not story.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    try:
        end_breaking(story, request.user)
    except BreakingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The banner of “%(title)s” is gone.") % {"title": story.title})
    return redirect("breaking_desk")


@require_POST
def switch_day(request):
    if not may_switch_breaking_day(request.user):
        raise PermissionDenied
    is_on = request.POST.get("is_on") == "1"
    set_breaking_day(is_on, request.user)
    messages.success(request, _("Breaking day is on.") if is_on else _("Breaking day is off."))
    return redirect("breaking_desk")

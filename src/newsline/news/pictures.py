"""Who may change or delete a picture: Wagtail's rules (permissions per collection,
and one's own uploads), and one of the newsroom's: a picture a live story shows is
changed or deleted only by someone who may change every picture of its collection
(chief editors, administrators), never on the strength of having uploaded it.

Wagtail 7.4 keeps its image permission policy in one object, which each of its
views, forms, bulk actions and choosers bound when imported (a registry to replace
it came later: wagtail/wagtail#14398). ``guard_live_pictures`` makes that object a
``PicturePermissionPolicy``, so every path asks the same question.
"""

from functools import wraps

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.images import permissions as image_permissions
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from newsline.core.models import NewsImage

from .queries import shown_in_live_stories, stories_showing

HELD_BACK = _(
    "“%(title)s” is used by a published story; ask a chief editor to change or delete it."
)
_ALTERING = frozenset({"change", "delete"})


def _as_wagtail_reads(actions) -> set[str]:
    # As CollectionOwnershipPermissionPolicy reads actions: deleting is changing.
    return (set(actions) & {"choose", "change"}) | ({"change"} if "delete" in actions else set())


class PicturePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images, except that owning a picture a live story shows
    no longer lets one change or delete it."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        allowed = super().user_has_any_permission_for_instance(user, actions, instance)
        if not allowed or not _ALTERING & set(actions):
            return allowed
        if self._check_perm(user, _as_wagtail_reads(actions), collection=instance.collection):
            return True  # allowed by the collection, not by ownership
        return not stories_showing(instance).live().exists()

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if not _ALTERING & set(actions) or not user.is_authenticated or user.is_superuser:
            return instances
        collections = self._collections_with_perm(user, _as_wagtail_reads(actions))
        return instances.filter(Q(collection__in=collections) | ~shown_in_live_stories())

    def users_with_any_permission_for_instance(self, actions, instance):
        if _ALTERING & set(actions) and stories_showing(instance).live().exists():
            return self._users_with_perm(_as_wagtail_reads(actions), instance.collection)
        return super().users_with_any_permission_for_instance(actions, instance)

    def is_held_back(self, user, action: str, image) -> bool:
        """Whether the live-story rule alone refuses ``action``: Wagtail's would allow it."""
        wagtail_allows = super().user_has_any_permission_for_instance(user, [action], image)
        return wagtail_allows and not self.user_has_permission_for_instance(user, action, image)


def guard_live_pictures() -> None:
    """Put the live-story rule into Wagtail's image permission policy (once)."""
    policy = image_permissions.permission_policy
    if isinstance(policy, PicturePermissionPolicy):
        return
    if type(policy) is not CollectionOwnershipPermissionPolicy:
        raise ImproperlyConfigured(
            f"Wagtail's image permission policy is a {type(policy).__name__}; the rule on "
            "pictures used by live stories (newsline.news.pictures) expects Wagtail's own."
        )
    policy.__class__ = PicturePermissionPolicy


def explaining_refusal(view, action: str):
    """Wagtail's view of one picture (edit or delete), saying why when the live-story
    rule alone refuses ``action``, where Wagtail would say only that permission is
    lacking."""

    @wraps(view)
    def explained(request, image_id):
        try:
            return view(request, image_id=image_id)
        except PermissionDenied:
            image = NewsImage.objects.filter(pk=image_id).first()
            policy = view.view_class.permission_policy  # the one that refused
            if image is None or not policy.is_held_back(request.user, action, image):
                raise
            messages.error(request, HELD_BACK % {"title": image.title})
            return redirect("wagtailimages:index")

    return explained

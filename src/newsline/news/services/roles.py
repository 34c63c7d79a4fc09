"""Newsroom writes: giving people their roles (``newsline grant``) and keep the roles'
groups, the desks' collections and the desk review workflow in place."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from ..models import HomePage, SectionPage
from ..roles import LANGUAGE, ROLES, SECTION, Role

DESK_REVIEW = "Desk review"
MEDIA_APPS = ("wagtailimages", "wagtaildocs")


class GrantError(ValueError):
    """What is wrong with a grant, in words for the person typing it."""


@dataclass
class Granted:
    user: str
    role: str
    pages: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)


def ensure_roles() -> None:
    """Create each role's group with its permissions, once: a group that exists is
    left as an administrator may have changed it. Also the site-wide desk review
    workflow (chief editors approve) on the root page."""
    for role in ROLES.values():
        if role.is_superuser:
            continue
        group, created = Group.objects.get_or_create(name=role.name)
        if created:
            _give_permissions(group, role)
    _ensure_site_workflow()


def _give_permissions(group: Group, role: Role) -> None:
    root = Collection.get_first_root_node()
    for dotted in role.permissions:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        if app_label not in MEDIA_APPS:
            group.permissions.add(permission)
        elif role.scope != SECTION:  # Wagtail asks per collection: the root covers all
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
        # A section role's pictures and documents are its desks' (``grant``).


def _media_permissions(role: Role) -> list[Permission]:
    labels = [dotted.split(".") for dotted in role.permissions]
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in labels
        if app_label in MEDIA_APPS
    ]


def _ensure_site_workflow() -> None:
    chiefs = Group.objects.get(name=ROLES["chief-editor"].name)
    workflow = _review_workflow(DESK_REVIEW, [chiefs])
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def _review_workflow(name: str, groups: list[Group]) -> Workflow:
    workflow, created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if created:
        task = GroupApprovalTask.objects.create(name=f"{name}: approval", active=True)
        task.groups.set(groups)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def grant(
    *, username: str, role_key: str, section: str | None = None, language: str | None = None
) -> Granted:
    """Give ``username`` a role, where it applies: a section (in one language or
    all), a language, or the site. Idempotent; raises ``GrantError``."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise GrantError(f"no user named {username!r}")
    role = ROLES.get(role_key)
    if role is None:
        raise GrantError(f"no role {role_key!r}; roles: {', '.join(ROLES)}")
    granted = Granted(user=username, role=role.name)
    if role.is_superuser:
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
        return granted
    ensure_roles()
    base = Group.objects.get(name=role.name)
    user.groups.add(base)
    granted.groups.append(base.name)
    pages = _scope_pages(role, section, language)
    scope_group = _scope_group(role, base, section, language)
    for page in pages:
        _give_page_permissions(scope_group, page, role)
        granted.pages.append(page.url_path)
    user.groups.add(scope_group)
    granted.groups.append(scope_group.name)
    if role.scope == SECTION:
        _move_role_off_root(role, base)
        desks = _give_desk_collections(scope_group, role, pages)
        granted.collections = [desk.name for desk in desks]
    if role.key == "desk-editor":
        _desk_review_for(pages, scope_group, section, language)
    return granted


def _scope_pages(role: Role, section: str | None, language: str | None) -> list[Page]:
    if role.scope == SECTION:
        if not section:
            raise GrantError(f"{role.name}: say which section with --section SLUG")
        pages = SectionPage.objects.filter(slug=section)
    elif role.scope == LANGUAGE:
        if not language:
            raise GrantError(f"{role.name}: say which language with --language CODE")
        pages = HomePage.objects.all()
    else:
        pages = HomePage.objects.all()
    if language:
        pages = pages.filter(locale__language_code=language)
    found = list(pages.order_by("path"))
    if not found:
        where = f"section {section!r}" if role.scope == SECTION else "home page"
        raise GrantError(f"no {where}{f' in {language!r}' if language else ''}")
    return found


def _scope_group(role: Role, base: Group, section, language) -> Group:
    if role.scope == SECTION:
        name = f"{_section_groups_prefix(role)}{section}" + (f" ({language})" if language else "")
    elif role.scope == LANGUAGE:
        name = f"{role.name} · {language}"
    else:
        return base
    return Group.objects.get_or_create(name=name)[0]


def _give_page_permissions(group: Group, page: Page, role: Role) -> None:
    for codename in role.page_permissions:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _desk_review_for(pages: list[Page], desk: Group, section: str, language) -> None:
    """The section's own review: its desk editors approve, and chief editors."""
    chiefs = Group.objects.get(name=ROLES["chief-editor"].name)
    name = f"{DESK_REVIEW} · {section}" + (f" ({language})" if language else "")
    workflow = _review_workflow(name, [desk, chiefs])
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def ensure_desk_collection(*, section: SectionPage) -> Collection:
    """The collection a section's desk keeps its pictures and documents in: one per
    section whatever the language (its translations share it), a child of the root
    named after the section as first written. Made on first use and found by that
    name afterwards: renamed in the admin, the next grant starts a new one beside it."""
    translations = SectionPage.objects.filter(translation_key=section.translation_key)
    name = (translations.order_by("pk").first() or section).title
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def _give_desk_collections(group: Group, role: Role, sections) -> list[Collection]:
    """The role's pictures and documents permissions on the sections' desk
    collections, in place of any it held on the root (which covers every desk)."""
    permissions = _media_permissions(role)
    desks = {ensure_desk_collection(section=section) for section in sections}
    for desk in desks:
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=desk, permission=permission
            )
    _take_root_media(group, permissions)
    return sorted(desks, key=lambda desk: desk.path)


def _take_root_media(group: Group, permissions: list[Permission]) -> None:
    GroupCollectionPermission.objects.filter(
        group=group, collection__depth=1, permission__in=permissions
    ).delete()


def _move_role_off_root(role: Role, base: Group) -> None:
    """Before desk collections, a section role's own group held its pictures and
    documents permissions on the root collection: every desk's. The first grant of
    the role since then gives each of its section groups (granted earlier, named
    "Role · section") its desks' collections instead, and takes the root away;
    permissions an administrator gave on other collections stay."""
    permissions = _media_permissions(role)
    held = GroupCollectionPermission.objects.filter(
        group=base, collection__depth=1, permission__in=permissions
    )
    if not held.exists():
        return
    for group in Group.objects.filter(name__startswith=_section_groups_prefix(role)):
        sections = SectionPage.objects.filter(group_permissions__group=group).distinct()
        _give_desk_collections(group, role, sections)
    _take_root_media(base, permissions)


def _section_groups_prefix(role: Role) -> str:
    return f"{role.name} · "

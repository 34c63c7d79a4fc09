"""The newsroom's roles, said once: what each may do, where it applies.

A role is a group holding its global permissions (admin access, pictures and
documents, people, translations); where it applies (a section, a language, the
whole site) is a group of its own holding Wagtail page permissions on those
pages, made by ``newsline grant`` (``users/services.py``). The table in
docs/security.md is written from this one.
"""

from dataclasses import dataclass

SECTION, LANGUAGE, SITE = "section", "language", "site"

# Wagtail asks for its own image model's permissions whatever the image model is.
_PICTURES_READ = ("wagtailimages.add_image", "wagtailimages.choose_image")
_DOCUMENTS_READ = ("wagtaildocs.add_document", "wagtaildocs.choose_document")
_MEDIA_EDIT = ("wagtailimages.change_image", "wagtaildocs.change_document")
_MEDIA_DELETE = ("wagtailimages.delete_image", "wagtaildocs.delete_document")
_PEOPLE_TOPICS = (
    "news.add_person",
    "news.change_person",
    "news.delete_person",
    "taggit.add_tag",
    "taggit.change_tag",
    "taggit.delete_tag",
)


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    may: str
    """What the role may do, for people (docs, the grant command's output)."""
    scope: str
    """Where its page permissions apply: a SECTION, a LANGUAGE, or the whole SITE."""
    permissions: tuple[str, ...] = ()
    """Global ones, ``app_label.codename``; pictures and documents on every collection."""
    page_permissions: tuple[str, ...] = ()
    """Wagtail page permission codenames, on the pages of its scope."""
    is_superuser: bool = False


ROLES = {
    role.key: role
    for role in (
        Role(
            "contributor",
            "Contributor",
            "writes drafts in their sections, adds pictures, submits for review; cannot publish",
            SECTION,
            ("wagtailadmin.access_admin", *_PICTURES_READ, *_DOCUMENTS_READ),
            ("add_page",),
        ),
        Role(
            "desk-editor",
            "Desk editor",
            "writes, edits, reviews and publishes in their sections",
            SECTION,
            # Pictures and documents as contributors have them: their own uploads
            # only (in Wagtail, changing any picture also means deleting any).
            ("wagtailadmin.access_admin", *_PICTURES_READ, *_DOCUMENTS_READ),
            ("add_page", "change_page", "publish_page", "lock_page"),
        ),
        Role(
            "chief-editor",
            "Chief editor",
            "publishes anywhere, curates the home pages, manages people, topics, pictures "
            "and documents",
            SITE,
            (
                "wagtailadmin.access_admin",
                *_PICTURES_READ,
                *_DOCUMENTS_READ,
                *_MEDIA_EDIT,
                *_MEDIA_DELETE,
                *_PEOPLE_TOPICS,
            ),
            ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
        ),
        Role(
            "translator",
            "Translator",
            "translates into their languages and submits for review; cannot publish",
            LANGUAGE,
            (
                "wagtailadmin.access_admin",
                *_PICTURES_READ,
                *_DOCUMENTS_READ,
                "wagtail_localize.submit_translation",
            ),
            ("add_page", "change_page"),
        ),
        Role(
            "administrator",
            "Administrator",
            "everything, including users, roles, settings and the worker's health",
            SITE,
            is_superuser=True,
        ),
    )
}


# What each role may do in the admin, declared once: docs/security.md prints it and
# tests/news/test_role_matrix.py walks every cell against the running admin.
# A section role is granted on Politics in English for the walk; "elsewhere" is
# Sport in English.
EVERYONE = frozenset(ROLES)
EDITORS = frozenset({"desk-editor", "chief-editor", "administrator"})
CHIEFS = frozenset({"chief-editor", "administrator"})
ADMINS = frozenset({"administrator"})
ACTIONS = {
    "open the admin": EVERYONE,
    "write a story in their section": EVERYONE,
    "publish in their section": EDITORS,
    "publish in another section": CHIEFS,
    "upload a picture": EVERYONE,
    "delete a picture": CHIEFS,
    "edit a person": CHIEFS,
    "see the worker's health": ADMINS,
    "manage users": ADMINS,
}

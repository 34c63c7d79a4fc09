"""The newsroom's roles, said once: what each may do, where it applies.

A role is a group holding its global permissions (admin access, pictures and
documents, people, translations); where it applies (a section, a language, the
whole site) is a group of its own holding Wagtail page permissions on those
pages, made by ``newsline grant`` (``news/services/roles.py``). A section role's
pictures and documents are its desks' collections, held by that second group.
The tables in docs/security.md are written from this module.
"""

from dataclasses import dataclass

SECTION, LANGUAGE, SITE = "section", "language", "site"

# Wagtail asks for its own image model's permissions whatever the image model is.
_PICTURES_READ = ("wagtailimages.add_image", "wagtailimages.choose_image")
_DOCUMENTS_READ = ("wagtaildocs.add_document", "wagtaildocs.choose_document")
_MEDIA_EDIT = ("wagtailimages.change_image", "wagtaildocs.change_document")
_MEDIA_DELETE = ("wagtailimages.delete_image", "wagtaildocs.delete_document")
# The wire desk (ingest's flags and runs) and the wire sources themselves.
_WIRE_DESK = ("ingest.view_ingestrun",)
_WIRE_SOURCES = (
    "ingest.add_wiresource",
    "ingest.change_wiresource",
    "ingest.delete_wiresource",
    "ingest.view_wiresource",
)
_PEOPLE_TOPICS = (
    "news.add_person",
    "news.change_person",
    "news.delete_person",
    "news.add_topic",
    "news.change_topic",
    "news.delete_topic",
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
    """Global ones, ``app_label.codename``. Pictures and documents on every collection,
    or, for a SECTION role, on its sections' desk collections."""
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
            # only (in Wagtail, changing any picture also means deleting any), and
            # not once a live story shows one (news/pictures.py).
            ("wagtailadmin.access_admin", *_PICTURES_READ, *_DOCUMENTS_READ, *_WIRE_DESK),
            ("add_page", "change_page", "publish_page", "lock_page"),
        ),
        Role(
            "chief-editor",
            "Chief editor",
            "publishes anywhere and corrections, curates the home pages, manages people, "
            "topics, pictures, documents and wire sources",
            SITE,
            (
                "wagtailadmin.access_admin",
                *_PICTURES_READ,
                *_DOCUMENTS_READ,
                *_MEDIA_EDIT,
                *_MEDIA_DELETE,
                *_PEOPLE_TOPICS,
                *_WIRE_DESK,
                *_WIRE_SOURCES,
                "news.change_breakingday",
                "news.add_correction",
                "news.change_correction",
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
# A section role is granted on Politics in English for the walk; "another section"
# and "another desk" are Sport. A "colleague's" story is one the member did not
# write; "their own" picture is one they uploaded to the Politics desk.
EVERYONE = frozenset(ROLES)
EDITORS = frozenset({"desk-editor", "chief-editor", "administrator"})
CHIEFS = frozenset({"chief-editor", "administrator"})
ADMINS = frozenset({"administrator"})
NOBODY: frozenset[str] = frozenset()
# Who edits others' stories in the section: its editors, and translators (whose
# scope is their language's whole tree).
REVISERS = EDITORS | {"translator"}
# Whose scope reaches past one desk: translators (a language), chiefs (the site).
BEYOND_THE_DESK = CHIEFS | {"translator"}
ACTIONS = {
    "open the admin": EVERYONE,
    "write a story in their section": EVERYONE,
    "put a new topic on a story in their section": EVERYONE,
    "preview their own draft": EVERYONE,
    "preview a colleague's draft in their section": REVISERS,
    "preview their changes to their own draft in the editor's panel": EVERYONE,
    "preview their changes to a colleague's story in their section in the editor's panel": (
        REVISERS
    ),
    "view an earlier version of a story in their section": REVISERS,
    "revert a story in their section to an earlier version": REVISERS,
    "publish in their section": EDITORS,
    "publish in another section": CHIEFS,
    "approve a story submitted for review in their section": EDITORS,
    "request changes to a story submitted for review in their section": EDITORS,
    "see a draft of their section in the admin API": EVERYONE,
    "see a draft of another section in the admin API": BEYOND_THE_DESK,
    "see a draft in the public API": NOBODY,
    "open the page chooser": EVERYONE,
    "choose a picture from their desk": EVERYONE,
    "choose a picture from another desk": BEYOND_THE_DESK,
    "choose a document from their desk": EVERYONE,
    "choose a person": EVERYONE,
    "upload a picture": EVERYONE,
    "upload a picture into another desk's collection": BEYOND_THE_DESK,
    "edit their own picture": EVERYONE,
    "edit their own picture that a live story shows": CHIEFS,
    "delete their own picture that a live story shows": CHIEFS,
    "delete someone else's picture": CHIEFS,
    "edit a person": CHIEFS,
    "see the wire desk": EDITORS,
    "mark a wire story's flag dealt with": EDITORS,
    "add a wire source": CHIEFS,
    "end a breaking banner in their section": EDITORS,
    "switch the breaking day": CHIEFS,
    "publish a correction in their section": CHIEFS,
    "withdraw a correction": CHIEFS,
    "give a topic its type": CHIEFS,
    "post a live update in their section": REVISERS,
    "post a live update in another section": BEYOND_THE_DESK,
    "remove a live update in their section": REVISERS,
    "see the day's publishing figures on the dashboard": EDITORS,
    "see the schedule and translation gaps on the dashboard": EVERYONE,
    "see failed CDN purges and corrections on the dashboard": CHIEFS,
    "see the wires' health on the dashboard": EDITORS,
    "see translation status": EVERYONE,
    "see another section's story in translation status": BEYOND_THE_DESK,
    "see the worker's health": ADMINS,
    "manage users": ADMINS,
}

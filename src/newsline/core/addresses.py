"""The admin's address: what the middlewares that treat the admin apart (its
policy, the page cache, readers' pictures and site, the edge's headers, sign-in
rules, languages) ask for, rather than spell it. ``newsline/urls.py`` routes the
admin there; a test holds the two together."""

ADMIN_PREFIX = "/admin/"


def is_admin(path: str) -> bool:
    return path.startswith(ADMIN_PREFIX)

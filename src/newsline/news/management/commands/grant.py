from django.core.management.base import BaseCommand, CommandError

from newsline.news.roles import ROLES
from newsline.news.services import GrantError, grant


class Command(BaseCommand):
    help = (
        "Give a user a newsroom role: newsline grant USER ROLE [--section SLUG] "
        f"[--language L]. Roles: {', '.join(ROLES)}."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "role",
            type=_role_key,
            choices=sorted(ROLES),
            help="a role's key or name: desk-editor, 'Desk editor' and desk_editor are one",
        )
        parser.add_argument("--section", help="a section's slug (contributors, desk editors)")
        parser.add_argument("--language", help="a language code (translators; narrows a section)")

    def handle(self, *args, username, role, section, language, **options):
        try:
            granted = grant(username=username, role_key=role, section=section, language=language)
        except GrantError as error:
            raise CommandError(str(error)) from error
        where = ", ".join(granted.pages) or "everything"
        said = f"{granted.user} is now {granted.role} ({ROLES[role].may}) on {where}."
        if granted.collections:
            said += f" Pictures and documents in: {', '.join(granted.collections)}."
        self.stdout.write(said)


def _role_key(text: str) -> str:
    return "-".join(text.strip().lower().replace("_", " ").split())

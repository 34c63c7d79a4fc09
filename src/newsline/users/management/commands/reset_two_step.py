from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsline.users.services import reset_two_factor


class Command(BaseCommand):
    help = (
        "Remove a user's two-step sign-in (a lost phone and lost recovery codes): "
        "newsline reset_two_step USER. They set it up again at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        removed = reset_two_factor(user=user)
        if removed:
            self.stdout.write(
                f"{username}'s two-step sign-in is reset ({removed} devices removed); "
                "they set it up again at their next sign-in."
            )
        else:
            self.stdout.write(f"{username} had no two-step sign-in; nothing changed.")

"""The ``newsline`` console command: Django's command runner with our settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsline.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

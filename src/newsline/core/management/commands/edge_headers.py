"""``newsline edge_headers``: the readers' security headers as nginx lines, for the
file the shipped nginx site includes (docs/deploy/nginx.conf, decision 0035)."""

from django.core.management.base import BaseCommand, CommandError

from newsline.core import edge

PREAMBLE = """\
# The security headers of Newsline's readers' pages, written by `newsline edge_headers`
# from Newsline's settings: run it again after changing them. nginx sends these and
# Newsline, with NEWSLINE_EDGE_HEADERS=1, leaves them out of what it sends (and nginx
# stores): docs/decisions/0035-readers-security-headers-from-the-edge.md.
"""


class Command(BaseCommand):
    help = "Print the readers' security headers as nginx add_header lines."

    def handle(self, *args, **options):
        try:
            lines = edge.nginx_lines()
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(PREAMBLE + lines, ending="")

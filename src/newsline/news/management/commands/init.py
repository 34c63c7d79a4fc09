import zoneinfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http.request import validate_host

from newsline.news.demo.build import demo_loaded
from newsline.news.services import OutletError, StartedOutlet, site_address, start_outlet

SECTIONS = "Politics,Economy,World,Society,Sport,Interviews,Opinion"


class Command(BaseCommand):
    help = (
        "Start a real outlet in an empty, migrated database: the site, a home page per "
        "language and every section in every language. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        languages = ",".join(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
        parser.add_argument("--name", required=True, help="the outlet's name")
        parser.add_argument(
            "--languages",
            default=languages,
            help=f"comma-separated, the first is the source language (default: {languages})",
        )
        parser.add_argument(
            "--time-zone",
            default=settings.TIME_ZONE,
            help=f"the outlet's time zone, e.g. Asia/Baku (default: {settings.TIME_ZONE})",
        )
        parser.add_argument(
            "--sections",
            default=SECTIONS,
            help=f"comma-separated names in the first language (default: {SECTIONS})",
        )
        parser.add_argument(
            "--domain",
            help="the host readers use, e.g. news.example.az (default: BASE_URL's)",
        )

    def handle(self, *args, **options):
        time_zone = _checked_time_zone(options["time_zone"])
        if demo_loaded():
            raise CommandError(
                "this database holds the demo outlet (newsline demo): start a real outlet "
                "in an empty database (its own NEWSLINE_DATA_DIR or DATABASE_URL, then "
                "newsline migrate)"
            )
        try:
            started = start_outlet(
                name=options["name"],
                languages=options["languages"].split(","),
                sections=options["sections"].split(","),
                domain=options["domain"],
            )
        except OutletError as error:
            raise CommandError(str(error)) from error
        self._report(started)
        self._environment(started, time_zone)
        self._next_steps(started)

    def _report(self, started: StartedOutlet) -> None:
        site = started.site
        if started.is_new:
            self.stdout.write(self.style.SUCCESS(f"Created the outlet {site.site_name!r}:"))
        else:
            self.stdout.write(f"Nothing changed: the outlet {site.site_name!r} is already here:")
        self.stdout.write(f"  site        {site.site_name} at {site.root_url}")
        for code, home in started.homes.items():
            self.stdout.write(f"  home ({code})   {home.get_full_url()}")
        source = next(iter(started.homes))
        self.stdout.write(
            f"  sections    {len(started.sections)} in each language, named in {source} "
            "until editors translate them:"
        )
        for section in started.sections:
            paths = "  ".join(page.get_url() for page in section.values())
            self.stdout.write(f"    {section[source].title:<16} {paths}")

    def _environment(self, started: StartedOutlet, time_zone: str) -> None:
        lines = _environment_lines(started, time_zone)
        if lines:
            self.stdout.write(
                "Set in the environment of newsline serve (read at start, not from the "
                "database; docs/operations.md):"
            )
            for line in lines:
                self.stdout.write(f"  {line}")

    def _next_steps(self, started: StartedOutlet) -> None:
        root = started.site.root_url
        self.stdout.write("Next:")
        self.stdout.write(f"  newsline createsuperuser   an account for the admin, {root}/admin/")
        self.stdout.write(f"  newsline serve             readers at {root}/")


def _checked_time_zone(name: str) -> str:
    if name not in zoneinfo.available_timezones():
        raise CommandError(
            f"unknown time zone {name!r}: give an IANA name such as Asia/Baku or Europe/London"
        )
    return name


def _environment_lines(started: StartedOutlet, time_zone: str) -> list[str]:
    """The variables whose values this process does not have: the time zone, and the
    address absolute links and hosts use. (The name is read from the site record.)"""
    site = started.site
    lines = []
    if time_zone != settings.TIME_ZONE:
        lines.append(f"NEWSLINE_TIME_ZONE={time_zone}")
    if site_address(settings.WAGTAILADMIN_BASE_URL) != (site.hostname, site.port):
        lines.append(f"BASE_URL={site.root_url}")
    if not validate_host(site.hostname, settings.ALLOWED_HOSTS):
        lines.append(f"ALLOWED_HOSTS={site.hostname}")
        lines.append(f"CSRF_TRUSTED_ORIGINS={site.root_url}")
    return lines

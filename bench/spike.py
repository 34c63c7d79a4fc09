"""Spike: the breaking-news day (issue 14). Readers at full rate through the shipped
nginx while an editor publishes, posts live updates, withdraws, curates home and
sets and ends breaking news; and the same load on the design before the fragments.

For each design, on a private copy of its demo outlet: nginx serving the readers'
pages as static files (the baseline), the readers alone, the readers while the
editor works, and the baseline again. Each change is polled on every surface that
should show it (or lose it), through nginx, from the editor's commit to its first
showing.

    .venv/bin/python bench/spike.py [--seconds 30] [--before f892640 | --before '']

The editor is this file run with `--editor`, with the servers' settings and data
directory: a Django process writing through Wagtail's publish() and the newsroom
services, as an editor's clicks do. See docs/benchmark.md.
"""

import argparse
import contextlib
import json
import math
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import app
import load
import nginx
from processes import Processes, fetch, free_port, group_cpu_seconds, stop

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench" / "spike.json"
BEFORE = "f892640"  # the commit before the News line and the banner became fragments
TARGET_RATIO = 0.5
TARGET_P99_MS = 50
TARGET_VISIBLE_SECONDS = 1.0
POLL_INTERVAL = 0.02
VISIBLE_TIMEOUT = 15
# (action, first at, every) in seconds of the run.
SCHEDULE = (
    ("publish", 1.0, 2.0),
    ("live update", 2.0, 2.0),
    ("breaking set", 6.5, 30.0),
    ("withdraw", 10.5, 30.0),
    ("curate home", 15.5, 60.0),
    ("breaking ended", 20.5, 30.0),
)
# Parts of a page a change shows in: (opening, closing) markup.
REGIONS = {
    "news line": (b'<ol class="news-line__list">', b"</ol>"),
    "top story": (b'<section class="front-top"', b"</section>"),
    "banner": (b'<section class="breaking"', b"</section>"),
    "kicker": (b'<p class="story__kicker">', b"</p>"),
}


@dataclass(frozen=True)
class Options:
    seconds: int = 30  # each measured phase
    workers: int = 2  # gunicorn's
    before: str = BEFORE  # "" for this design alone
    fresh: bool = False  # rebuild the demo seeds
    keep: bool = False  # keep the temporary directory


@dataclass(frozen=True)
class Design:
    name: str
    src: Path | None  # None: this checkout's code
    seed: Path
    shipped_nginx: Path
    has_fragments: bool  # live stories, the banner, the News line as a fragment


def main() -> None:
    args = _arguments()
    if args.editor:
        editor(json.loads(args.editor))
        return
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if not (nginx.executable() and load.executable()):
        sys.exit("nginx and wrk are needed: `make bench` installs them from Debian.")
    options = Options(args.seconds, args.workers, args.before, args.fresh, args.keep)
    results = run(options)
    print_report(results)
    print(f"\nAll figures in {RESULTS.relative_to(ROOT)}.")


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30, help="length of each measured phase")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--before", default=BEFORE, help="commit to compare with ('' to skip)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the demo outlets' seeds")
    parser.add_argument("--keep", action="store_true", help="keep the run's temporary directory")
    parser.add_argument("--editor", help=argparse.SUPPRESS)
    return parser.parse_args()


def run(options: Options) -> dict:
    """Both designs, one after the other; everything started is stopped on the way out."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)

    top = Path(tempfile.mkdtemp(prefix="newsline-spike-"))
    top.chmod(0o755)
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": options.seconds,
        "load_average_before": os.getloadavg()[0],
        "designs": [],
    }
    try:
        for design in _designs(top, options.before):
            print(f"Spike on {design.name} ...", flush=True)
            with Processes() as procs, _design_environment(design):
                results["designs"].append(measure(design, top, procs, options))
    finally:
        _remove_worktree(top / "before")
        if options.keep:
            print(f"Kept {top}")
        else:
            shutil.rmtree(top, ignore_errors=True)
    results["load_average_after"] = os.getloadavg()[0]
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    return results


def _designs(top: Path, before: str):
    yield Design(
        name="this design",
        src=None,
        seed=app.SEED,
        shipped_nginx=nginx.SHIPPED,
        has_fragments=True,
    )
    if not before:
        return
    tree = top / "before"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), before],
        check=True,
    )
    yield Design(
        name=f"before ({before})",
        src=tree / "src",
        seed=app.SEED.with_name(f"seed-{before}"),
        shipped_nginx=tree / "docs" / "deploy" / "nginx.conf",
        has_fragments=False,
    )


def _remove_worktree(tree: Path) -> None:
    if tree.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False
        )


@contextlib.contextmanager
def _design_environment(design: Design):
    """Run ``design``'s code (PYTHONPATH ahead of this checkout's editable install),
    its demo seed and its shipped nginx file through the bench's own modules."""
    saved = os.environ.get("PYTHONPATH"), app.SEED, nginx.SHIPPED
    if design.src:
        os.environ["PYTHONPATH"] = str(design.src)
    app.SEED, nginx.SHIPPED = design.seed, design.shipped_nginx
    try:
        if design.src:
            subprocess.run(
                [app.newsline(), "compile_catalogues"], check=True, stdout=subprocess.DEVNULL
            )
        yield
    finally:
        pythonpath, app.SEED, nginx.SHIPPED = saved
        if pythonpath is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = pythonpath


def measure(design: Design, top: Path, procs: Processes, options: Options) -> dict:
    run_dir = top / ("before-run" if design.src else "run")
    run_dir.mkdir()
    logs = run_dir / "logs"
    logs.mkdir()
    data = app.prepare_data(run_dir, fresh=options.fresh)
    server, app_base = app.start(
        procs, data, logs, name="app", workers=options.workers, edge_headers=True
    )
    front, static_base, proxy = _start_nginx(procs, run_dir, data, app_base)
    paths = reader_paths(app_base, design)
    statics = _save_static_pages(front, paths, run_dir / "nginx" / "static-pages")
    servers = [proxy, server]
    print(f"  readers: {', '.join(paths.values())}", flush=True)
    _wrk_mix(front, paths.values(), 2, run_dir)  # warm every cache
    phases = {
        "static": _wrk_mix(static_base, statics, options.seconds, run_dir, [proxy]),
        "readers alone": _wrk_mix(front, paths.values(), options.seconds, run_dir, servers),
    }
    phases["spike"], changes = _spike(design, data, front, paths, run_dir, options, servers)
    phases["static again"] = _wrk_mix(static_base, statics, options.seconds, run_dir, [proxy])
    return summarise(design, paths, phases, changes)


def _start_nginx(procs: Processes, run_dir: Path, data: Path, app_base: str):
    port, static_port = free_port(), free_port()
    config = nginx.prepare(
        run_dir / "nginx",
        port=port,
        static_port=static_port,
        app_port=int(app_base.rsplit(":", 1)[1]),
        data=data,
        pages={"probe.html": b"ok"},
    )
    static = f"http://127.0.0.1:{static_port}"
    process = nginx.start(procs, config, probe_url=f"{static}/probe.html")
    return f"http://127.0.0.1:{port}", static, process


def reader_paths(app_base: str, design: Design) -> dict[str, str]:
    """What readers ask for: home, a story, the live story (if the design has one)
    and the News line fragment."""
    surfaces = app.surfaces(app_base)
    paths = {"home": "/en/", "story": surfaces["article"]}
    if design.has_fragments:
        _, _, home = fetch(app_base + "/en/")
        start = home.index(b'<section class="front-live"')
        paths["live story"] = home[start:].split(b'href="', 1)[1].split(b'"', 1)[0].decode()
    paths["News line"] = "/en/newsline/"
    return paths


def _save_static_pages(front: str, paths: dict, directory: Path) -> list[str]:
    """The bytes readers get through nginx, saved as files for the baseline."""
    names = []
    for number, path in enumerate(paths.values()):
        fetch(front + path)
        status, _, body = fetch(front + path)
        if status != 200:
            raise RuntimeError(f"{front}{path}: {status}")
        (directory / f"{number}.html").write_bytes(body)
        (directory / f"{number}.html").chmod(0o644)
        names.append(f"/{number}.html")
    return names


def _wrk_mix(base: str, paths, seconds: float, run_dir: Path, servers=()) -> dict:
    """wrk, as in bench/load.py, asking for ``paths`` in turn on each connection."""
    script = run_dir / "mix.lua"
    quoted = ", ".join(json.dumps(path) for path in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format(nil, paths[i])\nend\n"
    )
    cpu_before = sum(group_cpu_seconds(server) for server in servers)
    argv = [
        load.executable(),
        f"-t{load.THREADS}",
        f"-c{load.CONNECTIONS}",
        f"-d{seconds}s",
        f"--timeout={load.TIMEOUT}s",
        "--latency",
        f"--script={script}",
        base + "/",
    ]
    output = subprocess.run(
        argv, capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    cpu = sum(group_cpu_seconds(server) for server in servers) - cpu_before
    fetch(base + "/", timeout=120)  # wait out the requests wrk abandoned
    return _parse_wrk(output, cpu if servers else None)


def _parse_wrk(output: str, cpu: float | None) -> dict:
    # bench/load.py reads wrk's output the same way (it runs wrk without a script).
    requests = int(load._find(r"(\d+) requests in", output))
    return {
        "requests_per_second": float(load._find(r"Requests/sec:\s+([\d.]+)", output)),
        "requests": requests,
        "errors": load._errors(output),
        "latency_p50_ms": load._milliseconds(load._find(r"\s50%\s+([\d.]+\w+)", output)),
        "latency_p99_ms": load._milliseconds(load._find(r"\s99%\s+([\d.]+\w+)", output)),
        "server_cpu_ms_per_request": cpu * 1000 / requests if cpu is not None else None,
    }


def _spike(design, data, front, paths, run_dir, options, servers):
    """The readers' load while the editor works; each change polled until it shows."""
    editor_options = {
        "seconds": options.seconds,
        "story": paths["story"],
        "has_fragments": design.has_fragments,
    }
    log = (run_dir / "logs" / "editor.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, __file__, "--editor", json.dumps(editor_options)],
        env=app.environment(data),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        start_new_session=True,
    )
    try:
        watch = Watch(front)
        if json.loads(process.stdout.readline() or "{}").get("ready") is not True:
            raise RuntimeError(f"the editor did not start; see {log.name}")
        follower = threading.Thread(target=watch.follow, args=(process.stdout,), daemon=True)
        follower.start()
        process.stdin.write("go\n")
        process.stdin.flush()
        readers = _wrk_mix(front, paths.values(), options.seconds, run_dir, servers)
        follower.join(timeout=60)
        watch.wait()
    finally:
        stop(process)
        log.close()
    return readers, watch.changes


class Watch:
    """Polls, for each change the editor reports, every surface that should show it."""

    def __init__(self, front: str):
        self.front = front
        self.changes: list[dict] = []
        self._pollers: list[threading.Thread] = []

    def follow(self, lines) -> None:
        for line in lines:
            change = json.loads(line)
            if change.get("done"):
                return
            change["visible_after"] = {}
            self.changes.append(change)
            for check in change["checks"]:
                poller = threading.Thread(target=self._poll, args=(change, check), daemon=True)
                poller.start()
                self._pollers.append(poller)

    def wait(self) -> None:
        for poller in self._pollers:
            poller.join(timeout=VISIBLE_TIMEOUT + 5)

    def _poll(self, change: dict, check: dict) -> None:
        needle, region = check["needle"].encode(), check.get("region")
        deadline = change["committed"] + VISIBLE_TIMEOUT
        seen = None
        while seen is None and time.monotonic() < deadline:
            try:
                status, _, body = fetch(self.front + check["path"], timeout=10)
            except OSError:
                status, body = 0, b""
            if status == 200 and (needle in _region(body, region)) == check["shows"]:
                seen = time.monotonic()
            else:
                time.sleep(POLL_INTERVAL)
        change["visible_after"][check["surface"]] = (
            None if seen is None else max(0.0, seen - change["committed"])
        )


def _region(body: bytes, name: str | None) -> bytes:
    if name is None:
        return body
    opening, closing = REGIONS[name]
    start = body.find(opening)
    if start < 0:
        return b""
    end = body.find(closing, start)
    return body[start : end if end >= 0 else len(body)]


def summarise(design: Design, paths: dict, phases: dict, changes: list[dict]) -> dict:
    delays = {}
    for change in changes:
        for surface, delay in change["visible_after"].items():
            delays.setdefault(f"{change['kind']}: {surface}", []).append(delay)
    every = _spread([delay for values in delays.values() for delay in values])
    spike = phases["spike"]
    ratios = {name: _ratios(phases, name) for name in ("readers alone", "spike")}
    return {
        "design": design.name,
        "has_fragments": design.has_fragments,
        "paths": paths,
        "phases": phases,
        "ratios": ratios,
        "actions": _counts(changes),
        "visible": {key: _spread(values) for key, values in delays.items()},
        "visible_all": every,
        "met": {
            "throughput": ratios["spike"]["req/s"] >= TARGET_RATIO,
            "p99": spike["latency_p99_ms"] <= TARGET_P99_MS,
            "errors": spike["errors"] == 0,
            "visible": every["p95"] is not None and every["p95"] <= TARGET_VISIBLE_SECONDS,
        },
        "changes": changes,
    }


def _ratios(phases: dict, name: str) -> dict:
    """``name``'s throughput against the static file's, measured before and after it
    (their mean: the machine is shared), and the same by server CPU per request."""
    statics = [phases["static"], phases["static again"]]
    rate = statistics.mean(phase["requests_per_second"] for phase in statics)
    cpu = statistics.mean(phase["server_cpu_ms_per_request"] for phase in statics)
    return {
        "req/s": phases[name]["requests_per_second"] / rate,
        "by CPU": cpu / phases[name]["server_cpu_ms_per_request"],
    }


def _counts(changes: list[dict]) -> dict:
    counts = {}
    for change in changes:
        counts[change["kind"]] = counts.get(change["kind"], 0) + 1
    return counts


def _spread(values: list) -> dict:
    """p50, p95 (nearest rank; None if any change never showed), max, never shown."""
    seen = sorted(value for value in values if value is not None)
    never = len(values) - len(seen)
    p95 = seen[max(0, math.ceil(0.95 * len(seen)) - 1)] if seen and not never else None
    return {
        "count": len(values),
        "p50": statistics.median(seen) if seen else None,
        "p95": p95,
        "max": seen[-1] if seen else None,
        "never": never,
    }


# The editor: a Django process with the servers' settings. Its imports wait for
# django.setup(), and the design before the fragments lacks some of them.


def editor(options: dict) -> None:
    import django

    django.setup()
    desk = Desk(options)
    _say({"ready": True})
    sys.stdin.readline()  # "go": the readers' load has started
    started = time.monotonic()
    for at, action in _timeline(options["seconds"]):
        time.sleep(max(0.0, started + at - time.monotonic()))
        change = desk.act(action)
        if change:
            _say({"kind": action, "at": round(time.monotonic() - started, 2), **change})
    _say({"done": True})


def _timeline(seconds: float) -> list[tuple[float, str]]:
    """Every action's moments before the readers stop (one second to spare), each
    moved by up to 0.9 s so that none keeps a phase with nginx's one-second clock."""
    moments = [
        (first + every * n + random.uniform(0, 0.9), action)  # noqa: S311
        for action, first, every in SCHEDULE
        for n in range(int(seconds / every) + 1)
        if first + every * n + 0.9 <= seconds - 1
    ]
    return sorted(moments)


def _say(message: dict) -> None:
    print(json.dumps(message), flush=True)


class Desk:
    """One editor's desk: what it published, and what each action changes where."""

    def __init__(self, options: dict):
        from django.contrib.auth import get_user_model

        from newsline.news.models import HomePage, SectionPage

        self.options = options
        self.token = secrets.token_hex(3)
        self.user = get_user_model().objects.filter(is_superuser=True).first()
        self.home = HomePage.objects.get(locale__language_code="en")
        self.sections = list(SectionPage.objects.live().child_of(self.home).order_by("pk"))
        self.published, self.withdrawn, self.numbers = [], set(), {}
        self.breaking = None
        self.live = self._live_story() if options["has_fragments"] else None

    def act(self, action: str) -> dict | None:
        method = {
            "publish": self.publish,
            "live update": self.post_update,
            "withdraw": self.withdraw,
            "curate home": self.curate,
            "breaking set": self.set_breaking,
            "breaking ended": self.end_breaking,
        }[action]
        return method()

    def _next(self, what: str) -> str:
        self.numbers[what] = self.numbers.get(what, 0) + 1
        return f"Spike {self.token} {what} {self.numbers[what]:03d}"

    def publish(self) -> dict:
        from newsline.news.models import NewsPage

        title = self._next("story")
        section = self.sections[len(self.published) % len(self.sections)]
        story = NewsPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            lead="A story the spike publishes.",
            body=[("paragraph", "<p>Written by bench/spike.py.</p>")],
            locale=section.locale,
            live=False,
        )

        def write():
            section.add_child(instance=story)
            story.save_revision(user=self.user).publish(user=self.user)

        committed = _committed(write)
        self.published.append(story)
        return {"committed": committed, "checks": _news_line_checks(title, shows=True)}

    def withdraw(self) -> dict | None:
        keep = {self.breaking and self.breaking.pk, self._top_story_id()}
        # A few publications back: on the News line by now, and still among its items.
        choices = [s for s in self._live()[:-2] if s.pk not in keep]
        if not choices:
            return None
        story = self._fresh(choices[-1])
        committed = _committed(lambda: story.unpublish(user=self.user))
        self.withdrawn.add(story.pk)
        return {"committed": committed, "checks": _news_line_checks(story.title, shows=False)}

    def curate(self) -> dict | None:
        choices = [s for s in self._live() if s.pk != self._top_story_id()]
        if not choices:
            return None
        story = choices[-1]

        def write():
            self.home.refresh_from_db()
            self.home.top_story = story
            self.home.save_revision(user=self.user).publish(user=self.user)

        committed = _committed(write)
        check = {"surface": "home top story", "path": "/en/", "region": "top story"}
        return {"committed": committed, "checks": [{**check, "needle": story.title, "shows": True}]}

    def set_breaking(self) -> dict | None:
        choices = self._live()
        if self.breaking or not choices:
            return None
        story = self._fresh(choices[-1])
        story.is_breaking = True
        committed = _committed(lambda: story.save_revision(user=self.user).publish(user=self.user))
        self.breaking = story
        return {"committed": committed, "checks": self._breaking_checks(story, shows=True)}

    def end_breaking(self) -> dict | None:
        if not self.breaking:
            return None
        story = self._fresh(self.breaking)
        if self.options["has_fragments"]:
            from newsline.news.services import end_breaking

            committed = _committed(lambda: end_breaking(story, self.user))
        else:  # before the breaking desk: untick it in the story and publish
            story.is_breaking = False
            committed = _committed(
                lambda: story.save_revision(user=self.user).publish(user=self.user)
            )
        self.breaking = None
        return {"committed": committed, "checks": self._breaking_checks(story, shows=False)}

    def post_update(self) -> dict | None:
        if self.live is None:
            return None
        from newsline.news.models import LiveUpdate
        from newsline.news.services import post_update

        text = self._next("update")
        update = LiveUpdate(headline=text, body=[("paragraph", f"<p>{text} words</p>")])
        committed = _committed(lambda: post_update(self.live, update, self.user))
        needle = f"{text} words"
        surfaces = {"live story": self.live.url, "live updates": f"/en/live/{self.live.pk}/"}
        checks = [
            {"surface": surface, "path": path, "needle": needle, "shows": True}
            for surface, path in surfaces.items()
        ]
        return {"committed": committed, "checks": checks}

    def _breaking_checks(self, story, *, shows: bool) -> list[dict]:
        checks = [
            {
                "surface": "its story's label",
                "path": story.url,
                "region": "kicker",
                "needle": "label--breaking",
                "shows": shows,
            }
        ]
        if self.options["has_fragments"]:
            for surface, path in {"home": "/en/", "story": self.options["story"]}.items():
                checks.append(
                    {
                        "surface": f"{surface} banner",
                        "path": path,
                        "region": "banner",
                        "needle": story.title,
                        "shows": shows,
                    }
                )
        return checks

    def _live(self) -> list:
        """What this desk published and has not withdrawn, oldest first."""
        return [story for story in self.published if story.pk not in self.withdrawn]

    def _top_story_id(self):
        self.home.refresh_from_db()
        return self.home.top_story_id

    def _live_story(self):
        from newsline.news.models import LivePage

        return LivePage.objects.live().filter(locale__language_code="en").first()

    @staticmethod
    def _fresh(story):
        return type(story).objects.get(pk=story.pk)


def _news_line_checks(title: str, *, shows: bool) -> list[dict]:
    return [
        {"surface": "News line", "path": "/en/newsline/", "needle": title, "shows": shows},
        {
            "surface": "home News line",
            "path": "/en/",
            "region": "news line",
            "needle": title,
            "shows": shows,
        },
    ]


def _committed(write) -> float:
    """Run ``write`` in a transaction; the moment it committed (monotonic, which
    every process on the machine shares)."""
    from django.db import transaction

    moment = []
    with transaction.atomic():
        transaction.on_commit(lambda: moment.append(time.monotonic()))
        write()
    return moment[0]


# The report.


def print_report(results: dict) -> None:
    designs = results["designs"]
    width = 22
    print(
        f"\nSpike (breaking-news day), {results['date']}, {results['seconds']} s a phase, "
        f"wrk -t{load.THREADS} -c{load.CONNECTIONS} through the shipped nginx, "
        f"load average before/after {results['load_average_before']:.1f}/"
        f"{results['load_average_after']:.1f}"
    )
    _row("", [d["design"] for d in designs], width, "target")
    for design in designs:
        print(f"  {design['design']} readers: {', '.join(design['paths'])}")
    _row(
        "static file, req/s (before/after)",
        [f"{_rate(d['phases']['static'])} / {_rate(d['phases']['static again'])}" for d in designs],
        width,
    )
    _row(
        "static file, p99 ms",
        [f"{d['phases']['static']['latency_p99_ms']:.1f}" for d in designs],
        width,
    )
    for name in ("readers alone", "spike"):
        _row(f"{name}, req/s", [_rate(d["phases"][name]) for d in designs], width)
        _row(
            f"{name}, × static (by CPU)",
            [
                f"{d['ratios'][name]['req/s']:.2f} ({d['ratios'][name]['by CPU']:.2f})"
                + (f" {_met(d, 'throughput')}" if name == "spike" else "")
                for d in designs
            ],
            width,
            f"≥{TARGET_RATIO}" if name == "spike" else "",
        )
    _row(
        "spike, p99 ms",
        [f"{d['phases']['spike']['latency_p99_ms']:.1f} {_met(d, 'p99')}" for d in designs],
        width,
        f"≤{TARGET_P99_MS}",
    )
    _row(
        "spike, errors",
        [f"{d['phases']['spike']['errors']} {_met(d, 'errors')}" for d in designs],
        width,
        "0",
    )
    _print_visible(designs, width)


def _print_visible(designs: list[dict], width: int) -> None:
    print("\nChange → visible through nginx, seconds after the editor's commit (p50 / p95 / max)")
    keys = list(dict.fromkeys(key for d in designs for key in d["visible"]))
    for key in keys:
        _row(key, [_cell(d["visible"].get(key)) for d in designs], width)
    _row(
        "every change, every surface",
        [f"{_cell(d['visible_all'])} {_met(d, 'visible')}" for d in designs],
        width,
        f"p95 ≤{TARGET_VISIBLE_SECONDS:g} s",
    )
    for design in designs:
        counts = ", ".join(f"{n} {kind}" for kind, n in design["actions"].items())
        print(f"  {design['design']}: {counts}")
        if not design["has_fragments"]:
            print(
                "    (no live stories and no breaking banner in this design: its live "
                "updates and banners are not measured; breaking shows as the story's label)"
            )


def _cell(spread: dict | None) -> str:
    if spread is None:
        return "— (no such surface)"
    values = "/".join(
        "—" if spread[k] is None else f"{spread[k]:.2f}" for k in ("p50", "p95", "max")
    )
    never = f" {spread['never']} never" if spread["never"] else ""
    return f"{values} n={spread['count']}{never}"


def _met(design: dict, target: str) -> str:
    return "met" if design["met"][target] else "not met"


def _rate(phase: dict) -> str:
    return f"{phase['requests_per_second']:,.0f}"


def _row(title: str, cells: list[str], width: int, target: str = "") -> None:
    print(f"{title:<34}" + "".join(f"{cell:<{width + 12}}" for cell in cells) + target)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted; everything the spike started is stopped.")

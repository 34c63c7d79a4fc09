"""`make bench`: Newsline's throughput as ratios to nginx serving the same bytes as a
static file, measured in the same run, and the time from publish to visible.

Starts everything it measures on loopback (`newsline serve` instances: granian with
the page cache on and off, gunicorn for comparison; nginx with docs/deploy/nginx.conf)
in a temporary directory,
and stops it all on the way out, Ctrl-C included. See docs/benchmark.md.
"""

import argparse
import json
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import app
import load
import nginx
import spike
from processes import Processes, fetch, free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench" / "results.json"
SURFACES = ("article", "home", "section", "newsline", "feed")
FILES = {
    "article": "article.html",
    "home": "home.html",
    "section": "section.html",
    "newsline": "newsline.html",
    "feed": "feed.xml",
}
MODES = {
    "static": "nginx, static file",
    "hit": "app alone, cache hit",
    "hit-redis": "  same, REDIS_URL cache",
    "hit-log": "  same, access log on",
    "hit-gthread": "  same, gunicorn gthread",
    "hit-sync": "  same, gunicorn sync",
    "miss": "app alone, uncached",
    "nginx": "behind shipped nginx",
    "nginx-nopush": "  same, tcp_nopush on",
}
# Variants measured on the article only, to show what a setting is worth.
ARTICLE_ONLY = {
    "hit-redis",
    "hit-log",
    "hit-gthread",
    "hit-sync",
    "nginx-nopush",
}
# `newsline serve` options of the app variants (decision 0019 has the figures).
SERVERS = {
    "hit-log": ["--access-log"],
    "hit-gthread": ["--server", "gunicorn", "--threads", "4"],
    "hit-sync": ["--server", "gunicorn", "--threads", "1"],  # what served before 0019
}
# Ratios to the static file (peer figures: shared/FIELD-NOTES.md, same machine class).
TARGETS = {
    "nginx": 0.9,
    "hit": 0.25,
    ("miss", "article"): 0.0102,
    ("miss", "home"): 0.005,
    ("miss", "section"): 0.005,
    ("miss", "feed"): 0.005,
}
VISIBLE_TARGET_SECONDS = 1.0


def main() -> None:
    args = _arguments()
    # Both stop the run and everything it started (SIGINT too when a shell that
    # started us in the background ignored it).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if not (nginx.executable() and load.executable()):
        sys.exit("nginx and wrk are needed: `make bench` installs them from Debian.")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    run = Path(tempfile.mkdtemp(prefix="newsline-bench-"))
    try:
        with Processes() as procs:
            results = bench(run, procs, args)
    finally:
        if args.keep:
            print(f"Kept {run}")
        else:
            shutil.rmtree(run, ignore_errors=True)
    results["wall_seconds"] = round(time.monotonic() - started)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_report(results)
    print(f"\nAll figures in {RESULTS.relative_to(ROOT)} ({results['wall_seconds']} s).")
    if args.spike_seconds:
        run_spike(args)


def run_spike(args) -> None:
    """The breaking-news day (bench/spike.py), on this design and the one before."""
    print("\nSpike: readers while an editor publishes, updates, withdraws, curates ...")
    options = spike.Options(
        seconds=args.spike_seconds,
        workers=args.workers,
        before=args.spike_before,
        fresh=args.fresh,
        keep=args.keep,
    )
    spike.print_report(spike.run(options))
    print(f"\nSpike figures in {spike.RESULTS.relative_to(ROOT)}.")


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (median)")
    parser.add_argument("--seconds", type=int, default=3, help="length of each wrk run")
    parser.add_argument(
        "--warmup", type=int, default=1, help="wrk warm-up before each first-round run"
    )
    parser.add_argument("--publishes", type=int, default=24, help="publish → visible samples")
    parser.add_argument("--workers", type=int, default=2, help="web worker processes per app")
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        help="a Redis for the REDIS_URL variant (skipped if none answers)",
    )
    parser.add_argument(
        "--spike-seconds", type=int, default=30, help="each phase of the spike (0 skips it)"
    )
    parser.add_argument(
        "--spike-before", default=spike.BEFORE, help="the design the spike compares with"
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild var/bench-data/seed")
    parser.add_argument("--keep", action="store_true", help="keep the run's temporary directory")
    return parser.parse_args()


def bench(run: Path, procs: Processes, args) -> dict:
    run.chmod(0o755)
    logs = run / "logs"
    logs.mkdir()
    print(f"Preparing the demo outlet in {run} ...", flush=True)
    data = app.prepare_data(run, fresh=args.fresh)
    workers = args.workers
    cached, cached_base = app.start(procs, data, logs, name="app", workers=workers)
    uncached, uncached_base = app.start(
        procs, data, logs, name="app-uncached", workers=workers, page_cache=False
    )
    # Behind nginx, as docs/deploy/nginx.conf says to run it: nginx sends the
    # readers' security headers (decision 0035). Alone, the app sends them.
    edge, edge_base = app.start(
        procs, data, logs, name="app-edge", workers=workers, edge_headers=True
    )
    paths = app.surfaces(cached_base)
    pages = {FILES[name]: _cached_page(cached_base + path) for name, path in paths.items()}
    fronts = _start_nginx(procs, run, data, pages, app_port=int(edge_base.rsplit(":", 1)[1]))
    servers = {
        "static": (fronts["shipped"]["static"], [fronts["shipped"]["process"]]),
        "hit": (cached_base, [cached]),
        "miss": (uncached_base, [uncached]),
        "nginx": (fronts["shipped"]["base"], [fronts["shipped"]["process"], edge]),
        "nginx-nopush": (fronts["nopush"]["base"], [fronts["nopush"]["process"], edge]),
    }
    for mode, options in SERVERS.items():
        process, base = app.start(procs, data, logs, name=mode, workers=workers, server=options)
        servers[mode] = (base, [process])
    if app.redis_answers(args.redis):
        redis, redis_base = app.start(
            procs, data, logs, name="app-redis", workers=workers, redis_url=args.redis
        )
        servers["hit-redis"] = (redis_base, [redis])
    else:
        print(f"No Redis answers at {args.redis}; skipping the REDIS_URL variant.")
    targets = _targets(servers, paths)
    _check_states(targets)
    load_before = os.getloadavg()
    runs = measure_throughput(targets, args)
    print(f"Publishing {args.publishes} times and polling for the new headline ...", flush=True)
    visible = measure_publish_to_visible(
        data, {"app": cached_base, "nginx": fronts["shipped"]["base"]}, args.publishes
    )
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            # Anything else running skews req/s; the per-round ratios suffer less.
            "load_average_before_and_after": [load_before[0], os.getloadavg()[0]],
        },
        "tools": {"nginx": nginx.version(), "wrk": load.version()},
        "wrk": f"-t{load.THREADS} -c{load.CONNECTIONS} -d{args.seconds}s",
        "rounds": args.rounds,
        "workers": args.workers,
        "paths": paths,
        "bytes": {name: len(pages[FILES[name]]) for name in paths},
        "throughput": summarise_throughput(runs),
        "runs": runs,
        "publish_to_visible": visible,
    }


def _cached_page(url: str) -> bytes:
    """The bytes the app serves from its cache: what the static baseline serves."""
    fetch(url)
    status, headers, body = fetch(url)
    if status != 200 or headers.get("x-cache") != "HIT":
        raise RuntimeError(f"{url}: expected a cached 200, got {status} {headers.get('x-cache')}")
    return body


def _start_nginx(procs, run, data, pages, *, app_port) -> dict:
    fronts = {}
    variants = {
        "shipped": None,
        "nopush": {"tcp_nopush off;": "tcp_nopush on;"},
    }
    for name, variant in variants.items():
        port, static_port = free_port(), free_port()
        config = nginx.prepare(
            run / f"nginx-{name}",
            port=port,
            static_port=static_port,
            app_port=app_port,
            data=data,
            pages=pages,
            variant=variant,
        )
        static = f"http://127.0.0.1:{static_port}"
        process = nginx.start(procs, config, probe_url=f"{static}/{FILES['article']}")
        fronts[name] = {"process": process, "base": f"http://127.0.0.1:{port}", "static": static}
    return fronts


def _targets(servers: dict, paths: dict) -> dict:
    """(surface, mode) → (URL, processes that answer it)."""
    targets = {}
    for surface, path in paths.items():
        for mode, (base, processes) in servers.items():
            if mode in ARTICLE_ONLY and surface != "article":
                continue
            url = f"{base}/{FILES[surface]}" if mode == "static" else base + path
            targets[surface, mode] = (url, processes)
    return targets


def _check_states(targets: dict) -> None:
    """Each mode measures what it claims: a hit is a hit, a miss renders."""
    for (surface, mode), (url, _) in targets.items():
        fetch(url)
        status, headers, _ = fetch(url)
        if mode == "static":
            state = "file"
        elif mode == "miss":
            state = headers.get("x-cache", "rendered")
        elif mode.startswith("nginx"):
            state = headers.get("x-cache-status")
        else:
            state = headers.get("x-cache")
        expected = {"miss": "rendered", "static": "file"}.get(mode, "HIT")
        if mode.startswith("nginx") and state in FROM_NGINX_CACHE:
            state = "HIT"
        if status != 200 or state != expected:
            raise RuntimeError(f"{surface}/{mode} {url}: {status} {state}, expected {expected}")


# nginx answered from its own cache: a one-second entry (the News line) that
# expired between the warming fetch and the check is served STALE or UPDATING
# while one request refreshes it, which is still a cache answer.
FROM_NGINX_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}


def measure_throughput(targets: dict, args) -> list[dict]:
    runs = []
    modes = list(MODES)
    for number in range(args.rounds):
        # Rotate the order so that no mode always runs first or last.
        order = modes[number % len(modes) :] + modes[: number % len(modes)]
        for surface in SURFACES:
            for mode in order:
                if (surface, mode) not in targets:
                    continue
                url, processes = targets[surface, mode]
                if number == 0:  # later rounds find every cache and process warm
                    load.wrk(url, args.warmup)
                    _drain(url)
                result = load.wrk(url, args.seconds, processes)
                _drain(url)
                runs.append(
                    {"round": number + 1, "surface": surface, "mode": mode, **result.as_json()}
                )
                print(
                    f"  round {number + 1}/{args.rounds}  {surface:<9} {MODES[mode].strip():<26}"
                    f"{result.requests_per_second:>10,.0f} req/s",
                    flush=True,
                )
    return runs


def _drain(url: str) -> None:
    """Wait out the requests wrk left queued: a server may still serve connections
    their client closed, and that work must not land in the next measurement."""
    fetch(url, timeout=120)


def summarise_throughput(runs: list[dict]) -> list[dict]:
    by_key = {(run["round"], run["surface"], run["mode"]): run for run in runs}
    summary = []
    for surface in SURFACES:
        for mode in MODES:
            mine = [run for run in runs if (run["surface"], run["mode"]) == (surface, mode)]
            if not mine:
                continue
            ratios = [
                run["requests_per_second"]
                / by_key[run["round"], surface, "static"]["requests_per_second"]
                for run in mine
            ]
            by_cpu = [
                by_key[run["round"], surface, "static"]["server_cpu_ms_per_request"]
                / run["server_cpu_ms_per_request"]
                for run in mine
                if run["server_cpu_ms_per_request"]
            ]
            target = TARGETS.get((mode, surface), TARGETS.get(mode))
            ratio = statistics.median(ratios)
            summary.append(
                {
                    "surface": surface,
                    "mode": mode,
                    "requests_per_second": statistics.median(
                        run["requests_per_second"] for run in mine
                    ),
                    "ratio": ratio,
                    "ratio_min": min(ratios),
                    "ratio_max": max(ratios),
                    "server_cpu_ms_per_request": _median_or_none(
                        run["server_cpu_ms_per_request"] for run in mine
                    ),
                    "ratio_by_cpu": statistics.median(by_cpu) if by_cpu else None,
                    "errors": sum(run["errors"] for run in mine),
                    "target": target,
                    "met": None if target is None else ratio >= target,
                }
            )
    return summary


def measure_publish_to_visible(data: Path, bases: dict, publishes: int) -> dict:
    options = json.dumps({"rounds": publishes, "bases": bases})
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("publish.py")), options],
        env=app.environment(data),
        capture_output=True,
        text=True,
        check=False,
        timeout=publishes * 30 + 120,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"bench/publish.py failed:\n{completed.stderr[-3000:]}")
    rounds = json.loads(completed.stdout)["rounds"]
    summary = {}
    for key in rounds[0]["visible_after"]:
        values = [r["visible_after"][key] for r in rounds]
        seen = sorted(v for v in values if v is not None)
        p95 = _percentile(seen, 95) if len(seen) == len(values) else math.inf
        summary[key] = {
            "p50": statistics.median(seen) if seen else None,
            "p95": p95 if math.isfinite(p95) else None,
            "max": seen[-1] if seen else None,
            "never_seen": len(values) - len(seen),
            "met": math.isfinite(p95) and p95 <= VISIBLE_TARGET_SECONDS,
        }
    publish_seconds = sorted(r["publish_seconds"] for r in rounds)
    return {
        "publishes": len(rounds),
        "publish_call": {
            "p50": statistics.median(publish_seconds),
            "p95": _percentile(publish_seconds, 95),
        },
        "surfaces": summary,
        "rounds": rounds,
    }


def _percentile(ordered: list[float], percent: float) -> float:
    """Nearest rank: the smallest value with at least ``percent`` % at or below it."""
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def _median_or_none(values):
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


COLUMNS = (  # title, width, alignment
    ("surface", 9, "<"),
    ("bytes", 6, ">"),
    ("measured", 24, "<"),
    ("req/s", 8, ">"),
    ("× static", 9, ">"),
    ("range", 16, "<"),
    ("CPU ms/req", 10, ">"),
    ("× by CPU", 9, ">"),
    ("target", 7, ">"),
    ("met", 3, "<"),
)


def print_report(results: dict) -> None:
    print(
        f"\nNewsline bench, {results['date']}, {results['machine']['cpus']} CPUs, "
        f"nginx {results['tools']['nginx']}, {results['tools']['wrk']} {results['wrk']}, "
        f"{results['rounds']} interleaved rounds (medians; range of the per-round ratios), "
        f"newsline serve: granian, {results['workers']} workers, load average before/after "
        + "/".join(f"{n:.1f}" for n in results["machine"]["load_average_before_and_after"])
    )
    header = _line(title for title, _, _ in COLUMNS)
    print(header)
    print("-" * len(header))
    for row in results["throughput"]:
        print(_line(_cells(row, results["bytes"][row["surface"]])))
    _print_visible(results["publish_to_visible"])


def _cells(row: dict, size: int) -> list[str]:
    is_static = row["mode"] == "static"
    cpu, by_cpu = row["server_cpu_ms_per_request"], row["ratio_by_cpu"]
    errors = f" ({row['errors']} errors)" if row["errors"] else ""
    return [
        row["surface"],
        str(size) if is_static else "",
        MODES[row["mode"]],
        f"{row['requests_per_second']:,.0f}",
        "1" if is_static else f"{row['ratio']:.3g}",
        "" if is_static else f"{row['ratio_min']:.3g}–{row['ratio_max']:.3g}",
        "" if cpu is None else f"{cpu:.3f}",
        "" if is_static or by_cpu is None else f"{by_cpu:.3g}",
        "" if row["target"] is None else f"≥{row['target']:.3g}",
        {None: "", True: "yes", False: "NO"}[row["met"]] + errors,
    ]


def _line(cells) -> str:
    return "  ".join(
        f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS, strict=True)
    ).rstrip()


def _print_visible(visible: dict) -> None:
    call = visible["publish_call"]
    print(
        f"\nPublish → visible, {visible['publishes']} publishes, seconds after publish() "
        f"returned (publish() itself: p50 {call['p50']:.3f}, p95 {call['p95']:.3f})"
    )
    print(f"{'surface/via':<18}{'p50':>7}{'p95':>7}{'max':>7}  target  met")
    for key, row in visible["surfaces"].items():
        cells = "".join(
            f"{'never' if row[name] is None else f'{row[name]:.3f}':>7}"
            for name in ("p50", "p95", "max")
        )
        met = "yes" if row["met"] else "NO"
        print(f"{key:<18}{cells}  ≤{VISIBLE_TARGET_SECONDS:g} s   {met}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted; everything the bench started is stopped.")

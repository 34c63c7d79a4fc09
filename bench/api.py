"""The API's story listings: items filed against every item built anew.

    .venv/bin/python bench/api.py [--runs 40]

In this one process on a private copy of the demo outlet (production settings,
the page cache off, so every request builds its answer), interleaved, so the
machine's load touches both alike. For each listing below:
- filed: the listing as after a publication, its stories' items filed
  (``api/items.py``);
- anew: every item built, as after a release or a cleared cache: before each
  request the keys of all of them are purged as a publication purges them.
CPU time (``time.process_time``) per request, median over the runs; the ratio
anew ÷ filed says what filing saves. Figures to stdout and var/bench/api.json.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import app  # noqa: E402 - bench/ is not a package

RESULTS = app.ROOT / "var" / "bench" / "api.json"
LISTINGS = (
    "/api/v2/stories/",
    "/api/v2/stories/?language=en&offset=20",
    "/api/v2/stories/?fields=-authors,-topics&kind=opinion",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsline-api-") as run:
        data = app.prepare_data(Path(run), fresh=False)
        os.environ.update(app.environment(data, page_cache=False))
        rows = measure(args.runs)
    report(rows)


def measure(runs: int) -> list[dict]:
    import django

    django.setup()
    from django.test import Client

    from newsline.core import surrogate
    from newsline.publishing import store

    client = Client(HTTP_HOST="localhost")
    rows = []
    for url in LISTINGS:
        for _ in range(3):  # sites, locales and renditions settled; items filed
            app.ok(client, url)
        timings = {"filed": [], "anew": []}
        for _ in range(runs):
            timings["filed"].append(app.cpu_seconds(app.ok, client, url))
            store.purge({surrogate.EVERYTHING})
            timings["anew"].append(app.cpu_seconds(app.ok, client, url))
        medians = {name: statistics.median(values) * 1000 for name, values in timings.items()}
        rows.append({"listing": url, **{name: round(ms, 2) for name, ms in medians.items()}})
    return rows


def report(rows: list[dict]) -> None:
    print(f"{'API listing':<60}{'filed':>9}{'anew':>9}{'ratio':>8}")
    for row in rows:
        row["ratio"] = round(row["anew"] / row["filed"], 2)
        print(f"{row['listing']:<60}{row['filed']:>8.1f} {row['anew']:>8.1f} {row['ratio']:>6.2f}×")
    print("CPU ms per request, median; anew: every item built, as before items were filed")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"rows": rows}, indent=2))


if __name__ == "__main__":
    main()

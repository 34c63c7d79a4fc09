"""Topic suggestions measured on labelled stories written by us
(bench/data/intelligence/topics-<lang>.json, and a held-out set in heldout/):
precision and recall per language.

    .venv/bin/python bench/topics.py [--errors]

Each set's people and organisations play the outlet's own topics; countries and
places come from the gazetteer. A suggestion counts when its name is one of the
story's gold topics, exactly. Figures go to stdout and var/bench/topics.json.
"""

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "intelligence"
RESULTS = ROOT / "var" / "bench" / "topics.json"
# The set the rules were tuned on, and one written apart and never looked at while tuning.
SETS = {
    "development set (tuned on)": DATA,
    "held-out set": DATA / "heldout",
}
TARGET_PRECISION, TARGET_RECALL = 0.9, 0.8


def _setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsline.settings.test")
    import django

    django.setup()


def measure(language: str, data: Path = DATA) -> dict:
    from newsline.news.suggest.finder import find
    from newsline.news.suggest.gazetteer import entry, places

    labelled = json.loads((data / f"topics-{language}.json").read_text())
    own = [entry(p["name"], p["type"], language) for p in labelled["people"]]
    own += [
        entry(o["name"], o["type"], language, o.get("aliases", []))
        for o in labelled["organisations"]
    ]
    known = (*own, *places(language))
    hits = missed = wrong = 0
    misses, extras = Counter(), Counter()
    for story in labelled["stories"]:
        text = "\n".join((story["headline"], story["lead"], story["body"]))
        found = {item.name for item in find(text, known)}
        gold = {topic["name"] for topic in story["topics"]}
        hits += len(found & gold)
        wrong += len(found - gold)
        missed += len(gold - found)
        misses.update(f"{story['id']}: {name}" for name in gold - found)
        extras.update(f"{story['id']}: {name}" for name in found - gold)
    precision = hits / (hits + wrong) if hits + wrong else 1.0
    recall = hits / (hits + missed) if hits + missed else 1.0
    return {
        "language": language,
        "stories": len(labelled["stories"]),
        "gold topics": hits + missed,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "met": precision >= TARGET_PRECISION and recall >= TARGET_RECALL,
        "missed": sorted(misses),
        "wrong": sorted(extras),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss and every extra")
    args = parser.parse_args()
    _setup()
    targets = f"precision >= {TARGET_PRECISION}, recall >= {TARGET_RECALL}"
    print(f"Topic suggestions (targets: {targets})")
    results = {}
    for name, data in SETS.items():
        results[name] = [measure(language, data) for language in ("az", "en", "ru")]
        _print(name, results[name], errors=args.errors)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2))


def _print(name: str, results: list, *, errors: bool) -> None:
    print(f"\n{name}")
    print(f"{'language':<9}{'stories':>8}{'topics':>8}{'precision':>11}{'recall':>8}  target")
    for row in results:
        verdict = "met" if row["met"] else "NOT met"
        print(
            f"{row['language']:<9}{row['stories']:>8}{row['gold topics']:>8}"
            f"{row['precision']:>11.3f}{row['recall']:>8.3f}  {verdict}"
        )
        if errors:
            for line in row["missed"]:
                print(f"    missed  {line}")
            for line in row["wrong"]:
                print(f"    extra   {line}")


if __name__ == "__main__":
    main()

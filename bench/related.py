"""Related stories measured on labelled stories written by us
(bench/data/intelligence/related-<lang>.json, 24 storylines of 5 stories each).

    .venv/bin/python bench/related.py [--no-timing]

precision@5: the share of a story's five suggestions that belong to its own
storyline, averaged over every story, per language and method:
- baseline: today's read before decision 0017, the newest stories sharing a topic,
  topped up with the newest others (the set has no sections: one section);
- words: BM25 over our stems (snowballstemmer's where installed, and our own
  suffix strippers), with topics and recency weighed in (news/related/rank.py);
- meaning: all-MiniLM-L6-v2 embeddings, when the `meaning` extra is installed.
Then one story's compute (``services.refresh_related``) is timed on SQLite with
the three sets loaded as stories: p50 / p95 over all of them. Figures go to
stdout and var/bench/related.json.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "intelligence"
RESULTS = ROOT / "var" / "bench" / "related.json"
LANGUAGES = ("az", "en", "ru")
K = 5


def _setup() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsline.settings.test")
    import django

    django.setup()


def labelled(language: str) -> list[dict]:
    stories = json.loads((DATA / f"related-{language}.json").read_text())["stories"]
    for story in stories:
        story["when"] = datetime.fromisoformat(story["published"])
    return stories


def precision(stories: list[dict], suggest) -> float:
    """Mean share of the K suggestions in the story's own storyline."""
    shares = []
    for story in stories:
        picked = suggest(story)[:K]
        shares.append(sum(other["event"] == story["event"] for other in picked) / K)
    return statistics.mean(shares)


def baseline(stories):
    newest = sorted(stories, key=lambda s: s["when"], reverse=True)

    def suggest(story):
        others = [s for s in newest if s is not story]
        sharing = [s for s in others if set(s["topics"]) & set(story["topics"])]
        return sharing + [s for s in others if s not in sharing]

    return suggest


def ranked_by(stories, similarity):
    """Suggestions by ``similarity(story) -> [score per story]`` through rank.py."""
    from newsline.news.related import rank

    def suggest(story):
        scores = similarity(story)
        candidates = [
            rank.Candidate(i, other["when"], frozenset(other["topics"]), score)
            for i, (other, score) in enumerate(zip(stories, scores, strict=True))
            if other is not story
        ]
        best = rank.ranked(
            candidates, topics=frozenset(story["topics"]), published_at=story["when"], limit=K
        )
        return [stories[r.story_id] for r in best]

    return suggest


def by_words(stories, language):
    from collections import Counter

    from newsline.news.related import text, words

    def vector(story):
        counts = Counter()
        for part, weight in (
            (story["headline"], text.HEADLINE_WEIGHT),
            (story["lead"], text.LEAD_WEIGHT),
            (story["body"], 1),
        ):
            for stem in text.stems(part, language):
                counts[stem] += weight
        return text.words_of(counts)

    vectors = [vector(s) for s in stories]
    documents = [(v.terms, v.length) for v in vectors]
    index = {id(s): i for i, s in enumerate(stories)}
    return ranked_by(
        stories, lambda story: words.similarities(vectors[index[id(story)]].terms, documents)
    )


def by_meaning(stories):
    from newsline.news.related import meaning

    passages = [
        f"{s['headline']}. {s['lead']}\n{s['body']}"[: meaning.PASSAGE_CHARS] for s in stories
    ]
    vectors = meaning.embed(passages)
    index = {id(s): i for i, s in enumerate(stories)}
    return ranked_by(stories, lambda story: (vectors @ vectors[index[id(story)]]).tolist())


def with_stemmer(snowball: bool):
    """Our suffix strippers, or snowballstemmer's stemmers where installed."""
    from newsline.news.related import text

    if not hasattr(text, "_installed_snowball"):
        text._installed_snowball = text._snowball
    text._snowball = text._installed_snowball if snowball else (lambda language: None)
    text.stemmer.cache_clear()


def precision_table() -> dict:
    from newsline.news.related import meaning, text

    has_snowball = text._snowball("en") is not None
    table = {}
    for language in LANGUAGES:
        stories = labelled(language)
        row = {"baseline": precision(stories, baseline(stories))}
        with_stemmer(False)
        row["words (own stems)"] = precision(stories, by_words(stories, language))
        if has_snowball:
            with_stemmer(True)
            row["words (snowball)"] = precision(stories, by_words(stories, language))
        if meaning.is_available():
            started = time.perf_counter()
            row["meaning"] = precision(stories, by_meaning(stories))
            row["meaning seconds"] = round(time.perf_counter() - started, 1)
        table[language] = row
    return table


def timing() -> dict:
    """Each labelled story published on an in-memory SQLite outlet, then every
    story's list recomputed and timed (its own vector included)."""
    from django.db import connection
    from django.test.utils import setup_test_environment
    from tests.base import build_site_skeleton
    from tests.factories import make_story, section

    from newsline.news.related import services

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    build_site_skeleton()
    made, events = [], {}
    for language in LANGUAGES:
        for item in labelled(language):
            story = make_story(
                parent=section(language),
                title=item["headline"][:250],
                body_text=item["body"],
                topics=item["topics"],
                published_at=item["when"],
            )
            made.append(story)
            events[story.pk] = item["event"]
    services.refresh_all_related()
    seconds = []
    shares = []
    for story in made:
        started = time.perf_counter()
        rows = services.refresh_related(story=story)
        seconds.append((time.perf_counter() - started) * 1000)
        top = [row.related_id for row in rows[:K]]
        shares.append(sum(events[pk] == events[story.pk] for pk in top) / K)
    seconds.sort()
    return {
        "method": services.method(),
        "stories": len(made),
        "p50 ms": round(statistics.median(seconds), 1),
        "p95 ms": round(seconds[int(len(seconds) * 0.95) - 1], 1),
        "precision@5 end to end (stored lists, all languages)": round(statistics.mean(shares), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    _setup()
    table = precision_table()
    methods = sorted({m for row in table.values() for m in row if not m.endswith("seconds")})
    print(f"{'precision@5':<22}" + "".join(f"{lang:>8}" for lang in LANGUAGES))
    for method in methods:
        cells = "".join(f"{table[lang].get(method, float('nan')):>8.3f}" for lang in LANGUAGES)
        print(f"{method:<22}{cells}")
    results = {"precision@5": table}
    if not args.no_timing:
        results["compute"] = timing()
        print(json.dumps(results["compute"], indent=2))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

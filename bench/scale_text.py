"""Invented words, sentences and names for the scale test, in three scripts.

Nothing here is real text. Words are made of syllables and drawn with a Zipf
distribution, so the corpus has very common words and words that occur in a
few dozen stories, as news text does; search figures depend on that spread.
"""

import random
from collections import Counter
from dataclasses import dataclass

SYLLABLES = {
    "az": ("bcçdfgğhxjkqlmnprsştvyz", "aeəiıoöuü"),
    "en": ("bcdfghjklmnprstvwz", "aeiou"),
    "ru": ("бвгджзклмнпрстфхш", "аеиоуыя"),
}
LANGUAGES = ("az", "en", "ru")
VOCABULARY_SIZE = 30_000
ZIPF_EXPONENT = 1.05


@dataclass(frozen=True)
class Corpus:
    """One language's pools: stories pick whole sentences from them."""

    sentences: list[str]
    titles: list[str]
    common_word: str
    medium_word: str
    rare_word: str


def _word(rng: random.Random, consonants: str, vowels: str) -> str:
    syllables = rng.choice((2, 2, 3, 3, 3, 4))
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables))


def vocabulary(rng: random.Random, language: str, size: int = VOCABULARY_SIZE) -> list[str]:
    consonants, vowels = SYLLABLES[language]
    words: dict[str, None] = {}
    while len(words) < size:
        words[_word(rng, consonants, vowels)] = None
    return list(words)


def _zipf_weights(size: int) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, size + 1):
        total += 1 / rank**ZIPF_EXPONENT
        cumulative.append(total)
    return cumulative


def _sentences(rng, words, cumulative, count, shortest, longest) -> list[list[str]]:
    return [
        rng.choices(words, cum_weights=cumulative, k=rng.randint(shortest, longest))
        for _ in range(count)
    ]


def corpus(rng: random.Random, language: str, *, sentences: int, titles: int) -> Corpus:
    words = vocabulary(rng, language)
    cumulative = _zipf_weights(len(words))
    body = _sentences(rng, words, cumulative, sentences, 7, 15)
    heads = _sentences(rng, words, cumulative, titles, 5, 9)
    in_sentences = Counter(word for sentence in body for word in set(sentence))
    # A word the titles never use, in one sentence of the pool: a few dozen stories.
    in_titles = {word for title in heads for word in title}
    rare = next(
        w for w in reversed(words) if in_sentences[w] == 1 and w not in in_titles and len(w) > 6
    )
    # Sentence shares of about 2% and 0.3%: a story has five or six sentences, so
    # roughly one story in ten and one in fifty. (The most frequent words are in
    # every story, as stop words are; nobody searches for those.)
    common = next(w for w in words if in_sentences[w] <= len(body) * 0.02)
    medium = next(w for w in words if in_sentences[w] <= len(body) * 0.003)
    return Corpus(
        sentences=[" ".join(s).capitalize() + "." for s in body],
        titles=[" ".join(t).capitalize() for t in heads],
        common_word=common,
        medium_word=medium,
        rare_word=rare,
    )


def name(rng: random.Random, language: str) -> str:
    consonants, vowels = SYLLABLES[language]
    return " ".join(_word(rng, consonants, vowels).capitalize() for _ in range(2))


def corpora(seed: int) -> dict[str, Corpus]:
    """The pools of every language; the same for the same seed."""
    rng = random.Random(seed)
    return {code: corpus(rng, code, sentences=40_000, titles=20_000) for code in LANGUAGES}

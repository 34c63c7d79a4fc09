"""A story's words as related stories compare them: the headline and lead count
more than the body, each word lower-cased for its language, stop words dropped,
and cut to a stem so that inflected forms meet (Bakıya, Bakıda → bakı;
Азербайджаном, Азербайджана → азербайджан).

Stems come from snowballstemmer when it is installed (English and Russian) and
otherwise from the light suffix strippers below, which Azerbaijani always uses
(snowball's Turkish stemmer did worse on it, bench/related.py).
"""

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from newsline.core.text import casefold

from ..syndication import body_text

# Each word of the headline counts three times, of the lead twice: they say what
# the story is about, the body also says what it is not.
HEADLINE_WEIGHT = 3
LEAD_WEIGHT = 2
# A story keeps its weightiest stems only: enough to find its neighbours, small
# enough that reading thousands of stored stories stays within a list's budget
# (40 gave the same precision@5 as 80 on the labelled sets, in half the time).
STORED_TERMS = 40
# A body beyond this many characters adds nothing but time.
MAX_BODY_CHARS = 20_000

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _words(text: str) -> list[str]:
    return text.split()


STOP_WORDS = {
    "en": set(
        _words("""a about after again against all also an and any are as at be been before
        being between both but by can could did do does during each few for from had
        has have he her here hers him his how i if in into is it its itself just me
        more most my no nor not now of off on once only or other our out over own said
        says same she should so some such than that the their them then there these
        they this those through to too under until up very was we were what when where
        which while who whom why will with would you your new one two year years""")
    ),
    "ru": set(
        _words("""а без более бы был была были было быть в вам вас весь во вот все всего всех
        вы где да даже для до его ее её если есть еще ещё же за здесь и из или им их к
        как ко когда кто ли либо между мы на над не него нее неё нет ни них но ну о об
        однако он она они оно от очень по под после при про с со так также такой там
        те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы чья
        эта эти это этот я который которая которые которого году года год сказал
        заявил отметил""")
    ),
    "az": set(
        _words("""və ilə bu bir o da də ki ya amma ancaq lakin çünki üçün görə kimi qədər sonra
        əvvəl artıq həm hər heç nə niyə necə harada biz siz onlar onun onların bunu
        bunun belə isə olan olub olaraq oldu olacaq edib etdi edir edən ilə üzrə
        arasında daha çox az il ildə ili bildirib deyib qeyd belə""")
    ),
}

# Endings stripped when snowballstemmer is not installed, longest first; a stem
# keeps at least MIN_STEM letters so short words are left alone.
MIN_STEM = 3
_SUFFIXES = {
    "en": ("ingly", "ings", "ing", "edly", "ies", "ied", "ed", "es", "s", "ly", "'s", "’s"),
    "ru": tuple(
        sorted(
            # Nouns' and adjectives' endings only: verbs' (-на, -ет…) would cut nouns
            # (Азербайджана, бюджет) differently in their different cases.
            _words("""иями ями ами ией ого его ому ему ыми ими ой ей ий ый ая яя ое ее ую юю
            ов ев ах ях ам ям ом ем ью ия ие ию ии ы и а я о е у ю ь"""),
            key=len,
            reverse=True,
        )
    ),
    # Azerbaijani stacks suffixes (Bakı-da-kı-lar-ın): strip them one after another.
    "az": tuple(
        sorted(
            _words("""ların lərin ları ləri lar lər nın nin nun nün ın in un ün dan dən ya yə
            da də na nə ya yə ı i u ü a ə sı si su sü ndan ndən nda ndə dakı dəki mış
            miş muş müş acaq əcək ıb ib ub üb ır ir ur ür"""),
            key=len,
            reverse=True,
        )
    ),
}
_STACKS = {"en": 1, "ru": 1, "az": 3}


@dataclass(frozen=True)
class StoryText:
    """A story's stems with their weighted counts, and the words' weighted total."""

    terms: dict
    length: int


def story_words(story) -> StoryText:
    """The stems of ``story`` (the specific page) in its own language."""
    language = story.locale.language_code
    counts = Counter()
    for text, weight in (
        (story.title, HEADLINE_WEIGHT),
        (story.lead, LEAD_WEIGHT),
        (body_text(story)[:MAX_BODY_CHARS], 1),
    ):
        for stem in stems(text or "", language):
            counts[stem] += weight
    return words_of(counts)


def words_of(counts: Counter) -> StoryText:
    """Counts made sub-linear (a word said ten times is not ten times the topic),
    the weightiest kept."""
    kept = counts.most_common(STORED_TERMS)
    return StoryText(
        terms={stem: round(1 + math.log(count), 3) for stem, count in kept},
        length=sum(counts.values()),
    )


def stems(text: str, language: str) -> list[str]:
    stop = STOP_WORDS.get(language, set())
    words = [w for w in _WORD.findall(casefold(text, language)) if len(w) > 1 and w not in stop]
    stem = stemmer(language)
    return [stem(word) for word in words]


@cache
def stemmer(language: str):
    """A function from a lower-cased word to its stem."""
    snowball = _snowball(language)
    if snowball is not None:
        return snowball.stemWord
    suffixes, stacks = _SUFFIXES.get(language, ()), _STACKS.get(language, 1)
    return lambda word: strip_suffixes(word, suffixes, stacks)


def strip_suffixes(word: str, suffixes: tuple, stacks: int) -> str:
    for _ in range(stacks):
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


# Not its Turkish stemmer for Azerbaijani: our suffix stripper measured better
# (precision@5 0.610 against 0.583, bench/related.py).
SNOWBALL_LANGUAGES = {"en": "english", "ru": "russian"}


def _snowball(language: str):
    try:
        import snowballstemmer
    except ImportError:
        return None
    name = SNOWBALL_LANGUAGES.get(language)
    return snowballstemmer.stemmer(name) if name else None

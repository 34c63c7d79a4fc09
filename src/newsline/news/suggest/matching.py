"""Finding a name in running text in the forms a language gives it.

Azerbaijani adds case and possessive suffixes (Azərbaycanın, Bakıda, Türkiyəyə);
Russian changes endings (Азербайджана, в Москве, Россией); English adds a
possessive (Azerbaijan's). A name's words match a text's words when the text's
word is the name's stem followed by an ending the language allows, written with
the name's capital letter, so "turkey" in a recipe and "мир" (peace) stay out.
"""

import re
from dataclasses import dataclass

from newsline.core.text import casefold

WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*", re.UNICODE)
APOSTROPHES = "'’ʼ`"
_NO_APOSTROPHES = {ord(a): None for a in APOSTROPHES}

_AZ_CASES = (
    "",
    "ın",
    "in",
    "un",
    "ün",
    "nın",
    "nin",
    "nun",
    "nün",
    "a",
    "ə",
    "ya",
    "yə",
    "na",
    "nə",
    "da",
    "də",
    "ta",
    "tə",
    "nda",
    "ndə",
    "dan",
    "dən",
    "tan",
    "tən",
    "ndan",
    "ndən",
    "ı",
    "i",
    "u",
    "ü",
    "yı",
    "yi",
    "yu",
    "yü",
    "nı",
    "ni",
    "nu",
    "nü",
    "la",
    "lə",
    "yla",
    "ylə",
    "dakı",
    "dəki",
    "takı",
    "təki",
    "ndakı",
    "ndəki",
    "nınkı",
    "ninki",
    "sı",
    "si",
    "su",
    "sü",
    "sın",
    "sin",
    "sına",
    "sinə",
    "sında",
    "sində",
    "sından",
    "sindən",
    "ının",
    "inin",
    "ına",
    "inə",
    "ında",
    "ində",
    "ından",
    "indən",
)
# The copula, alone and after the locative or ablative (Bakıdır, Bakıdadır).
_AZ_COPULA = ("dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür")
AZ_ENDINGS = frozenset(
    (
        *_AZ_CASES,
        *_AZ_COPULA,
        *(
            case + copula
            for case in ("da", "də", "dan", "dən", "nda", "ndə")
            for copula in _AZ_COPULA
        ),
    )
)

# Noun and adjective endings after a stem that lost its final vowel, ь or й.
RU_ENDINGS = frozenset(
    (
        "",
        "а",
        "я",
        "у",
        "ю",
        "ий",
        "ый",
        "ом",
        "ем",
        "ём",
        "е",
        "и",
        "ы",
        "ой",
        "ей",
        "ою",
        "ею",
        "ам",
        "ям",
        "ами",
        "ями",
        "ах",
        "ях",
        "ов",
        "ев",
        "ым",
        "им",
        "ых",
        "их",
        "ыми",
        "ими",
        "ого",
        "его",
        "ому",
        "ему",
        "ая",
        "яя",
        "ую",
        "юю",
        "ое",
        "ее",
        "ые",
        "ие",
        "ию",
        "ия",
        "ии",
        "ией",
        "ье",
        "ья",
        "ьи",
        "ью",
        "ьей",
        "й",
        "ь",
    )
)
# Final letters a Russian stem loses before its ending; о, е, у and ю end words
# that do not decline (Марокко, Токио, Баку).
RU_STRIPPED = "аяьйыи"
# Adjectives lose both letters (Южная Корея -> Южной Корее, Всемирный банк ->
# Всемирного банка).
RU_ADJECTIVE = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")

EN_ENDINGS = frozenset(("", "s"))


@dataclass(frozen=True)
class Word:
    text: str
    folded: str
    start: int
    end: int

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def words(text: str) -> list[Word]:
    """The text's words, an apostrophe's suffix joined to its word (Bakı'da,
    Azerbaijan's) so it is read as an ending."""
    found: list[Word] = []
    end = 0
    for match in WORD.finditer(text):
        if match.start() < end:
            continue  # the suffix of the word before, already joined to it
        end = match.end()
        if end < len(text) - 1 and text[end] in APOSTROPHES and text[end + 1].isalpha():
            tail = WORD.match(text, end + 1)
            end = tail.end() if tail else end
        word = text[match.start() : end]
        found.append(Word(word, casefold(word.translate(_NO_APOSTROPHES)), match.start(), end))
    return found


@dataclass(frozen=True)
class Pattern:
    """One word of a name, and what may follow its stem in the language."""

    stem: str
    endings: frozenset
    acronym: bool
    exact: str

    def matches(self, word: Word, *, any_case: bool = False) -> bool:
        if self.acronym:  # NATO, ABŞ-da, SOCAR's: an ending only after a hyphen or apostrophe
            rest = word.text[len(self.exact) :]
            return word.text.startswith(self.exact) and (not rest or rest[0] in "-" + APOSTROPHES)
        # A capital in the name asks for one in the text ("Georgia", not "georgia");
        # a lower-case word of a name ("Всемирный банк") matches as written.
        capital = self.exact[:1].isupper() and not any_case
        if (capital and not word.is_capitalised) or not word.folded.startswith(self.stem):
            return False
        return word.folded[len(self.stem) :] in self.endings


def pattern(name_word: str, language: str) -> Pattern:
    folded = casefold(name_word)
    letters = [ch for ch in name_word if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return Pattern(folded, frozenset(), True, name_word)
    if language == "ru" and len(folded) > 4 and folded.endswith(RU_ADJECTIVE):
        return Pattern(folded[:-2], RU_ENDINGS, False, name_word)
    if language == "ru" and len(folded) > 3 and folded[-1] in RU_STRIPPED:
        return Pattern(folded[:-1], RU_ENDINGS, False, name_word)
    if language == "ru":
        return Pattern(folded, RU_ENDINGS, False, name_word)
    if language == "az":
        return Pattern(folded, AZ_ENDINGS, False, name_word)
    return Pattern(folded, EN_ENDINGS, False, name_word)


def name_patterns(name: str, language: str) -> tuple[Pattern, ...]:
    return tuple(pattern(w.text, language) for w in words(name))

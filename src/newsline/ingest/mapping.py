"""Which kind a wire item is: by a label glued to its headline, by its category or
genre, the source's own words first, then the built-in ones in the outlet's
languages; and the headline without its label."""

import re
import unicodedata

# Words agencies and outlets use, in Azerbaijani, English and Russian (any case).
BUILT_IN = {
    "video": ("video", "видео", "videoreportaj", "видеорепортаж"),
    "opinion": (
        "opinion",
        "comment",
        "column",
        "op-ed",
        "rəy",
        "fikir",
        "köşə",
        "мнение",
        "колонка",
        "комментарий",
        "точка зрения",
    ),
    "interview": ("interview", "müsahibə", "интервью"),
    "gallery": (
        "photo",
        "photos",
        "photo story",
        "gallery",
        "foto",
        "fotoqalereya",
        "fotoreportaj",
        "фото",
        "фотогалерея",
        "фоторепортаж",
    ),
}
_DASHES = "-–—|:"


def fold(word: str) -> str:
    """A word for comparison in any case and script: Azerbaijani/Turkish dotted
    capital İ folds to i, as the lowercase of VİDEO is video."""
    word = word.replace("İ", "i").replace("I", "i")
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in folded if c != "\u0307").strip()


def vocabulary(overrides: dict | None = None) -> dict[str, str]:
    """Folded word -> kind code: the source's words over the built-in ones."""
    words = {fold(word): kind for kind, found in BUILT_IN.items() for word in found}
    words.update({fold(str(word)): str(kind) for word, kind in (overrides or {}).items()})
    return words


def kind_of(headline: str, genres, overrides: dict | None = None) -> tuple[str, str]:
    """The kind code and the headline to print (its label removed)."""
    words = vocabulary(overrides)
    label = _headline_label(headline, words)
    if label is not None:
        kind, cleaned = label
        return kind, cleaned
    for genre in genres:
        kind = words.get(fold(genre))
        if kind:
            return kind, headline
    return "news", headline


def _headline_label(headline: str, words: dict[str, str]) -> tuple[str, str] | None:
    """``Title - VİDEO``, ``Title | Opinion``, ``Заголовок (ВИДЕО)``."""
    bracketed = re.match(r"^(.*\S)\s*[(\[]\s*([^()\[\]]{2,30})\s*[)\]]\s*$", headline)
    if bracketed and fold(bracketed[2]) in words:
        return words[fold(bracketed[2])], bracketed[1].strip()
    for index in range(len(headline) - 1, 0, -1):
        if headline[index] in _DASHES and headline[index - 1].isspace():
            word, rest = headline[index + 1 :], headline[:index].rstrip()
            if rest and fold(word) in words:
                return words[fold(word)], rest.rstrip(" " + _DASHES)
            break
    return None

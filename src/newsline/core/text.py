"""Text that every output can carry.

Control characters (a vertical tab pasted from a word processor, a bell from a
wire) are not allowed in XML 1.0: a headline holding one made Django's feed
writer raise, and the feed answered 500. They are taken out where text comes in
(stories' fields on save, wire and import items) and again where XML goes out.
"""

import re
import unicodedata

# C0 controls but tab, line feed and carriage return; DEL and C1 controls too.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters replaced by spaces (NUL dropped)."""
    if not text:
        return text
    return _CONTROLS.sub(lambda found: "" if found[0] == "\x00" else " ", text)


TURKIC_LETTERS = frozenset("əƏğĞıİşŞçÇöÖüÜ")


def casefold(text: str, language: str | None = None) -> str:
    """Lower case as ``language`` writes it: Azerbaijani (like Turkish) pairs I with
    ı and İ with i; ё is read as е. Without a language, a text holding an
    Azerbaijani letter is taken for Azerbaijani."""
    turkic = language == "az" or (language is None and not TURKIC_LETTERS.isdisjoint(text))
    if turkic:
        text = text.replace("I", "ı").replace("İ", "i")
    return unicodedata.normalize("NFC", text).lower().replace("ё", "е")

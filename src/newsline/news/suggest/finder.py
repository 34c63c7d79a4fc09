from collections import defaultdict
from dataclasses import dataclass

from ..models import Person, Topic, TopicKind
from ..syndication import body_text
from .gazetteer import Entry, entry, places
from .matching import Word, words

# Names are looked up by the first letters of their first word's stem.
KEY_LENGTH = 2


@dataclass(frozen=True)
class Suggestion:
    name: str
    kind: str
    found_as: str
    """The words of the text it was found in, first time."""


def suggest(text: str, language: str, known: tuple[Entry, ...] | None = None) -> list:
    """The topics ``text`` in ``language`` mentions, in the order it first does."""
    if known is None:
        known = outlet_entries(language)
    # The outlet's own come first, so its topic wins over the gazetteer's name.
    return find(text, (*known, *places(language)))


def find(text: str, entries) -> list[Suggestion]:
    index = _index(entries)
    found: dict[str, Suggestion] = {}
    text_words = words(text)
    position = 0
    while position < len(text_words):
        match = _longest_at(
            text_words, position, index.get(text_words[position].folded[:KEY_LENGTH], ())
        )
        if match is None:
            position += 1
            continue
        hit, length = match
        if hit.name not in found:
            first, last = text_words[position], text_words[position + length - 1]
            found[hit.name] = Suggestion(hit.name, hit.kind, text[first.start : last.end])
        position += length
    return list(found.values())


def _index(entries) -> dict:
    index = defaultdict(list)
    seen = set()
    for item in entries:
        if item.name in seen:
            continue
        seen.add(item.name)
        for form in item.forms:
            index[form[0].stem[:KEY_LENGTH]].append((item, form))
    return index


def _longest_at(text_words: list[Word], position: int, candidates):
    best = None
    for item, form in candidates:
        length = len(form)
        if best is not None and length <= best[1]:
            continue
        window = text_words[position : position + length]
        if len(window) == length and all(
            part.matches(word, any_case=not item.case_sensitive)
            for part, word in zip(form, window, strict=True)
        ):
            best = (item, length)
    return best


def outlet_entries(language: str) -> tuple[Entry, ...]:
    """The outlet's people in ``language`` and the topics its stories in
    ``language`` carry, with their other names. Two queries."""
    people = Person.objects.filter(locale__language_code=language).values_list("name", flat=True)
    found = [entry(name, TopicKind.PERSON, language) for name in people]
    topics = Topic.objects.filter(
        tagged_stories__content_object__locale__language_code=language
    ).distinct()
    for topic in topics:
        found.append(
            entry(
                topic.name,
                topic.kind,
                language,
                topic.other_names,
                case_sensitive=topic.kind != TopicKind.THEME,
            )
        )
    return tuple(found)


def story_text(story) -> str:
    """A story's headline, lead and body as plain text."""
    return "\n".join(part for part in (story.title, story.lead, body_text(story)) if part)

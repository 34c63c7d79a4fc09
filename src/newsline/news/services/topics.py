"""Topic suggestions: found in a story's text, kept with what the editor said of
each, and an accepted one made a topic of the right type."""

from django.db import transaction

from newsline.core.text import printable

from ..models import ArticlePage, SuggestionState, Topic, TopicKind, TopicSuggestion
from ..suggest import Suggestion, story_text, suggest

NAME_LIMIT = 100


def suggestions_for_text(text: str, language: str, *, story: ArticlePage | None = None) -> list:
    """What ``text`` mentions, less what the story already carries and what an
    editor rejected on it."""
    found = suggest(text, language)
    if story is None or story.pk is None:
        return found
    rejected = set(
        TopicSuggestion.objects.filter(story=story, state=SuggestionState.REJECTED).values_list(
            "name", flat=True
        )
    )
    carried = set(story.topics.values_list("name", flat=True))
    return [s for s in found if s.name not in rejected and s.name not in carried]


def record_suggestions(story: ArticlePage) -> list[Suggestion]:
    """Find and keep the suggestions of a saved story (a wire story on arrival),
    so the editor who opens it sees them; decisions already made stay."""
    found = suggestions_for_text(story_text(story), story.locale.language_code, story=story)
    with transaction.atomic():
        TopicSuggestion.objects.filter(story=story, state=SuggestionState.OPEN).exclude(
            name__in=[s.name for s in found]
        ).delete()
        for item in found:
            TopicSuggestion.objects.get_or_create(
                story=story,
                name=item.name,
                defaults={"kind": item.kind, "found_as": item.found_as[:NAME_LIMIT]},
            )
    return found


def decide(story: ArticlePage, name: str, kind: str, *, accept: bool, user) -> Topic | None:
    """Record the editor's answer; an accepted suggestion is a topic of its type
    (made if new; an untyped one is typed only by those who may type topics), for
    the editor's form to carry."""
    name = printable(name).strip()[:NAME_LIMIT]
    kind = kind if kind in TopicKind.values else TopicKind.THEME
    state = SuggestionState.ACCEPTED if accept else SuggestionState.REJECTED
    with transaction.atomic():
        TopicSuggestion.objects.update_or_create(
            story=story, name=name, defaults={"kind": kind, "state": state, "decided_by": user}
        )
        return accepted_topic(name, kind, user) if accept else None


def accepted_topic(name: str, kind: str, user) -> Topic:
    topic = Topic.objects.filter(name=name).first()
    if topic is None:
        # Taggit's save gives a new topic a free slug, as for a typed one.
        return Topic.objects.create(name=name, kind=kind)
    may_type = user is not None and user.has_perm("news.change_topic")
    if may_type and topic.kind == TopicKind.THEME and kind != TopicKind.THEME:
        topic.kind = kind
        topic.save(update_fields=["kind"])
    return topic

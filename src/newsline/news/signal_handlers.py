"""Keeps a story's section column true to the tree when a story is moved.

Wagtail's move saves a plain ``Page``, so the story's own ``save`` (which sets the
column otherwise) does not run. This is the news app's own data, hence its own
handler rather than one in ``publishing`` (decision 0011)."""

from wagtail.signals import post_page_move

from .models import ArticlePage


def refile_moved_story(sender, instance, **kwargs):
    if not issubclass(sender, ArticlePage):
        return
    moved = ArticlePage.objects.get(pk=instance.pk)
    ArticlePage.objects.filter(pk=moved.pk).update(section_page_id=moved.parent_section_id())


def connect():
    post_page_move.connect(refile_moved_story, dispatch_uid="newsline.news.refile_moved_story")

"""Keeps a story's section column true to the tree when a story is moved, and
routing's memory of sites true to the sites.

Wagtail's move saves a plain ``Page``, so the story's own ``save`` (which sets the
column otherwise) does not run. This is the news app's own data, hence its own
handler rather than one in ``publishing`` (decision 0011)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import post_page_move

from . import routing
from .models import ArticlePage


def refile_moved_story(sender, instance, **kwargs):
    if not issubclass(sender, ArticlePage):
        return
    moved = ArticlePage.objects.get(pk=instance.pk)
    ArticlePage.objects.filter(pk=moved.pk).update(section_page_id=moved.parent_section_id())


def connect():
    post_page_move.connect(refile_moved_story, dispatch_uid="newsline.news.refile_moved_story")
    # Routing keeps sites per process (routing.site_for): a change forgets them.
    post_save.connect(routing.forget_sites, sender=Site, dispatch_uid="newsline.sites.saved")
    post_delete.connect(routing.forget_sites, sender=Site, dispatch_uid="newsline.sites.deleted")

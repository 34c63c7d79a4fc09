from django import template

from newsline.core import parts
from newsline.news.filed import story_links_markup

register = template.Library()


@register.simple_tag(takes_context=True)
def story_article(context):
    """The story's ``<article>``, in its kind's template (``article_template``):
    as filed for the story, or rendered now (``news/filed.py``)."""
    page = context["page"]
    kind_template = context.template.engine.get_template(page.article_template)
    return parts.markup(context, parts.ARTICLE, lambda: kind_template.render(context))


@register.simple_tag(takes_context=True)
def story_links(context):
    """The story's links to other stories (newer and older in its section,
    related): as filed for the story, or found and rendered now (``news/filed.py``)."""
    links_template = context.template.engine.get_template("news/story_links.html")

    def render(links):
        with context.push(**links):
            return links_template.render(context)

    return story_links_markup(context["page"], context.get("request"), render)

from django import template

from newsline.core import parts

register = template.Library()


@register.simple_tag(takes_context=True)
def story_article(context):
    """The story's ``<article>``, in its kind's template (``article_template``):
    as filed for the story, or rendered now (``news/filed.py``)."""
    page = context["page"]
    kind_template = context.template.engine.get_template(page.article_template)
    return parts.markup(context, parts.ARTICLE, lambda: kind_template.render(context))

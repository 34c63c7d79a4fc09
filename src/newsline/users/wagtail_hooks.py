from django.conf import settings
from wagtail import hooks
from wagtail.admin.ui.components import Component


class NoMailPanel(Component):
    """On the admin's home page, for administrators, while no mail can be sent."""

    name = "newsline_no_mail"
    order = 20
    template_name = "users/no_mail_panel.html"


@hooks.register("construct_homepage_panels")
def add_no_mail_panel(request, panels):
    if request.user.is_superuser and not settings.NEWSLINE_MAIL_CONFIGURED:
        panels.insert(0, NoMailPanel())

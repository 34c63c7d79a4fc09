from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import views


class NoMailPanel(Component):
    """On the admin's home page, for administrators, while no mail can be sent."""

    name = "newsline_no_mail"
    order = 20
    template_name = "users/no_mail_panel.html"


@hooks.register("construct_homepage_panels")
def add_no_mail_panel(request, panels):
    if request.user.is_superuser and not settings.NEWSLINE_MAIL_CONFIGURED:
        panels.insert(0, NoMailPanel())


@hooks.register("register_admin_urls")
def two_step_urls():
    return [
        path("two-step/", views.two_step_setup, name="newsline_two_step_setup"),
        path("two-step/verify/", views.two_step_verify, name="newsline_two_step_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_step_menu_item(request):
    return {
        "url": reverse("newsline_two_step_setup"),
        "label": _("Two-step sign-in"),
        "help_text": _("An authenticator app's codes and recovery codes, asked for at sign-in."),
    }
